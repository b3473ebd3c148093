#include "core/codec/vlen_utf8.h"

#include <gtest/gtest.h>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

std::string U32(uint32_t value) {
  std::string out;
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
  return out;
}

TEST(CodecVlenUtf8Test, RoundTripsAndChecksItemCount) {
  const std::vector<std::string> items = {"a", "", "気温", std::string(1000, 'z')};
  const std::string encoded = EncodeVlenUtf8(items);
  EXPECT_EQ(encoded.substr(0, 12), U32(4) + U32(1) + "a" + U32(0).substr(0, 3));
  Result<std::vector<std::string>> decoded = DecodeVlenUtf8(encoded, 0);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, items);
  EXPECT_TRUE(DecodeVlenUtf8(encoded, 4));
  Result<std::vector<std::string>> wrong_count = DecodeVlenUtf8(encoded, 5);
  ASSERT_FALSE(wrong_count);
  EXPECT_EQ(wrong_count.error().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(*DecodeVlenUtf8(EncodeVlenUtf8({}), 0), std::vector<std::string>{});
}

TEST(CodecVlenUtf8Test, EveryLengthIsCheckedAgainstTheBuffer) {
  const std::vector<std::string> bad = {
      "",                              // no count
      U32(1),                          // count, no item
      U32(1) + U32(5) + "abc",         // item longer than the rest
      U32(0xffffffff) + U32(0),        // count far beyond what fits
      U32(1) + U32(0xfffffff0) + "x",  // huge length
      U32(1) + U32(1) + "ab",          // trailing byte
      U32(1) + U32(2) + "\xc3\x28",    // invalid UTF-8
      U32(2) + U32(1) + "a" + U32(1),  // second item cut inside
  };
  for (const std::string& buffer : bad) {
    Result<std::vector<std::string>> decoded = DecodeVlenUtf8(buffer, 0);
    ASSERT_FALSE(decoded) << buffer.size();
    EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
    EXPECT_NE(decoded.error().message().find("vlen-utf8"), std::string::npos)
        << decoded.error().message();
  }
}

TEST(CodecVlenUtf8Test, CodecInterfacePointsToTheStringFunctions) {
  std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(R"({"id":"vlen-utf8"})");
  Result<std::string> decoded = codec->Decode(EncodeVlenUtf8({"a"}), 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(decoded.error().message().find("DecodeVlenUtf8"), std::string::npos);
  EXPECT_EQ(codec->Encode("x").error().code(), ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace stacfs
