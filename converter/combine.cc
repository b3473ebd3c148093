#include "converter/combine.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>

#include "converter/array_reader.h"
#include "converter/attributes.h"
#include "converter/cf_time.h"
#include "converter/tile_grid.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter {
namespace {

constexpr uint64_t kMaxCoordinateBytes = uint64_t{64} << 20;

const Variable* FindVariable(const Dataset& dataset, std::string_view path) {
  for (const Variable& v : dataset.variables) {
    if (v.path == path) return &v;
  }
  return nullptr;
}

int AxisOf(const Variable& variable, std::string_view dim) {
  auto it = std::find(variable.dims.begin(), variable.dims.end(), dim);
  return it == variable.dims.end() ? -1 : static_cast<int>(it - variable.dims.begin());
}

bool IsCoordinateOf(const Variable& v, std::string_view dim) {
  return v.path == dim && v.dims.size() == 1 && v.dims[0] == dim;
}

// The metadata of a variable with its extents along the concat axes blanked (-1: none), to
// compare across files.
std::string MetadataExceptAxes(const Variable& v, const std::vector<int>& axes) {
  ArrayMetadata m = v.zarray;
  for (int axis : axes) {
    if (axis >= 0) m.shape[axis] = 0;
  }
  return ArrayMetadataToJson(m);
}

// What one file holds along one concat dimension.
struct Along {
  uint64_t length = 0;                  // extent along the concat dimension
  std::vector<double> coordinate;       // its coordinate values, as stored
  std::string coordinate_raw;           // the same, raw bytes
  std::vector<long double> comparable;  // values on a common scale for ordering
};

struct Input {
  Dataset dataset;
  std::string name;
  std::vector<Along> along;             // [concat dim]
  std::vector<size_t> position;         // [concat dim] the file's place in the grid of tiles
  std::vector<uint32_t> source_map;     // input source index → output source index
};

// The concat dimensions and the grid of tiles the (ordered) inputs form along them.
struct Grid {
  std::vector<std::string> dims;
  std::vector<std::vector<uint64_t>> lengths;  // [dim][position] extent of the tiles there
  std::vector<bool> has_coordinate;            // [dim]
};

Result<std::string> DetectConcatDim(std::vector<Input>& inputs, Fetcher& reader) {
  std::vector<std::string> candidates;
  for (const Variable& v : inputs[0].dataset.variables) {
    if (v.dims.size() != 1 || v.path != v.dims[0]) continue;
    auto first = ReadWholeArray(inputs[0].dataset, v, reader, kMaxCoordinateBytes);
    if (!first) continue;
    for (size_t i = 1; i < inputs.size(); ++i) {
      const Variable* other = FindVariable(inputs[i].dataset, v.path);
      if (other == nullptr) continue;
      auto values = ReadWholeArray(inputs[i].dataset, *other, reader, kMaxCoordinateBytes);
      // Equal numbers in other units (days since another date) are different coordinates.
      bool units_differ = StringAttribute(other->attributes, "units") != StringAttribute(v.attributes, "units");
      if ((values && *values != *first) || units_differ) {
        candidates.push_back(v.path);
        break;
      }
    }
  }
  if (candidates.size() == 1) return candidates[0];
  if (candidates.empty()) {
    return InvalidArgument("no dimension's coordinate values differ between the files: give "
                           "--concat-dim (files that only differ in data cannot be ordered)");
  }
  std::string list, comma_list;
  for (const std::string& c : candidates) {
    list += (list.empty() ? "" : ", ") + c;
    comma_list += (comma_list.empty() ? "" : ",") + c;
  }
  return InvalidArgument("several dimensions differ between the files (" + list +
                         "): choose one with --concat-dim, or combine along all of them with --concat-dim " +
                         comma_list);
}

// Reads each input's coordinate and extent along concat dimension `d` (into Input::along[d]),
// and brings CF times onto a common scale.
Result<bool> ReadConcatCoordinates(std::vector<Input>& inputs, size_t d, const std::string& dim, Fetcher& reader) {
  bool has_coordinate = false;
  std::vector<std::optional<CfTimeUnits>> units(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    Input& in = inputs[i];
    Along& at = in.along[d];
    const Variable* along = nullptr;
    for (const Variable& v : in.dataset.variables) {
      if (IsCoordinateOf(v, dim)) along = &v;
    }
    if (along == nullptr) {
      for (const Variable& v : in.dataset.variables) {
        if (int a = AxisOf(v, dim); a >= 0) {
          along = &v;
          break;
        }
      }
    }
    if (along == nullptr) return InvalidArgument(in.name + ": has no dimension '" + dim + "'");
    at.length = along->zarray.shape[AxisOf(*along, dim)];
    if (!IsCoordinateOf(*along, dim)) continue;
    has_coordinate = true;
    STACFS_ASSIGN_OR_RETURN(at.coordinate_raw, ReadWholeArray(in.dataset, *along, reader, kMaxCoordinateBytes)
                                                   .WithContext(in.name));
    STACFS_ASSIGN_OR_RETURN(at.coordinate, ToDoubles(at.coordinate_raw, along->zarray.dtype));
    auto unit_text = StringAttribute(along->attributes, "units");
    if (unit_text && IsCfTimeUnits(*unit_text)) {
      auto calendar = StringAttribute(along->attributes, "calendar").value_or("");
      STACFS_ASSIGN_OR_RETURN(units[i], ParseCfTimeUnits(*unit_text, calendar).WithContext(in.name));
    }
  }
  if (!has_coordinate) return false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (units[i].has_value() != units[0].has_value()) {
      return InvalidArgument(inputs[i].name + ": '" + dim + "' has CF time units in some files only");
    }
    if (units[i]) {
      // Seconds since year one: a scale every file shares.
      CfTimeUnits seconds{1, 0, units[i]->calendar};
      STACFS_ASSIGN_OR_RETURN(inputs[i].along[d].comparable,
                              ConvertCfTimes(inputs[i].along[d].coordinate, *units[i], seconds)
                                  .WithContext(inputs[i].name));
      if (units[i]->calendar != units[0]->calendar) {
        return Unsupported(inputs[i].name + ": calendar '" + units[i]->calendar + "' differs from '" +
                           units[0]->calendar + "' in " + inputs[0].name);
      }
    } else {
      inputs[i].along[d].comparable.assign(inputs[i].along[d].coordinate.begin(), inputs[i].along[d].coordinate.end());
    }
  }
  return true;
}

// The one-dimension order rules (a single concat dimension; PlaceTiles for several).
Result<void> CheckOrder(const std::vector<Input>& inputs, const std::string& dim) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& c = inputs[i].along[0].comparable;
    for (size_t k = 1; k < c.size(); ++k) {
      if (!(c[k] > c[k - 1])) {
        return InvalidArgument(inputs[i].name + ": '" + dim + "' is not strictly increasing at index " +
                               std::to_string(k));
      }
    }
    if (i > 0 && !c.empty() && !inputs[i - 1].along[0].comparable.empty() &&
        !(c.front() > inputs[i - 1].along[0].comparable.back())) {
      return InvalidArgument(inputs[i].name + " overlaps " + inputs[i - 1].name + " along '" + dim +
                             "': their coordinate ranges intersect");
    }
  }
  return Ok();
}

// Copies the C-order array `block` (shape `block_shape`) into the C-order array `out` (shape
// `shape`) at element offset `offset`, row by row along the last axis.
void PlaceBlock(std::string& out, const std::vector<uint64_t>& shape, const std::string& block,
                const std::vector<uint64_t>& block_shape, const std::vector<uint64_t>& offset, size_t itemsize) {
  size_t rank = shape.size();
  if (rank == 0) {
    out = block;
    return;
  }
  for (uint64_t extent : block_shape) {
    if (extent == 0) return;
  }
  std::vector<uint64_t> stride(rank, 1);  // in elements
  for (size_t a = rank - 1; a > 0; --a) stride[a - 1] = stride[a] * shape[a];
  uint64_t row = block_shape[rank - 1] * itemsize;
  std::vector<uint64_t> index(rank - 1, 0);
  for (uint64_t source = 0;; source += row) {
    uint64_t target = offset[rank - 1];
    for (size_t a = 0; a + 1 < rank; ++a) target += (offset[a] + index[a]) * stride[a];
    out.replace(target * itemsize, row, block, source, row);
    size_t a = rank - 1;
    while (a > 0 && ++index[a - 1] == block_shape[a - 1]) index[--a] = 0;
    if (a == 0) break;
  }
}

// A variable whose values are held inline as one uncompressed chunk.
Variable Materialised(const Variable& like, std::vector<uint64_t> shape, std::string raw) {
  Variable v = like;
  v.zarray.shape = shape;
  v.zarray.chunks = shape;
  for (uint64_t& c : v.zarray.chunks) c = std::max<uint64_t>(c, 1);
  v.zarray.filters.clear();
  v.zarray.compressor.clear();
  v.chunks.clear();
  v.inline_chunks = {InlineChunk{0, std::move(raw)}};
  return v;
}

// One file's part of a combined variable: where it goes, in elements along every axis (zero
// along axes that are not concatenated).
struct Tile {
  size_t input = 0;
  std::vector<uint64_t> offset;
};

// Every tile's chunks renumbered into the combined chunk grid; each tile starts on a chunk
// boundary (the caller checked), so its chunks map one to one onto the combined array's.
Variable ConcatenateByReference(const Variable& like, const std::vector<uint64_t>& shape,
                                const std::vector<Input>& inputs, const std::vector<const Variable*>& parts,
                                const std::vector<Tile>& tiles) {
  Variable out = like;
  out.zarray.shape = shape;
  out.chunks.clear();
  out.inline_chunks.clear();
  std::vector<uint64_t> out_grid = out.zarray.ChunkGrid();
  std::vector<uint64_t> index(out_grid.size());
  for (const Tile& tile : tiles) {
    const Variable& part = *parts[tile.input];
    std::vector<uint64_t> grid = part.zarray.ChunkGrid();
    auto renumber = [&](uint64_t linear) {
      ChunkIndexFromLinear(linear, grid, index);
      for (size_t a = 0; a < index.size(); ++a) index[a] += tile.offset[a] / out.zarray.chunks[a];
      uint64_t renumbered = 0;
      LinearChunkIndex(index, out_grid, &renumbered);
      return renumbered;
    };
    for (const ChunkRef& c : part.chunks) {
      out.chunks.push_back(ChunkRef{renumber(c.linear), c.offset, c.length, inputs[tile.input].source_map[c.source]});
    }
    for (const InlineChunk& c : part.inline_chunks) {
      out.inline_chunks.push_back(InlineChunk{renumber(c.linear), c.bytes});
    }
  }
  // Tiles are appended in file order, which is chunk order only when the concat axes lead;
  // the Dataset's lists are sorted by chunk number.
  auto by_linear = [](const auto& a, const auto& b) { return a.linear < b.linear; };
  if (!std::is_sorted(out.chunks.begin(), out.chunks.end(), by_linear)) {
    std::sort(out.chunks.begin(), out.chunks.end(), by_linear);
  }
  if (!std::is_sorted(out.inline_chunks.begin(), out.inline_chunks.end(), by_linear)) {
    std::sort(out.inline_chunks.begin(), out.inline_chunks.end(), by_linear);
  }
  return out;
}

std::string Describe(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Result<void> CheckSameVariables(const std::vector<Input>& inputs) {
  for (size_t i = 1; i < inputs.size(); ++i) {
    std::vector<std::string> missing, extra;
    for (const Variable& v : inputs[0].dataset.variables) {
      if (!FindVariable(inputs[i].dataset, v.path)) missing.push_back(v.path);
    }
    for (const Variable& v : inputs[i].dataset.variables) {
      if (!FindVariable(inputs[0].dataset, v.path)) extra.push_back(v.path);
    }
    if (!missing.empty() || !extra.empty()) {
      return InvalidArgument(inputs[i].name + " has different variables from " + inputs[0].name +
                             (missing.empty() ? "" : "; missing: " + Describe(missing)) +
                             (extra.empty() ? "" : "; extra: " + Describe(extra)));
    }
  }
  return Ok();
}

// The concat dimensions asked for: several (a hypercube), one, or none (to be detected).
Result<std::vector<std::string>> ConcatDims(const CombineOptions& options) {
  if (options.concat_dims.empty()) {
    if (options.concat_dim.empty()) return std::vector<std::string>{};
    return std::vector<std::string>{options.concat_dim};
  }
  std::vector<std::string> dims;
  for (const std::string& dim : options.concat_dims) {
    if (dim.empty()) return InvalidArgument("--concat-dim: an empty dimension name");
    if (std::find(dims.begin(), dims.end(), dim) != dims.end()) {
      return InvalidArgument("--concat-dim: '" + dim + "' is given twice");
    }
    dims.push_back(dim);
  }
  return dims;
}

// A coordinate value as stored, shortest text that reads back the same, for messages.
std::string Label(const std::vector<double>& coordinate) {
  if (coordinate.empty()) return "(none)";
  char text[32];
  auto end = std::to_chars(text, text + sizeof text, coordinate.front()).ptr;
  return std::string(text, end);
}

// Puts the inputs in combined order — by coordinate along the one concat dimension, or
// row-major over the grid of tiles (the first concat dimension varying slowest) — and records
// each file's position and the extent of every row and column.
Result<void> OrderInputs(std::vector<Input>& inputs, Grid& grid) {
  size_t rank = grid.dims.size();
  if (rank == 1) {
    if (grid.has_coordinate[0]) {
      std::stable_sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) {
        const auto& x = a.along[0].comparable;
        const auto& y = b.along[0].comparable;
        return x.empty() || (!y.empty() && x.front() < y.front());
      });
      STACFS_RETURN_IF_ERROR(CheckOrder(inputs, grid.dims[0]));
    }
    for (size_t i = 0; i < inputs.size(); ++i) inputs[i].position = {i};
  } else {
    std::vector<TileCoordinates> tiles;
    for (size_t d = 0; d < rank; ++d) {
      if (!grid.has_coordinate[d]) {
        return InvalidArgument("'" + grid.dims[d] + "' has no coordinate variable: combining along several "
                               "dimensions places each file by its coordinate values along every one");
      }
    }
    for (const Input& in : inputs) {
      TileCoordinates t{in.name, {}, {}};
      for (const Along& at : in.along) {
        t.values.push_back(at.comparable);
        t.labels.push_back(Label(at.coordinate));
      }
      tiles.push_back(std::move(t));
    }
    STACFS_ASSIGN_OR_RETURN(TileGrid placed, PlaceTiles(grid.dims, tiles));
    for (size_t i = 0; i < inputs.size(); ++i) inputs[i].position = placed.positions[i];
    std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.position < b.position; });
  }
  grid.lengths.assign(rank, {});
  for (size_t d = 0; d < rank; ++d) {
    for (const Input& in : inputs) {
      size_t p = in.position[d];
      if (grid.lengths[d].size() <= p) grid.lengths[d].resize(p + 1);
      grid.lengths[d][p] = in.along[d].length;
    }
  }
  return Ok();
}

// The tiles of a variable whose axis along concat dimension d is axes[d] (-1: it has none):
// one file per position along the dimensions it has, from the first row of those it has not
// (the others hold the same values, or are checked to).
std::vector<Tile> TilesOf(const std::vector<Input>& inputs, const Grid& grid, const std::vector<int>& axes,
                          size_t rank) {
  std::vector<Tile> tiles;
  for (size_t i = 0; i < inputs.size(); ++i) {
    Tile tile{i, std::vector<uint64_t>(rank, 0)};
    bool first_row = true;
    for (size_t d = 0; d < grid.dims.size(); ++d) {
      size_t p = inputs[i].position[d];
      if (axes[d] < 0) {
        first_row &= p == 0;
        continue;
      }
      for (size_t q = 0; q < p; ++q) tile.offset[axes[d]] += grid.lengths[d][q];
    }
    if (first_row) tiles.push_back(std::move(tile));
  }
  return tiles;
}

}  // namespace

Result<Dataset> CombineDatasets(std::vector<Dataset> datasets, const std::vector<std::string>& names,
                                const CombineOptions& options, Fetcher& reader) {
  if (datasets.empty()) return InvalidArgument("no files to combine");
  if (datasets.size() == 1) return std::move(datasets[0]);
  std::vector<Input> inputs(datasets.size());
  for (size_t i = 0; i < datasets.size(); ++i) {
    inputs[i].dataset = std::move(datasets[i]);
    inputs[i].name = names[i];
  }
  STACFS_RETURN_IF_ERROR(CheckSameVariables(inputs));
  Grid grid;
  STACFS_ASSIGN_OR_RETURN(grid.dims, ConcatDims(options));
  if (grid.dims.empty()) {
    STACFS_ASSIGN_OR_RETURN(std::string dim, DetectConcatDim(inputs, reader));
    grid.dims.push_back(dim);
  }
  const size_t rank = grid.dims.size();
  for (Input& in : inputs) in.along.resize(rank);
  for (size_t d = 0; d < rank; ++d) {
    STACFS_ASSIGN_OR_RETURN(bool has_coordinate, ReadConcatCoordinates(inputs, d, grid.dims[d], reader));
    grid.has_coordinate.push_back(has_coordinate);
  }
  STACFS_RETURN_IF_ERROR(OrderInputs(inputs, grid));

  Dataset out;
  for (Input& in : inputs) {
    for (const std::string& w : in.dataset.warnings) out.warnings.push_back(in.name + ": " + w);
    for (size_t s = 0; s < in.dataset.sources.size(); ++s) {
      auto it = std::find(out.sources.begin(), out.sources.end(), in.dataset.sources[s]);
      if (it == out.sources.end()) {
        out.sources.push_back(in.dataset.sources[s]);
        out.local_paths.push_back(s < in.dataset.local_paths.size() ? in.dataset.local_paths[s] : "");
        it = out.sources.end() - 1;
      }
      in.source_map.push_back(static_cast<uint32_t>(it - out.sources.begin()));
    }
  }
  std::vector<std::string> ordered_names;
  for (const Input& in : inputs) ordered_names.push_back(in.name);

  // Groups: the first file's, with attributes merged across files.
  for (const Group& group : inputs[0].dataset.groups) {
    std::vector<std::string> per_file;
    for (const Input& in : inputs) {
      auto it = std::find_if(in.dataset.groups.begin(), in.dataset.groups.end(),
                             [&](const Group& g) { return g.path == group.path; });
      per_file.push_back(it == in.dataset.groups.end() ? "{}" : it->attributes);
    }
    std::string where = group.path.empty() ? "global" : "group '" + group.path + "'";
    STACFS_ASSIGN_OR_RETURN(std::string merged, MergeAttributes(per_file, ordered_names, where, &out.warnings));
    out.groups.push_back(Group{group.path, merged});
  }

  for (const Variable& first : inputs[0].dataset.variables) {
    std::vector<const Variable*> parts;
    for (const Input& in : inputs) parts.push_back(FindVariable(in.dataset, first.path));
    std::vector<int> axes;  // [concat dim] the variable's axis along it, -1 if it has none
    for (const std::string& dim : grid.dims) axes.push_back(AxisOf(first, dim));
    bool is_concat_coordinate = false;
    for (const std::string& dim : grid.dims) is_concat_coordinate |= IsCoordinateOf(first, dim);
    for (size_t i = 1; i < parts.size(); ++i) {
      if (MetadataExceptAxes(*parts[i], axes) != MetadataExceptAxes(first, axes)) {
        return InvalidArgument("variable '" + first.path + "' differs between " + inputs[0].name + " and " +
                               inputs[i].name + " (dtype, chunk shape, codecs, fill value or other extents): " +
                               MetadataExceptAxes(first, axes) + " vs " + MetadataExceptAxes(*parts[i], axes));
      }
      for (size_t d = 0; d < rank; ++d) {
        if (AxisOf(*parts[i], grid.dims[d]) != axes[d]) {
          return InvalidArgument("variable '" + first.path + "' has '" + grid.dims[d] + "' on another axis in " +
                                 inputs[i].name);
        }
      }
      if (parts[i]->attributes != first.attributes && !is_concat_coordinate) {
        out.warnings.push_back("attributes of '" + first.path + "' differ between files; kept " + inputs[0].name + "'s");
      }
    }

    if (std::all_of(axes.begin(), axes.end(), [](int a) { return a < 0; })) {
      Variable v = first;
      for (ChunkRef& c : v.chunks) c.source = inputs[0].source_map[c.source];
      if (std::find(options.identical_dims.begin(), options.identical_dims.end(), first.path) !=
          options.identical_dims.end()) {
        STACFS_ASSIGN_OR_RETURN(std::string reference,
                                ReadWholeArray(inputs[0].dataset, first, reader, kMaxCoordinateBytes));
        for (size_t i = 1; i < parts.size(); ++i) {
          STACFS_ASSIGN_OR_RETURN(std::string values,
                                  ReadWholeArray(inputs[i].dataset, *parts[i], reader, kMaxCoordinateBytes));
          if (values != reference) {
            return InvalidArgument("'" + first.path + "' was declared identical (--identical-dims) but " +
                                   inputs[i].name + " has other values than " + inputs[0].name);
          }
        }
      }
      out.variables.push_back(std::move(v));
      continue;
    }

    std::vector<Tile> tiles = TilesOf(inputs, grid, axes, first.zarray.shape.size());
    std::vector<uint64_t> shape = first.zarray.shape;
    for (size_t d = 0; d < rank; ++d) {
      if (axes[d] >= 0) shape[axes[d]] = std::accumulate(grid.lengths[d].begin(), grid.lengths[d].end(), uint64_t{0});
    }
    std::optional<size_t> coordinate_of;  // the concat dimension this variable is the coordinate of
    for (size_t d = 0; d < rank; ++d) {
      if (IsCoordinateOf(first, grid.dims[d]) && grid.has_coordinate[d]) coordinate_of = d;
    }
    if (coordinate_of) {
      const std::string& dim = grid.dims[*coordinate_of];
      out.variables.push_back(Materialised(first, shape, ""));
      Variable& coordinate = out.variables.back();
      auto units = StringAttribute(first.attributes, "units");
      bool differ = false;
      for (const Tile& t : tiles) differ |= StringAttribute(parts[t.input]->attributes, "units") != units;
      if (!differ) {
        std::string raw;
        for (const Tile& t : tiles) raw += inputs[t.input].along[*coordinate_of].coordinate_raw;
        coordinate.inline_chunks[0].bytes = std::move(raw);
        continue;
      }
      // Different units: every value re-encoded into the first file's units, as float64.
      auto calendar = StringAttribute(first.attributes, "calendar").value_or("");
      STACFS_ASSIGN_OR_RETURN(CfTimeUnits target, ParseCfTimeUnits(*units, calendar));
      std::string raw;
      for (const Tile& t : tiles) {
        auto from_units = StringAttribute(parts[t.input]->attributes, "units").value_or("");
        auto from_calendar = StringAttribute(parts[t.input]->attributes, "calendar").value_or("");
        STACFS_ASSIGN_OR_RETURN(CfTimeUnits from, ParseCfTimeUnits(from_units, from_calendar));
        STACFS_ASSIGN_OR_RETURN(auto converted,
                                ConvertCfTimes(inputs[t.input].along[*coordinate_of].coordinate, from, target));
        for (long double value : converted) {
          double d = static_cast<double>(value);
          char bytes[8];
          std::memcpy(bytes, &d, 8);
          raw.append(bytes, 8);
        }
      }
      coordinate.zarray.dtype = *ParseDataType("<f8");
      if (!coordinate.zarray.fill_value.is_null() && coordinate.zarray.fill_value.kind != FillValue::Kind::kFloat) {
        coordinate.zarray.fill_value = FillValue{};
      }
      coordinate.inline_chunks[0].bytes = std::move(raw);
      out.warnings.push_back("'" + dim + "' re-encoded from differing units into '" + *units + "'");
      continue;
    }

    // Every tile but the last along each concat dimension must end on a chunk boundary, or the
    // next one's chunks would not start on one of the combined array.
    std::optional<std::pair<size_t, size_t>> misaligned;  // (dim, position)
    for (size_t d = 0; d < rank && !misaligned; ++d) {
      if (axes[d] < 0) continue;
      uint64_t chunk = first.zarray.chunks[axes[d]];
      for (size_t p = 0; p + 1 < grid.lengths[d].size() && !misaligned; ++p) {
        if (grid.lengths[d][p] % chunk != 0) misaligned = std::make_pair(d, p);
      }
    }
    if (!misaligned) {
      out.variables.push_back(ConcatenateByReference(first, shape, inputs, parts, tiles));
      continue;
    }
    uint64_t elements = std::accumulate(shape.begin(), shape.end(), uint64_t{1}, std::multiplies<>());
    if (elements * first.zarray.dtype.itemsize > options.max_materialised_bytes) {
      auto [d, p] = *misaligned;
      const std::string& dim = grid.dims[d];
      // The first file ending off a chunk boundary, to name it.
      auto off = std::find_if(tiles.begin(), tiles.end(), [&](const Tile& t) { return inputs[t.input].position[d] == p; });
      const Input& at = inputs[off->input];
      return InvalidArgument(
          "variable '" + first.path + "': " + at.name + " has " + std::to_string(grid.lengths[d][p]) +
          " steps along '" + dim + "' but chunks of " + std::to_string(first.zarray.chunks[axes[d]]) +
          ", so the next file would not start on a chunk boundary; concatenating by reference "
          "would overwrite chunks. Rechunk the files (e.g. nccopy -c " + dim + "/1) or write a "
          "Zarr copy (--format zarr)");
    }
    std::string raw(elements * first.zarray.dtype.itemsize, '\0');
    for (const Tile& t : tiles) {
      // Each block must fill its place exactly, or the copy would shift (or overrun) the rest.
      for (size_t d = 0; d < rank; ++d) {
        if (axes[d] < 0) continue;
        uint64_t extent = parts[t.input]->zarray.shape[axes[d]];
        uint64_t expected = grid.lengths[d][inputs[t.input].position[d]];
        if (extent != expected) {
          return InvalidArgument("variable '" + first.path + "' has " + std::to_string(extent) + " steps along '" +
                                 grid.dims[d] + "' in " + inputs[t.input].name + " but the file's '" + grid.dims[d] +
                                 "' has " + std::to_string(expected));
        }
      }
      STACFS_ASSIGN_OR_RETURN(std::string block, ReadWholeArray(inputs[t.input].dataset, *parts[t.input], reader,
                                                                options.max_materialised_bytes));
      PlaceBlock(raw, shape, block, parts[t.input]->zarray.shape, t.offset, first.zarray.dtype.itemsize);
    }
    out.variables.push_back(Materialised(first, shape, std::move(raw)));
  }
  return out;
}

}  // namespace stacfs::converter
