#include "converter/hdf5/hdf5_dimensions.h"

#include <gtest/gtest.h>

namespace stacfs::converter::hdf5 {
namespace {

using Names = std::vector<std::string>;

DimensionDataset Plain(size_t group, std::vector<uint64_t> shape,
                       std::vector<bool> unlimited = {}) {
  DimensionDataset d;
  d.group = group;
  d.shape = std::move(shape);
  d.unlimited = unlimited.empty() ? std::vector<bool>(d.shape.size(), false) : unlimited;
  d.names.resize(d.shape.size());
  return d;
}

DimensionDataset Scale(size_t group, const std::string& name, uint64_t length,
                       bool unlimited = false) {
  DimensionDataset d = Plain(group, {length}, {unlimited});
  d.names[0] = name;
  d.defines_dimension = true;
  return d;
}

// The layout netCDF4-python 1.6.2 (netCDF-C 4.9.0) was observed on: a (10,20), b (20,10),
// c (10,10), s scalar, u (3,0) unlimited in the root; g/e (10), g/f (7,10); g/h/k (7).
TEST(Hdf5DimensionsTest, PhonyDimensionsAsNetcdfCNamesThem) {
  std::vector<DimensionGroup> groups(3);
  groups[0] = {{1}, {0, 1, 2, 3, 4}};
  groups[1] = {{2}, {5, 6}};
  groups[2] = {{}, {7}};
  std::vector<DimensionDataset> datasets = {Plain(0, {10, 20}),
                                            Plain(0, {20, 10}),
                                            Plain(0, {10, 10}),
                                            Plain(0, {}),
                                            Plain(0, {3, 0}, {true, true}),
                                            Plain(1, {10}),
                                            Plain(1, {7, 10}),
                                            Plain(2, {7})};
  auto names = NameDimensions(groups, datasets, 0);
  // Children first (g/h, then g), then the root; one counter for the whole file.
  EXPECT_EQ(names[7], (Names{"phony_dim_0"}));
  EXPECT_EQ(names[5], (Names{"phony_dim_1"}));
  EXPECT_EQ(names[6], (Names{"phony_dim_2", "phony_dim_1"}));
  EXPECT_EQ(names[0], (Names{"phony_dim_3", "phony_dim_4"}));
  EXPECT_EQ(names[1], (Names{"phony_dim_4", "phony_dim_3"}));
  // Two axes of one length: the second cannot reuse the first's dimension.
  EXPECT_EQ(names[2], (Names{"phony_dim_3", "phony_dim_5"}));
  EXPECT_EQ(names[3], (Names{}));
  EXPECT_EQ(names[4], (Names{"phony_dim_6", "phony_dim_7"}));
}

TEST(Hdf5DimensionsTest, PhonyNumbersFollowTheRealDimensionIds) {
  std::vector<DimensionGroup> groups(1);
  groups[0] = {{}, {0, 1, 2}};
  std::vector<DimensionDataset> datasets = {Scale(0, "time", 4, true), Scale(0, "x", 3),
                                            Plain(0, {5, 3})};
  auto names = NameDimensions(groups, datasets, NextDimensionId({std::nullopt, std::nullopt}));
  // Axis 1 (3, fixed) matches the real dimension x; axis 0 (5) is new and numbered after it.
  EXPECT_EQ(names[2], (Names{"phony_dim_2", "x"}));
  EXPECT_EQ(names[0], (Names{"time"}));
}

TEST(Hdf5DimensionsTest, UnlimitedAndFixedDimensionsDoNotMatch) {
  std::vector<DimensionGroup> groups(1);
  groups[0] = {{}, {0, 1}};
  std::vector<DimensionDataset> datasets = {Plain(0, {4}, {true}), Plain(0, {4}, {false})};
  auto names = NameDimensions(groups, datasets, 0);
  EXPECT_EQ(names[0], (Names{"phony_dim_0"}));
  EXPECT_EQ(names[1], (Names{"phony_dim_1"}));
}

TEST(Hdf5DimensionsTest, AttachedScalesKeepTheirNamesAndOnlyGapsArePhony) {
  std::vector<DimensionGroup> groups(1);
  groups[0] = {{}, {0}};
  DimensionDataset partial = Plain(0, {2, 3});
  partial.names[0] = "lat";
  auto names = NameDimensions(groups, {partial}, 0);
  EXPECT_EQ(names[0], (Names{"lat", "phony_dim_0"}));
}

TEST(Hdf5DimensionsTest, NextDimensionIdCountsScalesOrTheirIds) {
  EXPECT_EQ(NextDimensionId({}), 0);
  EXPECT_EQ(NextDimensionId({std::nullopt, std::nullopt}), 2);
  EXPECT_EQ(NextDimensionId({0, 1, 5}), 6);
  EXPECT_EQ(NextDimensionId({3, std::nullopt}), 5);
}

TEST(Hdf5DimensionsTest, NonCoordinateVariablesLoseNetcdfPrefix) {
  EXPECT_EQ(NetcdfVariableName("_nc4_non_coord_x"), "x");
  EXPECT_EQ(NetcdfVariableName("x"), "x");
  EXPECT_EQ(NetcdfVariableName("_nc4_non_coord_"), "_nc4_non_coord_");
}

}  // namespace
}  // namespace stacfs::converter::hdf5
