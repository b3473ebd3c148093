#include "core/fetch/etag_pinning_fetcher.h"

namespace stacfs {

Result<FetchResponse> EtagPinningFetcher::Check(const FetchRequest& request, Result<FetchResponse> response) {
  if (!response || response->etag.empty()) return response;
  std::lock_guard lock(mutex_);
  auto [it, first] = pinned_.emplace(request.url, response->etag);
  if (first || it->second == response->etag) return response;
  ++stale_;
  return Unexpected(Stale(request.url + " changed while in use (ETag " + it->second + " became " +
                          response->etag + "): remount to read the new version"));
}

Result<FetchResponse> EtagPinningFetcher::Fetch(const FetchRequest& request) {
  return Check(request, inner_->Fetch(request));
}

std::vector<Result<FetchResponse>> EtagPinningFetcher::FetchMany(std::span<const FetchRequest> requests) {
  std::vector<Result<FetchResponse>> responses = inner_->FetchMany(requests);
  for (size_t i = 0; i < responses.size(); ++i) responses[i] = Check(requests[i], std::move(responses[i]));
  return responses;
}

uint64_t EtagPinningFetcher::stale_count() const {
  std::lock_guard lock(mutex_);
  return stale_;
}

}  // namespace stacfs
