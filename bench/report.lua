-- Shared by exact.lua and m1.lua: done() prints one line that run.sh reads, built from wrk's own summary and the
-- per-thread "wrong" counters (see exact.lua for why they go through thread:get()). Needs `threads` from setup().
function done(summary, latency, requests)
  local wrong, sample = 0, nil
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("wrong") or 0)
    sample = sample or thread:get("first_wrong")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d wrong=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout,
    wrong))
  if sample then io.write("BENCH first wrong answer: " .. sample .. "\n") end
end
