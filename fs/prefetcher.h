// Prefetcher: reads ahead along a variable when a reader walks its chunks in order.
//
// Two patterns are recognised, per array:
//  - A walk: chunk n read soon after chunk n-1 (or nearby: dask's threads read a few chunks out
//    of order) — zarr reading a whole variable. The chunks that follow are fetched; the window
//    doubles with each near-sequential read (2, 4, 8 … up to `max_window` chunks and
//    `max_window_bytes`) and collapses on a random access.
//  - A sweep: many different chunks read in no order — xarray/dask reading a point time series
//    through (1, lat, lon) chunks runs its per-chunk tasks in hash order, touching every chunk
//    once, randomly. After `sweep_after` reads within `sweep_idle` of each other, the chunks
//    between the lowest and highest read so far are fetched in order, `max_window` at a time.
//    A region read also looks like this, and then only chunks inside its span are fetched.
// Fetches go through the same cache and single-flight layers the reader uses, so the reader's
// next reads hit the cache or join a fetch already in flight. Globally at most `max_queued`
// chunk fetches wait: beyond that, read-ahead is dropped (never the reader's own reads).
//
// Work runs on `workers` background threads, each fetching one batch at a time with FetchMany
// (concurrent over HTTP). No lock is held while fetching. Given the memory cache and the layer
// under it, a batch skips what is cached and coalesces neighbouring ranges (coalesce.h): each
// merged request is fetched under the cache and its pieces put into the cache one by one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/fetch/fetcher.h"
#include "core/fetch/memory_cache_fetcher.h"
#include "fs/coalesce.h"
#include "fs/read_path.h"
#include "fs/store_view.h"

namespace stacfs::fs {

struct PrefetchOptions {
  size_t max_window = 64;                           // chunks ahead per array
  uint64_t max_window_bytes = uint64_t{64} << 20;   // bytes ahead per array
  size_t max_queued = 512;                          // chunk fetches waiting, all arrays together
  size_t sweep_after = 8;                           // distinct reads before a sweep is assumed
  std::chrono::milliseconds sweep_idle{2000};       // a pause this long starts a new pass
  size_t workers = 2;
  CoalesceOptions coalesce;
};

// Where read-ahead may coalesce: the cache readers look in, and the fetcher under it.
struct PrefetchCache {
  std::shared_ptr<MemoryCacheFetcher> cache;
  std::shared_ptr<Fetcher> uncached;
};

class Prefetcher {
 public:
  // Without `cache` (both pointers set), read-ahead goes through read_path's fetcher unmerged.
  Prefetcher(ReadPath& read_path, PrefetchOptions options, PrefetchCache cache = {});
  ~Prefetcher();  // drops queued work and joins the workers
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // A reader started reading the chunk `key` of `view`.
  void OnChunkRead(const std::shared_ptr<const StoreView>& view, std::string_view key);

  uint64_t chunks_prefetched() const;
  uint64_t chunks_dropped() const;
  uint64_t merged_requests() const;

 private:
  struct ArrayState {
    uint64_t last = 0;        // the last chunk number read
    uint64_t ahead = 0;       // walk: chunks below this number are fetched or queued
    size_t run = 0;           // near-sequential reads in a row
    size_t reads = 0;         // reads in this pass (since the last pause)
    uint64_t low = 0, high = 0;  // the span of chunk numbers read in this pass
    uint64_t filled = 0;      // sweep: chunks from `low` below this number are fetched or queued
    std::chrono::steady_clock::time_point last_read{};
  };
  // The chunk numbers to fetch ahead after reading chunk `n`: [first, first + count), capped.
  static void Plan(ArrayState& state, uint64_t n, const PrefetchOptions& options,
                   std::chrono::steady_clock::time_point now, uint64_t* first, size_t* count);
  struct Batch {
    std::shared_ptr<const StoreView> view;  // keeps the references alive
    std::vector<FetchRequest> requests;
  };
  void Work();
  void Fetch(const std::vector<FetchRequest>& requests);

  ReadPath& read_path_;
  const PrefetchOptions options_;
  const PrefetchCache cache_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::pair<const void*, std::string>, ArrayState> arrays_;  // guarded by mutex_
  std::deque<Batch> queue_;                                          // guarded by mutex_
  size_t queued_requests_ = 0;                                       // guarded by mutex_
  bool stopping_ = false;                                            // guarded by mutex_
  uint64_t prefetched_ = 0, dropped_ = 0, merged_ = 0;               // guarded by mutex_
  std::vector<std::thread> workers_;
};

}  // namespace stacfs::fs
