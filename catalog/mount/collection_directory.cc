#include "catalog/mount/collection_directory.h"

#include <optional>

#include "catalog/clusters.h"
#include "catalog/mount/cluster_store.h"
#include "catalog/mount/cluster_tree.h"
#include "catalog/mount/item_entries.h"

namespace stacfs::catalog {

CollectionDirectory::CollectionDirectory(std::shared_ptr<const TreeContext> context, StacCollection collection)
    : context_(std::move(context)),
      id_(collection.id),
      collection_document_(std::make_shared<const std::string>(collection.json + "\n")),
      previous_(std::make_shared<const Snapshot>()) {}

void CollectionDirectory::Refresh(StacCollection collection) {
  std::string document = collection.json + "\n";
  std::lock_guard lock(mutex_);
  // An unchanged document keeps its object: fs keeps the state of unchanged entries.
  if (*collection_document_ != document) {
    collection_document_ = std::make_shared<const std::string>(std::move(document));
  }
}

Result<std::unique_ptr<ItemStream>> CollectionDirectory::OpenItems() const {
  const CatalogTreeOptions& options = context_->options;
  if (!options.search) return context_->catalog->Items(id_, options.page_size);
  SearchParams params = *options.search;
  params.collections = {id_};
  if (!params.limit) params.limit = options.page_size;
  return context_->catalog->Search(params);
}

Result<std::vector<fs::TreeEntry>> CollectionDirectory::List() {
  const std::string where = "listing the items of " + context_->DescribeCollection(id_);
  std::shared_ptr<const Snapshot> previous;
  fs::TreeEntry document = fs::TreeEntry::Document("collection.json", "");
  {
    std::lock_guard lock(mutex_);
    previous = previous_;
    document.content = collection_document_;
  }

  std::vector<fs::TreeEntry> entries;
  entries.push_back(std::move(document));
  STACFS_ASSIGN_OR_RETURN(std::unique_ptr<ItemStream> stream, OpenItems().WithContext(where));

  auto next = std::make_shared<Snapshot>();
  std::optional<ClusterBuilder> clusters;
  if (!context_->options.cluster_properties.empty()) clusters.emplace(context_->options.cluster_properties);
  std::string item_document;
  Result<StreamStats> drained = ForEachItem(*stream, [&](StacItem& item) {
    // Items of a collection's items endpoint may leave `collection` out; clusters group by it.
    if (item.collection.empty()) item.collection = id_;
    item_document = item.json + "\n";
    ItemSnapshot snapshot;
    auto reusable = previous->items.find(item.id);
    if (reusable != previous->items.end() && *reusable->second.document == item_document) {
      snapshot = reusable->second;
    } else {
      std::vector<fs::TreeEntry> item_entries = ItemEntries(item, *context_);
      snapshot.document = item_entries.front().content;  // item.json comes first
      snapshot.directory = std::make_shared<fs::FixedDirectory>(std::move(item_entries));
    }
    entries.push_back(fs::TreeEntry::Directory(item.id, snapshot.directory));
    next->items[item.id] = std::move(snapshot);
    if (clusters) clusters->Add(item);
    return true;
  });
  if (!drained) return std::move(drained).error().WithContext(where);

  if (clusters) {
    bool all_reused = true;
    auto make_store = [&](Cluster cluster) -> std::shared_ptr<fs::StoreSource> {
      std::string key = ClusterKey(cluster);
      std::shared_ptr<fs::StoreSource> store;
      if (auto reusable = previous->stores.find(key); reusable != previous->stores.end()) {
        store = reusable->second;
      } else {
        all_reused = false;
        store = std::make_shared<ClusterStore>(context_->options.fetcher, std::move(cluster),
                                               context_->options.logger);
      }
      next->stores[std::move(key)] = store;
      return store;
    };
    next->clusters = MakeClustersDirectory(clusters->Take(), make_store);
    // Keys are unique, so the same number of clusters, all found, is the same set of clusters:
    // the same tree.
    if (all_reused && previous->clusters && next->stores.size() == previous->stores.size()) {
      next->clusters = previous->clusters;
    }
    entries.push_back(fs::TreeEntry::Directory("clusters", next->clusters));
  }

  std::lock_guard lock(mutex_);
  previous_ = std::move(next);
  return entries;
}

}  // namespace stacfs::catalog
