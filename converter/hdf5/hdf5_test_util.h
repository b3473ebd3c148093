// Test helpers for the HDF5 reader: read a Variable back the way a Zarr client would (fetch each
// referenced range, decode with the declared codecs, place chunks in the array) and compare
// JSON documents value by value.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <vector>

#include "converter/dataset.h"
#include "core/base/result.h"

namespace stacfs::converter::hdf5_testing {

// A variable's values as a Zarr reader gets them: element bytes in C order (numeric and fixed
// strings), or strings (vlen-utf8). Missing chunks read as fill_value (zeros when null).
struct ArrayValues {
  std::string bytes;
  std::vector<std::string> strings;
  uint64_t referenced_chunks = 0;  // chunks fetched by reference
  uint64_t inline_chunks = 0;
  uint64_t missing_chunks = 0;
};

Result<ArrayValues> ReadBack(const Dataset& dataset, const Variable& variable);

// Whether two JSON values are equal: same types (integers vs floats told apart), numbers by
// value, objects key by key in order. `why` says where they differ.
bool JsonEqual(simdjson::dom::element a, simdjson::dom::element b, std::string* why);
// Parses both texts (leniently: bare NaN) and compares them.
bool JsonTextEqual(const std::string& a, const std::string& b, std::string* why);

// Element-wise equality of two arrays of `itemsize`-byte elements: equal bytes, or both NaN
// when `is_float`. `why` names the first differing element.
bool SameElements(const std::string& a, const std::string& b, size_t itemsize, bool is_float,
                  bool big_endian, std::string* why);

}  // namespace stacfs::converter::hdf5_testing
