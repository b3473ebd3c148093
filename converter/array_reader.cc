#include "converter/array_reader.h"

#include <algorithm>
#include <cstring>

#include "core/zarr/chunk_key.h"

namespace stacfs::converter {
namespace {

template <class T>
T Load(const char* p, bool big_endian) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, p, sizeof(T));
  if (big_endian) std::reverse(bytes, bytes + sizeof(T));
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}

// Copies the valid part of one decoded chunk into the whole array (both C order).
void CopyChunk(const std::string& chunk, const std::vector<uint64_t>& index,
               const ArrayMetadata& m, std::string* whole) {
  size_t ndim = m.ndim();
  size_t item = m.dtype.itemsize;
  if (ndim == 0) {
    std::memcpy(whole->data(), chunk.data(), item);
    return;
  }
  std::vector<uint64_t> start(ndim), extent(ndim);
  for (size_t d = 0; d < ndim; ++d) {
    start[d] = index[d] * m.chunks[d];
    extent[d] = std::min(m.chunks[d], m.shape[d] - start[d]);
  }
  // Walk every row (last axis contiguous) of the chunk's valid region.
  std::vector<uint64_t> at(ndim, 0);
  while (true) {
    uint64_t src = 0, dst = 0;
    for (size_t d = 0; d < ndim; ++d) {
      src = src * m.chunks[d] + at[d];
      dst = dst * m.shape[d] + start[d] + at[d];
    }
    std::memcpy(whole->data() + dst * item, chunk.data() + src * item, extent[ndim - 1] * item);
    size_t d = ndim - 1;
    while (d-- > 0) {
      if (++at[d] < extent[d]) break;
      at[d] = 0;
    }
    if (d == static_cast<size_t>(-1)) break;
  }
}

}  // namespace

Result<std::string> ReadWholeArray(const Dataset& dataset, const Variable& variable,
                                   Fetcher& local_reader, uint64_t max_bytes) {
  const ArrayMetadata& m = variable.zarray;
  if (m.dtype.kind == DataKind::kObject) return Unsupported(variable.path + ": object dtype");
  if (m.order != 'C') return Unsupported(variable.path + ": Fortran-ordered chunks");
  uint64_t elements = 1;
  for (uint64_t n : m.shape) elements *= n;
  if (elements > max_bytes / m.dtype.itemsize) {
    return ResourceExhausted(variable.path + ": " + std::to_string(elements * m.dtype.itemsize) +
                             " bytes is more than the " + std::to_string(max_bytes) +
                             " bytes allowed here");
  }
  STACFS_ASSIGN_OR_RETURN(std::string fill, FillValueElementBytes(m.fill_value, m.dtype));
  std::string whole;
  whole.reserve(elements * m.dtype.itemsize);
  for (uint64_t i = 0; i < elements; ++i) whole += fill;
  STACFS_ASSIGN_OR_RETURN(CodecPipeline pipeline, MakeCodecPipeline(m));
  std::vector<uint64_t> grid = m.ChunkGrid(), index(grid.size());
  auto place = [&](uint64_t linear, std::string_view encoded) -> Result<void> {
    STACFS_ASSIGN_OR_RETURN(std::string decoded, pipeline.Decode(encoded, m.ChunkBytes()));
    ChunkIndexFromLinear(linear, grid, index);
    CopyChunk(decoded, index, m, &whole);
    return Ok();
  };
  for (const ChunkRef& chunk : variable.chunks) {
    if (chunk.source >= dataset.local_paths.size() || dataset.local_paths[chunk.source].empty()) {
      return Unsupported(variable.path + ": source " + std::to_string(chunk.source) +
                         " is not readable locally");
    }
    STACFS_ASSIGN_OR_RETURN(FetchResponse response,
                            local_reader.Fetch({dataset.local_paths[chunk.source],
                                                ByteRange{chunk.offset, chunk.length}}));
    STACFS_RETURN_IF_ERROR(place(chunk.linear, response.bytes.view()).WithContext(variable.path));
  }
  for (const InlineChunk& chunk : variable.inline_chunks) {
    STACFS_RETURN_IF_ERROR(place(chunk.linear, chunk.bytes).WithContext(variable.path));
  }
  return whole;
}

Result<std::vector<double>> ToDoubles(const std::string& raw, const DataType& dtype) {
  size_t n = raw.size() / dtype.itemsize;
  bool big = dtype.byte_order == ByteOrder::kBig;
  std::vector<double> out(n);
  const char* p = raw.data();
  for (size_t i = 0; i < n; ++i, p += dtype.itemsize) {
    switch (dtype.kind) {
      case DataKind::kFloat:
        if (dtype.itemsize == 4) out[i] = Load<float>(p, big);
        else if (dtype.itemsize == 8) out[i] = Load<double>(p, big);
        else return Unsupported("half-float coordinates");
        break;
      case DataKind::kInt:
      case DataKind::kDatetime:
      case DataKind::kTimedelta:
        switch (dtype.itemsize) {
          case 1: out[i] = static_cast<int8_t>(*p); break;
          case 2: out[i] = Load<int16_t>(p, big); break;
          case 4: out[i] = Load<int32_t>(p, big); break;
          default: out[i] = static_cast<double>(Load<int64_t>(p, big)); break;
        }
        break;
      case DataKind::kUInt:
        switch (dtype.itemsize) {
          case 1: out[i] = static_cast<uint8_t>(*p); break;
          case 2: out[i] = Load<uint16_t>(p, big); break;
          case 4: out[i] = Load<uint32_t>(p, big); break;
          default: out[i] = static_cast<double>(Load<uint64_t>(p, big)); break;
        }
        break;
      default:
        return Unsupported("coordinate values of dtype " + dtype.ToString());
    }
  }
  return out;
}

}  // namespace stacfs::converter
