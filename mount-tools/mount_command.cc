// `stacfs mount SOURCE MOUNTPOINT [-f] [-o OPT[,OPT...]]`: composes the fetcher stack, the tree
// (one store, or a STAC catalog), the filesystem core and the FUSE session, then serves until
// unmounted or signalled. Everything it composes lives and is tested in fs/, catalog/ and core/.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "catalog/mount/catalog_tree.h"
#include "core/base/file_util.h"
#include "core/fetch/disk_cache_fetcher.h"
#include "core/fetch/etag_pinning_fetcher.h"
#include "core/fetch/memory_cache_fetcher.h"
#include "core/fetch/single_flight_fetcher.h"
#include "core/http/curl_fetcher.h"
#include "core/kerchunk/reference_file.h"
#include "core/url/url.h"
#include "fs/fuse_adapter.h"
#include "fs/virtual_fs.h"
#include "mount-tools/command.h"
#include "mount-tools/daemon.h"
#include "mount-tools/fetcher_factory.h"
#include "mount-tools/mount_options.h"
#include "mount-tools/mount_source.h"
#include "mount-tools/stac_cli.h"
#include "mount-tools/syslog_log_sink.h"

namespace stacfs {
namespace {

struct MountArguments {
  std::string source;
  std::string mountpoint;
  bool foreground = false;
  std::vector<std::string> options;
};

std::string CacheStatsJson(const MemoryCacheFetcher& cache, const SingleFlightFetcher& flights) {
  MemoryCacheFetcher::Stats s = cache.stats();
  uint64_t lookups = s.hits + s.misses;
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.4f", lookups ? static_cast<double>(s.hits) / lookups : 0.0);
  return "{\"hits\":" + std::to_string(s.hits) + ",\"misses\":" + std::to_string(s.misses) +
         ",\"hit_rate\":" + ratio + ",\"evictions\":" + std::to_string(s.evictions) +
         ",\"bytes\":" + std::to_string(s.bytes) + ",\"entries\":" + std::to_string(s.entries) +
         ",\"shared_fetches\":" + std::to_string(flights.shared_count()) + "}";
}

std::string DiskCacheStatsJson(const DiskCacheFetcher& disk) {
  DiskCacheFetcher::Stats s = disk.stats();
  return "{\"hits\":" + std::to_string(s.hits) + ",\"misses\":" + std::to_string(s.misses) +
         ",\"evictions\":" + std::to_string(s.evictions) + ",\"corrupt_dropped\":" +
         std::to_string(s.corrupt_dropped) + ",\"write_failures\":" + std::to_string(s.write_failures) +
         ",\"bytes\":" + std::to_string(s.bytes) + ",\"entries\":" + std::to_string(s.entries) + "}";
}

std::string HttpStatsJson(const CurlFetcher& http) {
  CurlFetcherStats s = http.stats();
  return "{\"requests\":" + std::to_string(s.requests) + ",\"succeeded\":" + std::to_string(s.succeeded) +
         ",\"failed\":" + std::to_string(s.failed) + ",\"attempts\":" + std::to_string(s.attempts) +
         ",\"retries\":" + std::to_string(s.retries) + ",\"bytes_received\":" +
         std::to_string(s.bytes_received) + ",\"connections_opened\":" + std::to_string(s.connections_opened) + "}";
}

Result<void> CheckMountpoint(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return Unexpected(ErrnoError(errno, "mount point " + path));
  if (!S_ISDIR(st.st_mode)) return Unexpected(InvalidArgument("mount point " + path + " is not a directory"));
  return Ok();
}

// Everything a running mount owns, in construction order (destroyed in reverse: the session
// unmounts before the filesystem and fetchers go).
struct RunningMount {
  FetcherStack fetchers;
  std::unique_ptr<fs::VirtualFs> filesystem;
  std::unique_ptr<fs::FuseSession> session;
};

Result<std::unique_ptr<RunningMount>> SetUpMount(const MountArguments& args, const MountOptions& options,
                                                 const GlobalOptions& globals, const Logger& logger) {
  auto mount = std::make_unique<RunningMount>();
  FetcherSettings settings;
  settings.memory_cache_bytes = options.cache_size_bytes;
  settings.deadline_ms = options.deadline_ms;
  settings.disk_cache_dir = options.cache_dir;
  settings.disk_cache_bytes = options.cache_disk_size_bytes;
  settings.logger = logger;
  STACFS_ASSIGN_OR_RETURN(mount->fetchers, MakeFetcherStack(settings));

  fs::VirtualFsOptions fs_options;
  fs_options.dataset_timeout_s = options.dataset_timeout_s;
  fs_options.catalog_timeout_s = options.catalog_timeout_s;
  fs_options.uid = getuid();
  fs_options.gid = getgid();
  fs_options.logger = logger;
  // Coalesced read-ahead puts its pieces into the memory cache only; with a disk cache the merged
  // range would be stored on disk as one entry that per-chunk reads never find, so read-ahead
  // then fetches chunk by chunk (each stored on disk).
  if (!mount->fetchers.disk_cache) fs_options.prefetch_cache = {mount->fetchers.cache, mount->fetchers.pinning};

  // SOURCE is read once here: a bad SOURCE fails the command, not the first `ls`.
  STACFS_ASSIGN_OR_RETURN(FetchResponse source, mount->fetchers.top->Fetch({args.source, std::nullopt}));
  STACFS_ASSIGN_OR_RETURN(MountSourceKind kind, RecogniseMountSource(source.bytes.view(), args.source));
  if (kind == MountSourceKind::kReferences) {
    ReferenceParseOptions parse;
    parse.location = args.source;
    STACFS_ASSIGN_OR_RETURN(ReferenceSet refs, ParseReferences(source.bytes.view(), parse));
    auto store = std::make_shared<LoadedStore>(std::make_shared<const ReferenceSet>(std::move(refs)), args.source);
    mount->filesystem = std::make_unique<fs::VirtualFs>(std::shared_ptr<fs::StoreSource>(std::move(store)),
                                                        mount->fetchers.top, fs_options);
  } else {
    STACFS_ASSIGN_OR_RETURN(std::unique_ptr<catalog::Catalog> opened, OpenCatalogArgument(args.source, globals));
    catalog::CatalogTreeOptions tree;
    tree.fetcher = mount->fetchers.top;
    tree.cluster_properties = options.cluster_properties;
    tree.logger = logger;
    if (options.search) {
      STACFS_ASSIGN_OR_RETURN(tree.search, catalog::ParseMountSearch(*options.search).WithContext("-o search"));
    }
    std::shared_ptr<fs::DirectorySource> root =
        catalog::MakeCatalogTree(std::shared_ptr<catalog::Catalog>(std::move(opened)), std::move(tree));
    mount->filesystem = std::make_unique<fs::VirtualFs>(std::move(root), mount->fetchers.top, fs_options);
  }
  fs::MountStats& stats = mount->filesystem->stats();
  stats.AddSection("cache", [cache = mount->fetchers.cache, flights = mount->fetchers.flights] {
    return CacheStatsJson(*cache, *flights);
  });
  if (mount->fetchers.disk_cache) {
    stats.AddSection("disk_cache", [disk = mount->fetchers.disk_cache] { return DiskCacheStatsJson(*disk); });
  }
  stats.AddSection("http", [http = mount->fetchers.http] { return HttpStatsJson(*http); });
  stats.AddSection("changed_objects", [pinning = mount->fetchers.pinning] {
    return "{\"stale_refusals\":" + std::to_string(pinning->stale_count()) + "}";
  });

  fs::FuseOptions fuse;
  fuse.mountpoint = args.mountpoint;
  fuse.fsname = "stacfs:" + args.source;
  fuse.options = options.fuse_options;
  fuse.max_threads = options.max_threads;
  fuse.debug = options.fuse_debug;
  STACFS_ASSIGN_OR_RETURN(mount->session, fs::FuseSession::Mount(*mount->filesystem, fuse));
  return mount;
}

int RunMount(MountArguments args, const GlobalOptions& globals) {
  Result<MountOptions> options = ParseMountOptions(args.options);
  if (!options) return ReportError(options.error());
  // Paths are made absolute now: the daemon works from "/".
  if (!IsAbsoluteLocation(args.source)) args.source = AbsolutePath(args.source);
  args.mountpoint = AbsolutePath(args.mountpoint);
  if (options->cache_dir) options->cache_dir = AbsolutePath(*options->cache_dir);
  if (Result<void> ok = CheckMountpoint(args.mountpoint); !ok) return ReportError(ok.error());

  std::optional<Daemon> daemon;
  if (!args.foreground) {
    Result<Daemon> forked = Daemon::Fork();  // before any thread starts
    if (!forked) return ReportError(forked.error());
    daemon.emplace(std::move(*forked));
  }
  GlobalOptions effective = globals;
  if (options->log_level) effective.log_level = *options->log_level;
  LogLevel level = LogLevel::kWarning;
  ParseLogLevel(effective.log_level, &level);
  std::shared_ptr<LogSink> sink = args.foreground ? std::shared_ptr<LogSink>(std::make_shared<StderrLogSink>())
                                                  : std::shared_ptr<LogSink>(std::make_shared<SyslogLogSink>());
  Logger logger(sink, level);

  Result<std::unique_ptr<RunningMount>> mount = SetUpMount(args, *options, effective, logger);
  if (!mount) {
    if (daemon) {
      daemon->Fail(mount.error().ToString());
      return 1;
    }
    return ReportError(mount.error());
  }
  STACFS_LOG(logger, kInfo) << "mounted " << args.source << " at " << args.mountpoint;
  if (daemon) daemon->Ready();
  Result<void> served = (*mount)->session->Run();
  mount->reset();  // unmount
  STACFS_LOG(logger, kInfo) << "unmounted " << args.mountpoint;
  if (!served) return ReportError(served.error());
  return 0;
}

}  // namespace

void RegisterMountCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run) {
  auto args = std::make_shared<MountArguments>();
  CLI::App* command = app.add_subcommand(
      "mount", "Mount a STAC catalog or a Kerchunk reference file as a directory of Zarr stores");
  command->add_option("SOURCE", args->source,
                      "STAC API root URL, static catalog.json/collection.json (URL or path), or a Kerchunk "
                      "reference file (URL or path; JSON or zstd-compressed JSON)")
      ->required();
  command->add_option("MOUNTPOINT", args->mountpoint, "an existing empty directory")->required();
  command->add_flag("-f,--foreground", args->foreground, "stay in the foreground (logs to stderr)");
  command->add_option("-o", args->options,
                      "mount options, comma-separated (repeatable):\n"
                      "  cache_size=SIZE       memory cache budget, e.g. 512M, 2G (default 1G)\n"
                      "  cache_dir=DIR         also cache fetched bytes on disk under DIR, kept across\n"
                      "                        mounts (checksummed; clear DIR if a source changes)\n"
                      "  cache_disk_size=SIZE  disk cache budget (default 10G)\n"
                      "  cluster=P1,P2         aggregate items sharing these properties (own -o)\n"
                      "  search=TERMS          mount only matching items (own -o), e.g.\n"
                      "                        search=collections=cmip6;datetime=2000/2010;query=variable_id=tas\n"
                      "  allow_other           let other users read the mount\n"
                      "  max_threads=N         FUSE worker threads (64)\n"
                      "  dataset_timeout=S     kernel cache time inside stores (3600)\n"
                      "  catalog_timeout=S     kernel cache time of catalog directories (10)\n"
                      "  deadline=S            fail a read with EIO after S seconds of retries (60)\n"
                      "  log_level=LEVEL       trace|debug|info|warning|error\n"
                      "  debug                 libfuse request trace (with -f)")
      ->allow_extra_args(false);
  command->footer(
      "The mount is read-only. Without -f the command returns once the mount is ready (exit 0) or\n"
      "has failed (exit 1, with the reason); SIGTERM/SIGINT or `fusermount3 -u MOUNTPOINT` unmount.\n"
      "\nTree of a catalog mount:\n"
      "  MOUNT/<collection>/collection.json\n"
      "  MOUNT/<collection>/<item>/item.json\n"
      "  MOUNT/<collection>/<item>/<asset-key>.zarr/     virtual Zarr store per cloud asset\n"
      "  MOUNT/<collection>/<item>/<file>                plain data assets, read by range\n"
      "  MOUNT/<collection>/clusters/<v1>/.../dataset.zarr   with -o cluster=...\n"
      "  MOUNT/.stacfs/stats                             counters (JSON)\n"
      "\nExamples:\n"
      "  stacfs mount tas.json /mnt/tas                  one reference file: the mount is the store\n"
      "  python3 -c 'import xarray; print(xarray.open_zarr(\"/mnt/tas\"))'\n"
      "  stacfs mount https://api.stac.ceda.ac.uk /mnt/ceda -o cache_size=4G\n"
      "  stacfs mount catalog.json /mnt/cat -o cluster=source_id,experiment_id,variable_id\n"
      "  fusermount3 -u /mnt/tas");
  command->callback([args, &globals, run] { *run = [args, &globals] { return RunMount(*args, globals); }; });
}

}  // namespace stacfs
