// The external types of the netCDF classic formats (CDF-1, CDF-2, CDF-5): their header tags,
// their sizes on disk, and the big-endian Zarr dtype each one becomes.
//
// CDF-1 and CDF-2 define the six classic types; CDF-5 adds the unsigned and 64-bit integers.
// netCDF-C's header reader accepts every atomic tag in any version, and so do we (read
// leniently): the tag alone says how the bytes are laid out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/zarr/dtype.h"

namespace stacfs::converter::netcdf3 {

enum class NcType : uint32_t {
  kByte = 1,
  kChar = 2,
  kShort = 3,
  kInt = 4,
  kFloat = 5,
  kDouble = 6,
  kUByte = 7,
  kUShort = 8,
  kUInt = 9,
  kInt64 = 10,
  kUInt64 = 11,
};

// True for the tags 1..11 above (NC_STRING, 12, has no classic encoding).
bool IsNcType(uint32_t tag);

// Bytes per value on disk: 1, 2, 4 or 8.
size_t NcTypeSize(NcType type);

// "NC_SHORT", for messages.
std::string_view NcTypeName(NcType type);

// The Zarr dtype: "|i1", "|S1", ">i2", ">i4", ">f4", ">f8", "|u1", ">u2", ">u4", ">i8", ">u8".
// NC_CHAR stays one byte per element ("|S1") with its character dimension, as Kerchunk does.
DataType NcTypeToDataType(NcType type);

}  // namespace stacfs::converter::netcdf3
