#include "fs/reference_file_store.h"

#include "core/kerchunk/reference_file.h"

namespace stacfs::fs {

Result<std::shared_ptr<const ReferenceSet>> ReferenceFileStore::Load() {
  ReferenceParseOptions options;
  options.location = location_;
  STACFS_ASSIGN_OR_RETURN(ReferenceSet refs, LoadReferences(*fetcher_, location_, options));
  return std::make_shared<const ReferenceSet>(std::move(refs));
}

}  // namespace stacfs::fs
