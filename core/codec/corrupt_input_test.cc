// Truncated and bit-flipped input, for every codec: an Error of code kCorrupt whose text names
// the codec, or (only where the format cannot tell) a successful decode — never a crash.
//
// Codecs that carry an integrity check must never return wrong bytes: zlib (Adler-32), gzip
// (CRC-32 and size), fletcher32, zstd with its content checksum. The others cannot detect
// every corruption: shuffle and delta have no structure at all, lz4 and blosc blocks and
// zstd frames without checksum decode a flipped literal to a wrong byte, vlen-utf8 cannot
// tell a changed character from the original. For those we check determinism and safety,
// plus the truncations their structure does catch.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

struct CorruptionCase {
  std::string config_json;
  bool detects_any_flip;        // integrity-checked: a flipped byte never yields wrong bytes
  bool detects_any_truncation;  // every strict prefix is an error
};

void PrintTo(const CorruptionCase& c, std::ostream* os) { *os << c.config_json; }

class CodecCorruptInputTest : public ::testing::TestWithParam<CorruptionCase> {
 protected:
  void SetUp() override {
    codec_ = codec_testing::MakeCodecOrFail(GetParam().config_json);
    ASSERT_NE(codec_, nullptr);
    // Small enough to try every position, varied enough to use real compression.
    // 1232 bytes: whole items for every element size the cases use.
    decoded_ = codec_testing::SmoothFloat32Field(300, 7) + "some text, some text, some text!";
    Result<std::string> encoded = codec_->Encode(decoded_);
    ASSERT_TRUE(encoded) << encoded.error().ToString();
    encoded_ = *encoded;
  }

  // An error must be kCorrupt and name the codec.
  void ExpectCorruptError(const Error& error, const std::string& what) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << what << ": " << error.ToString();
    EXPECT_NE(error.ToString().find(std::string(codec_->id())), std::string::npos)
        << what << ": message does not name the codec: " << error.ToString();
  }

  std::shared_ptr<const Codec> codec_;
  std::string decoded_;
  std::string encoded_;
};

TEST_P(CodecCorruptInputTest, TruncationIsAnErrorOrDeterministic) {
  size_t errors = 0;
  for (size_t length = 0; length < encoded_.size(); ++length) {
    const std::string what = "truncated to " + std::to_string(length);
    for (size_t hint : {decoded_.size(), size_t{0}}) {
      Result<std::string> decoded =
          codec_->Decode(std::string_view(encoded_).substr(0, length), hint);
      if (!decoded) {
        ExpectCorruptError(decoded.error(), what);
        ++errors;
        continue;
      }
      EXPECT_FALSE(GetParam().detects_any_truncation) << what << " decoded without error";
      // Without an integrity check the result must at least be the same every time.
      Result<std::string> again =
          codec_->Decode(std::string_view(encoded_).substr(0, length), hint);
      ASSERT_TRUE(again);
      EXPECT_TRUE(*again == *decoded) << what;
    }
  }
  if (GetParam().detects_any_truncation) {
    EXPECT_EQ(errors, 2 * encoded_.size());
  }
}

TEST_P(CodecCorruptInputTest, FlippedBytesAreAnErrorOrHarmless) {
  for (size_t position = 0; position < encoded_.size(); ++position) {
    for (unsigned char mask : {0x01, 0x80, 0xff}) {
      std::string corrupted = encoded_;
      corrupted[position] = static_cast<char>(corrupted[position] ^ mask);
      const std::string what = "byte " + std::to_string(position) + " ^ " + std::to_string(mask);
      Result<std::string> decoded = codec_->Decode(corrupted, decoded_.size());
      if (!decoded) {
        ExpectCorruptError(decoded.error(), what);
      } else if (GetParam().detects_any_flip) {
        // Only bytes the check does not cover (e.g. gzip's MTIME) may change unnoticed, and
        // then the output is the original.
        EXPECT_TRUE(*decoded == decoded_) << what << " decoded to wrong bytes without an error";
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Codec, CodecCorruptInputTest,
    ::testing::Values(
        CorruptionCase{R"({"id":"zlib","level":1})", true, true},
        CorruptionCase{R"({"id":"gzip","level":6})", true, true},
        CorruptionCase{R"({"id":"fletcher32"})", true, true},
        CorruptionCase{R"({"id":"zstd","level":3,"checksum":true})", true, true},
        CorruptionCase{R"({"id":"zstd","level":1})", false, true},
        CorruptionCase{R"({"id":"lz4","acceleration":1})", false, true},
        CorruptionCase{R"({"id":"blosc","cname":"lz4","clevel":5,"shuffle":1})", false, true},
        CorruptionCase{R"({"id":"blosc","cname":"zstd","clevel":5,"shuffle":2})", false, true},
        CorruptionCase{R"({"id":"blosc","cname":"blosclz","clevel":0,"shuffle":0})", false, true},
        CorruptionCase{R"({"id":"shuffle","elementsize":4})", false, false},
        CorruptionCase{R"({"id":"delta","dtype":"<i4"})", false, false}),
    [](const ::testing::TestParamInfo<CorruptionCase>& info) {
      std::string name = "case" + std::to_string(info.index) + "_";
      for (char c : info.param.config_json) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace stacfs

namespace stacfs {
namespace {

// Random bytes, and random bytes behind each format's real header, must never crash or
// return anything but kCorrupt (shuffle and delta accept anything of the right size).
TEST(CodecRandomInputTest, GarbageNeverCrashes) {
  const std::vector<std::string> configs = {
      R"({"id":"zlib"})",    R"({"id":"gzip"})",
      R"({"id":"zstd"})",    R"({"id":"lz4"})",
      R"({"id":"blosc"})",   R"({"id":"fletcher32"})",
      R"({"id":"shuffle"})", R"({"id":"delta","dtype":"<f8"})"};
  const std::string sample = codec_testing::SmoothFloat32Field(2000, 11);
  for (const std::string& config : configs) {
    std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(config);
    ASSERT_NE(codec, nullptr);
    const std::string valid = *codec->Encode(sample);
    for (uint64_t seed = 1; seed <= 300; ++seed) {
      const std::string noise = codec_testing::PseudoRandomBytes(seed * 7 % 600, seed);
      // Keep a real header (the first 4..31 bytes) so decoders get past their first check.
      const size_t header = std::min<size_t>(valid.size(), 4 + seed % 28);
      for (const std::string& input : {noise, valid.substr(0, header) + noise}) {
        Result<std::string> decoded = codec->Decode(input, seed % 2 == 0 ? sample.size() : 0);
        if (!decoded) {
          EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt)
              << config << ": " << decoded.error().ToString();
        }
      }
    }
  }
}

}  // namespace
}  // namespace stacfs
