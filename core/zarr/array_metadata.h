// Zarr v2 metadata documents: `.zarray`, `.zgroup`, `.zattrs` and consolidated `.zmetadata`.
//
// Parsing is lenient where real files demand it (bare NaN, integral floats for integer fill
// values, a missing dimension_separator), strict where a wrong guess would give wrong bytes
// (shape/chunks mismatch, unknown order, unknown zarr_format). Writing is canonical: compact
// JSON with keys in sorted order, as zarr-python's own sort_keys output.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/codec/codec.h"
#include "core/zarr/dtype.h"
#include "core/zarr/fill_value.h"

namespace stacfs {

struct ArrayMetadata {
  std::vector<uint64_t> shape;
  std::vector<uint64_t> chunks;
  DataType dtype;
  std::string compressor;            // JSON object text of the codec config; empty for null
  std::vector<std::string> filters;  // JSON object texts; empty for null
  FillValue fill_value;
  char order = 'C';
  char dimension_separator = '.';

  size_t ndim() const { return shape.size(); }
  // Elements and bytes of one (full) chunk; 1 element for zero-dimensional arrays.
  uint64_t ChunkElements() const;
  uint64_t ChunkBytes() const { return ChunkElements() * dtype.itemsize; }
  // Chunks per dimension: ceil(shape / chunks).
  std::vector<uint64_t> ChunkGrid() const;
  uint64_t NumChunks() const;
};

// `what` names the document in errors, e.g. "refs.json: tas/.zarray".
Result<ArrayMetadata> ParseArrayMetadata(std::string_view json, std::string_view what);
Result<ArrayMetadata> ArrayMetadataFromJson(simdjson::dom::element root);
std::string ArrayMetadataToJson(const ArrayMetadata& metadata);

// The codecs the array declares, built and ready to decode chunks.
Result<CodecPipeline> MakeCodecPipeline(const ArrayMetadata& metadata);

// `.zgroup`: must be an object with zarr_format 2.
Result<void> ValidateGroupMetadata(std::string_view json, std::string_view what);
// `.zattrs`: must be a JSON object.
Result<void> ValidateAttributes(std::string_view json, std::string_view what);

// `.zmetadata` ({"metadata": {key: document}, "zarr_consolidated_format": 1}) as key →
// compact JSON text of each document.
Result<std::map<std::string, std::string>> ParseConsolidatedMetadata(std::string_view json,
                                                                     std::string_view what);
// Builds `.zmetadata` from documents given as JSON texts, embedded verbatim.
std::string ConsolidatedMetadataToJson(const std::map<std::string, std::string>& documents);

// True for the file names Zarr v2 reserves for metadata: .zarray .zgroup .zattrs .zmetadata.
bool IsZarrMetadataName(std::string_view name);

}  // namespace stacfs
