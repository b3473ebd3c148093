#include "core/base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace stacfs {

Result<AtomicFile> AtomicFile::Create(const std::string& path, size_t buffer_bytes) {
  // The pid keeps concurrent writers of one path (worker processes, two users) apart.
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError(errno, "create " + temp);
  return AtomicFile(path, std::move(temp), fd, buffer_bytes);
}

AtomicFile::AtomicFile(std::string path, std::string temp, int fd, size_t buffer_bytes)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), buffer_bytes_(buffer_bytes) {
  buffer_.reserve(buffer_bytes_);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_(std::move(other.temp_)),
      fd_(std::exchange(other.fd_, -1)),
      buffer_bytes_(other.buffer_bytes_),
      buffer_(std::move(other.buffer_)) {}

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (fd_ < 0) return;
  ::close(std::exchange(fd_, -1));
  ::unlink(temp_.c_str());
}

Error AtomicFile::Fail(int errno_value, const std::string& what) {
  Error error = ErrnoError(errno_value, what + " " + temp_);
  Discard();
  return error;
}

Result<void> AtomicFile::WriteAll(std::string_view bytes) {
  if (fd_ < 0) return Internal("write to " + temp_ + " after it was committed or failed");
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(errno, "write");
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Ok();
}

Result<void> AtomicFile::Append(std::string_view bytes) {
  if (buffer_.size() + bytes.size() <= buffer_bytes_) {
    buffer_.append(bytes);
    return Ok();
  }
  STACFS_RETURN_IF_ERROR(WriteAll(buffer_));
  buffer_.clear();
  // A piece larger than the buffer goes straight through rather than being copied twice.
  if (bytes.size() >= buffer_bytes_) return WriteAll(bytes);
  buffer_.append(bytes);
  return Ok();
}

Result<void> AtomicFile::Commit() {
  STACFS_RETURN_IF_ERROR(WriteAll(buffer_));
  std::string().swap(buffer_);
  if (::fsync(fd_) != 0) return Fail(errno, "fsync");
  if (::close(std::exchange(fd_, -1)) != 0) {
    Error error = ErrnoError(errno, "close " + temp_);
    ::unlink(temp_.c_str());
    return error;
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    Error error = ErrnoError(errno, "rename " + temp_ + " to " + path_);
    ::unlink(temp_.c_str());
    return error;
  }
  return Ok();
}

}  // namespace stacfs
