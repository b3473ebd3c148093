#include "converter/netcdf3/nc_fill_value.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace stacfs::converter::netcdf3 {
namespace {

// One attribute value widened without loss: integers as int64 or uint64, floats as double.
struct Scalar {
  enum class Kind { kSigned, kUnsigned, kFloat } kind = Kind::kSigned;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
};

Scalar ReadScalar(NcType type, const char* p) {
  size_t size = NcTypeSize(type);
  uint64_t bits = 0;
  for (size_t k = 0; k < size; ++k) bits = (bits << 8) | static_cast<unsigned char>(p[k]);
  Scalar s;
  switch (type) {
    case NcType::kByte:
    case NcType::kShort:
    case NcType::kInt:
    case NcType::kInt64: {
      s.kind = Scalar::Kind::kSigned;
      uint64_t sign = size == 8 ? 0 : uint64_t{1} << (size * 8 - 1);
      s.i = size == 8 ? static_cast<int64_t>(bits) : static_cast<int64_t>((bits ^ sign) - sign);
      return s;
    }
    case NcType::kChar:  // a char fill is handled before; as a number it is its byte value
    case NcType::kUByte:
    case NcType::kUShort:
    case NcType::kUInt:
    case NcType::kUInt64:
      s.kind = Scalar::Kind::kUnsigned;
      s.u = bits;
      return s;
    case NcType::kFloat: {
      uint32_t bits32 = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &bits32, sizeof f);
      s.kind = Scalar::Kind::kFloat;
      s.d = f;
      return s;
    }
    case NcType::kDouble:
      s.kind = Scalar::Kind::kFloat;
      std::memcpy(&s.d, &bits, sizeof s.d);
      return s;
  }
  return s;
}

// Range of the integer types, as int64/uint64 bounds.
struct IntRange {
  bool is_signed;
  int64_t min;
  uint64_t max;
};

IntRange RangeOf(NcType type) {
  switch (type) {
    case NcType::kByte: return {true, INT8_MIN, INT8_MAX};
    case NcType::kShort: return {true, INT16_MIN, INT16_MAX};
    case NcType::kInt: return {true, INT32_MIN, INT32_MAX};
    case NcType::kInt64: return {true, INT64_MIN, INT64_MAX};
    case NcType::kUByte: return {false, 0, UINT8_MAX};
    case NcType::kUShort: return {false, 0, UINT16_MAX};
    case NcType::kUInt: return {false, 0, UINT32_MAX};
    case NcType::kUInt64: return {false, 0, UINT64_MAX};
    default: return {false, 0, 0};
  }
}

}  // namespace

Result<FillValue> FillValueFromAttribute(const NcAttribute& attribute, NcType type) {
  auto refuse = [&](const std::string& why) {
    return InvalidArgument("_FillValue (" + std::string(NcTypeName(attribute.type)) + ", " +
                           std::to_string(attribute.count) + " value" +
                           (attribute.count == 1 ? "" : "s") + ") cannot be the fill value of an " +
                           std::string(NcTypeName(type)) + " variable: " + why +
                           "; fill_value is left null");
  };
  if (attribute.count != 1) return refuse("a fill value is one value");
  FillValue fill;
  if (type == NcType::kChar || attribute.type == NcType::kChar) {
    if (type != attribute.type) return refuse("text and numbers do not convert");
    fill.kind = FillValue::Kind::kBytes;
    fill.bytes = attribute.values;
    return fill;
  }
  Scalar s = ReadScalar(attribute.type, attribute.values.data());
  if (type == NcType::kFloat || type == NcType::kDouble) {
    double d = s.d;
    bool exact = true;
    // An integer converts when the double holds it exactly (compared back below 2^63 / 2^64,
    // where the conversion back is defined).
    if (s.kind == Scalar::Kind::kSigned) {
      d = static_cast<double>(s.i);
      exact = d < 9223372036854775808.0 && static_cast<int64_t>(d) == s.i;
    } else if (s.kind == Scalar::Kind::kUnsigned) {
      d = static_cast<double>(s.u);
      exact = d < 18446744073709551616.0 && static_cast<uint64_t>(d) == s.u;
    }
    if (type == NcType::kFloat && !std::isnan(d)) {
      if (std::fabs(d) > std::numeric_limits<float>::max() && !std::isinf(d)) {
        return refuse("the value is out of the range of NC_FLOAT");
      }
      exact = exact && static_cast<double>(static_cast<float>(d)) == d;
    }
    if (!exact) return refuse("the value is not exactly representable");
    fill.kind = FillValue::Kind::kFloat;
    fill.real = d;
    return fill;
  }
  IntRange range = RangeOf(type);
  bool negative = false;
  uint64_t magnitude = 0;  // |value|, for values that are integers
  switch (s.kind) {
    case Scalar::Kind::kSigned:
      negative = s.i < 0;
      magnitude = negative ? uint64_t{0} - static_cast<uint64_t>(s.i) : static_cast<uint64_t>(s.i);
      break;
    case Scalar::Kind::kUnsigned: magnitude = s.u; break;
    case Scalar::Kind::kFloat:
      // 2^64 and -2^63 bound every integer type; beyond, or fractional, or NaN: no.
      if (!(std::fabs(s.d) < 18446744073709551616.0) || std::floor(s.d) != s.d) {
        return refuse("the value is not an integer of that range");
      }
      negative = s.d < 0;
      magnitude = static_cast<uint64_t>(std::fabs(s.d));
      break;
  }
  if (negative) {
    uint64_t limit = range.is_signed ? uint64_t{0} - static_cast<uint64_t>(range.min) : 0;
    if (magnitude > limit) return refuse("the value is out of range");
    fill.kind = FillValue::Kind::kInt;
    fill.int_value = static_cast<int64_t>(uint64_t{0} - magnitude);
    return fill;
  }
  if (magnitude > range.max) return refuse("the value is out of range");
  if (range.is_signed) {
    fill.kind = FillValue::Kind::kInt;
    fill.int_value = static_cast<int64_t>(magnitude);
  } else {
    fill.kind = FillValue::Kind::kUInt;
    fill.uint_value = magnitude;
  }
  return fill;
}

FillValue NcDefaultFillValue(NcType type) {
  FillValue fill;
  switch (type) {
    case NcType::kByte: fill.kind = FillValue::Kind::kInt; fill.int_value = -127; break;
    case NcType::kChar: fill.kind = FillValue::Kind::kBytes; fill.bytes = std::string(1, '\0'); break;
    case NcType::kShort: fill.kind = FillValue::Kind::kInt; fill.int_value = -32767; break;
    case NcType::kInt: fill.kind = FillValue::Kind::kInt; fill.int_value = -2147483647; break;
    case NcType::kFloat:
      fill.kind = FillValue::Kind::kFloat;
      fill.real = static_cast<double>(9.9692099683868690e+36f);
      break;
    case NcType::kDouble:
      fill.kind = FillValue::Kind::kFloat;
      fill.real = 9.9692099683868690e+36;
      break;
    case NcType::kUByte: fill.kind = FillValue::Kind::kUInt; fill.uint_value = 255; break;
    case NcType::kUShort: fill.kind = FillValue::Kind::kUInt; fill.uint_value = 65535; break;
    case NcType::kUInt: fill.kind = FillValue::Kind::kUInt; fill.uint_value = 4294967295u; break;
    case NcType::kInt64:
      fill.kind = FillValue::Kind::kInt;
      fill.int_value = INT64_C(-9223372036854775806);
      break;
    case NcType::kUInt64:
      fill.kind = FillValue::Kind::kUInt;
      fill.uint_value = UINT64_C(18446744073709551614);
      break;
  }
  return fill;
}

}  // namespace stacfs::converter::netcdf3
