// What `stacfs mount SOURCE` mounts: SOURCE is read once and recognised by its content — a
// Kerchunk reference file (JSON with "refs"/"version" or Zarr keys, or zstd-compressed) becomes
// the mount root as one store; anything else that parses as a STAC catalog, collection or API
// landing page becomes a catalog tree.
#pragma once

#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs {

enum class MountSourceKind { kReferences, kCatalog };

// From the bytes of SOURCE; `location` names it in errors.
Result<MountSourceKind> RecogniseMountSource(std::string_view bytes, std::string_view location);

// A store whose references were read already (the mount's SOURCE, checked before mounting).
class LoadedStore final : public fs::StoreSource {
 public:
  LoadedStore(std::shared_ptr<const ReferenceSet> refs, std::string location)
      : refs_(std::move(refs)), location_(std::move(location)) {}
  Result<std::shared_ptr<const ReferenceSet>> Load() override { return refs_; }
  std::string Describe() const override { return location_; }

 private:
  std::shared_ptr<const ReferenceSet> refs_;
  std::string location_;
};

}  // namespace stacfs
