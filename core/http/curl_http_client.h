// CurlHttpClient: the HttpClient on libcurl, for web APIs (STAC API landing pages, GET and
// POST /search with paging).
//
// Retries follow CurlFetcher's rules and share its RetryPolicy and Retry-After parsing: 408,
// 429, 5xx and connection failures get another attempt after a jittered exponential backoff, or
// after the server's Retry-After when it sends one (capped at max_retry_after_ms); all attempts
// and waits of one Send fit in total_deadline_ms, after which Send fails. A Retry-After that
// would end past the deadline fails at once, saying so, rather than sleeping into a timeout.
//
// Unlike CurlFetcher there is no transport thread: API requests are few and sequential (one
// page at a time), so Send runs its attempts on the caller's thread with curl_easy_perform.
// Easy handles are pooled, and with them their connections (keep-alive, TLS sessions); the pool
// lock is held only to take or return a handle, never across I/O. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "core/base/log.h"
#include "core/fetch/http_client.h"

namespace stacfs {

namespace http {
struct EasyPool;
}

struct CurlHttpClientOptions {
  uint64_t total_deadline_ms = 60000;  // per Send, all attempts and waits included
  uint64_t connect_timeout_ms = 10000;
  int max_attempts = 6;  // the first attempt included
  uint64_t backoff_initial_ms = 200;
  uint64_t backoff_max_ms = 5000;
  uint64_t max_retry_after_ms = 30000;
  // An attempt receiving less than this for low_speed_time_s is aborted (and retried).
  uint64_t low_speed_limit_bytes_per_s = 1;
  uint64_t low_speed_time_s = 30;
  uint64_t max_response_bytes = uint64_t{256} << 20;  // larger bodies: kResourceExhausted
  long max_redirects = 5;
  std::string user_agent = "stacfs/0.1";
  std::string ca_info_path;    // PEM CA bundle; empty: the system's
  HttpHeaders default_headers; // sent with every request, before the request's own
  Logger logger;
};

class CurlHttpClient final : public HttpClient {
 public:
  using Options = CurlHttpClientOptions;

  // Fails with kInvalidArgument on nonsensical options.
  static Result<std::unique_ptr<CurlHttpClient>> Create(Options options);
  ~CurlHttpClient() override;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  explicit CurlHttpClient(Options options);
  uint64_t RandomBackoffMs(int failed_attempts);

  const Options options_;
  std::unique_ptr<http::EasyPool> pool_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;  // guarded by random_mutex_
};

}  // namespace stacfs
