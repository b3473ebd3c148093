// The kinds of open file the mount serves (internal to fs).
#pragma once

#include <memory>
#include <string>

#include "fs/prefetcher.h"
#include "fs/read_path.h"
#include "fs/store_view.h"
#include "fs/virtual_fs.h"

namespace stacfs::fs {

// Bytes held in memory: catalog documents, store metadata, a stats snapshot.
class BytesFile final : public OpenFile {
 public:
  explicit BytesFile(SharedBytes bytes) : bytes_(std::move(bytes)) {}
  Result<SharedBytes> Read(uint64_t offset, uint64_t size) override;

 private:
  SharedBytes bytes_;
};

// A chunk (or other value) of a store, read through its reference.
class ReferenceFile final : public OpenFile {
 public:
  // `view` keeps the reference set (which `reference` points into) alive. A read from the
  // start of the chunk tells `prefetcher` (when there is one) that the reader is here.
  ReferenceFile(std::shared_ptr<const StoreView> view, std::string key, Reference reference,
                ReadPath& read_path, Prefetcher* prefetcher)
      : view_(std::move(view)),
        key_(std::move(key)),
        reference_(reference),
        read_path_(read_path),
        prefetcher_(prefetcher) {}
  Result<SharedBytes> Read(uint64_t offset, uint64_t size) override;

 private:
  std::shared_ptr<const StoreView> view_;
  std::string key_;
  Reference reference_;
  ReadPath& read_path_;
  Prefetcher* prefetcher_;
};

// A plain remote file of known size, read by range.
class RemoteFile final : public OpenFile {
 public:
  RemoteFile(std::string url, uint64_t size, ReadPath& read_path)
      : url_(std::move(url)), size_(size), read_path_(read_path) {}
  Result<SharedBytes> Read(uint64_t offset, uint64_t size) override;

 private:
  std::string url_;
  uint64_t size_;
  ReadPath& read_path_;
};

}  // namespace stacfs::fs
