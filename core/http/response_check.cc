#include "core/http/response_check.h"

#include "core/http/content_range.h"
#include "core/http/retry_policy.h"

namespace stacfs::http {
namespace {

std::string RangeText(const ByteRange& range) { return range.ToHttpRange(); }

// "bytes=0-99" of a parsed Content-Range, in the same notation as the request, so that a
// mismatch reads as a like-for-like comparison.
std::string ContentRangeText(const ContentRange& cr) {
  std::string total = cr.complete_length ? std::to_string(*cr.complete_length) : "*";
  if (!cr.range) return "*/" + total;
  return std::to_string(cr.range->offset) + "-" + std::to_string(cr.range->end() - 1) + "/" +
         total;
}

// Error pages (a proxy's HTML 502) help a user see who failed; keep a short, printable,
// tag-free excerpt for the message.
std::string ExcerptForMessage(const std::string& body) {
  std::string out;
  bool in_tag = false;
  bool last_space = true;
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (c == '>') {
      in_tag = false;
      c = ' ';
    }
    if (in_tag) continue;
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!last_space) out += ' ';
      last_space = true;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
    out += c;
    last_space = false;
    if (out.size() >= 160) {
      out += "...";
      break;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

AttemptOutcome CheckStatus206(const std::optional<ByteRange>& range,
                              const ResponseHeaders& headers) {
  if (!range) return AttemptOutcome::Fail(Corrupt("HTTP 206 to a request for the whole object"));
  if (!headers.content_range) {
    return AttemptOutcome::Fail(Corrupt("HTTP 206 without a Content-Range header"));
  }
  Result<ContentRange> parsed = ParseContentRange(*headers.content_range);
  if (!parsed) return AttemptOutcome::Fail(parsed.error());
  if (parsed->range && parsed->complete_length && parsed->range->offset == range->offset &&
      parsed->range->end() == *parsed->complete_length && range->end() > *parsed->complete_length) {
    // The server clipped our range at the end of the object: the request reaches past the end.
    // That is the caller's kOutOfRange, not a broken server.
    return AttemptOutcome::Fail(OutOfRange(
        "range " + RangeText(*range) + " extends past the end of the object (the object is " +
        std::to_string(*parsed->complete_length) + " bytes)"));
  }
  if (!parsed->range || !(*parsed->range == *range)) {
    return AttemptOutcome::Fail(Corrupt("server sent bytes " + ContentRangeText(*parsed) +
                                        " for requested " + RangeText(*range)));
  }
  return AttemptOutcome::Success(parsed->complete_length);
}

AttemptOutcome CheckStatus416(const std::optional<ByteRange>& range,
                              const ResponseHeaders& headers) {
  std::string size = "the server did not say how large the object is";
  if (headers.content_range) {
    Result<ContentRange> parsed = ParseContentRange(*headers.content_range);
    if (parsed && parsed->complete_length) {
      size = "the object is " + std::to_string(*parsed->complete_length) + " bytes";
    }
  }
  std::string what = range ? "range " + RangeText(*range) : "the request";
  return AttemptOutcome::Fail(
      OutOfRange(what + " is past the end of the object (HTTP 416; " + size + ")"));
}

}  // namespace

std::string DescribeHttpStatus(long http_status) {
  const char* reason = "";
  switch (http_status) {
    case 200: reason = " OK"; break;
    case 206: reason = " Partial Content"; break;
    case 301: reason = " Moved Permanently"; break;
    case 302: reason = " Found"; break;
    case 304: reason = " Not Modified"; break;
    case 400: reason = " Bad Request"; break;
    case 401: reason = " Unauthorized"; break;
    case 403: reason = " Forbidden"; break;
    case 404: reason = " Not Found"; break;
    case 405: reason = " Method Not Allowed"; break;
    case 408: reason = " Request Timeout"; break;
    case 410: reason = " Gone"; break;
    case 416: reason = " Range Not Satisfiable"; break;
    case 429: reason = " Too Many Requests"; break;
    case 500: reason = " Internal Server Error"; break;
    case 501: reason = " Not Implemented"; break;
    case 502: reason = " Bad Gateway"; break;
    case 503: reason = " Service Unavailable"; break;
    case 504: reason = " Gateway Timeout"; break;
    default: break;
  }
  return "HTTP " + std::to_string(http_status) + reason;
}

AttemptOutcome CheckHeaders(const std::optional<ByteRange>& range, long http_status,
                            const ResponseHeaders& headers) {
  if (http_status == 206) return CheckStatus206(range, headers);
  if (http_status == 200) {
    if (range) {
      // RFC 9110 lets a server ignore Range and send the whole object with 200. That is valid
      // HTTP, so the data is not "corrupt": the server lacks a feature stacfs needs (ranged
      // reads), hence kUnsupported. It is not retried: the same server answers the same way.
      return AttemptOutcome::Fail(Unsupported(
          "server ignored the Range header (HTTP 200 with the whole object instead of 206 for " +
          RangeText(*range) + "); serve the data from a server that supports range requests"));
    }
    std::optional<uint64_t> size;
    if (headers.content_length) size = ParseDecimalU64(*headers.content_length);
    return AttemptOutcome::Success(size);
  }
  std::string status = DescribeHttpStatus(http_status);
  if (http_status == 416) return CheckStatus416(range, headers);
  if (http_status == 404 || http_status == 410) return AttemptOutcome::Fail(NotFound(status));
  if (http_status == 401 || http_status == 403) {
    return AttemptOutcome::Fail(PermissionDenied(status));
  }
  if (IsRetryableHttpStatus(http_status)) return AttemptOutcome::Retry(Unavailable(status));
  if (http_status >= 200 && http_status < 300) {
    return AttemptOutcome::Fail(Corrupt("unexpected " + status + " to a GET"));
  }
  if (http_status >= 300 && http_status < 400) {
    return AttemptOutcome::Fail(
        Unsupported(status + " (redirect without a usable Location, or too many redirects)"));
  }
  if (http_status >= 400 && http_status < 500) {
    return AttemptOutcome::Fail(InvalidArgument(status + " (the server refused the request)"));
  }
  if (http_status >= 500 && http_status < 600) return AttemptOutcome::Fail(Unavailable(status));
  return AttemptOutcome::Fail(Corrupt("invalid HTTP status " + std::to_string(http_status)));
}

AttemptOutcome CheckAttempt(const std::optional<ByteRange>& range,
                            const AttemptObservation& observation) {
  const AttemptObservation& o = observation;
  if (o.body_abort == BodyAbort::kCallbackFailure) {
    return AttemptOutcome::Fail(ResourceExhausted("out of memory while receiving the body"));
  }
  if (o.http_status == 0) {
    if (!o.transport_failure) return AttemptOutcome::Fail(Corrupt("no HTTP response received"));
    Error error(o.transport_failure->code, o.transport_failure->message);
    return o.transport_failure->retryable ? AttemptOutcome::Retry(std::move(error))
                                          : AttemptOutcome::Fail(std::move(error));
  }

  // The status decides first: a 404 is final even if the connection dropped during its body,
  // and a 503 is worth a retry either way.
  AttemptOutcome head = CheckHeaders(range, o.http_status, o.headers);
  if (head.verdict != Verdict::kSuccess) {
    if (o.http_status >= 300 && !o.error_body_excerpt.empty()) {
      std::string excerpt = ExcerptForMessage(o.error_body_excerpt);
      if (!excerpt.empty()) {
        Error& e = *head.error;
        e = Error(e.code(), e.message() + " (response body: \"" + excerpt + "\")");
      }
    }
    return head;
  }

  if (o.body_abort == BodyAbort::kTooLong) {
    // Content-Range matched, yet more bytes came than it announced: the server is broken;
    // asking again will not help and the bytes cannot be trusted.
    return AttemptOutcome::Fail(Corrupt("body longer than requested: more than " +
                                        std::to_string(range ? range->length : o.body_bytes) +
                                        " bytes"));
  }
  if (o.body_abort == BodyAbort::kTooLarge) {
    std::string announced =
        o.headers.content_length ? " (Content-Length " + *o.headers.content_length + ")" : "";
    return AttemptOutcome::Fail(ResourceExhausted(
        "object larger than the limit for whole-object fetches" + announced +
        "; fetch it by ranges"));
  }
  if (o.transport_failure) {
    // The status was fine but the body did not arrive in full: a reset or a stall mid-body.
    std::string expected = range ? " of " + std::to_string(range->length) : "";
    Error error(o.transport_failure->code,
                "transfer interrupted after " + std::to_string(o.body_bytes) + expected +
                    " body bytes: " + o.transport_failure->message);
    return o.transport_failure->retryable ? AttemptOutcome::Retry(std::move(error))
                                          : AttemptOutcome::Fail(std::move(error));
  }
  std::optional<uint64_t> expected_bytes;
  if (range) {
    expected_bytes = range->length;
  } else if (o.headers.content_length) {
    expected_bytes = ParseDecimalU64(*o.headers.content_length);
  }
  if (expected_bytes && o.body_bytes != *expected_bytes) {
    // Never zero-fill. A short body is usually a dropped connection or a proxy hiccup, so it
    // is worth another attempt.
    return AttemptOutcome::Retry(Corrupt("short body: got " + std::to_string(o.body_bytes) +
                                         " of " + std::to_string(*expected_bytes) + " bytes"));
  }
  if (!range) return AttemptOutcome::Success(o.body_bytes);
  return head;  // carries the Content-Range total as the object size
}

}  // namespace stacfs::http
