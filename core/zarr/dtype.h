// Zarr v2 data types: the NumPy typestr of a `.zarray` "dtype" ("<f4", ">i8", "|S10", "<U5",
// "|O", "<M8[ns]"). Structured (record) dtypes are refused as unsupported.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

enum class DataKind {
  kBool,       // b
  kInt,        // i
  kUInt,       // u
  kFloat,      // f
  kComplex,    // c
  kBytes,      // S: fixed-length byte string
  kUnicode,    // U: fixed-length UCS-4
  kObject,     // O: variable-length objects (strings through vlen-utf8)
  kDatetime,   // M8[unit]
  kTimedelta,  // m8[unit]
  kVoid,       // V: opaque bytes
};

enum class ByteOrder { kLittle, kBig, kNone };

struct DataType {
  DataKind kind = DataKind::kUInt;
  ByteOrder byte_order = ByteOrder::kNone;
  size_t itemsize = 1;  // bytes per element; for kObject the pointer-free placeholder 8
  std::string unit;     // datetime/timedelta unit, e.g. "ns"

  // The NumPy typestr, canonical: "<f4", "|u1", "|S10", "<U5", "|O", "<M8[ns]".
  std::string ToString() const;
  bool operator==(const DataType&) const = default;
  // True when elements must be byte-swapped to read them natively on this (little-endian) host.
  bool NeedsSwap() const { return byte_order == ByteOrder::kBig && itemsize > 1; }
};

Result<DataType> ParseDataType(std::string_view typestr);

}  // namespace stacfs
