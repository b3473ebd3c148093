// Response checks: decides, from what one HTTP attempt observed, whether its bytes are exactly
// the bytes asked for, whether another attempt may help, or whether the fetch has failed.
//
// This is the heart of "never return wrong bytes": a 206 is accepted only when its
// Content-Range is exactly the requested range, a 200 only for a whole-object request, and the
// body length must equal the requested length. It is pure (no curl, no clock) so that every rule
// is unit-tested; transfer.cc fills an AttemptObservation and the transport acts on the verdict.
//
// Error messages here say what went wrong; the caller adds the URL and range as context.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/byte_range.h"
#include "core/base/error.h"

namespace stacfs::http {

// The response header fields the fetcher cares about, as received (trimmed). Only the last
// response of a redirect chain is kept.
struct ResponseHeaders {
  std::optional<std::string> content_range;
  std::optional<std::string> content_length;
  std::optional<std::string> retry_after;
  std::string etag;
};

// Why the body callback stopped accepting bytes before the server finished sending.
enum class BodyAbort {
  kNone,
  kTooLong,          // more bytes than the requested range: the server sent something else
  kTooLarge,         // whole object larger than the configured limit
  kRejectedHeaders,  // status/Content-Range already unacceptable; the body was not wanted
  kCallbackFailure,  // could not store the body (allocation failure)
};

// A transport-level failure: the HTTP exchange did not complete (connect, reset, timeout...).
struct TransportFailure {
  std::string message;
  bool retryable = false;
  ErrorCode code = ErrorCode::kUnavailable;
};

struct AttemptObservation {
  std::optional<TransportFailure> transport_failure;  // nullopt when the exchange completed
  long http_status = 0;                               // 0: no status line received
  ResponseHeaders headers;
  uint64_t body_bytes = 0;  // payload bytes kept (only for an accepted 2xx)
  BodyAbort body_abort = BodyAbort::kNone;
  std::string error_body_excerpt;  // start of the body of a non-2xx response, for messages
};

enum class Verdict { kSuccess, kRetry, kFail };

struct AttemptOutcome {
  Verdict verdict = Verdict::kFail;
  std::optional<Error> error;            // set unless kSuccess
  std::optional<uint64_t> object_size;  // kSuccess: total object size when known

  static AttemptOutcome Success(std::optional<uint64_t> object_size) {
    return {Verdict::kSuccess, std::nullopt, object_size};
  }
  static AttemptOutcome Retry(Error error) { return {Verdict::kRetry, std::move(error), {}}; }
  static AttemptOutcome Fail(Error error) { return {Verdict::kFail, std::move(error), {}}; }
};

// Judges the status line and headers alone, before any body byte is kept. Used while the body
// arrives (to stop downloading bytes we will reject) and again at the end by CheckAttempt.
// `range` is the requested range, nullopt for a whole-object request.
AttemptOutcome CheckHeaders(const std::optional<ByteRange>& range, long http_status,
                            const ResponseHeaders& headers);

// Judges a finished attempt.
AttemptOutcome CheckAttempt(const std::optional<ByteRange>& range,
                            const AttemptObservation& observation);

// "HTTP 503 Service Unavailable": the status and its usual reason phrase.
std::string DescribeHttpStatus(long http_status);

}  // namespace stacfs::http
