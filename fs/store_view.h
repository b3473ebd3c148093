// StoreView: a Kerchunk reference set seen as a directory tree — the virtual Zarr v2 store.
//
// Keys become paths: "tas/.zarray" is the file .zarray in the directory tas; chunk keys with
// dimension_separator "/" ("tas/0/1/2") make nested directories, as a Zarr DirectoryStore has.
// What the view adds to the references, and why:
//  - Metadata documents (.zgroup, .zattrs, .zarray) are served with non-ASCII characters
//    escaped (\uXXXX): zarr-python 2 decodes metadata as ASCII and fails on UTF-8 attributes
//    that the references (and netCDF) hold. The JSON means the same.
//  - A consolidated `.zmetadata` is synthesised at the root from those documents (replacing
//    any in the references, which may be stale), so xarray opens the store in one read; and a
//    root `.zgroup` is added when the references have none and the root is no array.
//  - Sizes are exact without network: inline values and byte ranges know their length. Only a
//    whole-object reference ([url]) does not; its size is learnt when it is first looked up.
//
// The view is immutable and shared; listings are computed when asked (an array directory of a
// million chunks is walked once per listing, never kept as a million names).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs::fs {

struct StoreEntry {
  enum class Kind { kDirectory, kDocument, kReference };
  Kind kind = Kind::kDirectory;
  std::string key;                              // the store key ("tas/0.0"); for directories, the path
  std::shared_ptr<const std::string> document;  // kDocument: the bytes served
  Reference reference;                          // kReference: where the bytes are (views into the set)
};

struct StoreListEntry {
  std::string name;
  bool is_directory = false;
};

class StoreView {
 public:
  // Fails when a metadata document of the references is not valid JSON (naming the key).
  static Result<std::shared_ptr<const StoreView>> Create(std::shared_ptr<const ReferenceSet> refs,
                                                         std::string_view describe);

  // The entry at `key` ("" is the root directory), or nullopt when the store has none.
  std::optional<StoreEntry> Find(std::string_view key) const;
  // The names in directory `path` (no "." or ".."), sorted as a DirectoryStore would list them
  // (by name). Empty for a path that is no directory.
  std::vector<StoreListEntry> List(std::string_view path) const;

  const ReferenceSet& references() const { return *refs_; }

 private:
  struct ArrayInfo {
    char separator = '.';
    std::vector<uint64_t> grid;
  };
  struct Directory {
    std::map<std::string, bool, std::less<>> children;  // name → is directory (non-chunk entries)
    const ArrayInfo* array = nullptr;                    // set when the directory holds a .zarray
  };

  explicit StoreView(std::shared_ptr<const ReferenceSet> refs) : refs_(std::move(refs)) {}
  void AddPath(std::string_view key, bool is_directory);
  // For a key inside a "/"-separated array's chunk tree: the array's path and how many index
  // components `key` has below it, when they are valid indices of the grid.
  bool IsChunkDirectory(std::string_view key) const;

  std::shared_ptr<const ReferenceSet> refs_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> documents_;
  std::map<std::string, Directory, std::less<>> directories_;
  std::map<std::string, ArrayInfo, std::less<>> arrays_;
};

}  // namespace stacfs::fs
