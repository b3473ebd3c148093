// RetryPolicy: which failures are worth another attempt, and how long to wait before it.
//
// Backoff is exponential with "full jitter": before retry n (n = failed attempts so far) we wait
// a uniformly random time in [0, min(backoff_max_ms, backoff_initial_ms * 2^(n-1))]. Full jitter
// spreads the retries of many concurrent readers (a FUSE mount fetching dozens of chunks from a
// struggling server) instead of having them hammer it in lock-step.
#pragma once

#include <cstdint>

namespace stacfs::http {

struct RetryPolicy {
  int max_attempts = 6;               // total attempts per fetch, the first one included
  uint64_t backoff_initial_ms = 100;  // ceiling of the first backoff
  uint64_t backoff_max_ms = 5000;     // ceiling of any backoff
  uint64_t max_retry_after_ms = 30000;  // a longer Retry-After is shortened to this

  // Upper bound of the wait after `failed_attempts` (>= 1) failures.
  uint64_t BackoffCeilingMs(int failed_attempts) const;
  // The wait itself, given `unit_random` uniformly drawn from [0, 1). Taking the random number
  // as an argument keeps the policy deterministic and testable.
  uint64_t BackoffDelayMs(int failed_attempts, double unit_random) const;
  // Retry-After as asked, capped at max_retry_after_ms.
  uint64_t CapRetryAfterMs(uint64_t asked_ms) const;
};

// 408 Request Timeout, 429 Too Many Requests, 500, 502, 503, 504: the server or a proxy says
// "not now", not "never". Every other status is final.
bool IsRetryableHttpStatus(long status);

}  // namespace stacfs::http
