// The converter's model of one source file (or of several combined): what a Zarr v2 view of it
// needs, before it is written as Kerchunk references.
//
// Format readers (netCDF4/HDF5 through libhdf5, netCDF3 natively) produce a Dataset per file;
// the combiner concatenates Datasets along a dimension; the writer turns a Dataset into a
// ReferenceSet (core/kerchunk). Chunk locations are held compactly (a linear chunk number and a
// byte range), so a million-chunk file costs tens of megabytes, not hundreds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/zarr/array_metadata.h"

namespace stacfs::converter {

// Where one chunk's encoded bytes are. `linear` is the chunk's row-major number in the array's
// chunk grid (core/zarr/chunk_key.h). `source` indexes Dataset::sources.
struct ChunkRef {
  uint64_t linear = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
  uint32_t source = 0;
};

// A chunk whose bytes are held in the model itself: compact HDF5 data, values decoded through
// HDF5 because the references could not express the filter, re-encoded coordinates.
struct InlineChunk {
  uint64_t linear = 0;
  std::string bytes;  // exactly as the chunk is stored under the array's codecs
};

struct Variable {
  std::string path;                 // "tas", or "group/sub/tas" for variables in groups
  std::vector<std::string> dims;    // dimension names, one per axis: _ARRAY_DIMENSIONS
  ArrayMetadata zarray;             // shape, chunks, dtype, filters/compressor, fill_value
  // Attributes as a JSON object text, e.g. {"units":"K","scale_factor":0.01}: JSON types kept
  // (numbers, arrays, strings; NaN written bare), bookkeeping attributes already dropped,
  // _FillValue moved to zarray.fill_value, no _ARRAY_DIMENSIONS (the writer adds it).
  std::string attributes = "{}";
  std::vector<ChunkRef> chunks;     // sorted by linear; absent chunks read as fill_value
  std::vector<InlineChunk> inline_chunks;  // sorted by linear; disjoint from `chunks`
};

struct Group {
  std::string path;                 // "" for the root, "group/sub" for nested groups
  std::string attributes = "{}";    // JSON object text, as for variables
};

struct Dataset {
  // URLs (or absolute paths) of the source files chunks point into, as they are to be written.
  std::vector<std::string> sources;
  // Where each source can be read now (absolute local paths, parallel to `sources`): the
  // writer reads small chunks from here to inline them, the combiner reads coordinates.
  std::vector<std::string> local_paths;
  std::vector<Group> groups;        // the root first
  std::vector<Variable> variables;  // in file order
  // Things a user should know that did not stop the conversion, each naming the variable.
  std::vector<std::string> warnings;
};

// Options every format reader takes.
struct ReadOptions {
  // The URL written for the file's chunks (becomes sources[0]): the absolute path by default;
  // with --url-prefix, prefix + base name (e.g. "https://host/data/" + "tas_2000.nc").
  std::string url;
};
// (Inlining of small chunks below --inline-threshold is the writer's job, done once for every
// format by reading the referenced bytes; readers inline only what has no byte range at all,
// such as HDF5 compact data or values HDF5 had to decode.)

}  // namespace stacfs::converter
