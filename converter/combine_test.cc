// The combiner on synthetic Datasets whose chunks are inline (no files): the chunk renumbering,
// coordinate materialisation, time re-encoding and every refusal.
#include "converter/combine.h"

#include <cstring>

#include <gtest/gtest.h>

#include "converter/array_reader.h"
#include "converter/dataset_from_references.h"
#include "converter/reference_writer.h"
#include "core/fetch/file_fetcher.h"

namespace stacfs::converter {
namespace {

std::string Doubles(std::initializer_list<double> values) {
  std::string out;
  for (double v : values) out.append(reinterpret_cast<const char*>(&v), 8);
  return out;
}

Variable MakeVariable(const std::string& path, std::vector<std::string> dims, const std::string& zarray,
                      std::vector<InlineChunk> chunks, const std::string& attributes = "{}") {
  Variable v;
  v.path = path;
  v.dims = std::move(dims);
  v.zarray = *ParseArrayMetadata(zarray, path);
  v.inline_chunks = std::move(chunks);
  v.attributes = attributes;
  return v;
}

// A file with `n` time steps starting at `t0` (in `units`), a 2-element lat, and tas(time, lat)
// chunked (time_chunk, 2) with values 100*t + lat.
Dataset File(double t0, int n, const std::string& units = "days since 2000-01-01", int time_chunk = 1,
             const std::string& global = R"({"title":"x"})") {
  Dataset d;
  d.groups.push_back(Group{"", global});
  std::string times;
  for (int i = 0; i < n; ++i) times += Doubles({t0 + i});
  d.variables.push_back(MakeVariable(
      "time", {"time"},
      R"({"zarr_format":2,"shape":[)" + std::to_string(n) + R"(],"chunks":[)" + std::to_string(n) +
          R"(],"dtype":"<f8"})",
      {InlineChunk{0, times}}, R"({"units":")" + units + R"(","calendar":"standard"})"));
  d.variables.push_back(MakeVariable("lat", {"lat"}, R"({"zarr_format":2,"shape":[2],"chunks":[2],"dtype":"<f8"})",
                                     {InlineChunk{0, Doubles({-45, 45})}}));
  std::vector<InlineChunk> chunks;
  for (int c = 0; c * time_chunk < n; ++c) {
    std::string bytes;
    for (int k = 0; k < time_chunk; ++k) {
      double t = t0 + c * time_chunk + k;
      bytes += Doubles({100 * t, 100 * t + 1});
    }
    chunks.push_back(InlineChunk{static_cast<uint64_t>(c), bytes});
  }
  d.variables.push_back(MakeVariable(
      "tas", {"time", "lat"},
      R"({"zarr_format":2,"shape":[)" + std::to_string(n) + R"(,2],"chunks":[)" + std::to_string(time_chunk) +
          R"(,2],"dtype":"<f8","fill_value":"NaN"})",
      chunks));
  return d;
}

std::vector<double> Values(const Dataset& d, const std::string& path) {
  FileFetcher reader;
  for (const Variable& v : d.variables) {
    if (v.path != path) continue;
    auto raw = ReadWholeArray(d, v, reader, 1 << 20);
    EXPECT_TRUE(raw.has_value()) << raw.error().ToString();
    std::vector<double> out(raw->size() / 8);
    std::memcpy(out.data(), raw->data(), raw->size());
    return out;
  }
  ADD_FAILURE() << "no variable " << path;
  return {};
}

Result<Dataset> Combine(std::vector<Dataset> files, CombineOptions options = {}) {
  std::vector<std::string> names;
  for (size_t i = 0; i < files.size(); ++i) names.push_back("f" + std::to_string(i) + ".nc");
  FileFetcher reader;
  return CombineDatasets(std::move(files), names, options, reader);
}

TEST(CombineTest, ConcatenatesAlongTheDetectedDimensionInCoordinateOrder) {
  // Given out of order: the combiner orders by the time coordinate.
  auto combined = Combine([] {
    std::vector<Dataset> v;
    v.push_back(File(3, 3));
    v.push_back(File(0, 3));
    return v;
  }());
  ASSERT_TRUE(combined.has_value()) << combined.error().ToString();
  EXPECT_EQ(Values(*combined, "time"), (std::vector<double>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(Values(*combined, "lat"), (std::vector<double>{-45, 45}));
  std::vector<double> expected;
  for (int t = 0; t < 6; ++t) expected.insert(expected.end(), {100.0 * t, 100.0 * t + 1});
  EXPECT_EQ(Values(*combined, "tas"), expected);
}

TEST(CombineTest, ReencodesTimesWithDifferentUnits) {
  std::vector<Dataset> files;
  files.push_back(File(0, 2, "days since 2000-01-01"));
  files.push_back(File(0, 2, "hours since 2000-01-03"));  // 2000-01-03T00 and T01
  auto combined = Combine(std::move(files));
  ASSERT_TRUE(combined.has_value()) << combined.error().ToString();
  EXPECT_EQ(Values(*combined, "time"), (std::vector<double>{0, 1, 2, 2 + 1.0 / 24}));
  ASSERT_FALSE(combined->warnings.empty());
}

TEST(CombineTest, MisalignedChunksAreMaterialisedWhenSmallRefusedWhenLarge) {
  std::vector<Dataset> files;
  files.push_back(File(0, 3, "days since 2000-01-01", 2));
  files.push_back(File(3, 3, "days since 2000-01-01", 2));
  auto small = Combine(files);
  ASSERT_TRUE(small.has_value()) << small.error().ToString();
  std::vector<double> expected;
  for (int t = 0; t < 6; ++t) expected.insert(expected.end(), {100.0 * t, 100.0 * t + 1});
  EXPECT_EQ(Values(*small, "tas"), expected);
  CombineOptions strict;
  strict.max_materialised_bytes = 16;
  auto refused = Combine(files, strict);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("not start on a chunk boundary"), std::string::npos)
      << refused.error().ToString();
}

TEST(CombineTest, RefusesOverlapsMismatchesAndAmbiguity) {
  auto overlap = Combine({File(0, 3), File(2, 3)});
  ASSERT_FALSE(overlap);
  EXPECT_NE(overlap.error().message().find("overlaps"), std::string::npos);

  Dataset other = File(3, 3);
  other.variables[2].zarray.dtype = *ParseDataType("<f4");
  auto mismatch = Combine({File(0, 3), other});
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message().find("variable 'tas' differs"), std::string::npos);

  Dataset missing = File(3, 3);
  missing.variables.pop_back();
  auto different = Combine({File(0, 3), missing});
  ASSERT_FALSE(different);
  EXPECT_NE(different.error().message().find("missing: tas"), std::string::npos);

  auto same = Combine({File(0, 3), File(0, 3)});
  ASSERT_FALSE(same);
  EXPECT_NE(same.error().message().find("--concat-dim"), std::string::npos);

  Dataset shifted = File(3, 3);
  shifted.variables[1].inline_chunks[0].bytes = Doubles({-40, 40});
  CombineOptions identical;
  identical.concat_dim = "time";
  identical.identical_dims = {"lat"};
  auto not_identical = Combine({File(0, 3), shifted}, identical);
  ASSERT_FALSE(not_identical);
  EXPECT_NE(not_identical.error().message().find("--identical-dims"), std::string::npos);
  auto ambiguous = Combine({File(0, 3), std::move(shifted)});
  ASSERT_FALSE(ambiguous);
  EXPECT_NE(ambiguous.error().message().find("several dimensions differ"), std::string::npos);
}

TEST(CombineTest, GlobalAttributesMergeByRule) {
  auto combined = Combine({File(0, 2, "days since 2000-01-01", 1,
                                R"({"title":"a","time_coverage_start":"2000-01-01","time_coverage_end":"2000-01-02","n":1})"),
                           File(2, 2, "days since 2000-01-01", 1,
                                R"({"title":"a","time_coverage_start":"2000-01-03","time_coverage_end":"2000-01-04","n":2})")});
  ASSERT_TRUE(combined.has_value()) << combined.error().ToString();
  EXPECT_EQ(combined->groups[0].attributes,
            R"({"title":"a","time_coverage_start":"2000-01-01","time_coverage_end":"2000-01-04","n":1})");
  bool warned = false;
  for (const std::string& w : combined->warnings) warned |= w.find("attribute 'n' differs") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(CombineTest, ReferencesRoundTripThroughTheModel) {
  auto combined = Combine({File(0, 2), File(2, 2)});
  ASSERT_TRUE(combined.has_value());
  FileFetcher reader;
  auto refs = ToReferenceSet(*combined, reader, WriteOptions{});
  ASSERT_TRUE(refs.has_value()) << refs.error().ToString();
  EXPECT_TRUE(refs->Find("tas/3.0"));
  EXPECT_NE(refs->Find("tas/.zattrs")->data.find(R"("_ARRAY_DIMENSIONS":["time","lat"])"), std::string::npos);
  auto back = DatasetFromReferences(*refs);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(Values(*back, "tas"), Values(*combined, "tas"));
  EXPECT_EQ(Values(*back, "time"), (std::vector<double>{0, 1, 2, 3}));
}

}  // namespace
}  // namespace stacfs::converter
