// Item search evaluated on the client: for static catalogs (no server to ask) and for APIs
// without /search (items read per collection). The same SearchParams as a server would get.
//
// Supported: collections, ids, bbox, intersects (by the geometry's bounding box: a superset of
// the exact answer), datetime (an item's instant or its start/end range must meet the interval),
// and query conditions. CQL2 filters and sortby need a server: Check() refuses them with advice.
// Fields (include/exclude) shape the printed JSON, see ProjectFields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/search_params.h"
#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

class ItemFilter {
 public:
  // Fails when `params` ask for something only a server can do, or intersects is not GeoJSON.
  static Result<ItemFilter> Create(const SearchParams& params);

  bool Matches(const StacItem& item) const;
  // False when `collection_id` is excluded by the collections parameter: its items need not be
  // read at all.
  bool WantsCollection(std::string_view collection_id) const;

 private:
  explicit ItemFilter(SearchParams params) : params_(std::move(params)) {}
  SearchParams params_;
  std::optional<Bbox> intersects_box_;
};

// True when the boxes share a point; boxes with west > east cross the antimeridian.
bool BboxesIntersect(const Bbox& a, const Bbox& b);

// The item's JSON with only the fields asked for (dotted paths like "properties.datetime"): with
// an include list, just those plus "id" and "type"; then minus the exclude list.
Result<std::string> ProjectFields(std::string_view item_json, const FieldsSpec& fields);

}  // namespace stacfs::catalog
