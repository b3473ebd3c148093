#include "core/zarr/array_metadata.h"

#include <limits>

#include "core/json/json.h"

namespace stacfs {
namespace {

Result<std::vector<uint64_t>> ReadDims(simdjson::dom::element root, const char* field) {
  simdjson::dom::array array;
  if (root[field].get(array)) {
    return InvalidArgument(std::string("'") + field + "' must be an array of integers");
  }
  std::vector<uint64_t> dims;
  for (simdjson::dom::element e : array) {
    STACFS_ASSIGN_OR_RETURN(uint64_t v, GetUint(e, field));
    dims.push_back(v);
  }
  return dims;
}

Result<std::string> ReadCodecConfig(simdjson::dom::element e, std::string_view field) {
  if (e.is_null()) return std::string();
  if (!e.is_object()) {
    return InvalidArgument("'" + std::string(field) + "' must be an object or null, not " +
                           JsonTypeName(e.type()));
  }
  std::string_view id;
  if (e["id"].get(id)) return InvalidArgument("'" + std::string(field) + "' has no string 'id'");
  return simdjson::minify(e);
}

}  // namespace

uint64_t ArrayMetadata::ChunkElements() const {
  uint64_t n = 1;
  for (uint64_t c : chunks) n *= c;
  return n;
}

std::vector<uint64_t> ArrayMetadata::ChunkGrid() const {
  std::vector<uint64_t> grid(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) grid[d] = (shape[d] + chunks[d] - 1) / chunks[d];
  return grid;
}

uint64_t ArrayMetadata::NumChunks() const {
  uint64_t n = 1;
  for (uint64_t g : ChunkGrid()) n *= g;
  return n;
}

Result<ArrayMetadata> ArrayMetadataFromJson(simdjson::dom::element root) {
  if (!root.is_object()) return InvalidArgument(".zarray must be a JSON object");
  int64_t format = 0;
  if (root["zarr_format"].get(format) || format != 2) {
    return Unsupported("zarr_format must be 2");
  }
  ArrayMetadata m;
  STACFS_ASSIGN_OR_RETURN(m.shape, ReadDims(root, "shape"));
  STACFS_ASSIGN_OR_RETURN(m.chunks, ReadDims(root, "chunks"));
  if (m.shape.size() != m.chunks.size()) {
    return InvalidArgument("'shape' has " + std::to_string(m.shape.size()) +
                           " dimensions but 'chunks' has " + std::to_string(m.chunks.size()));
  }
  simdjson::dom::element dtype_element;
  if (root["dtype"].get(dtype_element)) return InvalidArgument("'dtype' is missing");
  STACFS_ASSIGN_OR_RETURN(std::string_view dtype_text, GetString(dtype_element, "dtype"));
  STACFS_ASSIGN_OR_RETURN(m.dtype, ParseDataType(dtype_text));

  // Chunk sizes must be positive and a chunk's byte size must fit in 64 bits.
  uint64_t bytes = m.dtype.itemsize;
  for (uint64_t c : m.chunks) {
    if (c == 0) return InvalidArgument("'chunks' must be positive");
    if (bytes > std::numeric_limits<uint64_t>::max() / c) {
      return InvalidArgument("chunk byte size overflows 64 bits");
    }
    bytes *= c;
  }

  simdjson::dom::element e;
  if (!root["compressor"].get(e)) {
    STACFS_ASSIGN_OR_RETURN(m.compressor, ReadCodecConfig(e, "compressor"));
  }
  if (!root["filters"].get(e) && !e.is_null()) {
    simdjson::dom::array filters;
    if (e.get(filters)) return InvalidArgument("'filters' must be an array or null");
    for (simdjson::dom::element f : filters) {
      STACFS_ASSIGN_OR_RETURN(std::string config, ReadCodecConfig(f, "filters"));
      if (config.empty()) return InvalidArgument("'filters' entries must be objects");
      m.filters.push_back(std::move(config));
    }
  }
  if (!root["fill_value"].get(e)) {
    STACFS_ASSIGN_OR_RETURN(m.fill_value, ParseFillValue(e, m.dtype));
  }
  std::string_view text;
  if (!root["order"].get(e)) {
    if (e.get(text) || (text != "C" && text != "F")) {
      return InvalidArgument("'order' must be \"C\" or \"F\"");
    }
    m.order = text[0];
  }
  if (!root["dimension_separator"].get(e) && !e.is_null()) {
    if (e.get(text) || (text != "." && text != "/")) {
      return InvalidArgument("'dimension_separator' must be \".\" or \"/\"");
    }
    m.dimension_separator = text[0];
  }
  return m;
}

Result<ArrayMetadata> ParseArrayMetadata(std::string_view json, std::string_view what) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(json, what));
  return ArrayMetadataFromJson(root).WithContext(std::string(what));
}

std::string ArrayMetadataToJson(const ArrayMetadata& m) {
  auto dims = [](const std::vector<uint64_t>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ",";
      out += std::to_string(v[i]);
    }
    return out + "]";
  };
  std::string out = "{\"chunks\":" + dims(m.chunks);
  out += ",\"compressor\":" + (m.compressor.empty() ? std::string("null") : m.compressor);
  out += ",\"dimension_separator\":";
  AppendJsonString(&out, std::string(1, m.dimension_separator));
  out += ",\"dtype\":";
  AppendJsonString(&out, m.dtype.ToString());
  out += ",\"fill_value\":";
  AppendFillValueJson(&out, m.fill_value);
  out += ",\"filters\":";
  if (m.filters.empty()) {
    out += "null";
  } else {
    out += "[";
    for (size_t i = 0; i < m.filters.size(); ++i) {
      if (i) out += ",";
      out += m.filters[i];
    }
    out += "]";
  }
  out += ",\"order\":";
  AppendJsonString(&out, std::string(1, m.order));
  out += ",\"shape\":" + dims(m.shape) + ",\"zarr_format\":2}";
  return out;
}

Result<CodecPipeline> MakeCodecPipeline(const ArrayMetadata& m) {
  std::vector<std::shared_ptr<const Codec>> filters;
  for (const std::string& config : m.filters) {
    STACFS_ASSIGN_OR_RETURN(auto codec, MakeCodec(config));
    filters.push_back(std::move(codec));
  }
  std::shared_ptr<const Codec> compressor;
  if (!m.compressor.empty()) {
    STACFS_ASSIGN_OR_RETURN(compressor, MakeCodec(m.compressor));
  }
  return CodecPipeline(std::move(filters), std::move(compressor));
}

Result<void> ValidateGroupMetadata(std::string_view json, std::string_view what) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(json, what));
  int64_t format = 0;
  if (!root.is_object() || root["zarr_format"].get(format) || format != 2) {
    return Unsupported(std::string(what) + ": .zgroup must be an object with zarr_format 2");
  }
  return Ok();
}

Result<void> ValidateAttributes(std::string_view json, std::string_view what) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(json, what));
  if (!root.is_object()) return InvalidArgument(std::string(what) + ": .zattrs must be an object");
  return Ok();
}

Result<std::map<std::string, std::string>> ParseConsolidatedMetadata(std::string_view json,
                                                                     std::string_view what) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(json, what));
  simdjson::dom::object metadata;
  if (root["metadata"].get(metadata)) {
    return InvalidArgument(std::string(what) + ": .zmetadata has no 'metadata' object");
  }
  int64_t format = 0;
  if (root["zarr_consolidated_format"].get(format) || format != 1) {
    return Unsupported(std::string(what) + ": zarr_consolidated_format must be 1");
  }
  std::map<std::string, std::string> documents;
  for (auto [key, value] : metadata) {
    documents.emplace(std::string(key), simdjson::minify(value));
  }
  return documents;
}

std::string ConsolidatedMetadataToJson(const std::map<std::string, std::string>& documents) {
  std::string out = "{\"metadata\":{";
  bool first = true;
  for (const auto& [key, json] : documents) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, key);
    out += ":";
    out += json;
  }
  out += "},\"zarr_consolidated_format\":1}";
  return out;
}

bool IsZarrMetadataName(std::string_view name) {
  return name == ".zarray" || name == ".zgroup" || name == ".zattrs" || name == ".zmetadata";
}

}  // namespace stacfs
