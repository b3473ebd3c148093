// Prefetcher: reads ahead along a variable when a reader walks its chunks in order.
//
// Readers of climate data mostly walk a variable's chunks in row-major order — a time series
// through a (1, lat, lon)-chunked variable touches every chunk one after the other, and each
// read pays a round trip. When a reader reads chunk n of an array soon after chunk n-1 (or
// nearby: dask's threads read a few chunks out of order), the prefetcher fetches the chunks
// that follow, through the same cache and single-flight layers the reader uses, so the
// reader's next reads hit the cache or join a fetch already in flight. The window doubles with
// each near-sequential read (2, 4, 8 … up to `max_window` chunks and `max_window_bytes`), and
// collapses on a random access. Globally at most `max_queued` chunk fetches wait: beyond that,
// read-ahead is dropped (never the reader's own reads).
//
// Work runs on `workers` background threads, each fetching one batch at a time with FetchMany
// (concurrent over HTTP). No lock is held while fetching.
#pragma once

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
#include "fs/read_path.h"
#include "fs/store_view.h"

namespace stacfs::fs {

struct PrefetchOptions {
  size_t max_window = 64;                           // chunks ahead per array
  uint64_t max_window_bytes = uint64_t{64} << 20;   // bytes ahead per array
  size_t max_queued = 512;                          // chunk fetches waiting, all arrays together
  size_t workers = 2;
};

class Prefetcher {
 public:
  Prefetcher(ReadPath& read_path, PrefetchOptions options);
  ~Prefetcher();  // drops queued work and joins the workers
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // A reader started reading the chunk `key` of `view`.
  void OnChunkRead(const std::shared_ptr<const StoreView>& view, std::string_view key);

  uint64_t chunks_prefetched() const;
  uint64_t chunks_dropped() const;

 private:
  struct ArrayState {
    uint64_t last = 0;        // the last chunk number read
    uint64_t ahead = 0;       // chunks up to this number are fetched or queued
    size_t run = 0;           // near-sequential reads in a row
  };
  struct Batch {
    std::shared_ptr<const StoreView> view;  // keeps the references alive
    std::vector<FetchRequest> requests;
  };
  void Work();

  ReadPath& read_path_;
  const PrefetchOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::pair<const void*, std::string>, ArrayState> arrays_;  // guarded by mutex_
  std::deque<Batch> queue_;                                          // guarded by mutex_
  size_t queued_requests_ = 0;                                       // guarded by mutex_
  bool stopping_ = false;                                            // guarded by mutex_
  uint64_t prefetched_ = 0, dropped_ = 0;                            // guarded by mutex_
  std::vector<std::thread> workers_;
};

}  // namespace stacfs::fs
