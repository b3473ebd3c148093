// AtomicFile: a file written in pieces and published whole. Bytes go to a temporary file in the
// same directory ("PATH.tmp.PID"); Commit() fsyncs it and renames it over PATH. Until then PATH
// is untouched, and a writer destroyed without Commit() — an error half-way, an early return —
// removes its temporary file, so a failed write leaves neither a partial PATH nor litter.
//
// Appends are buffered (kDefaultBufferBytes) so that a caller producing many small pieces, such
// as one line per Kerchunk reference, does not make a system call per piece.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

class AtomicFile {
 public:
  static constexpr size_t kDefaultBufferBytes = size_t{1} << 20;

  static Result<AtomicFile> Create(const std::string& path,
                                   size_t buffer_bytes = kDefaultBufferBytes);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // without Commit(): closes and removes the temporary file

  Result<void> Append(std::string_view bytes);
  // Flushes, fsyncs, closes and renames over the final path. After a failure the temporary
  // file is already gone; the writer must not be used again either way.
  Result<void> Commit();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }

 private:
  AtomicFile(std::string path, std::string temp, int fd, size_t buffer_bytes);
  Result<void> WriteAll(std::string_view bytes);
  Error Fail(int errno_value, const std::string& what);
  void Discard();

  std::string path_;
  std::string temp_;
  int fd_ = -1;
  size_t buffer_bytes_ = kDefaultBufferBytes;
  std::string buffer_;
};

}  // namespace stacfs
