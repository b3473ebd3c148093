// Tree sources: what a mount shows, as the fs module asks for it.
//
// The fs module knows nothing of STAC. A mount's tree comes from a root DirectorySource; each
// directory lists entries that are directories (another DirectorySource), small documents held
// in memory (collection.json, item.json, an explanation of a refused dataset), remote files read
// by range (a netCDF asset), or virtual Zarr stores (a StoreSource whose Kerchunk references are
// loaded on first access inside the store). The catalog module implements these for STAC
// catalogs (catalog/mount/); a single reference file is a StoreSource alone.
//
// Contract.
//  - fs calls List() when a directory is first looked into and again after `ttl` has passed;
//    Load() when a store is first looked into (again after a failure, later). Both may do I/O
//    and may be slow: fs never holds a lock across them and never calls them twice at once for
//    one directory or store.
//  - Names are raw (ids as the catalog gives them). fs sanitises every name and resolves
//    collisions itself; a source need not (and must not rely on any particular result).
//  - An error from List() or Load() makes that path fail (EIO) and is logged; the rest of the
//    mount keeps working. A StoreSource that refuses on purpose (an unsafe aggregation) returns
//    an error whose message a user can read: fs shows it as the store's ERROR.txt.
//  - Implementations are thread-safe (different directories are listed concurrently).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs::fs {

class DirectorySource;
class StoreSource;

struct TreeEntry {
  enum class Kind {
    kDirectory,   // `directory`
    kDocument,    // `content`: bytes held in memory
    kRemoteFile,  // `url`, and `size` when the catalog states it (otherwise fs asks the server)
    kStore,       // `store`: a virtual Zarr v2 store (a directory in the mount)
  };

  std::string name;
  Kind kind = Kind::kDocument;
  std::shared_ptr<DirectorySource> directory;
  std::shared_ptr<const std::string> content;
  std::string url;
  std::optional<uint64_t> size;
  std::shared_ptr<StoreSource> store;

  static TreeEntry Directory(std::string name, std::shared_ptr<DirectorySource> directory);
  static TreeEntry Document(std::string name, std::string content);
  static TreeEntry RemoteFile(std::string name, std::string url, std::optional<uint64_t> size);
  static TreeEntry Store(std::string name, std::shared_ptr<StoreSource> store);
};

class DirectorySource {
 public:
  virtual ~DirectorySource() = default;
  // The entries, in the order they should be listed.
  virtual Result<std::vector<TreeEntry>> List() = 0;
  // How long a listing stays fresh. Catalog directories change; the default is short.
  virtual std::chrono::seconds ttl() const { return std::chrono::seconds(60); }
};

class StoreSource {
 public:
  virtual ~StoreSource() = default;
  // The store's Kerchunk references (metadata and chunk locations). Chunk URLs are absolute.
  virtual Result<std::shared_ptr<const ReferenceSet>> Load() = 0;
  // Where the references come from, for logs and errors ("https://…/refs.json").
  virtual std::string Describe() const = 0;
};

// A directory with fixed entries (a mount's synthetic directories, tests).
class FixedDirectory final : public DirectorySource {
 public:
  explicit FixedDirectory(std::vector<TreeEntry> entries) : entries_(std::move(entries)) {}
  Result<std::vector<TreeEntry>> List() override { return entries_; }
  std::chrono::seconds ttl() const override { return std::chrono::hours(24 * 365); }

 private:
  std::vector<TreeEntry> entries_;
};

}  // namespace stacfs::fs
