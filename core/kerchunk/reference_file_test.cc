#include "core/kerchunk/reference_file.h"

#include <zstd.h>

#include <cmath>

#include <gtest/gtest.h>

#include "core/zarr/array_metadata.h"

namespace stacfs {
namespace {

std::string Zstd(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  out.resize(n);
  return out;
}

// Shaped like kerchunk's SingleHdf5ToZarr output: metadata as JSON strings, NaN inside them.
constexpr char kKerchunkV1[] = R"({
  "version": 1,
  "templates": {"u": "https://data.example.org/cmip6/tas_day.nc"},
  "refs": {
    ".zgroup": "{\"zarr_format\": 2}",
    ".zattrs": "{\"Conventions\": \"CF-1.7\"}",
    "tas/.zarray": "{\"chunks\":[1,2],\"compressor\":null,\"dtype\":\"<f4\",\"fill_value\":NaN,\"filters\":[{\"id\":\"zlib\",\"level\":4}],\"order\":\"C\",\"shape\":[3,2],\"zarr_format\":2}",
    "tas/.zattrs": "{\"_ARRAY_DIMENSIONS\":[\"time\",\"lon\"],\"missing\":NaN}",
    "tas/0.0": ["{{u}}", 8192, 100],
    "tas/1.0": ["{{ u }}", 8292, 101],
    "lon/.zarray": {"chunks":[2],"compressor":null,"dtype":"<f8","fill_value":null,"filters":null,"order":"C","shape":[2],"zarr_format":2},
    "lon/0": "base64:AAAAAAAAAAAAAAAAAADwPw==",
    "notes/0": "1.50"
  }
})";

TEST(ReferenceFileTest, ReadsKerchunkV1) {
  auto set = ParseReferences(kKerchunkV1, {.location = "https://h/refs/x.json"});
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  EXPECT_EQ(set->size(), 9u);
  auto tas = set->Find("tas/1.0");
  ASSERT_TRUE(tas);
  EXPECT_EQ(tas->url, "https://data.example.org/cmip6/tas_day.nc");
  EXPECT_EQ(tas->range, (ByteRange{8292, 101}));
  EXPECT_EQ(set->Find("lon/0")->data, std::string("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xf0\x3f", 16));
  // Raw inline text is kept byte for byte: "1.50" stays "1.50".
  EXPECT_EQ(set->Find("notes/0")->data, "1.50");
  // The NaN inside a string-valued .zarray is read by the lenient metadata parser.
  auto zarray = ParseArrayMetadata(set->Find("tas/.zarray")->data, "tas/.zarray");
  ASSERT_TRUE(zarray.has_value()) << zarray.error().ToString();
  EXPECT_TRUE(std::isnan(zarray->fill_value.real));
  // An object-valued .zarray is held as JSON text.
  EXPECT_TRUE(ParseArrayMetadata(set->Find("lon/.zarray")->data, "lon/.zarray").has_value());
}

TEST(ReferenceFileTest, ReadsVersion0WithBareNaNAndRelativeUrls) {
  constexpr char kV0[] = R"({
    ".zgroup": "{\"zarr_format\":2}",
    "x/.zarray": {"chunks":[2],"dtype":"<f4","fill_value":NaN,"shape":[4],"zarr_format":2},
    "x/0": ["../data/a.nc", 0, 8],
    "x/1": ["b.nc"]
  })";
  auto set = ParseReferences(kV0, {.location = "/srv/refs/set.json"});
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  // A bare NaN in an object-valued document stays a bare NaN (a number), never "NaN" (a string).
  EXPECT_EQ(set->Find("x/.zarray")->data,
            R"({"chunks":[2],"dtype":"<f4","fill_value":NaN,"shape":[4],"zarr_format":2})");
  EXPECT_EQ(set->Find("x/0")->url, "/srv/data/a.nc");
  EXPECT_EQ(set->Find("x/1")->url, "/srv/refs/b.nc");
  EXPECT_EQ(set->Find("x/1")->kind, Reference::Kind::kWholeObject);
  auto http = ParseReferences(kV0, {.location = "https://h/refs/set.json"});
  EXPECT_EQ(http->Find("x/0")->url, "https://h/data/a.nc");
  auto nowhere = ParseReferences(kV0, {});
  ASSERT_FALSE(nowhere);
  EXPECT_NE(nowhere.error().ToString().find("relative URL"), std::string::npos);
}

TEST(ReferenceFileTest, ZstdCompressedFilesAreRecognisedByMagic) {
  std::string compressed = Zstd(kKerchunkV1);
  auto set = ParseReferences(compressed, {.location = "https://h/x.json"});
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  EXPECT_EQ(set->size(), 9u);
  auto truncated = ParseReferences(compressed.substr(0, compressed.size() / 2),
                                   {.location = "https://h/x.json.zst"});
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code(), ErrorCode::kCorrupt);
  EXPECT_NE(truncated.error().ToString().find("https://h/x.json.zst"), std::string::npos);
  auto bounded = ParseReferences(compressed, {.location = "z", .max_decompressed_bytes = 100});
  EXPECT_EQ(bounded.error().code(), ErrorCode::kResourceExhausted);
}

TEST(ReferenceFileTest, BadInputGivesErrorsNamingFileAndKey) {
  auto expect_error = [](std::string_view json, ErrorCode code, std::string_view fragment) {
    auto set = ParseReferences(json, {.location = "/r/refs.json"});
    ASSERT_FALSE(set) << json;
    EXPECT_EQ(set.error().code(), code) << set.error().ToString();
    EXPECT_NE(set.error().ToString().find(fragment), std::string::npos) << set.error().ToString();
  };
  expect_error(R"({"version":1,"refs":{"a/0":["u",1]}})", ErrorCode::kInvalidArgument,
               "/r/refs.json: key 'a/0': expected [url] or [url, offset, length]");
  expect_error(R"({"version":1,"refs":{"a/0":["u",-1,2]}})", ErrorCode::kInvalidArgument,
               "key 'a/0': 'offset' must be a non-negative integer");
  expect_error(R"({"version":1,"refs":{"a/0":[3,1,2]}})", ErrorCode::kInvalidArgument,
               "URL must be a string");
  expect_error(R"({"version":1,"refs":{"a/0":5}})", ErrorCode::kInvalidArgument,
               "key 'a/0': value must be");
  expect_error(R"({"version":1,"refs":{"a/0":"base64:@@"}})", ErrorCode::kInvalidArgument,
               "invalid base64");
  expect_error(R"({"version":1,"refs":{"a/0":["{{nope}}",1,2]}})", ErrorCode::kInvalidArgument,
               "undefined template 'nope'");
  expect_error(R"({"version":1,"gen":[{"key":"a/{{i}}"}],"refs":{}})", ErrorCode::kUnsupported,
               "'gen'");
  expect_error(R"({"version":2,"refs":{}})", ErrorCode::kUnsupported, "version 2");
  expect_error(R"({"version":1})", ErrorCode::kInvalidArgument, "no 'refs' object");
  expect_error(R"({"version":1,"refs":{"a/0":["u",1,)", ErrorCode::kInvalidArgument,
               "/r/refs.json: malformed JSON");
  expect_error("[1,2]", ErrorCode::kInvalidArgument, "must be a JSON object");
  expect_error("PAR1....", ErrorCode::kUnsupported, "Parquet");
  expect_error(R"({"v/.zarray":"{\"zarr_format\":2,\"shape\":[2],\"chunks\":[0],\"dtype\":\"<f4\"}"})",
               ErrorCode::kInvalidArgument, "key 'v/.zarray'");
}

TEST(ReferenceFileTest, WritesStrictV1AndReadsItBack) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline(".zgroup", R"({"zarr_format":2})"));
  ASSERT_TRUE(b.AddInline("v/.zarray", R"({"zarr_format":2,"shape":[3],"chunks":[1],"dtype":"<f4"})"));
  ASSERT_TRUE(b.AddInline("v/0", "1.50"));
  ASSERT_TRUE(b.AddInline("v/1", std::string("\xff\x00\x01", 3)));
  ASSERT_TRUE(b.AddInline("v/2", "base64:looks-like-a-prefix"));
  b.AddRange("w/0", "https://h/a.nc", {10, 20});
  ReferenceSet set = std::move(b).Build();
  auto json = SerializeReferences(set);
  ASSERT_TRUE(json.has_value()) << json.error().ToString();
  EXPECT_EQ(*json,
            "{\"version\":1,\"refs\":{\n"
            "\".zgroup\":\"{\\\"zarr_format\\\":2}\",\n"
            "\"v/.zarray\":\"{\\\"zarr_format\\\":2,\\\"shape\\\":[3],\\\"chunks\\\":[1],\\\"dtype\\\":\\\"<f4\\\"}\",\n"
            "\"w/0\":[\"https://h/a.nc\",10,20],\n"
            "\"v/0\":\"1.50\",\n"
            "\"v/1\":\"base64:/wAB\",\n"
            "\"v/2\":\"base64:YmFzZTY0Omxvb2tzLWxpa2UtYS1wcmVmaXg=\"\n"
            "}}\n");
  auto back = ParseReferences(*json, {});
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(back->Find("v/1")->data, std::string("\xff\x00\x01", 3));
  EXPECT_EQ(back->Find("v/2")->data, "base64:looks-like-a-prefix");
  EXPECT_EQ(back->Find("v/0")->data, "1.50");
}

TEST(ReferenceFileTest, RefusesToWriteRelativeUrls) {
  ReferenceSetBuilder b;
  b.AddRange("w/0", "data/a.nc", {0, 1});
  auto json = SerializeReferences(std::move(b).Build());
  ASSERT_FALSE(json);
  EXPECT_NE(json.error().ToString().find("not absolute"), std::string::npos);
}

}  // namespace
}  // namespace stacfs
