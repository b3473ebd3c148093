#include "fs/store_view.h"

#include <algorithm>
#include <charconv>

#include "core/json/json.h"
#include "core/zarr/array_metadata.h"

namespace stacfs::fs {
namespace {

constexpr std::string_view kConsolidatedKey = ".zmetadata";

std::string_view LastComponent(std::string_view key) {
  size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

std::string JoinKey(std::string_view dir, std::string_view name) {
  std::string key(dir);
  if (!key.empty()) key += '/';
  key += name;
  return key;
}

// Splits "0/12/3" into components; false when one is not a chunk index below its grid size.
bool ParseIndexComponents(std::string_view text, std::span<const uint64_t> grid, size_t* count) {
  size_t n = 0;
  while (true) {
    size_t slash = text.find('/');
    std::string_view part = text.substr(0, slash);
    if (n >= grid.size() || part.empty() || (part.size() > 1 && part[0] == '0')) return false;
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || value >= grid[n]) return false;
    ++n;
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  *count = n;
  return true;
}

Result<void> ValidateDocument(std::string_view name, std::string_view json, std::string_view what) {
  if (name == ".zarray") {
    STACFS_RETURN_IF_ERROR(ParseArrayMetadata(json, what));
    return Ok();
  }
  if (name == ".zgroup") return ValidateGroupMetadata(json, what);
  return ValidateAttributes(json, what);
}

}  // namespace

Result<std::shared_ptr<const StoreView>> StoreView::Create(std::shared_ptr<const ReferenceSet> refs,
                                                           std::string_view describe) {
  std::shared_ptr<StoreView> view(new StoreView(refs));
  view->directories_[""];
  std::map<std::string, std::string> consolidated;
  bool consolidate = true;
  std::optional<Error> error;
  refs->ForEachLooseKey([&](std::string_view key, const Reference& ref) {
    if (error) return;
    std::string_view name = LastComponent(key);
    if (key == kConsolidatedKey) return;  // replaced by the synthesised one below
    view->AddPath(key, false);
    if (!IsZarrMetadataName(name)) return;
    if (ref.kind != Reference::Kind::kInline) {
      consolidate = false;  // a document stored remotely: served as is, not consolidated
      return;
    }
    std::string what = std::string(describe) + ": " + std::string(key);
    if (Result<void> valid = ValidateDocument(name, ref.data, what); !valid) {
      error = valid.error();
      return;
    }
    auto document = std::make_shared<const std::string>(EscapeNonAscii(ref.data));
    consolidated.emplace(std::string(key), *document);
    view->documents_.emplace(std::string(key), std::move(document));
  });
  if (error) return Unexpected(std::move(*error));

  for (const std::string& path : refs->ArrayPaths()) {
    auto document = view->documents_.find(JoinKey(path, ".zarray"));
    if (document == view->documents_.end()) continue;
    STACFS_ASSIGN_OR_RETURN(ArrayMetadata metadata, ParseArrayMetadata(*document->second, path));
    ArrayInfo& info = view->arrays_[path];
    info.separator = metadata.dimension_separator;
    info.grid = metadata.ChunkGrid();
    view->directories_[path].array = &info;
  }

  bool root_is_array = view->documents_.count(".zarray") != 0;
  if (!root_is_array && view->documents_.count(".zgroup") == 0) {
    std::string zgroup = R"({"zarr_format":2})";
    consolidated.emplace(".zgroup", zgroup);
    view->documents_.emplace(".zgroup", std::make_shared<const std::string>(std::move(zgroup)));
    view->AddPath(".zgroup", false);
  }
  if (consolidate && !root_is_array) {
    view->documents_.emplace(std::string(kConsolidatedKey), std::make_shared<const std::string>(
                                                                ConsolidatedMetadataToJson(consolidated)));
    view->AddPath(kConsolidatedKey, false);
  }
  return std::shared_ptr<const StoreView>(std::move(view));
}

void StoreView::AddPath(std::string_view key, bool is_directory) {
  while (true) {
    size_t slash = key.rfind('/');
    std::string_view parent = slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
    std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    Directory& directory = directories_[std::string(parent)];
    auto [it, inserted] = directory.children.emplace(std::string(name), is_directory);
    if (!inserted) it->second = it->second || is_directory;
    if (parent.empty()) return;
    key = parent;
    is_directory = true;
  }
}

bool StoreView::IsChunkDirectory(std::string_view key) const {
  size_t slash = key.size();
  while (slash != std::string_view::npos && slash > 0) {
    slash = key.rfind('/', slash - 1);
    std::string_view array_path = slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
    std::string_view rest = slash == std::string_view::npos ? key : key.substr(slash + 1);
    auto it = arrays_.find(array_path);
    if (it == arrays_.end() || it->second.separator != '/') continue;
    size_t count = 0;
    return ParseIndexComponents(rest, it->second.grid, &count) && count < it->second.grid.size();
  }
  return false;
}

std::optional<StoreEntry> StoreView::Find(std::string_view key) const {
  StoreEntry entry;
  entry.key = std::string(key);
  if (auto it = documents_.find(key); it != documents_.end()) {
    entry.kind = StoreEntry::Kind::kDocument;
    entry.document = it->second;
    return entry;
  }
  if (directories_.count(key) != 0 || IsChunkDirectory(key)) {
    entry.kind = StoreEntry::Kind::kDirectory;
    return entry;
  }
  if (key == kConsolidatedKey) return std::nullopt;  // refused above: never the stale one
  if (std::optional<Reference> ref = refs_->Find(key)) {
    entry.kind = StoreEntry::Kind::kReference;
    entry.reference = *ref;
    return entry;
  }
  return std::nullopt;
}

std::vector<StoreListEntry> StoreView::List(std::string_view path) const {
  std::map<std::string, bool, std::less<>> names;
  auto directory = directories_.find(path);
  if (directory != directories_.end()) names = directory->second.children;

  // Chunks of an array, or of a sub-directory of a "/"-separated array's chunk tree.
  std::string_view array_path;
  std::string prefix;  // index components above this directory, with a trailing '/'
  const ArrayInfo* array = directory != directories_.end() ? directory->second.array : nullptr;
  if (array != nullptr) {
    array_path = path;
  } else if (IsChunkDirectory(path)) {
    for (const auto& [candidate, info] : arrays_) {
      bool contains = candidate.empty() || (path.size() > candidate.size() && path.starts_with(candidate) &&
                                            path[candidate.size()] == '/');
      if (!contains || info.separator != '/') continue;
      if (array == nullptr || candidate.size() > array_path.size()) {
        array = &info;
        array_path = candidate;
      }
    }
    prefix = std::string(array_path.empty() ? path : path.substr(array_path.size() + 1)) + '/';
  }
  if (array != nullptr) {
    refs_->ForEachChunk(array_path, [&](std::string_view chunk_key, const Reference&) {
      if (!chunk_key.starts_with(prefix)) return;
      std::string_view rest = chunk_key.substr(prefix.size());
      size_t slash = array->separator == '/' ? rest.find('/') : std::string_view::npos;
      if (slash == std::string_view::npos) {
        names.emplace(std::string(rest), false);
      } else {
        names.emplace(std::string(rest.substr(0, slash)), true);
      }
    });
  }
  std::vector<StoreListEntry> out;
  out.reserve(names.size());
  for (auto& [name, is_directory] : names) out.push_back({name, is_directory});
  return out;
}

}  // namespace stacfs::fs
