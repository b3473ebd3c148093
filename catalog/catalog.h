// catalog — the STAC client of stacfs: static catalogs and STAC APIs, searched and listed for
// people at a terminal (`stacfs collections`, `stacfs search`) and for the mount.
//
// Contract.
//  - OpenCatalog(location) reads the root document once and decides what it is: a STAC API
//    (landing page with conformance classes, matched by regex whatever their version, or
//    "search"/"data" links) or a static catalog.json / collection.json (by URL or local path).
//    Both are used through one interface, Catalog.
//  - Results are streamed. Collections go to a callback as each page arrives; items come from
//    an ItemStream one page at a time. Nothing holds a whole search in memory, and a consumer can
//    stop at any time (max_items stops paging exactly at N items).
//  - STAC API paging follows rel=next only, by the rules in paging.h: GET as given, POST with
//    the link's body (merged when merge:true), same origin only, stop on an empty page, a missing
//    next, a repeated request, or max_items. Each page is retried on its own by the HttpClient
//    (408/429/5xx, Retry-After). Counts servers report are hints, never used to stop.
//  - The search method (GET/POST) comes from the landing page's search links unless forced.
//  - Static catalogs are walked through child and item links, hrefs resolved per RFC 3986
//    against the document holding them, item files read in parallel (bounded), and the same
//    search evaluated on the client (item_filter.h). APIs without /search are searched per
//    collection through /collections/{id}/items in the same way.
//  - Bad input (malformed JSON, wrong types, missing required fields, HTML where JSON was
//    expected) is an Error naming the URL and the field, never a crash or an endless loop.
//  - Each item's cloud products (Kerchunk references, Zarr stores, CFA, netCDF files) come from
//    CloudProducts(item) in priority order (asset_classifier.h); clusters (clusters.h) group
//    items into the datasets the mount aggregates.
//
// For the mount (fs consumes this through its own "tree source" interface): ForEachCollection
// lists the directory of collections, Items() pages one collection's items, and CloudProducts()
// says what each item directory holds.
//
// Threads: a Catalog may be used from several threads; each ItemStream by one thread at a time.
// The module does no I/O of its own: it talks through HttpClient and Fetcher (never libcurl).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/asset_classifier.h"
#include "catalog/clusters.h"
#include "catalog/item_stream.h"
#include "catalog/landing_page.h"
#include "catalog/search_params.h"
#include "catalog/stac_model.h"
#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "core/fetch/http_client.h"

namespace stacfs::catalog {

struct CatalogOptions {
  std::shared_ptr<HttpClient> http;  // http(s) documents and API requests
  std::shared_ptr<Fetcher> files;    // local documents (a FileFetcher)
  size_t max_parallel_fetches = 8;   // documents read at once when walking static catalogs
  size_t max_depth = 32;             // child links followed at most this deep
  Logger logger;
};

enum class CatalogKind { kStacApi, kStatic };

struct CatalogInfo {
  std::string location;  // the root document's URL or path, as read
  CatalogKind kind = CatalogKind::kStatic;
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> conforms_to;
  Conformance conformance;
  std::optional<SearchEndpoint> search;  // STAC API item search, when there is one
};

// Called per collection; return false to stop listing.
using CollectionSink = std::function<bool(StacCollection collection)>;

class Catalog {
 public:
  virtual ~Catalog() = default;

  virtual const CatalogInfo& info() const = 0;

  // Every collection, streamed: an API's /collections pages (and collections nested under them
  // by child links), or the Collection documents of a static catalog's tree.
  virtual Result<void> ForEachCollection(const CollectionSink& sink) = 0;
  virtual Result<StacCollection> GetCollection(std::string_view id) = 0;

  // The items of one collection, page by page (`page_size` asks the server for that many).
  virtual Result<std::unique_ptr<ItemStream>> Items(std::string_view collection_id,
                                                    std::optional<uint64_t> page_size) = 0;
  // An item search.
  virtual Result<std::unique_ptr<ItemStream>> Search(const SearchParams& params) = 0;
};

// Opens the catalog at `location`: an http(s) URL, a file:// URL or an absolute local path.
Result<std::unique_ptr<Catalog>> OpenCatalog(std::string_view location, CatalogOptions options);

// Drains `stream` into `sink` one item at a time (return false to stop early). The stream's
// statistics at the end.
Result<StreamStats> ForEachItem(ItemStream& stream, const std::function<bool(StacItem& item)>& sink);

}  // namespace stacfs::catalog
