// MemoryCacheFetcher: a decorator that keeps successful responses in memory, least recently used
// evicted first, within a byte budget. Errors are never cached.
//
// Lock scope: mutex_ guards the LRU list and index only; the inner fetch runs unlocked, so a slow
// fetch never blocks hits. Two concurrent misses of one key both fetch — put a
// SingleFlightFetcher inside this one to share them.
#pragma once

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/fetch/fetcher.h"

namespace stacfs {

class MemoryCacheFetcher final : public Fetcher {
 public:
  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
    uint64_t bytes = 0;    // bytes held now
    uint64_t entries = 0;  // entries held now
  };

  MemoryCacheFetcher(std::shared_ptr<Fetcher> inner, uint64_t budget_bytes)
      : inner_(std::move(inner)), budget_bytes_(budget_bytes) {}

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

  Stats stats() const;

  // Adds a response fetched by other means: read-ahead that fetched several neighbouring
  // entries in one request puts each entry here, so that readers find it.
  void Put(const FetchRequest& request, const FetchResponse& response);
  // Whether `request` is cached, without counting a hit or miss or refreshing its age.
  bool Contains(const FetchRequest& request) const;

 private:
  struct Entry {
    std::string key;
    FetchResponse response;
    uint64_t charge;
  };
  static std::string KeyOf(const FetchRequest& request);
  bool Lookup(const std::string& key, FetchResponse* out);
  void Insert(std::string key, const FetchResponse& response);

  const std::shared_ptr<Fetcher> inner_;
  const uint64_t budget_bytes_;

  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // guarded by mutex_; most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // guarded by mutex_
  uint64_t bytes_ = 0;                                                // guarded by mutex_
  uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;                    // guarded by mutex_
};

}  // namespace stacfs
