// Zarr v2 fill values: how `.zarray`'s "fill_value" is encoded for each dtype (spec §"fill_value"):
// numbers for ints, numbers or "NaN"/"Infinity"/"-Infinity" for floats, base64 for byte strings,
// text for unicode, null for none.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "core/zarr/dtype.h"

namespace stacfs {

struct FillValue {
  enum class Kind { kNull, kFloat, kInt, kUInt, kBool, kBytes, kString, kComplex };
  Kind kind = Kind::kNull;
  double real = 0;     // kFloat, kComplex (real part)
  double imag = 0;     // kComplex
  int64_t int_value = 0;    // kInt (also datetimes; NaT is INT64_MIN)
  uint64_t uint_value = 0;  // kUInt
  bool bool_value = false;  // kBool
  std::string bytes;        // kBytes (decoded), kString (UTF-8)

  bool is_null() const { return kind == Kind::kNull; }
};

// Reads "fill_value" for `dtype`; tolerant of integral floats for integer dtypes (-9999.0).
Result<FillValue> ParseFillValue(simdjson::dom::element value, const DataType& dtype);

// Appends the canonical JSON encoding of `fill` (the kind already says how, per its dtype).
void AppendFillValueJson(std::string* out, const FillValue& fill);

// One element of `dtype` holding `fill`, in the dtype's byte order; zeros for null. Half floats
// and objects are kUnsupported.
Result<std::string> FillValueElementBytes(const FillValue& fill, const DataType& dtype);

}  // namespace stacfs
