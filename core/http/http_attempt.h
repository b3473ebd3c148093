// Judging one attempt of an HttpClient request: done, worth another attempt, or failed.
//
// Pure (no curl, no clock) so that every rule is unit-tested; curl_http_client.cc observes an
// attempt, fills an HttpAttempt and acts on the verdict. The rules are CurlFetcher's: 408, 429
// and 5xx statuses and dropped connections are transient; other statuses are final.
#pragma once

#include <optional>
#include <string>

#include "core/base/error.h"

namespace stacfs::http {

struct HttpAttempt {
  long status = 0;                       // 0: no status line received
  std::optional<Error> transport_error;  // the exchange did not complete (connect, reset...)
  bool transport_error_retryable = false;
  std::string error_body_excerpt;        // start of a non-2xx body, as received
};

enum class HttpVerdict { kSuccess, kRetry, kFail };

struct HttpOutcome {
  HttpVerdict verdict = HttpVerdict::kFail;
  std::optional<Error> error;  // set unless kSuccess
};

HttpOutcome JudgeHttpAttempt(const HttpAttempt& attempt);

// The error class of a final HTTP status: 404 → kNotFound, 401/403 → kPermissionDenied, other
// 4xx → kInvalidArgument, 5xx → kUnavailable, 3xx → kUnsupported.
ErrorCode ErrorCodeForHttpStatus(long status);

}  // namespace stacfs::http
