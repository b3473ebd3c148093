// SingleFlightFetcher: a decorator under which concurrent identical requests share one fetch.
//
// The first caller of a key (the leader) fetches, unlocked; callers arriving while it is in
// flight wait for its result, success or error. The flight is forgotten once done: this is not
// a cache (wrap it in MemoryCacheFetcher for that).
#pragma once

#include <future>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/fetch/fetcher.h"

namespace stacfs {

class SingleFlightFetcher final : public Fetcher {
 public:
  explicit SingleFlightFetcher(std::shared_ptr<Fetcher> inner) : inner_(std::move(inner)) {}

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

  // Requests that joined a flight instead of fetching.
  uint64_t shared_count() const;

 private:
  using Flight = std::shared_future<Result<FetchResponse>>;
  static std::string KeyOf(const FetchRequest& request);
  // Joins the flight of `key`, or starts one (returns its promise) when there is none.
  Flight JoinOrLead(const std::string& key, std::unique_ptr<std::promise<Result<FetchResponse>>>* lead);
  void Land(const std::string& key, std::promise<Result<FetchResponse>>& promise,
            Result<FetchResponse> result);

  const std::shared_ptr<Fetcher> inner_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Flight> flights_;  // guarded by mutex_
  uint64_t shared_ = 0;                              // guarded by mutex_
};

}  // namespace stacfs
