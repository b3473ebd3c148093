// Builds the Fetcher the commands use: local files by pread, http(s) through libcurl, with the
// single-flight and memory-cache decorators around them.
#pragma once

#include <cstdint>
#include <memory>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

struct FetcherSettings {
  uint64_t memory_cache_bytes = uint64_t{256} << 20;
  uint64_t deadline_ms = 60000;
  Logger logger;
};

Result<std::shared_ptr<Fetcher>> MakeFetcher(const FetcherSettings& settings);

}  // namespace stacfs
