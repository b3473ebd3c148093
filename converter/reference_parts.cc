#include "converter/reference_parts.h"

#include "core/json/json.h"

namespace stacfs::converter {

std::string JoinKey(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

std::string ZarrayDocument(const Variable& variable) {
  return EscapeNonAscii(ArrayMetadataToJson(variable.zarray));
}

std::string ZattrsDocument(const Variable& variable) {
  std::string dims = "\"_ARRAY_DIMENSIONS\":[";
  for (size_t i = 0; i < variable.dims.size(); ++i) {
    if (i) dims += ',';
    AppendJsonString(&dims, variable.dims[i]);
  }
  dims += ']';
  std::string_view attributes = variable.attributes;
  size_t open = attributes.find('{');
  size_t close = attributes.rfind('}');
  std::string_view inner = open == std::string_view::npos || close <= open
                               ? std::string_view()
                               : attributes.substr(open + 1, close - open - 1);
  bool empty = inner.find_first_not_of(" \t\r\n") == std::string_view::npos;
  return EscapeNonAscii("{" + std::string(empty ? std::string_view() : inner) +
                        (empty ? "" : ",") + dims + "}");
}

Result<std::string> ReadChunkBytes(const Dataset& dataset, Fetcher& local_reader,
                                   const ChunkRef& chunk) {
  if (chunk.source >= dataset.local_paths.size()) {
    return Internal("no local path to read source " + dataset.sources[chunk.source]);
  }
  STACFS_ASSIGN_OR_RETURN(
      FetchResponse response,
      local_reader.Fetch({dataset.local_paths[chunk.source], ByteRange{chunk.offset, chunk.length}}));
  return std::string(response.bytes.view());
}

}  // namespace stacfs::converter
