#include "core/http/content_range.h"

#include <gtest/gtest.h>

namespace stacfs::http {
namespace {

TEST(ContentRangeTest, ParsesSatisfiedRangeWithTotal) {
  Result<ContentRange> cr = ParseContentRange("bytes 100-199/1000");
  ASSERT_TRUE(cr.has_value()) << cr.error().ToString();
  EXPECT_EQ(cr->range, (ByteRange{100, 100}));
  EXPECT_EQ(cr->complete_length, 1000u);
}

TEST(ContentRangeTest, ParsesUnknownTotal) {
  Result<ContentRange> cr = ParseContentRange("bytes 0-0/*");
  ASSERT_TRUE(cr.has_value());
  EXPECT_EQ(cr->range, (ByteRange{0, 1}));
  EXPECT_FALSE(cr->complete_length.has_value());
}

TEST(ContentRangeTest, ParsesUnsatisfiedForm) {
  Result<ContentRange> cr = ParseContentRange("bytes */4096");
  ASSERT_TRUE(cr.has_value());
  EXPECT_FALSE(cr->range.has_value());
  EXPECT_EQ(cr->complete_length, 4096u);
}

TEST(ContentRangeTest, UnitIsCaseInsensitive) {
  EXPECT_TRUE(ParseContentRange("Bytes 0-9/10").has_value());
}

TEST(ContentRangeTest, LastByteOfObject) {
  Result<ContentRange> cr = ParseContentRange("bytes 9-9/10");
  ASSERT_TRUE(cr.has_value());
  EXPECT_EQ(cr->range, (ByteRange{9, 1}));
}

TEST(ContentRangeTest, LargeValues) {
  Result<ContentRange> cr = ParseContentRange("bytes 18446744073709551613-18446744073709551614/*");
  ASSERT_TRUE(cr.has_value());
  EXPECT_EQ(cr->range->length, 2u);
}

TEST(ContentRangeTest, RejectsMalformedValues) {
  const char* bad[] = {
      "",
      "bytes",
      "bytes ",
      "bytes=0-9/10",          // '=' is request syntax
      "bytes  0-9/10",         // two spaces
      "items 0-9/10",          // other unit
      "bytes 0-9",             // no complete length
      "bytes 0-9/",            // empty complete length
      "bytes 9-0/10",          // first after last
      "bytes 0-10/10",         // last at the complete length
      "bytes 0-9/9",           // last past the complete length
      "bytes -1-9/10",         // sign
      "bytes +0-9/10",         // sign
      "bytes 0 -9/10",         // space inside
      "bytes 0-9 /10",         // space inside
      "bytes 0-9/10 ",         // trailing junk (callers trim first)
      "bytes 0x0-9/10",        // hex
      "bytes */*",             // says nothing
      "bytes 0-/10",           // open-ended is request syntax
      "bytes -9/10",           // suffix is request syntax
      "bytes 0-18446744073709551616/*",  // overflow
      "bytes 0-18446744073709551615/*",  // length would not fit
      "bytes 0-9/10/11",
  };
  for (const char* value : bad) {
    Result<ContentRange> cr = ParseContentRange(value);
    EXPECT_FALSE(cr.has_value()) << "accepted '" << value << "'";
    if (!cr.has_value()) {
      EXPECT_EQ(cr.error().code(), ErrorCode::kCorrupt);
      EXPECT_NE(cr.error().message().find(value), std::string::npos) << cr.error().message();
    }
  }
}

TEST(ContentRangeTest, DecimalParser) {
  EXPECT_EQ(ParseDecimalU64("0"), 0u);
  EXPECT_EQ(ParseDecimalU64("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(ParseDecimalU64("18446744073709551616").has_value());
  EXPECT_FALSE(ParseDecimalU64("").has_value());
  EXPECT_FALSE(ParseDecimalU64("1a").has_value());
  EXPECT_FALSE(ParseDecimalU64(" 1").has_value());
}

}  // namespace
}  // namespace stacfs::http
