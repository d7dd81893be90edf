-- wrk script for M1 (run.sh): createUser as the ADMIN client of $TOKEN, with an email no other request of any run
-- uses: bench-m1-$NONCE-<thread>-<counter>@example.com ($NONCE differs per wrk run, so warm-up and measurement do not
-- collide). An answer counts as wrong unless it is HTTP 200 without "errors" and echoes an email this thread sent
-- and has not seen answered yet.
--   TOKEN=... NONCE=$RANDOM wrk -t1 -c16 -d15s -s bench/m1.lua URL
local nonce = assert(os.getenv("NONCE"), "NONCE is not set")
local token = assert(os.getenv("TOKEN"), "TOKEN is not set")
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }

threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

counter = 0
pending = {}
wrong = 0
first_wrong = nil

function request()
  counter = counter + 1
  local email = string.format("bench-m1-%s-%d-%d@example.com", nonce, tid, counter)
  pending[email] = true
  local body = '{"query":"mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email } } }",'
    .. '"variables":{"input":{"name":"Bench M1","email":"' .. email .. '","password":"bench-password","role":"USER"}}}'
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  local email = body:match('"email":"([^"]*)"')
  if status == 200 and not body:find('"errors"', 1, true) and email and pending[email] then
    pending[email] = nil
  else
    wrong = wrong + 1
    if not first_wrong then first_wrong = status .. " " .. body:sub(1, 300) end
  end
end

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
