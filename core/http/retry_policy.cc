#include "core/http/retry_policy.h"

namespace stacfs::http {

uint64_t RetryPolicy::BackoffCeilingMs(int failed_attempts) const {
  uint64_t ceiling = backoff_initial_ms;
  // Double until the cap; stop early so the shift can never overflow.
  for (int i = 1; i < failed_attempts && ceiling < backoff_max_ms; ++i) ceiling *= 2;
  return ceiling < backoff_max_ms ? ceiling : backoff_max_ms;
}

uint64_t RetryPolicy::BackoffDelayMs(int failed_attempts, double unit_random) const {
  if (!(unit_random >= 0.0)) unit_random = 0.0;  // also catches NaN
  if (unit_random >= 1.0) unit_random = 0.0;
  uint64_t ceiling = BackoffCeilingMs(failed_attempts);
  // [0, ceiling] inclusive: scale by ceiling + 1 and truncate.
  uint64_t delay = static_cast<uint64_t>(unit_random * static_cast<double>(ceiling + 1));
  return delay < ceiling ? delay : ceiling;  // guards against rounding up for huge ceilings
}

uint64_t RetryPolicy::CapRetryAfterMs(uint64_t asked_ms) const {
  return asked_ms < max_retry_after_ms ? asked_ms : max_retry_after_ms;
}

bool IsRetryableHttpStatus(long status) {
  switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504: return true;
    default: return false;
  }
}

}  // namespace stacfs::http
