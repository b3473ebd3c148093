// Reads a whole variable of a Dataset into memory as the array's raw bytes, C order, in its
// declared dtype and byte order — through the same chunk references and codecs a reader of the
// output would use. For coordinates and small variables the combiner must materialise, and for
// validation. Missing chunks read as the fill value (zeros when there is none).
#pragma once

#include <string>
#include <vector>

#include "converter/dataset.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs::converter {

// Refuses (kResourceExhausted) arrays larger than `max_bytes`, and object dtypes (kUnsupported).
Result<std::string> ReadWholeArray(const Dataset& dataset, const Variable& variable,
                                   Fetcher& local_reader, uint64_t max_bytes);

// The values of a numeric array's raw bytes as doubles (for coordinates); kUnsupported for
// strings and objects. 64-bit integers beyond 2^53 lose precision: callers compare raw bytes.
Result<std::vector<double>> ToDoubles(const std::string& raw, const DataType& dtype);

}  // namespace stacfs::converter
