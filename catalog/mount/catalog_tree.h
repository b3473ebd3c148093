// The catalog side of the mount: a STAC catalog as a tree source (fs/tree_source.h).
//
// What a mount of a catalog shows (names are the catalog's raw ids; fs sanitises them):
//
//   <collection>/                            one per collection, listed when first looked into
//   <collection>/collection.json             the collection document
//   <collection>/<item>/                     one per item of the collection (or of the search)
//   <collection>/<item>/item.json            the item document
//   <collection>/<item>/<asset>.zarr/        a virtual Zarr store per Kerchunk reference file
//                                            (JSON or zstd JSON) and per Zarr store (zstore)
//   <collection>/<item>/<asset>.zarr.ERROR.txt  instead, for Parquet references (not supported)
//   <collection>/<item>/<file name>          a plain data file (netCDF, CFA, COG) read by range,
//                                            named by its href's last segment
//   <collection>/clusters/<v1>/.../<vN>/dataset.zarr
//                                            with cluster properties: the items that share
//                                            those property values, aggregated along time
//
// Contract.
//  - Nothing is read until fs asks: the root lists collections, a collection directory pages its
//    items, a store loads its references when first opened. Listings are snapshots that fs
//    refreshes after `ttl`; item and cluster directories are fixed snapshots of their parent's
//    listing. An item or collection whose JSON did not change between two listings keeps its
//    directory (and so the reference sets fs loaded through it).
//  - With a search, the root lists the collections the search names (all when it names none)
//    and each collection lists the items the search returns, restricted to that collection.
//  - Errors are Results naming the catalog and the collection; a store that refuses on purpose
//    (a cluster whose items cannot be combined safely, Parquet references, a Zarr store without
//    consolidated metadata) says why in words a scientist can act on: fs shows it as ERROR.txt.
//  - Every source is thread-safe and holds no lock across I/O: sources are immutable apart from
//    the reuse caches of directories, whose lock covers map swaps only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/search_params.h"
#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

struct CatalogTreeOptions {
  // Reads reference files, Zarr metadata and the data they point to (local paths and http(s)).
  // Required.
  std::shared_ptr<Fetcher> fetcher;
  // `-o cluster=p1,p2`: properties whose values group a collection's items into clusters, one
  // directory level per property. Empty: no clusters directories.
  std::vector<std::string> cluster_properties;
  // `-o search=...`: only the items it matches are mounted. It runs once per collection
  // (restricted to it), so max_items bounds each collection's items.
  std::optional<SearchParams> search;
  // How long root and collection listings stay fresh.
  std::chrono::seconds ttl{60};
  // Items per page asked of the server (nullopt: the server's default).
  std::optional<uint64_t> page_size;
  // A Zarr store (zstore) is served by one whole-object reference per chunk of its grid; each
  // costs a URL in memory, so stores beyond this many chunks are refused instead of exhausting
  // the daemon's memory.
  uint64_t max_zarr_chunks = 2'000'000;
  Logger logger;
};

// The root directory of a mount of `catalog`.
std::shared_ptr<fs::DirectorySource> MakeCatalogTree(std::shared_ptr<Catalog> catalog,
                                                     CatalogTreeOptions options);

// Parses the text of `-o search=...`: terms separated by ';', each NAME=VALUE, e.g.
//   collections=a,b;datetime=2000/2010;bbox=-10,40,5,60;query=eo:cloud_cover<10
// Names: collections, ids, bbox, datetime, intersects, query (repeatable), filter, filter-lang,
// sortby, max-items — with the values `stacfs search` takes for the same options. Errors name
// the bad term.
Result<SearchParams> ParseMountSearch(std::string_view text);

}  // namespace stacfs::catalog
