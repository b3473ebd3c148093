#include "converter/hdf5/hdf5_inline.h"

#include <algorithm>

#include "converter/hdf5/hdf5_attributes.h"
#include "converter/hdf5/hdf5_chunks.h"
#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_read.h"
#include "core/codec/vlen_utf8.h"
#include "core/json/json.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter::hdf5 {
namespace {

uint64_t ElementsOf(const std::vector<uint64_t>& shape) {
  uint64_t count = 1;
  for (uint64_t extent : shape) count *= extent;
  return count;
}

std::vector<uint64_t> GridOf(const std::vector<uint64_t>& shape,
                             const std::vector<uint64_t>& chunks) {
  std::vector<uint64_t> grid(shape.size());
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    grid[axis] = (shape[axis] + chunks[axis] - 1) / chunks[axis];
  }
  return grid;
}

}  // namespace

std::vector<uint64_t> WholeArrayChunks(const std::vector<uint64_t>& shape) {
  std::vector<uint64_t> chunks = shape;
  for (uint64_t& extent : chunks) extent = std::max<uint64_t>(extent, 1);
  return chunks;
}

Result<void> InlineWholeArray(hid_t dataset, hid_t file_type, Variable* variable) {
  ArrayMetadata& zarray = variable->zarray;
  zarray.chunks = WholeArrayChunks(zarray.shape);
  zarray.filters.clear();
  zarray.compressor.clear();
  variable->chunks.clear();
  variable->inline_chunks.clear();
  const uint64_t count = ElementsOf(zarray.shape);
  if (count == 0) return Ok();
  // Reading in the stored type itself keeps the stored byte order and lets HDF5 convert
  // nothing, so the bytes are exactly what the declared dtype describes.
  DatatypeHandle memory(H5Tcopy(file_type));
  if (!memory) return Hdf5Error(ErrorCode::kInternal, "cannot copy the datatype");
  STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(dataset, memory.get(), count));
  variable->inline_chunks.push_back({0, std::move(bytes)});
  return Ok();
}

Result<uint64_t> InlineVlenStrings(hid_t dataset, Variable* variable) {
  ArrayMetadata& zarray = variable->zarray;
  zarray.filters = {R"({"id":"vlen-utf8"})"};
  zarray.compressor.clear();
  variable->chunks.clear();
  variable->inline_chunks.clear();
  const uint64_t count = ElementsOf(zarray.shape);
  if (count == 0) return uint64_t{0};
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> strings, ReadAllVlenStrings(dataset, count));
  uint64_t not_utf8 = 0;
  for (std::string& text : strings) {
    if (IsValidUtf8(text)) continue;
    text = AsUtf8(text);
    ++not_utf8;
  }
  if (zarray.shape.empty()) {
    variable->inline_chunks.push_back({0, EncodeVlenUtf8(strings)});
    return not_utf8;
  }
  // Zarr stores every chunk whole: positions past the array's edge hold "" (zarr-python
  // writes its fill there too; readers never look at them).
  const std::vector<uint64_t>& shape = zarray.shape;
  const std::vector<uint64_t>& chunks = zarray.chunks;
  const std::vector<uint64_t> grid = GridOf(shape, chunks);
  const uint64_t grid_size = ElementsOf(grid);
  const size_t rank = shape.size();
  std::vector<uint64_t> chunk_index(rank);
  std::vector<uint64_t> local(rank);
  for (uint64_t linear = 0; linear < grid_size; ++linear) {
    ChunkIndexFromLinear(linear, grid, chunk_index);
    std::vector<std::string> items;
    items.reserve(ElementsOf(chunks));
    std::fill(local.begin(), local.end(), 0);
    for (;;) {
      uint64_t flat = 0;
      bool inside = true;
      for (size_t axis = 0; axis < rank; ++axis) {
        const uint64_t position = chunk_index[axis] * chunks[axis] + local[axis];
        if (position >= shape[axis]) inside = false;
        flat = flat * shape[axis] + position;
      }
      items.push_back(inside ? strings[flat] : std::string());
      // Odometer over the chunk's positions, last axis fastest (row-major).
      size_t axis = rank;
      while (axis > 0 && ++local[axis - 1] == chunks[axis - 1]) local[--axis] = 0;
      if (axis == 0) break;
    }
    variable->inline_chunks.push_back({linear, EncodeVlenUtf8(items)});
  }
  return not_utf8;
}

Result<std::string> ReencodeChunk(hid_t dataset, const std::vector<uint64_t>& element_offset,
                                  uint32_t skipped_mask,
                                  const std::vector<std::shared_ptr<const Codec>>& filter_codecs,
                                  const CodecPipeline& pipeline, uint64_t chunk_bytes) {
  std::vector<hsize_t> offset(element_offset.begin(), element_offset.end());
  hsize_t stored_size = 0;
  if (H5Dget_chunk_storage_size(dataset, offset.data(), &stored_size) < 0 || stored_size == 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot size a stored chunk");
  }
  std::string bytes(stored_size, '\0');
  uint32_t mask = 0;
  if (H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &mask, bytes.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read a stored chunk");
  }
  // Undo, last to first, only the filters that were applied.
  for (size_t i = filter_codecs.size(); i > 0; --i) {
    const size_t filter = i - 1;
    if (filter < 32 && (skipped_mask & (uint32_t{1} << filter)) != 0) continue;
    Result<std::string> decoded = filter_codecs[filter]->Decode(bytes, 0);
    if (!decoded) return std::move(decoded).WithContext(std::string(filter_codecs[filter]->id()));
    bytes = std::move(*decoded);
  }
  if (bytes.size() != chunk_bytes) {
    return Corrupt("a chunk stored with skipped filters decodes to " +
                   std::to_string(bytes.size()) + " bytes, expected " +
                   std::to_string(chunk_bytes));
  }
  return pipeline.Encode(bytes);
}

Result<std::optional<std::string>> Hdf5FillElement(hid_t dcpl, hid_t file_type) {
  H5D_fill_value_t status;
  H5D_fill_time_t fill_time;
  if (H5Pfill_value_defined(dcpl, &status) < 0 || H5Pget_fill_time(dcpl, &fill_time) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the fill value settings");
  }
  // libhdf5 skips unallocated chunks on read (leaving the caller's buffer as it was) when the
  // fill time is "never" or no fill value exists at all.
  if (status == H5D_FILL_VALUE_UNDEFINED || fill_time == H5D_FILL_TIME_NEVER) {
    return std::optional<std::string>();
  }
  std::string element(H5Tget_size(file_type), '\0');
  if (H5Pget_fill_value(dcpl, file_type, element.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the fill value");
  }
  return std::optional<std::string>(std::move(element));
}

Result<std::optional<std::string>> MaterializeMissingChunks(
    const std::optional<std::string>& hdf5_fill_element,
    const std::optional<std::string>& zarr_fill_element, const CodecPipeline& pipeline,
    Variable* variable) {
  const ArrayMetadata& zarray = variable->zarray;
  if (!hdf5_fill_element) return std::optional<std::string>();  // undefined either way
  if (zarr_fill_element && SameElementValue(*zarr_fill_element, *hdf5_fill_element, zarray.dtype)) {
    return std::optional<std::string>();
  }
  const uint64_t grid_size = zarray.shape.empty() ? 1 : ChunkGridSize(zarray.shape, zarray.chunks);
  // Both lists are sorted by linear: walk them together to find the gaps.
  std::vector<uint64_t> missing;
  size_t ref = 0;
  size_t held = 0;
  for (uint64_t linear = 0; linear < grid_size; ++linear) {
    while (ref < variable->chunks.size() && variable->chunks[ref].linear < linear) ++ref;
    while (held < variable->inline_chunks.size() && variable->inline_chunks[held].linear < linear) {
      ++held;
    }
    const bool referenced = ref < variable->chunks.size() && variable->chunks[ref].linear == linear;
    const bool inlined =
        held < variable->inline_chunks.size() && variable->inline_chunks[held].linear == linear;
    if (!referenced && !inlined) missing.push_back(linear);
  }
  if (missing.empty()) return std::optional<std::string>();

  std::string decoded;
  const uint64_t elements = zarray.ChunkElements();
  decoded.reserve(elements * hdf5_fill_element->size());
  for (uint64_t i = 0; i < elements; ++i) decoded.append(*hdf5_fill_element);
  STACFS_ASSIGN_OR_RETURN(std::string encoded, pipeline.Encode(decoded));
  const uint64_t total = encoded.size() * missing.size();
  if (total > kMaxMaterializedFillBytes) {
    return std::optional<std::string>(
        std::to_string(missing.size()) + " unwritten chunks left out (" + std::to_string(total) +
        " bytes to embed): they read as fill_value " +
        (zarr_fill_element ? "" : "(null: undefined in zarr-python) ") +
        "instead of HDF5's fill value");
  }
  for (uint64_t linear : missing) variable->inline_chunks.push_back({linear, encoded});
  std::sort(variable->inline_chunks.begin(), variable->inline_chunks.end(),
            [](const InlineChunk& a, const InlineChunk& b) { return a.linear < b.linear; });
  return std::optional<std::string>();
}

}  // namespace stacfs::converter::hdf5
