// CollectionDirectory: <collection>/ — collection.json, a directory per item (the collection's
// items, or the mount's search restricted to the collection), and clusters/ when the mount
// groups items.
//
// Listing pages through every item (one page in memory at a time) and builds each item's
// directory as a fixed snapshot. fs keeps the state of an entry whose source object is the same
// as in the previous listing (fs/virtual_fs.h), so a refresh after `ttl` hands back the same
// objects for what did not change: an item whose JSON is unchanged keeps its directory, a
// cluster whose members are unchanged keeps its store (and the references fs loaded through it),
// and an unchanged set of clusters keeps the whole clusters/ directory. The root keeps one
// CollectionDirectory per collection id and refreshes its collection document in place, since a
// collection's JSON (its extent, say) changes whenever items are added.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/mount/tree_context.h"
#include "catalog/stac_model.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

class CollectionDirectory final : public fs::DirectorySource {
 public:
  CollectionDirectory(std::shared_ptr<const TreeContext> context, StacCollection collection);

  Result<std::vector<fs::TreeEntry>> List() override;
  std::chrono::seconds ttl() const override { return context_->options.ttl; }

  const std::string& id() const { return id_; }
  // Replaces the collection document (same id) with a newer reading of it.
  void Refresh(StacCollection collection);

 private:
  struct ItemSnapshot {
    std::shared_ptr<const std::string> document;  // the item.json served (shared with the entry)
    std::shared_ptr<fs::DirectorySource> directory;
  };
  // What one listing built, for the next to reuse.
  struct Snapshot {
    std::map<std::string, ItemSnapshot> items;                         // by item id
    std::map<std::string, std::shared_ptr<fs::StoreSource>> stores;  // by ClusterKey
    std::shared_ptr<fs::DirectorySource> clusters;                     // null without clusters
  };

  Result<std::unique_ptr<ItemStream>> OpenItems() const;

  const std::shared_ptr<const TreeContext> context_;
  const std::string id_;
  std::mutex mutex_;
  // The collection.json served: the collection's JSON and a newline.
  std::shared_ptr<const std::string> collection_document_;  // guarded by mutex_
  // The previous listing's snapshot. Swapped whole; the lock never covers the listing itself.
  std::shared_ptr<const Snapshot> previous_;  // guarded by mutex_
};

}  // namespace stacfs::catalog
