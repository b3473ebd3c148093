#include "catalog/item_filter.h"

#include <algorithm>
#include <limits>

#include "catalog/datetime_range.h"
#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

// Min/max over every position of a GeoJSON geometry's coordinates.
struct Extent {
  double west = std::numeric_limits<double>::infinity();
  double south = std::numeric_limits<double>::infinity();
  double east = -std::numeric_limits<double>::infinity();
  double north = -std::numeric_limits<double>::infinity();
  bool empty() const { return west > east; }
};

void Extend(simdjson::dom::element coordinates, Extent* extent, int depth) {
  simdjson::dom::array array;
  if (depth > 8 || coordinates.get(array) != simdjson::SUCCESS || array.size() == 0) return;
  double x = 0, y = 0;
  if (array.at(0).get(x) == simdjson::SUCCESS) {  // a position [x, y(, z)]
    if (array.size() >= 2 && array.at(1).get(y) == simdjson::SUCCESS) {
      extent->west = std::min(extent->west, x);
      extent->east = std::max(extent->east, x);
      extent->south = std::min(extent->south, y);
      extent->north = std::max(extent->north, y);
    }
    return;
  }
  for (simdjson::dom::element child : array) Extend(child, extent, depth + 1);
}

void ExtendGeometry(simdjson::dom::element geometry, Extent* extent, int depth) {
  simdjson::dom::element coordinates;
  if (geometry["coordinates"].get(coordinates) == simdjson::SUCCESS) Extend(coordinates, extent, 0);
  simdjson::dom::array geometries;
  if (depth < 4 && geometry["geometries"].get(geometries) == simdjson::SUCCESS) {
    for (simdjson::dom::element g : geometries) ExtendGeometry(g, extent, depth + 1);
  }
}

// [west, east] as one or two ordinary longitude intervals.
std::vector<std::pair<double, double>> LongitudeSpans(const Bbox& b) {
  if (b.west <= b.east) return {{b.west, b.east}};
  return {{b.west, 180.0}, {-180.0, b.east}};
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool StartsWithPath(const std::string& path, const std::string& prefix) {
  return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
         path[prefix.size()] == '.';
}

void WriteProjected(simdjson::dom::object object, const std::string& prefix,
                    const FieldsSpec& fields, bool include_all, std::string* out) {
  *out += "{";
  bool first = true;
  for (auto [key, value] : object) {
    std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    if (Contains(fields.exclude, path)) continue;
    bool fully = include_all || Contains(fields.include, path) ||
                 (prefix.empty() && (key == "id" || key == "type"));
    bool partly = false;
    for (const std::string& inc : fields.include) partly = partly || StartsWithPath(inc, path);
    bool exclusions_below = false;
    for (const std::string& exc : fields.exclude) exclusions_below = exclusions_below || StartsWithPath(exc, path);
    if (!fully && !partly) continue;
    if (!first) *out += ",";
    first = false;
    AppendJsonString(out, key);
    *out += ":";
    simdjson::dom::object child;
    if ((exclusions_below || !fully) && value.get(child) == simdjson::SUCCESS) {
      WriteProjected(child, path, fields, fully, out);
    } else {
      *out += simdjson::minify(value);
    }
  }
  *out += "}";
}

}  // namespace

bool BboxesIntersect(const Bbox& a, const Bbox& b) {
  if (a.north < b.south || b.north < a.south) return false;
  for (auto [aw, ae] : LongitudeSpans(a)) {
    for (auto [bw, be] : LongitudeSpans(b)) {
      if (aw <= be && bw <= ae) return true;
    }
  }
  return false;
}

Result<ItemFilter> ItemFilter::Create(const SearchParams& params) {
  if (params.filter) {
    return Unsupported("--filter (CQL2) needs a STAC API with the filter extension; on a static "
                       "catalog use --query, --bbox, --datetime, --ids or --collections");
  }
  if (!params.sortby.empty()) {
    return Unsupported("--sortby needs a STAC API; a static catalog is read in link order");
  }
  ItemFilter filter(params);
  if (params.intersects_json) {
    JsonDocument document;
    STACFS_ASSIGN_OR_RETURN(simdjson::dom::element geometry,
                            document.Parse(*params.intersects_json, "--intersects"));
    Extent extent;
    ExtendGeometry(geometry, &extent, 0);
    if (extent.empty()) return InvalidArgument("--intersects: the geometry has no coordinates");
    filter.intersects_box_ = Bbox{extent.west, extent.south, extent.east, extent.north};
  }
  return filter;
}

bool ItemFilter::WantsCollection(std::string_view collection_id) const {
  return params_.collections.empty() || Contains(params_.collections, collection_id);
}

bool ItemFilter::Matches(const StacItem& item) const {
  if (!params_.ids.empty() && !Contains(params_.ids, item.id)) return false;
  if (!params_.collections.empty() && !Contains(params_.collections, item.collection)) return false;
  if (params_.bbox || intersects_box_) {
    if (!item.bbox) return false;  // nothing says where the item is: it cannot be shown to match
    if (params_.bbox && !BboxesIntersect(*params_.bbox, *item.bbox)) return false;
    if (intersects_box_ && !BboxesIntersect(*intersects_box_, *item.bbox)) return false;
  }
  if (params_.datetime) {
    std::optional<int64_t> start, end;
    if (!item.start_datetime.empty() || !item.end_datetime.empty()) {
      start = ParseRfc3339Micros(item.start_datetime.empty() ? item.datetime : item.start_datetime);
      end = ParseRfc3339Micros(item.end_datetime.empty() ? item.datetime : item.end_datetime);
    } else {
      start = end = ParseRfc3339Micros(item.datetime);
    }
    // An open end of the item's own range reaches forever in that direction.
    if (!start && !end) return false;
    if (!params_.datetime->Overlaps(start.value_or(std::numeric_limits<int64_t>::min()),
                                    end.value_or(std::numeric_limits<int64_t>::max()))) {
      return false;
    }
  }
  for (const QueryClause& clause : params_.query) {
    if (!ClauseMatches(clause, item.Property(clause.property))) return false;
  }
  return true;
}

Result<std::string> ProjectFields(std::string_view item_json, const FieldsSpec& fields) {
  if (fields.empty()) return std::string(item_json);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, document.Parse(item_json, "item"));
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return std::string(item_json);
  std::string out;
  WriteProjected(object, "", fields, fields.include.empty(), &out);
  return out;
}

}  // namespace stacfs::catalog
