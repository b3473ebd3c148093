// ParseMountSearch: `-o search=...` into SearchParams, reusing the parsers of `stacfs search`
// so that a term means exactly what the same command-line option means.
#include <charconv>

#include "catalog/datetime_range.h"
#include "catalog/mount/catalog_tree.h"
#include "catalog/query_clause.h"
#include "core/base/text.h"

namespace stacfs::catalog {
namespace {


constexpr std::string_view kTermNames =
    "collections, ids, bbox, datetime, intersects, query, filter, filter-lang, sortby, max-items";

// The error of a term's parser, restated as being about that term: the parsers speak of
// command-line options ("--bbox"), which a mount user did not type.
Error BadTerm(std::string_view term, const Error& error) {
  return Error(error.code(), "invalid search term '" + std::string(term) + "': " + error.ToString());
}

}  // namespace

Result<SearchParams> ParseMountSearch(std::string_view text) {
  SearchParams params;
  std::vector<std::string> seen;
  std::optional<std::string> filter;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view term = TrimWhitespace(text.substr(start, end - start));
    start = end + 1;
    if (term.empty()) continue;  // "a=1;;b=2" and a trailing ';' are harmless
    size_t equals = term.find('=');
    if (equals == std::string_view::npos) {
      return InvalidArgument("invalid search term '" + std::string(term) +
                             "': expected NAME=VALUE with NAME one of " + std::string(kTermNames));
    }
    std::string name(TrimWhitespace(term.substr(0, equals)));
    std::string_view value = TrimWhitespace(term.substr(equals + 1));
    if (value.empty()) return InvalidArgument("invalid search term '" + std::string(term) + "': empty value");
    if (name != "query") {
      for (const std::string& s : seen) {
        if (s == name) return InvalidArgument("search term '" + name + "' is given twice");
      }
      seen.push_back(name);
    }
    auto fail = [&](const Error& error) { return BadTerm(term, error); };
    if (name == "collections" || name == "ids") {
      auto list = ParseList(value, name);
      if (!list) return fail(list.error());
      (name == "ids" ? params.ids : params.collections) = std::move(*list);
    } else if (name == "bbox") {
      auto bbox = ParseBboxArgument(value);
      if (!bbox) return fail(bbox.error());
      params.bbox = *bbox;
    } else if (name == "datetime") {
      auto interval = ParseDatetimeArgument(value);
      if (!interval) return fail(interval.error());
      params.datetime = std::move(*interval);
    } else if (name == "intersects") {
      auto geometry = ParseIntersectsArgument(value);
      if (!geometry) return fail(geometry.error());
      params.intersects_json = std::move(*geometry);
    } else if (name == "query") {
      auto clauses = ParseQueryArgument(value);
      if (!clauses) return fail(clauses.error());
      params.query.insert(params.query.end(), clauses->begin(), clauses->end());
    } else if (name == "filter") {
      filter = std::string(value);
    } else if (name == "filter-lang") {
      auto lang = ParseFilterLang(value);
      if (!lang) return fail(lang.error());
      params.filter_lang = *lang;
    } else if (name == "sortby") {
      auto sortby = ParseSortbyArgument(value);
      if (!sortby) return fail(sortby.error());
      params.sortby = std::move(*sortby);
    } else if (name == "max-items") {
      uint64_t n = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size() || n == 0) {
        return InvalidArgument("invalid search term '" + std::string(term) + "': a positive whole number is expected");
      }
      params.max_items = n;
    } else {
      return InvalidArgument("unknown search term '" + std::string(term) + "': NAME must be one of " +
                             std::string(kTermNames));
    }
  }
  if (filter) {
    auto normalised = NormaliseFilter(*filter, params.filter_lang);
    if (!normalised) return BadTerm("filter=" + *filter, normalised.error());
    params.filter = std::move(normalised->first);
    params.filter_lang = normalised->second;
  } else if (params.filter_lang) {
    return InvalidArgument("search term 'filter-lang' needs a 'filter' term");
  }
  return params;
}

}  // namespace stacfs::catalog
