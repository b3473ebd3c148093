#include "converter/reference_stream.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "converter/reference_parts.h"
#include "converter/source_window_reader.h"
#include "core/base/atomic_file.h"
#include "core/json/json.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter {
namespace {

// A ReferenceSet packs a chunk's length in 32 bits, this value meaning "whole object"; a
// chunk at least this long is kept as a loose key and so sorts among the metadata keys.
constexpr uint64_t kUnpackableLength = 0xFFFFFFFFu;

// A key written in the sorted first part of the file.
struct LooseValue {
  bool is_inline = true;
  std::string bytes;  // is_inline
  uint32_t source = 0;
  ByteRange range;
};

// Where one chunk of a variable comes from, in the order it is written.
struct ChunkEntry {
  uint64_t linear = 0;
  const ChunkRef* ref = nullptr;              // one of these two
  const InlineChunk* inline_chunk = nullptr;
};

class DatasetStreamer {
 public:
  DatasetStreamer(const Dataset& dataset, const WriteOptions& options, ReferenceJsonWriter& json)
      : dataset_(dataset), reader_(dataset.local_paths), options_(options), json_(json) {}

  Result<void> Stream() {
    STACFS_RETURN_IF_ERROR(CollectLoose());
    for (const auto& [key, value] : loose_) {
      if (value.is_inline) {
        STACFS_RETURN_IF_ERROR(json_.AddInline(key, value.bytes));
      } else {
        STACFS_RETURN_IF_ERROR(json_.AddRange(key, dataset_.sources[value.source], value.range));
      }
    }
    loose_.clear();
    for (const Variable& variable : dataset_.variables) {
      STACFS_RETURN_IF_ERROR(StreamChunks(variable).WithContext("variable " + variable.path));
    }
    return Ok();
  }

 private:
  // Inlined (read from the source file) rather than referenced.
  bool InlinedFromSource(const ChunkRef& chunk) const {
    return chunk.length <= options_.inline_threshold;
  }

  void PutLoose(std::string key, LooseValue value) {
    // As in a ReferenceSet (and Python's json), a key given twice keeps its last value.
    loose_.insert_or_assign(std::move(key), std::move(value));
  }

  Result<void> CollectLoose() {
    bool has_root = false;
    for (const Group& group : dataset_.groups) {
      has_root |= group.path.empty();
      PutLoose(JoinKey(group.path, ".zgroup"), {true, std::string(kZgroupDocument), 0, {}});
      PutLoose(JoinKey(group.path, ".zattrs"), {true, EscapeNonAscii(group.attributes), 0, {}});
    }
    if (!has_root) PutLoose(".zgroup", {true, std::string(kZgroupDocument), 0, {}});
    std::set<std::string_view> paths;
    for (const Variable& variable : dataset_.variables) {
      if (!paths.insert(variable.path).second) {
        return Internal("two variables have the path '" + variable.path + "'");
      }
      auto collected = CollectVariableLoose(variable);
      if (!collected) return std::move(collected).error().WithContext("variable " + variable.path);
    }
    return Ok();
  }

  Result<void> CollectVariableLoose(const Variable& variable) {
    const std::string zarray_key = JoinKey(variable.path, ".zarray");
    std::string zarray = ZarrayDocument(variable);
    // Parsed back as a reader (and a ReferenceSetBuilder) will: the chunk grid comes from it.
    STACFS_ASSIGN_OR_RETURN(ArrayMetadata parsed, ParseArrayMetadata(zarray, zarray_key));
    PutLoose(zarray_key, {true, std::move(zarray), 0, {}});
    PutLoose(JoinKey(variable.path, ".zattrs"), {true, ZattrsDocument(variable), 0, {}});
    const uint64_t num_chunks = parsed.NumChunks();
    StartVariable(variable);
    for (const ChunkRef& chunk : variable.chunks) {
      if (chunk.source >= dataset_.sources.size()) {
        return Internal(variable.path + ": chunk names source " + std::to_string(chunk.source) +
                        " of " + std::to_string(dataset_.sources.size()));
      }
      if (chunk.linear >= num_chunks) return OutsideGrid(variable, chunk.linear, num_chunks);
      if (chunk.length < kUnpackableLength) continue;
      if (InlinedFromSource(chunk)) {
        STACFS_ASSIGN_OR_RETURN(std::string_view bytes,
                                reader_.Read(chunk.source, chunk.offset, chunk.length));
        PutLoose(KeyOf(chunk.linear), {true, std::string(bytes), 0, {}});
      } else {
        PutLoose(KeyOf(chunk.linear),
                 {false, {}, chunk.source, ByteRange{chunk.offset, chunk.length}});
      }
    }
    for (const InlineChunk& chunk : variable.inline_chunks) {
      if (chunk.linear >= num_chunks) return OutsideGrid(variable, chunk.linear, num_chunks);
      if (chunk.bytes.size() >= kUnpackableLength) {
        PutLoose(KeyOf(chunk.linear), {true, chunk.bytes, 0, {}});
      }
    }
    return Ok();
  }

  static Error OutsideGrid(const Variable& variable, uint64_t linear, uint64_t num_chunks) {
    return Internal(variable.path + ": chunk " + std::to_string(linear) +
                    " lies outside the chunk grid of " + std::to_string(num_chunks) + " chunks");
  }

  // The variable's packable chunks in the order a ReferenceSet holds them: by linear number,
  // a later entry replacing an earlier one of the same number (inline chunks come after the
  // references, as the ReferenceSet writer adds them).
  std::vector<ChunkEntry> OrderedEntries(const Variable& variable) const {
    std::vector<ChunkEntry> entries;
    entries.reserve(variable.chunks.size() + variable.inline_chunks.size());
    for (const ChunkRef& chunk : variable.chunks) {
      if (chunk.length < kUnpackableLength) entries.push_back({chunk.linear, &chunk, nullptr});
    }
    for (const InlineChunk& chunk : variable.inline_chunks) {
      if (chunk.bytes.size() < kUnpackableLength) entries.push_back({chunk.linear, nullptr, &chunk});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const ChunkEntry& a, const ChunkEntry& b) { return a.linear < b.linear; });
    return entries;
  }

  // Whether the variable's chunks can be written by merging its two lists as they stand: the
  // Dataset's contract (each sorted, unique, disjoint), so no index needs to be built.
  static bool AlreadyOrdered(const Variable& variable) {
    auto strictly_sorted = [&](const auto& list) {
      return std::adjacent_find(list.begin(), list.end(), [](const auto& a, const auto& b) {
               return a.linear >= b.linear;
             }) == list.end();
    };
    if (!strictly_sorted(variable.chunks) || !strictly_sorted(variable.inline_chunks)) return false;
    for (const ChunkRef& chunk : variable.chunks) {
      if (chunk.length >= kUnpackableLength) return false;
    }
    // Disjointness is checked while merging.
    return true;
  }

  Result<void> WriteEntry(const ChunkEntry& entry) {
    const std::string& key = KeyOf(entry.linear);
    if (entry.inline_chunk != nullptr) return json_.AddInline(key, entry.inline_chunk->bytes);
    const ChunkRef& chunk = *entry.ref;
    if (InlinedFromSource(chunk)) {
      STACFS_ASSIGN_OR_RETURN(std::string_view bytes,
                              reader_.Read(chunk.source, chunk.offset, chunk.length));
      return json_.AddInline(key, bytes);
    }
    return json_.AddRange(key, dataset_.sources[chunk.source],
                          ByteRange{chunk.offset, chunk.length});
  }

  Result<void> StreamChunks(const Variable& variable) {
    StartVariable(variable);
    if (AlreadyOrdered(variable)) {
      // The common case: merge the two sorted lists without copying either.
      const auto& refs = variable.chunks;
      const auto& inlined = variable.inline_chunks;
      size_t r = 0, i = 0;
      while (r < refs.size() || i < inlined.size()) {
        const bool take_inline =
            r == refs.size() || (i < inlined.size() && inlined[i].linear <= refs[r].linear);
        if (take_inline) {
          // An inline chunk replaces a reference of the same number, as it was added later.
          if (r < refs.size() && refs[r].linear == inlined[i].linear) ++r;
          STACFS_RETURN_IF_ERROR(WriteEntry({inlined[i].linear, nullptr, &inlined[i]}));
          ++i;
        } else {
          STACFS_RETURN_IF_ERROR(WriteEntry({refs[r].linear, &refs[r], nullptr}));
          ++r;
        }
      }
      return Ok();
    }
    std::vector<ChunkEntry> entries = OrderedEntries(variable);
    for (size_t e = 0; e < entries.size(); ++e) {
      if (e + 1 < entries.size() && entries[e + 1].linear == entries[e].linear) continue;
      STACFS_RETURN_IF_ERROR(WriteEntry(entries[e]));
    }
    return Ok();
  }

  // Sets up KeyOf for `variable`'s chunks.
  void StartVariable(const Variable& variable) {
    grid_ = variable.zarray.ChunkGrid();
    index_.resize(grid_.size());
    key_prefix_ = variable.path.empty() ? std::string() : variable.path + "/";
    separator_ = variable.zarray.dimension_separator;
  }

  // The key of chunk `linear` of the variable given to StartVariable; valid until the next call.
  const std::string& KeyOf(uint64_t linear) {
    ChunkIndexFromLinear(linear, grid_, index_);
    key_ = key_prefix_;
    AppendChunkKey(&key_, index_, separator_);
    return key_;
  }

  const Dataset& dataset_;
  SourceWindowReader reader_;
  const WriteOptions& options_;
  ReferenceJsonWriter& json_;
  std::map<std::string, LooseValue, std::less<>> loose_;
  std::vector<uint64_t> grid_;
  std::vector<uint64_t> index_;
  std::string key_prefix_;
  char separator_ = '.';
  std::string key_;
};

}  // namespace

Result<StreamedReferences> StreamReferencesJson(const Dataset& dataset,
                                                const WriteOptions& options,
                                                ReferenceJsonWriter::Sink sink) {
  ReferenceJsonWriter json(std::move(sink));
  DatasetStreamer streamer(dataset, options, json);
  STACFS_RETURN_IF_ERROR(streamer.Stream());
  STACFS_RETURN_IF_ERROR(json.Finish());
  return StreamedReferences{json.keys()};
}

Result<StreamedReferences> WriteReferencesJsonFile(const Dataset& dataset,
                                                   const WriteOptions& options,
                                                   const std::string& path) {
  STACFS_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Create(path));
  STACFS_ASSIGN_OR_RETURN(
      StreamedReferences written,
      StreamReferencesJson(dataset, options,
                           [&file](std::string_view piece) { return file.Append(piece); }));
  STACFS_RETURN_IF_ERROR(file.Commit());
  return written;
}

}  // namespace stacfs::converter
