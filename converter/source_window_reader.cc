#include "converter/source_window_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "core/base/byte_range.h"

namespace stacfs::converter {

SourceWindowReader::~SourceWindowReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<void> SourceWindowReader::Open(uint32_t source) {
  if (fd_ >= 0 && open_source_ == source) return Ok();
  if (source >= paths_.size()) {
    return Internal("no local path to read source " + std::to_string(source) + " from");
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  window_.clear();
  const std::string& path = paths_[source];
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Error error = ErrnoError(errno, "stat " + path);
    ::close(fd);
    return error;
  }
  fd_ = fd;
  open_source_ = source;
  file_size_ = static_cast<uint64_t>(st.st_size);
  return Ok();
}

Result<void> SourceWindowReader::ReadAt(uint64_t offset, uint64_t length, std::string* into) {
  into->resize(length);
  uint64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, into->data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, "read " + paths_[open_source_] + " " +
                                   ByteRange{offset, length}.ToString());
    }
    if (n == 0) {
      return Corrupt(paths_[open_source_] + " ended at " + std::to_string(offset + done) +
                     " while reading " + ByteRange{offset, length}.ToString() + " (file shrank?)");
    }
    done += static_cast<uint64_t>(n);
  }
  return Ok();
}

Result<std::string_view> SourceWindowReader::Read(uint32_t source, uint64_t offset,
                                                  uint64_t length) {
  STACFS_RETURN_IF_ERROR(Open(source));
  if (offset > file_size_ || length > file_size_ - offset) {
    return OutOfRange("range " + ByteRange{offset, length}.ToString() + " is past the end of " +
                      paths_[source] + " (" + std::to_string(file_size_) + " bytes)");
  }
  if (length > kWindowBytes) {
    STACFS_RETURN_IF_ERROR(ReadAt(offset, length, &large_));
    return std::string_view(large_);
  }
  if (offset < window_offset_ || offset + length > window_offset_ + window_.size()) {
    window_offset_ = offset;
    Result<void> read = ReadAt(offset, std::min(kWindowBytes, file_size_ - offset), &window_);
    if (!read) {
      window_.clear();  // never serve a later read from a half-filled window
      return std::move(read).error();
    }
  }
  return std::string_view(window_).substr(offset - window_offset_, length);
}

}  // namespace stacfs::converter
