-- wrk script for bench/run: sends the requests of one file, each once per thread's share.
--   wrk ... -s bench/traffic.lua URL -- FILE [once]
-- FILE holds one request per line: the Signature header, a tab, the body (bench Traffic.java).
-- Thread n of N sends lines n, n+N, n+2N ... With "once", a thread that has sent all of its
-- share sends GET requests instead, which the receiver refuses (405): a run that shows non-2xx
-- answers had too few callbacks, and none was sent twice. Without "once", the share repeats.
-- With WRK_DELAY_MS set, each connection waits that long before each request: a paced load of
-- about connections * 1000 / WRK_DELAY_MS requests per second, less the answers' own time.
-- At the end one line is printed for bench/run to read:
--   RESULT requests=<n> seconds=<s> rps=<r> p50_ms=<ms> p99_ms=<ms> non2xx=<n> errors=<n>

local pause = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local file, once = args[1], args[2] == "once"
  local count = tonumber(os.getenv("WRK_THREADS") or "1")
  requests_of_thread = {}
  local n = 0
  for line in io.lines(file) do
    if n % count == index - 1 then
      local tab = line:find("\t", 1, true)
      table.insert(requests_of_thread, wrk.format("POST", nil,
        { ["Content-Type"] = "application/json", ["Signature"] = line:sub(1, tab - 1) },
        line:sub(tab + 1)))
    end
    n = n + 1
  end
  exhausted = wrk.format("GET", nil)
  next_request = 0
  repeat_share = not once
end

function request()
  next_request = next_request + 1
  if next_request > #requests_of_thread then
    if not repeat_share then
      return exhausted
    end
    next_request = 1
  end
  return requests_of_thread[next_request]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors))
end
