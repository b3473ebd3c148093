// CurlFetcher: the Fetcher for http:// and https:// URLs, on libcurl.
//
// Contract (beyond Fetcher's): a ranged GET is answered only by a 206 whose Content-Range is
// exactly the requested range and whose body is exactly that long; a 200 only answers a
// whole-object request. Transient failures (408, 429, 500, 502, 503, 504, connection errors,
// resets, stalls, short bodies) are retried with jittered exponential backoff, honouring
// Retry-After, up to max_attempts and within total_deadline_ms per request; then the fetch fails.
// It never hangs and never returns wrong or zero-filled bytes. Every error names the URL and
// the range.
//
// Threads: one transport thread per fetcher drives a single curl multi handle, so connections
// (HTTP/1.1 keep-alive, HTTP/2 multiplexing over TLS) are shared by every request. Callers of
// Fetch/FetchMany hand requests to that thread and block, holding no lock, until their results
// are delivered. FetchMany runs all its requests concurrently. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

namespace http {
class Transport;
}

struct CurlFetcherOptions {
  // Per request, all attempts and waits included.
  uint64_t total_deadline_ms = 60000;
  uint64_t connect_timeout_ms = 10000;
  int max_attempts = 6;  // the first attempt included
  uint64_t backoff_initial_ms = 100;
  uint64_t backoff_max_ms = 5000;
  uint64_t max_retry_after_ms = 30000;  // a longer Retry-After is shortened to this
  // Stall detection: an attempt receiving less than low_speed_limit_bytes_per_s for
  // low_speed_time_s seconds is aborted (and retried). 0 bytes/s turns it off.
  uint64_t low_speed_limit_bytes_per_s = 1024;
  uint64_t low_speed_time_s = 20;
  std::string user_agent = "stacfs/0.1";
  long max_connections = 16;  // simultaneously open connections, all hosts together
  long max_redirects = 5;     // 0: do not follow redirects
  // Without a range, the object must fit in memory; larger ones are refused (kResourceExhausted).
  uint64_t max_whole_object_bytes = uint64_t{1} << 30;
  std::string ca_info_path;                // PEM CA bundle; empty: the system's
  std::vector<std::string> extra_headers;  // e.g. "Authorization: Bearer ..."
  Logger logger;
};

// Counters since the fetcher was created; a snapshot.
struct CurlFetcherStats {
  uint64_t requests = 0;   // fetches asked for
  uint64_t succeeded = 0;
  uint64_t failed = 0;
  uint64_t attempts = 0;   // HTTP attempts started, retries included
  uint64_t retries = 0;    // attempts scheduled after a transient failure
  uint64_t bytes_received = 0;  // payload bytes of successful attempts
  uint64_t connections_opened = 0;
  uint64_t http2_responses = 0;
};

class CurlFetcher final : public Fetcher {
 public:
  using Options = CurlFetcherOptions;

  // Preferred: fails with kInvalidArgument on nonsensical options, or when libcurl cannot start.
  static Result<std::unique_ptr<CurlFetcher>> Create(Options options);
  // For composition code that cannot handle a failure at construction: the same checks, but a
  // failure is reported by every Fetch instead (kInvalidArgument, kUnavailable...).
  explicit CurlFetcher(Options options);
  ~CurlFetcher() override;

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

  CurlFetcherStats stats() const;

 private:
  explicit CurlFetcher(std::unique_ptr<http::Transport> transport);

  std::unique_ptr<http::Transport> transport_;  // null when it could not start
  std::optional<Error> startup_error_;          // why transport_ is null
};

}  // namespace stacfs
