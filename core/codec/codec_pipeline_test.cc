#include <gtest/gtest.h>

#include "core/codec/codec_test_util.h"

namespace stacfs {
namespace {

CodecPipeline PipelineFrom(const codec_testing::GoldenPipeline& golden) {
  std::vector<std::shared_ptr<const Codec>> filters;
  for (const std::string& config : golden.filter_configs) {
    filters.push_back(codec_testing::MakeCodecOrFail(config));
  }
  std::shared_ptr<const Codec> compressor;
  if (golden.compressor_config)
    compressor = codec_testing::MakeCodecOrFail(*golden.compressor_config);
  return CodecPipeline(std::move(filters), std::move(compressor));
}

// Chunks written by zarr itself: shuffle+zlib, blosc alone, delta+blosc, delta+shuffle+zstd.
TEST(CodecPipelineTest, DecodesZarrChunks) {
  std::set<std::string> names;
  for (const codec_testing::GoldenPipeline& golden : codec_testing::Manifest().pipelines) {
    SCOPED_TRACE(golden.name);
    names.insert(golden.name);
    const CodecPipeline pipeline = PipelineFrom(golden);
    const std::string input = codec_testing::GoldenInput(golden.input);
    const std::string encoded = codec_testing::GoldenEncoded(golden.name);
    for (size_t chunk_nbytes : {input.size(), size_t{0}}) {
      Result<std::string> decoded = pipeline.Decode(encoded, chunk_nbytes);
      ASSERT_TRUE(decoded) << decoded.error().ToString();
      EXPECT_TRUE(*decoded == input);
    }
    Result<std::string> ours = pipeline.Encode(input);
    ASSERT_TRUE(ours) << ours.error().ToString();
    Result<std::string> round_trip = pipeline.Decode(*ours, input.size());
    ASSERT_TRUE(round_trip) << round_trip.error().ToString();
    EXPECT_TRUE(*round_trip == input);
  }
  EXPECT_TRUE(names.count("pipeline_shuffle_zlib"));
  EXPECT_TRUE(names.count("pipeline_blosc"));
}

TEST(CodecPipelineTest, AppliesFiltersInOrderAndCompressorLast) {
  std::shared_ptr<const Codec> delta =
      codec_testing::MakeCodecOrFail(R"({"id":"delta","dtype":"<u2"})");
  std::shared_ptr<const Codec> checksum = codec_testing::MakeCodecOrFail(R"({"id":"fletcher32"})");
  std::shared_ptr<const Codec> zlib = codec_testing::MakeCodecOrFail(R"({"id":"zlib","level":1})");
  const CodecPipeline pipeline({delta, checksum}, zlib);
  const std::string input("\x01\x00\x03\x00\x06\x00", 6);

  Result<std::string> encoded = pipeline.Encode(input);
  ASSERT_TRUE(encoded);
  // By hand: delta, then fletcher32, then zlib.
  std::string expected = *delta->Encode(input);
  expected = *checksum->Encode(expected);
  expected = *zlib->Encode(expected);
  EXPECT_EQ(*encoded, expected);

  Result<std::string> decoded = pipeline.Decode(*encoded, input.size());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, input);
}

TEST(CodecPipelineTest, ErrorsCarryTheCodecIdAsContext) {
  std::shared_ptr<const Codec> shuffle = codec_testing::MakeCodecOrFail(R"({"id":"shuffle"})");
  std::shared_ptr<const Codec> zlib = codec_testing::MakeCodecOrFail(R"({"id":"zlib"})");
  const CodecPipeline pipeline({shuffle}, zlib);
  Result<std::string> decoded = pipeline.Decode("not zlib at all", 64);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kCorrupt);
  ASSERT_FALSE(decoded.error().context().empty());
  EXPECT_EQ(decoded.error().context().front(), "zlib");
  EXPECT_EQ(decoded.error().ToString().rfind("zlib: ", 0), 0u) << decoded.error().ToString();

  std::shared_ptr<const Codec> checksum = codec_testing::MakeCodecOrFail(R"({"id":"fletcher32"})");
  const CodecPipeline checked({checksum}, zlib);
  Result<std::string> encoded = zlib->Encode("abcdefgh");  // no checksum trailer inside
  ASSERT_TRUE(encoded);
  decoded = checked.Decode(*encoded, 4);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().context().front(), "fletcher32");
}

TEST(CodecPipelineTest, EmptyPipelineCopies) {
  const CodecPipeline pipeline;
  EXPECT_TRUE(pipeline.empty());
  EXPECT_EQ(*pipeline.Decode("abc", 3), "abc");
  EXPECT_EQ(*pipeline.Encode("abc"), "abc");
}

TEST(CodecPipelineTest, VlenUtf8FilterIsReportedUnsupported) {
  const CodecPipeline pipeline({codec_testing::MakeCodecOrFail(R"({"id":"vlen-utf8"})")},
                               codec_testing::MakeCodecOrFail(R"({"id":"zstd"})"));
  Result<std::string> encoded = codec_testing::MakeCodecOrFail(R"({"id":"zstd"})")
                                    ->Encode(std::string("\x00\x00\x00\x00", 4));
  ASSERT_TRUE(encoded);
  Result<std::string> decoded = pipeline.Decode(*encoded, 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(decoded.error().ToString().find("DecodeVlenUtf8"), std::string::npos);
}

}  // namespace
}  // namespace stacfs
