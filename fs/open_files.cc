#include "fs/open_files.h"

namespace stacfs::fs {

Result<SharedBytes> BytesFile::Read(uint64_t offset, uint64_t size) {
  return bytes_.Slice(offset, size);
}

Result<SharedBytes> ReferenceFile::Read(uint64_t offset, uint64_t size) {
  // Told before reading, so that read-ahead overlaps this chunk's own fetch.
  if (offset == 0 && prefetcher_ != nullptr) prefetcher_->OnChunkRead(view_, key_);
  return read_path_.ReadReference(reference_, offset, size);
}

Result<SharedBytes> RemoteFile::Read(uint64_t offset, uint64_t size) {
  return read_path_.ReadRemoteFile(url_, size_, offset, size);
}

}  // namespace stacfs::fs
