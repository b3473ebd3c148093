#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

Error MakeCodecError(const std::string& json) {
  Result<std::shared_ptr<const Codec>> codec = MakeCodec(json);
  EXPECT_FALSE(codec) << json << " was accepted";
  return codec ? Internal("accepted") : codec.error();
}

TEST(CodecRegistryTest, DefaultsAreNumcodecsDefaults) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":"zlib"})", R"({"id":"zlib","level":1})"},
      {R"({"id":"gzip"})", R"({"id":"gzip","level":1})"},
      {R"({"id":"shuffle"})", R"({"elementsize":4,"id":"shuffle"})"},
      {R"({"id":"blosc"})", R"({"blocksize":0,"clevel":5,"cname":"lz4","id":"blosc","shuffle":1})"},
      {R"({"id":"zstd"})", R"({"id":"zstd","level":1})"},
      {R"({"id":"lz4"})", R"({"acceleration":1,"id":"lz4"})"},
      {R"({"id":"fletcher32"})", R"({"id":"fletcher32"})"},
      {R"({"id":"vlen-utf8"})", R"({"id":"vlen-utf8"})"},
      {R"({"id":"delta","dtype":"<i4"})", R"({"astype":"<i4","dtype":"<i4","id":"delta"})"},
  };
  for (const auto& [config, canonical] : cases) {
    std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(config);
    ASSERT_NE(codec, nullptr) << config;
    EXPECT_EQ(codec->ConfigJson(), canonical);
    // The canonical form builds the same codec.
    std::shared_ptr<const Codec> again = codec_testing::MakeCodecOrFail(canonical);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->ConfigJson(), canonical);
  }
}

TEST(CodecRegistryTest, ConfigJsonIsCanonicalWhateverTheInputOrder) {
  std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(
      R"({ "shuffle": 2, "id": "blosc", "cname": "zstd", "blocksize": 65536, "clevel": 9 })");
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->ConfigJson(),
            R"({"blocksize":65536,"clevel":9,"cname":"zstd","id":"blosc","shuffle":2})");
  codec = codec_testing::MakeCodecOrFail(R"({"id":"zstd","level":-3,"checksum":true})");
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->ConfigJson(), R"({"checksum":true,"id":"zstd","level":-3})");
  codec = codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":"i1","astype":null})");
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->ConfigJson(), R"({"astype":"|i1","dtype":"|i1","id":"delta"})");
}

TEST(CodecRegistryTest, UnknownIdIsUnsupported) {
  Error error = MakeCodecError(R"({"id":"foo"})");
  EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
  EXPECT_NE(error.message().find("unknown codec 'foo'"), std::string::npos) << error.message();
  // A real numcodecs codec stacfs does not implement is unsupported too.
  EXPECT_EQ(MakeCodecError(R"({"id":"bz2","level":1})").code(), ErrorCode::kUnsupported);
}

TEST(CodecRegistryTest, MalformedConfigurationIsInvalidArgument) {
  for (const char* json :
       {"", "{", "[1,2]", "42", R"({"level":1})", R"({"id":7})", R"({"id":null})"}) {
    EXPECT_EQ(MakeCodecError(json).code(), ErrorCode::kInvalidArgument) << json;
  }
}

TEST(CodecRegistryTest, BadParametersNameCodecAndParameter) {
  struct Case {
    const char* json;
    ErrorCode code;
    const char* codec;
    const char* parameter;
  };
  const Case cases[] = {
      {R"({"id":"zlib","level":"1"})", ErrorCode::kInvalidArgument, "zlib", "level"},
      {R"({"id":"zlib","level":1.5})", ErrorCode::kInvalidArgument, "zlib", "level"},
      {R"({"id":"zlib","level":10})", ErrorCode::kInvalidArgument, "zlib", "level"},
      {R"({"id":"gzip","level":-2})", ErrorCode::kInvalidArgument, "gzip", "level"},
      {R"({"id":"zlib","level":99999999999})", ErrorCode::kInvalidArgument, "zlib", "level"},
      {R"({"id":"shuffle","elementsize":-1})", ErrorCode::kInvalidArgument, "shuffle",
       "elementsize"},
      {R"({"id":"shuffle","elementsize":true})", ErrorCode::kInvalidArgument, "shuffle",
       "elementsize"},
      {R"({"id":"blosc","cname":"brotli"})", ErrorCode::kInvalidArgument, "blosc", "cname"},
      {R"({"id":"blosc","cname":5})", ErrorCode::kInvalidArgument, "blosc", "cname"},
      {R"({"id":"blosc","clevel":10})", ErrorCode::kInvalidArgument, "blosc", "clevel"},
      {R"({"id":"blosc","shuffle":3})", ErrorCode::kInvalidArgument, "blosc", "shuffle"},
      {R"({"id":"blosc","blocksize":-4})", ErrorCode::kInvalidArgument, "blosc", "blocksize"},
      {R"({"id":"zstd","level":true})", ErrorCode::kInvalidArgument, "zstd", "level"},
      {R"({"id":"zstd","checksum":1})", ErrorCode::kInvalidArgument, "zstd", "checksum"},
      {R"({"id":"lz4","acceleration":"fast"})", ErrorCode::kInvalidArgument, "lz4", "acceleration"},
      {R"({"id":"delta"})", ErrorCode::kInvalidArgument, "delta", "dtype"},
      {R"({"id":"delta","dtype":4})", ErrorCode::kInvalidArgument, "delta", "dtype"},
      {R"({"id":"delta","dtype":"int32"})", ErrorCode::kInvalidArgument, "delta", "dtype"},
      {R"({"id":"delta","dtype":"<f2"})", ErrorCode::kUnsupported, "delta", "<f2"},
      {R"({"id":"delta","dtype":"<c8"})", ErrorCode::kUnsupported, "delta", "<c8"},
      {R"({"id":"delta","dtype":"<i4","astype":"<i2"})", ErrorCode::kUnsupported, "delta", "<i2"},
      {R"({"id":"zlib","level":1,"speed":"max"})", ErrorCode::kUnsupported, "zlib", "speed"},
      {R"({"id":"fletcher32","x":1})", ErrorCode::kUnsupported, "fletcher32", "'x'"},
  };
  for (const Case& c : cases) {
    Error error = MakeCodecError(c.json);
    EXPECT_EQ(error.code(), c.code) << c.json << ": " << error.ToString();
    EXPECT_NE(error.ToString().find(c.codec), std::string::npos) << error.ToString();
    EXPECT_NE(error.ToString().find(c.parameter), std::string::npos) << error.ToString();
  }
}

TEST(CodecRegistryTest, DeltaAstypeMismatchNamesBothTypes) {
  Error error = MakeCodecError(R"({"id":"delta","dtype":"<i4","astype":"<i2"})");
  EXPECT_NE(error.message().find("<i4"), std::string::npos) << error.message();
  EXPECT_NE(error.message().find("<i2"), std::string::npos) << error.message();
}

TEST(CodecRegistryTest, CodecsAreSharedAndThreadSafeToUse) {
  // Decoding from several threads at once with one codec object: no shared mutable state.
  std::shared_ptr<const Codec> codec = codec_testing::MakeCodecOrFail(R"({"id":"zstd","level":1})");
  ASSERT_NE(codec, nullptr);
  const std::string data = codec_testing::SmoothFloat32Field(50000, 3);
  Result<std::string> encoded = codec->Encode(data);
  ASSERT_TRUE(encoded);
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Result<std::string> decoded = codec->Decode(*encoded, i % 2 == 0 ? data.size() : 0);
        if (decoded && *decoded == data) ++good;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 80);
}

}  // namespace
}  // namespace stacfs
