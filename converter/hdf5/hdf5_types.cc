#include "converter/hdf5/hdf5_types.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"

namespace stacfs::converter::hdf5 {
namespace {

Result<ByteOrder> OrderOf(hid_t type, size_t size) {
  if (size == 1) return ByteOrder::kNone;
  switch (H5Tget_order(type)) {
    case H5T_ORDER_LE:
      return ByteOrder::kLittle;
    case H5T_ORDER_BE:
      return ByteOrder::kBig;
    case H5T_ORDER_ERROR:
      return Hdf5Error(ErrorCode::kCorrupt, "cannot read a datatype's byte order");
    default:
      return Unsupported("byte order other than little- or big-endian");
  }
}

ElementType Unsupportable(std::string what) {
  ElementType type;
  type.kind = ElementKind::kUnsupported;
  type.unsupported = std::move(what);
  return type;
}

Result<ElementType> MapInteger(hid_t type, size_t size) {
  if (size != 1 && size != 2 && size != 4 && size != 8) {
    return Unsupportable(std::to_string(size) + "-byte integer type");
  }
  // Integers with padding bits (HDF5 allows any precision and bit offset) are not what a
  // NumPy integer of that size means.
  if (H5Tget_precision(type) != 8 * size || H5Tget_offset(type) != 0) {
    ClearErrorStack();
    return Unsupportable(std::to_string(H5Tget_precision(type)) + "-bit integer type");
  }
  const H5T_sign_t sign = H5Tget_sign(type);
  if (sign == H5T_SGN_ERROR) return Hdf5Error(ErrorCode::kCorrupt, "cannot read an integer's sign");
  ElementType out;
  out.kind = ElementKind::kNumeric;
  out.dtype.kind = sign == H5T_SGN_2 ? DataKind::kInt : DataKind::kUInt;
  out.dtype.itemsize = size;
  Result<ByteOrder> order = OrderOf(type, size);
  if (!order) return Unsupportable(order.error().message());
  out.dtype.byte_order = *order;
  return out;
}

struct IeeeLayout {
  size_t sign_position, exponent_position, exponent_size, mantissa_position, mantissa_size;
  size_t exponent_bias;
};

Result<ElementType> MapFloat(hid_t type, size_t size) {
  IeeeLayout expected;
  switch (size) {
    case 2:
      expected = {15, 10, 5, 0, 10, 15};
      break;
    case 4:
      expected = {31, 23, 8, 0, 23, 127};
      break;
    case 8:
      expected = {63, 52, 11, 0, 52, 1023};
      break;
    default:
      return Unsupportable(std::to_string(size) + "-byte float type");
  }
  IeeeLayout actual{};
  if (H5Tget_fields(type, &actual.sign_position, &actual.exponent_position, &actual.exponent_size,
                    &actual.mantissa_position, &actual.mantissa_size) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read a float type's layout");
  }
  actual.exponent_bias = H5Tget_ebias(type);
  const bool ieee = std::memcmp(&actual, &expected, sizeof actual) == 0 &&
                    H5Tget_norm(type) == H5T_NORM_IMPLIED && H5Tget_offset(type) == 0 &&
                    H5Tget_precision(type) == 8 * size;
  ClearErrorStack();
  if (!ieee) return Unsupportable("non-IEEE " + std::to_string(size) + "-byte float type");
  ElementType out;
  out.kind = ElementKind::kNumeric;
  out.dtype.kind = DataKind::kFloat;
  out.dtype.itemsize = size;
  Result<ByteOrder> order = OrderOf(type, size);
  if (!order) return Unsupportable(order.error().message());
  out.dtype.byte_order = *order;
  return out;
}

}  // namespace

std::string TypeClassName(H5T_class_t type_class) {
  switch (type_class) {
    case H5T_INTEGER:
      return "integer";
    case H5T_FLOAT:
      return "float";
    case H5T_TIME:
      return "time";
    case H5T_STRING:
      return "string";
    case H5T_BITFIELD:
      return "bitfield";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_COMPOUND:
      return "compound";
    case H5T_REFERENCE:
      return "reference";
    case H5T_ENUM:
      return "enum";
    case H5T_VLEN:
      return "variable-length sequence";
    case H5T_ARRAY:
      return "array";
    default:
      return "unknown";
  }
}

Result<ElementType> MapDatatype(hid_t type) {
  const H5T_class_t type_class = H5Tget_class(type);
  if (type_class == H5T_NO_CLASS) return Hdf5Error(ErrorCode::kCorrupt, "cannot read a datatype");
  const size_t size = H5Tget_size(type);
  if (size == 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read a datatype's size");
  switch (type_class) {
    case H5T_INTEGER:
      return MapInteger(type, size);
    case H5T_FLOAT:
      return MapFloat(type, size);
    case H5T_ENUM: {
      DatatypeHandle base(H5Tget_super(type));
      if (!base) return Hdf5Error(ErrorCode::kCorrupt, "cannot read an enum's base type");
      STACFS_ASSIGN_OR_RETURN(ElementType out, MapInteger(base.get(), H5Tget_size(base.get())));
      if (out.kind == ElementKind::kUnsupported) out.unsupported = "enum of " + out.unsupported;
      out.is_enum = true;
      return out;
    }
    case H5T_STRING: {
      const htri_t variable = H5Tis_variable_str(type);
      if (variable < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read a string type");
      ElementType out;
      out.utf8 = H5Tget_cset(type) == H5T_CSET_UTF8;
      if (variable > 0) {
        out.kind = ElementKind::kVlenString;
        out.dtype.kind = DataKind::kObject;
        out.dtype.byte_order = ByteOrder::kNone;
        out.dtype.itemsize = 8;
      } else {
        out.kind = ElementKind::kFixedString;
        out.dtype.kind = DataKind::kBytes;
        out.dtype.byte_order = ByteOrder::kNone;
        out.dtype.itemsize = size;
      }
      return out;
    }
    default:
      return Unsupportable(TypeClassName(type_class) + " type");
  }
}

int64_t DecodeSigned(const unsigned char* bytes, size_t size, bool big_endian) {
  const uint64_t raw = DecodeUnsigned(bytes, size, big_endian);
  if (size == 8) return static_cast<int64_t>(raw);
  const uint64_t sign_bit = uint64_t{1} << (8 * size - 1);
  // Sign-extend through the two's complement identity (x ^ s) - s.
  return static_cast<int64_t>((raw ^ sign_bit) - sign_bit);
}

uint64_t DecodeUnsigned(const unsigned char* bytes, size_t size, bool big_endian) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i) {
    const size_t byte = big_endian ? i : size - 1 - i;
    value = (value << 8) | bytes[byte];
  }
  return value;
}

double DecodeFloat(const unsigned char* bytes, size_t size, bool big_endian) {
  const uint64_t raw = DecodeUnsigned(bytes, size, big_endian);
  if (size == 8) {
    double d;
    std::memcpy(&d, &raw, sizeof d);
    return d;
  }
  if (size == 4) {
    const auto bits = static_cast<uint32_t>(raw);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  // IEEE half: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
  const int exponent = static_cast<int>((raw >> 10) & 0x1f);
  const double mantissa = static_cast<double>(raw & 0x3ff);
  const double sign = (raw & 0x8000) != 0 ? -1.0 : 1.0;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  if (exponent == 31) {
    return mantissa == 0 ? sign * std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::quiet_NaN();
  }
  return sign * std::ldexp(1024.0 + mantissa, exponent - 25);
}

Result<FillValue> FillValueFromElement(std::string_view bytes, const DataType& dtype) {
  if (bytes.size() != dtype.itemsize) {
    return InvalidArgument("a fill value of " + std::to_string(bytes.size()) + " bytes for dtype " +
                           dtype.ToString());
  }
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const bool big = dtype.byte_order == ByteOrder::kBig;
  FillValue fill;
  switch (dtype.kind) {
    case DataKind::kInt:
      fill.kind = FillValue::Kind::kInt;
      fill.int_value = DecodeSigned(data, bytes.size(), big);
      return fill;
    case DataKind::kUInt:
      fill.kind = FillValue::Kind::kUInt;
      fill.uint_value = DecodeUnsigned(data, bytes.size(), big);
      return fill;
    case DataKind::kFloat:
      fill.kind = FillValue::Kind::kFloat;
      fill.real = DecodeFloat(data, bytes.size(), big);
      return fill;
    case DataKind::kBytes:
      fill.kind = FillValue::Kind::kBytes;
      fill.bytes = std::string(bytes);
      return fill;
    default:
      return InvalidArgument("no element fill value for dtype " + dtype.ToString());
  }
}

bool SameElementValue(std::string_view a, std::string_view b, const DataType& dtype) {
  if (a.size() != b.size()) return false;
  if (dtype.kind == DataKind::kFloat && a.size() == dtype.itemsize) {
    const bool big = dtype.byte_order == ByteOrder::kBig;
    const double x = DecodeFloat(reinterpret_cast<const unsigned char*>(a.data()), a.size(), big);
    const double y = DecodeFloat(reinterpret_cast<const unsigned char*>(b.data()), b.size(), big);
    if (std::isnan(x) && std::isnan(y)) return true;
  }
  return a == b;
}

}  // namespace stacfs::converter::hdf5
