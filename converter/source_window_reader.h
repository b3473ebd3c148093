// Reads byte ranges of a Dataset's local source files, for the chunks the reference writer
// inlines. Those come by the million in increasing offset order within a variable (netCDF3
// records of a few bytes, one per record per variable; small HDF5 chunks), and a Fetcher call
// per chunk — open, fstat, pread, close — cost about 13 µs: 13 s for a million netCDF3
// records. This reader keeps the current file open and serves reads from a window it reads
// ahead, so that a run of neighbouring chunks costs one pread per window.
//
// One file is open at a time: chunks of a variable come file after file (aggregations are
// ordered along the concat dimension), and an aggregation may have thousands of files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter {

class SourceWindowReader {
 public:
  static constexpr uint64_t kWindowBytes = uint64_t{1} << 20;

  // `local_paths`: Dataset::local_paths, indexed by ChunkRef::source.
  explicit SourceWindowReader(const std::vector<std::string>& local_paths)
      : paths_(local_paths) {}
  ~SourceWindowReader();
  SourceWindowReader(const SourceWindowReader&) = delete;
  SourceWindowReader& operator=(const SourceWindowReader&) = delete;

  // The bytes [offset, offset + length) of source `source`, exactly as stored; valid until
  // the next call. A range past the end of the file is an error naming the file.
  Result<std::string_view> Read(uint32_t source, uint64_t offset, uint64_t length);

 private:
  Result<void> Open(uint32_t source);
  Result<void> ReadAt(uint64_t offset, uint64_t length, std::string* into);

  const std::vector<std::string>& paths_;
  int fd_ = -1;
  uint32_t open_source_ = 0;
  uint64_t file_size_ = 0;
  uint64_t window_offset_ = 0;
  std::string window_;  // bytes [window_offset_, window_offset_ + size) of the open file
  std::string large_;   // a range longer than a window, read on its own
};

}  // namespace stacfs::converter
