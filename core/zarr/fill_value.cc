#include "core/zarr/fill_value.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/base/base64.h"
#include "core/json/json.h"

namespace stacfs {
namespace {

Result<double> ReadFloat(simdjson::dom::element value) {
  double d = 0;
  if (!value.get(d)) return d;
  std::string_view text;
  if (!value.get(text)) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  return InvalidArgument("fill_value " + simdjson::minify(value) + " is not a float");
}

template <class T>
void AppendElement(std::string* out, T value, bool big_endian) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  if (big_endian) std::reverse(bytes, bytes + sizeof(T));
  out->append(bytes, sizeof(T));
}

}  // namespace

Result<FillValue> ParseFillValue(simdjson::dom::element value, const DataType& dtype) {
  FillValue fill;
  if (value.is_null()) return fill;
  auto fail = [&](const char* why) {
    return InvalidArgument("fill_value " + simdjson::minify(value) + " for dtype " +
                           dtype.ToString() + ": " + why);
  };
  switch (dtype.kind) {
    case DataKind::kFloat: {
      STACFS_ASSIGN_OR_RETURN(fill.real, ReadFloat(value));
      fill.kind = FillValue::Kind::kFloat;
      return fill;
    }
    case DataKind::kComplex: {
      simdjson::dom::array parts;
      if (value.get(parts) || parts.size() != 2) return fail("must be [real, imag]");
      STACFS_ASSIGN_OR_RETURN(fill.real, ReadFloat(parts.at(0).value_unsafe()));
      STACFS_ASSIGN_OR_RETURN(fill.imag, ReadFloat(parts.at(1).value_unsafe()));
      fill.kind = FillValue::Kind::kComplex;
      return fill;
    }
    case DataKind::kInt:
    case DataKind::kDatetime:
    case DataKind::kTimedelta: {
      std::string_view text;
      if (!value.get(text) && text == "NaT") {
        fill.kind = FillValue::Kind::kInt;
        fill.int_value = std::numeric_limits<int64_t>::min();
        return fill;
      }
      int64_t i = 0;
      double d = 0;
      if (value.get(i)) {
        if (value.get(d) || std::floor(d) != d || std::fabs(d) > 9.2e18) return fail("not an integer");
        i = static_cast<int64_t>(d);
      }
      fill.kind = FillValue::Kind::kInt;
      fill.int_value = i;
      return fill;
    }
    case DataKind::kUInt: {
      uint64_t u = 0;
      double d = 0;
      if (value.get(u)) {
        if (value.get(d) || d < 0 || std::floor(d) != d || d > 1.8e19) {
          return fail("not a non-negative integer");
        }
        u = static_cast<uint64_t>(d);
      }
      fill.kind = FillValue::Kind::kUInt;
      fill.uint_value = u;
      return fill;
    }
    case DataKind::kBool: {
      bool b = false;
      int64_t i = 0;
      if (!value.get(b)) {
        fill.bool_value = b;
      } else if (!value.get(i) && (i == 0 || i == 1)) {
        fill.bool_value = i == 1;
      } else {
        return fail("not a boolean");
      }
      fill.kind = FillValue::Kind::kBool;
      return fill;
    }
    case DataKind::kBytes:
    case DataKind::kVoid: {
      std::string_view text;
      if (value.get(text)) return fail("must be a base64 string");
      auto decoded = Base64Decode(text);
      if (!decoded) return fail("not valid base64");
      fill.kind = FillValue::Kind::kBytes;
      fill.bytes = std::move(*decoded);
      return fill;
    }
    case DataKind::kUnicode:
    case DataKind::kObject: {
      std::string_view text;
      if (value.get(text)) return fail("must be a string");
      fill.kind = FillValue::Kind::kString;
      fill.bytes = std::string(text);
      return fill;
    }
  }
  return fail("unsupported dtype");
}

void AppendFillValueJson(std::string* out, const FillValue& fill) {
  switch (fill.kind) {
    case FillValue::Kind::kNull: out->append("null"); return;
    case FillValue::Kind::kFloat: AppendJsonFloat(out, fill.real, NonFinite::kQuotedStrings); return;
    case FillValue::Kind::kComplex:
      out->push_back('[');
      AppendJsonFloat(out, fill.real, NonFinite::kQuotedStrings);
      out->push_back(',');
      AppendJsonFloat(out, fill.imag, NonFinite::kQuotedStrings);
      out->push_back(']');
      return;
    case FillValue::Kind::kInt:
      // NaT too is written as its integer, INT64_MIN, as zarr-python writes it.
      out->append(std::to_string(fill.int_value));
      return;
    case FillValue::Kind::kUInt: out->append(std::to_string(fill.uint_value)); return;
    case FillValue::Kind::kBool: out->append(fill.bool_value ? "true" : "false"); return;
    case FillValue::Kind::kBytes: AppendJsonString(out, Base64Encode(fill.bytes)); return;
    case FillValue::Kind::kString: AppendJsonString(out, fill.bytes); return;
  }
}

Result<std::string> FillValueElementBytes(const FillValue& fill, const DataType& dtype) {
  std::string out;
  bool big = dtype.byte_order == ByteOrder::kBig;
  if (fill.is_null()) return std::string(dtype.itemsize, '\0');
  auto mismatch = [&] {
    return InvalidArgument("fill_value does not match dtype " + dtype.ToString());
  };
  switch (dtype.kind) {
    case DataKind::kFloat:
      if (fill.kind != FillValue::Kind::kFloat) return mismatch();
      if (dtype.itemsize == 8) AppendElement(&out, fill.real, big);
      else if (dtype.itemsize == 4) AppendElement(&out, static_cast<float>(fill.real), big);
      else return Unsupported("fill value bytes for half floats");
      return out;
    case DataKind::kComplex:
      if (fill.kind != FillValue::Kind::kComplex) return mismatch();
      if (dtype.itemsize == 16) {
        AppendElement(&out, fill.real, big);
        AppendElement(&out, fill.imag, big);
      } else {
        AppendElement(&out, static_cast<float>(fill.real), big);
        AppendElement(&out, static_cast<float>(fill.imag), big);
      }
      return out;
    case DataKind::kInt:
    case DataKind::kDatetime:
    case DataKind::kTimedelta:
    case DataKind::kUInt: {
      uint64_t bits;
      if (fill.kind == FillValue::Kind::kInt) bits = static_cast<uint64_t>(fill.int_value);
      else if (fill.kind == FillValue::Kind::kUInt) bits = fill.uint_value;
      else return mismatch();
      switch (dtype.itemsize) {
        case 1: AppendElement(&out, static_cast<uint8_t>(bits), big); break;
        case 2: AppendElement(&out, static_cast<uint16_t>(bits), big); break;
        case 4: AppendElement(&out, static_cast<uint32_t>(bits), big); break;
        default: AppendElement(&out, bits, big); break;
      }
      return out;
    }
    case DataKind::kBool:
      if (fill.kind != FillValue::Kind::kBool) return mismatch();
      out.push_back(fill.bool_value ? 1 : 0);
      return out;
    case DataKind::kBytes:
    case DataKind::kVoid:
      if (fill.kind != FillValue::Kind::kBytes) return mismatch();
      out = fill.bytes.substr(0, dtype.itemsize);
      out.resize(dtype.itemsize, '\0');
      return out;
    case DataKind::kUnicode:
    case DataKind::kObject: break;
  }
  return Unsupported("fill value bytes for dtype " + dtype.ToString());
}

}  // namespace stacfs
