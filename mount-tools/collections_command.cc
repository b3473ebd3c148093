// `stacfs collections CATALOG [--json]`: the collections of a STAC API or static catalog.
#include <cstdio>

#include "mount-tools/command.h"
#include "mount-tools/stac_cli.h"

namespace stacfs {
namespace {

struct CollectionsOptions {
  std::string catalog;
  bool json = false;
};

// "1850-01-01/2014-12-31" from a collection's temporal extent; ".." for an open end.
std::string TimeRange(const catalog::StacCollection& c) {
  if (c.temporal_start.empty() && c.temporal_end.empty()) return "";
  auto day = [](const std::string& t) { return t.empty() ? std::string("..") : t.substr(0, 10); };
  return day(c.temporal_start) + "/" + day(c.temporal_end);
}

int RunCollections(const CollectionsOptions& options, const GlobalOptions& globals) {
  auto opened = OpenCatalogArgument(options.catalog, globals);
  if (!opened) return ReportError(opened.error());
  catalog::Catalog& cat = **opened;

  std::optional<TextTable> table;
  if (!options.json) {
    table.emplace(std::vector<TextTable::Column>{{"ID", 12, 2, true}, {"TITLE", 12, 3}, {"TIME RANGE", 21, 0}},
                  TerminalColumns());
    std::printf("%s\n", table->Header().c_str());
  }
  size_t count = 0;
  Result<void> listed = cat.ForEachCollection([&](catalog::StacCollection c) {
    ++count;
    if (options.json) {
      std::printf("%s\n", c.json.c_str());
    } else {
      std::printf("%s\n", table->Row({c.id, c.title.empty() ? c.description : c.title, TimeRange(c)}).c_str());
    }
    std::fflush(stdout);  // each collection as it arrives, also through a pipe
    return true;
  });
  if (!listed) return ReportError(listed.error());
  if (!options.json) {
    std::fprintf(stderr, "%zu collection%s in %s\n", count, count == 1 ? "" : "s",
                 cat.info().location.c_str());
  }
  return 0;
}

}  // namespace

void RegisterCollectionsCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run) {
  auto options = std::make_shared<CollectionsOptions>();
  CLI::App* cmd = app.add_subcommand("collections", "List the collections of a STAC catalog or API");
  cmd->add_option("CATALOG", options->catalog,
                  "A STAC API root URL, or a static catalog.json / collection.json by URL or path")
      ->required();
  cmd->add_flag("--json", options->json, "Print each collection as one JSON object per line");
  cmd->footer(
      "Examples:\n"
      "  stacfs collections https://api.stac.ceda.ac.uk\n"
      "  stacfs collections https://example.org/stac/catalog.json --json\n"
      "  stacfs collections ./catalog/catalog.json");
  cmd->callback([options, &globals, run] {
    *run = [options, &globals] { return RunCollections(*options, globals); };
  });
}

}  // namespace stacfs
