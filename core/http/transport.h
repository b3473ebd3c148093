// Transport: the one thread that drives a fetcher's curl multi handle.
//
// Thread model. Callers (any thread) turn requests into Jobs, push them on `incoming_` under
// `mutex_`, wake the transport thread with curl_multi_wakeup() and wait on their Batch's
// condition variable. The transport thread owns everything curl: the multi handle, the easy
// handle pool, running Transfers and the retry timers; none of that is shared, so none of it is
// locked. It loops: take new jobs, start due retries, let curl do I/O (curl_multi_perform /
// curl_multi_poll), judge finished attempts, then complete the job (deliver to its Batch) or
// schedule its next attempt. Locks: `mutex_` guards `incoming_` and `stopping_` only; a Batch's
// mutex guards its results only. Neither is held while curl runs, and they never nest.
//
// Every job completes exactly once: with a result, at its deadline at the latest (curl enforces
// per-attempt timeouts set to the remaining deadline; a watchdog here backs that up), or with
// kUnavailable when the fetcher shuts down.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "core/http/curl_fetcher.h"
#include "core/http/curl_handles.h"
#include "core/http/retry_policy.h"
#include "core/http/transfer.h"

namespace stacfs::http {

using Clock = std::chrono::steady_clock;

// The results of one FetchMany call, filled in by the transport thread.
class Batch {
 public:
  explicit Batch(size_t size) : results_(size), remaining_(size) {}
  void Complete(size_t index, Result<FetchResponse> result);
  // Blocks until every request has completed, then hands the results over.
  std::vector<Result<FetchResponse>> Wait();

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<std::optional<Result<FetchResponse>>> results_;  // guarded by mutex_
  size_t remaining_;                                           // guarded by mutex_
};

// One requested fetch across all its attempts.
struct Job {
  FetchRequest request;
  std::shared_ptr<Batch> batch;
  size_t index = 0;
  Clock::time_point deadline;
  int attempts = 0;
  std::optional<Error> last_error;
};

class Transport {
 public:
  static Result<std::unique_ptr<Transport>> Start(const CurlFetcherOptions& options);
  ~Transport();  // fails pending jobs, stops and joins the thread
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Runs all requests concurrently and blocks until each has a result (in request order).
  std::vector<Result<FetchResponse>> Run(std::span<const FetchRequest> requests);

  CurlFetcherStats stats() const;

 private:
  struct Active {
    std::unique_ptr<Job> job;
    std::unique_ptr<Transfer> transfer;
  };

  Transport(const CurlFetcherOptions& options, CurlMulti multi, CurlSlist extra_headers);

  void Loop();  // the transport thread
  void StartAttempt(std::unique_ptr<Job> job);
  void OnAttemptDone(CURL* easy, CURLcode code);
  void RetryOrFail(std::unique_ptr<Job> job, Error error, const ResponseHeaders& headers);
  void EnforceDeadlines(Clock::time_point now);
  void Finish(std::unique_ptr<Job> job, Result<FetchResponse> result);
  void FailEverything(const Error& error);
  Error DeadlineError(const Job& job) const;
  int PollTimeoutMs(Clock::time_point now) const;
  CurlEasy AcquireEasy();
  void RecycleEasy(CurlEasy easy);

  // Immutable after construction.
  const uint64_t total_deadline_ms_;
  const RetryPolicy retry_policy_;
  const Logger logger_;
  CurlMulti multi_;
  CurlSlist extra_headers_;  // referenced by settings_
  TransferSettings settings_;

  std::mutex mutex_;
  std::vector<std::unique_ptr<Job>> incoming_;  // guarded by mutex_
  bool stopping_ = false;                       // guarded by mutex_

  // Transport thread only.
  std::unordered_map<CURL*, Active> active_;
  std::multimap<Clock::time_point, std::unique_ptr<Job>> waiting_;  // retries by due time
  std::vector<CurlEasy> idle_easy_;
  size_t max_idle_easy_;
  std::mt19937_64 random_;

  struct Counters {
    std::atomic<uint64_t> requests{0}, succeeded{0}, failed{0}, attempts{0}, retries{0},
        bytes_received{0}, connections_opened{0}, http2_responses{0};
  } counters_;

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace stacfs::http
