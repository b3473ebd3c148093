// CurlFetcher against Debian's nginx on 127.0.0.1: exact bytes for ranges and whole objects,
// the error codes of a missing file and of ranges past the end, concurrency, connection reuse,
// and HTTP/2 multiplexing over TLS.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/http/curl_fetcher.h"
#include "tests/support/loopback.h"
#include "tests/support/nginx_server.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace stacfs {
namespace {

using test::NginxServer;
using test::TempDir;

constexpr uint64_t kFileSize = 3 * 1024 * 1024 + 17;  // not a round number on purpose

std::string RandomBytes(uint64_t size, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out(size, '\0');
  for (uint64_t i = 0; i < size; ++i) out[i] = static_cast<char>(rng() & 0xff);
  return out;
}

std::unique_ptr<CurlFetcher> MakeFetcher(CurlFetcher::Options options = {}) {
  options.total_deadline_ms = 30000;
  auto fetcher = CurlFetcher::Create(std::move(options));
  if (!fetcher) ADD_FAILURE() << fetcher.error().ToString();
  return fetcher ? std::move(*fetcher) : nullptr;
}

class NginxFetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (NginxServer::MissingReason()) return;
    auto dir = TempDir::Create("stacfs-http-data");
    if (!dir) {
      setup_error_ = new std::string(dir.error().ToString());
      return;
    }
    dir_ = new TempDir(std::move(*dir));
    contents_ = new std::string(RandomBytes(kFileSize, 20261125));
    Result<std::string> written = dir_->WriteFile("data.bin", *contents_);
    Result<std::string> empty = dir_->WriteFile("empty.bin", "");
    if (!written || !empty) {
      setup_error_ = new std::string("cannot write the test files");
      return;
    }
    auto server = NginxServer::Start(dir_->path());
    if (!server) {
      setup_error_ = new std::string(server.error().ToString());
      return;
    }
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;  // stops nginx before its root goes away
    delete dir_;
    delete contents_;
    delete setup_error_;
    server_ = nullptr, dir_ = nullptr, contents_ = nullptr, setup_error_ = nullptr;
  }
  void SetUp() override {
    STACFS_SKIP_UNLESS_NGINX();
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
    ASSERT_NE(server_, nullptr);
    fetcher_ = MakeFetcher();
    ASSERT_NE(fetcher_, nullptr);
  }

  static std::string Url() { return server_->Url("data.bin"); }
  static std::string Expected(uint64_t offset, uint64_t length) {
    return contents_->substr(offset, length);
  }

  static inline NginxServer* server_ = nullptr;
  static inline TempDir* dir_ = nullptr;
  static inline std::string* contents_ = nullptr;
  static inline std::string* setup_error_ = nullptr;
  std::unique_ptr<CurlFetcher> fetcher_;
};

TEST_F(NginxFetcherTest, RangesReturnExactBytes) {
  const ByteRange ranges[] = {{0, 1},           {0, 4096},        {12345, 67890},
                              {kFileSize - 1, 1}, {kFileSize - 100, 100},
                              {1 << 20, 2 << 20}, {0, kFileSize}};
  for (const ByteRange& range : ranges) {
    Result<FetchResponse> r = fetcher_->Fetch({Url(), range});
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    EXPECT_EQ(r->bytes.size(), range.length) << range.ToString();
    EXPECT_TRUE(r->bytes == Expected(range.offset, range.length)) << range.ToString();
    EXPECT_FALSE(r->etag.empty());
    EXPECT_EQ(r->object_size, kFileSize);
  }
}

TEST_F(NginxFetcherTest, WholeObject) {
  Result<FetchResponse> r = fetcher_->Fetch({Url(), std::nullopt});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->bytes == *contents_);
  EXPECT_EQ(r->object_size, kFileSize);
  EXPECT_FALSE(r->etag.empty());
}

TEST_F(NginxFetcherTest, EmptyObject) {
  Result<FetchResponse> r = fetcher_->Fetch({server_->Url("empty.bin"), std::nullopt});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->bytes.size(), 0u);
  EXPECT_EQ(r->object_size, 0u);
}

TEST_F(NginxFetcherTest, EtagIsStableAcrossRequests) {
  Result<FetchResponse> a = fetcher_->Fetch({Url(), ByteRange{0, 10}});
  Result<FetchResponse> b = fetcher_->Fetch({Url(), ByteRange{100, 10}});
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->etag, b->etag);
}

TEST_F(NginxFetcherTest, RangeStartingPastTheEndIsOutOfRange) {
  FetchRequest request{Url(), ByteRange{kFileSize + 10, 100}};
  Result<FetchResponse> r = fetcher_->Fetch(request);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
  std::string message = r.error().ToString();
  EXPECT_NE(message.find(Url()), std::string::npos) << message;
  EXPECT_NE(message.find(request.range->ToString()), std::string::npos) << message;
  EXPECT_NE(message.find(std::to_string(kFileSize)), std::string::npos) << message;
}

TEST_F(NginxFetcherTest, RangeReachingPastTheEndIsOutOfRangeNotAShortRead) {
  FetchRequest request{Url(), ByteRange{kFileSize - 10, 100}};
  Result<FetchResponse> r = fetcher_->Fetch(request);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange) << r.error().ToString();
  EXPECT_NE(r.error().ToString().find(std::to_string(kFileSize)), std::string::npos);
}

TEST_F(NginxFetcherTest, MissingFileIsNotFound) {
  std::string url = server_->Url("no-such-file.bin");
  Result<FetchResponse> r = fetcher_->Fetch({url, ByteRange{0, 10}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.error().ToString().find(url), std::string::npos) << r.error().ToString();
  EXPECT_EQ(fetcher_->stats().attempts, 1u);  // not retried
}

TEST_F(NginxFetcherTest, FetchManyOfFiftyRangesRunsConcurrentlyAndIsExact) {
  std::mt19937_64 rng(7);
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 50; ++i) {
    uint64_t length = 1 + rng() % (256 * 1024);
    uint64_t offset = rng() % (kFileSize - length);
    requests.push_back({Url(), ByteRange{offset, length}});
  }
  std::vector<Result<FetchResponse>> results = fetcher_->FetchMany(requests);
  ASSERT_EQ(results.size(), requests.size());
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].has_value()) << results[i].error().ToString();
    const ByteRange& range = *requests[i].range;
    EXPECT_TRUE(results[i]->bytes == Expected(range.offset, range.length)) << i;
    EXPECT_EQ(results[i]->object_size, kFileSize);
  }
  CurlFetcherStats stats = fetcher_->stats();
  EXPECT_EQ(stats.succeeded, 50u);
  // Concurrent: more than one connection; bounded: never more than max_connections.
  EXPECT_GT(stats.connections_opened, 1u);
  EXPECT_LE(stats.connections_opened, 16u);
}

TEST_F(NginxFetcherTest, SequentialFetchesReuseOneConnection) {
  for (int i = 0; i < 20; ++i) {
    Result<FetchResponse> r = fetcher_->Fetch({Url(), ByteRange{uint64_t(i) * 1000, 1000}});
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
  }
  EXPECT_EQ(fetcher_->stats().connections_opened, 1u);
}

TEST_F(NginxFetcherTest, ConcurrentCallersShareTheFetcher) {
  std::vector<std::thread> threads;
  std::atomic<int> exact{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        ByteRange range{uint64_t(t) * 100000 + uint64_t(i) * 777, 5000};
        Result<FetchResponse> r = fetcher_->Fetch({Url(), range});
        if (r && r->bytes == Expected(range.offset, range.length)) exact++;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(exact.load(), 80);
}

TEST_F(NginxFetcherTest, InvalidRequestsFailWithoutNetwork) {
  Result<FetchResponse> r = fetcher_->Fetch({"ftp://127.0.0.1/x", ByteRange{0, 1}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  r = fetcher_->Fetch({Url(), ByteRange{0, 0}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(fetcher_->stats().attempts, 0u);
}

TEST(CurlFetcherConnectionTest, RefusedConnectionIsRetriedThenUnavailable) {
  auto port = test::FreeLoopbackPort();  // nothing listens there
  ASSERT_TRUE(port.has_value());
  CurlFetcher::Options options;
  options.max_attempts = 3;
  options.backoff_initial_ms = 10;
  options.backoff_max_ms = 50;
  auto fetcher = CurlFetcher::Create(options);
  ASSERT_TRUE(fetcher.has_value());
  std::string url = "http://127.0.0.1:" + std::to_string(*port) + "/x";
  Result<FetchResponse> r = (*fetcher)->Fetch({url, ByteRange{0, 10}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().ToString().find("gave up after 3 attempts"), std::string::npos)
      << r.error().ToString();
  EXPECT_NE(r.error().ToString().find(url), std::string::npos);
  EXPECT_EQ((*fetcher)->stats().attempts, 3u);
}

// HTTP/2 over TLS: nginx offers h2 by ALPN; all requests of a burst share one connection.
TEST(NginxHttp2Test, FetchManyIsMultiplexedOverOneConnection) {
  STACFS_SKIP_UNLESS_NGINX();
  STACFS_SKIP_UNLESS_EXECUTABLE(test::kOpensslBinary);
  auto dir = TempDir::Create("stacfs-http2");
  ASSERT_TRUE(dir.has_value());
  std::string contents = RandomBytes(1 << 20, 99);
  ASSERT_TRUE(dir->WriteFile("data.bin", contents).has_value());
  auto tls = test::MakeSelfSignedCertificate(*dir);
  ASSERT_TRUE(tls.has_value()) << tls.error().ToString();
  auto server = NginxServer::Start(dir->path(), *tls);
  ASSERT_TRUE(server.has_value()) << server.error().ToString();

  CurlFetcher::Options options;
  options.ca_info_path = tls->certificate_path;
  auto fetcher = MakeFetcher(options);
  ASSERT_NE(fetcher, nullptr);
  std::vector<FetchRequest> requests;
  for (uint64_t i = 0; i < 50; ++i) {
    requests.push_back({(*server)->Url("data.bin"), ByteRange{i * 20000, 20000 + i}});
  }
  std::vector<Result<FetchResponse>> results = fetcher->FetchMany(requests);
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].has_value()) << results[i].error().ToString();
    const ByteRange& range = *requests[i].range;
    EXPECT_TRUE(results[i]->bytes == contents.substr(range.offset, range.length)) << i;
  }
  CurlFetcherStats stats = fetcher->stats();
  EXPECT_EQ(stats.http2_responses, 50u);
  EXPECT_EQ(stats.connections_opened, 1u);
}

TEST(NginxHttp2Test, UntrustedCertificateFailsWithoutRetry) {
  STACFS_SKIP_UNLESS_NGINX();
  STACFS_SKIP_UNLESS_EXECUTABLE(test::kOpensslBinary);
  auto dir = TempDir::Create("stacfs-http2");
  ASSERT_TRUE(dir.has_value());
  ASSERT_TRUE(dir->WriteFile("data.bin", "0123456789").has_value());
  auto tls = test::MakeSelfSignedCertificate(*dir);
  ASSERT_TRUE(tls.has_value()) << tls.error().ToString();
  auto server = NginxServer::Start(dir->path(), *tls);
  ASSERT_TRUE(server.has_value()) << server.error().ToString();
  auto fetcher = MakeFetcher();  // system CAs only: our self-signed certificate is unknown
  ASSERT_NE(fetcher, nullptr);
  Result<FetchResponse> r = fetcher->Fetch({(*server)->Url("data.bin"), ByteRange{0, 4}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(fetcher->stats().attempts, 1u) << r.error().ToString();
}

}  // namespace
}  // namespace stacfs
