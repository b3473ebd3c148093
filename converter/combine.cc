#include "converter/combine.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>

#include "converter/array_reader.h"
#include "converter/attributes.h"
#include "converter/cf_time.h"
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

// The metadata of a variable with its extent along `axis` blanked, to compare across files.
std::string MetadataExceptAxis(const Variable& v, int axis) {
  ArrayMetadata m = v.zarray;
  if (axis >= 0) m.shape[axis] = 0;
  return ArrayMetadataToJson(m);
}

struct Input {
  Dataset dataset;
  std::string name;
  uint64_t length = 0;                  // extent along the concat dimension
  std::vector<double> coordinate;       // its coordinate values, as stored
  std::string coordinate_raw;           // the same, raw bytes
  std::vector<long double> comparable;  // values on a common scale for ordering
  std::vector<uint32_t> source_map;     // input source index → output source index
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
  std::string list;
  for (const std::string& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return InvalidArgument("several dimensions differ between the files (" + list +
                         "): choose one with --concat-dim");
}

// Reads each input's concat coordinate and extent, and brings CF times onto a common scale.
Result<bool> ReadConcatCoordinates(std::vector<Input>& inputs, const std::string& dim, Fetcher& reader) {
  bool has_coordinate = false;
  std::vector<std::optional<CfTimeUnits>> units(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    Input& in = inputs[i];
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
    in.length = along->zarray.shape[AxisOf(*along, dim)];
    if (!IsCoordinateOf(*along, dim)) continue;
    has_coordinate = true;
    STACFS_ASSIGN_OR_RETURN(in.coordinate_raw, ReadWholeArray(in.dataset, *along, reader, kMaxCoordinateBytes)
                                                   .WithContext(in.name));
    STACFS_ASSIGN_OR_RETURN(in.coordinate, ToDoubles(in.coordinate_raw, along->zarray.dtype));
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
      STACFS_ASSIGN_OR_RETURN(inputs[i].comparable,
                              ConvertCfTimes(inputs[i].coordinate, *units[i], seconds).WithContext(inputs[i].name));
      if (units[i]->calendar != units[0]->calendar) {
        return Unsupported(inputs[i].name + ": calendar '" + units[i]->calendar + "' differs from '" +
                           units[0]->calendar + "' in " + inputs[0].name);
      }
    } else {
      inputs[i].comparable.assign(inputs[i].coordinate.begin(), inputs[i].coordinate.end());
    }
  }
  return true;
}

Result<void> CheckOrder(const std::vector<Input>& inputs, const std::string& dim) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& c = inputs[i].comparable;
    for (size_t k = 1; k < c.size(); ++k) {
      if (!(c[k] > c[k - 1])) {
        return InvalidArgument(inputs[i].name + ": '" + dim + "' is not strictly increasing at index " +
                               std::to_string(k));
      }
    }
    if (i > 0 && !c.empty() && !inputs[i - 1].comparable.empty() &&
        !(c.front() > inputs[i - 1].comparable.back())) {
      return InvalidArgument(inputs[i].name + " overlaps " + inputs[i - 1].name + " along '" + dim +
                             "': their coordinate ranges intersect");
    }
  }
  return Ok();
}

// Concatenates C-order arrays along `axis`.
std::string ConcatenateRaw(const std::vector<std::string>& parts, const std::vector<uint64_t>& lengths,
                           const std::vector<uint64_t>& shape, int axis, size_t itemsize) {
  uint64_t outer = 1, inner = itemsize;
  for (int d = 0; d < axis; ++d) outer *= shape[d];
  for (size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
  std::string out;
  for (uint64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < parts.size(); ++i) {
      uint64_t block = lengths[i] * inner;
      out.append(parts[i], o * block, block);
    }
  }
  return out;
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

Result<Variable> ConcatenateByReference(const std::vector<Input>& inputs, const std::vector<const Variable*>& parts,
                                        int axis) {
  Variable out = *parts[0];
  uint64_t total = 0;
  for (const Input& in : inputs) total += in.length;
  out.zarray.shape[axis] = total;
  out.chunks.clear();
  out.inline_chunks.clear();
  std::vector<uint64_t> out_grid = out.zarray.ChunkGrid();
  uint64_t chunk = out.zarray.chunks[axis];
  uint64_t offset_chunks = 0;
  std::vector<uint64_t> index(out_grid.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    std::vector<uint64_t> grid = parts[i]->zarray.ChunkGrid();
    auto renumber = [&](uint64_t linear) {
      ChunkIndexFromLinear(linear, grid, index);
      index[axis] += offset_chunks;
      uint64_t renumbered = 0;
      LinearChunkIndex(index, out_grid, &renumbered);
      return renumbered;
    };
    for (const ChunkRef& c : parts[i]->chunks) {
      out.chunks.push_back(ChunkRef{renumber(c.linear), c.offset, c.length, inputs[i].source_map[c.source]});
    }
    for (const InlineChunk& c : parts[i]->inline_chunks) {
      out.inline_chunks.push_back(InlineChunk{renumber(c.linear), c.bytes});
    }
    offset_chunks += inputs[i].length / chunk;
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
  std::string dim = options.concat_dim;
  if (dim.empty()) {
    STACFS_ASSIGN_OR_RETURN(dim, DetectConcatDim(inputs, reader));
  }
  STACFS_ASSIGN_OR_RETURN(bool has_coordinate, ReadConcatCoordinates(inputs, dim, reader));
  if (has_coordinate) {
    std::stable_sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) {
      return a.comparable.empty() || (!b.comparable.empty() && a.comparable.front() < b.comparable.front());
    });
    STACFS_RETURN_IF_ERROR(CheckOrder(inputs, dim));
  }

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

  std::vector<uint64_t> lengths;
  for (const Input& in : inputs) lengths.push_back(in.length);
  for (const Variable& first : inputs[0].dataset.variables) {
    std::vector<const Variable*> parts;
    for (const Input& in : inputs) parts.push_back(FindVariable(in.dataset, first.path));
    int axis = AxisOf(first, dim);
    for (size_t i = 1; i < parts.size(); ++i) {
      if (MetadataExceptAxis(*parts[i], axis) != MetadataExceptAxis(first, axis)) {
        return InvalidArgument("variable '" + first.path + "' differs between " + inputs[0].name + " and " +
                               inputs[i].name + " (dtype, chunk shape, codecs, fill value or other extents): " +
                               MetadataExceptAxis(first, axis) + " vs " + MetadataExceptAxis(*parts[i], axis));
      }
      if (AxisOf(*parts[i], dim) != axis) {
        return InvalidArgument("variable '" + first.path + "' has '" + dim + "' on another axis in " + inputs[i].name);
      }
      if (parts[i]->attributes != first.attributes && !IsCoordinateOf(first, dim)) {
        out.warnings.push_back("attributes of '" + first.path + "' differ between files; kept " + inputs[0].name + "'s");
      }
    }

    if (axis < 0) {
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

    uint64_t total = std::accumulate(lengths.begin(), lengths.end(), uint64_t{0});
    std::vector<uint64_t> shape = first.zarray.shape;
    shape[axis] = total;
    if (IsCoordinateOf(first, dim) && has_coordinate) {
      out.variables.push_back(Materialised(first, shape, ""));
      Variable& coordinate = out.variables.back();
      auto units = StringAttribute(first.attributes, "units");
      bool differ = false;
      for (const Variable* p : parts) differ |= StringAttribute(p->attributes, "units") != units;
      if (!differ) {
        std::string raw;
        for (const Input& in : inputs) raw += in.coordinate_raw;
        coordinate.inline_chunks[0].bytes = std::move(raw);
        continue;
      }
      // Different units: every value re-encoded into the first file's units, as float64.
      auto calendar = StringAttribute(first.attributes, "calendar").value_or("");
      STACFS_ASSIGN_OR_RETURN(CfTimeUnits target, ParseCfTimeUnits(*units, calendar));
      std::string raw;
      for (size_t i = 0; i < inputs.size(); ++i) {
        auto from_units = StringAttribute(parts[i]->attributes, "units").value_or("");
        auto from_calendar = StringAttribute(parts[i]->attributes, "calendar").value_or("");
        STACFS_ASSIGN_OR_RETURN(CfTimeUnits from, ParseCfTimeUnits(from_units, from_calendar));
        STACFS_ASSIGN_OR_RETURN(auto converted, ConvertCfTimes(inputs[i].coordinate, from, target));
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

    uint64_t chunk = first.zarray.chunks[axis];
    size_t misaligned = inputs.size();
    for (size_t i = 0; i + 1 < inputs.size() && misaligned == inputs.size(); ++i) {
      if (inputs[i].length % chunk != 0) misaligned = i;
    }
    if (misaligned == inputs.size()) {
      STACFS_ASSIGN_OR_RETURN(Variable v, ConcatenateByReference(inputs, parts, axis));
      out.variables.push_back(std::move(v));
      continue;
    }
    uint64_t elements = std::accumulate(shape.begin(), shape.end(), uint64_t{1}, std::multiplies<>());
    if (elements * first.zarray.dtype.itemsize > options.max_materialised_bytes) {
      return InvalidArgument(
          "variable '" + first.path + "': " + inputs[misaligned].name + " has " +
          std::to_string(lengths[misaligned]) +
          " steps along '" + dim + "' but chunks of " + std::to_string(chunk) +
          ", so the next file would not start on a chunk boundary; concatenating by reference "
          "would overwrite chunks. Rechunk the files (e.g. nccopy -c " + dim + "/1) or write a "
          "Zarr copy (--format zarr)");
    }
    std::vector<std::string> raws;
    for (size_t i = 0; i < inputs.size(); ++i) {
      STACFS_ASSIGN_OR_RETURN(std::string raw,
                              ReadWholeArray(inputs[i].dataset, *parts[i], reader, options.max_materialised_bytes));
      raws.push_back(std::move(raw));
    }
    out.variables.push_back(
        Materialised(first, shape, ConcatenateRaw(raws, lengths, first.zarray.shape, axis, first.zarray.dtype.itemsize)));
  }
  return out;
}

}  // namespace stacfs::converter
