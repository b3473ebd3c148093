#include <gtest/gtest.h>

#include "core/codec/codec_test_util.h"
#include "core/codec/fletcher32_codec.h"

namespace stacfs {
namespace {

TEST(CodecFletcher32Test, KnownValues) {
  // Worked by hand from HDF5's definition: words 0x0001 0x0203 0x0405, odd byte 0x06 -> 0x0600.
  EXPECT_EQ(HdfFletcher32(std::string("\x00\x01\x02\x03\x04\x05\x06", 7)), 0x14170c09u);
  EXPECT_EQ(HdfFletcher32(""), 0u);
  std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(R"({"id":"fletcher32"})");
  EXPECT_EQ(*codec->Encode(std::string("\x00\x01\x02\x03\x04\x05\x06", 7)),
            std::string("\x00\x01\x02\x03\x04\x05\x06\x09\x0c\x17\x14", 11));
  EXPECT_EQ(*codec->Encode(""), std::string(4, '\0'));
  EXPECT_EQ(*codec->Decode(std::string(4, '\0'), 0), "");
}

TEST(CodecFletcher32Test, MismatchNamesBothChecksums) {
  std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(R"({"id":"fletcher32"})");
  Result<std::string> decoded =
      codec->Decode(std::string("\x00\x01\x02\x03\x04\x05\x06\x09\x0c\x17\x15", 11), 7);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(decoded.error().message(),
            "fletcher32 checksum mismatch: stored 0x15170c09, computed 0x14170c09");
  decoded = codec->Decode("abc", 0);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message().find("shorter than its 4-byte checksum"), std::string::npos);
}

}  // namespace
}  // namespace stacfs
