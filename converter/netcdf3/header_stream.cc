#include "converter/netcdf3/header_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace stacfs::converter::netcdf3 {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<HeaderStream> HeaderStream::Open(const std::string& path, size_t block_bytes) {
  if (block_bytes == 0) return InvalidArgument("HeaderStream block size must be positive");
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError(errno, "open " + path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoError(errno, "stat " + path);
  if (!S_ISREG(st.st_mode)) return InvalidArgument(path + " is not a regular file");
  return HeaderStream(std::move(fd), static_cast<uint64_t>(st.st_size), block_bytes);
}

Result<void> HeaderStream::Fill(uint64_t n, std::string_view what) {
  if (n > remaining()) {
    return Corrupt("truncated header: expected " + std::to_string(n) + " bytes (" +
                   std::string(what) + ") at offset " + std::to_string(position()) +
                   ", but the file ends at " + std::to_string(file_size_));
  }
  // Drop what was consumed; what is left is shorter than n, which fits in the file.
  buffer_.erase(0, cursor_);
  buffer_offset_ += cursor_;
  cursor_ = 0;
  uint64_t buffer_end = buffer_offset_ + buffer_.size();
  uint64_t want = std::max<uint64_t>(n - buffer_.size(), block_bytes_);
  want = std::min<uint64_t>(want, file_size_ - buffer_end);
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + want);
  uint64_t done = 0;
  while (done < want) {
    ssize_t got = ::pread(fd_.get(), buffer_.data() + old_size + done, want - done,
                          static_cast<off_t>(buffer_end + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      buffer_.resize(old_size + done);
      return ErrnoError(saved, "read at offset " + std::to_string(buffer_end + done));
    }
    if (got == 0) {
      buffer_.resize(old_size + done);
      return Corrupt("file ended at " + std::to_string(buffer_end + done) +
                     " while reading its header (it shrank while being read?)");
    }
    done += static_cast<uint64_t>(got);
    bytes_read_ += static_cast<uint64_t>(got);
  }
  return Ok();
}

Result<std::string_view> HeaderStream::Take(uint64_t n, std::string_view what) {
  if (n > buffer_.size() - cursor_) STACFS_RETURN_IF_ERROR(Fill(n, what));
  std::string_view out(buffer_.data() + cursor_, static_cast<size_t>(n));
  cursor_ += static_cast<size_t>(n);
  return out;
}

Result<uint32_t> HeaderStream::TakeU32(std::string_view what) {
  STACFS_ASSIGN_OR_RETURN(std::string_view bytes, Take(4, what));
  uint32_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

Result<uint64_t> HeaderStream::TakeU64(std::string_view what) {
  STACFS_ASSIGN_OR_RETURN(std::string_view bytes, Take(8, what));
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

}  // namespace stacfs::converter::netcdf3
