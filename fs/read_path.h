// ReadPath: the bytes behind a file of the mount, fetched through the daemon's fetcher stack
// (memory cache over single-flight over the routing fetcher, composed by the caller).
//
// A chunk file is fetched whole on its first read, whatever the kernel asked for: readers read
// chunks whole, so the kernel's next reads of it are served from the cache, and concurrent
// reads of one chunk share one fetch. Chunks longer than `part_bytes` are fetched as parts in
// parallel (each part cached on its own). Plain remote files (a netCDF asset) are read in
// aligned blocks of `block_bytes`, so that a reader's small reads become few requests and
// neighbouring reads hit the cache.
//
// Everything returned is exactly the bytes of the source: a short or failed fetch is an error,
// never zero-filled.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/shared_bytes.h"
#include "core/fetch/fetcher.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs::fs {

struct ReadPathOptions {
  uint64_t part_bytes = uint64_t{8} << 20;
  uint64_t block_bytes = uint64_t{4} << 20;
};

class ReadPath {
 public:
  ReadPath(std::shared_ptr<Fetcher> fetcher, ReadPathOptions options)
      : fetcher_(std::move(fetcher)), options_(options) {}

  // [offset, offset + size) of the value `ref` points to, cut at its end (empty past it).
  Result<SharedBytes> ReadReference(const Reference& ref, uint64_t offset, uint64_t size);
  // [offset, offset + size) of the remote file `url` of `object_size` bytes, cut at its end.
  Result<SharedBytes> ReadRemoteFile(std::string_view url, uint64_t object_size, uint64_t offset,
                                     uint64_t size);

  // The size of a whole-object reference's object: the object is fetched (and cached, as it is
  // about to be read). kNotFound when the server has no such object.
  Result<uint64_t> WholeObjectSize(std::string_view url);
  // The size of a remote file, asked of its server with a one-byte range request.
  Result<uint64_t> RemoteFileSize(std::string_view url);

  // The requests a whole read of `ref` (a byte range) makes: one, or its parts. Read-ahead asks
  // for exactly these so that it fills the cache entries the reader's reads will look up.
  std::vector<FetchRequest> RequestsFor(const Reference& ref) const;

  Fetcher& fetcher() { return *fetcher_; }

 private:
  // Fetches [range] of `url` as parts aligned to `part` bytes from `base`, and returns
  // [want) of it, copying only when `want` spans parts.
  Result<SharedBytes> ReadAligned(std::string_view url, ByteRange whole, uint64_t part, ByteRange want);

  const std::shared_ptr<Fetcher> fetcher_;
  const ReadPathOptions options_;
};

}  // namespace stacfs::fs
