#include "converter/hdf5/hdf5_attributes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_test_files.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter::hdf5 {
namespace {

using hdf5_testing::CreateFile;
using hdf5_testing::FixedString;
using hdf5_testing::VlenString;
using hdf5_testing::WriteAttribute;

std::string Number(double value) {
  std::string out;
  AppendAttributeNumber(&out, value);
  return out;
}

TEST(Hdf5AttributesTest, NumbersAsPythonWritesThem) {
  EXPECT_EQ(Number(1.0), "1.0");
  EXPECT_EQ(Number(-0.5), "-0.5");
  EXPECT_EQ(Number(1e20), "1e+20");
  EXPECT_EQ(Number(123456.0), "123456.0");
  EXPECT_EQ(Number(static_cast<float>(0.1)), "0.10000000149011612");
  EXPECT_EQ(Number(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(Number(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(Hdf5AttributesTest, Latin1BecomesUtf8) {
  EXPECT_EQ(AsUtf8("plain"), "plain");
  EXPECT_EQ(AsUtf8("caf\xc3\xa9"), "caf\xc3\xa9");  // already UTF-8
  EXPECT_EQ(AsUtf8("caf\xe9"), "caf\xc3\xa9");
}

TEST(Hdf5AttributesTest, StringsAreWrittenInAscii) {
  std::string out;
  AppendAsciiJsonString(&out, "a\"b\\c\n\x01 caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80");
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001 caf\u00e9 \u2013 \ud83d\ude00")");
}

TEST(Hdf5AttributesTest, BookkeepingNames) {
  for (const char* name : {"CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid",
                           "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict", "_IsNetcdf4"}) {
    EXPECT_TRUE(IsBookkeepingAttribute(name)) << name;
  }
  EXPECT_FALSE(IsBookkeepingAttribute("units"));
  EXPECT_FALSE(IsBookkeepingAttribute("_FillValue"));  // handled by the variable reader
}

class Hdf5AttributeFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("stacfs-hdf5-attrs");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
  }
  std::optional<test::TempDir> dir_;
  ErrorStackSilencer silencer_;
};

TEST_F(Hdf5AttributeFileTest, EveryKindInCreationOrder) {
  auto file = CreateFile(dir_->Join("a.h5"), /*track_order=*/true);
  GroupHandle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
  const int32_t i32 = -5;
  WriteAttribute(root.get(), "int", H5T_STD_I32BE, {}, &i32, H5T_NATIVE_INT32);
  const uint64_t u64 = UINT64_MAX;
  WriteAttribute(root.get(), "uint64", H5T_NATIVE_UINT64, {}, &u64);
  const double doubles[] = {1.0, NAN, INFINITY, -INFINITY};
  WriteAttribute(root.get(), "doubles", H5T_NATIVE_DOUBLE, {4}, doubles);
  const float one_float = 0.25f;
  WriteAttribute(root.get(), "one_float", H5T_IEEE_F32BE, {1}, &one_float, H5T_NATIVE_FLOAT);
  auto fixed = FixedString(6);
  WriteAttribute(root.get(), "fixed", fixed.get(), {}, "units\0");
  auto fixed2 = FixedString(3);
  WriteAttribute(root.get(), "fixed_array", fixed2.get(), {2}, "ab\0cde");
  auto vlen = VlenString();
  const char* texts[] = {"x", "y\xc3\xa9"};
  WriteAttribute(root.get(), "vlen_array", vlen.get(), {2}, texts);
  const char* one_text[] = {"only"};
  WriteAttribute(root.get(), "vlen_one", vlen.get(), {1}, one_text);
  DatatypeHandle boolean(H5Tenum_create(H5T_NATIVE_INT8));
  int8_t value = 0;
  H5Tenum_insert(boolean.get(), "FALSE", &value);
  value = 1;
  H5Tenum_insert(boolean.get(), "TRUE", &value);
  const int8_t flags[] = {1, 0};
  WriteAttribute(root.get(), "bools", boolean.get(), {2}, flags);
  WriteAttribute(root.get(), "CLASS", fixed.get(), {}, "SCALE\0");  // bookkeeping: dropped
  DatatypeHandle compound(H5Tcreate(H5T_COMPOUND, 4));
  H5Tinsert(compound.get(), "a", 0, H5T_NATIVE_INT);
  WriteAttribute(root.get(), "pair", compound.get(), {}, &i32);
  hobj_ref_t reference;
  ASSERT_GE(H5Rcreate(&reference, file.get(), "/", H5R_OBJECT, -1), 0);
  WriteAttribute(root.get(), "ref", H5T_STD_REF_OBJ, {}, &reference);
  // An empty attribute, as netCDF-4 writes one: a null dataspace.
  DataspaceHandle null_space(H5Screate(H5S_NULL));
  AttributeHandle empty(
      H5Acreate2(root.get(), "empty", H5T_NATIVE_INT, null_space.get(), H5P_DEFAULT, H5P_DEFAULT));
  AttributeHandle empty_text(H5Acreate2(root.get(), "empty_text", fixed.get(), null_space.get(),
                                        H5P_DEFAULT, H5P_DEFAULT));

  std::vector<std::string> warnings;
  Result<std::string> json = ReadAttributesJson(root.get(), false, "root group", &warnings);
  ASSERT_TRUE(json.has_value()) << json.error().ToString();
  EXPECT_EQ(*json,
            R"({"int":-5,"uint64":18446744073709551615,"doubles":[1.0,NaN,Infinity,-Infinity],)"
            R"("one_float":0.25,"fixed":"units","fixed_array":["ab","cde"],)"
            R"("vlen_array":["x","y\u00e9"],"vlen_one":"only","bools":[1,0],"empty":[],)"
            R"("empty_text":""})")
      << *json;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "root group: attribute 'pair' dropped: compound type cannot be written as JSON");
}

TEST_F(Hdf5AttributeFileTest, NameOrderWithoutCreationOrder) {
  auto file = CreateFile(dir_->Join("b.h5"), /*track_order=*/false);
  GroupHandle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
  const int32_t one = 1;
  WriteAttribute(root.get(), "zeta", H5T_NATIVE_INT, {}, &one);
  WriteAttribute(root.get(), "alpha", H5T_NATIVE_INT, {}, &one);
  std::vector<std::string> warnings;
  Result<std::string> json = ReadAttributesJson(root.get(), false, "root group", &warnings);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json, R"({"alpha":1,"zeta":1})");
}

TEST_F(Hdf5AttributeFileTest, FillValueInTheDatasetsType) {
  auto file = CreateFile(dir_->Join("c.h5"));
  const int16_t data[] = {1, 2};
  auto dataset = hdf5_testing::CreateDataset(file.get(), "v", H5T_STD_I16BE, {2}, data);
  const double fill = -9.0;  // a double _FillValue on a big-endian int16 dataset
  WriteAttribute(dataset.get(), "_FillValue", H5T_NATIVE_DOUBLE, {}, &fill);
  const char units[] = "m";
  auto text = FixedString(1);
  WriteAttribute(dataset.get(), "units", text.get(), {}, units);
  DatatypeHandle type(H5Dget_type(dataset.get()));
  ElementType element;
  element.kind = ElementKind::kNumeric;
  std::vector<std::string> warnings;
  auto bytes =
      ReadFillValueAttribute(dataset.get(), type.get(), element, "variable 'v'", &warnings);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().ToString();
  ASSERT_TRUE(bytes->has_value());
  EXPECT_EQ(**bytes, std::string("\xff\xf7", 2));
  auto json = ReadAttributesJson(dataset.get(), true, "variable 'v'", &warnings);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json, R"({"units":"m"})");  // _FillValue moved out
  EXPECT_TRUE(warnings.empty());
}

TEST_F(Hdf5AttributeFileTest, TypedReadsOfBookkeeping) {
  auto file = CreateFile(dir_->Join("d.h5"));
  GroupHandle root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
  auto text = FixedString(16, H5T_STR_NULLTERM);
  WriteAttribute(root.get(), "CLASS", text.get(), {}, "DIMENSION_SCALE\0");
  const int32_t ids[] = {3, 1};
  WriteAttribute(root.get(), "_Netcdf4Coordinates", H5T_NATIVE_INT, {2}, ids);
  auto klass = ReadStringAttribute(root.get(), "CLASS");
  ASSERT_TRUE(klass.has_value());
  EXPECT_EQ(klass->value_or("?"), "DIMENSION_SCALE");
  auto coordinates = ReadIntegerAttribute(root.get(), "_Netcdf4Coordinates");
  ASSERT_TRUE(coordinates.has_value());
  EXPECT_EQ(coordinates->value_or(std::vector<int64_t>{}), (std::vector<int64_t>{3, 1}));
  auto missing = ReadStringAttribute(root.get(), "NAME");
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());
  auto wrong_kind = ReadIntegerAttribute(root.get(), "CLASS");
  ASSERT_TRUE(wrong_kind.has_value());
  EXPECT_FALSE(wrong_kind->has_value());
}

}  // namespace
}  // namespace stacfs::converter::hdf5
