// Combining the Datasets of several files into one, along a dimension or several: kerchunk's
// MultiZarrToZarr semantics without its silent failures.
//
//  - Files are ordered by their concat coordinate; overlapping or non-monotonic coordinates
//    are refused. Along several dimensions (2 members x 3 years = 6 files) each file is a tile
//    placed by its coordinate values along every one (tile_grid.h: complete, no duplicates,
//    equal extents within a row), and every rule below applies along each dimension; a
//    variable lacking one of them is taken from the first row along it, as a variable without
//    the dimension is from the first file.
//  - The concat coordinate itself is materialised (its values read, concatenated and inlined),
//    re-encoded to the first file's units when CF time units differ (calendars must agree).
//  - Variables along the concat dimension are concatenated by renumbering chunks: their chunk
//    shapes, dtypes, codecs and fill values must agree, and every file but the last must end on
//    a chunk boundary — else chunk keys would overlap and data would be lost. A small variable
//    that cannot be aligned is materialised instead; a large one is an error saying why.
//  - Variables without the dimension must agree in metadata; `identical_dims` coordinates must
//    be equal in value. The first file's values are used.
//  - Global attributes: equal values kept; names with a "start" token take the minimum, "end"
//    the maximum; others that differ keep the first file's value and are reported as warnings.
#pragma once

#include <string>
#include <vector>

#include "converter/dataset.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs::converter {

struct CombineOptions {
  std::string concat_dim;                // empty: detect (the one dimension whose values differ)
  // Several dimensions to combine along at once (a hypercube of files, see tile_grid.h); when
  // set, it replaces concat_dim, which stays the simple form for callers that want one.
  std::vector<std::string> concat_dims;
  std::vector<std::string> identical_dims;
  // Variables along the concat dimension that cannot be concatenated by reference are inlined
  // when their whole decoded size is at most this.
  uint64_t max_materialised_bytes = uint64_t{8} << 20;
};

// `inputs[i]` came from `names[i]` (for messages). Reads coordinates through `local_reader`.
Result<Dataset> CombineDatasets(std::vector<Dataset> inputs, const std::vector<std::string>& names,
                                const CombineOptions& options, Fetcher& local_reader);

}  // namespace stacfs::converter
