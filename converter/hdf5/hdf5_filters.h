// An HDF5 dataset's filter pipeline → numcodecs configurations for Zarr's `filters`.
//
// HDF5 applies its filters in pipeline order when writing (shuffle, then deflate...) and
// reverses them when reading; Zarr applies `filters` in list order when encoding and the
// compressor last. Writing every HDF5 filter, in order, into `filters` with `compressor: null`
// therefore describes the stored bytes exactly (DESIGN.md, "Kerchunk references").
//
//   H5Z_FILTER_SHUFFLE (2)   → {"id":"shuffle","elementsize":N}   N from cd_values[0]
//   H5Z_FILTER_DEFLATE (1)   → {"id":"zlib","level":L}            zlib stream with header
//   H5Z_FILTER_FLETCHER32(3) → {"id":"fletcher32"}                4-byte little-endian trailer
//   blosc (32001)            → {"id":"blosc","cname":..,"clevel":..,"shuffle":..,"blocksize":0}
//   zstd (32015)             → {"id":"zstd","level":L}
//
// Anything else (szip, n-bit, scale-offset, LZF, bitshuffle, HDF5's lz4 framing, unknown ids)
// has no numcodecs equivalent the references can name: the pipeline is then "not expressible"
// and the caller decodes through libhdf5 instead (hdf5_variable.h).
#pragma once

#include <hdf5.h>

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs::converter::hdf5 {

struct Filter {
  H5Z_filter_t id = 0;
  std::string name;                   // HDF5's name for it, or "filter <id>"
  std::vector<unsigned> client_data;  // cd_values
  std::string config_json;            // numcodecs configuration; empty when not expressible
};

struct FilterPipeline {
  std::vector<Filter> filters;  // pipeline order
  bool expressible() const;
  // The first filter without a numcodecs configuration, for warnings; null when expressible.
  const Filter* first_inexpressible() const;
  // The numcodecs configurations, in order (call only when expressible()).
  std::vector<std::string> configs() const;
};

// `element_size`: the dataset's element size, for a shuffle filter that records none.
Result<FilterPipeline> ReadFilterPipeline(hid_t dataset_creation_list, size_t element_size);

// The numcodecs configuration for one HDF5 filter, or "" when it has none (exposed for tests).
std::string NumcodecsConfig(H5Z_filter_t id, const std::vector<unsigned>& client_data,
                            size_t element_size);

// The pipeline's codecs, one per filter, built from their configurations (for decoding a chunk
// that skipped some filters and re-encoding it; see hdf5_chunks.h).
Result<std::vector<std::shared_ptr<const Codec>>> MakeFilterCodecs(const FilterPipeline& pipeline);

}  // namespace stacfs::converter::hdf5
