// How the reader lists a chunked dataset's chunks (see hdf5_chunks.h). Kept apart from
// hdf5_chunks.h so that hdf5_reader.h does not pull <hdf5.h> into its includers.
#pragma once

namespace stacfs::converter::hdf5 {

// kByIndex: H5Dget_num_chunks + H5Dget_chunk_info, O(n^2) in libhdf5 1.10.
// kByLookup: each position of the chunk grid looked up in the chunk index, O(grid × log n).
// kAuto: whichever measured costs say is cheaper for the dataset at hand.
enum class ChunkListing { kAuto, kByIndex, kByLookup };

}  // namespace stacfs::converter::hdf5
