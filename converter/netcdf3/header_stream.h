// HeaderStream: reads a netCDF3 header front to back with pread, in blocks, and only as far as
// the parser asks — the data section after the header is never read.
//
// A header's size is known only once it has been parsed (one attribute can hold megabytes), so
// the stream starts with one block (64 KiB by default, or the whole file if smaller) and reads
// further blocks on demand. Bytes already consumed are dropped, so memory stays at one block
// plus the largest single item asked for, and every request is checked against the file size
// before anything is allocated: a count or length in a corrupt header cannot make us allocate
// more than the file holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs::converter::netcdf3 {

// An open file descriptor, closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

class HeaderStream {
 public:
  static constexpr size_t kDefaultBlockBytes = size_t{64} << 10;

  // Opens `path` (a regular file) for reading. `block_bytes` > 0 is the read granularity;
  // tests use tiny blocks to exercise reads that straddle blocks.
  static Result<HeaderStream> Open(const std::string& path,
                                   size_t block_bytes = kDefaultBlockBytes);

  uint64_t file_size() const { return file_size_; }
  // File offset of the next byte Take() returns.
  uint64_t position() const { return buffer_offset_ + cursor_; }
  uint64_t remaining() const { return file_size_ - position(); }

  // The next `n` bytes, valid until the next call on this stream. When the file ends first,
  // a kCorrupt error says that the header is truncated, what was being read (`what`), at which
  // offset, and where the file ends.
  Result<std::string_view> Take(uint64_t n, std::string_view what);
  Result<uint32_t> TakeU32(std::string_view what);  // big-endian
  Result<uint64_t> TakeU64(std::string_view what);  // big-endian

  // Total bytes read from the file so far (for tests: the data section is never read).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  HeaderStream(UniqueFd fd, uint64_t file_size, size_t block_bytes)
      : fd_(std::move(fd)), file_size_(file_size), block_bytes_(block_bytes) {}
  Result<void> Fill(uint64_t n, std::string_view what);

  UniqueFd fd_;
  uint64_t file_size_ = 0;
  size_t block_bytes_ = kDefaultBlockBytes;
  std::string buffer_;         // file bytes [buffer_offset_, buffer_offset_ + buffer_.size())
  uint64_t buffer_offset_ = 0;
  size_t cursor_ = 0;          // index in buffer_ of the next byte to hand out
  uint64_t bytes_read_ = 0;
};

}  // namespace stacfs::converter::netcdf3
