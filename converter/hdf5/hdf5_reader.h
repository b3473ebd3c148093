// The netCDF-4 / HDF5 reader: one file → one Dataset (converter/dataset.h), through libhdf5.
//
// What comes out:
//  - groups, root first ("" then "a", "a/b"...), with their attributes;
//  - a Variable per dataset, in netCDF-C's order, named by its path ("a/b/tas"), except the
//    placeholder datasets netCDF-4 uses for dimensions without a coordinate variable;
//  - dims as netCDF-C names them, phony_dim_N where a dataset has no dimension scales
//    (hdf5_dimensions.h);
//  - chunk references into the file for everything stored as plain chunks, inline chunks for
//    what has no byte range (hdf5_variable.h, hdf5_inline.h);
//  - warnings for what could not be represented (each names the variable, group or link; the
//    file is the caller's to name).
// Errors (kNotFound, kPermissionDenied, kInvalidArgument for a file that is not HDF5, kCorrupt
// for one libhdf5 cannot read) name the file, and the object inside it where there is one.
// libhdf5's own error printing is silenced while the reader runs; its messages end up in the
// Errors instead.
//
// Threads: libhdf5 (Debian's serial build) is not thread-safe, and the reader registers a file
// driver and changes the error-printing setting of libhdf5 while it runs. Call it from one
// thread per process, never concurrently with other libhdf5 use in the same process;
// parallelise conversions across processes.
#pragma once

#include <string>

#include "converter/dataset.h"
#include "converter/hdf5/hdf5_chunk_listing.h"
#include "core/base/result.h"

namespace stacfs::converter {

// `options.url`: the URL written for the file's chunks (sources[0]); the absolute path of
// `path` when empty.
Result<Dataset> ReadHdf5File(const std::string& path, const ReadOptions& options);

namespace hdf5 {
// As above, choosing how chunks are listed (tests compare both ways; benchmarks time them).
Result<Dataset> ReadHdf5File(const std::string& path, const ReadOptions& options,
                             ChunkListing listing);
}  // namespace hdf5

}  // namespace stacfs::converter
