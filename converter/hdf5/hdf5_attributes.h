// HDF5 attributes → the JSON object text of Variable::attributes / Group::attributes.
//
// Values keep JSON types, as xarray reads them back from `.zattrs`:
//  - integers as JSON integers (64-bit exact, unsigned too); enums (h5py's booleans) as their
//    base integers; floats always with a fraction or exponent ("1.0", not "1", so that a float
//    scale_factor stays a float), NaN/Infinity/-Infinity written bare, as Python's json module
//    writes them;
//  - strings, fixed-length (trailing NUL padding removed, as NumPy does) or variable-length, as
//    JSON strings, written in ASCII with \u escapes as zarr-python writes .zattrs; bytes that
//    are not UTF-8 are read as Latin-1 rather than dropped;
//  - one element (scalar or length-1 array) → a JSON scalar, as netCDF4-python and xarray give
//    it; more → a JSON array (flattened); none (an HDF5 null dataspace, how netCDF-4 stores an
//    empty attribute) → "" for a fixed-length string, [] otherwise, as netCDF4-python reads them.
// Dropped: HDF5 and netCDF-4 bookkeeping (IsBookkeepingAttribute), attributes holding object
// references, and — with a warning naming the attribute — types JSON cannot carry (compound,
// opaque, array...).
#pragma once

#include <hdf5.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "converter/hdf5/hdf5_json_text.h"
#include "converter/hdf5/hdf5_types.h"
#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

// CLASS, NAME, DIMENSION_LIST, REFERENCE_LIST (dimension scales), _Netcdf4Dimid,
// _Netcdf4Coordinates, _NCProperties, _nc3_strict, _IsNetcdf4 (netCDF-4 internals).
bool IsBookkeepingAttribute(std::string_view name);

// The names of `object`'s attributes in creation order when the file tracks it, else in name
// order (as netCDF-C lists them).
Result<std::vector<std::string>> ListAttributeNames(hid_t object);

// The JSON object text of `object`'s attributes. `_FillValue` is left out when `is_dataset`
// (it becomes the array's fill_value). `where` names the object in warnings ("variable 'tas'").
Result<std::string> ReadAttributesJson(hid_t object, bool is_dataset, const std::string& where,
                                       std::vector<std::string>* warnings);

// One attribute's value as JSON text; nullopt when it is dropped silently (references).
// Sets `*unsupported` to the type's description when JSON cannot carry it.
Result<std::optional<std::string>> AttributeValueJson(hid_t attribute, std::string* unsupported);

// A dataset's `_FillValue` converted to the dataset's own type: one element's bytes for a
// numeric or fixed-string dataset, the UTF-8 text for a variable-length string one. nullopt
// when there is none, or when it cannot be converted (a warning then says so).
Result<std::optional<std::string>> ReadFillValueAttribute(hid_t dataset, hid_t dataset_type,
                                                          const ElementType& type,
                                                          const std::string& where,
                                                          std::vector<std::string>* warnings);

// Small typed reads of attributes the reader interprets itself (CLASS, NAME, _Netcdf4Dimid...):
// nullopt when the attribute is absent or of another kind. A string attribute gives its first
// element with padding removed; an integer attribute all its elements.
Result<std::optional<std::string>> ReadStringAttribute(hid_t object, const char* name);
Result<std::optional<std::vector<int64_t>>> ReadIntegerAttribute(hid_t object, const char* name);

}  // namespace stacfs::converter::hdf5
