#include "mount-tools/fetcher_factory.h"

#include "core/fetch/disk_cache_fetcher.h"
#include "core/fetch/etag_pinning_fetcher.h"
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
  std::shared_ptr<Fetcher> source = std::make_shared<RoutingFetcher>(std::make_shared<FileFetcher>(), stack.http);
  if (settings.disk_cache_dir) {
    STACFS_ASSIGN_OR_RETURN(std::unique_ptr<DiskCacheFetcher> disk,
                            DiskCacheFetcher::Open(std::move(source), *settings.disk_cache_dir,
                                                   settings.disk_cache_bytes,
                                                   settings.logger.WithComponent("disk-cache")));
    stack.disk_cache = std::move(disk);
    source = stack.disk_cache;
  }
  stack.pinning = std::make_shared<EtagPinningFetcher>(std::move(source));
  stack.cache = std::make_shared<MemoryCacheFetcher>(stack.pinning, settings.memory_cache_bytes);
  stack.flights = std::make_shared<SingleFlightFetcher>(stack.cache);
  stack.top = stack.flights;
  return stack;
}

Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings) {
  STACFS_ASSIGN_OR_RETURN(FetcherStack stack, MakeFetcherStack(settings));
  return stack.top;
}

}  // namespace stacfs
