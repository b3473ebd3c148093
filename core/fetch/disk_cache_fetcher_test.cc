#include "core/fetch/disk_cache_fetcher.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/file_util.h"

namespace stacfs {
namespace {

// Bytes that depend on the URL and the range, so that a mixed-up entry shows.
std::string BytesFor(const FetchRequest& request) {
  uint64_t offset = request.range ? request.range->offset : 0;
  uint64_t length = request.range ? request.range->length : 1000;
  std::string s(length, '\0');
  size_t seed = std::hash<std::string>()(request.url);
  for (uint64_t i = 0; i < length; ++i) s[i] = static_cast<char>((seed + (offset + i) * 131) % 251);
  return s;
}

class FakeFetcher final : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& request) override {
    ++calls;
    if (request.url.find("fail") != std::string::npos) return Unavailable("fake failure of " + request.url);
    FetchResponse response;
    response.bytes = SharedBytes(BytesFor(request));
    response.etag = "\"etag-" + request.url + "\"";
    response.object_size = 1u << 20;
    return response;
  }
  std::atomic<int> calls{0};
};

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/stacfs-disk-cache-test-XXXXXX";
    path_ = mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::unique_ptr<DiskCacheFetcher> OpenCache(std::shared_ptr<Fetcher> inner, const std::string& dir,
                                            uint64_t budget = uint64_t{64} << 20) {
  auto cache = DiskCacheFetcher::Open(std::move(inner), dir, budget, Logger());
  EXPECT_TRUE(cache) << cache.error().ToString();
  return cache ? std::move(*cache) : nullptr;
}

void ExpectRight(const Result<FetchResponse>& got, const FetchRequest& request) {
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_TRUE(got->bytes == BytesFor(request)) << request.ToString();
  EXPECT_EQ(got->etag, "\"etag-" + request.url + "\"");
  EXPECT_EQ(got->object_size, 1u << 20);
}

TEST(DiskCacheFetcherTest, RoundTripRangesWholeObjectsPassThrough) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  auto cache = OpenCache(inner, dir.path() + "/cache");
  struct stat st {};
  ASSERT_EQ(stat((dir.path() + "/cache").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  FetchRequest ranged{"http://h/a.nc", ByteRange{100, 5000}};
  FetchRequest whole{"http://h/a.nc", std::nullopt};
  FetchRequest other{"http://h/a.nc", ByteRange{100, 5001}};
  for (int round = 0; round < 2; ++round) {
    ExpectRight(cache->Fetch(ranged), ranged);
    ExpectRight(cache->Fetch(whole), whole);
    ExpectRight(cache->Fetch(other), other);
  }
  EXPECT_EQ(inner->calls, 4);  // the whole object twice: never cached
  DiskCacheFetcher::Stats s = cache->stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.entries, 2u);
  EXPECT_GT(s.bytes, 10001u);

  std::vector<FetchRequest> many{ranged, {"http://h/b.nc", ByteRange{0, 10}}, whole};
  std::vector<Result<FetchResponse>> got = cache->FetchMany(many);
  ASSERT_EQ(got.size(), 3u);
  for (size_t i = 0; i < many.size(); ++i) ExpectRight(got[i], many[i]);
  EXPECT_EQ(inner->calls, 6);  // b.nc's range (a miss) and the whole object
}

TEST(DiskCacheFetcherTest, EntriesPersistAcrossInstances) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 10; ++i) requests.push_back({"file:///d/x" + std::to_string(i), ByteRange{uint64_t(i), 4096}});
  uint64_t bytes = 0;
  {
    auto cache = OpenCache(inner, dir.path());
    for (const auto& r : requests) ExpectRight(cache->Fetch(r), r);
    bytes = cache->stats().bytes;
  }
  auto cache = OpenCache(inner, dir.path());
  EXPECT_EQ(cache->stats().entries, 10u);
  EXPECT_EQ(cache->stats().bytes, bytes);
  for (const auto& r : requests) ExpectRight(cache->Fetch(r), r);
  EXPECT_EQ(inner->calls, 10);
  EXPECT_EQ(cache->stats().hits, 10u);
}

TEST(DiskCacheFetcherTest, CorruptOrTruncatedEntriesAreDroppedAndRefetched) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  auto cache = OpenCache(inner, dir.path());
  FetchRequest request{"http://h/c.nc", ByteRange{0, 8192}};
  ExpectRight(cache->Fetch(request), request);
  std::string path = cache->EntryPath(request);
  std::string good;
  ASSERT_TRUE(ReadFile(path).has_value());
  good = *ReadFile(path);

  // A flipped byte anywhere — header, key, etag, payload — must never come back as data.
  std::vector<size_t> positions{0, 9, 13, 25, 33, 41, 50, good.size() - 8192 - 3, good.size() - 100, good.size() - 1};
  int expected_calls = 1;
  for (size_t at : positions) {
    SCOPED_TRACE("flipped byte " + std::to_string(at));
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    ASSERT_TRUE(WriteFileAtomically(path, bad));
    ExpectRight(cache->Fetch(request), request);
    EXPECT_EQ(inner->calls, ++expected_calls);
  }
  for (size_t keep : {size_t{0}, size_t{20}, size_t{60}, good.size() - 1}) {
    SCOPED_TRACE("truncated to " + std::to_string(keep));
    ASSERT_TRUE(WriteFileAtomically(path, good.substr(0, keep)));
    ExpectRight(cache->Fetch(request), request);
    EXPECT_EQ(inner->calls, ++expected_calls);
  }
  // A deleted file is a plain miss.
  ASSERT_EQ(unlink(path.c_str()), 0);
  ExpectRight(cache->Fetch(request), request);
  EXPECT_EQ(inner->calls, ++expected_calls);
  EXPECT_EQ(cache->stats().corrupt_dropped, positions.size() + 4);
  EXPECT_EQ(cache->stats().entries, 1u);
  // And the refetched entry is good again.
  ExpectRight(cache->Fetch(request), request);
  EXPECT_EQ(inner->calls, expected_calls);

  // An entry moved under another key's name (a "collision") is detected by the stored key.
  FetchRequest other{"http://h/d.nc", ByteRange{0, 8192}};
  ExpectRight(cache->Fetch(other), other);
  ASSERT_EQ(rename(path.c_str(), cache->EntryPath(other).c_str()), 0);
  ExpectRight(cache->Fetch(other), other);
  EXPECT_EQ(inner->calls, expected_calls + 2);
}

TEST(DiskCacheFetcherTest, BudgetEvictsLeastRecentlyUsedAlsoAfterReopen) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  auto request = [](int i) { return FetchRequest{"http://h/e" + std::to_string(i), ByteRange{0, 10000}}; };
  // About 10 KiB per entry: a budget of 35000 holds three.
  auto cache = OpenCache(inner, dir.path(), 35000);
  for (int i = 0; i < 3; ++i) ExpectRight(cache->Fetch(request(i)), request(i));
  ExpectRight(cache->Fetch(request(0)), request(0));  // 0 is now the most recent; 1 the least
  ExpectRight(cache->Fetch(request(3)), request(3));  // evicts 1
  EXPECT_EQ(cache->stats().evictions, 1u);
  EXPECT_EQ(cache->stats().entries, 3u);
  EXPECT_LE(cache->stats().bytes, 35000u);
  EXPECT_FALSE(std::filesystem::exists(cache->EntryPath(request(1))));
  int calls = inner->calls;
  for (int i : {0, 2, 3}) {
    // File times are as coarse as the kernel's clock tick: space the uses apart.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ExpectRight(cache->Fetch(request(i)), request(i));
  }
  EXPECT_EQ(inner->calls, calls);

  // Larger than the whole budget: served, not stored.
  FetchRequest huge{"http://h/huge", ByteRange{0, 40000}};
  ExpectRight(cache->Fetch(huge), huge);
  EXPECT_FALSE(std::filesystem::exists(cache->EntryPath(huge)));
  cache.reset();

  // Reopened with a smaller budget: the index is rebuilt from the files, the least recently
  // used (by mtime, which hits refresh) go first. Order of use was 0, 2, 3.
  auto smaller = OpenCache(inner, dir.path(), 25000);
  EXPECT_EQ(smaller->stats().entries, 2u);
  EXPECT_LE(smaller->stats().bytes, 25000u);
  EXPECT_FALSE(std::filesystem::exists(smaller->EntryPath(request(0))));
  EXPECT_TRUE(std::filesystem::exists(smaller->EntryPath(request(2))));
  EXPECT_TRUE(std::filesystem::exists(smaller->EntryPath(request(3))));
}

TEST(DiskCacheFetcherTest, ErrorsAreNotCached) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  auto cache = OpenCache(inner, dir.path());
  FetchRequest failing{"http://h/fail", ByteRange{0, 10}};
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(cache->Fetch(failing));
  EXPECT_EQ(inner->calls, 3);
  EXPECT_EQ(cache->stats().entries, 0u);
  EXPECT_FALSE(std::filesystem::exists(cache->EntryPath(failing)));
  std::vector<FetchRequest> many{failing, {"http://h/ok", ByteRange{0, 10}}};
  std::vector<Result<FetchResponse>> got = cache->FetchMany(many);
  EXPECT_FALSE(got[0]);
  ExpectRight(got[1], many[1]);
  EXPECT_EQ(cache->stats().entries, 1u);
}

TEST(DiskCacheFetcherTest, UnusableDirectoriesAreRefusedClearly) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  std::string file = dir.path() + "/plain";
  ASSERT_TRUE(WriteFileAtomically(file, "x"));
  auto not_dir = DiskCacheFetcher::Open(inner, file, 1000, Logger());
  ASSERT_FALSE(not_dir);
  EXPECT_NE(not_dir.error().ToString().find(file), std::string::npos) << not_dir.error().ToString();
  auto under_file = DiskCacheFetcher::Open(inner, file + "/cache", 1000, Logger());
  EXPECT_FALSE(under_file);
  if (geteuid() != 0) {  // root writes anywhere
    std::string locked = dir.path() + "/locked";
    ASSERT_EQ(mkdir(locked.c_str(), 0500), 0);
    auto refused = DiskCacheFetcher::Open(inner, locked, 1000, Logger());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().ToString().find("not usable"), std::string::npos) << refused.error().ToString();
  }
  // Nested directories that do not exist yet are created.
  EXPECT_TRUE(DiskCacheFetcher::Open(inner, dir.path() + "/a/b/c", 1000, Logger()));
}

TEST(DiskCacheFetcherTest, ConcurrentFetchesOfManyKeys) {
  TempDir dir;
  auto inner = std::make_shared<FakeFetcher>();
  // A budget below the working set: eviction runs concurrently with hits and writes.
  auto cache = OpenCache(inner, dir.path(), 200 * 3000);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 400; ++i) {
        int k = (i * 7 + t * 13) % 300;
        FetchRequest r{"http://h/k" + std::to_string(k), ByteRange{uint64_t(k), 2000 + uint64_t(k)}};
        Result<FetchResponse> got = cache->Fetch(r);
        if (!got || !(got->bytes == BytesFor(r))) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, 0);
  DiskCacheFetcher::Stats s = cache->stats();
  EXPECT_EQ(s.hits + s.misses, 8u * 400u);
  EXPECT_GT(s.hits, 0u);
  EXPECT_LE(s.bytes, 200u * 3000u);
  EXPECT_EQ(s.corrupt_dropped, 0u);
  // The files on disk are the index: nothing leaked, no temporary left.
  size_t files = 0;
  uint64_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    bytes += e.file_size();
    EXPECT_EQ(e.path().extension(), ".entry") << e.path();
  }
  EXPECT_EQ(files, s.entries);
  EXPECT_EQ(bytes, s.bytes);
}

}  // namespace
}  // namespace stacfs
