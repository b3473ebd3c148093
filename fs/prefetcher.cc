#include "fs/prefetcher.h"

namespace stacfs::fs {
namespace {

// How far from the previous read a read may land and still count as walking in order:
// dask's threads read neighbouring chunks slightly out of order.
constexpr uint64_t kNearby = 4;

}  // namespace

Prefetcher::Prefetcher(ReadPath& read_path, PrefetchOptions options)
    : read_path_(read_path), options_(options) {
  for (size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { Work(); });
}

Prefetcher::~Prefetcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void Prefetcher::OnChunkRead(const std::shared_ptr<const StoreView>& view, std::string_view key) {
  const ReferenceSet& refs = view->references();
  std::optional<ReferenceSet::ChunkPosition> position = refs.PositionOf(key);
  if (!position) return;
  uint64_t from = 0;
  size_t window = 0;
  {
    std::lock_guard lock(mutex_);
    ArrayState& state = arrays_[{view.get(), std::string(position->array_path)}];
    uint64_t n = position->linear;
    bool near = n + kNearby >= state.last && n <= state.last + kNearby;
    state.run = near ? state.run + 1 : 0;
    state.last = n;
    if (state.run < 2) {
      state.ahead = n;  // not (yet) a walk: no read-ahead, and restart from here when it becomes one
      return;
    }
    window = std::min<size_t>(options_.max_window, size_t{1} << std::min<size_t>(state.run, 20));
    from = std::max(state.ahead, n);
    if (from >= n + window) return;  // already far enough ahead
    window = static_cast<size_t>(n + window - from);
    state.ahead = from + window;
  }
  Batch batch;
  batch.view = view;
  uint64_t bytes = 0;
  refs.ForEachChunkAfter(position->array_path, from, window, [&](uint64_t, const Reference& ref) {
    if (ref.kind != Reference::Kind::kRange || bytes >= options_.max_window_bytes) return;
    bytes += ref.range.length;
    for (FetchRequest& request : read_path_.RequestsFor(ref)) batch.requests.push_back(std::move(request));
  });
  if (batch.requests.empty()) return;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queued_requests_ + batch.requests.size() > options_.max_queued) {
      dropped_ += batch.requests.size();
      return;
    }
    queued_requests_ += batch.requests.size();
    queue_.push_back(std::move(batch));
  }
  wake_.notify_one();
}

void Prefetcher::Work() {
  while (true) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    // Results land in the cache; errors are the reader's to meet (and report) if it gets there.
    read_path_.fetcher().FetchMany(batch.requests);
    std::lock_guard lock(mutex_);
    queued_requests_ -= batch.requests.size();
    prefetched_ += batch.requests.size();
  }
}

uint64_t Prefetcher::chunks_prefetched() const {
  std::lock_guard lock(mutex_);
  return prefetched_;
}

uint64_t Prefetcher::chunks_dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace stacfs::fs
