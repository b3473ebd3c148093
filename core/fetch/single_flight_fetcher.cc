#include "core/fetch/single_flight_fetcher.h"

namespace stacfs {

std::string SingleFlightFetcher::KeyOf(const FetchRequest& request) {
  std::string key = request.url;
  key += '\0';
  if (request.range) {
    key += std::to_string(request.range->offset) + "+" + std::to_string(request.range->length);
  }
  return key;
}

SingleFlightFetcher::Flight SingleFlightFetcher::JoinOrLead(
    const std::string& key, std::unique_ptr<std::promise<Result<FetchResponse>>>* lead) {
  std::lock_guard lock(mutex_);
  auto it = flights_.find(key);
  if (it != flights_.end()) {
    ++shared_;
    return it->second;
  }
  *lead = std::make_unique<std::promise<Result<FetchResponse>>>();
  Flight flight = (*lead)->get_future().share();
  flights_.emplace(key, flight);
  return flight;
}

void SingleFlightFetcher::Land(const std::string& key, std::promise<Result<FetchResponse>>& promise,
                               Result<FetchResponse> result) {
  {
    std::lock_guard lock(mutex_);
    flights_.erase(key);
  }
  promise.set_value(std::move(result));
}

Result<FetchResponse> SingleFlightFetcher::Fetch(const FetchRequest& request) {
  std::string key = KeyOf(request);
  std::unique_ptr<std::promise<Result<FetchResponse>>> lead;
  Flight flight = JoinOrLead(key, &lead);
  if (lead) Land(key, *lead, inner_->Fetch(request));
  return flight.get();
}

std::vector<Result<FetchResponse>> SingleFlightFetcher::FetchMany(
    std::span<const FetchRequest> requests) {
  std::vector<Flight> flights;
  std::vector<std::unique_ptr<std::promise<Result<FetchResponse>>>> leads(requests.size());
  std::vector<FetchRequest> to_fetch;
  std::vector<size_t> led;
  std::vector<std::string> keys;
  for (size_t i = 0; i < requests.size(); ++i) {
    keys.push_back(KeyOf(requests[i]));
    flights.push_back(JoinOrLead(keys.back(), &leads[i]));
    if (leads[i]) {
      to_fetch.push_back(requests[i]);
      led.push_back(i);
    }
  }
  if (!to_fetch.empty()) {
    std::vector<Result<FetchResponse>> fetched = inner_->FetchMany(to_fetch);
    for (size_t j = 0; j < led.size(); ++j) Land(keys[led[j]], *leads[led[j]], std::move(fetched[j]));
  }
  std::vector<Result<FetchResponse>> results;
  results.reserve(requests.size());
  for (Flight& flight : flights) results.push_back(flight.get());
  return results;
}

uint64_t SingleFlightFetcher::shared_count() const {
  std::lock_guard lock(mutex_);
  return shared_;
}

}  // namespace stacfs
