// CurlFetcher against tests/servers/fault_server.py: every scripted fault gives the right
// outcome. Transient faults succeed after retries with exact bytes (the attempt count is checked
// on both sides: the fetcher's stats and the server's request counter); permanent ones fail at
// once with the right code and a message naming the URL and the range; nothing hangs and no
// wrong byte is ever returned.
//
// Timing assertions are one-sided on purpose: "waited at least what the server asked" and
// "finished before the deadline plus generous slack" (no hang) — never "took at most N ms".
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/base/log.h"
#include "core/http/curl_fetcher.h"
#include "tests/support/fault_server.h"
#include "tests/support/skip.h"

namespace stacfs {
namespace {

using test::FaultServer;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kObjectSize = 100000;
const ByteRange kRange{1000, 5000};
// Far above anything a test should take; reaching it means something hung.
constexpr auto kNoHangSlack = std::chrono::milliseconds(15000);

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

CurlFetcher::Options TestOptions() {
  CurlFetcher::Options options;
  options.total_deadline_ms = 20000;
  options.max_attempts = 6;
  options.backoff_initial_ms = 10;  // keep retry tests quick
  options.backoff_max_ms = 100;
  options.max_retry_after_ms = 10000;
  options.low_speed_limit_bytes_per_s = 1024;
  options.low_speed_time_s = 2;
  return options;
}

class FaultFetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (FaultServer::MissingReason()) return;
    auto server = FaultServer::Start();
    if (!server) {
      setup_error_ = new std::string(server.error().ToString());
      return;
    }
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete setup_error_;
    server_ = nullptr, setup_error_ = nullptr;
  }
  void SetUp() override {
    STACFS_SKIP_UNLESS_FAULT_SERVER();
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
    ASSERT_NE(server_, nullptr);
  }

  // A fetcher with TestOptions() changed by `adjust`.
  template <class Adjust>
  std::unique_ptr<CurlFetcher> Fetcher(Adjust adjust) {
    CurlFetcher::Options options = TestOptions();
    adjust(options);
    auto fetcher = CurlFetcher::Create(std::move(options));
    if (!fetcher) ADD_FAILURE() << fetcher.error().ToString();
    return fetcher ? std::move(*fetcher) : nullptr;
  }
  std::unique_ptr<CurlFetcher> Fetcher() {
    return Fetcher([](CurlFetcher::Options&) {});
  }

  // URL of the test object with `query` (the fault); the counter key is the test's name, so
  // every test counts its own requests.
  static std::string ObjectUrl(const std::string& query) {
    return server_->Url("/obj/" + std::to_string(kObjectSize) + "?key=" + Key() +
                        (query.empty() ? "" : "&" + query));
  }
  static std::string Key() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }
  static uint64_t ServerCount() {
    Result<uint64_t> n = server_->RequestCount(Key());
    EXPECT_TRUE(n.has_value()) << n.error().ToString();
    return n.value_or(0);
  }

  // The fetch succeeds after exactly `attempts` attempts, with exact bytes.
  void ExpectSuccessAfter(const std::string& query, uint64_t attempts) {
    auto fetcher = Fetcher();
    ASSERT_NE(fetcher, nullptr);
    Result<FetchResponse> r = fetcher->Fetch({ObjectUrl(query), kRange});
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    EXPECT_TRUE(r->bytes == FaultServer::Content(kRange.offset, kRange.length));
    EXPECT_EQ(r->object_size, kObjectSize);
    EXPECT_EQ(fetcher->stats().attempts, attempts);
    EXPECT_EQ(fetcher->stats().retries, attempts - 1);
    EXPECT_EQ(ServerCount(), attempts);
  }

  // The fetch fails with `code` after `attempts` attempts; the message names URL and range.
  Error ExpectFailure(CurlFetcher& fetcher, const std::string& url, ErrorCode code,
                      uint64_t attempts) {
    Result<FetchResponse> r = fetcher.Fetch({url, kRange});
    EXPECT_FALSE(r.has_value()) << "got " << r->bytes.size() << " bytes";
    if (r.has_value()) return Internal("unexpected success");
    std::string message = r.error().ToString();
    EXPECT_EQ(r.error().code(), code) << message;
    EXPECT_NE(message.find(url), std::string::npos) << message;
    EXPECT_NE(message.find(kRange.ToString()), std::string::npos) << message;
    EXPECT_EQ(fetcher.stats().attempts, attempts) << message;
    return r.error();
  }

  static inline FaultServer* server_ = nullptr;
  static inline std::string* setup_error_ = nullptr;
};

TEST_F(FaultFetcherTest, NoFaultGivesExactBytesAndEtag) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  Result<FetchResponse> r = fetcher->Fetch({ObjectUrl(""), kRange});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->bytes == FaultServer::Content(kRange.offset, kRange.length));
  EXPECT_EQ(r->etag, "\"obj-100000\"");
  EXPECT_EQ(r->object_size, kObjectSize);
}

TEST_F(FaultFetcherTest, WholeObjectFrom200) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  Result<FetchResponse> r = fetcher->Fetch({ObjectUrl(""), std::nullopt});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->bytes == FaultServer::Content(0, kObjectSize));
  EXPECT_EQ(r->object_size, kObjectSize);
}

TEST_F(FaultFetcherTest, Status500ThenSuccess) { ExpectSuccessAfter("fault=500&times=2", 3); }
TEST_F(FaultFetcherTest, Status503ThenSuccess) { ExpectSuccessAfter("fault=503&times=2", 3); }
TEST_F(FaultFetcherTest, Status429ThenSuccess) { ExpectSuccessAfter("fault=429&times=1", 2); }
TEST_F(FaultFetcherTest, Status408ThenSuccess) { ExpectSuccessAfter("fault=408&times=1", 2); }
TEST_F(FaultFetcherTest, Status504ThenSuccess) { ExpectSuccessAfter("fault=504&times=1", 2); }
TEST_F(FaultFetcherTest, HtmlBadGatewayThenSuccess) {
  ExpectSuccessAfter("fault=html502&times=3", 4);
}
TEST_F(FaultFetcherTest, ShortBodyThenSuccess) { ExpectSuccessAfter("fault=short&times=2", 3); }
TEST_F(FaultFetcherTest, ConsistentShortBodyThenSuccess) {
  ExpectSuccessAfter("fault=short_cl&times=1", 2);
}
TEST_F(FaultFetcherTest, ResetMidBodyThenSuccess) { ExpectSuccessAfter("fault=reset&times=2", 3); }
TEST_F(FaultFetcherTest, StallBeforeHeadersIsAbortedAndRetried) {
  ExpectSuccessAfter("fault=stall_before&secs=8&times=1", 2);
}
TEST_F(FaultFetcherTest, StallDuringBodyIsAbortedAndRetried) {
  ExpectSuccessAfter("fault=stall_body&secs=8&times=1", 2);
}

TEST_F(FaultFetcherTest, RetriesAreLogged) {
  auto sink = std::make_shared<MemoryLogSink>();
  auto fetcher = Fetcher([&](CurlFetcher::Options& o) { o.logger = Logger(sink, LogLevel::kInfo); });
  ASSERT_NE(fetcher, nullptr);
  ASSERT_TRUE(fetcher->Fetch({ObjectUrl("fault=503&times=1"), kRange}).has_value());
  bool logged = false;
  for (const MemoryLogSink::Entry& e : sink->entries()) {
    if (e.component == "http" && e.message.find("attempt 1 of 6 failed (HTTP 503") != std::string::npos) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(FaultFetcherTest, PersistentServerErrorGivesUpAfterMaxAttempts) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) { o.max_attempts = 3; });
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=503"), ErrorCode::kUnavailable, 3);
  EXPECT_NE(e.message().find("gave up after 3 attempts"), std::string::npos) << e.ToString();
  EXPECT_NE(e.message().find("HTTP 503"), std::string::npos) << e.ToString();
  EXPECT_EQ(ServerCount(), 3u);
}

TEST_F(FaultFetcherTest, PersistentShortBodyIsCorruptNeverZeroFilled) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) { o.max_attempts = 2; });
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=short_cl"), ErrorCode::kCorrupt, 2);
  EXPECT_NE(e.message().find("short body: got 2500 of 5000 bytes"), std::string::npos)
      << e.ToString();
}

TEST_F(FaultFetcherTest, HtmlErrorPageAppearsInTheMessage) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) { o.max_attempts = 1; });
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=html502"), ErrorCode::kUnavailable, 1);
  EXPECT_NE(e.message().find("502 Bad Gateway"), std::string::npos) << e.ToString();
}

TEST_F(FaultFetcherTest, RetryAfterSecondsIsWaitedFor) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  Result<FetchResponse> r = fetcher->Fetch({ObjectUrl("fault=503&times=1&retry_after=2"), kRange});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_GE(MillisSince(start), 2000);
  EXPECT_TRUE(r->bytes == FaultServer::Content(kRange.offset, kRange.length));
  EXPECT_EQ(ServerCount(), 2u);
}

TEST_F(FaultFetcherTest, RetryAfterHttpDateIsWaitedFor) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  Result<FetchResponse> r =
      fetcher->Fetch({ObjectUrl("fault=429&times=1&retry_after_date=3"), kRange});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  // An HTTP-date has whole seconds: "3 s from now" is at least 2 s away.
  EXPECT_GE(MillisSince(start), 2000);
  EXPECT_EQ(ServerCount(), 2u);
}

TEST_F(FaultFetcherTest, RetryAfterIsCappedByMaxRetryAfter) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) { o.max_retry_after_ms = 300; });
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  Result<FetchResponse> r =
      fetcher->Fetch({ObjectUrl("fault=503&times=1&retry_after=3600"), kRange});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_LT(MillisSince(start), 20000 + kNoHangSlack.count());  // did not wait an hour
}

TEST_F(FaultFetcherTest, RetryAfterPastTheDeadlineFailsAtOnce) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) {
    o.total_deadline_ms = 5000;
    o.max_retry_after_ms = 60000;
  });
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=503&retry_after=30"),
                          ErrorCode::kUnavailable, 1);
  EXPECT_NE(e.message().find("server asked to retry after 30000 ms"), std::string::npos)
      << e.ToString();
  EXPECT_NE(e.message().find("past the deadline of 5000 ms"), std::string::npos) << e.ToString();
  EXPECT_LT(MillisSince(start), 5000);  // it did not sit out the deadline
}

TEST_F(FaultFetcherTest, StallPastTheDeadlineTimesOut) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) { o.total_deadline_ms = 3000; });
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  // Every attempt stalls before sending anything: the 2 s stall detector aborts the first,
  // the deadline cuts the second short.
  Result<FetchResponse> r = fetcher->Fetch({ObjectUrl("fault=stall_before&secs=30"), kRange});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout) << r.error().ToString();
  EXPECT_NE(r.error().message().find("deadline of 3000 ms exceeded after 2 attempts"),
            std::string::npos)
      << r.error().ToString();
  EXPECT_NE(r.error().message().find("last error:"), std::string::npos);
  EXPECT_NE(r.error().ToString().find(kRange.ToString()), std::string::npos);
  int64_t elapsed = MillisSince(start);
  EXPECT_GE(elapsed, 2900);
  EXPECT_LT(elapsed, 3000 + kNoHangSlack.count());
}

TEST_F(FaultFetcherTest, StallWithoutStallDetectionStillEndsAtTheDeadline) {
  auto fetcher = Fetcher([](CurlFetcher::Options& o) {
    o.total_deadline_ms = 3000;
    o.low_speed_limit_bytes_per_s = 0;
  });
  ASSERT_NE(fetcher, nullptr);
  auto start = Clock::now();
  // Half the body arrives, then nothing: only the deadline can end this.
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=stall_body&secs=30"), ErrorCode::kTimeout, 1);
  EXPECT_NE(e.message().find("deadline of 3000 ms exceeded after 1 attempt "), std::string::npos)
      << e.ToString();
  EXPECT_LT(MillisSince(start), 3000 + kNoHangSlack.count());
}

TEST_F(FaultFetcherTest, WrongContentRangeFailsWithoutRetry) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=wrong_range"), ErrorCode::kCorrupt, 1);
  EXPECT_NE(e.message().find("server sent bytes 1001-6000/100000 for requested bytes=1000-5999"),
            std::string::npos)
      << e.ToString();
  EXPECT_EQ(ServerCount(), 1u);
}

TEST_F(FaultFetcherTest, Status200ToARangeRequestFails) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=ignore_range"), ErrorCode::kUnsupported, 1);
  EXPECT_NE(e.message().find("ignored the Range header"), std::string::npos) << e.ToString();
  EXPECT_EQ(fetcher->stats().bytes_received, 0u);
}

TEST_F(FaultFetcherTest, BodyLongerThanTheRangeIsCorrupt) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  Error e = ExpectFailure(*fetcher, ObjectUrl("fault=long"), ErrorCode::kCorrupt, 1);
  EXPECT_NE(e.message().find("longer than requested"), std::string::npos) << e.ToString();
}

TEST_F(FaultFetcherTest, NotFoundIsFinal) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  ExpectFailure(*fetcher, ObjectUrl("fault=404"), ErrorCode::kNotFound, 1);
  EXPECT_EQ(ServerCount(), 1u);
}

TEST_F(FaultFetcherTest, ForbiddenAndUnauthorizedArePermissionDenied) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  ExpectFailure(*fetcher, ObjectUrl("fault=403"), ErrorCode::kPermissionDenied, 1);
  auto fetcher2 = Fetcher();
  ASSERT_NE(fetcher2, nullptr);
  ExpectFailure(*fetcher2, ObjectUrl("fault=401"), ErrorCode::kPermissionDenied, 1);
}

TEST_F(FaultFetcherTest, RangePastTheEndIsOutOfRangeWithTheSize) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  std::string url = ObjectUrl("");
  Result<FetchResponse> r = fetcher->Fetch({url, ByteRange{kObjectSize, 10}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kOutOfRange);
  EXPECT_NE(r.error().ToString().find("the object is 100000 bytes"), std::string::npos)
      << r.error().ToString();
  EXPECT_NE(r.error().ToString().find(url), std::string::npos);
}

TEST_F(FaultFetcherTest, ChangingEtagIsReportedPerResponse) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  std::string url = ObjectUrl("fault=etag_change");
  Result<FetchResponse> a = fetcher->Fetch({url, kRange});
  Result<FetchResponse> b = fetcher->Fetch({url, kRange});
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_NE(a->etag, b->etag);  // the caller (which pins ETags) can tell the object changed
  EXPECT_TRUE(a->bytes == FaultServer::Content(kRange.offset, kRange.length));
}

TEST_F(FaultFetcherTest, FetchManyMixesOutcomesInRequestOrder) {
  auto fetcher = Fetcher();
  ASSERT_NE(fetcher, nullptr);
  std::string base = server_->Url("/obj/" + std::to_string(kObjectSize));
  std::vector<FetchRequest> requests = {
      {base + "/a?key=mix_a", kRange},
      {base + "/b?key=mix_b&fault=503&times=2", kRange},
      {base + "/c?key=mix_c&fault=404", kRange},
      {base + "/d?key=mix_d&fault=reset&times=1", ByteRange{0, 20000}},
      {base + "/e?key=mix_e&fault=wrong_range", kRange},
  };
  auto start = Clock::now();
  std::vector<Result<FetchResponse>> results = fetcher->FetchMany(requests);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].has_value() &&
              results[0]->bytes == FaultServer::Content(kRange.offset, kRange.length));
  EXPECT_TRUE(results[1].has_value() &&
              results[1]->bytes == FaultServer::Content(kRange.offset, kRange.length));
  ASSERT_FALSE(results[2].has_value());
  EXPECT_EQ(results[2].error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(results[3].has_value() && results[3]->bytes == FaultServer::Content(0, 20000));
  ASSERT_FALSE(results[4].has_value());
  EXPECT_EQ(results[4].error().code(), ErrorCode::kCorrupt);
  EXPECT_LT(MillisSince(start), 20000 + kNoHangSlack.count());
}

}  // namespace
}  // namespace stacfs
