// What an item search asks for — every parameter of STAC API item search — and the parsing of
// their command-line spellings (`stacfs search --bbox 0,40,10,50 --sortby -datetime ...`).
//
// The same SearchParams drives a STAC API (sent as GET query parameters or a POST body, see
// search_request.h) and a static catalog (evaluated on the client, see item_filter.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/datetime_range.h"
#include "catalog/query_clause.h"
#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

enum class FilterLang { kCql2Text, kCql2Json };
std::string_view FilterLangName(FilterLang lang);  // "cql2-text", "cql2-json"

struct SortField {
  std::string field;
  bool descending = false;
  bool operator==(const SortField&) const = default;
};

struct FieldsSpec {
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool empty() const { return include.empty() && exclude.empty(); }
};

struct SearchParams {
  std::vector<std::string> collections;
  std::vector<std::string> ids;
  std::optional<Bbox> bbox;
  std::optional<std::string> intersects_json;  // a GeoJSON geometry, minified
  std::optional<DatetimeInterval> datetime;
  std::vector<QueryClause> query;
  std::optional<std::string> filter;  // CQL2 text, or CQL2 JSON (minified)
  std::optional<FilterLang> filter_lang;
  std::vector<SortField> sortby;
  FieldsSpec fields;
  std::optional<uint64_t> limit;      // page size asked of the server
  std::optional<uint64_t> max_items;  // total items wanted; nullopt: all
  std::optional<std::string> method;  // "GET" or "POST"; nullopt: as the landing page offers
};

// "a,b,c" → {"a","b","c"}; blanks around items dropped, empty items refused.
Result<std::vector<std::string>> ParseList(std::string_view text, std::string_view option);
// "W,S,E,N" (or 6 numbers with heights); latitudes must lie in [-90, 90] with S <= N. W > E is
// allowed: a box across the antimeridian.
Result<Bbox> ParseBboxArgument(std::string_view text);
// A GeoJSON geometry, or "@path" to read it from a file (a Feature's geometry is taken).
Result<std::string> ParseIntersectsArgument(std::string_view text);
// "-datetime,+eo:cloud_cover,id" (no sign: ascending).
Result<std::vector<SortField>> ParseSortbyArgument(std::string_view text);
// "id,properties.datetime,-assets" (a leading '-' excludes).
Result<FieldsSpec> ParseFieldsArgument(std::string_view text);
// "cql2-text" / "cql2-json".
Result<FilterLang> ParseFilterLang(std::string_view text);
// The filter's language when not given: JSON when it parses as a JSON object, else text. A JSON
// filter comes back minified.
Result<std::pair<std::string, FilterLang>> NormaliseFilter(std::string_view filter,
                                                          std::optional<FilterLang> lang);

}  // namespace stacfs::catalog
