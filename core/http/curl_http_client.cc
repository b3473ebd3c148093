#include "core/http/curl_http_client.h"

#include <chrono>
#include <thread>

#include "core/base/text.h"
#include "core/http/curl_errors.h"
#include "core/http/curl_global.h"
#include "core/http/curl_handles.h"
#include "core/http/http_attempt.h"
#include "core/http/retry_after.h"
#include "core/http/retry_policy.h"

namespace stacfs {
namespace http {

// Idle easy handles; each keeps its connection cache, so a handle taken again reuses the
// connection of its previous request. `mutex` guards `idle` only.
struct EasyPool {
  static constexpr size_t kMaxIdle = 16;
  std::mutex mutex;
  std::vector<CurlEasy> idle;

  CurlEasy Take() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CurlEasy easy = std::move(idle.back());
        idle.pop_back();
        return easy;
      }
    }
    return CurlEasy(curl_easy_init());
  }
  void Return(CurlEasy easy) {
    curl_easy_reset(easy.get());
    std::lock_guard lock(mutex);
    if (idle.size() < kMaxIdle) idle.push_back(std::move(easy));
  }
};

}  // namespace http

namespace {

using Clock = std::chrono::steady_clock;
using http::HttpAttempt;
using http::HttpOutcome;
using http::HttpVerdict;

// A non-2xx body is read only for the error message: a small one to its end (so the connection
// stays reusable), a large one not at all.
constexpr size_t kErrorExcerptBytes = 1024;
constexpr uint64_t kErrorBodyMaxBytes = 64 * 1024;

uint64_t MillisUntil(Clock::time_point from, Clock::time_point to) {
  if (to <= from) return 0;
  return static_cast<uint64_t>(std::chrono::ceil<std::chrono::milliseconds>(to - from).count());
}


bool IsHttpUrl(std::string_view url) {
  auto starts_ci = [&](std::string_view prefix) {
    return url.size() >= prefix.size() && HeaderNameEquals(url.substr(0, prefix.size()), prefix);
  };
  return starts_ci("http://") || starts_ci("https://");
}

// What one attempt receives. Lives on the stack of the thread running the attempt; curl calls
// the callbacks on that same thread, so nothing here is shared.
struct Exchange {
  CURL* easy = nullptr;
  uint64_t max_body_bytes = 0;
  HttpHeaders headers;
  std::string body;  // a 2xx body
  std::string error_excerpt;
  uint64_t error_bytes = 0;
  bool body_started = false;
  bool body_is_payload = false;
  bool too_large = false;
  bool callback_failed = false;

  void Reset() {  // a new status line: a redirect or an interim response came first
    headers.clear();
    body.clear();
    error_excerpt.clear();
    error_bytes = 0;
    body_started = false;
    body_is_payload = false;
  }

  bool OnHeaderLine(std::string_view line) {
    if (line.rfind("HTTP/", 0) == 0) {
      Reset();
      return true;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return true;  // the blank line ending the headers
    headers.emplace_back(std::string(TrimWhitespace(line.substr(0, colon))),
                         std::string(TrimWhitespace(line.substr(colon + 1))));
    return true;
  }

  bool OnBodyBytes(std::string_view data) {
    if (!body_started) {
      body_started = true;
      long status = 0;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
      body_is_payload = status >= 200 && status < 300;
    }
    if (!body_is_payload) {
      error_bytes += data.size();
      if (error_excerpt.size() < kErrorExcerptBytes) {
        error_excerpt.append(data.substr(0, kErrorExcerptBytes - error_excerpt.size()));
      }
      return error_bytes <= kErrorBodyMaxBytes;  // stop downloading a huge error page
    }
    if (data.size() > max_body_bytes - body.size()) {
      too_large = true;
      return false;
    }
    body.append(data);
    return true;
  }

  static size_t HeaderCallback(char* data, size_t size, size_t count, void* self) noexcept {
    size_t n = size * count;
    try {
      if (static_cast<Exchange*>(self)->OnHeaderLine(std::string_view(data, n))) return n;
    } catch (...) {
      static_cast<Exchange*>(self)->callback_failed = true;
    }
    return 0;
  }
  static size_t BodyCallback(char* data, size_t size, size_t count, void* self) noexcept {
    size_t n = size * count;
    try {
      if (static_cast<Exchange*>(self)->OnBodyBytes(std::string_view(data, n))) return n;
    } catch (...) {
      static_cast<Exchange*>(self)->callback_failed = true;
    }
    return 0;
  }
};

struct AttemptResult {
  HttpAttempt attempt;
  std::optional<Error> final_error;  // a failure no verdict can change (setup, limits)
  std::optional<std::string> retry_after;
  HttpResponse response;
};

AttemptResult PerformAttempt(CURL* easy, const HttpRequest& request,
                             const CurlHttpClientOptions& options, uint64_t timeout_ms) {
  AttemptResult result;
  Exchange exchange;
  exchange.easy = easy;
  exchange.max_body_bytes = options.max_response_bytes;

  http::CurlSlist headers;
  bool headers_ok = true;
  auto add_header = [&](const std::string& name, const std::string& value) {
    std::string line = name + ": " + value;
    if (value.empty()) line = name + ";";  // curl's spelling for "send this header empty"
    headers_ok = headers_ok && http::AppendToSlist(headers, line.c_str());
  };
  for (const auto& [name, value] : options.default_headers) add_header(name, value);
  for (const auto& [name, value] : request.headers) add_header(name, value);
  // No "Expect: 100-continue" round trip before a POST body: APIs answer at once.
  if (!request.body.empty()) headers_ok = headers_ok && http::AppendToSlist(headers, "Expect:");
  if (!headers_ok) {
    result.final_error = ResourceExhausted("curl_slist_append failed");
    return result;
  }

  auto as_long = [](uint64_t v) { return static_cast<long>(v > 0x7fffffffu ? 0x7fffffffu : v); };
  uint64_t connect_ms = std::min(options.connect_timeout_ms, timeout_ms);
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(easy, option, value);
  };
  set(CURLOPT_URL, request.url.c_str());
  if (request.method == "GET" && request.body.empty()) {
    set(CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else {
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.c_str());
    if (request.method != "POST") set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, options.max_redirects > 0 ? 1L : 0L);
  set(CURLOPT_MAXREDIRS, options.max_redirects);
  set(CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode (gzip, deflate...)
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  set(CURLOPT_CONNECTTIMEOUT_MS, as_long(connect_ms > 0 ? connect_ms : 1));
  set(CURLOPT_TIMEOUT_MS, as_long(timeout_ms > 0 ? timeout_ms : 1));
  set(CURLOPT_LOW_SPEED_LIMIT, as_long(options.low_speed_limit_bytes_per_s));
  set(CURLOPT_LOW_SPEED_TIME,
      as_long(options.low_speed_limit_bytes_per_s > 0 ? options.low_speed_time_s : 0));
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  if (!options.ca_info_path.empty()) set(CURLOPT_CAINFO, options.ca_info_path.c_str());
  if (headers) set(CURLOPT_HTTPHEADER, headers.get());
  set(CURLOPT_ERRORBUFFER, error_buffer);
  set(CURLOPT_HEADERFUNCTION, &Exchange::HeaderCallback);
  set(CURLOPT_HEADERDATA, &exchange);
  set(CURLOPT_WRITEFUNCTION, &Exchange::BodyCallback);
  set(CURLOPT_WRITEDATA, &exchange);
  if (rc != CURLE_OK) {
    result.final_error =
        Internal(std::string("cannot configure the curl handle: ") + curl_easy_strerror(rc));
    return result;
  }

  CURLcode code = curl_easy_perform(easy);
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  char* effective = nullptr;
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);

  if (exchange.callback_failed) {
    result.final_error = ResourceExhausted("out of memory while receiving the response");
    return result;
  }
  if (exchange.too_large) {
    result.final_error = ResourceExhausted(
        "response larger than the limit of " + std::to_string(options.max_response_bytes) +
        " bytes");
    return result;
  }
  result.attempt.status = status;
  result.attempt.error_body_excerpt = std::move(exchange.error_excerpt);
  // Stopping a huge error page is our own doing: the status already tells what happened.
  bool our_abort = code == CURLE_WRITE_ERROR && !exchange.body_is_payload;
  if (code != CURLE_OK && !our_abort) {
    std::string message = std::string("curl error ") + std::to_string(static_cast<int>(code)) +
                          ": " + curl_easy_strerror(code);
    if (error_buffer[0] != '\0') message += std::string(" (") + error_buffer + ")";
    result.attempt.transport_error = Error(http::ErrorCodeForCurl(code), std::move(message));
    result.attempt.transport_error_retryable = http::IsRetryableCurlCode(code);
  }
  for (const auto& [name, value] : exchange.headers) {
    if (HeaderNameEquals(name, "retry-after")) result.retry_after = value;
  }
  result.response.status = status;
  result.response.headers = std::move(exchange.headers);
  result.response.body = std::move(exchange.body);
  result.response.effective_url = effective != nullptr ? effective : request.url;
  return result;
}

std::string AttemptsText(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

Result<void> ValidateOptions(const CurlHttpClientOptions& options) {
  if (options.total_deadline_ms == 0) return InvalidArgument("total_deadline_ms must be > 0");
  if (options.max_attempts < 1) return InvalidArgument("max_attempts must be >= 1");
  if (options.backoff_max_ms < options.backoff_initial_ms) {
    return InvalidArgument("backoff_max_ms must be >= backoff_initial_ms");
  }
  if (options.max_response_bytes == 0) return InvalidArgument("max_response_bytes must be > 0");
  if (options.low_speed_limit_bytes_per_s > 0 && options.low_speed_time_s == 0) {
    return InvalidArgument("low_speed_time_s must be > 0 when low_speed_limit_bytes_per_s is set");
  }
  return Ok();
}

}  // namespace

Result<std::unique_ptr<CurlHttpClient>> CurlHttpClient::Create(Options options) {
  STACFS_RETURN_IF_ERROR(ValidateOptions(options).WithContext("HTTP client options"));
  http::EnsureCurlGlobalInit();
  return std::unique_ptr<CurlHttpClient>(new CurlHttpClient(std::move(options)));
}

CurlHttpClient::CurlHttpClient(Options options)
    : options_(std::move(options)),
      pool_(std::make_unique<http::EasyPool>()),
      random_(std::random_device{}()) {}

CurlHttpClient::~CurlHttpClient() = default;

uint64_t CurlHttpClient::RandomBackoffMs(int failed_attempts) {
  const http::RetryPolicy policy{options_.max_attempts, options_.backoff_initial_ms,
                                 options_.backoff_max_ms, options_.max_retry_after_ms};
  double unit;
  {
    std::lock_guard lock(random_mutex_);
    unit = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  }
  return policy.BackoffDelayMs(failed_attempts, unit);
}

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
  const std::string where = request.ToString();
  if (!IsHttpUrl(request.url)) {
    return InvalidArgument("not an http:// or https:// URL").WithContext(where);
  }
  const http::RetryPolicy policy{options_.max_attempts, options_.backoff_initial_ms,
                                 options_.backoff_max_ms, options_.max_retry_after_ms};
  const Logger logger = options_.logger.WithComponent("http");
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(options_.total_deadline_ms);
  std::optional<Error> last_error;
  for (int attempts = 1;; ++attempts) {
    Clock::time_point now = Clock::now();
    if (now >= deadline) {
      std::string last = last_error ? last_error->message() : "none";
      return Timeout("deadline of " + std::to_string(options_.total_deadline_ms) +
                     " ms exceeded after " + AttemptsText(attempts - 1) + " (last error: " +
                     last + ")")
          .WithContext(where);
    }
    http::CurlEasy easy = pool_->Take();
    if (!easy) return ResourceExhausted("cannot create a curl easy handle").WithContext(where);
    STACFS_LOG(logger, kDebug) << where << ": attempt " << attempts;
    AttemptResult result = PerformAttempt(easy.get(), request, options_, MillisUntil(now, deadline));
    pool_->Return(std::move(easy));
    if (result.final_error) return std::move(*result.final_error).WithContext(where);

    HttpOutcome outcome = JudgeHttpAttempt(result.attempt);
    if (outcome.verdict == HttpVerdict::kSuccess) return std::move(result.response);
    Error error = std::move(*outcome.error);
    if (outcome.verdict == HttpVerdict::kFail) {
      if (attempts > 1) {
        error = Error(error.code(), error.message() + " (attempt " + std::to_string(attempts) + ")");
      }
      return std::move(error).WithContext(where);
    }
    if (attempts >= policy.max_attempts) {
      return Error(error.code(),
                   "gave up after " + AttemptsText(attempts) + " (last error: " +
                       error.message() + ")")
          .WithContext(where);
    }
    std::optional<std::chrono::milliseconds> asked;
    if (result.retry_after) {
      asked = http::ParseRetryAfter(*result.retry_after, std::chrono::system_clock::now());
    }
    const uint64_t delay_ms = asked ? policy.CapRetryAfterMs(static_cast<uint64_t>(asked->count()))
                                    : RandomBackoffMs(attempts);
    now = Clock::now();
    if (now + std::chrono::milliseconds(delay_ms) >= deadline) {
      std::string why = asked ? "server asked to retry after " + std::to_string(asked->count()) +
                                    " ms"
                              : "the next retry is due in " + std::to_string(delay_ms) + " ms";
      return Error(ErrorCode::kUnavailable,
                   error.message() + "; " + why + ", past the deadline of " +
                       std::to_string(options_.total_deadline_ms) + " ms (" +
                       std::to_string(MillisUntil(now, deadline)) + " ms left); gave up after " +
                       AttemptsText(attempts))
          .WithContext(where);
    }
    STACFS_LOG(logger, kInfo) << where << ": attempt " << attempts << " of "
                              << policy.max_attempts << " failed (" << error.message()
                              << "); retrying in " << delay_ms << " ms"
                              << (asked ? " as the server asked" : "");
    last_error = std::move(error);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  }
}

}  // namespace stacfs
