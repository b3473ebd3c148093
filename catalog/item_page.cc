#include "catalog/item_page.h"

#include "catalog/json_fields.h"
#include "catalog/stac_parse.h"
#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

std::optional<uint64_t> CountHint(simdjson::dom::object root) {
  uint64_t n = 0;
  if (root["numberMatched"].get(n) == simdjson::SUCCESS) return n;
  if (root["numMatched"].get(n) == simdjson::SUCCESS) return n;
  simdjson::dom::object context;
  if (root["context"].get(context) == simdjson::SUCCESS && context["matched"].get(n) == simdjson::SUCCESS) {
    return n;
  }
  return std::nullopt;
}

std::optional<StacLink> FirstNext(std::vector<StacLink>& links) {
  for (StacLink& link : links) {
    if (link.rel == "next") return std::move(link);
  }
  return std::nullopt;
}

}  // namespace

Result<ItemPage> ParseItemPage(std::string_view text, std::string_view url) {
  const std::string where(url);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(root, "").WithContext(where));
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string_view> type,
                          OptionalString(object, "type", "").WithContext(where));
  if (type && *type != "FeatureCollection") {
    return InvalidArgument("expected an ItemCollection (\"type\": \"FeatureCollection\"), got \"" +
                           std::string(*type) + "\"")
        .WithContext(where);
  }
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::array features,
                          RequiredArray(object, "features", "").WithContext(where));
  ItemPage page;
  page.items.reserve(features.size());
  size_t i = 0;
  for (simdjson::dom::element feature : features) {
    STACFS_ASSIGN_OR_RETURN(StacItem item,
                            ParseItem(feature, url, IndexPath("features", i)).WithContext(where));
    page.items.push_back(std::move(item));
    ++i;
  }
  STACFS_ASSIGN_OR_RETURN(std::vector<StacLink> links, ParseLinks(object, url, "").WithContext(where));
  page.next = FirstNext(links);
  page.matched = CountHint(object);
  return page;
}

Result<CollectionsPage> ParseCollectionsPage(std::string_view text, std::string_view url) {
  const std::string where(url);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(root, "").WithContext(where));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::array collections,
                          RequiredArray(object, "collections", "").WithContext(where));
  CollectionsPage page;
  size_t i = 0;
  for (simdjson::dom::element e : collections) {
    STACFS_ASSIGN_OR_RETURN(StacCollection c,
                            ParseCollection(e, url, IndexPath("collections", i)).WithContext(where));
    page.collections.push_back(std::move(c));
    ++i;
  }
  STACFS_ASSIGN_OR_RETURN(std::vector<StacLink> links, ParseLinks(object, url, "").WithContext(where));
  page.next = FirstNext(links);
  return page;
}

}  // namespace stacfs::catalog
