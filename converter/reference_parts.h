// The pieces both reference writers (reference_writer.h builds a ReferenceSet,
// reference_stream.h streams JSON) make from a Dataset, defined once so that the two cannot
// drift apart: key names, the metadata documents, and the bytes of a chunk small enough to be
// inlined.
#pragma once

#include <string>
#include <string_view>

#include "converter/dataset.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs::converter {

inline constexpr std::string_view kZgroupDocument = R"({"zarr_format":2})";

// "dir/name", or "name" at the root.
std::string JoinKey(const std::string& dir, std::string_view name);

// The variable's .zarray and .zattrs documents, ASCII only (zarr-python 2 requires it); .zattrs
// gains _ARRAY_DIMENSIONS, as xarray expects on every array.
std::string ZarrayDocument(const Variable& variable);
std::string ZattrsDocument(const Variable& variable);

// The bytes of `chunk`, read from the source's local path, exactly as stored.
Result<std::string> ReadChunkBytes(const Dataset& dataset, Fetcher& local_reader,
                                   const ChunkRef& chunk);

}  // namespace stacfs::converter
