// The netCDF3 reader: a classic (CDF-1), 64-bit offset (CDF-2) or CDF-5 file → Dataset.
//
// Only the header is read (pread in blocks, header_stream.h); the data section never is. Each
// variable becomes one Zarr array with big-endian dtype, no compressor and no filters, whose
// chunks are byte ranges of the file:
//  - a non-record variable is one chunk, the whole array (chunks = shape), at its begin offset;
//  - a record variable has one chunk per record, chunks = (1, rest of shape), record i at
//    begin + i × recsize (record_layout.h has the padding rules); numrecs 0 gives no chunks;
//  - a scalar is shape [], chunks [], one chunk.
// Attributes keep their JSON types (attributes.h); `_FillValue` becomes fill_value, and a
// variable without one has fill_value null (nc_fill_value.h says why). Global attributes are
// the root group's.
//
// A file that is not netCDF3 is kInvalidArgument; a header that is truncated, inconsistent
// with itself or with the file size (counts the file cannot hold, offsets or records past its
// end) is kCorrupt. Errors name the file, the offset and what was expected there; nothing is
// allocated beyond what the file's size allows.
#pragma once

#include <string>

#include "converter/dataset.h"
#include "core/base/result.h"

namespace stacfs::converter {

Result<Dataset> ReadNetcdf3File(const std::string& path, const ReadOptions& options);

}  // namespace stacfs::converter
