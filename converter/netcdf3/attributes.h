// netCDF3 attributes as the JSON object a Zarr `.zattrs` holds, typed as xarray shows them.
//
//  - Numbers stay numbers: integer types as JSON integers (64-bit values exactly), NC_FLOAT
//    and NC_DOUBLE as the shortest decimal that reads back to the same float or double, always
//    with a '.' or an exponent so that Python reads a float back (2.0, not 2). Non-finite
//    values are written bare — NaN, Infinity, -Infinity — as Python's json module writes them
//    and as every reader in this project accepts (core/json/json.h).
//  - One value is a scalar; several are an array (as xarray presents netCDF attributes); zero
//    values are an empty array.
//  - NC_CHAR attributes are strings with trailing NULs stripped (C writers often count the
//    terminator). netCDF3 predates any declared encoding: bytes that are not valid UTF-8 are
//    read as Latin-1 (each byte one code point) and re-encoded as UTF-8, so that legacy
//    ISO-8859-1 text such as a degree sign survives instead of failing the conversion.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "converter/netcdf3/header_parser.h"
#include "core/base/result.h"

namespace stacfs::converter::netcdf3 {

// `raw` as UTF-8: unchanged when it is valid UTF-8, else decoded as Latin-1. `*was_latin1`
// (optional) tells which.
std::string DecodeText(std::string_view raw, bool* was_latin1 = nullptr);

// Appends the JSON value of one attribute (scalar, array or string) to `out`.
void AppendAttributeValueJson(std::string* out, const NcAttribute& attribute);

// Appends a float/double attribute value: shortest round-trip text, bare NaN/Infinity.
void AppendAttributeFloat(std::string* out, float value);
void AppendAttributeDouble(std::string* out, double value);

// The JSON object of `attributes`, in file order, leaving out the one named `skip` (empty:
// none). Two attributes with one name (which no netCDF library writes) are a kCorrupt error:
// a JSON object cannot hold both. `warnings` receives one line per Latin-1 name or text.
Result<std::string> AttributesToJson(const std::vector<NcAttribute>& attributes,
                                     std::string_view skip, std::vector<std::string>* warnings);

}  // namespace stacfs::converter::netcdf3
