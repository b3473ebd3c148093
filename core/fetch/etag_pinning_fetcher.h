// EtagPinningFetcher: a decorator that never lets bytes of two versions of one object mix.
//
// A dataset's chunks are read over minutes or days; if a file is replaced meanwhile, chunks
// read before and after would come from different versions, and a reader would get an array
// no version ever held. The first ETag seen for a URL is pinned; a later response for that URL
// with another ETag is refused with kStale (ESTALE to a reader of the mount) instead of being
// returned. Responses without an ETag are passed through (the source offers no way to tell).
//
// Put it under every cache, so that what it lets through is what gets cached.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/fetch/fetcher.h"

namespace stacfs {

class EtagPinningFetcher final : public Fetcher {
 public:
  explicit EtagPinningFetcher(std::shared_ptr<Fetcher> inner) : inner_(std::move(inner)) {}

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

  // Responses refused because their object had changed.
  uint64_t stale_count() const;

 private:
  Result<FetchResponse> Check(const FetchRequest& request, Result<FetchResponse> response);

  const std::shared_ptr<Fetcher> inner_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> pinned_;  // guarded by mutex_: URL → first ETag
  uint64_t stale_ = 0;                                   // guarded by mutex_
};

}  // namespace stacfs
