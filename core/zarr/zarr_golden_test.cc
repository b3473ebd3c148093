// Golden files: .zarray documents written by zarr-python 2.13 (testdata/make_golden.py). stacfs
// must read what zarr writes, and write back documents that read the same.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "core/base/file_util.h"
#include "core/zarr/array_metadata.h"

namespace stacfs {
namespace {

ArrayMetadata Golden(const std::string& name) {
  std::string path = std::string(STACFS_SOURCE_DIR) + "/core/zarr/testdata/" + name + ".zarray";
  auto text = ReadFile(path);
  EXPECT_TRUE(text.has_value()) << path;
  auto m = ParseArrayMetadata(*text, path);
  EXPECT_TRUE(m.has_value()) << (m ? "" : m.error().ToString());
  // Whatever we read, our canonical form must read back identically.
  if (m) {
    auto again = ParseArrayMetadata(ArrayMetadataToJson(*m), "rewritten " + name);
    EXPECT_TRUE(again.has_value());
    if (again) {
      EXPECT_EQ(ArrayMetadataToJson(*again), ArrayMetadataToJson(*m));
    }
  }
  return m.value_or(ArrayMetadata{});
}

TEST(ZarrGoldenTest, EveryDtypeZarrWrites) {
  EXPECT_EQ(Golden("f4_nan").dtype.ToString(), "<f4");
  EXPECT_TRUE(std::isnan(Golden("f4_nan").fill_value.real));
  EXPECT_EQ(Golden("f4_nan").compressor, R"({"id":"zlib","level":4})");
  auto big = Golden("f8_big_inf");
  EXPECT_EQ(big.dtype.byte_order, ByteOrder::kBig);
  EXPECT_EQ(big.fill_value.real, -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(big.compressor.empty());
  auto i2 = Golden("i2_fill");
  EXPECT_EQ(i2.fill_value.int_value, -9999);
  ASSERT_EQ(i2.filters.size(), 1u);
  EXPECT_EQ(i2.filters[0], R"({"elementsize":2,"id":"shuffle"})");
  EXPECT_EQ(Golden("u8_big").fill_value.uint_value, 18446744073709551615u);
  EXPECT_TRUE(Golden("bool").fill_value.bool_value);
  EXPECT_EQ(Golden("bytes").fill_value.bytes, "ab");
  EXPECT_EQ(*FillValueElementBytes(Golden("bytes").fill_value, Golden("bytes").dtype),
            std::string("ab\0\0\0", 5));
  EXPECT_EQ(Golden("unicode").dtype.itemsize, 12u);
  EXPECT_EQ(Golden("unicode").fill_value.bytes, "xy");
  auto vlen = Golden("vlen_utf8");
  EXPECT_EQ(vlen.dtype.kind, DataKind::kObject);
  ASSERT_EQ(vlen.filters.size(), 1u);
  EXPECT_EQ(vlen.filters[0], R"({"id":"vlen-utf8"})");
  EXPECT_EQ(vlen.fill_value.kind, FillValue::Kind::kString);
  auto datetime = Golden("datetime");
  EXPECT_EQ(datetime.dtype.unit, "ns");
  EXPECT_EQ(datetime.fill_value.int_value, std::numeric_limits<int64_t>::min());
  auto complex = Golden("complex");
  EXPECT_EQ(complex.fill_value.real, 1.0);
  EXPECT_EQ(complex.fill_value.imag, 2.0);
  auto slash = Golden("slash");
  EXPECT_EQ(slash.dimension_separator, '/');
  EXPECT_TRUE(slash.fill_value.is_null());
  EXPECT_EQ(slash.ChunkGrid(), (std::vector<uint64_t>{3, 3}));
}

TEST(ZarrGoldenTest, DeclaredCodecsBuild) {
  for (const char* name : {"f4_nan", "i2_fill", "u8_big", "slash", "vlen_utf8"}) {
    auto pipeline = MakeCodecPipeline(Golden(name));
    EXPECT_TRUE(pipeline.has_value()) << name << ": " << pipeline.error().ToString();
  }
}

}  // namespace
}  // namespace stacfs
