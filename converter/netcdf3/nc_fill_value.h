// The Zarr fill_value of a netCDF3 variable.
//
// With a `_FillValue` attribute: its value, typed per the variable's dtype (NaN allowed), and
// the attribute is removed from the variable's attributes (zarr and xarray read fill_value as
// _FillValue; keeping both would declare it twice). `missing_value` is not a fill value: it
// stays an attribute, which xarray masks by as well.
//
// Without `_FillValue`: null — deliberately NOT netCDF's default fill for the type
// (NC_FILL_INT -2147483647, NC_FILL_FLOAT 9.9692099683868690e+36, ...):
//  - xarray turns a Zarr fill_value into a _FillValue attribute and masks every element equal
//    to it, also promoting integer variables to float64. Reading the original file, xarray
//    masks only by the attributes the file has, never by the type's default fill. An invented
//    fill_value would make the reference view disagree with the file it describes: real
//    values equal to the default would turn into NaN and int variables into floats.
//  - Kerchunk's netCDF3 reader does the same: no attribute, fill_value null.
//  - A fill_value only matters to Zarr for chunks with no reference, and a netCDF3 variable
//    has a reference for every chunk (a record variable with numrecs 0 has no chunks at all).
// NcDefaultFillValue() is still here for callers that want the type's default explicitly.
#pragma once

#include <string>

#include "converter/netcdf3/header_parser.h"
#include "core/base/result.h"
#include "core/zarr/fill_value.h"

namespace stacfs::converter::netcdf3 {

// The fill_value for a variable of `type` with attribute `_FillValue` = `attribute`. When the
// attribute cannot be a fill value for this type (several values, text for a number, a value
// the type cannot hold exactly), the result is a kInvalidArgument error saying why; the caller
// turns it into a warning and uses null.
Result<FillValue> FillValueFromAttribute(const NcAttribute& attribute, NcType type);

// netCDF's default fill for `type` (NC_FILL_BYTE ... NC_FILL_UINT64), typed for its dtype.
FillValue NcDefaultFillValue(NcType type);

}  // namespace stacfs::converter::netcdf3
