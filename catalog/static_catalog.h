// StaticCatalog: a tree of catalog.json / collection.json / item files, by URL or local path,
// walked through its child and item links (hrefs resolved per RFC 3986 against the document
// holding them). Searches are evaluated on the client (item_filter.h).
//
// The walk is lazy and bounded: documents are read when the stream needs them, a batch of item
// files (or sibling catalogs) at a time in parallel through DocumentLoader::LoadMany; a catalog
// already visited is not read again (catalogs with cycles end); links deeper than max_depth are
// not followed (with a warning). Memory holds the links still to visit, never all items.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <unordered_set>

#include "catalog/catalog.h"
#include "catalog/document_loader.h"
#include "catalog/item_filter.h"

namespace stacfs::catalog {

struct WalkOptions {
  std::shared_ptr<const ItemFilter> filter;  // null: every item
  std::optional<uint64_t> max_items;
  FieldsSpec fields;                       // shapes each item's JSON (ProjectFields)
  bool descend_into_collections = true;    // false: the start's own items (and sub-catalogs) only
  size_t max_depth = 32;
  size_t batch_size = 32;  // item files read per batch
};

class StaticItemWalk final : public ItemStream {
 public:
  StaticItemWalk(std::shared_ptr<const DocumentLoader> loader, const StacCollection& start,
                 WalkOptions options);

  Result<std::optional<std::vector<StacItem>>> NextPage() override;
  const StreamStats& stats() const override { return stats_; }

 private:
  // What is left to read, in catalog order: item files and catalogs still to expand. The walk
  // takes the run of same-kind work at the front and reads it in parallel; an expanded
  // catalog's items and children take its place at the front, so the order is depth first.
  struct Work {
    bool is_catalog = false;
    std::string url;
    size_t depth = 0;
    std::string collection;  // inherited by items that name none
  };

  // The work `node` adds: its item links, then its unvisited child links.
  std::vector<Work> Expand(const StacCollection& node, size_t depth,
                           const std::string& inherited_collection);
  std::vector<Work> TakeRun(size_t max);
  Result<void> ExpandCatalogs(std::vector<Work> run);
  Result<std::vector<StacItem>> ReadItems(std::vector<Work> run);
  bool Full() const { return options_.max_items && stats_.items >= *options_.max_items; }

  const std::shared_ptr<const DocumentLoader> loader_;
  const WalkOptions options_;
  const size_t parallel_catalogs_;
  std::deque<Work> work_;
  std::unordered_set<std::string> visited_;  // catalogs seen, by URL without fragment
  bool failed_ = false;
  StreamStats stats_;
};

// Calls `sink` for every Collection reachable from `root` by child links, root first (depth
// first, catalog order); plain Catalogs are walked through but not reported.
Result<void> WalkCollections(const DocumentLoader& loader, const StacCollection& root,
                             size_t max_depth, const CollectionSink& sink);

class StaticCatalog final : public Catalog {
 public:
  StaticCatalog(std::shared_ptr<const DocumentLoader> loader, StacCollection root,
                const CatalogOptions& options);

  const CatalogInfo& info() const override { return info_; }
  Result<void> ForEachCollection(const CollectionSink& sink) override;
  Result<StacCollection> GetCollection(std::string_view id) override;
  Result<std::unique_ptr<ItemStream>> Items(std::string_view collection_id,
                                            std::optional<uint64_t> page_size) override;
  Result<std::unique_ptr<ItemStream>> Search(const SearchParams& params) override;

 private:
  const std::shared_ptr<const DocumentLoader> loader_;
  const StacCollection root_;
  const size_t max_depth_;
  CatalogInfo info_;
};

}  // namespace stacfs::catalog
