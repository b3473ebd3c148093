#include "converter/hdf5/hdf5_chunks.h"

#include <algorithm>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter::hdf5 {
namespace {

// Measured with libhdf5 1.10.8 on this project's build hosts (hdf5_chunks_test prints both):
// one step of the chunk index walk that H5Dget_chunk_info repeats from the start on every
// call (10,000 chunks by index: ~0.7 s), and one lookup by coordinate, i.e.
// H5Dget_chunk_storage_size + H5Dread_chunk under capture (100,000 chunks: ~0.08 s).
constexpr double kIndexStepNanoseconds = 13;
constexpr double kLookupNanoseconds = 800;

// The chunk-grid position of a chunk whose first element is at `offset`; false when it is not
// chunk-aligned or lies outside the grid.
bool LinearFromElementOffset(const hsize_t* offset, const std::vector<uint64_t>& chunks,
                             const std::vector<uint64_t>& grid, std::vector<uint64_t>* index,
                             uint64_t* linear) {
  for (size_t axis = 0; axis < chunks.size(); ++axis) {
    if (offset[axis] % chunks[axis] != 0) return false;
    (*index)[axis] = offset[axis] / chunks[axis];
  }
  return LinearChunkIndex(*index, grid, linear);
}

// Adds one listed chunk.
void AddChunk(StoredChunks* stored, uint64_t linear, uint64_t offset, uint64_t length,
              uint32_t filter_mask) {
  stored->chunks.push_back({linear, offset, length, 0});
  if (filter_mask != 0) stored->masked.push_back({linear, filter_mask});
}

Result<StoredChunks> ListByIndex(hid_t dataset, const std::vector<uint64_t>& chunks,
                                 const std::vector<uint64_t>& grid, hid_t space, hsize_t count,
                                 uint64_t base_address) {
  StoredChunks stored;
  stored.chunks.reserve(count);
  std::vector<hsize_t> offset(chunks.size() + 1);  // HDF5 writes rank entries
  std::vector<uint64_t> index(chunks.size());
  for (hsize_t k = 0; k < count; ++k) {
    unsigned filter_mask = 0;
    haddr_t address = HADDR_UNDEF;
    hsize_t size = 0;
    if (H5Dget_chunk_info(dataset, space, k, offset.data(), &filter_mask, &address, &size) < 0) {
      return Hdf5Error(ErrorCode::kCorrupt, "cannot read chunk " + std::to_string(k));
    }
    uint64_t linear = 0;
    if (address == HADDR_UNDEF || size == 0) continue;
    if (!LinearFromElementOffset(offset.data(), chunks, grid, &index, &linear)) continue;
    AddChunk(&stored, linear, address + base_address, size, filter_mask);
  }
  return stored;
}

Result<StoredChunks> ListByLookup(hid_t dataset, const std::vector<uint64_t>& chunks,
                                  const std::vector<uint64_t>& grid, uint64_t grid_size,
                                  hsize_t count, ChunkLocator* locator) {
  StoredChunks stored;
  stored.chunks.reserve(count);
  std::vector<uint64_t> index(chunks.size());
  std::vector<hsize_t> offset(chunks.size());
  // Stop once every allocated chunk is found: the grid's tail may be all unallocated.
  for (uint64_t linear = 0; linear < grid_size && stored.chunks.size() < count; ++linear) {
    ChunkIndexFromLinear(linear, grid, index);
    for (size_t axis = 0; axis < chunks.size(); ++axis) offset[axis] = index[axis] * chunks[axis];
    STACFS_ASSIGN_OR_RETURN(std::optional<ChunkLocation> location,
                            locator->Locate(dataset, offset));
    if (!location) continue;
    AddChunk(&stored, linear, location->offset, location->length, location->filter_mask);
  }
  return stored;
}

}  // namespace

uint64_t ChunkGridSize(const std::vector<uint64_t>& shape, const std::vector<uint64_t>& chunks) {
  uint64_t size = 1;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 0) return 0;
    size *= (shape[axis] + chunks[axis] - 1) / chunks[axis];
  }
  return size;
}

bool PreferListingByIndex(uint64_t allocated, uint64_t grid_size) {
  const double n = static_cast<double>(allocated);
  // By index walks 0 + 1 + ... + (n-1) index entries; by lookup visits grid positions until
  // the last allocated chunk (up to the whole grid).
  return n * n / 2 * kIndexStepNanoseconds <= static_cast<double>(grid_size) * kLookupNanoseconds;
}

Result<StoredChunks> ListChunks(hid_t dataset, const std::vector<uint64_t>& shape,
                                const std::vector<uint64_t>& chunks, ChunkLocator* locator,
                                uint64_t base_address, ChunkListing listing) {
  const uint64_t grid_size = ChunkGridSize(shape, chunks);
  if (grid_size == 0) return StoredChunks();
  std::vector<uint64_t> grid(shape.size());
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    grid[axis] = (shape[axis] + chunks[axis] - 1) / chunks[axis];
  }
  // HDF5 1.10.8 refuses H5S_ALL here: it wants the dataset's own dataspace.
  DataspaceHandle space(H5Dget_space(dataset));
  hsize_t count = 0;
  if (!space || H5Dget_num_chunks(dataset, space.get(), &count) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot count the chunks");
  }
  if (count == 0) return StoredChunks();

  bool by_index = locator == nullptr || listing == ChunkListing::kByIndex;
  if (listing == ChunkListing::kAuto && locator != nullptr) {
    by_index = PreferListingByIndex(count, grid_size);
  }
  Result<StoredChunks> stored =
      by_index ? ListByIndex(dataset, chunks, grid, space.get(), count, base_address)
               : ListByLookup(dataset, chunks, grid, grid_size, count, locator);
  if (!stored) return stored;
  if (!by_index && stored->chunks.size() != count) {
    // Lookups found fewer chunks than the index holds: a lookup failed, or chunks lie outside
    // the current extent (left by a shrink). Only the index walk can say which: take its list.
    stored = ListByIndex(dataset, chunks, grid, space.get(), count, base_address);
    if (!stored) return stored;
  }
  auto by_linear = [](const auto& a, const auto& b) { return a.linear < b.linear; };
  std::vector<ChunkRef>& listed = stored->chunks;
  std::sort(listed.begin(), listed.end(), by_linear);
  std::sort(stored->masked.begin(), stored->masked.end(), by_linear);
  // Two index entries for one grid position would be a corrupt index; keep neither guess.
  for (size_t i = 1; i < listed.size(); ++i) {
    if (listed[i].linear == listed[i - 1].linear) {
      return Corrupt("the chunk index lists chunk " + std::to_string(listed[i].linear) +
                     " twice");
    }
  }
  return stored;
}

}  // namespace stacfs::converter::hdf5
