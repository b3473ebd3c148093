#include "core/fetch/file_fetcher.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/url/url.h"

namespace stacfs {
namespace {

class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string EtagOf(const struct stat& st) {
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%lx-%lx-%lx\"", static_cast<unsigned long>(st.st_ino),
                static_cast<unsigned long>(st.st_size),
                static_cast<unsigned long>(st.st_mtim.tv_sec * 1000000000L + st.st_mtim.tv_nsec));
  return etag;
}

}  // namespace

Result<FetchResponse> FileFetcher::Fetch(const FetchRequest& request) {
  auto path = LocalPath(request.url);
  if (!path) return std::move(path).error();
  ScopedFd fd(::open(path->c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError(errno, "open " + *path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoError(errno, "stat " + *path);
  if (!S_ISREG(st.st_mode)) return InvalidArgument(*path + " is not a regular file");
  uint64_t size = static_cast<uint64_t>(st.st_size);
  ByteRange range = request.range.value_or(ByteRange{0, size});
  if (range.offset > size || range.length > size - range.offset) {
    return OutOfRange("range " + range.ToString() + " is past the end of " + *path + " (" +
                      std::to_string(size) + " bytes)");
  }
  std::string bytes(range.length, '\0');
  uint64_t done = 0;
  while (done < range.length) {
    ssize_t n = ::pread(fd.get(), bytes.data() + done, range.length - done,
                        static_cast<off_t>(range.offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, "read " + *path + " " + range.ToString());
    }
    if (n == 0) {
      return Corrupt(*path + " ended at " + std::to_string(range.offset + done) +
                     " while reading " + range.ToString() + " (file shrank?)");
    }
    done += static_cast<uint64_t>(n);
  }
  FetchResponse response;
  response.bytes = SharedBytes(std::move(bytes));
  response.etag = EtagOf(st);
  response.object_size = size;
  return response;
}

}  // namespace stacfs
