// Attribute JSON, fill values and dtypes of the netCDF3 types, unit by unit.
#include "converter/netcdf3/attributes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "converter/netcdf3/nc_fill_value.h"
#include "converter/netcdf3/nc_types.h"
#include "converter/netcdf3/netcdf3_test_builder.h"
#include "core/json/json.h"

namespace stacfs::converter::netcdf3 {
namespace {

namespace t = testing;

NcAttribute From(const t::TestAttr& a) {
  return NcAttribute{a.name, static_cast<NcType>(a.type), a.count, a.values};
}

std::string Json(const t::TestAttr& a) {
  std::string out;
  AppendAttributeValueJson(&out, From(a));
  return out;
}

TEST(Netcdf3TypesTest, DtypesAreBigEndian) {
  const char* expected[] = {"|i1", "|S1", ">i2", ">i4", ">f4", ">f8",
                            "|u1", ">u2", ">u4", ">i8", ">u8"};
  for (uint32_t tag = 1; tag <= 11; ++tag) {
    ASSERT_TRUE(IsNcType(tag));
    DataType dtype = NcTypeToDataType(static_cast<NcType>(tag));
    EXPECT_EQ(dtype.ToString(), expected[tag - 1]);
    EXPECT_EQ(dtype.itemsize, NcTypeSize(static_cast<NcType>(tag)));
    auto parsed = ParseDataType(expected[tag - 1]);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->ToString(), expected[tag - 1]);
  }
  EXPECT_FALSE(IsNcType(0));
  EXPECT_FALSE(IsNcType(12));
}

TEST(Netcdf3AttributesTest, IntegersOfEveryType) {
  EXPECT_EQ(Json(t::Ints("a", t::kNcByte, {-128})), "-128");
  EXPECT_EQ(Json(t::Ints("a", t::kNcByte, {-1, 0, 127})), "[-1,0,127]");
  EXPECT_EQ(Json(t::Ints("a", t::kNcShort, {-32768, 32767})), "[-32768,32767]");
  EXPECT_EQ(Json(t::Ints("a", t::kNcInt, {INT32_MIN})), "-2147483648");
  EXPECT_EQ(Json(t::Ints("a", t::kNcUByte, {200})), "200");
  EXPECT_EQ(Json(t::Ints("a", t::kNcUShort, {65535})), "65535");
  EXPECT_EQ(Json(t::Ints("a", t::kNcUInt, {4294967295})), "4294967295");
  EXPECT_EQ(Json(t::Ints("a", t::kNcInt64, {INT64_MIN})), "-9223372036854775808");
  EXPECT_EQ(Json(t::Ints("a", t::kNcUInt64, {-2})), "18446744073709551614");
  EXPECT_EQ(Json(t::Ints("a", t::kNcInt, {})), "[]");
}

TEST(Netcdf3AttributesTest, FloatsAreShortestRoundTripAndStayFloats) {
  // A float is the double it exactly is, as netCDF4-python and the HDF5 reader give it.
  EXPECT_EQ(Json(t::Floats("a", {0.1f})), "0.10000000149011612");
  EXPECT_EQ(Json(t::Floats("a", {0.5f, 1.5f})), "[0.5,1.5]");
  EXPECT_EQ(Json(t::Doubles("a", {0.1})), "0.1");
  EXPECT_EQ(Json(t::Doubles("a", {1.0 / 3})), "0.3333333333333333");
  EXPECT_EQ(Json(t::Floats("a", {2.0f})), "2.0");
  EXPECT_EQ(Json(t::Doubles("a", {-0.0})), "-0.0");
  EXPECT_EQ(Json(t::Floats("a", {9.96921e36f})), "9.969209968386869e+36");
  EXPECT_EQ(Json(t::Doubles("a", {1e-300, 5e-324})), "[1e-300,5e-324]");
  EXPECT_EQ(Json(t::Floats("a", {NAN, INFINITY, -INFINITY})), "[NaN,Infinity,-Infinity]");
  EXPECT_EQ(Json(t::Doubles("a", {-NAN})), "NaN");
  // Every value reads back to the same double, and so to the same float.
  for (double d : {0.1, 5e-324, 1.7976931348623157e308, static_cast<double>(0.3f), 1e21, 1e-7}) {
    std::string text;
    AppendAttributeDouble(&text, d);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
  }
}

TEST(Netcdf3AttributesTest, TextStripsTrailingNulsAndFallsBackToLatin1) {
  EXPECT_EQ(Json(t::Text("a", std::string_view("kelvin\0\0", 8))), "\"kelvin\"");
  EXPECT_EQ(Json(t::Text("a", std::string_view("a\0b", 3))), "\"a\\u0000b\"");
  EXPECT_EQ(Json(t::Text("a", "")), "\"\"");
  EXPECT_EQ(Json(t::Text("a", "quote \" and \\")), "\"quote \\\" and \\\\\"");
  EXPECT_EQ(Json(t::Text("a", "\xC2\xB0" "C")), "\"\xC2\xB0" "C\"");  // valid UTF-8 kept
  EXPECT_EQ(Json(t::Text("a", "\xB0" "C")), "\"\xC2\xB0" "C\"");      // Latin-1 re-encoded
  bool latin1 = false;
  EXPECT_EQ(DecodeText("caf\xE9", &latin1), "caf\xC3\xA9");
  EXPECT_TRUE(latin1);
  EXPECT_EQ(DecodeText("plain", &latin1), "plain");
  EXPECT_FALSE(latin1);
}

TEST(Netcdf3AttributesTest, ObjectAndSkip) {
  std::vector<NcAttribute> attributes = {From(t::Text("units", "K")),
                                         From(t::Floats("_FillValue", {1.0f})),
                                         From(t::Ints("valid_range", t::kNcShort, {0, 10}))};
  std::vector<std::string> warnings;
  auto json = AttributesToJson(attributes, "_FillValue", &warnings);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json, R"({"units":"K","valid_range":[0,10]})");
  json = AttributesToJson(attributes, "", &warnings);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json, R"({"units":"K","_FillValue":1.0,"valid_range":[0,10]})");
  EXPECT_TRUE(warnings.empty());
  // Bare NaN is what the project's lenient JSON reader accepts.
  attributes.push_back(From(t::Doubles("nan", {NAN})));
  json = AttributesToJson(attributes, "", &warnings);
  ASSERT_TRUE(json.has_value());
  JsonDocument doc;
  ASSERT_TRUE(doc.Parse(*json, "attributes").has_value()) << *json;
}

TEST(Netcdf3FillValueTest, SameTypeForEveryType) {
  auto fill = FillValueFromAttribute(From(t::Ints("_FillValue", t::kNcByte, {-127})), NcType::kByte);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kInt);
  EXPECT_EQ(fill->int_value, -127);

  fill = FillValueFromAttribute(From(t::Ints("_FillValue", t::kNcUInt64, {-1})), NcType::kUInt64);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kUInt);
  EXPECT_EQ(fill->uint_value, UINT64_MAX);

  fill = FillValueFromAttribute(From(t::Ints("_FillValue", t::kNcInt64, {INT64_MIN})),
                                NcType::kInt64);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->int_value, INT64_MIN);

  fill = FillValueFromAttribute(From(t::Floats("_FillValue", {-1e30f})), NcType::kFloat);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kFloat);
  EXPECT_EQ(fill->real, static_cast<double>(-1e30f));

  fill = FillValueFromAttribute(From(t::Doubles("_FillValue", {-INFINITY})), NcType::kDouble);
  ASSERT_TRUE(fill.has_value());
  EXPECT_TRUE(std::isinf(fill->real));
  std::string json;
  AppendFillValueJson(&json, *fill);
  EXPECT_EQ(json, "\"-Infinity\"");  // Zarr's encoding of fill_value

  fill = FillValueFromAttribute(From(t::Text("_FillValue", " ")), NcType::kChar);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kBytes);
  EXPECT_EQ(fill->bytes, " ");
}

TEST(Netcdf3FillValueTest, OtherTypesConvertOnlyWhenExact) {
  auto ok = [](const t::TestAttr& a, NcType type) {
    return FillValueFromAttribute(From(a), type).has_value();
  };
  EXPECT_TRUE(ok(t::Doubles("_FillValue", {-999.0}), NcType::kShort));
  EXPECT_FALSE(ok(t::Doubles("_FillValue", {-999.5}), NcType::kShort));
  EXPECT_FALSE(ok(t::Doubles("_FillValue", {40000.0}), NcType::kShort));
  EXPECT_FALSE(ok(t::Doubles("_FillValue", {NAN}), NcType::kInt));
  EXPECT_TRUE(ok(t::Ints("_FillValue", t::kNcInt, {255}), NcType::kUByte));
  EXPECT_FALSE(ok(t::Ints("_FillValue", t::kNcInt, {-1}), NcType::kUByte));
  EXPECT_TRUE(ok(t::Doubles("_FillValue", {1e20}), NcType::kDouble));
  EXPECT_FALSE(ok(t::Doubles("_FillValue", {0.1}), NcType::kFloat));  // not a float exactly
  EXPECT_TRUE(ok(t::Doubles("_FillValue", {0.5}), NcType::kFloat));
  EXPECT_FALSE(ok(t::Doubles("_FillValue", {1e300}), NcType::kFloat));
  EXPECT_TRUE(ok(t::Doubles("_FillValue", {NAN}), NcType::kFloat));
  EXPECT_TRUE(ok(t::Ints("_FillValue", t::kNcShort, {-32767}), NcType::kFloat));
  EXPECT_FALSE(ok(t::Ints("_FillValue", t::kNcInt64, {(int64_t{1} << 53) + 1}), NcType::kDouble));
  EXPECT_FALSE(ok(t::Ints("_FillValue", t::kNcInt, {1, 2}), NcType::kInt));
  EXPECT_FALSE(ok(t::Ints("_FillValue", t::kNcInt, {}), NcType::kInt));
  EXPECT_FALSE(ok(t::Text("_FillValue", "x"), NcType::kInt));
  EXPECT_FALSE(ok(t::Ints("_FillValue", t::kNcByte, {1}), NcType::kChar));
  auto error = FillValueFromAttribute(From(t::Ints("_FillValue", t::kNcInt, {1, 2})), NcType::kInt);
  EXPECT_NE(error.error().message().find("left null"), std::string::npos);
}

TEST(Netcdf3FillValueTest, DefaultFillsAreNetcdfs) {
  EXPECT_EQ(NcDefaultFillValue(NcType::kByte).int_value, -127);
  EXPECT_EQ(NcDefaultFillValue(NcType::kChar).bytes, std::string(1, '\0'));
  EXPECT_EQ(NcDefaultFillValue(NcType::kShort).int_value, -32767);
  EXPECT_EQ(NcDefaultFillValue(NcType::kInt).int_value, -2147483647);
  EXPECT_EQ(NcDefaultFillValue(NcType::kFloat).real, static_cast<double>(9.9692099683868690e+36f));
  EXPECT_EQ(NcDefaultFillValue(NcType::kDouble).real, 9.9692099683868690e+36);
  EXPECT_EQ(NcDefaultFillValue(NcType::kUByte).uint_value, 255u);
  EXPECT_EQ(NcDefaultFillValue(NcType::kUShort).uint_value, 65535u);
  EXPECT_EQ(NcDefaultFillValue(NcType::kUInt).uint_value, 4294967295u);
  EXPECT_EQ(NcDefaultFillValue(NcType::kInt64).int_value, INT64_C(-9223372036854775806));
  EXPECT_EQ(NcDefaultFillValue(NcType::kUInt64).uint_value, UINT64_C(18446744073709551614));
}

}  // namespace
}  // namespace stacfs::converter::netcdf3
