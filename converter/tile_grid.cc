#include "converter/tile_grid.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace stacfs::converter {
namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

std::string Where(const std::vector<std::string>& dims, const std::vector<std::string>& labels) {
  std::string out;
  for (size_t d = 0; d < dims.size(); ++d) out += (d == 0 ? "" : ", ") + dims[d] + "=" + labels[d];
  return out;
}

// Sorts the files into slabs along dimension `d` and numbers them; fills positions[*][d].
Result<size_t> PlaceAlong(const std::vector<std::string>& dims, size_t d, const std::vector<TileCoordinates>& tiles,
                          std::vector<std::vector<size_t>>& positions) {
  const std::string& dim = dims[d];
  for (const TileCoordinates& t : tiles) {
    const auto& c = t.values[d];
    if (c.empty()) return InvalidArgument(t.name + ": has no values along '" + dim + "'");
    for (size_t k = 1; k < c.size(); ++k) {
      if (!(c[k] > c[k - 1])) {
        return InvalidArgument(t.name + ": '" + dim + "' is not strictly increasing at index " + std::to_string(k));
      }
    }
  }
  std::vector<size_t> order(tiles.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Stable: files of one slab keep the order they were given in, for messages.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return tiles[a].values[d].front() < tiles[b].values[d].front(); });
  size_t slab = 0;
  size_t leader = order[0];  // the first file of the current slab
  positions[leader][d] = 0;
  for (size_t k = 1; k < order.size(); ++k) {
    const TileCoordinates& t = tiles[order[k]];
    const TileCoordinates& first = tiles[leader];
    if (t.values[d].front() == first.values[d].front()) {
      if (t.values[d] != first.values[d]) {
        return InvalidArgument(t.name + " and " + first.name + " both start at " + dim + "=" + t.labels[d] +
                               " but hold different '" + dim + "' values (" + std::to_string(t.values[d].size()) +
                               " vs " + std::to_string(first.values[d].size()) +
                               " steps): tiles in one row must have the same extent along '" + dim + "'");
      }
    } else {
      if (!(t.values[d].front() > first.values[d].back())) {
        return InvalidArgument(t.name + " overlaps " + first.name + " along '" + dim +
                               "': their coordinate ranges intersect");
      }
      ++slab;
      leader = order[k];
    }
    positions[order[k]][d] = slab;
  }
  return slab + 1;
}

}  // namespace

Result<TileGrid> PlaceTiles(const std::vector<std::string>& dims, const std::vector<TileCoordinates>& tiles) {
  TileGrid grid;
  if (tiles.empty()) return grid;
  grid.positions.assign(tiles.size(), std::vector<size_t>(dims.size()));
  for (size_t d = 0; d < dims.size(); ++d) {
    STACFS_ASSIGN_OR_RETURN(size_t count, PlaceAlong(dims, d, tiles, grid.positions));
    grid.counts.push_back(count);
  }
  std::map<std::vector<size_t>, size_t> held;  // position → file
  for (size_t i = 0; i < tiles.size(); ++i) {
    auto [it, inserted] = held.emplace(grid.positions[i], i);
    if (!inserted) {
      return InvalidArgument(tiles[it->second].name + " and " + tiles[i].name + " are the same tile (" +
                             Where(dims, tiles[i].labels) +
                             "): each combination of coordinate values must come from exactly one file");
    }
  }
  // A slab's label along each dim, from any file in it, to name a missing tile's values.
  std::vector<std::vector<std::string>> labels(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    labels[d].resize(grid.counts[d]);
    for (size_t i = 0; i < tiles.size(); ++i) labels[d][grid.positions[i][d]] = tiles[i].labels[d];
  }
  std::vector<size_t> position(dims.size(), 0);
  while (true) {
    if (!held.contains(position)) {
      std::vector<std::string> missing_labels;
      for (size_t d = 0; d < dims.size(); ++d) missing_labels.push_back(labels[d][position[d]]);
      // The files next to the hole (differing from it along one dimension) say where it is.
      std::string neighbours;
      for (size_t i = 0; i < tiles.size(); ++i) {
        size_t differ = 0;
        for (size_t d = 0; d < dims.size(); ++d) differ += grid.positions[i][d] != position[d];
        if (differ == 1) neighbours += (neighbours.empty() ? "" : ", ") + tiles[i].name;
      }
      std::string shape;
      for (size_t d = 0; d < dims.size(); ++d) shape += (d == 0 ? "" : "x") + std::to_string(grid.counts[d]);
      return InvalidArgument("no file holds the tile " + Where(dims, missing_labels) + " of the " + shape +
                             " grid along " + Join(dims, ",") + " (" + std::to_string(tiles.size()) + " files; next to it: " +
                             (neighbours.empty() ? "none" : neighbours) + ")");
    }
    size_t d = dims.size();
    while (d > 0 && ++position[d - 1] == grid.counts[d - 1]) position[--d] = 0;
    if (d == 0) break;
  }
  return grid;
}

}  // namespace stacfs::converter
