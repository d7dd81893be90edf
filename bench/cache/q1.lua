-- Q1 of ../../../shared/bench/dataset.md: one user by id (user 42: id, name, email), as an ADMIN client sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"query($id: ID!) { user(id: $id) { id name email } }","variables":{"id":"VXNlcjo0Mg"}}'

local expected = '{"data":{"user":{"id":"VXNlcjo0Mg","name":"User 42","email":"user42@example.com"}}}'
local wrong = 0

response = function(status, headers, body)
  if status ~= 200 or body ~= expected then
    wrong = wrong + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("wrong answers: %d\n", wrong))
end
