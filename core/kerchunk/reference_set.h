// Kerchunk reference sets: for every key of a virtual Zarr v2 store, where its bytes are.
//
// A key maps to inline bytes (metadata documents such as ".zgroup" or "tas/.zarray", and small
// inlined chunks), to a byte range of an object ([url, offset, length]), or to a whole object
// ([url]). URLs are held once in a table; chunk references of each array are packed into 24-byte
// entries sorted by the chunk's row-major number in the array's chunk grid, so a store of a
// million chunks costs about 24 MB (measured by scripts/bench/core). Keys that fit no array
// (for example chunks outside the declared shape) are kept verbatim and still found.
//
// A ReferenceSet is immutable once built; share it as shared_ptr<const ReferenceSet>.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/byte_range.h"
#include "core/base/result.h"

namespace stacfs {

struct Reference {
  enum class Kind { kInline, kRange, kWholeObject };
  Kind kind = Kind::kInline;
  std::string_view url;   // kRange, kWholeObject
  ByteRange range;        // kRange
  std::string_view data;  // kInline

  // Bytes the key's value has, when known without fetching (not for whole objects).
  std::optional<uint64_t> size() const {
    if (kind == Kind::kInline) return data.size();
    if (kind == Kind::kRange) return range.length;
    return std::nullopt;
  }
};

class ReferenceSet {
 public:
  ReferenceSet() = default;
  ReferenceSet(ReferenceSet&&) = default;
  ReferenceSet& operator=(ReferenceSet&&) = default;

  std::optional<Reference> Find(std::string_view key) const;
  bool Contains(std::string_view key) const { return Find(key).has_value(); }
  size_t size() const { return num_keys_; }

  // Visits every key: first the non-chunk keys in sorted order (metadata documents first among
  // them as sorting puts '.' early), then each array's chunks in row-major order.
  void ForEach(const std::function<void(std::string_view key, const Reference&)>& visit) const;

  // Visits only the keys that are not packed chunk references (metadata documents, and chunks
  // of no declared array), in sorted order.
  void ForEachLooseKey(const std::function<void(std::string_view key, const Reference&)>& visit) const;
  // Visits the packed chunks of the array at `array_path` in row-major order, with each chunk's
  // key relative to the array ("0.1" or "0/1"); nothing when there is no such array.
  void ForEachChunk(std::string_view array_path,
                    const std::function<void(std::string_view chunk_key, const Reference&)>& visit) const;

  // Where a packed chunk sits: its array and its row-major number in the array's chunk grid.
  // nullopt for keys that are not packed chunks (metadata, absent chunks).
  struct ChunkPosition {
    std::string_view array_path;
    uint64_t linear = 0;
  };
  std::optional<ChunkPosition> PositionOf(std::string_view key) const;
  // Visits up to `count` chunks of the array numbered `first` or more, in row-major order
  // (absent chunks skipped) — what a reader reading on will want next.
  void ForEachChunkFrom(std::string_view array_path, uint64_t first, size_t count,
                        const std::function<void(uint64_t linear, const Reference&)>& visit) const;

  // The paths of the arrays (directories holding a ".zarray"), sorted; "" for a root array.
  std::vector<std::string> ArrayPaths() const;
  // Distinct URLs referenced, in first-seen order.
  const std::vector<std::string>& urls() const { return urls_; }
  // Bytes of heap this set holds (tables, packed entries, inline bytes).
  size_t MemoryBytes() const;

 private:
  friend class ReferenceSetBuilder;

  static constexpr uint32_t kInlineSource = 0xFFFFFFFFu;
  static constexpr uint32_t kWholeObjectLength = 0xFFFFFFFFu;

  // One chunk of one array: where its bytes are. `source` is a URL id or kInlineSource (then
  // [offset, offset+length) is in inline_bytes_); length kWholeObjectLength means [url].
  struct PackedRef {
    uint64_t linear;
    uint64_t offset;
    uint32_t length;
    uint32_t source;
  };
  static_assert(sizeof(PackedRef) == 24);

  struct ArrayChunks {
    std::string path;                // "tas", "group/tas", or "" at the root
    char separator = '.';
    std::vector<uint64_t> grid;      // chunks per dimension
    std::vector<PackedRef> refs;     // sorted by linear, unique
  };

  // Keys that are not packed chunk references, with their value.
  struct LooseRef {
    Reference::Kind kind;
    uint32_t source;  // URL id for kRange/kWholeObject
    uint64_t offset;  // range offset, or offset into inline_bytes_
    uint64_t length;
  };

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const ArrayChunks* FindArrayOf(std::string_view key, std::string_view* chunk_key) const;
  // The packed chunk `key` names, and its array; null when it is no packed chunk.
  const PackedRef* FindPacked(std::string_view key, const ArrayChunks** array) const;
  Reference Materialize(uint32_t source, uint64_t offset, uint64_t length,
                        Reference::Kind kind) const;
  Reference MaterializePacked(const PackedRef& ref) const;

  std::vector<std::string> urls_;
  std::string inline_bytes_;
  std::map<std::string, LooseRef, std::less<>> loose_;
  std::vector<ArrayChunks> arrays_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> array_index_;
  size_t num_keys_ = 0;
};

// Builds a ReferenceSet. Add metadata (".zarray" documents) before the chunks of their array
// for compact storage; chunks added earlier, or of no array, still work (kept verbatim until
// Build, which packs what it can). Adding a key twice keeps the last value, as Python's json does.
class ReferenceSetBuilder {
 public:
  ReferenceSetBuilder() = default;

  // Inline bytes: metadata documents and inlined chunks. A ".zarray" value declares an array;
  // a malformed one is an error naming the key.
  Result<void> AddInline(std::string_view key, std::string_view bytes);
  void AddRange(std::string_view key, std::string_view url, ByteRange range);
  void AddWholeObject(std::string_view key, std::string_view url);

  // Same, with a URL id from InternUrl, for callers adding many refs to few URLs.
  uint32_t InternUrl(std::string_view url);
  void AddRange(std::string_view key, uint32_t url_id, ByteRange range);
  void AddWholeObject(std::string_view key, uint32_t url_id);

  ReferenceSet Build() &&;

 private:
  void AddLoose(std::string_view key, const ReferenceSet::LooseRef& ref);
  bool TryPack(std::string_view key, uint32_t source, uint64_t offset, uint64_t length);

  ReferenceSet set_;
  std::unordered_map<std::string, uint32_t, ReferenceSet::StringHash, std::equal_to<>> url_ids_;
  const ReferenceSet::ArrayChunks* last_array_ = nullptr;  // lookup cache: keys come in runs
  std::vector<uint64_t> scratch_index_;
};

}  // namespace stacfs
