// The allocated chunks of a chunked HDF5 dataset: where each one's bytes are, as a linear
// chunk number in the Zarr chunk grid.
//
// The Zarr array has shape = the dataset's current extent and chunks = HDF5's chunk shape. HDF5
// always stores whole chunks, including the last chunk along an axis that the extent cuts (the
// rows past the extent hold fill values or stale data); Zarr v2 likewise decodes every chunk as
// a whole chunk and keeps only the part inside the shape. So a reference to an edge chunk of,
// say, an unlimited time axis of size 5 with time chunks of 2 (chunk 2 holds row 4 and one row
// past the end) decodes to the right size and reads the right values. Chunks wholly outside the
// current extent (left behind by a shrinking H5Dset_extent) are not part of the array and are
// dropped.
//
// Two ways to list them (see hdf5_locating_driver.h for why):
//  - by index: H5Dget_num_chunks + H5Dget_chunk_info(k) for k = 0..n-1 — O(n^2) in 1.10;
//  - by lookup: every position of the chunk grid through ChunkLocator — O(grid × log n).
// kAuto takes whichever an estimate from measured costs says is cheaper: by index only for few
// chunks, or for very sparse grids.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <vector>

#include "converter/dataset.h"
#include "converter/hdf5/hdf5_chunk_listing.h"
#include "converter/hdf5/hdf5_locating_driver.h"
#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

// A chunk written with some of the pipeline's filters skipped (HDF5 allows it for optional
// filters that failed): bit i of `filter_mask` set means filter i was not applied.
struct MaskedChunk {
  uint64_t linear = 0;
  uint32_t filter_mask = 0;
};

struct StoredChunks {
  // Every allocated chunk, sorted by `linear` (row-major number in the chunk grid of (shape,
  // chunks)), with its absolute file offset and length; `source` is 0. In the Dataset's own
  // form so that the reader moves the list into the Variable instead of copying it: at a
  // million chunks a copy would double the conversion's largest allocation (32 MB).
  std::vector<ChunkRef> chunks;
  // The few chunks whose filter mask is not 0, sorted by `linear`.
  std::vector<MaskedChunk> masked;
};

// `locator` may be null (then by index). `base_address`: HDF5's base address
// (H5Dget_chunk_info reports addresses relative to it).
Result<StoredChunks> ListChunks(hid_t dataset, const std::vector<uint64_t>& shape,
                                const std::vector<uint64_t>& chunks, ChunkLocator* locator,
                                uint64_t base_address, ChunkListing listing);

// The number of chunks in the grid: product of ceil(shape / chunks); 0 when any extent is 0.
uint64_t ChunkGridSize(const std::vector<uint64_t>& shape, const std::vector<uint64_t>& chunks);

// Whether kAuto lists `allocated` chunks of a grid of `grid_size` by index.
bool PreferListingByIndex(uint64_t allocated, uint64_t grid_size);

}  // namespace stacfs::converter::hdf5
