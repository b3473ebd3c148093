#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "core/json/json.h"
#include "core/zarr/array_metadata.h"
#include "core/zarr/chunk_key.h"
#include "core/zarr/dtype.h"

namespace stacfs {
namespace {

TEST(DataTypeTest, ParsesAndPrintsTypestrs) {
  const char* canonical[] = {"<f4", ">f8", "|u1", "<i2", ">u8", "|b1", "|S10", "<U5",
                             ">U3", "|O",  "<M8[ns]", "<m8[s]", "<c16", "|V7"};
  for (const char* text : canonical) {
    auto type = ParseDataType(text);
    ASSERT_TRUE(type.has_value()) << text << ": " << type.error().ToString();
    EXPECT_EQ(type->ToString(), text);
  }
  EXPECT_EQ(ParseDataType("<U5")->itemsize, 20u);
  EXPECT_TRUE(ParseDataType(">i4")->NeedsSwap());
  EXPECT_FALSE(ParseDataType(">u1")->NeedsSwap());
  EXPECT_EQ(ParseDataType("<i1")->ToString(), "|i1");
  EXPECT_EQ(ParseDataType("<i3").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseDataType("<x4").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseDataType("[[\"a\",\"<f4\"]]").error().code(), ErrorCode::kUnsupported);
}

TEST(ChunkKeyTest, BothSeparatorsRoundTrip) {
  uint64_t index[3] = {0, 12, 3};
  EXPECT_EQ(FormatChunkKey(index, '.'), "0.12.3");
  EXPECT_EQ(FormatChunkKey(index, '/'), "0/12/3");
  uint64_t parsed[3];
  ASSERT_TRUE(ParseChunkKey("0/12/3", '/', parsed).has_value());
  EXPECT_EQ(parsed[1], 12u);
  EXPECT_FALSE(ParseChunkKey("0.12.3", '/', parsed).has_value());
  EXPECT_FALSE(ParseChunkKey("0.12", '.', parsed).has_value());
  EXPECT_FALSE(ParseChunkKey("0.12.3.4", '.', parsed).has_value());
  EXPECT_FALSE(ParseChunkKey("0.012.3", '.', parsed).has_value());
  EXPECT_FALSE(ParseChunkKey("0.-1.3", '.', parsed).has_value());
  EXPECT_EQ(FormatChunkKey({}, '.'), "0");
  EXPECT_TRUE(ParseChunkKey("0", '.', std::span<uint64_t>()).has_value());
}

TEST(ChunkKeyTest, LinearIndexIsRowMajor) {
  uint64_t grid[3] = {2, 3, 4};
  uint64_t index[3] = {1, 2, 3};
  uint64_t linear = 0;
  ASSERT_TRUE(LinearChunkIndex(index, grid, &linear));
  EXPECT_EQ(linear, 1u * 12 + 2 * 4 + 3);
  uint64_t back[3];
  ChunkIndexFromLinear(linear, grid, back);
  EXPECT_EQ(back[0], 1u);
  EXPECT_EQ(back[1], 2u);
  EXPECT_EQ(back[2], 3u);
  uint64_t outside[3] = {2, 0, 0};
  EXPECT_FALSE(LinearChunkIndex(outside, grid, &linear));
}

// Shaped like what zarr-python 2 and kerchunk write.
constexpr char kZarray[] = R"({
    "chunks": [1, 90, 180],
    "compressor": null,
    "dtype": "<f4",
    "fill_value": NaN,
    "filters": [{"elementsize": 4, "id": "shuffle"}, {"id": "zlib", "level": 4}],
    "order": "C",
    "shape": [10, 180, 360],
    "zarr_format": 2
})";

TEST(ArrayMetadataTest, ParsesKerchunkStyleZarray) {
  auto m = ParseArrayMetadata(kZarray, "tas/.zarray");
  ASSERT_TRUE(m.has_value()) << m.error().ToString();
  EXPECT_EQ(m->shape, (std::vector<uint64_t>{10, 180, 360}));
  EXPECT_EQ(m->ChunkBytes(), 90u * 180 * 4);
  EXPECT_EQ(m->ChunkGrid(), (std::vector<uint64_t>{10, 2, 2}));
  EXPECT_EQ(m->NumChunks(), 40u);
  EXPECT_TRUE(m->compressor.empty());
  ASSERT_EQ(m->filters.size(), 2u);
  EXPECT_EQ(m->filters[0], R"({"elementsize":4,"id":"shuffle"})");
  EXPECT_EQ(m->fill_value.kind, FillValue::Kind::kFloat);
  EXPECT_TRUE(std::isnan(m->fill_value.real));
  EXPECT_EQ(m->dimension_separator, '.');
}

TEST(ArrayMetadataTest, WritesCanonicalJsonThatReadsBack) {
  auto m = *ParseArrayMetadata(kZarray, "x");
  std::string json = ArrayMetadataToJson(m);
  EXPECT_EQ(json,
            R"({"chunks":[1,90,180],"compressor":null,"dimension_separator":".","dtype":"<f4",)"
            R"("fill_value":"NaN","filters":[{"elementsize":4,"id":"shuffle"},{"id":"zlib",)"
            R"("level":4}],"order":"C","shape":[10,180,360],"zarr_format":2})");
  auto again = ParseArrayMetadata(json, "x");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(ArrayMetadataToJson(*again), json);
}

TEST(ArrayMetadataTest, FillValuesPerDtype) {
  auto parse = [](const std::string& dtype, const std::string& fill) {
    return ParseArrayMetadata(R"({"zarr_format":2,"shape":[4],"chunks":[2],"dtype":")" + dtype +
                                  R"(","fill_value":)" + fill + "}",
                              "t");
  };
  auto ints = parse("<i2", "-9999.0");
  ASSERT_TRUE(ints.has_value()) << ints.error().ToString();
  EXPECT_EQ(ints->fill_value.int_value, -9999);
  EXPECT_EQ(*FillValueElementBytes(ints->fill_value, ints->dtype), std::string("\xf1\xd8", 2));
  auto big = parse(">i4", "1");
  EXPECT_EQ(*FillValueElementBytes(big->fill_value, big->dtype), std::string("\0\0\0\1", 4));
  auto bytes = parse("|S3", R"("YWI=")");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*FillValueElementBytes(bytes->fill_value, bytes->dtype), std::string("ab\0", 3));
  auto text = parse("<U2", R"("hi")");
  EXPECT_EQ(text->fill_value.bytes, "hi");
  auto infinite = parse(">f8", R"("-Infinity")");
  std::string element = *FillValueElementBytes(infinite->fill_value, infinite->dtype);
  EXPECT_EQ(element, std::string("\xff\xf0\0\0\0\0\0\0", 8));
  auto none = parse("<f4", "null");
  EXPECT_TRUE(none->fill_value.is_null());
  auto nat = parse("<M8[ns]", R"("NaT")");
  EXPECT_EQ(nat->fill_value.int_value, INT64_MIN);
  EXPECT_EQ(parse("<i2", "1.5").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parse("<u2", "-1").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parse("|S3", R"("@@")").error().code(), ErrorCode::kInvalidArgument);
}

TEST(ArrayMetadataTest, RefusesWhatWouldGiveWrongBytes) {
  auto bad = [](const std::string& json) { return ParseArrayMetadata(json, "v/.zarray"); };
  EXPECT_FALSE(bad(R"({"zarr_format":2,"shape":[4,4],"chunks":[2],"dtype":"<f4"})"));
  EXPECT_FALSE(bad(R"({"zarr_format":2,"shape":[4],"chunks":[0],"dtype":"<f4"})"));
  EXPECT_FALSE(bad(R"({"zarr_format":3,"shape":[4],"chunks":[2],"dtype":"<f4"})"));
  EXPECT_FALSE(bad(R"({"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<f4","order":"X"})"));
  EXPECT_FALSE(bad(R"({"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<f4",)"
                   R"("compressor":"zlib"})"));
  EXPECT_FALSE(bad(R"({"zarr_format":2,"shape":[4],"chunks":[4294967296,4294967296],)"
                   R"("dtype":"<f8"})"));
  auto missing = bad(R"({"zarr_format":2,"shape":[4],"chunks":[2]})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().ToString(), "v/.zarray: 'dtype' is missing");
  auto slash = bad(R"({"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"<f4",)"
                   R"("dimension_separator":"/"})");
  ASSERT_TRUE(slash.has_value());
  EXPECT_EQ(slash->dimension_separator, '/');
}

TEST(ConsolidatedMetadataTest, RoundTrip) {
  std::map<std::string, std::string> docs = {
      {".zgroup", R"({"zarr_format":2})"},
      {"tas/.zattrs", R"({"_ARRAY_DIMENSIONS":["time"],"units":"K"})"},
  };
  std::string json = ConsolidatedMetadataToJson(docs);
  auto parsed = ParseConsolidatedMetadata(json, ".zmetadata");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(*parsed, docs);
  EXPECT_FALSE(ParseConsolidatedMetadata(R"({"metadata":{}})", "m").has_value());
  EXPECT_TRUE(ValidateGroupMetadata(R"({"zarr_format":2})", "g").has_value());
  EXPECT_FALSE(ValidateGroupMetadata(R"({"zarr_format":3})", "g").has_value());
  EXPECT_FALSE(ValidateAttributes("[1]", "a").has_value());
}

}  // namespace
}  // namespace stacfs
