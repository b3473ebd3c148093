// Reading one source file into the Dataset model, whatever its format: the format is decided
// by the file's signature, never by its name.
#pragma once

#include <string>

#include "converter/dataset.h"
#include "core/base/result.h"

namespace stacfs::converter {

enum class SourceFormat { kNetcdf3, kHdf5 };

// netCDF3 ("CDF" + 1, 2 or 5) or HDF5 (its signature at 0, 512, 1024, 2048... for files with a
// user block, which is how netCDF4 files sometimes start). Anything else is a clear error.
Result<SourceFormat> DetectSourceFormat(const std::string& path);

// Reads `path` (absolute) with the reader for its format; fills Dataset::local_paths.
Result<Dataset> ReadSourceFile(const std::string& path, const ReadOptions& options);

}  // namespace stacfs::converter
