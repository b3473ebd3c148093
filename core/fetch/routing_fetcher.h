// RoutingFetcher: sends local paths and file:// URLs to one fetcher and everything else to
// another (usually HTTP), so callers hold a single Fetcher whatever the URLs they meet.
#pragma once

#include <memory>

#include "core/fetch/fetcher.h"

namespace stacfs {

class RoutingFetcher final : public Fetcher {
 public:
  // `remote` may be null: remote URLs then fail with a clear error.
  RoutingFetcher(std::shared_ptr<Fetcher> local, std::shared_ptr<Fetcher> remote)
      : local_(std::move(local)), remote_(std::move(remote)) {}

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

 private:
  Fetcher* Route(const FetchRequest& request) const;

  const std::shared_ptr<Fetcher> local_;
  const std::shared_ptr<Fetcher> remote_;
};

}  // namespace stacfs
