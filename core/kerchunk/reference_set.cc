#include "core/kerchunk/reference_set.h"

#include <algorithm>

#include "core/zarr/array_metadata.h"
#include "core/zarr/chunk_key.h"

namespace stacfs {
namespace {

constexpr std::string_view kZarray = ".zarray";

// "tas/.zarray" → "tas"; ".zarray" → "".
std::string_view ArrayPathOf(std::string_view zarray_key) {
  std::string_view path = zarray_key.substr(0, zarray_key.size() - kZarray.size());
  if (!path.empty()) path.remove_suffix(1);  // the '/'
  return path;
}

bool IsZarrayKey(std::string_view key) {
  return key == kZarray || (key.ends_with(kZarray) && key[key.size() - kZarray.size() - 1] == '/');
}

}  // namespace

const ReferenceSet::ArrayChunks* ReferenceSet::FindArrayOf(std::string_view key,
                                                           std::string_view* chunk_key) const {
  // The array path is the key up to one of its '/' (or "" for a root array); try each split.
  size_t slash = key.rfind('/');
  while (true) {
    std::string_view path = slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
    auto it = array_index_.find(path);
    if (it != array_index_.end()) {
      *chunk_key = slash == std::string_view::npos ? key : key.substr(slash + 1);
      return &arrays_[it->second];
    }
    if (slash == std::string_view::npos || slash == 0) return nullptr;
    slash = key.rfind('/', slash - 1);
  }
}

Reference ReferenceSet::Materialize(uint32_t source, uint64_t offset, uint64_t length,
                                    Reference::Kind kind) const {
  Reference ref;
  ref.kind = kind;
  if (kind == Reference::Kind::kInline) {
    ref.data = std::string_view(inline_bytes_).substr(offset, length);
  } else {
    ref.url = urls_[source];
    if (kind == Reference::Kind::kRange) ref.range = {offset, length};
  }
  return ref;
}

Reference ReferenceSet::MaterializePacked(const PackedRef& ref) const {
  if (ref.source == kInlineSource) {
    return Materialize(0, ref.offset, ref.length, Reference::Kind::kInline);
  }
  if (ref.length == kWholeObjectLength) {
    return Materialize(ref.source, 0, 0, Reference::Kind::kWholeObject);
  }
  return Materialize(ref.source, ref.offset, ref.length, Reference::Kind::kRange);
}

const ReferenceSet::PackedRef* ReferenceSet::FindPacked(std::string_view key, const ArrayChunks** array) const {
  std::string_view chunk_key;
  *array = FindArrayOf(key, &chunk_key);
  if (*array == nullptr) return nullptr;
  uint64_t index[32];
  if ((*array)->grid.size() > std::size(index)) return nullptr;
  std::span<uint64_t> dims(index, (*array)->grid.size());
  uint64_t linear = 0;
  if (!ParseChunkKey(chunk_key, (*array)->separator, dims) ||
      !LinearChunkIndex(dims, (*array)->grid, &linear)) {
    return nullptr;
  }
  const std::vector<PackedRef>& refs = (*array)->refs;
  auto it = std::lower_bound(refs.begin(), refs.end(), linear,
                             [](const PackedRef& r, uint64_t l) { return r.linear < l; });
  if (it == refs.end() || it->linear != linear) return nullptr;
  return &*it;
}

std::optional<Reference> ReferenceSet::Find(std::string_view key) const {
  if (auto it = loose_.find(key); it != loose_.end()) {
    const LooseRef& r = it->second;
    return Materialize(r.source, r.offset, r.length, r.kind);
  }
  const ArrayChunks* array = nullptr;
  const PackedRef* packed = FindPacked(key, &array);
  if (packed == nullptr) return std::nullopt;
  return MaterializePacked(*packed);
}

void ReferenceSet::ForEach(
    const std::function<void(std::string_view key, const Reference&)>& visit) const {
  for (const auto& [key, r] : loose_) visit(key, Materialize(r.source, r.offset, r.length, r.kind));
  std::string key;
  std::vector<uint64_t> index;
  for (const ArrayChunks& array : arrays_) {
    index.resize(array.grid.size());
    for (const PackedRef& ref : array.refs) {
      ChunkIndexFromLinear(ref.linear, array.grid, index);
      key = array.path;
      if (!key.empty()) key += '/';
      AppendChunkKey(&key, index, array.separator);
      visit(key, MaterializePacked(ref));
    }
  }
}

void ReferenceSet::ForEachLooseKey(
    const std::function<void(std::string_view key, const Reference&)>& visit) const {
  for (const auto& [key, r] : loose_) visit(key, Materialize(r.source, r.offset, r.length, r.kind));
}

void ReferenceSet::ForEachChunk(
    std::string_view array_path,
    const std::function<void(std::string_view chunk_key, const Reference&)>& visit) const {
  auto it = array_index_.find(array_path);
  if (it == array_index_.end()) return;
  const ArrayChunks& array = arrays_[it->second];
  std::string key;
  std::vector<uint64_t> index(array.grid.size());
  for (const PackedRef& ref : array.refs) {
    ChunkIndexFromLinear(ref.linear, array.grid, index);
    key.clear();
    AppendChunkKey(&key, index, array.separator);
    visit(key, MaterializePacked(ref));
  }
}

std::optional<ReferenceSet::ChunkPosition> ReferenceSet::PositionOf(std::string_view key) const {
  if (loose_.count(key) != 0) return std::nullopt;
  const ArrayChunks* array = nullptr;
  const PackedRef* packed = FindPacked(key, &array);
  if (packed == nullptr) return std::nullopt;
  return ChunkPosition{array->path, packed->linear};
}

void ReferenceSet::ForEachChunkFrom(
    std::string_view array_path, uint64_t first, size_t count,
    const std::function<void(uint64_t linear, const Reference&)>& visit) const {
  auto found = array_index_.find(array_path);
  if (found == array_index_.end()) return;
  const ArrayChunks& array = arrays_[found->second];
  auto it = std::lower_bound(array.refs.begin(), array.refs.end(), first,
                             [](const PackedRef& r, uint64_t l) { return r.linear < l; });
  for (; it != array.refs.end() && count > 0; ++it, --count) visit(it->linear, MaterializePacked(*it));
}

std::vector<std::string> ReferenceSet::ArrayPaths() const {
  std::vector<std::string> paths;
  for (const ArrayChunks& array : arrays_) paths.push_back(array.path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

size_t ReferenceSet::MemoryBytes() const {
  size_t bytes = inline_bytes_.capacity() + urls_.capacity() * sizeof(std::string);
  for (const std::string& url : urls_) bytes += url.capacity() > 15 ? url.capacity() + 1 : 0;
  // A std::map node: the key/value pair plus three pointers and a colour word.
  for (const auto& [key, r] : loose_) {
    bytes += sizeof(std::pair<const std::string, LooseRef>) + 32;
    bytes += key.capacity() > 15 ? key.capacity() + 1 : 0;
  }
  for (const ArrayChunks& array : arrays_) {
    bytes += sizeof(ArrayChunks) + array.refs.capacity() * sizeof(PackedRef) +
             array.grid.capacity() * sizeof(uint64_t) + array.path.capacity();
  }
  bytes += array_index_.size() * (sizeof(std::string) + sizeof(size_t) + 16);
  return bytes;
}

uint32_t ReferenceSetBuilder::InternUrl(std::string_view url) {
  auto it = url_ids_.find(url);
  if (it != url_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(set_.urls_.size());
  set_.urls_.emplace_back(url);
  url_ids_.emplace(std::string(url), id);
  return id;
}

void ReferenceSetBuilder::AddLoose(std::string_view key, const ReferenceSet::LooseRef& ref) {
  auto it = set_.loose_.find(key);
  if (it != set_.loose_.end()) {
    it->second = ref;
  } else {
    set_.loose_.emplace(std::string(key), ref);
  }
}

bool ReferenceSetBuilder::TryPack(std::string_view key, uint32_t source, uint64_t offset,
                                  uint64_t length) {
  if (set_.arrays_.empty()) return false;
  if (length >= ReferenceSet::kWholeObjectLength && source != ReferenceSet::kInlineSource) {
    if (length != UINT64_MAX) return false;  // a range too long for the packed form
    length = ReferenceSet::kWholeObjectLength;
  } else if (length >= ReferenceSet::kWholeObjectLength) {
    return false;
  }
  std::string_view chunk_key;
  const ReferenceSet::ArrayChunks* array = nullptr;
  // Keys arrive in runs of one array: try the last one before searching.
  if (last_array_ != nullptr) {
    const std::string& path = last_array_->path;
    if (path.empty() ? key.find('/') == std::string_view::npos
                     : key.size() > path.size() && key.starts_with(path) && key[path.size()] == '/') {
      array = last_array_;
      chunk_key = path.empty() ? key : key.substr(path.size() + 1);
    }
  }
  if (array == nullptr) array = set_.FindArrayOf(key, &chunk_key);
  if (array == nullptr) return false;
  scratch_index_.resize(array->grid.size());
  uint64_t linear = 0;
  if (!ParseChunkKey(chunk_key, array->separator, scratch_index_) ||
      !LinearChunkIndex(scratch_index_, array->grid, &linear)) {
    return false;
  }
  last_array_ = array;
  size_t array_number = static_cast<size_t>(array - set_.arrays_.data());
  set_.arrays_[array_number].refs.push_back({linear, offset, static_cast<uint32_t>(length), source});
  // A later value replaces an earlier loose one (rare: the map holds mostly metadata).
  if (auto it = set_.loose_.find(key); it != set_.loose_.end()) set_.loose_.erase(it);
  return true;
}

Result<void> ReferenceSetBuilder::AddInline(std::string_view key, std::string_view bytes) {
  uint64_t offset = set_.inline_bytes_.size();
  if (IsZarrayKey(key)) {
    STACFS_ASSIGN_OR_RETURN(ArrayMetadata metadata, ParseArrayMetadata(bytes, key));
    std::string_view path = ArrayPathOf(key);
    auto it = set_.array_index_.find(path);
    if (it == set_.array_index_.end()) {
      ReferenceSet::ArrayChunks array;
      array.path = std::string(path);
      array.separator = metadata.dimension_separator;
      array.grid = metadata.ChunkGrid();
      set_.arrays_.push_back(std::move(array));
      set_.array_index_.emplace(std::string(path), set_.arrays_.size() - 1);
      last_array_ = nullptr;  // the vector may have moved
    } else {
      auto& array = set_.arrays_[it->second];
      if (array.grid != metadata.ChunkGrid() || array.separator != metadata.dimension_separator) {
        return InvalidArgument(std::string(key) + ": redefined with a different chunk grid");
      }
    }
  } else if (!key.ends_with("/.zgroup") && !key.ends_with("/.zattrs") && key != ".zgroup" &&
             key != ".zattrs" && !key.ends_with(".zmetadata")) {
    set_.inline_bytes_.append(bytes);
    if (TryPack(key, ReferenceSet::kInlineSource, offset, bytes.size())) return Ok();
    AddLoose(key, {Reference::Kind::kInline, 0, offset, bytes.size()});
    return Ok();
  }
  set_.inline_bytes_.append(bytes);
  AddLoose(key, {Reference::Kind::kInline, 0, offset, bytes.size()});
  return Ok();
}

void ReferenceSetBuilder::AddRange(std::string_view key, uint32_t url_id, ByteRange range) {
  if (TryPack(key, url_id, range.offset, range.length)) return;
  AddLoose(key, {Reference::Kind::kRange, url_id, range.offset, range.length});
}

void ReferenceSetBuilder::AddRange(std::string_view key, std::string_view url, ByteRange range) {
  AddRange(key, InternUrl(url), range);
}

void ReferenceSetBuilder::AddWholeObject(std::string_view key, std::string_view url) {
  AddWholeObject(key, InternUrl(url));
}

void ReferenceSetBuilder::AddWholeObject(std::string_view key, uint32_t id) {
  if (TryPack(key, id, 0, UINT64_MAX)) return;
  AddLoose(key, {Reference::Kind::kWholeObject, id, 0, 0});
}

ReferenceSet ReferenceSetBuilder::Build() && {
  // Chunks that arrived before their array's .zarray were kept loose: pack them now.
  std::vector<std::pair<std::string, ReferenceSet::LooseRef>> late;
  for (const auto& [key, ref] : set_.loose_) {
    std::string_view name = key.substr(key.rfind('/') == std::string::npos ? 0 : key.rfind('/') + 1);
    if (!IsZarrMetadataName(name)) late.emplace_back(key, ref);
  }
  for (const auto& [key, ref] : late) {
    uint64_t length = ref.kind == Reference::Kind::kWholeObject ? UINT64_MAX : ref.length;
    uint32_t source = ref.kind == Reference::Kind::kInline ? ReferenceSet::kInlineSource : ref.source;
    TryPack(key, source, ref.offset, length);
  }
  size_t keys = set_.loose_.size();
  for (auto& array : set_.arrays_) {
    // Stable sort keeps insertion order among equal keys; the last one added wins.
    std::stable_sort(array.refs.begin(), array.refs.end(),
                     [](const auto& a, const auto& b) { return a.linear < b.linear; });
    auto write = array.refs.begin();
    for (auto read = array.refs.begin(); read != array.refs.end(); ++read) {
      if (read + 1 != array.refs.end() && (read + 1)->linear == read->linear) continue;
      *write++ = *read;
    }
    array.refs.erase(write, array.refs.end());
    array.refs.shrink_to_fit();
    keys += array.refs.size();
  }
  set_.inline_bytes_.shrink_to_fit();
  set_.num_keys_ = keys;
  return std::move(set_);
}

}  // namespace stacfs
