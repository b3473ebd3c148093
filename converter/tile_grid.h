// Placing files in a hypercube when they are combined along several dimensions at once
// (`--concat-dim time,member`): each file is one tile, found at a position along every concat
// dimension by its coordinate values there.
//
// A grid is only a grid if it is complete and unambiguous, and a wrong guess would corrupt data
// silently (a member's year written where another's belongs), so every rule is checked and
// refused with the files and coordinate values named:
//  - along each dimension, files holding the same coordinate values form one slab; a file that
//    starts where another starts but holds other values (another extent) fits no slab;
//  - slabs are ordered by coordinate value and must not overlap;
//  - every combination of slabs is held by exactly one file (no tile missing, none twice).
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter {

// One file's coordinate values along each concat dimension, on a scale every file shares
// (CF times already brought to a common unit), and how each is to be shown in messages.
struct TileCoordinates {
  std::string name;
  std::vector<std::vector<long double>> values;  // [dim] the coordinate values
  std::vector<std::string> labels;               // [dim] the first value as stored, e.g. "730"
};

struct TileGrid {
  std::vector<size_t> counts;                  // [dim] number of slabs
  std::vector<std::vector<size_t>> positions;  // [file][dim] the file's slab along each dim
};

Result<TileGrid> PlaceTiles(const std::vector<std::string>& dims, const std::vector<TileCoordinates>& tiles);

}  // namespace stacfs::converter
