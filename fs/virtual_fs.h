// VirtualFs: the mount's filesystem as plain C++ — inodes, lookups, listings and reads —
// with no kernel in sight. The FUSE adapter (fuse_adapter.h) only translates requests into
// these calls and results into replies, so everything here is unit-tested with fake sources.
//
// Tree. The root is a catalog directory (a DirectorySource) or one virtual Zarr store (a
// StoreSource). Both get MOUNT/.stacfs/stats. Catalog directories are listed on first use and
// again after their source's ttl; stores load their references on first use inside them and
// keep them (references are immutable); a store that fails to load shows only ERROR.txt
// (why), other names in it fail with EIO, and loading is retried after `store_retry`.
//
// Inodes follow libfuse's lookup-count protocol: every successful Lookup counts one reference
// that Forget gives back; a node is dropped when its count reaches zero, and the same name gets
// the same inode again while the node lives. Chunk files are such nodes: a store of a million
// chunks costs memory only for the chunks the kernel currently knows.
//
// Timeouts. Inside stores everything is immutable: long entry/attr timeouts, and names that do
// not exist are negative entries (inode 0) the kernel may cache as long. Catalog directories
// and documents get short ones.
//
// Locks. `mutex_` guards the inode table only and is never held across I/O, a source call, or
// anything that can block; listings and stores have their own single-flight loading
// (refreshing_value.h). Lock order: mutex_ is innermost (nothing is called while holding it).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/log.h"
#include "core/base/result.h"
#include "core/base/shared_bytes.h"
#include "core/fetch/fetcher.h"
#include "fs/mount_stats.h"
#include "fs/prefetcher.h"
#include "fs/read_path.h"
#include "fs/store_view.h"
#include "fs/tree_source.h"

namespace stacfs::fs {

using InodeId = uint64_t;
inline constexpr InodeId kRootInode = 1;  // FUSE_ROOT_ID

struct VirtualFsOptions {
  double dataset_timeout_s = 3600;  // entry/attr/negative timeouts inside stores
  double catalog_timeout_s = 10;    // entry/attr timeouts of catalog directories and documents
  std::chrono::seconds store_retry{10};
  uid_t uid = 0;
  gid_t gid = 0;
  ReadPathOptions read;
  bool prefetch = true;  // read ahead along variables walked in order (prefetcher.h)
  PrefetchOptions prefetch_options;
  PrefetchCache prefetch_cache;  // lets read-ahead coalesce neighbouring chunks (prefetcher.h)
  Logger logger;
};

struct Attributes {
  InodeId ino = 0;
  bool is_directory = false;
  uint64_t size = 0;
};

// A lookup's answer. ino 0 is a negative entry: the name does not exist, for entry_timeout_s.
struct Entry {
  Attributes attr;
  double entry_timeout_s = 0;
  double attr_timeout_s = 0;
};

struct DirectoryEntry {
  std::string name;
  bool is_directory = false;
  InodeId ino = 0;  // the node's inode when it is live, else a stable number (never 0)
};
using DirectoryListing = std::vector<DirectoryEntry>;

// An open file: what the kernel's reads of one open() are served from.
class OpenFile {
 public:
  virtual ~OpenFile() = default;
  virtual Result<SharedBytes> Read(uint64_t offset, uint64_t size) = 0;
  bool keep_cache = false;  // the content never changes: the kernel may keep its page cache
  bool direct_io = false;   // the content changes (stats): bypass the page cache
};

class VirtualFs {
 public:
  VirtualFs(std::shared_ptr<DirectorySource> root, std::shared_ptr<Fetcher> fetcher, VirtualFsOptions options);
  VirtualFs(std::shared_ptr<StoreSource> root, std::shared_ptr<Fetcher> fetcher, VirtualFsOptions options);
  ~VirtualFs();
  VirtualFs(const VirtualFs&) = delete;
  VirtualFs& operator=(const VirtualFs&) = delete;

  Result<Entry> Lookup(InodeId parent, std::string_view name);
  void Forget(InodeId ino, uint64_t count);
  Result<Entry> GetAttr(InodeId ino);
  // The entries of a directory, "." and ".." first.
  Result<std::shared_ptr<const DirectoryListing>> ReadDirectory(InodeId ino);
  Result<std::shared_ptr<OpenFile>> Open(InodeId ino);
  // Reads through `file`, counting the request in the stats.
  Result<SharedBytes> Read(OpenFile& file, uint64_t offset, uint64_t size);

  MountStats& stats() { return stats_; }
  size_t live_inodes() const;

 private:
  struct Target;
  struct Node;
  class CachedDirectory;
  class MountedStore;
  class RemoteFileState;
  struct Listing;

  VirtualFs(std::shared_ptr<Fetcher> fetcher, VirtualFsOptions options);
  std::shared_ptr<Node> GetNode(InodeId ino) const;
  // What `name` in `parent` is; nullopt when it does not exist. May do I/O.
  Result<std::optional<Target>> ResolveChild(const Node& parent, std::string_view name);
  Result<std::shared_ptr<const StoreView>> StoreViewOf(MountedStore& store);
  Result<std::optional<Target>> ResolveInStore(const Target& directory, std::string_view name);
  Result<std::shared_ptr<const Listing>> ListCatalogDirectory(const std::shared_ptr<CachedDirectory>& directory,
                                                              bool is_root);
  Result<DirectoryListing> ListChildren(const Node& node);
  Entry MakeEntry(InodeId ino, const Target& target) const;
  InodeId RegisterLookup(InodeId parent, std::string_view name, Target target);
  InodeId InodeHint(InodeId parent, std::string_view name) const;
  Target MetaDirectoryTarget() const;
  Target StatsTarget() const;
  void LogFailure(std::string_view what, const Error& error);

  const std::shared_ptr<Fetcher> fetcher_;
  const VirtualFsOptions options_;
  const Logger logger_;
  ReadPath read_path_;
  std::unique_ptr<Prefetcher> prefetcher_;  // null when read-ahead is off; uses read_path_
  MountStats stats_;

  mutable std::mutex mutex_;
  struct Slot {
    std::shared_ptr<Node> node;
    uint64_t lookups = 0;
  };
  struct NameKey {
    InodeId parent;
    std::string name;
    bool operator==(const NameKey&) const = default;
  };
  struct NameKeyHash {
    size_t operator()(const NameKey& key) const;
  };
  std::unordered_map<InodeId, Slot> nodes_;                       // guarded by mutex_
  std::unordered_map<NameKey, InodeId, NameKeyHash> by_name_;     // guarded by mutex_
  InodeId next_ino_ = kRootInode + 1;                             // guarded by mutex_
};

}  // namespace stacfs::fs
