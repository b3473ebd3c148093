#include "converter/dataset_from_references.h"

#include <algorithm>
#include <map>

#include "core/json/json.h"
#include "core/url/url.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter {
namespace {

std::string KeyIn(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

// Splits `.zattrs` into the dimension names and the other attributes (as JSON object text).
Result<void> SplitAttributes(std::string_view zattrs, std::string_view what, Variable* variable) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(zattrs, what));
  simdjson::dom::object object;
  if (root.get(object)) return InvalidArgument(std::string(what) + " is not a JSON object");
  std::string out = "{";
  for (auto [key, value] : object) {
    if (key == "_ARRAY_DIMENSIONS") {
      simdjson::dom::array names;
      if (value.get(names)) return InvalidArgument(std::string(what) + ": _ARRAY_DIMENSIONS is not a list");
      for (simdjson::dom::element name : names) {
        STACFS_ASSIGN_OR_RETURN(std::string_view text, GetString(name, "_ARRAY_DIMENSIONS"));
        variable->dims.emplace_back(text);
      }
      continue;
    }
    if (out.size() > 1) out += ',';
    AppendJsonString(&out, key);
    out += ':';
    out += simdjson::minify(value);
  }
  variable->attributes = out + "}";
  return Ok();
}

}  // namespace

Result<Dataset> DatasetFromReferences(const ReferenceSet& refs) {
  Dataset dataset;
  dataset.sources = refs.urls();
  for (const std::string& url : dataset.sources) {
    dataset.local_paths.push_back(IsLocal(url) ? LocalPath(url).value_or("") : std::string());
  }
  std::map<std::string, size_t> index_of;  // array path → position in dataset.variables
  for (const std::string& path : refs.ArrayPaths()) {
    Variable variable;
    variable.path = path;
    std::string zarray_key = KeyIn(path, ".zarray");
    STACFS_ASSIGN_OR_RETURN(variable.zarray, ParseArrayMetadata(refs.Find(zarray_key)->data, zarray_key));
    if (auto zattrs = refs.Find(KeyIn(path, ".zattrs"))) {
      STACFS_RETURN_IF_ERROR(SplitAttributes(zattrs->data, KeyIn(path, ".zattrs"), &variable));
    }
    if (variable.dims.size() != variable.zarray.ndim()) {
      return InvalidArgument(zarray_key + ": _ARRAY_DIMENSIONS names " +
                             std::to_string(variable.dims.size()) + " dimensions for an array of " +
                             std::to_string(variable.zarray.ndim()));
    }
    index_of[path] = dataset.variables.size();
    dataset.variables.push_back(std::move(variable));
  }
  std::map<std::string_view, uint32_t> source_of;
  for (uint32_t i = 0; i < dataset.sources.size(); ++i) source_of[dataset.sources[i]] = i;

  std::vector<std::vector<uint64_t>> grids;
  for (const Variable& variable : dataset.variables) grids.push_back(variable.zarray.ChunkGrid());
  std::optional<Error> error;
  std::vector<uint64_t> index;
  auto last = index_of.end();
  refs.ForEach([&](std::string_view key, const Reference& ref) {
    if (error) return;
    size_t slash = key.rfind('/');
    std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    std::string dir(slash == std::string_view::npos ? std::string_view() : key.substr(0, slash));
    if (name == ".zgroup") {
      dataset.groups.push_back(Group{dir, "{}"});
      if (auto attrs = refs.Find(KeyIn(dir, ".zattrs"))) dataset.groups.back().attributes = attrs->data;
      return;
    }
    if (name.starts_with(".z")) return;
    // A chunk: its array is the longest array path that prefixes the key. Keys come in runs of
    // one array, so the previous match is tried first.
    auto prefixes = [&](const std::string& path) {
      return path.empty() || (key.size() > path.size() && key.starts_with(path) && key[path.size()] == '/');
    };
    if (last == index_of.end() || !prefixes(last->first) || last->first.size() < dir.size()) {
      last = index_of.end();
      for (auto candidate = index_of.begin(); candidate != index_of.end(); ++candidate) {
        if (prefixes(candidate->first) && (last == index_of.end() || candidate->first.size() > last->first.size())) {
          last = candidate;
        }
      }
    }
    if (last == index_of.end()) return;  // not part of any array: nothing a Zarr reader would see
    Variable& variable = dataset.variables[last->second];
    const std::vector<uint64_t>& grid = grids[last->second];
    std::string_view chunk_key = last->first.empty() ? key : key.substr(last->first.size() + 1);
    index.resize(grid.size());
    uint64_t linear = 0;
    if (!ParseChunkKey(chunk_key, variable.zarray.dimension_separator, index) ||
        !LinearChunkIndex(index, grid, &linear)) {
      return;  // outside the array's grid: no Zarr reader would ask for it
    }
    switch (ref.kind) {
      case Reference::Kind::kInline:
        variable.inline_chunks.push_back(InlineChunk{linear, std::string(ref.data)});
        return;
      case Reference::Kind::kRange:
        variable.chunks.push_back(ChunkRef{linear, ref.range.offset, ref.range.length, source_of[ref.url]});
        return;
      case Reference::Kind::kWholeObject:
        error = Unsupported("key '" + std::string(key) +
                            "' references a whole object ([url]); its byte range is unknown");
        return;
    }
  });
  if (error) return std::move(*error);
  for (Variable& variable : dataset.variables) {
    auto by_linear = [](const auto& a, const auto& b) { return a.linear < b.linear; };
    std::sort(variable.chunks.begin(), variable.chunks.end(), by_linear);
    std::sort(variable.inline_chunks.begin(), variable.inline_chunks.end(), by_linear);
  }
  std::stable_partition(dataset.groups.begin(), dataset.groups.end(),
                        [](const Group& g) { return g.path.empty(); });
  return dataset;
}

}  // namespace stacfs::converter
