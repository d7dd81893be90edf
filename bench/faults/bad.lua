-- The malformed and abusive requests written by `faults.py bad-bodies DIR` (DIR in the environment as BAD_DIR),
-- sent round-robin. Every answer must be a refusal with a known error code: a 4xx, or a 200 carrying errors and no
-- data. Nothing may be a 5xx or leak an exception name.
local dir = os.getenv("BAD_DIR")
local token = os.getenv("TOKEN")
local threads = {}
-- BAD_CODES (space-separated) replaces the codes that count as a refusal, for a stream of another kind.
local codes = { BAD_REQUEST = 1, GRAPHQL_PARSE_FAILED = 1, GRAPHQL_VALIDATION_FAILED = 1, BAD_USER_INPUT = 1,
  UNAUTHENTICATED = 1 }
if (os.getenv("BAD_CODES") or "") ~= "" then
  codes = {}
  for code in os.getenv("BAD_CODES"):gmatch("%S+") do codes[code] = 1 end
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  answers, refused, server_errors, wrong = 0, 0, 0, 0
  first_wrong = ""
  for line in io.lines(dir .. "/manifest") do
    local name, content_type, auth = line:match("^([^|]*)|([^|]*)|([^|]*)|")
    local f = assert(io.open(dir .. "/" .. name .. ".body", "rb"))
    local body = f:read("*a")
    f:close()
    local headers = { ["Content-Type"] = content_type }
    if auth == "yes" then headers["Authorization"] = "Bearer " .. token end
    if auth == "bad" then headers["Authorization"] = "Bearer not.a.token" end
    table.insert(requests, wrk.format("POST", "/graphql", headers, body))
  end
  next_request = 0
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  answers = answers + 1
  local code = body:match('"code":"([A-Z_]+)"')
  local ok = code ~= nil and codes[code] ~= nil and not body:find("Exception", 1, true)
  if status == 200 then
    ok = ok and body:find('"data":{', 1, true) == nil
  elseif not (status == 400 or status == 401 or status == 413 or status == 415 or status == 429) then
    ok = false
  end
  if status >= 500 then server_errors = server_errors + 1 end
  if ok then
    refused = refused + 1
  else
    wrong = wrong + 1
    if first_wrong == "" then first_wrong = status .. " " .. string.sub(body, 1, 200) end
  end
end

function done(summary, latency, requests)
  local a, r, s, w, first = 0, 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    a = a + thread:get("answers")
    r = r + thread:get("refused")
    s = s + thread:get("server_errors")
    w = w + thread:get("wrong")
    if first == "" then first = thread:get("first_wrong") or "" end
  end
  local e = summary.errors
  io.write(string.format("answers %d\nrefused %d\nserver_errors %d\nwrong %d\nsocket_errors %d\n", a, r, s, w,
    e.connect + e.read + e.write + e.timeout))
  io.write(string.format("p99_ms %.1f\nmax_ms %.1f\nrps %.0f\n", latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
  if first ~= "" then io.write("first_wrong " .. first .. "\n") end
end
