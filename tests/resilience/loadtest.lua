-- wrk script for tests/resilience/test_load.py: a mix of public pages, weighted as readers
-- browse (the summary report and workshop pages most), and a JSON summary for the test.
local pages = {
  "/", "/", "/series/",
  "/series/key-migration-issues/", "/series/key-migration-issues/",
  "/series/key-migration-issues/", "/series/key-migration-issues/schedule/",
  "/series/key-migration-issues/workshops/international-trafficking-in-human-beings/",
  "/series/key-migration-issues/workshops/labour-migration/",
  "/series/key-migration-issues/workshops/contributions-of-diasporas/",
  "/series/key-migration-issues/workshops/hiv-aids-and-migration/",
  "/series/key-migration-issues/workshops/migration-and-human-rights/",
  "/organizations/", "/organizations/unitar/", "/organizations/iom/", "/organizations/unfpa/",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", pages[(counter % #pages) + 1])
end

done = function(summary, latency, requests)
  local out = io.open(os.getenv("WRK_SUMMARY"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"latency_mean_ms": %.2f, "latency_p50_ms": %.2f, "latency_p90_ms": %.2f, ' ..
    '"latency_p99_ms": %.2f, "latency_max_ms": %.2f}',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  out:close()
end
