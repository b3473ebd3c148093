// The combiner along several dimensions at once: files as tiles of a hypercube (members x
// time blocks), on synthetic Datasets whose chunks are inline (no files).
#include <algorithm>
#include <cstring>

#include <gtest/gtest.h>

#include "converter/array_reader.h"
#include "converter/combine.h"
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

double Tas(int member, double t, int lat) { return 1000 * member + 100 * t + lat; }

// One tile: member `member` (a coordinate of length 1), `n` days from `t0`, lat of 2, and
// tas(member, time, lat) chunked (1, time_chunk, 2) — member leading, so that tiles listed
// time-major do not come in chunk order. Also a variable along time only (`doy`) and one along
// member only (`height`).
Dataset Tile(int member, double t0, int n, int time_chunk = 1) {
  Dataset d;
  d.groups.push_back(Group{"", R"({"title":"ensemble"})"});
  std::string times;
  for (int i = 0; i < n; ++i) times += Doubles({t0 + i});
  std::string n_text = std::to_string(n);
  d.variables.push_back(MakeVariable("time", {"time"},
                                     R"({"zarr_format":2,"shape":[)" + n_text + R"(],"chunks":[)" + n_text +
                                         R"(],"dtype":"<f8"})",
                                     {InlineChunk{0, times}}, R"({"units":"days since 2000-01-01","calendar":"standard"})"));
  d.variables.push_back(MakeVariable("member", {"member"}, R"({"zarr_format":2,"shape":[1],"chunks":[1],"dtype":"<f8"})",
                                     {InlineChunk{0, Doubles({static_cast<double>(member)})}}));
  d.variables.push_back(MakeVariable("lat", {"lat"}, R"({"zarr_format":2,"shape":[2],"chunks":[2],"dtype":"<f8"})",
                                     {InlineChunk{0, Doubles({-45, 45})}}));
  d.variables.push_back(MakeVariable("doy", {"time"},
                                     R"({"zarr_format":2,"shape":[)" + n_text + R"(],"chunks":[)" + n_text +
                                         R"(],"dtype":"<f8"})",
                                     {InlineChunk{0, times}}));
  d.variables.push_back(MakeVariable("height", {"member"}, R"({"zarr_format":2,"shape":[1],"chunks":[1],"dtype":"<f8"})",
                                     {InlineChunk{0, Doubles({2.0 + member})}}));
  std::vector<InlineChunk> chunks;
  for (int c = 0; c * time_chunk < n; ++c) {
    std::string bytes;
    for (int k = 0; k < time_chunk; ++k) {
      double t = t0 + c * time_chunk + k;
      bytes += Doubles({Tas(member, t, 0), Tas(member, t, 1)});
    }
    chunks.push_back(InlineChunk{static_cast<uint64_t>(c), bytes});
  }
  d.variables.push_back(MakeVariable("tas", {"member", "time", "lat"},
                                     R"({"zarr_format":2,"shape":[1,)" + n_text + R"(,2],"chunks":[1,)" +
                                         std::to_string(time_chunk) + R"(,2],"dtype":"<f8","fill_value":"NaN"})",
                                     chunks));
  return d;
}

const Variable* Find(const Dataset& d, const std::string& path) {
  for (const Variable& v : d.variables) {
    if (v.path == path) return &v;
  }
  return nullptr;
}

std::vector<double> Values(const Dataset& d, const std::string& path) {
  FileFetcher reader;
  const Variable* v = Find(d, path);
  if (v == nullptr) {
    ADD_FAILURE() << "no variable " << path;
    return {};
  }
  auto raw = ReadWholeArray(d, *v, reader, 1 << 20);
  EXPECT_TRUE(raw.has_value()) << raw.error().ToString();
  if (!raw) return {};
  std::vector<double> out(raw->size() / 8);
  std::memcpy(out.data(), raw->data(), raw->size());
  return out;
}

struct Named {
  std::vector<Dataset> files;
  std::vector<std::string> names;
  void Add(Dataset d, std::string name) {
    files.push_back(std::move(d));
    names.push_back(std::move(name));
  }
};

// 2 members x 3 blocks of 3 days, listed in a scrambled order, named m<member>_t<t0>.nc.
Named Ensemble(int time_chunk = 1) {
  Named n;
  for (auto [m, t0] : {std::pair{1, 3}, {0, 6}, {1, 0}, {0, 0}, {1, 6}, {0, 3}}) {
    n.Add(Tile(m, t0, 3, time_chunk), "m" + std::to_string(m) + "_t" + std::to_string(t0) + ".nc");
  }
  return n;
}

Result<Dataset> Combine(Named n, std::vector<std::string> dims = {"time", "member"}, CombineOptions options = {}) {
  options.concat_dims = std::move(dims);
  FileFetcher reader;
  return CombineDatasets(std::move(n.files), n.names, options, reader);
}

std::vector<double> ExpectedTas() {
  std::vector<double> expected;
  for (int m = 0; m < 2; ++m) {
    for (int t = 0; t < 9; ++t) expected.insert(expected.end(), {Tas(m, t, 0), Tas(m, t, 1)});
  }
  return expected;
}

TEST(CombineHypercubeTest, CombinesTwoMembersByThreeTimeBlocks) {
  auto combined = Combine(Ensemble());
  ASSERT_TRUE(combined.has_value()) << combined.error().ToString();
  const Variable* tas = Find(*combined, "tas");
  ASSERT_NE(tas, nullptr);
  EXPECT_EQ(tas->zarray.shape, (std::vector<uint64_t>{2, 9, 2}));
  EXPECT_EQ(tas->zarray.chunks, (std::vector<uint64_t>{1, 1, 2}));
  EXPECT_EQ(tas->inline_chunks.size(), 18u);
  EXPECT_TRUE(std::is_sorted(tas->inline_chunks.begin(), tas->inline_chunks.end(),
                             [](const InlineChunk& a, const InlineChunk& b) { return a.linear < b.linear; }));
  EXPECT_EQ(Values(*combined, "time"), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(Values(*combined, "member"), (std::vector<double>{0, 1}));
  EXPECT_EQ(Values(*combined, "lat"), (std::vector<double>{-45, 45}));
  EXPECT_EQ(Values(*combined, "doy"), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(Values(*combined, "height"), (std::vector<double>{2, 3}));
  EXPECT_EQ(Values(*combined, "tas"), ExpectedTas());

  FileFetcher reader;
  auto refs = ToReferenceSet(*combined, reader, WriteOptions{});
  ASSERT_TRUE(refs.has_value()) << refs.error().ToString();
  EXPECT_TRUE(refs->Find("tas/0.0.0"));
  EXPECT_TRUE(refs->Find("tas/1.8.0"));
  EXPECT_FALSE(refs->Find("tas/2.0.0"));
  EXPECT_FALSE(refs->Find("tas/0.9.0"));
}

TEST(CombineHypercubeTest, TheOrderOfTheDimensionsDoesNotChangeTheResult) {
  auto a = Combine(Ensemble(), {"time", "member"});
  auto b = Combine(Ensemble(), {"member", "time"});
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  ASSERT_TRUE(b.has_value()) << b.error().ToString();
  EXPECT_EQ(Values(*b, "tas"), Values(*a, "tas"));
  EXPECT_EQ(Values(*b, "time"), Values(*a, "time"));
}

TEST(CombineHypercubeTest, MisalignedTilesAreMaterialisedWhenSmallRefusedWhenLarge) {
  auto small = Combine(Ensemble(2));  // blocks of 3 days in chunks of 2
  ASSERT_TRUE(small.has_value()) << small.error().ToString();
  EXPECT_EQ(Values(*small, "tas"), ExpectedTas());
  CombineOptions strict;
  strict.max_materialised_bytes = 16;
  auto refused = Combine(Ensemble(2), {"time", "member"}, strict);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("not start on a chunk boundary"), std::string::npos)
      << refused.error().ToString();
}

TEST(CombineHypercubeTest, RefusesAMissingTile) {
  Named n = Ensemble();
  n.files.erase(n.files.begin() + 4);  // m1_t6.nc
  n.names.erase(n.names.begin() + 4);
  auto combined = Combine(std::move(n));
  ASSERT_FALSE(combined);
  const std::string& message = combined.error().message();
  EXPECT_NE(message.find("no file holds the tile time=6, member=1"), std::string::npos) << message;
  EXPECT_NE(message.find("m0_t6.nc"), std::string::npos) << message;
  EXPECT_NE(message.find("m1_t3.nc"), std::string::npos) << message;
}

TEST(CombineHypercubeTest, RefusesADuplicatedTile) {
  Named n = Ensemble();
  n.Add(Tile(0, 3, 3), "copy_of_m0_t3.nc");
  auto combined = Combine(std::move(n));
  ASSERT_FALSE(combined);
  const std::string& message = combined.error().message();
  EXPECT_NE(message.find("are the same tile (time=3, member=0)"), std::string::npos) << message;
  EXPECT_NE(message.find("m0_t3.nc"), std::string::npos) << message;
  EXPECT_NE(message.find("copy_of_m0_t3.nc"), std::string::npos) << message;
}

TEST(CombineHypercubeTest, RefusesTilesOfMismatchedExtentInARow) {
  Named n = Ensemble();
  n.files[0] = Tile(1, 3, 2);  // m1_t3.nc holds 2 days where m0_t3.nc holds 3
  auto combined = Combine(std::move(n));
  ASSERT_FALSE(combined);
  const std::string& message = combined.error().message();
  EXPECT_NE(message.find("same extent along 'time'"), std::string::npos) << message;
  EXPECT_NE(message.find("m1_t3.nc"), std::string::npos) << message;
}

TEST(CombineHypercubeTest, RefusesOverlapsAlongEitherDimension) {
  Named n = Ensemble();
  n.files[0] = Tile(1, 2, 3);  // m1_t3.nc starting a day early: overlaps the first block
  auto combined = Combine(std::move(n));
  ASSERT_FALSE(combined);
  EXPECT_NE(combined.error().message().find("overlaps"), std::string::npos) << combined.error().ToString();
}

TEST(CombineHypercubeTest, DetectionNamesTheCandidatesAndSuggestsTheMultiDimensionForm) {
  Named n = Ensemble();
  FileFetcher reader;
  auto combined = CombineDatasets(std::move(n.files), n.names, CombineOptions{}, reader);
  ASSERT_FALSE(combined);
  const std::string& message = combined.error().message();
  EXPECT_NE(message.find("several dimensions differ between the files (time, member"), std::string::npos) << message;
  EXPECT_NE(message.find("--concat-dim time,member"), std::string::npos) << message;
}

TEST(CombineHypercubeTest, RefusesADimensionGivenTwice) {
  auto combined = Combine(Ensemble(), {"time", "time"});
  ASSERT_FALSE(combined);
  EXPECT_NE(combined.error().message().find("given twice"), std::string::npos);
}

}  // namespace
}  // namespace stacfs::converter
