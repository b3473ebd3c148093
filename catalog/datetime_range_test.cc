// --datetime: instants, intervals with open ends, and the date shorthands.
#include "catalog/datetime_range.h"

#include <gtest/gtest.h>

namespace stacfs::catalog {
namespace {

std::string Param(std::string_view text) {
  auto parsed = ParseDatetimeArgument(text);
  return parsed ? parsed->ToParameter() : "error: " + parsed.error().ToString();
}

TEST(DatetimeRangeTest, ShorthandsExpandToTheWholePeriod) {
  EXPECT_EQ(Param("2020"), "2020-01-01T00:00:00Z/2020-12-31T23:59:59.999999Z");
  EXPECT_EQ(Param("2020-02"), "2020-02-01T00:00:00Z/2020-02-29T23:59:59.999999Z");  // leap year
  EXPECT_EQ(Param("2021-02"), "2021-02-01T00:00:00Z/2021-02-28T23:59:59.999999Z");
  EXPECT_EQ(Param("1900-02"), "1900-02-01T00:00:00Z/1900-02-28T23:59:59.999999Z");  // not leap
  EXPECT_EQ(Param("2000-02"), "2000-02-01T00:00:00Z/2000-02-29T23:59:59.999999Z");
  EXPECT_EQ(Param("2020-04-30"), "2020-04-30T00:00:00Z/2020-04-30T23:59:59.999999Z");
}

TEST(DatetimeRangeTest, IntervalsTakeTheStartOfOneAndTheEndOfTheOther) {
  EXPECT_EQ(Param("2019/2020-06"), "2019-01-01T00:00:00Z/2020-06-30T23:59:59.999999Z");
  EXPECT_EQ(Param("2019-03-01/2019-03-01"), "2019-03-01T00:00:00Z/2019-03-01T23:59:59.999999Z");
  EXPECT_EQ(Param("2020-01-01T10:00:00Z/2020-01-02T00:00:00+02:00"),
            "2020-01-01T10:00:00Z/2020-01-02T00:00:00+02:00");
}

TEST(DatetimeRangeTest, OpenEnds) {
  EXPECT_EQ(Param("../2020"), "../2020-12-31T23:59:59.999999Z");
  EXPECT_EQ(Param("2020/.."), "2020-01-01T00:00:00Z/..");
  EXPECT_EQ(Param("2020/"), "2020-01-01T00:00:00Z/..");
  EXPECT_EQ(Param("/2020-01-01T00:00:00Z"), "../2020-01-01T00:00:00Z");
}

TEST(DatetimeRangeTest, InstantsAreNormalised) {
  EXPECT_EQ(Param("2020-01-01T00:00:00Z"), "2020-01-01T00:00:00Z");
  EXPECT_EQ(Param("2020-01-01t00:00:00z"), "2020-01-01T00:00:00Z");
  EXPECT_EQ(Param("2020-01-01 12:30:00"), "2020-01-01T12:30:00Z");  // no zone: UTC
  EXPECT_EQ(Param("2020-01-01T12:30:00.5-05:00"), "2020-01-01T12:30:00.5-05:00");
  EXPECT_TRUE(ParseDatetimeArgument("2020-01-01T00:00:00Z")->instant);
  EXPECT_FALSE(ParseDatetimeArgument("2020-01-01")->instant);
}

TEST(DatetimeRangeTest, BadInputSaysWhatIsAccepted) {
  for (const char* bad : {"", "..", "../..", "2020-13", "2020-02-30", "20", "yesterday",
                          "2020-01-01T25:00:00Z", "2020/2021/2022", "2021/2020",
                          "2020-01-01T00:00:00+0200"}) {
    auto parsed = ParseDatetimeArgument(bad);
    EXPECT_FALSE(parsed.has_value()) << bad << " gave " << (parsed ? parsed->ToParameter() : "");
  }
  EXPECT_NE(ParseDatetimeArgument("yesterday").error().message().find("YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(ParseDatetimeArgument("2021/2020").error().message().find("start is after the end"),
            std::string::npos);
}

TEST(DatetimeRangeTest, Rfc3339Instants) {
  EXPECT_EQ(ParseRfc3339Micros("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339Micros("1970-01-01T00:00:01.25Z"), 1250000);
  EXPECT_EQ(ParseRfc3339Micros("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(ParseRfc3339Micros("1969-12-31T23:00:00-01:00"), 0);
  EXPECT_EQ(ParseRfc3339Micros("2000-03-01"), int64_t{951868800} * 1000000);
  EXPECT_EQ(ParseRfc3339Micros("1850-01-01T00:00:00Z"), int64_t{-3786825600} * 1000000);
  EXPECT_FALSE(ParseRfc3339Micros("2020-01-01T00:00Z").has_value());
  EXPECT_FALSE(ParseRfc3339Micros("2020-01-01T00:00:00.Z").has_value());
}

TEST(DatetimeRangeTest, OverlapIsInclusive) {
  auto year = *ParseDatetimeArgument("2020");
  int64_t start = *ParseRfc3339Micros("2020-01-01T00:00:00Z");
  int64_t end = *ParseRfc3339Micros("2020-12-31T23:59:59.999999Z");
  EXPECT_TRUE(year.Overlaps(start, start));
  EXPECT_TRUE(year.Overlaps(end, end));
  EXPECT_FALSE(year.Overlaps(end + 1, end + 1));
  EXPECT_FALSE(year.Overlaps(start - 10, start - 1));
  EXPECT_TRUE(year.Overlaps(start - 10, start));  // a range that ends where the year begins
  auto open = *ParseDatetimeArgument("../2020");
  EXPECT_TRUE(open.Overlaps(INT64_MIN, INT64_MIN + 1));
}

}  // namespace
}  // namespace stacfs::catalog
