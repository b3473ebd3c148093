#include "core/fetch/memory_cache_fetcher.h"

namespace stacfs {
namespace {
// Bookkeeping per entry beyond its bytes: list node, map node, key and response strings.
constexpr uint64_t kEntryOverheadBytes = 160;
}  // namespace

std::string MemoryCacheFetcher::KeyOf(const FetchRequest& request) {
  std::string key = request.url;
  key += '\0';
  if (request.range) {
    key += std::to_string(request.range->offset) + "+" + std::to_string(request.range->length);
  }
  return key;
}

bool MemoryCacheFetcher::Lookup(const std::string& key, FetchResponse* out) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return false;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  *out = it->second->response;
  ++hits_;
  return true;
}

void MemoryCacheFetcher::Insert(std::string key, const FetchResponse& response) {
  uint64_t charge = response.bytes.retained_bytes() + key.size() + kEntryOverheadBytes;
  if (charge > budget_bytes_) return;  // larger than the whole cache: pass through
  std::lock_guard lock(mutex_);
  if (index_.count(key)) return;  // a concurrent miss inserted it first
  lru_.push_front(Entry{key, response, charge});
  index_.emplace(std::move(key), lru_.begin());
  bytes_ += charge;
  while (bytes_ > budget_bytes_ && !lru_.empty()) {
    Entry& victim = lru_.back();
    bytes_ -= victim.charge;
    index_.erase(victim.key);
    lru_.pop_back();
    ++evictions_;
  }
}

Result<FetchResponse> MemoryCacheFetcher::Fetch(const FetchRequest& request) {
  std::string key = KeyOf(request);
  FetchResponse cached;
  if (Lookup(key, &cached)) return cached;
  Result<FetchResponse> fetched = inner_->Fetch(request);
  if (fetched) Insert(std::move(key), *fetched);
  return fetched;
}

std::vector<Result<FetchResponse>> MemoryCacheFetcher::FetchMany(
    std::span<const FetchRequest> requests) {
  std::vector<Result<FetchResponse>> results(requests.size());
  std::vector<FetchRequest> missing;
  std::vector<size_t> missing_at;
  for (size_t i = 0; i < requests.size(); ++i) {
    FetchResponse cached;
    if (Lookup(KeyOf(requests[i]), &cached)) {
      results[i] = std::move(cached);
    } else {
      missing.push_back(requests[i]);
      missing_at.push_back(i);
    }
  }
  if (missing.empty()) return results;
  std::vector<Result<FetchResponse>> fetched = inner_->FetchMany(missing);
  for (size_t j = 0; j < fetched.size(); ++j) {
    if (fetched[j]) Insert(KeyOf(missing[j]), *fetched[j]);
    results[missing_at[j]] = std::move(fetched[j]);
  }
  return results;
}

void MemoryCacheFetcher::Put(const FetchRequest& request, const FetchResponse& response) {
  Insert(KeyOf(request), response);
}

bool MemoryCacheFetcher::Contains(const FetchRequest& request) const {
  std::string key = KeyOf(request);
  std::lock_guard lock(mutex_);
  return index_.count(key) != 0;
}

MemoryCacheFetcher::Stats MemoryCacheFetcher::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{hits_, misses_, evictions_, bytes_, index_.size()};
}

}  // namespace stacfs
