// stacfs — cloud-optimised access to netCDF/HDF5 archives through Kerchunk references, STAC
// catalogs and a FUSE mount. This file only wires the subcommands together.
#include <cstdio>
#include <memory>

#include "mount-tools/command.h"

namespace stacfs {

Logger GlobalOptions::MakeLogger() const {
  LogLevel level = LogLevel::kWarning;
  ParseLogLevel(log_level, &level);
  return Logger(std::make_shared<StderrLogSink>(), level);
}

int ReportError(const Error& error) {
  std::fprintf(stderr, "stacfs: error: %s\n", error.ToString().c_str());
  return 1;
}

namespace {

int Main(int argc, char** argv) {
  CLI::App app{
      "stacfs — use archives of netCDF/HDF5 files as cloud-optimised Zarr datasets, without "
      "copying them.",
      "stacfs"};
  app.set_version_flag("--version", "stacfs 0.1.0");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  stacfs convert 'tas_day_*.nc' -o tas_day.json  Kerchunk references, files aggregated\n"
      "  stacfs inspect refs.json                      summary of a Kerchunk reference file\n"
      "  stacfs inspect refs.json --key tas/0.0.0 --decode -o chunk.bin\n"
      "  stacfs collections https://api.stac.ceda.ac.uk   collections of a STAC API\n"
      "  stacfs search https://api.stac.ceda.ac.uk --collections cmip6 --max-items 5\n"
      "  stacfs mount tas_day.json /mnt/tas              the references as a Zarr store\n"
      "  stacfs mount https://api.stac.ceda.ac.uk /mnt/ceda   a STAC catalog as directories\n"
      "\nRun `stacfs <command> --help` for the options of a command.");
  GlobalOptions globals;
  app.add_option("--log-level", globals.log_level, "trace|debug|info|warning|error|off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warning", "warn", "error", "off"}))
      ->capture_default_str();

  CommandAction run;
  RegisterConvertCommand(app, globals, &run);
  RegisterInspectCommand(app, globals, &run);
  RegisterCollectionsCommand(app, globals, &run);
  RegisterSearchCommand(app, globals, &run);
  RegisterMountCommand(app, globals, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return run ? run() : 0;
}

}  // namespace
}  // namespace stacfs

int main(int argc, char** argv) { return stacfs::Main(argc, argv); }
