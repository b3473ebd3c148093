// The filters without any header: shuffle (HDF5 remainder semantics) and delta (numpy's
// arithmetic in every supported dtype).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

TEST(CodecShuffleTest, TransposesBytesAndCopiesTheRemainder) {
  std::shared_ptr<const Codec> shuffle =
      codec_testing::MakeCodecOrFail(R"({"id":"shuffle","elementsize":4})");
  // Two 4-byte elements and a 3-byte remainder, as HDF5's H5Z__filter_shuffle lays it out.
  const std::string decoded = "ABCDabcdXYZ";
  EXPECT_EQ(*shuffle->Encode(decoded), "AaBbCcDdXYZ");
  EXPECT_EQ(*shuffle->Decode("AaBbCcDdXYZ", 0), decoded);
  // Shorter than one element: all remainder.
  EXPECT_EQ(*shuffle->Encode("xyz"), "xyz");
  EXPECT_EQ(*shuffle->Decode("", 0), "");
}

TEST(CodecShuffleTest, EveryElementSizeRoundTrips) {
  const std::string data = codec_testing::PseudoRandomBytes(1001, 9);
  for (int size : {0, 1, 2, 3, 4, 5, 8, 16, 17, 1001, 2000}) {
    std::shared_ptr<const Codec> shuffle = codec_testing::MakeCodecOrFail(
        R"({"id":"shuffle","elementsize":)" + std::to_string(size) + "}");
    const std::string encoded = *shuffle->Encode(data);
    EXPECT_TRUE(*shuffle->Decode(encoded, 0) == data) << size;
    if (size <= 1 || size > 1001) {
      EXPECT_TRUE(encoded == data) << size;
    }
  }
  // Byte k of element i lands at k * n + i.
  std::shared_ptr<const Codec> shuffle =
      codec_testing::MakeCodecOrFail(R"({"id":"shuffle","elementsize":3})");
  const std::string encoded = *shuffle->Encode(data);
  const size_t n = data.size() / 3;
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < 3; ++k) ASSERT_EQ(encoded[k * n + i], data[i * 3 + k]);
  }
}

template <class T>
std::string Pack(std::initializer_list<T> values) {
  std::string out(values.size() * sizeof(T), '\0');
  size_t i = 0;
  for (T value : values) std::memcpy(out.data() + sizeof(T) * i++, &value, sizeof(T));
  return out;
}

TEST(CodecDeltaTest, IntegersWrapAround) {
  std::shared_ptr<const Codec> delta =
      codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":"<i2"})");
  const std::string decoded = Pack<int16_t>({32767, -32768, 0, -1});
  const std::string encoded = *delta->Encode(decoded);
  // -32768 - 32767 and 0 - (-32768) both wrap in int16, as numpy's diff does.
  EXPECT_EQ(encoded, Pack<int16_t>({32767, 1, -32768, -1}));
  EXPECT_EQ(*delta->Decode(encoded, 0), decoded);
}

TEST(CodecDeltaTest, BigEndianMatchesLittleEndianSwapped) {
  std::shared_ptr<const Codec> big =
      codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":">u4"})");
  // 1, 3, 6 big-endian -> 1, 2, 3 big-endian.
  const std::string decoded("\0\0\0\1\0\0\0\3\0\0\0\6", 12);
  EXPECT_EQ(*big->Encode(decoded), std::string("\0\0\0\1\0\0\0\2\0\0\0\3", 12));
  EXPECT_EQ(*big->Decode(*big->Encode(decoded), 0), decoded);
}

TEST(CodecDeltaTest, FloatsFollowNumpyRounding) {
  std::shared_ptr<const Codec> delta =
      codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":"<f4"})");
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::string decoded = Pack<float>({-0.0f, 1e8f, 1.0f, nan, 3.5f});
  const std::string encoded = *delta->Encode(decoded);
  // diff in float32: 1e8 - 1 rounds, then NaN propagates.
  const std::string expected = Pack<float>({-0.0f, 1e8f, 1.0f - 1e8f, nan, nan});
  EXPECT_EQ(std::memcmp(encoded.data(), expected.data(), 12), 0);
  float values[5];
  std::memcpy(values, encoded.data(), sizeof values);
  EXPECT_TRUE(std::isnan(values[3]) && std::isnan(values[4]));
  // The running sum keeps -0.0 as the first element (a copy, not 0 + -0.0).
  const std::string sum = *delta->Decode(Pack<float>({-0.0f, 2.0f}), 0);
  float first;
  std::memcpy(&first, sum.data(), sizeof first);
  EXPECT_TRUE(std::signbit(first));
}

TEST(CodecDeltaTest, PartialItemsAndEmptyBuffers) {
  std::shared_ptr<const Codec> delta =
      codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":"<f8"})");
  Result<std::string> decoded = delta->Decode("0123456789", 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
  EXPECT_NE(decoded.error().message().find("delta"), std::string::npos);
  EXPECT_EQ(delta->Encode("0123456789").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(*delta->Decode("", 0), "");
  EXPECT_EQ(*delta->Encode(""), "");
}

}  // namespace
}  // namespace stacfs
