#include "converter/cf_time.h"

#include <gtest/gtest.h>

namespace stacfs::converter {
namespace {

double Convert1(double value, const char* from, const char* to, const char* calendar = "") {
  auto f = ParseCfTimeUnits(from, calendar);
  auto t = ParseCfTimeUnits(to, calendar);
  EXPECT_TRUE(f.has_value() && t.has_value());
  auto out = ConvertCfTimes({value}, *f, *t);
  EXPECT_TRUE(out.has_value());
  return static_cast<double>((*out)[0]);
}

TEST(CfTimeTest, ShiftsBetweenReferenceDatesPerCalendar) {
  // 2000 is a leap year in the Gregorian calendar: 366 days from 2000-01-01 to 2001-01-01.
  EXPECT_EQ(Convert1(0, "days since 2001-01-01", "days since 2000-01-01"), 366);
  EXPECT_EQ(Convert1(0, "days since 2001-01-01", "days since 2000-01-01", "noleap"), 365);
  EXPECT_EQ(Convert1(0, "days since 2001-01-01", "days since 2000-01-01", "360_day"), 360);
  EXPECT_EQ(Convert1(0, "days since 2001-01-01", "days since 2000-01-01", "all_leap"), 366);
  EXPECT_EQ(Convert1(0, "days since 1901-01-01", "days since 1900-01-01", "proleptic_gregorian"), 365);
  EXPECT_EQ(Convert1(0, "days since 1901-01-01", "days since 1900-01-01", "julian"), 366);
  EXPECT_EQ(Convert1(36, "hours since 2000-01-02 00:00:00", "days since 2000-01-01"), 2.5);
  EXPECT_EQ(Convert1(90, "minutes since 2000-01-01T01:30:00", "hours since 2000-01-01"), 3);
}

TEST(CfTimeTest, RefusesWhatItCannotConvertExactly) {
  EXPECT_EQ(ParseCfTimeUnits("months since 2000-01-01", "").error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(ParseCfTimeUnits("days since 1500-01-01", "standard").error().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(ParseCfTimeUnits("days since 1500-01-01", "proleptic_gregorian").has_value());
  EXPECT_EQ(ParseCfTimeUnits("days since 2000-01-01", "martian").error().code(), ErrorCode::kUnsupported);
  EXPECT_FALSE(ParseCfTimeUnits("days since yesterday", "").has_value());
  auto a = *ParseCfTimeUnits("days since 2000-01-01", "noleap");
  auto b = *ParseCfTimeUnits("days since 2000-01-01", "360_day");
  EXPECT_EQ(ConvertCfTimes({1}, a, b).error().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(IsCfTimeUnits("Days Since 1850-1-1"));
  EXPECT_FALSE(IsCfTimeUnits("K"));
}

}  // namespace
}  // namespace stacfs::converter
