#include "core/fetch/disk_cache_fetcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "core/fetch/disk_cache_entry.h"

namespace stacfs {
namespace {

constexpr std::string_view kEntrySuffix = ".entry";
constexpr std::string_view kTempMarker = ".tmp.";
constexpr size_t kNameLength = 64;  // hex SHA-256

class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error: for a written file, close can be where a write fails.
  int Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd);
  }

 private:
  int fd_;
};

// The key text stored in an entry: the URL, then the range ("*" for the whole object). The NUL
// keeps a URL ending in digits from meeting a range.
std::string KeyOf(const FetchRequest& request) {
  std::string key = request.url;
  key += '\0';
  if (request.range) {
    key += std::to_string(request.range->offset) + "+" + std::to_string(request.range->length);
  } else {
    key += '*';
  }
  return key;
}

// SHA-256 rather than a short hash: names must not collide in practice across a cache of
// millions of entries (a collision would only cost a miss — the key is checked — but would make
// two hot keys evict each other forever).
std::string NameOf(const std::string& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(key.data(), key.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name;
  name.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    name.push_back(kHex[digest[i] >> 4]);
    name.push_back(kHex[digest[i] & 15]);
  }
  return name;
}

bool IsEntryName(std::string_view file) {
  if (file.size() != kNameLength + kEntrySuffix.size() || !file.ends_with(kEntrySuffix)) return false;
  return std::all_of(file.begin(), file.begin() + kNameLength,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<std::string> ReadAll(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return ErrnoError(errno, "stat " + path);
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, "read " + path);
    }
    if (n == 0) break;  // shrank under us: the length check in decoding catches it
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

Result<void> WriteAll(int fd, std::string_view header, std::string_view payload, const std::string& path) {
  std::string_view parts[2] = {header, payload};
  for (std::string_view part : parts) {
    while (!part.empty()) {
      ssize_t n = ::write(fd, part.data(), part.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError(errno, "write " + path);
      }
      part.remove_prefix(static_cast<size_t>(n));
    }
  }
  return Ok();
}

Result<void> MakeDirectory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) return Ok();
  if (errno == ENOENT) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dir).parent_path(), ec);
    if (ec) return IoError("cannot create " + std::filesystem::path(dir).parent_path().string() + ": " + ec.message());
    if (::mkdir(dir.c_str(), 0700) == 0) return Ok();
  }
  if (errno != EEXIST) return ErrnoError(errno, "create directory " + dir);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return ErrnoError(errno, "stat " + dir);
  if (!S_ISDIR(st.st_mode)) return InvalidArgument(dir + " exists and is not a directory");
  return Ok();
}

// Whether a file can really be created here: access(2) says yes to root on a read-only mount.
Result<void> ProbeWritable(const std::string& dir) {
  std::string probe = dir + "/.probe" + std::string(kTempMarker) + "XXXXXX";
  int fd = ::mkstemp(probe.data());
  if (fd < 0) return ErrnoError(errno, "create a file in " + dir);
  ::close(fd);
  ::unlink(probe.c_str());
  return Ok();
}

}  // namespace

Result<std::unique_ptr<DiskCacheFetcher>> DiskCacheFetcher::Open(std::shared_ptr<Fetcher> inner, std::string dir,
                                                                 uint64_t budget_bytes, Logger logger) {
  if (dir.empty()) return InvalidArgument("disk cache directory: empty path");
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::string context = "disk cache directory " + dir;
  STACFS_RETURN_IF_ERROR(MakeDirectory(dir).WithContext(context));
  STACFS_RETURN_IF_ERROR(ProbeWritable(dir).WithContext(context + " is not usable"));
  std::unique_ptr<DiskCacheFetcher> cache(
      new DiskCacheFetcher(std::move(inner), std::move(dir), budget_bytes, std::move(logger)));
  STACFS_RETURN_IF_ERROR(cache->LoadIndex().WithContext(context));
  return cache;
}

std::string DiskCacheFetcher::PathOf(const std::string& name) const {
  return dir_ + "/" + name + std::string(kEntrySuffix);
}

std::string DiskCacheFetcher::EntryPath(const FetchRequest& request) const { return PathOf(NameOf(KeyOf(request))); }

Result<void> DiskCacheFetcher::LoadIndex() {
  struct Found {
    std::string name;
    uint64_t bytes;
    struct timespec used;
  };
  std::vector<Found> found;
  DIR* raw = ::opendir(dir_.c_str());
  if (raw == nullptr) return ErrnoError(errno, "open directory " + dir_);
  std::unique_ptr<DIR, int (*)(DIR*)> d(raw, ::closedir);
  while (dirent* e = ::readdir(d.get())) {
    std::string_view file = e->d_name;
    std::string path = dir_ + "/" + e->d_name;
    if (file.find(kTempMarker) != std::string_view::npos) {
      ::unlink(path.c_str());  // left by a crash or a failed write: never renamed, never valid
      continue;
    }
    if (!IsEntryName(file)) continue;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    found.push_back({std::string(file.substr(0, kNameLength)), static_cast<uint64_t>(st.st_size), st.st_mtim});
  }
  // Most recently used first, as the LRU list keeps them.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.used.tv_sec != b.used.tv_sec) return a.used.tv_sec > b.used.tv_sec;
    return a.used.tv_nsec > b.used.tv_nsec;
  });
  std::vector<std::string> victims;
  {
    std::lock_guard lock(mutex_);
    for (Found& f : found) {
      lru_.push_back(Entry{f.name, f.bytes, next_generation_++});
      index_.emplace(std::move(f.name), std::prev(lru_.end()));
      bytes_ += f.bytes;
    }
    while (bytes_ > budget_bytes_ && !lru_.empty()) {
      victims.push_back(lru_.back().name);
      bytes_ -= lru_.back().bytes;
      index_.erase(lru_.back().name);
      lru_.pop_back();
      ++evictions_;
    }
  }
  RemoveFiles(victims);
  STACFS_LOG(logger_, kInfo) << "disk cache " << dir_ << ": " << found.size() - victims.size() << " entries, "
                             << bytes_ << " bytes";
  return Ok();
}

bool DiskCacheFetcher::Forget(const std::string& name, uint64_t generation) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(name);
  if (it == index_.end() || it->second->generation != generation) return false;
  bytes_ -= it->second->bytes;
  lru_.erase(it->second);
  index_.erase(it);
  return true;
}

void DiskCacheFetcher::RemoveFiles(const std::vector<std::string>& names) {
  for (const std::string& name : names) ::unlink(PathOf(name).c_str());
}

std::optional<FetchResponse> DiskCacheFetcher::Lookup(const std::string& key, const std::string& name) {
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = index_.find(name);
    if (it == index_.end()) {
      ++misses_;
      return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    generation = it->second->generation;
  }
  std::string path = PathOf(name);
  ScopedFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  Result<FetchResponse> decoded = fd.get() < 0 ? Result<FetchResponse>(ErrnoError(errno, "open " + path))
                                               : [&]() -> Result<FetchResponse> {
    STACFS_ASSIGN_OR_RETURN(std::string file, ReadAll(fd.get(), path));
    return DecodeDiskCacheEntry(key, std::move(file));
  }();
  if (decoded) {
    // The mtime is the last use that the index is rebuilt from after a restart.
    ::futimens(fd.get(), nullptr);
    std::lock_guard lock(mutex_);
    ++hits_;
    return std::move(*decoded);
  }
  bool corrupt = decoded.error().code() == ErrorCode::kCorrupt;
  if (corrupt) {
    STACFS_LOG(logger_, kWarning) << "disk cache: dropping " << path << ": " << decoded.error().ToString();
    // Only this file: a concurrent writer may already have renamed a good one over it.
    struct stat read_st {}, now_st {};
    if (::fstat(fd.get(), &read_st) == 0 && ::stat(path.c_str(), &now_st) == 0 && read_st.st_ino == now_st.st_ino) {
      ::unlink(path.c_str());
    }
  } else if (decoded.error().code() != ErrorCode::kNotFound) {
    STACFS_LOG(logger_, kWarning) << "disk cache: " << decoded.error().ToString();
  }
  Forget(name, generation);
  std::lock_guard lock(mutex_);
  ++misses_;
  if (corrupt) ++corrupt_dropped_;
  return std::nullopt;
}

void DiskCacheFetcher::InsertLocked(const std::string& name, uint64_t bytes, std::vector<std::string>* victims) {
  auto it = index_.find(name);
  if (it != index_.end()) {  // replaced by a newer write of the same key
    bytes_ -= it->second->bytes;
    it->second->bytes = bytes;
    it->second->generation = next_generation_++;
    lru_.splice(lru_.begin(), lru_, it->second);
  } else {
    lru_.push_front(Entry{name, bytes, next_generation_++});
    index_.emplace(name, lru_.begin());
  }
  bytes_ += bytes;
  // The newest entry is never its own victim: Store() only inserts entries within the budget.
  while (bytes_ > budget_bytes_ && lru_.size() > 1) {
    victims->push_back(lru_.back().name);
    bytes_ -= lru_.back().bytes;
    index_.erase(lru_.back().name);
    lru_.pop_back();
    ++evictions_;
  }
}

void DiskCacheFetcher::Store(const std::string& key, const std::string& name, const FetchResponse& response) {
  std::string header = EncodeDiskCacheHeader(key, response);
  uint64_t bytes = header.size() + response.bytes.size();
  if (bytes > budget_bytes_) return;  // larger than the whole cache: pass through
  std::string path = PathOf(name);
  std::string temp = path + std::string(kTempMarker) + "XXXXXX";
  Result<void> written = [&]() -> Result<void> {
    ScopedFd fd(::mkstemp(temp.data()));
    if (fd.get() < 0) return ErrnoError(errno, "create " + temp);
    Result<void> ok = WriteAll(fd.get(), header, response.bytes.view(), temp);
    if (fd.Close() != 0 && ok) ok = ErrnoError(errno, "close " + temp);
    // No fsync: a file torn by a crash fails its length or checksum check and is dropped.
    if (ok && ::rename(temp.c_str(), path.c_str()) != 0) ok = ErrnoError(errno, "rename to " + path);
    if (!ok) ::unlink(temp.c_str());
    return ok;
  }();
  if (!written) {
    STACFS_LOG(logger_, kWarning) << "disk cache: not storing an entry: " << written.error().ToString();
    std::lock_guard lock(mutex_);
    ++write_failures_;
    return;
  }
  std::vector<std::string> victims;
  {
    std::lock_guard lock(mutex_);
    InsertLocked(name, bytes, &victims);
  }
  RemoveFiles(victims);
}

Result<FetchResponse> DiskCacheFetcher::Fetch(const FetchRequest& request) {
  if (!request.range) return inner_->Fetch(request);  // see the header: whole objects pass through
  std::string key = KeyOf(request);
  std::string name = NameOf(key);
  if (std::optional<FetchResponse> hit = Lookup(key, name)) return std::move(*hit);
  Result<FetchResponse> fetched = inner_->Fetch(request);
  if (fetched) Store(key, name, *fetched);
  return fetched;
}

std::vector<Result<FetchResponse>> DiskCacheFetcher::FetchMany(std::span<const FetchRequest> requests) {
  std::vector<Result<FetchResponse>> results(requests.size());
  std::vector<FetchRequest> missing;
  std::vector<size_t> missing_at;
  for (size_t i = 0; i < requests.size(); ++i) {
    std::string key = KeyOf(requests[i]);
    if (!requests[i].range) {
      missing.push_back(requests[i]);
      missing_at.push_back(i);
      continue;
    }
    if (std::optional<FetchResponse> hit = Lookup(key, NameOf(key))) {
      results[i] = std::move(*hit);
    } else {
      missing.push_back(requests[i]);
      missing_at.push_back(i);
    }
  }
  if (missing.empty()) return results;
  std::vector<Result<FetchResponse>> fetched = inner_->FetchMany(missing);
  for (size_t j = 0; j < fetched.size(); ++j) {
    if (fetched[j] && missing[j].range) {
      std::string key = KeyOf(missing[j]);
      Store(key, NameOf(key), *fetched[j]);
    }
    results[missing_at[j]] = std::move(fetched[j]);
  }
  return results;
}

DiskCacheFetcher::Stats DiskCacheFetcher::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{hits_, misses_, evictions_, corrupt_dropped_, write_failures_, bytes_, index_.size()};
}

}  // namespace stacfs
