// Chunk listing on files written with the C API: edge chunks of unlimited dimensions, chunks
// left outside a shrunk extent, unfiltered partial edge chunks, sparse grids, and the cost of
// listing 100,000 chunks.
#include "converter/hdf5/hdf5_chunks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <numeric>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_reader.h"
#include "converter/hdf5/hdf5_test_files.h"
#include "converter/hdf5/hdf5_test_util.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter::hdf5 {
namespace {

using hdf5_testing::CreateDataset;
using hdf5_testing::CreateFile;

class Hdf5ChunksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("stacfs-hdf5-chunks");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
  }

  // Reads `path` both ways, checks they agree, and returns the auto-listed Dataset.
  Dataset ReadBothWays(const std::string& path) {
    auto by_index = hdf5::ReadHdf5File(path, ReadOptions{}, ChunkListing::kByIndex);
    auto by_lookup = hdf5::ReadHdf5File(path, ReadOptions{}, ChunkListing::kByLookup);
    EXPECT_TRUE(by_index.has_value()) << by_index.error().ToString();
    EXPECT_TRUE(by_lookup.has_value()) << by_lookup.error().ToString();
    if (!by_index || !by_lookup) return Dataset{};
    EXPECT_EQ(by_index->variables.size(), by_lookup->variables.size());
    for (size_t v = 0; v < by_index->variables.size() && v < by_lookup->variables.size(); ++v) {
      const auto& a = by_index->variables[v].chunks;
      const auto& b = by_lookup->variables[v].chunks;
      EXPECT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        EXPECT_EQ(a[i].linear, b[i].linear);
        EXPECT_EQ(a[i].offset, b[i].offset);
        EXPECT_EQ(a[i].length, b[i].length);
      }
    }
    return std::move(*by_lookup);
  }

  static std::string Bytes(const std::vector<float>& values) {
    return std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4);
  }

  std::optional<test::TempDir> dir_;
};

TEST_F(Hdf5ChunksTest, UnlimitedDimensionEdgeChunkIsReferencedWholeAndReadsRight) {
  const std::string path = dir_->Join("unlimited.h5");
  std::vector<float> values(5 * 3);
  std::iota(values.begin(), values.end(), 0.5f);
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk[] = {2, 3};
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 2, chunk), 0);
    // time: unlimited, size 5, chunks of 2 → the third chunk holds one valid row.
    CreateDataset(file.get(), "v", H5T_IEEE_F32LE, {5, 3}, values.data(), dcpl.get(),
                  {H5S_UNLIMITED, 3});
    ASSERT_GE(H5Pset_deflate(dcpl.get(), 1), 0);
    CreateDataset(file.get(), "z", H5T_IEEE_F32LE, {5, 3}, values.data(), dcpl.get(),
                  {H5S_UNLIMITED, 3});
  }
  Dataset dataset = ReadBothWays(path);
  ASSERT_EQ(dataset.variables.size(), 2u);
  for (const Variable& variable : dataset.variables) {
    SCOPED_TRACE(variable.path);
    EXPECT_EQ(variable.zarray.shape, (std::vector<uint64_t>{5, 3}));
    EXPECT_EQ(variable.zarray.chunks, (std::vector<uint64_t>{2, 3}));
    ASSERT_EQ(variable.chunks.size(), 3u);
    EXPECT_EQ(variable.chunks[2].linear, 2u);
    if (variable.path == "v") {
      // HDF5 stores the edge chunk whole (2 rows), as Zarr expects to decode it.
      EXPECT_EQ(variable.chunks[2].length, 2u * 3 * 4);
    }
    auto read = hdf5_testing::ReadBack(dataset, variable);
    ASSERT_TRUE(read.has_value()) << read.error().ToString();
    EXPECT_EQ(read->bytes, Bytes(values));
    EXPECT_EQ(variable.dims, (std::vector<std::string>{"phony_dim_0", "phony_dim_1"}));
  }
}

TEST_F(Hdf5ChunksTest, ChunksOutsideAShrunkExtentAreDropped) {
  const std::string path = dir_->Join("shrunk.h5");
  std::vector<float> values(8);
  std::iota(values.begin(), values.end(), 1.0f);
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk = 2;
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
    auto dataset = CreateDataset(file.get(), "v", H5T_IEEE_F32LE, {8}, values.data(), dcpl.get(),
                                 {H5S_UNLIMITED});
    const hsize_t smaller = 3;
    ASSERT_GE(H5Dset_extent(dataset.get(), &smaller), 0);
  }
  Dataset dataset = ReadBothWays(path);
  ASSERT_EQ(dataset.variables.size(), 1u);
  const Variable& variable = dataset.variables[0];
  EXPECT_EQ(variable.zarray.shape, (std::vector<uint64_t>{3}));
  EXPECT_EQ(variable.chunks.size(), 2u);
  auto read = hdf5_testing::ReadBack(dataset, variable);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->bytes, Bytes({1, 2, 3}));
}

TEST_F(Hdf5ChunksTest, UnfilteredPartialEdgeChunksAreReencoded) {
  const std::string path = dir_->Join("partial.h5");
  std::vector<float> values(5);
  std::iota(values.begin(), values.end(), 10.0f);
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk = 2;
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
    ASSERT_GE(H5Pset_shuffle(dcpl.get()), 0);
    ASSERT_GE(H5Pset_deflate(dcpl.get(), 6), 0);
    // HDF5 then stores the partial chunk at the edge without running the filters, and still
    // records filter mask 0 for it: a reference would be decoded with zlib and fail.
    ASSERT_GE(H5Pset_chunk_opts(dcpl.get(), H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS), 0);
    CreateDataset(file.get(), "v", H5T_IEEE_F32LE, {5}, values.data(), dcpl.get());
  }
  Dataset dataset = ReadBothWays(path);
  ASSERT_EQ(dataset.variables.size(), 1u);
  const Variable& variable = dataset.variables[0];
  EXPECT_EQ(variable.chunks.size(), 2u);
  ASSERT_EQ(variable.inline_chunks.size(), 1u);
  EXPECT_EQ(variable.inline_chunks[0].linear, 2u);
  auto read = hdf5_testing::ReadBack(dataset, variable);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->bytes, Bytes(values));
}

TEST_F(Hdf5ChunksTest, SparseGridWithoutFillValueEmbedsTheGaps) {
  const std::string path = dir_->Join("sparse.h5");
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk = 10;
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
    ASSERT_GE(H5Pset_deflate(dcpl.get(), 1), 0);
    auto dataset = CreateDataset(file.get(), "v", H5T_IEEE_F32LE, {1000}, nullptr, dcpl.get());
    DataspaceHandle file_space(H5Dget_space(dataset.get()));
    const float value = 4.0f;
    for (hsize_t start : {hsize_t{0}, hsize_t{999}}) {
      const hsize_t one = 1;
      ASSERT_GE(
          H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &one, nullptr), 0);
      DataspaceHandle memory(H5Screate_simple(1, &one, nullptr));
      ASSERT_GE(H5Dwrite(dataset.get(), H5T_NATIVE_FLOAT, memory.get(), file_space.get(),
                         H5P_DEFAULT, &value),
                0);
    }
  }
  Dataset dataset = ReadBothWays(path);
  ASSERT_EQ(dataset.variables.size(), 1u);
  const Variable& variable = dataset.variables[0];
  ASSERT_EQ(variable.chunks.size(), 2u);
  EXPECT_EQ(variable.chunks[1].linear, 99u);
  // No _FillValue, so fill_value is null and zarr-python would leave the 98 unwritten chunks
  // uninitialised: they are embedded as libhdf5 reads them (zeros, compressed to a few bytes).
  EXPECT_TRUE(variable.zarray.fill_value.is_null());
  EXPECT_EQ(variable.inline_chunks.size(), 98u);
  auto read = hdf5_testing::ReadBack(dataset, variable);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->missing_chunks, 0u);
  std::vector<float> expected(1000, 0.0f);
  expected[0] = expected[999] = 4.0f;
  EXPECT_EQ(read->bytes, Bytes(expected));
}

TEST(Hdf5ChunkCostTest, ListingByIndexOnlyForFewChunksOrSparseGrids) {
  EXPECT_TRUE(PreferListingByIndex(1, 1));
  EXPECT_TRUE(PreferListingByIndex(100, 100));
  EXPECT_FALSE(PreferListingByIndex(1000, 1000));
  EXPECT_FALSE(PreferListingByIndex(100000, 100000));
  EXPECT_TRUE(PreferListingByIndex(1000, 100000000));  // 1,000 chunks in a grid of 10^8
}

// Not a timed assertion: prints chunk references per second for the test log.
TEST_F(Hdf5ChunksTest, HundredThousandChunksThroughput) {
  const std::string path = dir_->Join("many.h5");
  constexpr hsize_t kChunks = 100000;
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk[] = {1, 4};
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 2, chunk), 0);
    std::vector<float> values(kChunks * 4);
    std::iota(values.begin(), values.end(), 0.0f);
    CreateDataset(file.get(), "x", H5T_IEEE_F32LE, {kChunks, 4}, values.data(), dcpl.get());
    // A smaller one to time the index walk, which is quadratic.
    CreateDataset(file.get(), "y", H5T_IEEE_F32LE, {10000, 4}, values.data(), dcpl.get());
  }
  auto time = [&](ChunkListing listing, uint64_t* refs) {
    const auto start = std::chrono::steady_clock::now();
    auto dataset = hdf5::ReadHdf5File(path, ReadOptions{}, listing);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(dataset.has_value()) << dataset.error().ToString();
    *refs = 0;
    if (dataset) {
      for (const Variable& variable : dataset->variables) *refs += variable.chunks.size();
    }
    return seconds;
  };
  uint64_t refs = 0;
  const double automatic = time(ChunkListing::kAuto, &refs);
  EXPECT_EQ(refs, kChunks + 10000);
  std::printf("  auto (lookup) listing: %llu chunk refs in %.3f s = %.0f refs/s\n",
              static_cast<unsigned long long>(refs), automatic, refs / automatic);

  // By index, on the 10,000-chunk dataset only (the 100,000 one would take about a minute).
  std::string small = dir_->Join("small.h5");
  {
    ErrorStackSilencer silencer;
    auto file = CreateFile(small);
    PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk[] = {1, 4};
    ASSERT_GE(H5Pset_chunk(dcpl.get(), 2, chunk), 0);
    std::vector<float> values(10000 * 4, 1.0f);
    CreateDataset(file.get(), "y", H5T_IEEE_F32LE, {10000, 4}, values.data(), dcpl.get());
  }
  const auto start = std::chrono::steady_clock::now();
  auto by_index = hdf5::ReadHdf5File(small, ReadOptions{}, ChunkListing::kByIndex);
  const double index_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(by_index.has_value());
  std::printf(
      "  by-index listing: 10000 chunk refs in %.3f s = %.0f refs/s (O(n^2): "
      "100,000 would take ~%.0f s)\n",
      index_seconds, 10000 / index_seconds, index_seconds * 100);
}

}  // namespace
}  // namespace stacfs::converter::hdf5
