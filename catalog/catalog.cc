#include "catalog/catalog.h"

#include "catalog/api_catalog.h"
#include "catalog/document_loader.h"
#include "catalog/landing_page.h"
#include "catalog/static_catalog.h"
#include "core/url/url.h"

namespace stacfs::catalog {

Result<std::unique_ptr<Catalog>> OpenCatalog(std::string_view location, CatalogOptions options) {
  if (!IsAbsoluteLocation(location)) {
    return InvalidArgument("a catalog is an http(s) URL, a file:// URL or an absolute path, not '" +
                           std::string(location) + "'");
  }
  auto loader = std::make_shared<const DocumentLoader>(
      options.http, options.files, options.max_parallel_fetches,
      options.logger.WithComponent("catalog"));
  STACFS_ASSIGN_OR_RETURN(Document root, loader->Load(location));
  // Errors name where the root was read; its URL after redirects resolves relative links.
  Result<LandingPage> landing = ParseLandingPage(root.text, root.url);
  if (!landing) {
    return std::move(landing).error().WithContext("not a STAC catalog, collection or API landing page");
  }
  if (landing->IsApi()) {
    STACFS_ASSIGN_OR_RETURN(std::unique_ptr<ApiCatalog> api,
                            ApiCatalog::Create(loader, std::move(*landing), options));
    return std::unique_ptr<Catalog>(std::move(api));
  }
  return std::unique_ptr<Catalog>(
      std::make_unique<StaticCatalog>(loader, std::move(landing->root), options));
}

Result<StreamStats> ForEachItem(ItemStream& stream, const std::function<bool(StacItem& item)>& sink) {
  while (true) {
    STACFS_ASSIGN_OR_RETURN(std::optional<std::vector<StacItem>> page, stream.NextPage());
    if (!page) break;
    for (StacItem& item : *page) {
      if (!sink(item)) return stream.stats();
    }
  }
  return stream.stats();
}

}  // namespace stacfs::catalog
