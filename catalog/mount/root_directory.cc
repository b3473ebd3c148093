#include "catalog/mount/root_directory.h"

namespace stacfs::catalog {

RootDirectory::RootDirectory(std::shared_ptr<const TreeContext> context)
    : context_(std::move(context)), collections_(std::make_shared<const CollectionMap>()) {}

Result<std::vector<StacCollection>> RootDirectory::Collections() const {
  std::vector<StacCollection> out;
  const std::optional<SearchParams>& search = context_->options.search;
  if (search && !search->collections.empty()) {
    for (const std::string& id : search->collections) {
      auto collection = context_->catalog->GetCollection(id);
      if (collection) {
        out.push_back(std::move(*collection));
      } else if (collection.error().code() == ErrorCode::kNotFound) {
        // A misspelt name shows as a missing directory, not as a root that cannot be listed.
        STACFS_LOG(context_->options.logger, kWarning)
            << "the search names collection '" << id << "', which " << context_->catalog->info().location
            << " does not have: " << collection.error().ToString();
      } else {
        return std::move(collection).error().WithContext("reading " + context_->DescribeCollection(id));
      }
    }
    return out;
  }
  Result<void> listed = context_->catalog->ForEachCollection([&](StacCollection collection) {
    out.push_back(std::move(collection));
    return true;
  });
  if (!listed) {
    return std::move(listed).error().WithContext("listing the collections of " + context_->catalog->info().location);
  }
  return out;
}

Result<std::vector<fs::TreeEntry>> RootDirectory::List() {
  std::shared_ptr<const CollectionMap> previous;
  {
    std::lock_guard lock(mutex_);
    previous = collections_;
  }
  STACFS_ASSIGN_OR_RETURN(std::vector<StacCollection> collections, Collections());
  auto next = std::make_shared<CollectionMap>();
  std::vector<fs::TreeEntry> entries;
  for (StacCollection& collection : collections) {
    std::shared_ptr<CollectionDirectory> directory;
    auto reusable = previous->find(collection.id);
    // Two collections with one id (nested static catalogs) must not share a directory.
    if (reusable != previous->end() && !next->contains(collection.id)) {
      directory = reusable->second;
      directory->Refresh(std::move(collection));
    } else {
      directory = std::make_shared<CollectionDirectory>(context_, std::move(collection));
    }
    entries.push_back(fs::TreeEntry::Directory(directory->id(), directory));
    next->emplace(directory->id(), directory);
  }
  std::lock_guard lock(mutex_);
  collections_ = std::move(next);
  return entries;
}

}  // namespace stacfs::catalog
