// zstd frames numcodecs never writes but others do: no content size, several frames,
// skippable frames; and truncation of the streaming path.
#include <gtest/gtest.h>
#include <zstd.h>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

// A frame without Frame_Content_Size, as a streaming encoder writes it.
std::string StreamedFrame(const std::string& data) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  std::string out(ZSTD_compressBound(data.size()) + 64, '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  ZSTD_outBuffer sink{out.data(), out.size(), 0};
  // ZSTD_e_continue first: the size is not known up front, so it is not recorded.
  EXPECT_FALSE(ZSTD_isError(ZSTD_compressStream2(cctx, &sink, &in, ZSTD_e_continue)));
  while (ZSTD_compressStream2(cctx, &sink, &in, ZSTD_e_end) != 0) {
  }
  ZSTD_freeCCtx(cctx);
  out.resize(sink.pos);
  return out;
}

class CodecZstdTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Codec> zstd_ = codec_testing::MakeCodecOrFail(R"({"id":"zstd","level":3})");
  std::string data_ = codec_testing::SmoothFloat32Field(200000, 5);
};

TEST_F(CodecZstdTest, FrameWithoutContentSizeStreams) {
  const std::string frame = StreamedFrame(data_);
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  for (size_t hint : {size_t{0}, data_.size(), size_t{100}}) {
    Result<std::string> decoded = zstd_->Decode(frame, hint);
    ASSERT_TRUE(decoded) << decoded.error().ToString();
    EXPECT_TRUE(*decoded == data_);
  }
}

TEST_F(CodecZstdTest, TruncatedStreamedFrameIsCorrupt) {
  const std::string frame = StreamedFrame(data_);
  for (size_t keep : {frame.size() - 1, frame.size() / 2, size_t{20}}) {
    Result<std::string> decoded = zstd_->Decode(frame.substr(0, keep), 0);
    ASSERT_FALSE(decoded) << keep;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
    EXPECT_NE(decoded.error().message().find("zstd"), std::string::npos);
  }
}

TEST_F(CodecZstdTest, ConcatenatedAndSkippableFrames) {
  const std::string a = *zstd_->Encode("first frame ");
  const std::string b = StreamedFrame("second frame");
  // A skippable frame: magic 0x184D2A50, 4-byte length, payload.
  const std::string skippable = std::string("\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11);
  Result<std::string> decoded = zstd_->Decode(a + skippable + b, 0);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(*decoded, "first frame second frame");
}

TEST_F(CodecZstdTest, EmptyInputAndEmptyFrame) {
  Result<std::string> empty_frame = zstd_->Encode("");
  ASSERT_TRUE(empty_frame);
  Result<std::string> decoded = zstd_->Decode(*empty_frame, 0);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(*decoded, "");
  EXPECT_EQ(zstd_->Decode("", 0).error().code(), ErrorCode::kCorrupt);
}

TEST_F(CodecZstdTest, ImplausibleContentSizeIsCorruptWithoutAllocating) {
  // A frame claiming 1 TiB in a few bytes: magic, FHD 0xe0 (8-byte content size, single
  // segment), the size, then an empty last raw block.
  std::string forged("\x28\xb5\x2f\xfd\xe0", 5);
  const uint64_t claimed = uint64_t{1} << 40;
  for (int i = 0; i < 8; ++i) forged += static_cast<char>((claimed >> (8 * i)) & 0xff);
  forged += std::string("\x01\x00\x00", 3);  // last block, raw, size 0
  Result<std::string> decoded = zstd_->Decode(forged, 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt) << decoded.error().ToString();
}

TEST_F(CodecZstdTest, ChecksumOptionAddsFrameChecksum) {
  std::shared_ptr<const Codec> checked =
      codec_testing::MakeCodecOrFail(R"({"id":"zstd","level":3,"checksum":true})");
  const std::string with = *checked->Encode(data_);
  const std::string without = *zstd_->Encode(data_);
  EXPECT_EQ(with.size(), without.size() + 4);
  EXPECT_TRUE(*zstd_->Decode(with, 0) == data_);  // any zstd codec decodes either
}

}  // namespace
}  // namespace stacfs
