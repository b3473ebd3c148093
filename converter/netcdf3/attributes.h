// netCDF3 attributes as the JSON object a Zarr `.zattrs` holds, typed as xarray shows them.
//
//  - Numbers stay numbers: integer types as JSON integers (64-bit values exactly), NC_FLOAT
//    and NC_DOUBLE as the shortest decimal that reads back to the same double, always with a
//    '.' or an exponent so that Python reads a float back (2.0, not 2). An NC_FLOAT is widened
//    to the double it exactly is (0.01f → 0.009999999776482582, not 0.01): JSON has only
//    doubles, this is the value netCDF4-python/xarray give for the attribute, and it is what
//    the HDF5 reader writes, so that the same attribute in netCDF3 and netCDF4 files of one
//    dataset compares equal when they are combined. Non-finite
//    values are written bare — NaN, Infinity, -Infinity — as Python's json module writes them
//    and as every reader in this project accepts (core/json/json.h).
//  - One value is a scalar; several are an array (as xarray presents netCDF attributes); zero
//    values are an empty array.
//  - NC_CHAR attributes are strings with trailing NULs stripped (C writers often count the
//    terminator). netCDF3 predates any declared encoding: bytes that are not valid UTF-8 are
//    read as Latin-1 and re-encoded as UTF-8 (text.h), so that legacy ISO-8859-1 text such as
//    a degree sign survives instead of failing the conversion.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "converter/netcdf3/header_parser.h"
#include "converter/netcdf3/text.h"
#include "core/base/result.h"

namespace stacfs::converter::netcdf3 {

// Appends the JSON value of one attribute (scalar, array or string) to `out`.
void AppendAttributeValueJson(std::string* out, const NcAttribute& attribute);

// Appends a float/double attribute value: shortest round-trip text of the (widened) double,
// bare NaN/Infinity.
void AppendAttributeDouble(std::string* out, double value);

// The JSON object of `attributes`, in file order, leaving out the one named `skip` (empty:
// none). Two attributes with one name (which no netCDF library writes) are a kCorrupt error:
// a JSON object cannot hold both. `warnings` receives one line per Latin-1 name or text.
Result<std::string> AttributesToJson(const std::vector<NcAttribute>& attributes,
                                     std::string_view skip, std::vector<std::string>* warnings);

}  // namespace stacfs::converter::netcdf3
