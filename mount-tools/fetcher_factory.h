// Builds the Fetcher the commands use: local files by pread, http(s) through libcurl, with the
// single-flight and memory-cache decorators around them.
#pragma once

#include <cstdint>
#include <memory>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

class CurlFetcher;
class MemoryCacheFetcher;
class SingleFlightFetcher;

struct FetcherSettings {
  uint64_t memory_cache_bytes = uint64_t{256} << 20;
  uint64_t deadline_ms = 60000;
  Logger logger;
};

// The whole stack, with handles on its layers for their statistics.
struct FetcherStack {
  std::shared_ptr<Fetcher> top;  // what to fetch through: cache → single-flight → routing
  std::shared_ptr<MemoryCacheFetcher> cache;
  std::shared_ptr<SingleFlightFetcher> flights;
  std::shared_ptr<CurlFetcher> http;
};

Result<FetcherStack> MakeFetcherStack(const FetcherSettings& settings);
Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings);

}  // namespace stacfs
