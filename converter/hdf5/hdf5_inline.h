// Chunks the reader holds itself (Variable::inline_chunks) because no byte range in the source
// file can stand for them:
//  - compact datasets (the data lives inside the object header) and data whose filters only
//    libhdf5 can decode: the whole array read through H5Dread, one chunk (chunks = shape);
//  - variable-length strings: read through H5Dread and encoded with vlen-utf8, chunk by chunk;
//  - chunks written with some filters skipped (filter_mask != 0) or, under
//    H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS, stored unfiltered at the array's edge: the stored
//    bytes do not match the declared codecs, so they are decoded with the filters that were
//    applied and re-encoded with the whole pipeline;
//  - unwritten chunks whose value Zarr would get wrong (see MaterializeMissingChunks).
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "converter/dataset.h"
#include "converter/hdf5/hdf5_filters.h"
#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs::converter::hdf5 {

// Above this many decoded bytes a variable with filters only libhdf5 can decode is skipped
// rather than embedded (the brief's limit: such data bloats every reference file).
inline constexpr uint64_t kMaxDecodedInlineBytes = uint64_t{1} << 20;
// Above this many bytes of embedded fill chunks, unwritten chunks are left out with a warning.
inline constexpr uint64_t kMaxMaterializedFillBytes = uint64_t{16} << 20;

// Chunks of `shape` by `chunks` where an extent is 0 become 1 (Zarr needs chunks >= 1).
std::vector<uint64_t> WholeArrayChunks(const std::vector<uint64_t>& shape);

// The whole dataset as stored elements (HDF5 decodes any filters), as one inline chunk of
// `variable` (whose zarray.shape and dtype are set). Sets chunks = shape and no codecs.
Result<void> InlineWholeArray(hid_t dataset, hid_t file_type, Variable* variable);

// The whole variable-length string dataset, chunked by `variable->zarray.chunks` (set by the
// caller) and encoded with vlen-utf8. Returns how many strings were not UTF-8 (read as Latin-1).
Result<uint64_t> InlineVlenStrings(hid_t dataset, Variable* variable);

// One stored chunk re-encoded with the full pipeline: its stored bytes (H5Dread_chunk) decoded
// by the filters `skipped_mask` says were applied, then encoded by `pipeline`.
Result<std::string> ReencodeChunk(hid_t dataset, const std::vector<uint64_t>& element_offset,
                                  uint32_t skipped_mask,
                                  const std::vector<std::shared_ptr<const Codec>>& filter_codecs,
                                  const CodecPipeline& pipeline, uint64_t chunk_bytes);

// What an unwritten element reads as through libhdf5: the dataset's fill value (zeros by
// default) in its own type, or nullopt when HDF5 leaves it undefined (fill time "never", or no
// fill value at all).
Result<std::optional<std::string>> Hdf5FillElement(hid_t dataset_creation_list, hid_t file_type);

// Embeds a chunk of HDF5's fill value for each chunk of the grid that has neither a reference
// nor an inline chunk, when Zarr would read it differently from libhdf5: Zarr reads a missing
// chunk as fill_value, and with fill_value null (no _FillValue attribute) zarr-python leaves it
// uninitialised (np.empty). `zarr_fill_element`: the bytes of one fill_value element (nullopt
// for null). Returns a warning instead of embedding more than kMaxMaterializedFillBytes.
Result<std::optional<std::string>> MaterializeMissingChunks(
    const std::optional<std::string>& hdf5_fill_element,
    const std::optional<std::string>& zarr_fill_element, const CodecPipeline& pipeline,
    Variable* variable);

}  // namespace stacfs::converter::hdf5
