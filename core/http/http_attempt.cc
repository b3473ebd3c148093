#include "core/http/http_attempt.h"

#include "core/fetch/readable_excerpt.h"

#include "core/http/response_check.h"
#include "core/http/retry_policy.h"

namespace stacfs::http {

ErrorCode ErrorCodeForHttpStatus(long status) {
  if (status == 404 || status == 410) return ErrorCode::kNotFound;
  if (status == 401 || status == 403) return ErrorCode::kPermissionDenied;
  if (status >= 300 && status < 400) return ErrorCode::kUnsupported;
  if (status >= 400 && status < 500) return ErrorCode::kInvalidArgument;
  if (status >= 500 && status < 600) return ErrorCode::kUnavailable;
  return ErrorCode::kCorrupt;
}

HttpOutcome JudgeHttpAttempt(const HttpAttempt& attempt) {
  if (attempt.status == 0 || (attempt.transport_error && attempt.status >= 200 &&
                              attempt.status < 300)) {
    // No response, or a 2xx whose body did not arrive in full: the exchange failed.
    Error error = attempt.transport_error ? *attempt.transport_error
                                          : Corrupt("no HTTP response received");
    if (attempt.status != 0) {
      error = Error(error.code(), "response interrupted: " + error.message());
    }
    return {attempt.transport_error_retryable ? HttpVerdict::kRetry : HttpVerdict::kFail, error};
  }
  if (attempt.status >= 200 && attempt.status < 300) return {HttpVerdict::kSuccess, std::nullopt};

  // The status decides: a 404 is final even if its body was cut short, a 503 retried either way.
  std::string message = DescribeHttpStatus(attempt.status);
  if (attempt.status >= 300 && attempt.status < 400) {
    message += " (redirect without a usable Location, or too many redirects)";
  }
  std::string excerpt = ReadableExcerpt(attempt.error_body_excerpt);
  if (!excerpt.empty()) message += " (response body: \"" + excerpt + "\")";
  Error error(ErrorCodeForHttpStatus(attempt.status), std::move(message));
  return {IsRetryableHttpStatus(attempt.status) ? HttpVerdict::kRetry : HttpVerdict::kFail,
          std::move(error)};
}

}  // namespace stacfs::http
