// ApiCatalog: a STAC API — landing page, /conformance, /collections (paged), collection items
// (/collections/{id}/items) and item search (/search, GET or POST), all paged by ApiItemPager.
//
// An API without item search (an OGC API Features server, or a STAC API with only the
// collections part) is still searchable: each wanted collection's items endpoint is paged with
// the bbox, datetime and limit it understands, and the rest of the search is evaluated on the
// client (item_filter.h).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog.h"
#include "catalog/document_loader.h"
#include "catalog/landing_page.h"

namespace stacfs::catalog {

class ApiCatalog final : public Catalog {
 public:
  // Completes the landing page (reads /conformance when the page lists no conformance classes).
  static Result<std::unique_ptr<ApiCatalog>> Create(std::shared_ptr<const DocumentLoader> loader,
                                                    LandingPage landing,
                                                    const CatalogOptions& options);

  const CatalogInfo& info() const override { return info_; }
  Result<void> ForEachCollection(const CollectionSink& sink) override;
  Result<StacCollection> GetCollection(std::string_view id) override;
  Result<std::unique_ptr<ItemStream>> Items(std::string_view collection_id,
                                            std::optional<uint64_t> page_size) override;
  Result<std::unique_ptr<ItemStream>> Search(const SearchParams& params) override;

 private:
  ApiCatalog(std::shared_ptr<const DocumentLoader> loader, LandingPage landing,
             const CatalogOptions& options);

  // The URL of /collections/{id} (percent-encoded id).
  std::string CollectionUrl(std::string_view id) const;
  // The items endpoint of a collection: its "items" link when seen, else {collection}/items.
  std::string ItemsUrl(std::string_view id) const;
  void RememberItemsLink(const StacCollection& collection);
  Result<std::unique_ptr<ItemStream>> SearchPerCollection(const SearchParams& params);
  // Pages of /collections, streamed to `sink`; false from the sink stops.
  Result<void> PageCollections(const CollectionSink& sink);

  const std::shared_ptr<const DocumentLoader> loader_;
  const LandingPage landing_;
  const size_t max_depth_;
  const std::string origin_;      // NormalisedOrigin of the root: paging stays on it
  std::string collections_url_;   // empty: the API lists no collections
  CatalogInfo info_;

  mutable std::mutex items_links_mutex_;
  std::map<std::string, std::string, std::less<>> items_links_;  // guarded by items_links_mutex_
};

}  // namespace stacfs::catalog
