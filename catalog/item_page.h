// Pages of a STAC API: an ItemCollection (GeoJSON FeatureCollection of items) from /search or
// /collections/{id}/items, and the {"collections": [...]} page of /collections — each with its
// rel=next link and the server's count hint.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

struct ItemPage {
  std::vector<StacItem> items;
  std::optional<StacLink> next;
  // numberMatched, context.matched or numMatched: a hint only — servers estimate, cap or omit it.
  std::optional<uint64_t> matched;
};

struct CollectionsPage {
  std::vector<StacCollection> collections;
  std::optional<StacLink> next;
};

// `url` is where the page was read (after redirects): relative hrefs resolve against it and
// errors name it.
Result<ItemPage> ParseItemPage(std::string_view text, std::string_view url);
Result<CollectionsPage> ParseCollectionsPage(std::string_view text, std::string_view url);

}  // namespace stacfs::catalog
