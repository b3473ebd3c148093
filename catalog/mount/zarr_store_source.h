// ZarrStoreSource: a real Zarr v2 store (a STAC `zstore` asset) served through the mount as a
// virtual store, so that it is read the same way as Kerchunk datasets (ranges, caches, ETags).
//
// The store's consolidated metadata (<href>/.zmetadata) is read once; every metadata document
// is held inline, and every chunk of every array's grid becomes a whole-object reference
// [<href>/<array>/<chunk key>]. Zarr writers leave chunks that are all fill value unwritten: the
// mount answers a missing object with ENOENT, which zarr reads as fill_value — so listing the
// store's objects (which plain HTTP cannot do) is never needed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

class ZarrStoreSource final : public fs::StoreSource {
 public:
  // `href`: the store's root URL or absolute path (a trailing '/' is allowed). Stores whose
  // arrays have more than `max_chunks` chunks in all are refused.
  ZarrStoreSource(std::shared_ptr<Fetcher> fetcher, std::string href, uint64_t max_chunks);

  Result<std::shared_ptr<const ReferenceSet>> Load() override;
  std::string Describe() const override { return root_ + "/.zmetadata"; }

 private:
  const std::shared_ptr<Fetcher> fetcher_;
  const std::string root_;  // href without trailing slashes
  const uint64_t max_chunks_;
};

}  // namespace stacfs::catalog
