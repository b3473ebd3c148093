// Builds the Fetcher the commands use: local files by pread, http(s) through libcurl, with the
// single-flight and memory-cache decorators around them and, optionally, a disk cache.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

class CurlFetcher;
class EtagPinningFetcher;
class DiskCacheFetcher;
class MemoryCacheFetcher;
class SingleFlightFetcher;

struct FetcherSettings {
  uint64_t memory_cache_bytes = uint64_t{256} << 20;
  uint64_t deadline_ms = 60000;
  std::optional<std::string> disk_cache_dir;  // nullopt: no disk cache
  uint64_t disk_cache_bytes = uint64_t{10} << 30;
  Logger logger;
};

// The whole stack, with handles on its layers for their statistics.
struct FetcherStack {
  // What to fetch through: single-flight → memory cache → ETag pinning → [disk cache →] routing.
  // Single-flight is on top so that a reader arriving while another (or read-ahead) fetches a
  // chunk joins that fetch, and one arriving after finds it cached: the cache insert happens
  // before the flight lands. Concurrent readers so share one disk read too, and a disk hit
  // lands in the memory cache. Pinning checks every response that is about to be cached.
  std::shared_ptr<Fetcher> top;
  std::shared_ptr<SingleFlightFetcher> flights;
  std::shared_ptr<MemoryCacheFetcher> cache;
  std::shared_ptr<EtagPinningFetcher> pinning;
  std::shared_ptr<DiskCacheFetcher> disk_cache;  // null unless settings.disk_cache_dir
  std::shared_ptr<CurlFetcher> http;
};

Result<FetcherStack> MakeFetcherStack(const FetcherSettings& settings);
Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings);

}  // namespace stacfs
