#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/file_util.h"
#include "core/fetch/file_fetcher.h"
#include "core/fetch/memory_cache_fetcher.h"
#include "core/fetch/single_flight_fetcher.h"

namespace stacfs {
namespace {

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + 7) % 251);
  return s;
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    char name[] = "/tmp/stacfs-fetch-test-XXXXXX";
    int fd = mkstemp(name);
    close(fd);
    path_ = name;
    EXPECT_TRUE(WriteFileAtomically(path_, contents));
  }
  ~TempFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(FileFetcherTest, RangesWholeFilesAndErrors) {
  std::string data = Pattern(10000);
  TempFile file(data);
  FileFetcher fetcher;
  auto range = fetcher.Fetch({file.path(), ByteRange{100, 50}});
  ASSERT_TRUE(range.has_value()) << range.error().ToString();
  EXPECT_EQ(range->bytes.view(), data.substr(100, 50));
  EXPECT_EQ(range->object_size, 10000u);
  EXPECT_FALSE(range->etag.empty());
  auto whole = fetcher.Fetch({"file://" + file.path(), std::nullopt});
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->bytes.view(), data);
  auto tail = fetcher.Fetch({file.path(), ByteRange{9990, 10}});
  EXPECT_EQ(tail->bytes.view(), data.substr(9990));

  auto past = fetcher.Fetch({file.path(), ByteRange{9990, 11}});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().code(), ErrorCode::kOutOfRange);
  EXPECT_NE(past.error().message().find(file.path()), std::string::npos);
  EXPECT_EQ(fetcher.Fetch({"/nonexistent/x.nc", ByteRange{0, 1}}).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(fetcher.Fetch({"/tmp", std::nullopt}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fetcher.Fetch({"http://h/x", std::nullopt}));
}

// Counts calls and can hold them until released, to make concurrency observable.
class CountingFetcher final : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& request) override {
    ++calls;
    while (hold.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (request.url == "fail") return Unavailable("boom");
    FetchResponse r;
    r.bytes = SharedBytes(std::string(request.range ? request.range->length : 4, 'x'));
    return r;
  }
  std::atomic<int> calls{0};
  std::atomic<bool> hold{false};
};

TEST(MemoryCacheFetcherTest, HitsMissesAndBudget) {
  auto inner = std::make_shared<CountingFetcher>();
  MemoryCacheFetcher cache(inner, 3000);  // room for two 1000-byte entries with overhead
  FetchRequest a{"u", ByteRange{0, 1000}}, b{"u", ByteRange{1000, 1000}}, c{"v", ByteRange{0, 1000}};
  ASSERT_TRUE(cache.Fetch(a));
  ASSERT_TRUE(cache.Fetch(a));
  EXPECT_EQ(inner->calls, 1);
  ASSERT_TRUE(cache.Fetch(b));
  ASSERT_TRUE(cache.Fetch(a));  // a becomes most recent
  ASSERT_TRUE(cache.Fetch(c));  // evicts b
  EXPECT_LE(cache.stats().bytes, 3000u);
  int before = inner->calls;
  ASSERT_TRUE(cache.Fetch(a));
  EXPECT_EQ(inner->calls, before);
  ASSERT_TRUE(cache.Fetch(b));
  EXPECT_EQ(inner->calls, before + 1);
  auto stats = cache.stats();
  EXPECT_EQ(stats.hits, 3u);
  EXPECT_GE(stats.evictions, 1u);
  // Errors are not cached.
  EXPECT_FALSE(cache.Fetch({"fail", std::nullopt}));
  EXPECT_FALSE(cache.Fetch({"fail", std::nullopt}));
  EXPECT_EQ(inner->calls, before + 3);
}

TEST(MemoryCacheFetcherTest, FetchManyServesHitsAndForwardsMisses) {
  auto inner = std::make_shared<CountingFetcher>();
  MemoryCacheFetcher cache(inner, 1 << 20);
  ASSERT_TRUE(cache.Fetch({"u", ByteRange{0, 10}}));
  std::vector<FetchRequest> batch = {{"u", ByteRange{0, 10}}, {"u", ByteRange{10, 5}}, {"fail", {}}};
  auto results = cache.FetchMany(batch);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]->bytes.size(), 10u);
  EXPECT_EQ(results[1]->bytes.size(), 5u);
  EXPECT_FALSE(results[2]);
  EXPECT_EQ(inner->calls, 3);
}

TEST(SingleFlightFetcherTest, ConcurrentIdenticalRequestsShareOneFetch) {
  auto inner = std::make_shared<CountingFetcher>();
  SingleFlightFetcher fetcher(inner);
  inner->hold = true;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (auto r = fetcher.Fetch({"u", ByteRange{0, 100}}); r && r->bytes.size() == 100) ++ok;
    });
  }
  // Wait until the leader is inside the inner fetch and the others have joined.
  for (int i = 0; i < 2000 && (inner->calls < 1 || fetcher.shared_count() < 7); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  inner->hold = false;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(inner->calls, 1);
  EXPECT_EQ(fetcher.shared_count(), 7u);
  // Once landed, a flight is forgotten: the next request fetches again.
  ASSERT_TRUE(fetcher.Fetch({"u", ByteRange{0, 100}}));
  EXPECT_EQ(inner->calls, 2);
}

TEST(SingleFlightFetcherTest, ErrorsAreSharedToo) {
  auto inner = std::make_shared<CountingFetcher>();
  SingleFlightFetcher fetcher(inner);
  std::vector<FetchRequest> batch = {{"fail", {}}, {"fail", {}}, {"u", ByteRange{0, 3}}};
  auto results = fetcher.FetchMany(batch);
  EXPECT_FALSE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().message(), "boom");
  EXPECT_TRUE(results[2]);
  EXPECT_EQ(inner->calls, 2);
}

}  // namespace
}  // namespace stacfs
