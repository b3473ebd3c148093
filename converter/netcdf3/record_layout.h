// Where each variable's bytes are in a netCDF3 file: shapes, the record size, and the checks
// that every byte a reference will point at lies inside the file.
//
// Non-record variables are stored contiguously at `begin`: product of the shape × item size
// bytes (the header's vsize rounds that up to 4, which must not leak into a chunk's length).
//
// Record variables are interleaved: record n of every record variable, in header order, then
// record n + 1. Record n of a variable starts at begin + n × recsize, where recsize is the sum
// over record variables of their per-record size rounded up to 4 bytes — except when there is
// exactly one record variable, whose records are then packed with no padding (the spec's "Note
// on padding"; netCDF-C tests `recsize == first record variable's padded size`, which for valid
// headers is the same thing: every record variable has at least one byte per record).
//
// vsize is recomputed from the shape and type, never trusted: it is redundant, capped at
// 2^32 - 1 in CDF-1/2 for variables over 4 GiB, and netCDF-C recomputes it too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "converter/netcdf3/header_parser.h"
#include "core/base/result.h"

namespace stacfs::converter::netcdf3 {

struct VariableLayout {
  std::vector<uint64_t> shape;  // record variables: numrecs first; scalars: empty
  bool is_record = false;
  uint64_t begin = 0;
  // Unpadded bytes of the whole variable (non-record) or of one record (record variables).
  uint64_t slab_bytes = 0;
};

struct FileLayout {
  std::vector<VariableLayout> variables;  // one per NcHeader::variables, same order
  uint64_t numrecs = 0;
  // numrecs was STREAMING and has been computed from the file size: whole records only.
  bool numrecs_from_file_size = false;
  uint64_t recsize = 0;  // stride between records; 0 without record variables
};

// Shapes and offsets of every variable, checked against the file size. `variable_names` are
// the display names (already decoded to UTF-8) for messages, one per variable.
Result<FileLayout> ComputeLayout(const NcHeader& header,
                                 const std::vector<std::string>& variable_names);

}  // namespace stacfs::converter::netcdf3
