#include "core/kerchunk/reference_set.h"

#include <gtest/gtest.h>

namespace stacfs {
namespace {

constexpr char kZarray[] =
    R"({"zarr_format":2,"shape":[4,6],"chunks":[2,3],"dtype":"<f4","compressor":null,)"
    R"("filters":null,"fill_value":null,"order":"C"})";

TEST(ReferenceSetTest, PacksChunksAndFindsEveryKind) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline(".zgroup", R"({"zarr_format":2})"));
  ASSERT_TRUE(b.AddInline("tas/.zarray", kZarray));
  b.AddRange("tas/1.1", "http://h/a.nc", {1000, 24});
  b.AddRange("tas/0.0", "http://h/a.nc", {100, 24});
  b.AddWholeObject("tas/0.1", "http://h/b.bin");
  ASSERT_TRUE(b.AddInline("tas/1.0", std::string("\0\1\2", 3)));
  ReferenceSet set = std::move(b).Build();

  EXPECT_EQ(set.size(), 6u);
  auto r = set.Find("tas/0.0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Reference::Kind::kRange);
  EXPECT_EQ(r->url, "http://h/a.nc");
  EXPECT_EQ(r->range, (ByteRange{100, 24}));
  EXPECT_EQ(set.Find("tas/0.1")->kind, Reference::Kind::kWholeObject);
  EXPECT_EQ(set.Find("tas/0.1")->url, "http://h/b.bin");
  EXPECT_EQ(set.Find("tas/1.0")->data, std::string_view("\0\1\2", 3));
  EXPECT_EQ(set.Find(".zgroup")->data, R"({"zarr_format":2})");
  EXPECT_FALSE(set.Find("tas/1.2"));   // outside the grid: absent
  EXPECT_FALSE(set.Find("tas/0.2"));   // inside the grid, not referenced: absent
  EXPECT_FALSE(set.Find("pr/0.0"));
  EXPECT_EQ(set.urls().size(), 2u);
  EXPECT_EQ(set.ArrayPaths(), std::vector<std::string>{"tas"});
}

TEST(ReferenceSetTest, ForEachVisitsEveryKeyOnceInOrder) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline("tas/.zarray", kZarray));
  b.AddRange("tas/1.0", "u", {3, 1});
  b.AddRange("tas/0.1", "u", {2, 1});
  ASSERT_TRUE(b.AddInline("tas/.zattrs", "{}"));
  ReferenceSet set = std::move(b).Build();
  std::vector<std::string> keys;
  set.ForEach([&](std::string_view key, const Reference&) { keys.emplace_back(key); });
  EXPECT_EQ(keys, (std::vector<std::string>{"tas/.zarray", "tas/.zattrs", "tas/0.1", "tas/1.0"}));
}

TEST(ReferenceSetTest, LooseKeysAndOneArraysChunksAreVisitedApart) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline(".zgroup", R"({"zarr_format":2})"));
  ASSERT_TRUE(b.AddInline("tas/.zarray", kZarray));
  ASSERT_TRUE(b.AddInline("pr/.zarray", kZarray));
  b.AddRange("tas/1.0", "u", {3, 1});
  b.AddRange("tas/0.1", "u", {2, 1});
  b.AddRange("pr/0.0", "u", {9, 1});
  b.AddRange("orphan/0", "u", {1, 1});
  ReferenceSet set = std::move(b).Build();

  std::vector<std::string> loose;
  set.ForEachLooseKey([&](std::string_view key, const Reference&) { loose.emplace_back(key); });
  EXPECT_EQ(loose, (std::vector<std::string>{".zgroup", "orphan/0", "pr/.zarray", "tas/.zarray"}));

  std::vector<std::pair<std::string, uint64_t>> tas;
  set.ForEachChunk("tas", [&](std::string_view key, const Reference& ref) {
    tas.emplace_back(std::string(key), ref.range.offset);
  });
  EXPECT_EQ(tas, (std::vector<std::pair<std::string, uint64_t>>{{"0.1", 2}, {"1.0", 3}}));
  size_t none = 0;
  set.ForEachChunk("orphan", [&](std::string_view, const Reference&) { ++none; });
  EXPECT_EQ(none, 0u);

  // Positions in the grid (2x2 chunks: 0.1 is number 1, 1.0 is number 2) and what follows.
  auto position = set.PositionOf("tas/0.1");
  ASSERT_TRUE(position);
  EXPECT_EQ(position->array_path, "tas");
  EXPECT_EQ(position->linear, 1u);
  EXPECT_FALSE(set.PositionOf("tas/0.0"));      // absent
  EXPECT_FALSE(set.PositionOf("tas/.zarray"));  // not a chunk
  EXPECT_FALSE(set.PositionOf("orphan/0"));     // loose
  std::vector<uint64_t> after;
  set.ForEachChunkFrom("tas", 1, 5, [&](uint64_t linear, const Reference& ref) {
    after.push_back(linear);
    EXPECT_EQ(ref.url, "u");
  });
  EXPECT_EQ(after, (std::vector<uint64_t>{1, 2}));
  after.clear();
  set.ForEachChunkFrom("tas", 2, 1, [&](uint64_t linear, const Reference&) { after.push_back(linear); });
  EXPECT_EQ(after, (std::vector<uint64_t>{2}));
}

TEST(ReferenceSetTest, LastValueWinsAndEarlyChunksArePacked) {
  ReferenceSetBuilder b;
  b.AddRange("g/v/0/1", "u", {1, 1});  // before its .zarray: kept loose, packed at Build
  ASSERT_TRUE(b.AddInline("g/v/.zarray",
                          R"({"zarr_format":2,"shape":[4,6],"chunks":[2,3],"dtype":"<f4",)"
                          R"("dimension_separator":"/"})"));
  b.AddRange("g/v/0/0", "u", {5, 1});
  b.AddRange("g/v/0/0", "u", {7, 1});
  ReferenceSet set = std::move(b).Build();
  EXPECT_EQ(set.size(), 3u);
  EXPECT_EQ(set.Find("g/v/0/0")->range.offset, 7u);
  EXPECT_EQ(set.Find("g/v/0/1")->range.offset, 1u);
  EXPECT_FALSE(set.Find("g/v/0.1"));
}

TEST(ReferenceSetTest, RootArrayAndOddKeys) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline(".zarray", R"({"zarr_format":2,"shape":[],"chunks":[],"dtype":"<i8"})"));
  ASSERT_TRUE(b.AddInline("0", std::string(8, '\0')));
  b.AddRange("notes/readme", "http://h/readme", {0, 10});
  b.AddRange("huge/0", "http://h/big", {0, uint64_t{5} << 30});  // too long to pack
  ReferenceSet set = std::move(b).Build();
  EXPECT_EQ(set.Find("0")->data.size(), 8u);
  EXPECT_EQ(set.Find("notes/readme")->range.length, 10u);
  EXPECT_EQ(set.Find("huge/0")->range.length, uint64_t{5} << 30);
}

TEST(ReferenceSetTest, MalformedZarrayIsAnErrorNamingTheKey) {
  ReferenceSetBuilder b;
  auto added = b.AddInline("tas/.zarray", R"({"zarr_format":2,"shape":[4]})");
  ASSERT_FALSE(added);
  EXPECT_NE(added.error().ToString().find("tas/.zarray"), std::string::npos);
}

TEST(ReferenceSetTest, MillionReferencesStayCompact) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline("v/.zarray",
                          R"({"zarr_format":2,"shape":[1000000],"chunks":[1],"dtype":"<f8"})"));
  uint32_t url = b.InternUrl("https://data.example.org/archive/file.nc");
  for (uint64_t i = 0; i < 1000000; ++i) b.AddRange("v/" + std::to_string(i), url, {i * 8, 8});
  ReferenceSet set = std::move(b).Build();
  ASSERT_EQ(set.size(), 1000001u);
  EXPECT_EQ(set.Find("v/999999")->range.offset, 999999u * 8);
  double per_reference = static_cast<double>(set.MemoryBytes()) / 1e6;
  EXPECT_LE(per_reference, 48.0);
}

}  // namespace
}  // namespace stacfs
