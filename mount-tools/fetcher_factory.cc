#include "mount-tools/fetcher_factory.h"

#include "core/fetch/file_fetcher.h"
#include "core/fetch/memory_cache_fetcher.h"
#include "core/fetch/routing_fetcher.h"
#include "core/fetch/single_flight_fetcher.h"
#include "core/http/curl_fetcher.h"

namespace stacfs {

Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings) {
  CurlFetcher::Options http;
  http.total_deadline_ms = settings.deadline_ms;
  http.logger = settings.logger.WithComponent("http");
  STACFS_ASSIGN_OR_RETURN(std::unique_ptr<CurlFetcher> curl, CurlFetcher::Create(http));
  auto routing = std::make_shared<RoutingFetcher>(std::make_shared<FileFetcher>(),
                                                  std::shared_ptr<Fetcher>(std::move(curl)));
  auto single_flight = std::make_shared<SingleFlightFetcher>(std::move(routing));
  return std::shared_ptr<Fetcher>(
      std::make_shared<MemoryCacheFetcher>(std::move(single_flight), settings.memory_cache_bytes));
}

}  // namespace stacfs
