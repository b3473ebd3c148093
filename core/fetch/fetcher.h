// Fetcher: reads bytes of objects named by URL — the one seam between stacfs and storage.
//
// Implementations: FileFetcher (local paths and file:// URLs, pread), CurlFetcher (http(s),
// core/http), and decorators that add behaviour around any Fetcher: MemoryCacheFetcher (LRU with
// a byte budget) and SingleFlightFetcher (concurrent identical requests share one fetch).
//
// Contract, for every implementation:
//  - A request names a byte range, or no range for the whole object.
//  - A successful response holds exactly the bytes asked for: never fewer, never zero-filled.
//    A range past the end of the object is an error (kOutOfRange), not a short read.
//  - Errors name the URL and the range. Fetch is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/byte_range.h"
#include "core/base/result.h"
#include "core/base/shared_bytes.h"

namespace stacfs {

struct FetchRequest {
  std::string url;
  std::optional<ByteRange> range;  // nullopt: the whole object

  bool operator==(const FetchRequest&) const = default;
  // "URL [offset, +length)" or "URL (whole object)", for error messages and logs.
  std::string ToString() const;
};

struct FetchResponse {
  SharedBytes bytes;
  std::string etag;                    // empty when the source has none
  std::optional<uint64_t> object_size;  // total size of the object, when the source tells it
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;

  virtual Result<FetchResponse> Fetch(const FetchRequest& request) = 0;

  // Fetches several requests, concurrently where the implementation can; results are in
  // request order. The default runs them one by one.
  virtual std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests);
};

}  // namespace stacfs
