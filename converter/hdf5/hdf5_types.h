// HDF5 datatypes → Zarr v2 dtypes, and single elements of them as values.
//
// What maps, and why:
//  - integers of 1, 2, 4, 8 bytes, signed or not, either byte order → "<i4", ">u2", "|u1"...;
//  - IEEE floats of 2, 4, 8 bytes, either byte order → "<f4", ">f8", "<f2";
//  - enums → their base integer type (h5py's booleans and netCDF-4 enums are stored as that
//    integer; a Zarr reader sees the numbers, the names are not representable in Zarr v2);
//  - fixed-length strings → "|S{size}" (raw bytes, padding kept as stored);
//  - variable-length strings → "|O", read through HDF5 and embedded with vlen-utf8.
// Everything else (compound, reference, opaque, array, non-string vlen, bitfield, time, floats
// that are not IEEE, integers with padding bits) is reported as unsupported with its class
// name, and the caller skips the variable with a warning.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/zarr/dtype.h"
#include "core/zarr/fill_value.h"

namespace stacfs::converter::hdf5 {

enum class ElementKind { kNumeric, kFixedString, kVlenString, kUnsupported };

struct ElementType {
  ElementKind kind = ElementKind::kUnsupported;
  DataType dtype;           // the Zarr dtype; "|O" for variable-length strings
  bool is_enum = false;     // numeric, stored as an enum's base integer
  bool utf8 = false;        // strings: the character set HDF5 records
  std::string unsupported;  // kUnsupported: what it is, e.g. "compound type"
};

// Fails only when HDF5 cannot describe the type (a corrupt file).
Result<ElementType> MapDatatype(hid_t type);

// "compound", "reference", "opaque"... for messages.
std::string TypeClassName(H5T_class_t type_class);

// The Zarr fill value holding the one element `bytes` (in `dtype`'s byte order) of a numeric
// or fixed-string dtype. kInvalidArgument when `bytes` is not one element.
Result<FillValue> FillValueFromElement(std::string_view bytes, const DataType& dtype);

// True when two elements of `dtype` hold the same value: any two NaNs are the same for floats
// (payloads differ between writers), otherwise the bytes must match.
bool SameElementValue(std::string_view a, std::string_view b, const DataType& dtype);

// An integer of `size` bytes (1, 2, 4, 8) in the given byte order, sign-extended when signed.
int64_t DecodeSigned(const unsigned char* bytes, size_t size, bool big_endian);
uint64_t DecodeUnsigned(const unsigned char* bytes, size_t size, bool big_endian);

// An IEEE half, single or double float (size 2, 4, 8) as a double.
double DecodeFloat(const unsigned char* bytes, size_t size, bool big_endian);

}  // namespace stacfs::converter::hdf5
