#include "catalog/api_catalog.h"

#include <set>

#include "catalog/item_page.h"
#include "catalog/item_pager.h"
#include "catalog/paging.h"
#include "catalog/search_request.h"
#include "catalog/stac_parse.h"
#include "catalog/static_catalog.h"

namespace stacfs::catalog {
namespace {

// "/" and everything not unreserved is encoded: an id is one path segment.
std::string PercentEncodePathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == ':';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// `root` + "/" + `path`, whatever trailing slash or query the root has.
std::string BelowRoot(std::string_view root, std::string_view path) {
  std::string base(root.substr(0, root.find_first_of("?#")));
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + std::string(path);
}

PagingLimits LimitsFor(std::string_view first_url) {
  PagingLimits limits;
  limits.catalog_origin = NormalisedOrigin(first_url);
  return limits;
}

// Items of several collections, one items endpoint after the other, as one stream.
class CollectionChainStream final : public ItemStream {
 public:
  using Factory = std::function<Result<std::unique_ptr<ItemStream>>(const std::string& id)>;

  CollectionChainStream(std::vector<std::string> ids, Factory factory,
                        std::optional<uint64_t> max_items, FieldsSpec fields)
      : ids_(std::move(ids)), factory_(std::move(factory)), max_items_(max_items),
        fields_(std::move(fields)) {}

  Result<std::optional<std::vector<StacItem>>> NextPage() override {
    while (stats_.stop == StopReason::kNotStopped) {
      if (max_items_ && stats_.items >= *max_items_) {
        stats_.stop = StopReason::kMaxItems;
        break;
      }
      if (!current_) {
        if (next_index_ >= ids_.size()) {
          stats_.stop = StopReason::kEndOfCatalog;
          break;
        }
        Result<std::unique_ptr<ItemStream>> stream = factory_(ids_[next_index_++]);
        if (!stream) {
          stats_.stop = StopReason::kNoNextLink;
          return std::move(stream).error();
        }
        current_ = std::move(*stream);
      }
      Result<std::optional<std::vector<StacItem>>> page = current_->NextPage();
      if (!page) {
        stats_.stop = StopReason::kNoNextLink;
        return std::move(page).error();
      }
      stats_.pages = pages_done_ + current_->stats().pages;
      if (!*page) {
        pages_done_ = stats_.pages;
        current_.reset();
        continue;
      }
      std::vector<StacItem>& items = **page;
      if (max_items_ && items.size() > *max_items_ - stats_.items) {
        items.resize(*max_items_ - stats_.items);
      }
      for (StacItem& item : items) {
        if (!fields_.empty()) {
          STACFS_ASSIGN_OR_RETURN(item.json, ProjectFields(item.json, fields_));
        }
      }
      stats_.items += items.size();
      if (!items.empty()) return page;
    }
    return std::optional<std::vector<StacItem>>();
  }

  const StreamStats& stats() const override { return stats_; }

 private:
  const std::vector<std::string> ids_;
  const Factory factory_;
  const std::optional<uint64_t> max_items_;
  const FieldsSpec fields_;
  size_t next_index_ = 0;
  uint64_t pages_done_ = 0;
  std::unique_ptr<ItemStream> current_;
  StreamStats stats_;
};

}  // namespace

Result<std::unique_ptr<ApiCatalog>> ApiCatalog::Create(std::shared_ptr<const DocumentLoader> loader,
                                                       LandingPage landing,
                                                       const CatalogOptions& options) {
  if (landing.conforms_to.empty() && !landing.conformance_href.empty()) {
    Result<Document> document = loader->Load(landing.conformance_href);
    Result<std::vector<std::string>> classes =
        document ? ParseConformance(document->text, document->url)
                 : Result<std::vector<std::string>>(document.error());
    if (classes) {
      landing.conforms_to = std::move(*classes);
      landing.conformance = ClassifyConformance(landing.conforms_to);
    } else {
      // The links still tell what the API offers; a broken /conformance is no reason to stop.
      STACFS_LOG(loader->logger(), kWarning) << "ignoring the conformance classes: "
                                             << classes.error().ToString();
    }
  }
  return std::unique_ptr<ApiCatalog>(new ApiCatalog(std::move(loader), std::move(landing), options));
}

ApiCatalog::ApiCatalog(std::shared_ptr<const DocumentLoader> loader, LandingPage landing,
                       const CatalogOptions& options)
    : loader_(std::move(loader)),
      landing_(std::move(landing)),
      max_depth_(options.max_depth),
      origin_(NormalisedOrigin(landing_.root.location)) {
  const Conformance& c = landing_.conformance;
  collections_url_ = landing_.collections_href;
  if (collections_url_.empty() && (c.collections || c.features)) {
    collections_url_ = BelowRoot(landing_.root.location, "collections");
  }
  info_.location = landing_.root.location;
  info_.kind = CatalogKind::kStacApi;
  info_.id = landing_.root.id;
  info_.title = landing_.root.title;
  info_.description = landing_.root.description;
  info_.conforms_to = landing_.conforms_to;
  info_.conformance = c;
  info_.search = landing_.search;
  if (!info_.search && c.item_search) {
    // Conformance promises /search but no link names it: GET is the one method it must offer.
    info_.search = SearchEndpoint{BelowRoot(landing_.root.location, "search"), true, false};
  }
}

std::string ApiCatalog::CollectionUrl(std::string_view id) const {
  return BelowRoot(collections_url_, PercentEncodePathSegment(id));
}

std::string ApiCatalog::ItemsUrl(std::string_view id) const {
  {
    std::lock_guard lock(items_links_mutex_);
    auto it = items_links_.find(id);
    if (it != items_links_.end()) return it->second;
  }
  return BelowRoot(CollectionUrl(id), "items");
}

void ApiCatalog::RememberItemsLink(const StacCollection& collection) {
  for (const StacLink* link : collection.LinksWithRel("items")) {
    std::lock_guard lock(items_links_mutex_);
    items_links_[collection.id] = link->href;
    return;
  }
}

Result<void> ApiCatalog::PageCollections(const CollectionSink& sink) {
  PageRequest request;
  request.url = collections_url_;
  const PagingLimits limits = LimitsFor(request.url);
  RepeatGuard seen_requests;
  seen_requests.FirstTime(request);
  std::set<std::string> seen_ids;
  for (uint64_t page_number = 1;; ++page_number) {
    const std::string where = "collections page " + std::to_string(page_number);
    STACFS_ASSIGN_OR_RETURN(Document document, loader_->Send(request).WithContext(where));
    STACFS_ASSIGN_OR_RETURN(CollectionsPage page,
                            ParseCollectionsPage(document.text, document.url).WithContext(where));
    if (page.collections.empty()) return Ok();
    bool anything_new = false;
    for (StacCollection& collection : page.collections) {
      if (!seen_ids.insert(collection.id).second) continue;
      anything_new = true;
      RememberItemsLink(collection);
      if (!sink(std::move(collection))) return Ok();
    }
    if (!anything_new) {
      STACFS_LOG(loader_->logger(), kWarning)
          << "the server sent the same collections again (" << document.url << "); stopping";
      return Ok();
    }
    if (!page.next) return Ok();
    STACFS_ASSIGN_OR_RETURN(request, NextPageRequest(request, *page.next, limits)
                                         .WithContext(where + " (" + AbbreviateUrl(document.url) + ")"));
    if (!seen_requests.FirstTime(request)) return Ok();
  }
}

Result<void> ApiCatalog::ForEachCollection(const CollectionSink& sink) {
  if (collections_url_.empty()) {
    // No /collections: the landing page's child links are the way in, as in a static catalog.
    return WalkCollections(*loader_, landing_.root, max_depth_, sink);
  }
  // Collections may nest further collections through child links; those are listed too, once.
  std::set<std::string> reported;
  bool stopped = false;
  CollectionSink once = [&](StacCollection c) {
    if (!reported.insert(c.id).second) return true;
    if (!sink(std::move(c))) stopped = true;
    return !stopped;
  };
  return PageCollections([&](StacCollection c) {
    if (c.LinksWithRel("child").empty()) return once(std::move(c));
    Result<void> walked = WalkCollections(*loader_, c, max_depth_, once);
    if (!walked) {
      STACFS_LOG(loader_->logger(), kWarning) << "skipping the children of collection " << c.id
                                              << ": " << walked.error().ToString();
      return once(std::move(c));
    }
    return !stopped;
  });
}

Result<StacCollection> ApiCatalog::GetCollection(std::string_view id) {
  if (collections_url_.empty()) {
    std::optional<StacCollection> found;
    STACFS_RETURN_IF_ERROR(WalkCollections(*loader_, landing_.root, max_depth_, [&](StacCollection c) {
      if (c.id != id) return true;
      found = std::move(c);
      return false;
    }));
    if (!found) return NotFound("no collection '" + std::string(id) + "' in " + info_.location);
    return std::move(*found);
  }
  STACFS_ASSIGN_OR_RETURN(Document document, loader_->Load(CollectionUrl(id)));
  STACFS_ASSIGN_OR_RETURN(StacCollection collection,
                          ParseCollectionDocument(document.text, document.url));
  RememberItemsLink(collection);
  return collection;
}

Result<std::unique_ptr<ItemStream>> ApiCatalog::Items(std::string_view collection_id,
                                                      std::optional<uint64_t> page_size) {
  if (collections_url_.empty()) {
    STACFS_ASSIGN_OR_RETURN(StacCollection collection, GetCollection(collection_id));
    if (collection.LinksWithRel("items").empty()) {
      WalkOptions options;
      options.descend_into_collections = false;
      options.max_depth = max_depth_;
      return std::unique_ptr<ItemStream>(std::make_unique<StaticItemWalk>(loader_, collection, options));
    }
    RememberItemsLink(collection);
  }
  PageRequest first;
  first.url = ItemsUrl(collection_id);
  if (page_size && *page_size > 0) {
    first.url = AppendQueryParameter(first.url, "limit", std::to_string(*page_size));
  }
  PagerOptions options;
  options.limits = LimitsFor(first.url);
  options.default_collection = std::string(collection_id);
  return std::unique_ptr<ItemStream>(
      std::make_unique<ApiItemPager>(loader_, std::move(first), std::move(options)));
}

Result<std::unique_ptr<ItemStream>> ApiCatalog::Search(const SearchParams& params) {
  if (!info_.search) return SearchPerCollection(params);
  STACFS_ASSIGN_OR_RETURN(std::string method, ChooseSearchMethod(*info_.search, params.method));
  PageRequest first = BuildSearchRequest(info_.search->href, method, params);
  PagerOptions options;
  options.max_items = params.max_items;
  options.limits = LimitsFor(first.url);
  return std::unique_ptr<ItemStream>(
      std::make_unique<ApiItemPager>(loader_, std::move(first), std::move(options)));
}

Result<std::unique_ptr<ItemStream>> ApiCatalog::SearchPerCollection(const SearchParams& params) {
  STACFS_ASSIGN_OR_RETURN(ItemFilter filter, ItemFilter::Create(params));
  auto shared_filter = std::make_shared<const ItemFilter>(std::move(filter));
  std::vector<std::string> ids = params.collections;
  if (ids.empty()) {
    STACFS_RETURN_IF_ERROR(ForEachCollection([&](StacCollection c) {
      ids.push_back(c.id);
      return true;
    }));
  }
  // What an OGC API Features items endpoint understands; the filter does the rest.
  SearchParams server_side;
  server_side.bbox = params.bbox;
  server_side.datetime = params.datetime;
  server_side.limit = params.limit;
  CollectionChainStream::Factory factory =
      [this, shared_filter, server_side](const std::string& id) -> Result<std::unique_ptr<ItemStream>> {
    if (collections_url_.empty()) {
      STACFS_ASSIGN_OR_RETURN(StacCollection collection, GetCollection(id));
      WalkOptions options;
      options.filter = shared_filter;
      options.descend_into_collections = false;
      options.max_depth = max_depth_;
      return std::unique_ptr<ItemStream>(std::make_unique<StaticItemWalk>(loader_, collection, options));
    }
    PageRequest first = BuildSearchRequest(ItemsUrl(id), "GET", server_side);
    PagerOptions options;
    options.limits = LimitsFor(first.url);
    options.client_filter = shared_filter;
    options.default_collection = id;
    return std::unique_ptr<ItemStream>(
        std::make_unique<ApiItemPager>(loader_, std::move(first), std::move(options)));
  };
  STACFS_LOG(loader_->logger(), kInfo)
      << info_.location << " has no item search; searching " << ids.size()
      << " collection(s) through their items endpoints and filtering here";
  return std::unique_ptr<ItemStream>(std::make_unique<CollectionChainStream>(
      std::move(ids), std::move(factory), params.max_items, params.fields));
}

}  // namespace stacfs::catalog
