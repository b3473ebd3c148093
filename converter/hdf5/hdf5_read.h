// Whole-object reads of attributes and datasets through libhdf5, for the values the reader
// must hold itself: attribute values, compact datasets, variable-length strings, and data
// whose filters only libhdf5 can decode.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

// Every element of `object` (an attribute or a dataset id), converted by HDF5 to `memory_type`,
// as bytes: `element_count` × H5Tget_size(memory_type).
Result<std::string> ReadAllElements(hid_t object, hid_t memory_type, size_t element_count);

// Every element of a variable-length string attribute or dataset, in row-major order; a null
// string (never written) reads as "". Bytes are returned as stored (not checked for UTF-8).
Result<std::vector<std::string>> ReadAllVlenStrings(hid_t object, size_t element_count);

// The number of elements of a dataspace (1 for scalar, 0 for null); -1 with an HDF5 error.
hssize_t ElementCount(hid_t space);

}  // namespace stacfs::converter::hdf5
