#include "fs/prefetcher.h"

namespace stacfs::fs {
namespace {

// How far from the previous read a read may land and still count as walking in order:
// dask's threads read neighbouring chunks slightly out of order.
constexpr uint64_t kNearby = 4;

}  // namespace

Prefetcher::Prefetcher(ReadPath& read_path, PrefetchOptions options, PrefetchCache cache)
    : read_path_(read_path), options_(options), cache_(std::move(cache)) {
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

void Prefetcher::Plan(ArrayState& state, uint64_t n, const PrefetchOptions& options,
                      std::chrono::steady_clock::time_point now, uint64_t* first, size_t* count) {
  *count = 0;
  if (state.reads == 0 || now - state.last_read > options.sweep_idle) {
    state = ArrayState{};  // a new pass over this array
    state.low = state.high = state.last = n;
  }
  state.last_read = now;
  ++state.reads;
  state.low = std::min(state.low, n);
  state.high = std::max(state.high, n);
  bool near = n + kNearby >= state.last && n <= state.last + kNearby;
  state.run = near ? state.run + 1 : 0;
  state.last = n;
  if (state.run >= 2) {  // a walk: fetch what follows n
    uint64_t window = std::min<uint64_t>(options.max_window, uint64_t{1} << std::min<size_t>(state.run, 20));
    uint64_t from = std::max(state.ahead, n + 1);
    if (from >= n + 1 + window) return;  // already far enough ahead
    *first = from;
    *count = static_cast<size_t>(n + 1 + window - from);
    state.ahead = from + *count;
    return;
  }
  state.ahead = n + 1;  // not (yet) a walk: restart from here when it becomes one
  if (state.reads >= options.sweep_after) {  // a sweep: fill in the span read so far
    uint64_t from = std::max(state.filled, state.low);
    if (from > state.high) return;
    *first = from;
    *count = static_cast<size_t>(std::min<uint64_t>(options.max_window, state.high + 1 - from));
    state.filled = from + *count;
  }
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
    Plan(state, position->linear, options_, std::chrono::steady_clock::now(), &from, &window);
  }
  if (window == 0) return;
  Batch batch;
  batch.view = view;
  uint64_t bytes = 0;
  refs.ForEachChunkFrom(position->array_path, from, window, [&](uint64_t, const Reference& ref) {
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
    Fetch(batch.requests);
    std::lock_guard lock(mutex_);
    queued_requests_ -= batch.requests.size();
    prefetched_ += batch.requests.size();
  }
}

// Results land in the cache; errors are the reader's to meet (and report) if it gets there.
void Prefetcher::Fetch(const std::vector<FetchRequest>& requests) {
  if (!cache_.cache || !cache_.uncached) {
    read_path_.fetcher().FetchMany(requests);
    return;
  }
  std::vector<FetchRequest> missing;
  for (const FetchRequest& request : requests) {
    if (!cache_.cache->Contains(request)) missing.push_back(request);
  }
  std::vector<FetchRequest> singles;
  std::vector<CoalescedRequest> merged;
  for (CoalescedRequest& group : Coalesce(std::move(missing), options_.coalesce)) {
    if (group.members.size() == 1) {
      singles.push_back(std::move(group.request));  // through the cache: readers may join it
    } else {
      merged.push_back(std::move(group));
    }
  }
  std::vector<FetchRequest> merged_requests;
  for (const CoalescedRequest& group : merged) merged_requests.push_back(group.request);
  if (!singles.empty()) read_path_.fetcher().FetchMany(singles);
  if (merged_requests.empty()) return;
  std::vector<Result<FetchResponse>> responses = cache_.uncached->FetchMany(merged_requests);
  for (size_t i = 0; i < merged.size(); ++i) {
    if (!responses[i] || responses[i]->bytes.size() != merged[i].request.range->length) continue;
    const FetchResponse& whole = *responses[i];
    for (const FetchRequest& member : merged[i].members) {
      FetchResponse piece;
      // A copy, not a slice: the cache charges an entry for the whole buffer it keeps alive.
      piece.bytes = SharedBytes(std::string(
          whole.bytes.view().substr(member.range->offset - merged[i].request.range->offset, member.range->length)));
      piece.etag = whole.etag;
      piece.object_size = whole.object_size;
      cache_.cache->Put(member, piece);
    }
  }
  std::lock_guard lock(mutex_);
  merged_ += merged.size();
}

uint64_t Prefetcher::merged_requests() const {
  std::lock_guard lock(mutex_);
  return merged_;
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
