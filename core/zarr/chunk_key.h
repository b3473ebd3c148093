// Zarr v2 chunk keys: "0.1.2" (dimension_separator ".") or "0/1/2" ("/"); a zero-dimensional
// array has the single key "0". Also the row-major linear numbering of a chunk grid, which the
// compact reference store uses instead of key strings.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace stacfs {

std::string FormatChunkKey(std::span<const uint64_t> index, char separator);
void AppendChunkKey(std::string* out, std::span<const uint64_t> index, char separator);

// Parses a key of exactly out.size() dimensions into `out`. Leading zeros ("01") are refused:
// zarr never writes them, and accepting them would give two keys for one chunk.
Result<void> ParseChunkKey(std::string_view key, char separator, std::span<uint64_t> out);

// Row-major linear number of `index` in `grid`; false when outside the grid.
bool LinearChunkIndex(std::span<const uint64_t> index, std::span<const uint64_t> grid,
                      uint64_t* linear);
void ChunkIndexFromLinear(uint64_t linear, std::span<const uint64_t> grid, std::span<uint64_t> out);

}  // namespace stacfs
