// ReferenceFileStore: a virtual Zarr store whose Kerchunk references are one file (JSON or
// zstd-compressed JSON, by URL or local path), fetched and parsed when the store is first used.
#pragma once

#include <memory>
#include <string>

#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs::fs {

class ReferenceFileStore final : public StoreSource {
 public:
  ReferenceFileStore(std::shared_ptr<Fetcher> fetcher, std::string location)
      : fetcher_(std::move(fetcher)), location_(std::move(location)) {}

  Result<std::shared_ptr<const ReferenceSet>> Load() override;
  std::string Describe() const override { return location_; }

 private:
  const std::shared_ptr<Fetcher> fetcher_;
  const std::string location_;
};

}  // namespace stacfs::fs
