-- wrk script for Q1, Q2 and Q3 (run.sh): POSTs the body of $REQUEST (a file of requests/) as the ADMIN client of
-- $TOKEN and counts every answer that is not HTTP 200 with exactly the bytes of $EXPECTED (written by expected.py).
-- With $RATE set (requests per second for this wrk thread), a delay() paces the requests to about that rate, for the
-- latency at part load; without it wrk sends as fast as the connections allow.
--   TOKEN=... REQUEST=bench/requests/q2.json EXPECTED=/tmp/q2.json wrk -t1 -c16 -d15s -s bench/exact.lua URL
local function slurp(path)
  local f = assert(io.open(assert(path, "REQUEST and EXPECTED must name files"), "rb"))
  local text = f:read("*a")
  f:close()
  return (text:gsub("%s+$", ""))
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
wrk.body = slurp(os.getenv("REQUEST"))
local expected = slurp(os.getenv("EXPECTED"))

-- response() runs in each thread's own Lua state, and done() in yet another one: a plain global counter read in
-- done() would always be 0. So every thread counts in its own globals and done() sums them through thread:get().
threads = {}
function setup(thread)
  table.insert(threads, thread)
end

wrong = 0
first_wrong = nil
function response(status, headers, body)
  if status ~= 200 or body ~= expected then
    wrong = wrong + 1
    if not first_wrong then first_wrong = status .. " " .. body:sub(1, 300) end
  end
end

local rate = tonumber(os.getenv("RATE") or "")
if rate then
  -- wrk has no clock in Lua; LuaJIT's FFI reaches clock_gettime. Every request takes the next slot of a fixed
  -- schedule (one per 1/rate s) shared by the thread's connections, so the thread sends about `rate` requests per
  -- second as long as a connection is free. wrk times each request from when it is sent, not from its slot.
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]]
  local ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval = 1000 / rate
  local next_slot = nil
  function delay()
    local now = now_ms()
    -- A schedule that fell behind (server slower than the rate) restarts from now instead of bursting to catch up.
    if not next_slot or next_slot < now - interval then next_slot = now end
    local wait = next_slot - now
    next_slot = next_slot + interval
    return math.floor(wait)
  end
end

dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
