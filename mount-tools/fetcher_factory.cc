#include "mount-tools/fetcher_factory.h"

#include "core/fetch/file_fetcher.h"
#include "core/fetch/memory_cache_fetcher.h"
#include "core/fetch/routing_fetcher.h"
#include "core/fetch/single_flight_fetcher.h"
#include "core/http/curl_fetcher.h"

namespace stacfs {

Result<FetcherStack> MakeFetcherStack(const FetcherSettings& settings) {
  CurlFetcher::Options http;
  http.total_deadline_ms = settings.deadline_ms;
  http.logger = settings.logger.WithComponent("http");
  FetcherStack stack;
  STACFS_ASSIGN_OR_RETURN(std::unique_ptr<CurlFetcher> curl, CurlFetcher::Create(http));
  stack.http = std::move(curl);
  auto routing = std::make_shared<RoutingFetcher>(std::make_shared<FileFetcher>(), stack.http);
  stack.flights = std::make_shared<SingleFlightFetcher>(std::move(routing));
  stack.cache = std::make_shared<MemoryCacheFetcher>(stack.flights, settings.memory_cache_bytes);
  stack.top = stack.cache;
  return stack;
}

Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings) {
  STACFS_ASSIGN_OR_RETURN(FetcherStack stack, MakeFetcherStack(settings));
  return stack.top;
}

}  // namespace stacfs
