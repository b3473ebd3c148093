// CurlFetcher without a network: option checks, both ways of constructing it, and requests that
// are refused before anything is sent. Behaviour against real servers is tested in
// tests/integration/http_fetcher_test.cc.
#include "core/http/curl_fetcher.h"

#include <gtest/gtest.h>

namespace stacfs {
namespace {

TEST(CurlFetcherTest, CreateRejectsNonsensicalOptions) {
  CurlFetcher::Options options;
  options.max_attempts = 0;
  auto fetcher = CurlFetcher::Create(options);
  ASSERT_FALSE(fetcher.has_value());
  EXPECT_EQ(fetcher.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(fetcher.error().ToString().find("max_attempts"), std::string::npos);

  options = {};
  options.backoff_initial_ms = 10;
  options.backoff_max_ms = 5;
  EXPECT_FALSE(CurlFetcher::Create(options).has_value());
}

TEST(CurlFetcherTest, ConstructorReportsBadOptionsOnEveryFetch) {
  CurlFetcher::Options options;
  options.total_deadline_ms = 0;
  CurlFetcher fetcher(options);
  Result<FetchResponse> r = fetcher.Fetch({"http://127.0.0.1:9/x", ByteRange{0, 1}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().ToString().find("http://127.0.0.1:9/x [0, +1)"), std::string::npos)
      << r.error().ToString();
  EXPECT_EQ(fetcher.stats().attempts, 0u);
}

TEST(CurlFetcherTest, RefusesRequestsItCannotSend) {
  auto fetcher = CurlFetcher::Create({});
  ASSERT_TRUE(fetcher.has_value()) << fetcher.error().ToString();
  std::vector<FetchRequest> requests = {
      {"file:///etc/passwd", std::nullopt},
      {"/etc/passwd", ByteRange{0, 10}},
      {"http://127.0.0.1:9/x", ByteRange{0, 0}},
      {"http://127.0.0.1:9/x", ByteRange{UINT64_MAX - 1, 10}},
  };
  std::vector<Result<FetchResponse>> results = (*fetcher)->FetchMany(requests);
  ASSERT_EQ(results.size(), requests.size());
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_FALSE(results[i].has_value()) << i;
    EXPECT_EQ(results[i].error().code(), ErrorCode::kInvalidArgument) << i;
    EXPECT_NE(results[i].error().ToString().find(requests[i].url), std::string::npos);
  }
  EXPECT_EQ((*fetcher)->stats().attempts, 0u);
  EXPECT_TRUE((*fetcher)->FetchMany({}).empty());
}

TEST(CurlFetcherTest, ManyFetchersStartAndStopCleanly) {
  for (int i = 0; i < 20; ++i) {
    auto fetcher = CurlFetcher::Create({});
    ASSERT_TRUE(fetcher.has_value());
  }
}

}  // namespace
}  // namespace stacfs
