// zlib and gzip decoding with libdeflate: size hints that are wrong, streams with extra
// bytes, multi-member gzip, extreme ratios.
#include <gtest/gtest.h>
#include <zlib.h>

#include "core/codec/codec_test_util.h"
#include "core/codec/inflate.h"

namespace stacfs {
namespace {

std::string ZlibCompress(const std::string& data, int level) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                      reinterpret_cast<const Bytef*>(data.data()), data.size(), level),
            Z_OK);
  out.resize(size);
  return out;
}

TEST(CodecDeflateTest, AnySizeHintDecodesExactly) {
  const std::string data = codec_testing::SmoothFloat32Field(100000, 1);
  const std::string encoded = ZlibCompress(data, 6);
  for (size_t hint :
       {size_t{0}, size_t{1}, data.size() - 1, data.size(), data.size() + 1, data.size() * 10}) {
    Result<std::string> decoded = InflateZlibStream(encoded, hint);
    ASSERT_TRUE(decoded) << "hint " << hint << ": " << decoded.error().ToString();
    EXPECT_TRUE(*decoded == data) << "hint " << hint;
  }
}

TEST(CodecDeflateTest, HighlyCompressibleDataGrowsTheBuffer) {
  const std::string zeros(64 << 20, '\0');  // ~1000:1, far beyond the first guess
  const std::string encoded = ZlibCompress(zeros, 9);
  Result<std::string> decoded = InflateZlibStream(encoded, 0);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_TRUE(*decoded == zeros);
}

TEST(CodecDeflateTest, TrailingBytesAfterZlibStreamAreCorrupt) {
  std::string encoded = ZlibCompress("hello hello hello", 1) + "xyz";
  Result<std::string> decoded = InflateZlibStream(encoded, 17);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
  EXPECT_NE(decoded.error().message().find("3 more bytes"), std::string::npos)
      << decoded.error().message();
}

TEST(CodecDeflateTest, EmptyAndGarbageInputAreCorrupt) {
  for (const char* input : {"", "x", "\x78\x9c", "this is not compressed"}) {
    Result<std::string> decoded = InflateZlibStream(input, 0);
    ASSERT_FALSE(decoded) << input;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
    EXPECT_NE(decoded.error().message().find("zlib"), std::string::npos);
    decoded = InflateGzipFile(input, 0);
    ASSERT_FALSE(decoded) << input;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
    EXPECT_NE(decoded.error().message().find("gzip"), std::string::npos);
  }
}

TEST(CodecDeflateTest, GzipMembersAndZeroPaddingAsPythonAccepts) {
  std::shared_ptr<const Codec> gzip = codec_testing::MakeCodecOrFail(R"({"id":"gzip","level":6})");
  ASSERT_NE(gzip, nullptr);
  const std::string a = codec_testing::SmoothFloat32Field(3000, 1);
  const std::string b = "second member";
  const std::string two_members = *gzip->Encode(a) + *gzip->Encode(b);
  for (size_t hint : {size_t{0}, a.size() + b.size(), size_t{5}}) {
    Result<std::string> decoded = gzip->Decode(two_members, hint);
    ASSERT_TRUE(decoded) << decoded.error().ToString();
    EXPECT_TRUE(*decoded == a + b);
  }
  Result<std::string> padded = gzip->Decode(*gzip->Encode(b) + std::string(16, '\0'), 0);
  ASSERT_TRUE(padded) << padded.error().ToString();
  EXPECT_EQ(*padded, b);

  Result<std::string> garbage = gzip->Decode(*gzip->Encode(b) + "junk", 0);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), ErrorCode::kCorrupt);
  EXPECT_NE(garbage.error().message().find("not another gzip member"), std::string::npos);
}

TEST(CodecDeflateTest, GzipHeaderMatchesPython) {
  std::shared_ptr<const Codec> fast = codec_testing::MakeCodecOrFail(R"({"id":"gzip","level":1})");
  std::shared_ptr<const Codec> best = codec_testing::MakeCodecOrFail(R"({"id":"gzip","level":9})");
  const std::string header_fast = fast->Encode("x")->substr(0, 10);
  const std::string header_best = best->Encode("x")->substr(0, 10);
  EXPECT_EQ(header_fast, std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff", 10));
  EXPECT_EQ(header_best, std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10));
}

}  // namespace
}  // namespace stacfs
