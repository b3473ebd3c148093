// The netCDF classic header (CDF-1 classic, CDF-2 64-bit offset, CDF-5 64-bit data), parsed
// natively from its bytes per the "NetCDF Classic Format Specification" — no libnetcdf.
//
//   header   = magic numrecs dim_list gatt_list var_list
//   magic    = 'C' 'D' 'F' (1 | 2 | 5)
//   CDF-1:   counts, lengths, sizes 32-bit; begin offsets 32-bit
//   CDF-2:   counts, lengths, sizes 32-bit; begin offsets 64-bit
//   CDF-5:   counts, lengths, sizes, dimension ids and numrecs 64-bit; begin offsets 64-bit
//   Type tags and list tags are 32-bit in every version; names and values are padded to 4 bytes.
//
// This layer is syntax only: it checks that every count and length fits in the bytes the file
// has left before trusting it, and keeps names and values as raw bytes. What the header means
// (shapes, the record layout, whether offsets lie inside the file, names, attribute JSON) is
// decided by record_layout.h and netcdf3_reader.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "converter/netcdf3/header_stream.h"
#include "converter/netcdf3/nc_types.h"
#include "core/base/result.h"

namespace stacfs::converter::netcdf3 {

enum class NcFormat { kClassic = 1, k64BitOffset = 2, kCdf5 = 5 };

struct NcDimension {
  std::string name;     // raw bytes as stored (normally UTF-8)
  uint64_t length = 0;  // 0 marks the record (unlimited) dimension
};

struct NcAttribute {
  std::string name;       // raw bytes as stored
  NcType type = NcType::kByte;
  uint64_t count = 0;     // number of values
  std::string values;     // count × NcTypeSize(type) big-endian bytes, padding removed
};

struct NcVariable {
  std::string name;                   // raw bytes as stored
  std::vector<uint64_t> dim_ids;      // indexes into NcHeader::dimensions, slowest first
  std::vector<NcAttribute> attributes;
  NcType type = NcType::kByte;
  uint64_t vsize = 0;    // as stored; redundant (and 2^32-1 for huge variables), so unused
  uint64_t begin = 0;    // file offset of the data (of the first record, for record variables)
  uint64_t header_offset = 0;  // where this variable's entry starts in the header, for messages
};

struct NcHeader {
  NcFormat format = NcFormat::kClassic;
  uint64_t numrecs = 0;
  bool numrecs_streaming = false;  // numrecs was STREAMING (all ones): the count is unknown
  std::vector<NcDimension> dimensions;
  std::vector<NcAttribute> global_attributes;
  std::vector<NcVariable> variables;
  uint64_t header_bytes = 0;  // where the header ends; no variable's data may start before
  uint64_t file_size = 0;
};

// Parses the header from the stream's current position (the start of the file). Errors are
// kCorrupt (or kInvalidArgument for a file that is not netCDF3 at all) and name the offset and
// what was expected there.
Result<NcHeader> ParseHeader(HeaderStream& stream);

}  // namespace stacfs::converter::netcdf3
