-- Q1 of ../../../shared/bench/dataset.md: one user by id (user 42: id, name, email), as an ADMIN client sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"query($id: ID!) { user(id: $id) { id name email } }","variables":{"id":"VXNlcjo0Mg"}}'

local expected = '{"data":{"user":{"id":"VXNlcjo0Mg","name":"User 42","email":"user42@example.com"}}}'

-- response() runs in each thread's own Lua state and done() in another one, so a global counted in response() reads
-- 0 in done(). Each thread counts in its own global; done() sums them through the thread objects setup() kept.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

wrong = 0
function response(status, headers, body)
  if status ~= 200 or body ~= expected then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("wrong")
  end
  io.write(string.format("wrong answers: %d\n", total))
end
