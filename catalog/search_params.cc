#include "catalog/search_params.h"

#include <charconv>

#include "catalog/stac_parse.h"
#include "core/base/file_util.h"
#include "core/base/text.h"
#include "core/json/json.h"

namespace stacfs::catalog {
namespace {


std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view FilterLangName(FilterLang lang) {
  return lang == FilterLang::kCql2Json ? "cql2-json" : "cql2-text";
}

Result<std::vector<std::string>> ParseList(std::string_view text, std::string_view option) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = TrimWhitespace(text.substr(start, comma - start));
    if (item.empty()) {
      return InvalidArgument("invalid " + std::string(option) + " '" + std::string(text) +
                             "': empty item in a comma-separated list");
    }
    out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

Result<Bbox> ParseBboxArgument(std::string_view text) {
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseList(text, "--bbox"));
  std::vector<double> numbers;
  for (const std::string& part : parts) {
    auto value = ParseDouble(part);
    if (!value) return InvalidArgument("invalid --bbox '" + std::string(text) + "': '" + part + "' is not a number");
    numbers.push_back(*value);
  }
  Bbox box;
  if (numbers.size() == 4) {
    box = {numbers[0], numbers[1], numbers[2], numbers[3]};
  } else if (numbers.size() == 6) {
    box = {numbers[0], numbers[1], numbers[3], numbers[4]};
  } else {
    return InvalidArgument("invalid --bbox '" + std::string(text) +
                           "': expected 4 numbers WEST,SOUTH,EAST,NORTH (or 6 with heights)");
  }
  if (box.south < -90 || box.north > 90 || box.south > box.north) {
    return InvalidArgument("invalid --bbox '" + std::string(text) +
                           "': latitudes must satisfy -90 <= SOUTH <= NORTH <= 90");
  }
  if (box.west < -180 || box.west > 180 || box.east < -180 || box.east > 180) {
    return InvalidArgument("invalid --bbox '" + std::string(text) +
                           "': longitudes must lie in [-180, 180]");
  }
  return box;
}

Result<std::string> ParseIntersectsArgument(std::string_view text) {
  std::string json(text);
  std::string what = "--intersects";
  if (text.starts_with("@")) {
    std::string path(text.substr(1));
    STACFS_ASSIGN_OR_RETURN(json, ReadFile(path).WithContext("--intersects"));
    what = "--intersects " + path;
  }
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, document.Parse(json, what));
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return InvalidArgument(what + ": a GeoJSON geometry must be an object");
  std::string_view type;
  if (object["type"].get(type) != simdjson::SUCCESS) {
    return InvalidArgument(what + ": a GeoJSON geometry needs a \"type\"");
  }
  simdjson::dom::element geometry = root;
  if (type == "Feature") {  // people pass whole features; the geometry is what is meant
    if (object["geometry"].get(geometry) != simdjson::SUCCESS || !geometry.is_object()) {
      return InvalidArgument(what + ": the Feature has no geometry");
    }
  } else if (type == "FeatureCollection") {
    return InvalidArgument(what + ": give one geometry, not a FeatureCollection");
  } else {
    simdjson::dom::element coordinates;
    bool has_coordinates = object["coordinates"].get(coordinates) == simdjson::SUCCESS;
    bool has_geometries = object["geometries"].get(coordinates) == simdjson::SUCCESS;
    if (!has_coordinates && !has_geometries) {
      return InvalidArgument(what + ": geometry of type \"" + std::string(type) + "\" has no coordinates");
    }
  }
  return simdjson::minify(geometry);
}

Result<std::vector<SortField>> ParseSortbyArgument(std::string_view text) {
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseList(text, "--sortby"));
  std::vector<SortField> out;
  for (std::string& part : parts) {
    SortField field;
    if (part.front() == '-' || part.front() == '+') {
      field.descending = part.front() == '-';
      part.erase(0, 1);
    }
    if (part.empty()) return InvalidArgument("invalid --sortby '" + std::string(text) + "': a sign without a field");
    field.field = part;
    out.push_back(std::move(field));
  }
  return out;
}

Result<FieldsSpec> ParseFieldsArgument(std::string_view text) {
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseList(text, "--fields"));
  FieldsSpec out;
  for (std::string& part : parts) {
    bool exclude = part.front() == '-';
    if (part.front() == '-' || part.front() == '+') part.erase(0, 1);
    if (part.empty()) return InvalidArgument("invalid --fields '" + std::string(text) + "': a sign without a field");
    (exclude ? out.exclude : out.include).push_back(part);
  }
  return out;
}

Result<FilterLang> ParseFilterLang(std::string_view text) {
  if (text == "cql2-text") return FilterLang::kCql2Text;
  if (text == "cql2-json") return FilterLang::kCql2Json;
  return InvalidArgument("invalid --filter-lang '" + std::string(text) + "': cql2-text or cql2-json");
}

Result<std::pair<std::string, FilterLang>> NormaliseFilter(std::string_view filter,
                                                          std::optional<FilterLang> lang) {
  std::string_view trimmed = TrimWhitespace(filter);
  if (trimmed.empty()) return InvalidArgument("--filter is empty");
  bool looks_json = trimmed.front() == '{';
  FilterLang chosen = lang.value_or(looks_json ? FilterLang::kCql2Json : FilterLang::kCql2Text);
  if (chosen == FilterLang::kCql2Text) return std::make_pair(std::string(trimmed), chosen);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, document.Parse(trimmed, "--filter (cql2-json)"));
  if (!root.is_object()) return InvalidArgument("--filter (cql2-json) must be a JSON object");
  return std::make_pair(simdjson::minify(root), chosen);
}

}  // namespace stacfs::catalog
