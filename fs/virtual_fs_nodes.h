// VirtualFs's node types (internal to fs): what each inode stands for, and the per-directory,
// per-store and per-remote-file state shared by the nodes that refer to them.
#pragma once

#include <map>
#include <optional>

#include "fs/refreshing_value.h"
#include "fs/store_view.h"
#include "fs/virtual_fs.h"

namespace stacfs::fs {

struct VirtualFs::Target {
  enum class Kind {
    kCatalogDirectory,  // `directory`
    kMetaDirectory,     // MOUNT/.stacfs
    kStoreDirectory,    // `store`, `store_path` ("" for the store's root)
    kDocument,          // `content` (catalog documents, store metadata, ERROR.txt)
    kStats,             // MOUNT/.stacfs/stats
    kRemoteFile,        // `remote`, `size`
    kStoreFile,         // `view` (kept alive for `reference`), `reference`, `size`, key in `store_path`
  };
  Kind kind = Kind::kDocument;
  std::shared_ptr<CachedDirectory> directory;
  std::shared_ptr<MountedStore> store;
  std::string store_path;
  std::shared_ptr<const std::string> content;
  std::shared_ptr<RemoteFileState> remote;
  std::shared_ptr<const StoreView> view;
  Reference reference;
  uint64_t size = 0;
  bool in_store = false;           // immutable: long timeouts, kernel cache kept
  const void* identity = nullptr;  // same identity under the same name: the same inode

  bool is_directory() const {
    return kind == Kind::kCatalogDirectory || kind == Kind::kMetaDirectory || kind == Kind::kStoreDirectory;
  }
};

struct VirtualFs::Node {
  InodeId ino = 0;
  InodeId parent = 0;
  std::string name;
  Target target;
};

// A catalog directory: its source and its listing, loaded once per ttl.
class VirtualFs::CachedDirectory {
 public:
  explicit CachedDirectory(std::shared_ptr<DirectorySource> source)
      : source(std::move(source)),
        listing(this->source->ttl(), std::chrono::seconds(5)) {}
  const std::shared_ptr<DirectorySource> source;
  RefreshingValue<Listing> listing;
};

// A listed catalog directory: sanitised, unique names and what they are.
struct VirtualFs::Listing {
  std::vector<std::pair<std::string, Target>> children;  // in listing order
  std::map<std::string, size_t, std::less<>> index;      // name → position in children
};

// A virtual store: its source, and its view once loaded.
class VirtualFs::MountedStore {
 public:
  MountedStore(std::shared_ptr<StoreSource> source, std::chrono::seconds retry)
      : source(std::move(source)),
        view(std::chrono::hours(24 * 365 * 100), retry) {}
  const std::shared_ptr<StoreSource> source;
  RefreshingValue<StoreView> view;
};

// A plain remote file; its size, when the catalog did not state it, is asked once.
class VirtualFs::RemoteFileState {
 public:
  RemoteFileState(std::string url, std::optional<uint64_t> size)
      : url(std::move(url)),
        stated_size(size),
        asked_size(std::chrono::hours(1), std::chrono::seconds(10)) {}
  const std::string url;
  const std::optional<uint64_t> stated_size;
  RefreshingValue<uint64_t> asked_size;
};

}  // namespace stacfs::fs
