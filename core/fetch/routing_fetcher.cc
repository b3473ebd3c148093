#include "core/fetch/routing_fetcher.h"

#include "core/url/url.h"

namespace stacfs {

Fetcher* RoutingFetcher::Route(const FetchRequest& request) const {
  return IsLocal(request.url) ? local_.get() : remote_.get();
}

Result<FetchResponse> RoutingFetcher::Fetch(const FetchRequest& request) {
  Fetcher* target = Route(request);
  if (target == nullptr) return Unsupported("no fetcher for URL " + request.url);
  return target->Fetch(request);
}

std::vector<Result<FetchResponse>> RoutingFetcher::FetchMany(std::span<const FetchRequest> requests) {
  // Split by destination so each side can run its share concurrently.
  std::vector<FetchRequest> local, remote;
  std::vector<size_t> local_at, remote_at;
  for (size_t i = 0; i < requests.size(); ++i) {
    bool is_local = IsLocal(requests[i].url);
    (is_local ? local : remote).push_back(requests[i]);
    (is_local ? local_at : remote_at).push_back(i);
  }
  std::vector<Result<FetchResponse>> results(requests.size());
  auto run = [&](Fetcher* target, std::vector<FetchRequest>& batch, std::vector<size_t>& at) {
    if (batch.empty()) return;
    if (target == nullptr) {
      for (size_t j = 0; j < batch.size(); ++j) {
        results[at[j]] = Unsupported("no fetcher for URL " + batch[j].url);
      }
      return;
    }
    auto fetched = target->FetchMany(batch);
    for (size_t j = 0; j < fetched.size(); ++j) results[at[j]] = std::move(fetched[j]);
  };
  run(local_.get(), local, local_at);
  run(remote_.get(), remote, remote_at);
  return results;
}

}  // namespace stacfs
