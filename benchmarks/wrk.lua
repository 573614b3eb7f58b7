-- wrk script for benchmarks/run.py: one URL (given on wrk's command line), and a JSON
-- summary with latency percentiles and every kind of error, written to $WRK_SUMMARY.
-- wrk counts a response with a status of 400 or more as a status error; 3xx are not errors.
done = function(summary, latency, requests)
  local out = io.open(os.getenv("WRK_SUMMARY"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"latency_mean_ms": %.3f, "latency_p50_ms": %.3f, "latency_p90_ms": %.3f, ' ..
    '"latency_p99_ms": %.3f, "latency_max_ms": %.3f}',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  out:close()
end
