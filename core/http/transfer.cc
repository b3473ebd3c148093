#include "core/http/transfer.h"

#include <new>

#include "core/base/text.h"
#include "core/http/content_range.h"
#include "core/http/curl_errors.h"

namespace stacfs::http {
namespace {

// A non-2xx body is only read for the error message; reading a small one to its end keeps the
// connection reusable, but we do not download a large one.
constexpr uint64_t kErrorExcerptBytes = 512;
constexpr uint64_t kErrorBodyMaxBytes = 64 * 1024;


bool NameIs(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] - 'A' + 'a') : name[i];
    if (c != lower[i]) return false;
  }
  return true;
}

// A curl failure as the transport reports it (classification in curl_errors.h).
TransportFailure DescribeCurlFailure(CURLcode code, const char* detail) {
  TransportFailure failure;
  failure.message = "curl error " + std::to_string(static_cast<int>(code)) + ": " +
                    curl_easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') failure.message += std::string(" (") + detail + ")";
  failure.retryable = IsRetryableCurlCode(code);
  failure.code = ErrorCodeForCurl(code);
  return failure;
}

}  // namespace

Transfer::Transfer(CurlEasy easy, std::optional<ByteRange> range)
    : easy_(std::move(easy)), range_(range) {}

Result<void> Transfer::Configure(const std::string& url, const TransferSettings& s,
                                 uint64_t timeout_ms) {
  max_whole_object_bytes_ = s.max_whole_object_bytes;
  CURL* e = easy_.get();
  auto as_long = [](uint64_t v) { return static_cast<long>(v > 0x7fffffffu ? 0x7fffffffu : v); };
  uint64_t connect_ms = s.connect_timeout_ms < timeout_ms ? s.connect_timeout_ms : timeout_ms;
  std::string range_text;
  if (range_) range_text = std::to_string(range_->offset) + "-" + std::to_string(range_->end() - 1);

  // Every setopt is checked: a failure means a bug or an allocation failure, and a transfer
  // running with half its options (say, without its timeout) must never start.
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, option, value);
  };
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_HTTPGET, 1L);
  set(CURLOPT_NOSIGNAL, 1L);  // no SIGALRM-based DNS timeouts in a multi-threaded process
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, s.max_redirects > 0 ? 1L : 0L);
  set(CURLOPT_MAXREDIRS, s.max_redirects);
  set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Over TLS, wait for an in-progress connection to tell whether it multiplexes (HTTP/2)
  // rather than opening one connection per concurrent request. Plain http:// never upgrades
  // with 2TLS, so waiting there would only serialise requests behind one connection.
  set(CURLOPT_PIPEWAIT, url.rfind("https:", 0) == 0 ? 1L : 0L);
  set(CURLOPT_USERAGENT, s.user_agent.c_str());
  set(CURLOPT_CONNECTTIMEOUT_MS, as_long(connect_ms > 0 ? connect_ms : 1));
  set(CURLOPT_TIMEOUT_MS, as_long(timeout_ms > 0 ? timeout_ms : 1));
  set(CURLOPT_LOW_SPEED_LIMIT, as_long(s.low_speed_limit_bytes_per_s));
  set(CURLOPT_LOW_SPEED_TIME, as_long(s.low_speed_limit_bytes_per_s > 0 ? s.low_speed_time_s : 0));
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  if (!s.ca_info_path.empty()) set(CURLOPT_CAINFO, s.ca_info_path.c_str());
  if (s.extra_headers != nullptr) set(CURLOPT_HTTPHEADER, s.extra_headers);
  if (range_) set(CURLOPT_RANGE, range_text.c_str());  // sends "Range: bytes=a-b"
  set(CURLOPT_ERRORBUFFER, error_buffer_);
  set(CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  set(CURLOPT_HEADERDATA, this);
  set(CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  set(CURLOPT_WRITEDATA, this);
  set(CURLOPT_PRIVATE, this);
  if (rc != CURLE_OK) {
    return Internal(std::string("cannot configure the curl handle: ") + curl_easy_strerror(rc));
  }
  return Ok();
}

size_t Transfer::OnHeader(char* data, size_t size, size_t count, void* self) noexcept {
  size_t n = size * count;
  try {
    if (static_cast<Transfer*>(self)->HandleHeaderLine(std::string_view(data, n))) return n;
  } catch (...) {
    static_cast<Transfer*>(self)->abort_ = BodyAbort::kCallbackFailure;
  }
  return 0;  // makes curl stop the transfer with CURLE_WRITE_ERROR
}

size_t Transfer::OnBody(char* data, size_t size, size_t count, void* self) noexcept {
  size_t n = size * count;
  try {
    if (static_cast<Transfer*>(self)->HandleBody(std::string_view(data, n))) return n;
  } catch (...) {
    static_cast<Transfer*>(self)->abort_ = BodyAbort::kCallbackFailure;
  }
  return 0;
}

void Transfer::ResetForNewResponse() {
  headers_ = ResponseHeaders{};
  body_.clear();
  body_started_ = false;
  body_is_payload_ = false;
  body_limit_ = 0;
  error_body_bytes_ = 0;
  error_body_excerpt_.clear();
}

bool Transfer::HandleHeaderLine(std::string_view line) {
  // Each call is one whole header line. A status line starts a new response: after a redirect
  // or an interim 1xx, only the final response's headers count.
  if (line.rfind("HTTP/", 0) == 0) {
    ResetForNewResponse();
    return true;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return true;  // the blank line ending the headers
  std::string_view name = TrimWhitespace(line.substr(0, colon));
  std::string_view value = TrimWhitespace(line.substr(colon + 1));
  if (NameIs(name, "content-range")) {
    headers_.content_range = std::string(value);
  } else if (NameIs(name, "content-length")) {
    headers_.content_length = std::string(value);
  } else if (NameIs(name, "retry-after")) {
    headers_.retry_after = std::string(value);
  } else if (NameIs(name, "etag")) {
    headers_.etag = std::string(value);
  }
  return true;
}

bool Transfer::StartBody() {
  body_started_ = true;
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  AttemptOutcome head = CheckHeaders(range_, status, headers_);
  if (head.verdict != Verdict::kSuccess) {
    if (status >= 200 && status < 300) {
      // Wrong bytes (a 200 to a range, a mismatched Content-Range): stop now rather than
      // download what we will reject anyway. The final check reports why.
      abort_ = BodyAbort::kRejectedHeaders;
      return false;
    }
    body_is_payload_ = false;  // an error page: keep an excerpt for the message
    return true;
  }
  body_is_payload_ = true;
  if (range_) {
    body_limit_ = range_->length;
  } else {
    body_limit_ = max_whole_object_bytes_;
    std::optional<uint64_t> announced;
    if (headers_.content_length) announced = ParseDecimalU64(*headers_.content_length);
    if (announced && *announced > body_limit_) {
      abort_ = BodyAbort::kTooLarge;
      return false;
    }
    if (announced) body_limit_ = *announced;
  }
  // One allocation of the right size; the limit keeps a lying Content-Length from making us
  // reserve more than we would accept.
  body_.reserve(body_limit_);
  return true;
}

bool Transfer::HandleBody(std::string_view data) {
  if (!body_started_ && !StartBody()) return false;
  if (!body_is_payload_) {
    error_body_bytes_ += data.size();
    if (error_body_excerpt_.size() < kErrorExcerptBytes) {
      error_body_excerpt_.append(data.substr(0, kErrorExcerptBytes - error_body_excerpt_.size()));
    }
    if (error_body_bytes_ > kErrorBodyMaxBytes) {
      abort_ = BodyAbort::kRejectedHeaders;
      return false;
    }
    return true;
  }
  if (data.size() > body_limit_ - body_.size()) {
    abort_ = range_ ? BodyAbort::kTooLong : BodyAbort::kTooLarge;
    return false;
  }
  body_.append(data);
  return true;
}

AttemptObservation Transfer::Observe(CURLcode code) const {
  AttemptObservation o;
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  o.http_status = status;
  o.headers = headers_;
  o.body_bytes = body_is_payload_ ? body_.size() : 0;
  o.body_abort = abort_;
  o.error_body_excerpt = error_body_excerpt_;
  // A write error we caused by refusing bytes is explained by body_abort, not by the transport.
  bool our_abort = code == CURLE_WRITE_ERROR && abort_ != BodyAbort::kNone;
  if (code != CURLE_OK && !our_abort) o.transport_failure = DescribeCurlFailure(code, error_buffer_);
  return o;
}

long Transfer::NewConnections() const {
  long connects = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_NUM_CONNECTS, &connects);
  return connects;
}

bool Transfer::UsedHttp2() const {
  long version = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_HTTP_VERSION, &version);
  return version == CURL_HTTP_VERSION_2_0;
}

CurlEasy Transfer::ReleaseEasy() {
  curl_easy_reset(easy_.get());
  return std::move(easy_);
}

}  // namespace stacfs::http
