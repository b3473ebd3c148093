#include "core/http/retry_after.h"

#include <gtest/gtest.h>

namespace stacfs::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::system_clock;

// 1994-11-06T08:49:37Z, the RFC's example date.
constexpr int64_t kRfcExampleEpoch = 784111777;

system_clock::time_point At(int64_t epoch_seconds) {
  return system_clock::time_point(seconds(epoch_seconds));
}

TEST(RetryAfterTest, DeltaSeconds) {
  EXPECT_EQ(ParseRetryAfter("0", At(0)), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("2", At(0)), milliseconds(2000));
  EXPECT_EQ(ParseRetryAfter("120", At(0)), milliseconds(120000));
}

TEST(RetryAfterTest, HugeDeltaIsClampedNotRejected) {
  EXPECT_EQ(ParseRetryAfter("99999999999999999999999", At(0)), milliseconds(86400000));
  EXPECT_EQ(ParseRetryAfter("1000000", At(0)), milliseconds(86400000));
}

TEST(RetryAfterTest, AllThreeHttpDateForms) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kRfcExampleEpoch);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kRfcExampleEpoch);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), kRfcExampleEpoch);
  EXPECT_EQ(ParseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  EXPECT_EQ(ParseHttpDate("Tue, 29 Feb 2028 12:00:00 GMT"), 1835438400);
}

TEST(RetryAfterTest, DateIsRelativeToNow) {
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", At(kRfcExampleEpoch - 5)),
            milliseconds(5000));
  // A date in the past means "retry now".
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", At(kRfcExampleEpoch + 60)),
            milliseconds(0));
  // Sub-second "now" is accounted for.
  auto now = At(kRfcExampleEpoch - 3) + milliseconds(250);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(2750));
}

TEST(RetryAfterTest, InvalidValuesAreIgnored) {
  const char* bad[] = {"",  "-1", "1.5", "2s", "soon", "Sun, 06 Nov 1994 08:49:37",
                       "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                       "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT"};
  for (const char* value : bad) {
    EXPECT_FALSE(ParseRetryAfter(value, At(0)).has_value()) << "accepted '" << value << "'";
  }
}

}  // namespace
}  // namespace stacfs::http
