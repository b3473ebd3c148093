#include "converter/hdf5/hdf5_types.h"

#include <gtest/gtest.h>

#include <cmath>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_test_files.h"

namespace stacfs::converter::hdf5 {
namespace {

std::string DtypeOf(hid_t type) {
  Result<ElementType> mapped = MapDatatype(type);
  if (!mapped) return "error: " + mapped.error().ToString();
  if (mapped->kind == ElementKind::kUnsupported) return "unsupported: " + mapped->unsupported;
  return mapped->dtype.ToString();
}

TEST(Hdf5TypesTest, IntegersAndFloatsOfBothByteOrders) {
  ErrorStackSilencer silencer;
  EXPECT_EQ(DtypeOf(H5T_STD_I32LE), "<i4");
  EXPECT_EQ(DtypeOf(H5T_STD_I32BE), ">i4");
  EXPECT_EQ(DtypeOf(H5T_STD_U16BE), ">u2");
  EXPECT_EQ(DtypeOf(H5T_STD_U64LE), "<u8");
  EXPECT_EQ(DtypeOf(H5T_STD_I64BE), ">i8");
  EXPECT_EQ(DtypeOf(H5T_STD_U8BE), "|u1");  // one byte has no order
  EXPECT_EQ(DtypeOf(H5T_STD_I8LE), "|i1");
  EXPECT_EQ(DtypeOf(H5T_IEEE_F32LE), "<f4");
  EXPECT_EQ(DtypeOf(H5T_IEEE_F64BE), ">f8");
}

TEST(Hdf5TypesTest, HalfFloatsAndOddNumericTypes) {
  ErrorStackSilencer silencer;
  DatatypeHandle half(H5Tcopy(H5T_IEEE_F32LE));
  ASSERT_GE(H5Tset_fields(half.get(), 15, 10, 5, 0, 10), 0);
  ASSERT_GE(H5Tset_precision(half.get(), 16), 0);
  ASSERT_GE(H5Tset_size(half.get(), 2), 0);
  ASSERT_GE(H5Tset_ebias(half.get(), 15), 0);
  EXPECT_EQ(DtypeOf(half.get()), "<f2");

  DatatypeHandle twelve_bits(H5Tcopy(H5T_STD_U16LE));
  ASSERT_GE(H5Tset_precision(twelve_bits.get(), 12), 0);
  EXPECT_EQ(DtypeOf(twelve_bits.get()), "unsupported: 12-bit integer type");
  if (H5Tget_size(H5T_NATIVE_LDOUBLE) > 8) {
    EXPECT_TRUE(DtypeOf(H5T_NATIVE_LDOUBLE).starts_with("unsupported: "));
  }
}

TEST(Hdf5TypesTest, EnumsKeepTheirBaseInteger) {
  ErrorStackSilencer silencer;
  DatatypeHandle boolean(H5Tenum_create(H5T_NATIVE_INT8));
  int8_t value = 0;
  ASSERT_GE(H5Tenum_insert(boolean.get(), "FALSE", &value), 0);
  value = 1;
  ASSERT_GE(H5Tenum_insert(boolean.get(), "TRUE", &value), 0);
  Result<ElementType> mapped = MapDatatype(boolean.get());
  ASSERT_TRUE(mapped.has_value());
  EXPECT_TRUE(mapped->is_enum);
  EXPECT_EQ(mapped->dtype.ToString(), "|i1");
  DatatypeHandle big(H5Tenum_create(H5T_STD_U16BE));
  uint16_t code = 7;
  ASSERT_GE(H5Tenum_insert(big.get(), "SEVEN", &code), 0);
  EXPECT_EQ(DtypeOf(big.get()), ">u2");
}

TEST(Hdf5TypesTest, Strings) {
  ErrorStackSilencer silencer;
  auto fixed = hdf5_testing::FixedString(7);
  Result<ElementType> mapped = MapDatatype(fixed.get());
  ASSERT_TRUE(mapped.has_value());
  EXPECT_EQ(mapped->kind, ElementKind::kFixedString);
  EXPECT_EQ(mapped->dtype.ToString(), "|S7");
  auto vlen = hdf5_testing::VlenString();
  mapped = MapDatatype(vlen.get());
  ASSERT_TRUE(mapped.has_value());
  EXPECT_EQ(mapped->kind, ElementKind::kVlenString);
  EXPECT_TRUE(mapped->utf8);
  EXPECT_EQ(mapped->dtype.ToString(), "|O");
}

TEST(Hdf5TypesTest, TypesZarrCannotHoldAreNamed) {
  ErrorStackSilencer silencer;
  DatatypeHandle compound(H5Tcreate(H5T_COMPOUND, 8));
  ASSERT_GE(H5Tinsert(compound.get(), "a", 0, H5T_NATIVE_INT), 0);
  ASSERT_GE(H5Tinsert(compound.get(), "b", 4, H5T_NATIVE_FLOAT), 0);
  EXPECT_EQ(DtypeOf(compound.get()), "unsupported: compound type");
  hsize_t three = 3;
  DatatypeHandle array(H5Tarray_create2(H5T_NATIVE_FLOAT, 1, &three));
  EXPECT_EQ(DtypeOf(array.get()), "unsupported: array type");
  DatatypeHandle opaque(H5Tcreate(H5T_OPAQUE, 4));
  EXPECT_EQ(DtypeOf(opaque.get()), "unsupported: opaque type");
  EXPECT_EQ(DtypeOf(H5T_STD_REF_OBJ), "unsupported: reference type");
  DatatypeHandle vlen_ints(H5Tvlen_create(H5T_NATIVE_INT));
  EXPECT_EQ(DtypeOf(vlen_ints.get()), "unsupported: variable-length sequence type");
  EXPECT_EQ(DtypeOf(H5T_STD_B8LE), "unsupported: bitfield type");
}

TEST(Hdf5TypesTest, FillValuesFromStoredElements) {
  DataType f4{DataKind::kFloat, ByteOrder::kLittle, 4, ""};
  const float minus = -999.0f;
  auto fill = FillValueFromElement(std::string(reinterpret_cast<const char*>(&minus), 4), f4);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kFloat);
  EXPECT_EQ(fill->real, -999.0);

  DataType i2_big{DataKind::kInt, ByteOrder::kBig, 2, ""};
  fill = FillValueFromElement(std::string("\xff\xfe", 2), i2_big);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->int_value, -2);

  DataType u8{DataKind::kUInt, ByteOrder::kLittle, 8, ""};
  fill = FillValueFromElement(std::string(8, '\xff'), u8);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->uint_value, UINT64_MAX);

  DataType s3{DataKind::kBytes, ByteOrder::kNone, 3, ""};
  fill = FillValueFromElement(std::string("ab\0", 3), s3);
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->kind, FillValue::Kind::kBytes);
  EXPECT_EQ(fill->bytes, std::string("ab\0", 3));

  EXPECT_FALSE(FillValueFromElement("abc", f4).has_value());  // not one element
}

TEST(Hdf5TypesTest, HalfFloatDecoding) {
  const unsigned char one[] = {0x00, 0x3c};        // 1.0
  const unsigned char minus_two[] = {0xc0, 0x00};  // -2.0, big-endian
  const unsigned char smallest[] = {0x01, 0x00};   // 2^-24, subnormal
  const unsigned char infinity[] = {0x00, 0x7c};
  const unsigned char nan[] = {0x01, 0x7e};
  EXPECT_EQ(DecodeFloat(one, 2, false), 1.0);
  EXPECT_EQ(DecodeFloat(minus_two, 2, true), -2.0);
  EXPECT_EQ(DecodeFloat(smallest, 2, false), std::ldexp(1.0, -24));
  EXPECT_TRUE(std::isinf(DecodeFloat(infinity, 2, false)));
  EXPECT_TRUE(std::isnan(DecodeFloat(nan, 2, false)));
}

TEST(Hdf5TypesTest, SignedAndUnsignedDecoding) {
  const unsigned char bytes[] = {0x80, 0x01};
  EXPECT_EQ(DecodeSigned(bytes, 2, true), -32767);
  EXPECT_EQ(DecodeSigned(bytes, 2, false), 0x0180);
  EXPECT_EQ(DecodeUnsigned(bytes, 2, true), 0x8001u);
  EXPECT_EQ(DecodeSigned(bytes, 1, false), -128);
}

TEST(Hdf5TypesTest, ElementsCompareNanAware) {
  DataType f4{DataKind::kFloat, ByteOrder::kLittle, 4, ""};
  const std::string quiet("\x00\x00\xc0\x7f", 4);
  const std::string payload("\x01\x00\xc0\x7f", 4);
  EXPECT_TRUE(SameElementValue(quiet, payload, f4));
  DataType u4{DataKind::kUInt, ByteOrder::kLittle, 4, ""};
  EXPECT_FALSE(SameElementValue(quiet, payload, u4));
  const std::string zero(4, '\0');
  const std::string minus_zero("\x00\x00\x00\x80", 4);
  EXPECT_FALSE(SameElementValue(zero, minus_zero, f4));  // different bytes, different reads
}

}  // namespace
}  // namespace stacfs::converter::hdf5
