// A Zarr store served from its consolidated metadata: every document inline, every chunk of
// every grid a whole-object reference under the store's URL.
#include "catalog/mount/zarr_store_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MemoryFetcher;

// A group with a 2-D array "tas" (3×5 in chunks of 2×2: a 2×3 grid), a root coordinate "lat"
// in one chunk, and "sub/w" with '/' as dimension separator. "tas" has a non-ASCII attribute.
constexpr const char* kZmetadata = R"({
  "metadata": {
    ".zgroup": {"zarr_format": 2},
    ".zattrs": {"title": "test"},
    "tas/.zarray": {"chunks": [2, 2], "compressor": {"id": "zlib", "level": 1}, "dtype": "<f4",
                    "fill_value": NaN, "filters": null, "order": "C", "shape": [3, 5], "zarr_format": 2},
    "tas/.zattrs": {"_ARRAY_DIMENSIONS": ["lat", "lon"], "units": "°C"},
    "lat/.zarray": {"chunks": [3], "compressor": null, "dtype": "<f8", "fill_value": null,
                    "filters": null, "order": "C", "shape": [3], "zarr_format": 2},
    "sub/.zgroup": {"zarr_format": 2},
    "sub/w/.zarray": {"chunks": [1, 1], "compressor": null, "dtype": "|u1", "fill_value": 0,
                      "filters": null, "order": "C", "shape": [2, 1], "zarr_format": 2,
                      "dimension_separator": "/"}
  },
  "zarr_consolidated_format": 1
})";

std::vector<std::string> Keys(const ReferenceSet& refs) {
  std::vector<std::string> keys;
  refs.ForEach([&](std::string_view key, const Reference&) { keys.emplace_back(key); });
  std::sort(keys.begin(), keys.end());
  return keys;
}

TEST(ZarrStoreSourceTest, MetadataInlineAndEveryChunkAWholeObject) {
  auto files = std::make_shared<MemoryFetcher>();
  files->Put("/data/store.zarr/.zmetadata", kZmetadata);
  ZarrStoreSource store(files, "/data/store.zarr/", 1000);  // the trailing slash is dropped
  EXPECT_EQ(store.Describe(), "/data/store.zarr/.zmetadata");
  auto loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  const ReferenceSet& refs = **loaded;
  EXPECT_THAT(Keys(refs),
              ElementsAre(".zattrs", ".zgroup", ".zmetadata", "lat/.zarray", "lat/0", "sub/.zgroup",
                          "sub/w/.zarray", "sub/w/0/0", "sub/w/1/0", "tas/.zarray", "tas/.zattrs", "tas/0.0",
                          "tas/0.1", "tas/0.2", "tas/1.0", "tas/1.1", "tas/1.2"));
  auto chunk = refs.Find("tas/1.2");
  ASSERT_TRUE(chunk);
  EXPECT_EQ(chunk->kind, Reference::Kind::kWholeObject);
  EXPECT_EQ(chunk->url, "/data/store.zarr/tas/1.2");
  auto nested = refs.Find("sub/w/1/0");
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->url, "/data/store.zarr/sub/w/1/0");
  auto lat = refs.Find("lat/0");
  ASSERT_TRUE(lat);
  EXPECT_EQ(lat->url, "/data/store.zarr/lat/0");

  // Documents are served as JSON zarr-python 2 reads: ASCII, NaN as Zarr's string.
  auto zarray = refs.Find("tas/.zarray");
  ASSERT_TRUE(zarray && zarray->kind == Reference::Kind::kInline);
  EXPECT_THAT(std::string(zarray->data), HasSubstr(R"("fill_value":"NaN")"));
  EXPECT_THAT(std::string(zarray->data), HasSubstr(R"("shape":[3,5])"));
  auto zattrs = refs.Find("tas/.zattrs");
  ASSERT_TRUE(zattrs);
  EXPECT_THAT(std::string(zattrs->data), HasSubstr(R"("units":"\u00b0C")"));
  auto consolidated = refs.Find(".zmetadata");
  ASSERT_TRUE(consolidated);
  EXPECT_THAT(std::string(consolidated->data), HasSubstr(R"("zarr_consolidated_format":1)"));
  EXPECT_THAT(std::string(consolidated->data), HasSubstr(R"("sub/w/.zarray":)"));
  // Only the metadata was fetched: chunks are read by the mount when asked for.
  EXPECT_THAT(files->fetched(), ElementsAre("/data/store.zarr/.zmetadata"));
}

TEST(ZarrStoreSourceTest, WithoutConsolidatedMetadataSaysSo) {
  auto files = std::make_shared<MemoryFetcher>();
  ZarrStoreSource store(files, "/data/plain.zarr", 1000);
  auto loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), ErrorCode::kUnsupported);
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("/data/plain.zarr has no consolidated metadata (.zmetadata)"));
}

TEST(ZarrStoreSourceTest, MalformedMetadataNamesTheStore) {
  auto files = std::make_shared<MemoryFetcher>();
  files->Put("/data/bad.zarr/.zmetadata",
             R"({"metadata":{"v/.zarray":{"chunks":[2],"shape":[3,3],"dtype":"<f4","zarr_format":2,)"
             R"("compressor":null,"fill_value":null,"filters":null,"order":"C"}},"zarr_consolidated_format":1})");
  auto loaded = ZarrStoreSource(files, "/data/bad.zarr", 1000).Load();
  ASSERT_FALSE(loaded);
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("/data/bad.zarr/.zmetadata"));
}

TEST(ZarrStoreSourceTest, RefusesStoresBeyondTheChunkBudget) {
  auto files = std::make_shared<MemoryFetcher>();
  files->Put("/data/store.zarr/.zmetadata", kZmetadata);  // 6 + 1 + 2 = 9 chunks
  auto loaded = ZarrStoreSource(files, "/data/store.zarr", 8).Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("more than 8 chunks"));
  EXPECT_TRUE(ZarrStoreSource(files, "/data/store.zarr", 9).Load().has_value());
}

}  // namespace
}  // namespace stacfs::catalog
