#include "catalog/static_catalog.h"

#include <algorithm>

#include "catalog/stac_parse.h"

namespace stacfs::catalog {
namespace {

// The key a document is known by in the visited set: its URL without fragment.
std::string VisitKey(std::string_view url) { return std::string(url.substr(0, url.find('#'))); }

}  // namespace

StaticItemWalk::StaticItemWalk(std::shared_ptr<const DocumentLoader> loader,
                               const StacCollection& start, WalkOptions options)
    : loader_(std::move(loader)),
      options_(std::move(options)),
      parallel_catalogs_(std::clamp<size_t>(options_.batch_size, 1, 8)) {
  visited_.insert(VisitKey(start.location));
  std::vector<Work> first = Expand(start, 0, "");
  work_.assign(first.begin(), first.end());
  if (options_.max_items && *options_.max_items == 0) stats_.stop = StopReason::kMaxItems;
}

std::vector<StaticItemWalk::Work> StaticItemWalk::Expand(const StacCollection& node, size_t depth,
                                                         const std::string& inherited_collection) {
  const std::string collection = node.IsCollection() ? node.id : inherited_collection;
  // A collection the search excludes: its items are not read (its children may still match).
  const bool wants_items =
      !(node.IsCollection() && options_.filter && !options_.filter->WantsCollection(node.id));
  std::vector<Work> items, children;
  for (const StacLink& link : node.links) {
    if (link.rel == "item" && wants_items) {
      items.push_back({false, link.href, depth, collection});
    } else if (link.rel == "child") {
      if (depth + 1 > options_.max_depth) {
        STACFS_LOG(loader_->logger(), kWarning)
            << "not following " << link.href << ": deeper than " << options_.max_depth << " levels";
        continue;
      }
      if (visited_.insert(VisitKey(link.href)).second) {
        children.push_back({true, link.href, depth + 1, collection});
      }
    }
  }
  items.insert(items.end(), children.begin(), children.end());
  return items;
}

std::vector<StaticItemWalk::Work> StaticItemWalk::TakeRun(size_t max) {
  std::vector<Work> run;
  const bool catalogs = work_.front().is_catalog;
  while (!work_.empty() && work_.front().is_catalog == catalogs && run.size() < max) {
    run.push_back(std::move(work_.front()));
    work_.pop_front();
  }
  return run;
}

Result<void> StaticItemWalk::ExpandCatalogs(std::vector<Work> run) {
  std::vector<std::string> urls;
  for (const Work& w : run) urls.push_back(w.url);
  std::vector<Result<Document>> documents = loader_->LoadMany(urls);
  std::vector<Work> added;
  for (size_t i = 0; i < run.size(); ++i) {
    if (!documents[i]) return std::move(documents[i]).error();
    STACFS_ASSIGN_OR_RETURN(StacCollection node,
                            ParseCollectionDocument(documents[i]->text, documents[i]->url));
    if (!options_.descend_into_collections && node.IsCollection()) continue;
    std::vector<Work> more = Expand(node, run[i].depth, run[i].collection);
    added.insert(added.end(), more.begin(), more.end());
  }
  work_.insert(work_.begin(), added.begin(), added.end());
  return Ok();
}

Result<std::vector<StacItem>> StaticItemWalk::ReadItems(std::vector<Work> run) {
  std::vector<std::string> urls;
  for (const Work& w : run) urls.push_back(w.url);
  std::vector<Result<Document>> documents = loader_->LoadMany(urls);
  stats_.pages++;
  std::vector<StacItem> out;
  for (size_t i = 0; i < run.size() && !Full(); ++i) {
    if (!documents[i]) return std::move(documents[i]).error();
    STACFS_ASSIGN_OR_RETURN(StacItem item, ParseItemDocument(documents[i]->text, documents[i]->url));
    if (item.collection.empty()) item.collection = run[i].collection;
    if (options_.filter && !options_.filter->Matches(item)) continue;
    if (!options_.fields.empty()) {
      STACFS_ASSIGN_OR_RETURN(item.json, ProjectFields(item.json, options_.fields));
    }
    out.push_back(std::move(item));
    stats_.items++;
  }
  return out;
}

Result<std::optional<std::vector<StacItem>>> StaticItemWalk::NextPage() {
  while (!failed_ && stats_.stop == StopReason::kNotStopped) {
    if (Full()) {
      stats_.stop = StopReason::kMaxItems;
      break;
    }
    if (work_.empty()) {
      stats_.stop = StopReason::kEndOfCatalog;
      break;
    }
    if (work_.front().is_catalog) {
      Result<void> expanded = ExpandCatalogs(TakeRun(parallel_catalogs_));
      if (!expanded) {
        failed_ = true;
        return std::move(expanded).error();
      }
      continue;
    }
    // Never read more item files than can still be returned.
    size_t max = options_.batch_size;
    if (options_.max_items) max = std::min<uint64_t>(max, *options_.max_items - stats_.items);
    Result<std::vector<StacItem>> items = ReadItems(TakeRun(std::max<size_t>(1, max)));
    if (!items) {
      failed_ = true;
      return std::move(items).error();
    }
    if (!items->empty()) return std::optional<std::vector<StacItem>>(std::move(*items));
  }
  return std::optional<std::vector<StacItem>>();
}

Result<void> WalkCollections(const DocumentLoader& loader, const StacCollection& root,
                             size_t max_depth, const CollectionSink& sink) {
  struct Node {
    StacCollection collection;
    size_t depth;
  };
  std::unordered_set<std::string> visited{VisitKey(root.location)};
  std::vector<Node> stack;  // back = next to report
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Node node = std::move(stack.back());
    stack.pop_back();
    std::vector<std::string> children;
    if (node.depth < max_depth) {
      for (const StacLink* link : node.collection.LinksWithRel("child")) {
        if (visited.insert(VisitKey(link->href)).second) children.push_back(link->href);
      }
    } else if (!node.collection.LinksWithRel("child").empty()) {
      STACFS_LOG(loader.logger(), kWarning) << "not following the children of "
                                            << node.collection.location << ": deeper than "
                                            << max_depth << " levels";
    }
    if (node.collection.IsCollection() && !sink(std::move(node.collection))) return Ok();
    std::vector<Result<Document>> documents = loader.LoadMany(children);
    std::vector<Node> loaded;
    for (Result<Document>& document : documents) {
      if (!document) return std::move(document).error();
      STACFS_ASSIGN_OR_RETURN(StacCollection child,
                              ParseCollectionDocument(document->text, document->url));
      loaded.push_back({std::move(child), node.depth + 1});
    }
    for (auto it = loaded.rbegin(); it != loaded.rend(); ++it) stack.push_back(std::move(*it));
  }
  return Ok();
}

StaticCatalog::StaticCatalog(std::shared_ptr<const DocumentLoader> loader, StacCollection root,
                             const CatalogOptions& options)
    : loader_(std::move(loader)), root_(std::move(root)), max_depth_(options.max_depth) {
  info_.location = root_.location;
  info_.kind = CatalogKind::kStatic;
  info_.id = root_.id;
  info_.title = root_.title;
  info_.description = root_.description;
}

Result<void> StaticCatalog::ForEachCollection(const CollectionSink& sink) {
  return WalkCollections(*loader_, root_, max_depth_, sink);
}

Result<StacCollection> StaticCatalog::GetCollection(std::string_view id) {
  std::optional<StacCollection> found;
  STACFS_RETURN_IF_ERROR(WalkCollections(*loader_, root_, max_depth_, [&](StacCollection c) {
    if (c.id != id) return true;
    found = std::move(c);
    return false;
  }));
  if (!found) return NotFound("no collection '" + std::string(id) + "' in " + root_.location);
  return std::move(*found);
}

Result<std::unique_ptr<ItemStream>> StaticCatalog::Items(std::string_view collection_id,
                                                         std::optional<uint64_t> page_size) {
  STACFS_ASSIGN_OR_RETURN(StacCollection collection, GetCollection(collection_id));
  WalkOptions options;
  options.descend_into_collections = false;
  options.max_depth = max_depth_;
  if (page_size && *page_size > 0) options.batch_size = *page_size;
  return std::unique_ptr<ItemStream>(
      std::make_unique<StaticItemWalk>(loader_, collection, std::move(options)));
}

Result<std::unique_ptr<ItemStream>> StaticCatalog::Search(const SearchParams& params) {
  STACFS_ASSIGN_OR_RETURN(ItemFilter filter, ItemFilter::Create(params));
  WalkOptions options;
  options.filter = std::make_shared<const ItemFilter>(std::move(filter));
  options.max_items = params.max_items;
  options.fields = params.fields;
  options.max_depth = max_depth_;
  if (params.limit && *params.limit > 0) options.batch_size = *params.limit;
  return std::unique_ptr<ItemStream>(
      std::make_unique<StaticItemWalk>(loader_, root_, std::move(options)));
}

}  // namespace stacfs::catalog
