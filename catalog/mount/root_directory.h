// RootDirectory: the mount's root — a directory per collection of the catalog, or per
// collection the mount's search names.
//
// A collection listed again keeps its directory object (and with it the item directories and
// stores below it, which fs keeps by identity); only its collection.json is refreshed.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/mount/collection_directory.h"
#include "catalog/mount/tree_context.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

class RootDirectory final : public fs::DirectorySource {
 public:
  explicit RootDirectory(std::shared_ptr<const TreeContext> context);

  Result<std::vector<fs::TreeEntry>> List() override;
  std::chrono::seconds ttl() const override { return context_->options.ttl; }

 private:
  using CollectionMap = std::map<std::string, std::shared_ptr<CollectionDirectory>>;

  // The collections to show, in catalog order (or the search's order).
  Result<std::vector<StacCollection>> Collections() const;

  const std::shared_ptr<const TreeContext> context_;
  std::mutex mutex_;
  std::shared_ptr<const CollectionMap> collections_;  // guarded by mutex_; the previous listing's
};

}  // namespace stacfs::catalog
