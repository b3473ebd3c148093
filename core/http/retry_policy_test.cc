#include "core/http/retry_policy.h"

#include <gtest/gtest.h>

#include <random>

namespace stacfs::http {
namespace {

RetryPolicy Policy() {
  RetryPolicy p;
  p.max_attempts = 6;
  p.backoff_initial_ms = 100;
  p.backoff_max_ms = 1000;
  p.max_retry_after_ms = 5000;
  return p;
}

TEST(RetryPolicyTest, CeilingDoublesUpToTheMaximum) {
  RetryPolicy p = Policy();
  EXPECT_EQ(p.BackoffCeilingMs(1), 100u);
  EXPECT_EQ(p.BackoffCeilingMs(2), 200u);
  EXPECT_EQ(p.BackoffCeilingMs(3), 400u);
  EXPECT_EQ(p.BackoffCeilingMs(4), 800u);
  EXPECT_EQ(p.BackoffCeilingMs(5), 1000u);
  EXPECT_EQ(p.BackoffCeilingMs(1000), 1000u);  // no overflow however many failures
}

TEST(RetryPolicyTest, FullJitterStaysWithinZeroAndTheCeiling) {
  RetryPolicy p = Policy();
  EXPECT_EQ(p.BackoffDelayMs(3, 0.0), 0u);
  EXPECT_EQ(p.BackoffDelayMs(3, 0.5), 200u);
  EXPECT_EQ(p.BackoffDelayMs(3, 0.9999999999), 400u);
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  uint64_t largest = 0;
  for (int i = 0; i < 10000; ++i) {
    int failures = 1 + i % 8;
    uint64_t delay = p.BackoffDelayMs(failures, unit(rng));
    EXPECT_LE(delay, p.BackoffCeilingMs(failures));
    largest = delay > largest ? delay : largest;
  }
  EXPECT_GT(largest, 900u);  // the jitter really spans the range
}

TEST(RetryPolicyTest, OutOfRangeRandomnessIsClamped) {
  RetryPolicy p = Policy();
  EXPECT_EQ(p.BackoffDelayMs(1, -1.0), 0u);
  EXPECT_LE(p.BackoffDelayMs(1, 1.0), 100u);
  EXPECT_LE(p.BackoffDelayMs(1, 7.0), 100u);
}

TEST(RetryPolicyTest, RetryAfterIsCapped) {
  RetryPolicy p = Policy();
  EXPECT_EQ(p.CapRetryAfterMs(2000), 2000u);
  EXPECT_EQ(p.CapRetryAfterMs(60000), 5000u);
}

TEST(RetryPolicyTest, RetryableStatuses) {
  for (long status : {408L, 429L, 500L, 502L, 503L, 504L}) {
    EXPECT_TRUE(IsRetryableHttpStatus(status)) << status;
  }
  for (long status : {200L, 206L, 301L, 400L, 401L, 403L, 404L, 410L, 416L, 501L, 505L}) {
    EXPECT_FALSE(IsRetryableHttpStatus(status)) << status;
  }
}

}  // namespace
}  // namespace stacfs::http
