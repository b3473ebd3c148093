// lz4 and blosc: formats whose header states the decoded size; the header must be checked
// against the data and bounded before anything is allocated.
#include <blosc.h>
#include <gtest/gtest.h>

#include "core/codec/blosc_codec.h"
#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

void SetLittleEndian32(std::string& buffer, size_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i) buffer[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

TEST(CodecLz4Test, HeaderIsTheDecodedLength) {
  std::shared_ptr<const Codec> lz4 = codec_testing::MakeCodecOrFail(R"({"id":"lz4"})");
  const std::string data = codec_testing::SmoothFloat32Field(1000, 2);
  const std::string encoded = *lz4->Encode(data);
  EXPECT_EQ(encoded.substr(0, 4), std::string("\xa0\x0f\x00\x00", 4));  // 4000 LE
  EXPECT_EQ(*lz4->Encode(""), std::string("\x00\x00\x00\x00\x00", 5));
  EXPECT_EQ(*lz4->Decode(*lz4->Encode(""), 0), "");
}

TEST(CodecLz4Test, LyingHeaderIsCorrupt) {
  std::shared_ptr<const Codec> lz4 = codec_testing::MakeCodecOrFail(R"({"id":"lz4"})");
  const std::string data = codec_testing::SmoothFloat32Field(1000, 2);
  const std::string encoded = *lz4->Encode(data);
  for (uint32_t claimed : {3999u, 4001u, 0u, 0xffffffffu}) {
    std::string forged = encoded;
    SetLittleEndian32(forged, 0, claimed);
    Result<std::string> decoded = lz4->Decode(forged, 0);
    ASSERT_FALSE(decoded) << claimed;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt) << decoded.error().ToString();
    EXPECT_NE(decoded.error().message().find("lz4"), std::string::npos);
  }
}

TEST(CodecBloscTest, HeaderSizesAreCheckedAgainstTheBuffer) {
  std::shared_ptr<const Codec> blosc =
      codec_testing::MakeCodecOrFail(R"({"id":"blosc","cname":"lz4","clevel":5,"shuffle":1})");
  const std::string data = codec_testing::SmoothFloat32Field(5000, 4);
  const std::string encoded = *blosc->Encode(data);

  std::string longer = encoded + "extra";
  Result<std::string> decoded = blosc->Decode(longer, 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);

  // nbytes (offset 4) claiming 1.5 GiB from a few KB: refused before allocating.
  std::string forged = encoded;
  SetLittleEndian32(forged, 4, 0x60000000u);
  decoded = blosc->Decode(forged, 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt) << decoded.error().ToString();

  decoded = blosc->Decode(encoded.substr(0, 10), 0);
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message().find("blosc header"), std::string::npos);
}

TEST(CodecBloscTest, TypesizeAndAutoShuffleAsNumcodecs) {
  const std::string data = codec_testing::SmoothFloat32Field(5000, 4);
  BloscParams params;
  params.shuffle = kBloscAutoShuffle;
  params.typesize = 4;
  std::shared_ptr<const Codec> typed = *MakeBloscCodec(params);
  int flags = 0;
  size_t typesize = 0;
  std::string encoded = *typed->Encode(data);
  blosc_cbuffer_metainfo(encoded.data(), &typesize, &flags);
  EXPECT_EQ(typesize, 4u);
  EXPECT_TRUE(flags & BLOSC_DOSHUFFLE);
  EXPECT_FALSE(flags & BLOSC_DOBITSHUFFLE);

  params.typesize = 1;  // numcodecs: auto = bit shuffle for 1-byte items
  std::shared_ptr<const Codec> bytes = *MakeBloscCodec(params);
  encoded = *bytes->Encode(data);
  blosc_cbuffer_metainfo(encoded.data(), &typesize, &flags);
  EXPECT_EQ(typesize, 1u);
  EXPECT_TRUE(flags & BLOSC_DOBITSHUFFLE);
  EXPECT_TRUE(*typed->Decode(encoded, 0) == data);  // the frame, not the codec, says how
  EXPECT_EQ(bytes->ConfigJson(),
            R"({"blocksize":0,"clevel":5,"cname":"lz4","id":"blosc","shuffle":-1})");
}

}  // namespace
}  // namespace stacfs
