// RefreshingValue: a value loaded on demand by one caller at a time, shared while fresh.
//
// Directory listings and store references are loaded by slow network calls. The first caller
// loads with no lock held; callers arriving meanwhile wait for that load instead of starting
// their own (so nothing is fetched twice at once). A value stays fresh for `ttl`; an error is
// remembered for `error_ttl` so a failing server is not hammered by every `ls`. When a refresh
// fails but an older value exists, the older value is served (a catalog that is briefly down
// still lists) and the error is reported to the loader's caller only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "core/base/result.h"

namespace stacfs::fs {

template <typename T>
class RefreshingValue {
 public:
  using Clock = std::chrono::steady_clock;
  using Loader = std::function<Result<std::shared_ptr<const T>>()>;

  RefreshingValue(Clock::duration ttl, Clock::duration error_ttl) : ttl_(ttl), error_ttl_(error_ttl) {}

  Result<std::shared_ptr<const T>> Get(const Loader& load) {
    std::unique_lock lock(mutex_);
    while (true) {
      Clock::time_point now = Clock::now();
      if (value_ && now < value_expiry_) return value_;
      if (error_ && now < error_expiry_) {
        if (value_) return value_;
        return Unexpected(*error_);
      }
      if (!loading_) break;
      loaded_.wait(lock);
    }
    loading_ = true;
    lock.unlock();
    Result<std::shared_ptr<const T>> result = load();
    lock.lock();
    loading_ = false;
    Clock::time_point now = Clock::now();
    if (result) {
      value_ = *result;
      value_expiry_ = now + ttl_;
      error_.reset();
    } else {
      error_ = result.error();
      error_expiry_ = now + error_ttl_;
    }
    loaded_.notify_all();
    if (!result && value_) return value_;
    return result;
  }

  // The value if one has been loaded (fresh or not), without loading.
  std::shared_ptr<const T> Peek() const {
    std::lock_guard lock(mutex_);
    return value_;
  }

 private:
  const Clock::duration ttl_;
  const Clock::duration error_ttl_;
  mutable std::mutex mutex_;
  std::condition_variable loaded_;
  bool loading_ = false;                    // guarded by mutex_
  std::shared_ptr<const T> value_;          // guarded by mutex_
  Clock::time_point value_expiry_{};        // guarded by mutex_
  std::optional<Error> error_;              // guarded by mutex_
  Clock::time_point error_expiry_{};        // guarded by mutex_
};

}  // namespace stacfs::fs
