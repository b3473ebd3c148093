#include "core/http/transport.h"

#include <algorithm>
#include <system_error>

#include "core/http/curl_global.h"
#include "core/http/response_check.h"
#include "core/http/retry_after.h"

namespace stacfs::http {
namespace {

// How far past its deadline a running attempt may go before the watchdog removes it. curl's
// own timeout (set to the remaining deadline) normally ends it first; this only guarantees
// "never hang" should curl ever fail to.
constexpr auto kWatchdogSlack = std::chrono::milliseconds(2000);
// The longest the thread sleeps in curl_multi_poll without a reason to wake up; bounds how late
// the watchdog can notice anything.
constexpr int kMaxPollMs = 1000;

uint64_t MillisUntil(Clock::time_point from, Clock::time_point to) {
  if (to <= from) return 0;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(to - from).count();
  return static_cast<uint64_t>(ms);
}

std::string AttemptsText(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

bool IsHttpUrl(const std::string& url) {
  auto starts_with_ci = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i] >= 'A' && url[i] <= 'Z' ? static_cast<char>(url[i] - 'A' + 'a') : url[i];
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts_with_ci("http://") || starts_with_ci("https://");
}

// Requests that cannot be sent: answered at once, without network.
std::optional<Error> ValidateRequest(const FetchRequest& request) {
  if (!IsHttpUrl(request.url)) return InvalidArgument("not an http:// or https:// URL");
  if (request.range) {
    if (request.range->empty()) return InvalidArgument("empty byte range");
    if (!IsRepresentable(request.range->offset, request.range->length)) {
      return InvalidArgument("byte range overflows 64 bits");
    }
  }
  return std::nullopt;
}

std::string Where(const FetchRequest& request) { return "GET " + request.ToString(); }

}  // namespace

void Batch::Complete(size_t index, Result<FetchResponse> result) {
  std::lock_guard lock(mutex_);
  results_[index] = std::move(result);
  if (--remaining_ == 0) done_.notify_all();
}

std::vector<Result<FetchResponse>> Batch::Wait() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return remaining_ == 0; });
  std::vector<Result<FetchResponse>> out;
  out.reserve(results_.size());
  for (auto& result : results_) out.push_back(std::move(*result));
  return out;
}

Result<std::unique_ptr<Transport>> Transport::Start(const CurlFetcherOptions& options) {
  EnsureCurlGlobalInit();
  CurlMulti multi(curl_multi_init());
  if (!multi) return Unavailable("cannot create a curl multi handle (libcurl not initialised?)");
  CURLMcode rc = CURLM_OK;
  auto set = [&](CURLMoption option, long value) {
    if (rc == CURLM_OK) rc = curl_multi_setopt(multi.get(), option, value);
  };
  set(CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  set(CURLMOPT_MAX_TOTAL_CONNECTIONS, options.max_connections);
  // Keep as many idle connections as we may open, so a burst's connections are reused by the
  // next burst instead of being closed (curl's default cache is sized by live handles).
  set(CURLMOPT_MAXCONNECTS, options.max_connections);
  if (rc != CURLM_OK) {
    return Internal(std::string("cannot configure the curl multi handle: ") +
                    curl_multi_strerror(rc));
  }
  CurlSlist headers;
  for (const std::string& line : options.extra_headers) {
    if (!AppendToSlist(headers, line.c_str())) return ResourceExhausted("curl_slist_append failed");
  }

  std::unique_ptr<Transport> transport(
      new Transport(options, std::move(multi), std::move(headers)));
  try {
    transport->thread_ = std::thread(&Transport::Loop, transport.get());
  } catch (const std::system_error& e) {
    return ResourceExhausted(std::string("cannot start the HTTP transport thread: ") + e.what());
  }
  return transport;
}

Transport::Transport(const CurlFetcherOptions& options, CurlMulti multi, CurlSlist extra_headers)
    : total_deadline_ms_(options.total_deadline_ms),
      retry_policy_{options.max_attempts, options.backoff_initial_ms, options.backoff_max_ms,
                    options.max_retry_after_ms},
      logger_(options.logger.WithComponent("http")),
      multi_(std::move(multi)),
      extra_headers_(std::move(extra_headers)),
      max_idle_easy_(static_cast<size_t>(std::max(4L, options.max_connections * 2))),
      random_(std::random_device{}()) {
  settings_.user_agent = options.user_agent;
  settings_.connect_timeout_ms = options.connect_timeout_ms;
  settings_.low_speed_limit_bytes_per_s = options.low_speed_limit_bytes_per_s;
  settings_.low_speed_time_s = options.low_speed_time_s;
  settings_.max_redirects = options.max_redirects;
  settings_.ca_info_path = options.ca_info_path;
  settings_.extra_headers = extra_headers_.get();
  settings_.max_whole_object_bytes = options.max_whole_object_bytes;
}

Transport::~Transport() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  curl_multi_wakeup(multi_.get());
  if (thread_.joinable()) thread_.join();
}

std::vector<Result<FetchResponse>> Transport::Run(std::span<const FetchRequest> requests) {
  if (requests.empty()) return {};
  auto batch = std::make_shared<Batch>(requests.size());
  counters_.requests += requests.size();
  std::vector<std::unique_ptr<Job>> jobs;
  jobs.reserve(requests.size());
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(total_deadline_ms_);
  for (size_t i = 0; i < requests.size(); ++i) {
    if (std::optional<Error> invalid = ValidateRequest(requests[i])) {
      counters_.failed++;
      batch->Complete(i, std::move(*invalid).WithContext(Where(requests[i])));
      continue;
    }
    auto job = std::make_unique<Job>();
    job->request = requests[i];
    job->batch = batch;
    job->index = i;
    job->deadline = deadline;
    jobs.push_back(std::move(job));
  }
  if (!jobs.empty()) {
    bool stopping;
    {
      std::lock_guard lock(mutex_);
      stopping = stopping_;
      if (!stopping) {
        for (auto& job : jobs) incoming_.push_back(std::move(job));
      }
    }
    if (stopping) {
      for (auto& job : jobs) Finish(std::move(job), Unavailable("the HTTP fetcher is shut down"));
    } else {
      curl_multi_wakeup(multi_.get());
    }
  }
  return batch->Wait();
}

CurlFetcherStats Transport::stats() const {
  CurlFetcherStats s;
  s.requests = counters_.requests.load();
  s.succeeded = counters_.succeeded.load();
  s.failed = counters_.failed.load();
  s.attempts = counters_.attempts.load();
  s.retries = counters_.retries.load();
  s.bytes_received = counters_.bytes_received.load();
  s.connections_opened = counters_.connections_opened.load();
  s.http2_responses = counters_.http2_responses.load();
  return s;
}

void Transport::Loop() {
  while (true) {
    std::vector<std::unique_ptr<Job>> incoming;
    bool stopping;
    {
      std::lock_guard lock(mutex_);
      incoming.swap(incoming_);
      stopping = stopping_;
    }
    if (stopping) {
      Error shut_down = Unavailable("the HTTP fetcher is shutting down");
      for (auto& job : incoming) Finish(std::move(job), shut_down);
      FailEverything(shut_down);
      return;
    }
    for (auto& job : incoming) StartAttempt(std::move(job));

    const Clock::time_point now = Clock::now();
    while (!waiting_.empty() && waiting_.begin()->first <= now) {
      auto node = waiting_.extract(waiting_.begin());
      StartAttempt(std::move(node.mapped()));
    }

    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      // Copy out first: the message dies when its handle is removed.
      CURL* easy = message->easy_handle;
      CURLcode code = message->data.result;
      OnAttemptDone(easy, code);
    }
    EnforceDeadlines(Clock::now());
    curl_multi_poll(multi_.get(), nullptr, 0, PollTimeoutMs(Clock::now()), nullptr);
  }
}

int Transport::PollTimeoutMs(Clock::time_point now) const {
  uint64_t timeout_ms = kMaxPollMs;
  if (!waiting_.empty()) timeout_ms = std::min(timeout_ms, MillisUntil(now, waiting_.begin()->first));
  return static_cast<int>(timeout_ms);  // curl shortens it further for its own timers
}

CurlEasy Transport::AcquireEasy() {
  if (!idle_easy_.empty()) {
    CurlEasy easy = std::move(idle_easy_.back());
    idle_easy_.pop_back();
    return easy;
  }
  return CurlEasy(curl_easy_init());
}

void Transport::RecycleEasy(CurlEasy easy) {
  if (easy && idle_easy_.size() < max_idle_easy_) idle_easy_.push_back(std::move(easy));
}

void Transport::StartAttempt(std::unique_ptr<Job> job) {
  const Clock::time_point now = Clock::now();
  if (now >= job->deadline) {
    Error error = DeadlineError(*job);
    Finish(std::move(job), std::move(error));
    return;
  }
  CurlEasy easy = AcquireEasy();
  if (!easy) {
    Finish(std::move(job), ResourceExhausted("cannot create a curl easy handle"));
    return;
  }
  auto transfer = std::make_unique<Transfer>(std::move(easy), job->request.range);
  Result<void> configured =
      transfer->Configure(job->request.url, settings_, MillisUntil(now, job->deadline));
  if (!configured) {
    RecycleEasy(transfer->ReleaseEasy());
    Finish(std::move(job), std::move(configured).error());
    return;
  }
  CURL* handle = transfer->easy();
  CURLMcode added = curl_multi_add_handle(multi_.get(), handle);
  if (added != CURLM_OK) {
    RecycleEasy(transfer->ReleaseEasy());
    Finish(std::move(job), Internal(std::string("curl_multi_add_handle: ") +
                                    curl_multi_strerror(added)));
    return;
  }
  job->attempts++;
  counters_.attempts++;
  STACFS_LOG(logger_, kDebug) << Where(job->request) << ": attempt " << job->attempts;
  active_.emplace(handle, Active{std::move(job), std::move(transfer)});
}

void Transport::OnAttemptDone(CURL* easy, CURLcode code) {
  curl_multi_remove_handle(multi_.get(), easy);
  auto it = active_.find(easy);
  if (it == active_.end()) return;  // not ours: cannot happen, and nothing to deliver
  Active active = std::move(it->second);
  active_.erase(it);
  Transfer& transfer = *active.transfer;
  std::unique_ptr<Job> job = std::move(active.job);

  counters_.connections_opened += static_cast<uint64_t>(std::max(0L, transfer.NewConnections()));
  const bool http2 = transfer.UsedHttp2();
  AttemptObservation observation = transfer.Observe(code);
  AttemptOutcome outcome = CheckAttempt(job->request.range, observation);

  if (outcome.verdict == Verdict::kSuccess) {
    if (http2) counters_.http2_responses++;
    counters_.bytes_received += observation.body_bytes;
    FetchResponse response;
    response.bytes = SharedBytes(transfer.TakeBody());
    response.etag = observation.headers.etag;
    response.object_size = outcome.object_size;
    RecycleEasy(transfer.ReleaseEasy());
    STACFS_LOG(logger_, kDebug) << Where(job->request) << ": " << response.bytes.size()
                                << " bytes after " << AttemptsText(job->attempts);
    Finish(std::move(job), std::move(response));
    return;
  }
  RecycleEasy(transfer.ReleaseEasy());
  Error error = std::move(*outcome.error);
  if (outcome.verdict == Verdict::kFail) {
    if (job->attempts > 1) {
      error = Error(error.code(), error.message() + " (attempt " + std::to_string(job->attempts) +
                                      ")");
    }
    Finish(std::move(job), std::move(error));
    return;
  }
  RetryOrFail(std::move(job), std::move(error), observation.headers);
}

void Transport::RetryOrFail(std::unique_ptr<Job> job, Error error,
                            const ResponseHeaders& headers) {
  job->last_error = error;
  if (Clock::now() >= job->deadline) {  // e.g. the attempt was cut off by the deadline itself
    Error timeout = DeadlineError(*job);
    Finish(std::move(job), std::move(timeout));
    return;
  }
  if (job->attempts >= retry_policy_.max_attempts) {
    Error gave_up(error.code(), "gave up after " + AttemptsText(job->attempts) +
                                    " (last error: " + error.message() + ")");
    Finish(std::move(job), std::move(gave_up));
    return;
  }
  std::optional<std::chrono::milliseconds> asked;
  if (headers.retry_after) {
    asked = ParseRetryAfter(*headers.retry_after, std::chrono::system_clock::now());
  }
  uint64_t delay_ms;
  if (asked) {
    delay_ms = retry_policy_.CapRetryAfterMs(static_cast<uint64_t>(asked->count()));
  } else {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    delay_ms = retry_policy_.BackoffDelayMs(job->attempts, unit(random_));
  }
  const Clock::time_point now = Clock::now();
  const Clock::time_point due = now + std::chrono::milliseconds(delay_ms);
  if (due >= job->deadline) {
    if (asked) {
      // Waiting would only end in a timeout: say so now, and say who asked for the wait.
      Error past(ErrorCode::kUnavailable,
                 "server asked to retry after " + std::to_string(asked->count()) + " ms (" +
                     error.message() + "), which is past the deadline of " +
                     std::to_string(total_deadline_ms_) + " ms (" +
                     std::to_string(MillisUntil(now, job->deadline)) + " ms left); gave up after " +
                     AttemptsText(job->attempts));
      Finish(std::move(job), std::move(past));
    } else {
      Error timeout = DeadlineError(*job);
      Finish(std::move(job), std::move(timeout));
    }
    return;
  }
  counters_.retries++;
  STACFS_LOG(logger_, kInfo) << Where(job->request) << ": attempt " << job->attempts << " of "
                             << retry_policy_.max_attempts << " failed (" << error.message()
                             << "); retrying in " << delay_ms << " ms"
                             << (asked ? " as the server asked" : "");
  waiting_.emplace(due, std::move(job));
}

void Transport::EnforceDeadlines(Clock::time_point now) {
  std::vector<CURL*> overdue;
  for (const auto& [easy, active] : active_) {
    if (now > active.job->deadline + kWatchdogSlack) overdue.push_back(easy);
  }
  for (CURL* easy : overdue) {
    curl_multi_remove_handle(multi_.get(), easy);
    auto it = active_.find(easy);
    Active active = std::move(it->second);
    active_.erase(it);
    RecycleEasy(active.transfer->ReleaseEasy());
    active.job->last_error = Timeout("the attempt outlived its own timeout");
    Error error = DeadlineError(*active.job);
    Finish(std::move(active.job), std::move(error));
  }
}

Error Transport::DeadlineError(const Job& job) const {
  std::string last = job.last_error ? job.last_error->message() : "none";
  return Timeout("deadline of " + std::to_string(total_deadline_ms_) + " ms exceeded after " +
                 AttemptsText(job.attempts) + " (last error: " + last + ")");
}

void Transport::Finish(std::unique_ptr<Job> job, Result<FetchResponse> result) {
  if (result.has_value()) {
    counters_.succeeded++;
  } else {
    counters_.failed++;
    // The error goes back to the caller, who reports it; at warning it would print twice.
    STACFS_LOG(logger_, kDebug) << Where(job->request) << ": " << result.error().message();
    result = std::move(result).WithContext(Where(job->request));
  }
  job->batch->Complete(job->index, std::move(result));
}

void Transport::FailEverything(const Error& error) {
  for (auto& [easy, active] : active_) {
    curl_multi_remove_handle(multi_.get(), easy);
    Finish(std::move(active.job), error);
  }
  active_.clear();  // Transfers (and their easy handles) die here, already out of the multi
  for (auto& [due, job] : waiting_) Finish(std::move(job), error);
  waiting_.clear();
}

}  // namespace stacfs::http
