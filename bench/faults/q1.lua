-- Q1 (one user by id: id, name, email), as an ADMIN client sends it, every answer compared with the expected one.
-- Environment: TOKEN, Q1_ID (global ID), Q1_EXPECTED (the exact expected body).
-- response() and done() run in different Lua states: per-thread counters are globals read with thread:get().
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"query($id: ID!) { user(id: $id) { id name email } }","variables":{"id":"' .. os.getenv("Q1_ID") .. '"}}'

local expected = os.getenv("Q1_EXPECTED")

-- Q1_DELAY_MS: each connection waits this long between its requests, to keep the stream within a per-client rate
-- limit (the credential-flood scenario runs with production's limits); unset, requests follow each other at once.
local delay_ms = tonumber(os.getenv("Q1_DELAY_MS") or "")
if delay_ms then
  function delay()
    return delay_ms
  end
end
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
  answers = 0
  first_wrong = ""
end

function response(status, headers, body)
  answers = answers + 1
  if status ~= 200 or body ~= expected then
    wrong = wrong + 1
    if first_wrong == "" then first_wrong = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local w, a, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    w = w + thread:get("wrong")
    a = a + thread:get("answers")
    if first == "" then first = thread:get("first_wrong") or "" end
  end
  local e = summary.errors
  io.write(string.format("answers %d\nwrong %d\nsocket_errors %d\n", a, w, e.connect + e.read + e.write + e.timeout))
  io.write(string.format("p50_ms %.1f\np99_ms %.1f\nmax_ms %.1f\nrps %.0f\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests / (summary.duration / 1e6)))
  if first ~= "" then io.write("first_wrong " .. first .. "\n") end
end
