#include "converter/hdf5/hdf5_test_util.h"

#include <cmath>
#include <cstring>

#include "core/codec/vlen_utf8.h"
#include "core/fetch/file_fetcher.h"
#include "core/json/json.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter::hdf5_testing {
namespace {

// Copies the part of a decoded chunk that lies inside the array into `out` (C order, elements
// of `item` bytes, or strings when `strings_out` is set).
template <class Put>
void PlaceChunk(const ArrayMetadata& zarray, const std::vector<uint64_t>& chunk_index, Put put) {
  const size_t rank = zarray.shape.size();
  if (rank == 0) {
    put(0, 0);
    return;
  }
  std::vector<uint64_t> local(rank, 0);
  for (;;) {
    bool inside = true;
    uint64_t flat_array = 0;
    uint64_t flat_chunk = 0;
    for (size_t axis = 0; axis < rank; ++axis) {
      const uint64_t position = chunk_index[axis] * zarray.chunks[axis] + local[axis];
      if (position >= zarray.shape[axis]) inside = false;
      flat_array = flat_array * zarray.shape[axis] + position;
      flat_chunk = flat_chunk * zarray.chunks[axis] + local[axis];
    }
    if (inside) put(flat_chunk, flat_array);
    size_t axis = rank;
    while (axis > 0 && ++local[axis - 1] == zarray.chunks[axis - 1]) local[--axis] = 0;
    if (axis == 0) break;
  }
}

double AsDouble(const unsigned char* bytes, size_t size, bool big_endian) {
  unsigned char native[8];
  for (size_t i = 0; i < size; ++i) native[i] = big_endian ? bytes[size - 1 - i] : bytes[i];
  if (size == 4) {
    float f;
    std::memcpy(&f, native, 4);
    return f;
  }
  if (size == 8) {
    double d;
    std::memcpy(&d, native, 8);
    return d;
  }
  if (size == 2) {
    const unsigned bits = native[0] | (native[1] << 8);
    if (((bits >> 10) & 0x1f) == 0x1f && (bits & 0x3ff) != 0) return NAN;
  }
  return 0;
}

}  // namespace

Result<ArrayValues> ReadBack(const Dataset& dataset, const Variable& variable) {
  const ArrayMetadata& zarray = variable.zarray;
  const bool is_strings = zarray.dtype.kind == DataKind::kObject;
  ArrayMetadata codecs = zarray;
  if (is_strings) {
    // vlen-utf8 decodes to strings, not bytes: decode the rest, then DecodeVlenUtf8.
    if (codecs.filters.empty() || codecs.filters.back().find("vlen-utf8") == std::string::npos) {
      return InvalidArgument("an object array without vlen-utf8 as its last filter");
    }
    codecs.filters.pop_back();
  }
  STACFS_ASSIGN_OR_RETURN(CodecPipeline pipeline, MakeCodecPipeline(codecs));
  uint64_t elements = 1;
  for (uint64_t extent : zarray.shape) elements *= extent;
  ArrayValues values;
  if (is_strings) {
    values.strings.resize(elements);
  } else {
    values.bytes.assign(elements * zarray.dtype.itemsize, '\0');
  }
  if (elements == 0) return values;
  STACFS_ASSIGN_OR_RETURN(std::string fill_element,
                          is_strings ? Result<std::string>(std::string())
                                     : FillValueElementBytes(zarray.fill_value, zarray.dtype));

  FileFetcher fetcher;
  const std::vector<uint64_t> grid =
      zarray.shape.empty() ? std::vector<uint64_t>{} : zarray.ChunkGrid();
  const uint64_t grid_size = zarray.NumChunks();
  const uint64_t chunk_elements = zarray.ChunkElements();
  size_t ref = 0;
  size_t held = 0;
  std::vector<uint64_t> index(grid.size());
  for (uint64_t linear = 0; linear < grid_size; ++linear) {
    while (ref < variable.chunks.size() && variable.chunks[ref].linear < linear) ++ref;
    while (held < variable.inline_chunks.size() && variable.inline_chunks[held].linear < linear) {
      ++held;
    }
    std::string encoded;
    bool present = true;
    if (ref < variable.chunks.size() && variable.chunks[ref].linear == linear) {
      const ChunkRef& chunk = variable.chunks[ref];
      FetchRequest request{dataset.sources.at(chunk.source), ByteRange{chunk.offset, chunk.length}};
      STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher.Fetch(request));
      encoded = std::string(response.bytes.view());
      ++values.referenced_chunks;
    } else if (held < variable.inline_chunks.size() &&
               variable.inline_chunks[held].linear == linear) {
      encoded = variable.inline_chunks[held].bytes;
      ++values.inline_chunks;
    } else {
      present = false;
      ++values.missing_chunks;
    }
    ChunkIndexFromLinear(linear, grid, index);
    const std::string where = "chunk " + std::to_string(linear);
    if (is_strings) {
      std::vector<std::string> items(chunk_elements);
      if (present) {
        Result<std::string> decoded = pipeline.Decode(encoded, 0);
        if (!decoded) return std::move(decoded).error().WithContext(where);
        Result<std::vector<std::string>> strings = DecodeVlenUtf8(*decoded, chunk_elements);
        if (!strings) return std::move(strings).error().WithContext(where);
        items = std::move(*strings);
      }
      PlaceChunk(zarray, index,
                 [&](uint64_t from, uint64_t to) { values.strings[to] = items[from]; });
      continue;
    }
    std::string decoded;
    if (present) {
      Result<std::string> result = pipeline.Decode(encoded, zarray.ChunkBytes());
      if (!result) return std::move(result).error().WithContext(where);
      decoded = std::move(*result);
    } else {
      for (uint64_t i = 0; i < chunk_elements; ++i) decoded.append(fill_element);
    }
    const size_t item = zarray.dtype.itemsize;
    PlaceChunk(zarray, index, [&](uint64_t from, uint64_t to) {
      std::memcpy(values.bytes.data() + to * item, decoded.data() + from * item, item);
    });
  }
  return values;
}

bool JsonEqual(simdjson::dom::element a, simdjson::dom::element b, std::string* why) {
  using Type = simdjson::dom::element_type;
  auto category = [](Type type) {
    return type == Type::INT64 || type == Type::UINT64 ? Type::INT64 : type;
  };
  if (category(a.type()) != category(b.type())) {
    *why = simdjson::minify(a) + " vs " + simdjson::minify(b) + " (types differ)";
    return false;
  }
  switch (a.type()) {
    case Type::ARRAY: {
      simdjson::dom::array x = a.get_array().value_unsafe();
      simdjson::dom::array y = b.get_array().value_unsafe();
      if (x.size() != y.size()) {
        *why = simdjson::minify(a) + " vs " + simdjson::minify(b) + " (lengths differ)";
        return false;
      }
      for (size_t i = 0; i < x.size(); ++i) {
        if (!JsonEqual(x.at(i).value_unsafe(), y.at(i).value_unsafe(), why)) {
          *why = "[" + std::to_string(i) + "]: " + *why;
          return false;
        }
      }
      return true;
    }
    case Type::OBJECT: {
      simdjson::dom::object x = a.get_object().value_unsafe();
      simdjson::dom::object y = b.get_object().value_unsafe();
      auto xi = x.begin();
      auto yi = y.begin();
      for (; xi != x.end() && yi != y.end(); ++xi, ++yi) {
        if (xi.key() != yi.key()) {
          *why = "key '" + std::string(xi.key()) + "' vs '" + std::string(yi.key()) + "'";
          return false;
        }
        if (!JsonEqual(xi.value(), yi.value(), why)) {
          *why = std::string(xi.key()) + ": " + *why;
          return false;
        }
      }
      if (xi != x.end() || yi != y.end()) {
        *why = simdjson::minify(a) + " vs " + simdjson::minify(b) + " (keys differ)";
        return false;
      }
      return true;
    }
    default:
      if (simdjson::minify(a) == simdjson::minify(b)) return true;
      if (a.type() == Type::DOUBLE &&
          a.get_double().value_unsafe() == b.get_double().value_unsafe()) {
        return true;
      }
      *why = simdjson::minify(a) + " vs " + simdjson::minify(b);
      return false;
  }
}

bool JsonTextEqual(const std::string& a, const std::string& b, std::string* why) {
  JsonDocument da;
  JsonDocument db;
  Result<simdjson::dom::element> ea = da.Parse(a, "actual");
  Result<simdjson::dom::element> eb = db.Parse(b, "expected");
  if (!ea || !eb) {
    *why = !ea ? ea.error().ToString() : eb.error().ToString();
    return false;
  }
  return JsonEqual(*ea, *eb, why);
}

bool SameElements(const std::string& a, const std::string& b, size_t itemsize, bool is_float,
                  bool big_endian, std::string* why) {
  if (a.size() != b.size()) {
    *why = std::to_string(a.size()) + " bytes vs " + std::to_string(b.size());
    return false;
  }
  for (size_t offset = 0; offset < a.size(); offset += itemsize) {
    if (std::memcmp(a.data() + offset, b.data() + offset, itemsize) == 0) continue;
    if (is_float) {
      const double x =
          AsDouble(reinterpret_cast<const unsigned char*>(a.data()) + offset, itemsize, big_endian);
      const double y =
          AsDouble(reinterpret_cast<const unsigned char*>(b.data()) + offset, itemsize, big_endian);
      if (std::isnan(x) && std::isnan(y)) continue;
    }
    *why = "element " + std::to_string(offset / itemsize) + " differs";
    return false;
  }
  return true;
}

}  // namespace stacfs::converter::hdf5_testing
