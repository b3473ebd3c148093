#include "converter/hdf5/hdf5_filters.h"

#include <gtest/gtest.h>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"

namespace stacfs::converter::hdf5 {
namespace {

TEST(Hdf5FiltersTest, NumcodecsConfigurations) {
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_SHUFFLE, {4}, 8), R"({"elementsize":4,"id":"shuffle"})");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_SHUFFLE, {}, 8), R"({"elementsize":8,"id":"shuffle"})");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_DEFLATE, {4}, 4), R"({"id":"zlib","level":4})");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_FLETCHER32, {}, 4), R"({"id":"fletcher32"})");
  // hdf5-blosc: revision, format, typesize, chunk bytes, clevel, shuffle, compressor (1: lz4).
  EXPECT_EQ(NumcodecsConfig(32001, {2, 2, 4, 1024, 7, 2, 1}, 4),
            R"({"blocksize":0,"clevel":7,"cname":"lz4","id":"blosc","shuffle":2})");
  EXPECT_EQ(NumcodecsConfig(32001, {2, 2, 4, 1024}, 4),
            R"({"blocksize":0,"clevel":5,"cname":"blosclz","id":"blosc","shuffle":1})");
  EXPECT_EQ(NumcodecsConfig(32001, {2, 2, 4, 1024, 5, 1, 5}, 4),
            R"({"blocksize":0,"clevel":5,"cname":"zstd","id":"blosc","shuffle":1})");
  EXPECT_EQ(NumcodecsConfig(32001, {2, 2, 4, 1024, 5, 1, 9}, 4), "");  // unknown compressor
  EXPECT_EQ(NumcodecsConfig(32015, {19}, 4), R"({"id":"zstd","level":19})");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_SZIP, {4, 32}, 4), "");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_NBIT, {}, 4), "");
  EXPECT_EQ(NumcodecsConfig(H5Z_FILTER_SCALEOFFSET, {}, 4), "");
  EXPECT_EQ(NumcodecsConfig(32000, {}, 4), "");  // LZF
}

TEST(Hdf5FiltersTest, PipelineInWritingOrder) {
  ErrorStackSilencer silencer;
  PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  const hsize_t chunk = 16;
  ASSERT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
  ASSERT_GE(H5Pset_fletcher32(dcpl.get()), 0);
  ASSERT_GE(H5Pset_shuffle(dcpl.get()), 0);
  ASSERT_GE(H5Pset_deflate(dcpl.get(), 3), 0);
  Result<FilterPipeline> pipeline = ReadFilterPipeline(dcpl.get(), 4);
  ASSERT_TRUE(pipeline.has_value()) << pipeline.error().ToString();
  EXPECT_TRUE(pipeline->expressible());
  // Shuffle records no element size until a dataset applies it: the dataset's size is used.
  EXPECT_EQ(pipeline->configs(), (std::vector<std::string>{R"({"id":"fletcher32"})",
                                                           R"({"elementsize":4,"id":"shuffle"})",
                                                           R"({"id":"zlib","level":3})"}));
  auto codecs = MakeFilterCodecs(*pipeline);
  ASSERT_TRUE(codecs.has_value());
  EXPECT_EQ(codecs->size(), 3u);
}

TEST(Hdf5FiltersTest, FiltersWithoutNumcodecsEquivalentAreNamed) {
  ErrorStackSilencer silencer;
  PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  const hsize_t chunk = 16;
  ASSERT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
  ASSERT_GE(H5Pset_shuffle(dcpl.get()), 0);
  ASSERT_GE(H5Pset_scaleoffset(dcpl.get(), H5Z_SO_INT, 0), 0);
  Result<FilterPipeline> pipeline = ReadFilterPipeline(dcpl.get(), 4);
  ASSERT_TRUE(pipeline.has_value());
  EXPECT_FALSE(pipeline->expressible());
  ASSERT_NE(pipeline->first_inexpressible(), nullptr);
  EXPECT_EQ(pipeline->first_inexpressible()->id, H5Z_FILTER_SCALEOFFSET);
  EXPECT_EQ(pipeline->first_inexpressible()->name, "scaleoffset");
  EXPECT_FALSE(MakeFilterCodecs(*pipeline).has_value());
}

TEST(Hdf5FiltersTest, NoFilters) {
  ErrorStackSilencer silencer;
  PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  Result<FilterPipeline> pipeline = ReadFilterPipeline(dcpl.get(), 4);
  ASSERT_TRUE(pipeline.has_value());
  EXPECT_TRUE(pipeline->filters.empty());
  EXPECT_TRUE(pipeline->expressible());
}

}  // namespace
}  // namespace stacfs::converter::hdf5
