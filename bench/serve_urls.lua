-- wrk script for bench/serve.sh: requests the tile paths listed in the file named by URLS (one per line),
-- each wrk thread starting at its own place in the list; prints the latency percentiles and the errors
-- (connection errors, timeouts, and statuses of 400 and above).
local paths = {}
for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
local next_index = 1
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("first", thread_count)
end

function init(args)
  next_index = (first * 7919) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
  local errors = summary.errors
  io.write(string.format("errors=%d (connect %d, read %d, write %d, status >= 400 %d, timeout %d)\n",
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout))
end
