// `stacfs search CATALOG [options]`: STAC item search, streamed to the terminal as a table or as
// one JSON item per line.
#include <cstdio>

#include "mount-tools/command.h"
#include "mount-tools/stac_cli.h"

namespace stacfs {
namespace {

struct SearchOptions {
  std::string catalog;
  std::string collections;
  std::string ids;
  std::string bbox;
  std::string intersects;
  std::string datetime;
  std::vector<std::string> query;
  std::string filter;
  std::string filter_lang;
  std::string sortby;
  std::vector<std::string> fields;
  uint64_t limit = 0;
  int64_t max_items = -1;
  std::string method;
  bool json = false;
};

// From the command line's text to SearchParams; the first bad option is the error.
Result<catalog::SearchParams> BuildParams(const SearchOptions& o) {
  catalog::SearchParams p;
  if (!o.collections.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.collections, catalog::ParseList(o.collections, "--collections"));
  }
  if (!o.ids.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.ids, catalog::ParseList(o.ids, "--ids"));
  }
  if (!o.bbox.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.bbox, catalog::ParseBboxArgument(o.bbox));
  }
  if (!o.intersects.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.intersects_json, catalog::ParseIntersectsArgument(o.intersects));
  }
  if (!o.datetime.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.datetime, catalog::ParseDatetimeArgument(o.datetime));
  }
  for (const std::string& q : o.query) {
    STACFS_ASSIGN_OR_RETURN(std::vector<catalog::QueryClause> clauses, catalog::ParseQueryArgument(q));
    p.query.insert(p.query.end(), clauses.begin(), clauses.end());
  }
  std::optional<catalog::FilterLang> lang;
  if (!o.filter_lang.empty()) {
    STACFS_ASSIGN_OR_RETURN(lang, catalog::ParseFilterLang(o.filter_lang));
  }
  if (!o.filter.empty()) {
    STACFS_ASSIGN_OR_RETURN(auto filter, catalog::NormaliseFilter(o.filter, lang));
    p.filter = std::move(filter.first);
    p.filter_lang = filter.second;
  } else if (lang) {
    return InvalidArgument("--filter-lang needs a --filter");
  }
  if (!o.sortby.empty()) {
    STACFS_ASSIGN_OR_RETURN(p.sortby, catalog::ParseSortbyArgument(o.sortby));
  }
  for (const std::string& f : o.fields) {
    STACFS_ASSIGN_OR_RETURN(catalog::FieldsSpec spec, catalog::ParseFieldsArgument(f));
    p.fields.include.insert(p.fields.include.end(), spec.include.begin(), spec.include.end());
    p.fields.exclude.insert(p.fields.exclude.end(), spec.exclude.begin(), spec.exclude.end());
  }
  if (o.limit > 0) p.limit = o.limit;
  if (o.max_items >= 0) p.max_items = static_cast<uint64_t>(o.max_items);
  if (!o.method.empty()) {
    std::string method = o.method;
    for (char& c : method) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    p.method = method;
  }
  return p;
}

// "2015-01-01" for an instant, "1850-01-16/2014-12-16" for a range.
std::string TimeCell(const catalog::StacItem& item) {
  auto day = [](const std::string& t) { return t.substr(0, 10); };
  if (!item.start_datetime.empty() || !item.end_datetime.empty()) {
    return (item.start_datetime.empty() ? ".." : day(item.start_datetime)) + "/" +
           (item.end_datetime.empty() ? ".." : day(item.end_datetime));
  }
  return item.datetime.empty() ? "" : item.datetime.substr(0, 19);
}

int RunSearch(const SearchOptions& options, const GlobalOptions& globals) {
  auto params = BuildParams(options);
  if (!params) return ReportError(params.error());
  auto opened = OpenCatalogArgument(options.catalog, globals);
  if (!opened) return ReportError(opened.error());
  catalog::Catalog& cat = **opened;
  auto stream = cat.Search(*params);
  if (!stream) return ReportError(stream.error());

  std::optional<TextTable> table;
  if (!options.json) {
    table.emplace(std::vector<TextTable::Column>{{"COLLECTION", 10, 1},
                                                 {"ID", 16, 5, true},
                                                 {"DATETIME", 21, 0},
                                                 {"CLOUD PRODUCTS", 14, 3}},
                  TerminalColumns());
    std::printf("%s\n", table->Header().c_str());
  }
  // Page by page: the first results show after one round trip, and memory holds one page.
  while (true) {
    auto page = (*stream)->NextPage();
    if (!page) {
      std::fflush(stdout);
      return ReportError(page.error());
    }
    if (!*page) break;
    for (const catalog::StacItem& item : **page) {
      if (options.json) {
        std::printf("%s\n", item.json.c_str());
      } else {
        std::printf("%s\n", table->Row({item.collection, item.id, TimeCell(item),
                                        catalog::SummariseProducts(catalog::CloudProducts(item))})
                                .c_str());
      }
    }
    std::fflush(stdout);
  }
  const catalog::StreamStats& stats = (*stream)->stats();
  if (!options.json) {
    std::string matched = stats.matched ? ", " + std::to_string(*stats.matched) + " matched" : "";
    std::fprintf(stderr, "%llu item%s from %llu page%s%s\n",
                 static_cast<unsigned long long>(stats.items), stats.items == 1 ? "" : "s",
                 static_cast<unsigned long long>(stats.pages), stats.pages == 1 ? "" : "s",
                 matched.c_str());
  }
  return 0;
}

}  // namespace

void RegisterSearchCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Search the items of a STAC API or static catalog");
  cmd->add_option("CATALOG", o->catalog,
                  "A STAC API root URL, or a static catalog.json / collection.json by URL or path")
      ->required();
  cmd->add_option("--collections", o->collections, "Only items of these collections: A,B");
  cmd->add_option("--ids", o->ids, "Only items with these ids: X,Y");
  cmd->add_option("--bbox", o->bbox, "Items intersecting WEST,SOUTH,EAST,NORTH (degrees)");
  cmd->add_option("--intersects", o->intersects, "Items intersecting a GeoJSON geometry, or @FILE");
  cmd->add_option("--datetime", o->datetime,
                  "An instant or START/END; '..' for an open end; YYYY, YYYY-MM, YYYY-MM-DD stand "
                  "for the whole period");
  cmd->add_option("--query", o->query,
                  "Property condition 'prop<op>value' (op: = != < <= > >=) or a JSON object; "
                  "repeatable")
      ->take_all();
  cmd->add_option("--filter", o->filter, "A CQL2 filter (text, or JSON)");
  cmd->add_option("--filter-lang", o->filter_lang, "cql2-text or cql2-json (default: guessed)")
      ->check(CLI::IsMember({"cql2-text", "cql2-json"}));
  cmd->add_option("--sortby", o->sortby, "Sort fields, e.g. '-datetime,+id' (needs a STAC API)");
  cmd->add_option("--fields", o->fields, "Fields to include or (with '-') exclude: id,-assets")
      ->take_all();
  cmd->add_option("--limit", o->limit, "Items per page asked of the server")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1000000}));
  cmd->add_option("--max-items", o->max_items, "Stop after N items (exactly N when N match)")
      ->check(CLI::Range(int64_t{0}, INT64_MAX));
  cmd->add_option("--method", o->method, "GET or POST (default: as the API's landing page offers)")
      ->check(CLI::IsMember({"GET", "POST"}, CLI::ignore_case));
  cmd->add_flag("--json", o->json, "Print each item as one JSON object per line");
  cmd->footer(
      "Examples:\n"
      "  stacfs search https://api.stac.ceda.ac.uk --collections cmip6 --max-items 5\n"
      "  stacfs search https://api.stac.ceda.ac.uk --collections cmip6 \\\n"
      "      --query 'cmip6:experiment_id=historical' --query 'cmip6:variable_id=tas' --json\n"
      "  stacfs search https://earth-search.aws.element84.com/v1 --collections sentinel-2-l2a \\\n"
      "      --bbox -5,50,2,55 --datetime 2023-06 --query 'eo:cloud_cover<10' --sortby -datetime\n"
      "  stacfs search ./catalog.json --datetime 2019/.. --ids a,b --json");
  cmd->callback([o, &globals, run] { *run = [o, &globals] { return RunSearch(*o, globals); }; });
}

}  // namespace stacfs
