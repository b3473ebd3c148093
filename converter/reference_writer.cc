#include "converter/reference_writer.h"

#include "converter/reference_parts.h"
#include "core/json/json.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter {
namespace {

class VariableWriter {
 public:
  VariableWriter(const Dataset& dataset, Fetcher& reader, const WriteOptions& options,
                 ReferenceSetBuilder& builder, const std::vector<uint32_t>& url_ids)
      : dataset_(dataset), reader_(reader), options_(options), builder_(builder), url_ids_(url_ids) {}

  Result<void> Write(const Variable& variable) {
    STACFS_RETURN_IF_ERROR(builder_.AddInline(JoinKey(variable.path, ".zarray"), ZarrayDocument(variable)));
    STACFS_RETURN_IF_ERROR(builder_.AddInline(JoinKey(variable.path, ".zattrs"), ZattrsDocument(variable)));
    grid_ = variable.zarray.ChunkGrid();
    index_.resize(grid_.size());
    separator_ = variable.zarray.dimension_separator;
    for (const ChunkRef& chunk : variable.chunks) {
      if (chunk.source >= dataset_.sources.size()) {
        return Internal(variable.path + ": chunk names source " + std::to_string(chunk.source) +
                        " of " + std::to_string(dataset_.sources.size()));
      }
      const std::string& key = KeyOf(variable, chunk.linear);
      if (chunk.length <= options_.inline_threshold) {
        STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadChunkBytes(dataset_, reader_, chunk));
        STACFS_RETURN_IF_ERROR(builder_.AddInline(key, bytes));
      } else {
        builder_.AddRange(key, url_ids_[chunk.source], ByteRange{chunk.offset, chunk.length});
      }
    }
    for (const InlineChunk& chunk : variable.inline_chunks) {
      STACFS_RETURN_IF_ERROR(builder_.AddInline(KeyOf(variable, chunk.linear), chunk.bytes));
    }
    return Ok();
  }

 private:
  const std::string& KeyOf(const Variable& variable, uint64_t linear) {
    ChunkIndexFromLinear(linear, grid_, index_);
    key_ = variable.path.empty() ? std::string() : variable.path + "/";
    AppendChunkKey(&key_, index_, separator_);
    return key_;
  }

  const Dataset& dataset_;
  Fetcher& reader_;
  const WriteOptions& options_;
  ReferenceSetBuilder& builder_;
  const std::vector<uint32_t>& url_ids_;
  std::vector<uint64_t> grid_;
  std::vector<uint64_t> index_;
  char separator_ = '.';
  std::string key_;
};

}  // namespace

Result<ReferenceSet> ToReferenceSet(const Dataset& dataset, Fetcher& local_reader,
                                    const WriteOptions& options) {
  ReferenceSetBuilder builder;
  std::vector<uint32_t> url_ids;
  for (const std::string& url : dataset.sources) url_ids.push_back(builder.InternUrl(url));
  bool has_root = false;
  for (const Group& group : dataset.groups) {
    has_root |= group.path.empty();
    STACFS_RETURN_IF_ERROR(builder.AddInline(JoinKey(group.path, ".zgroup"), kZgroupDocument));
    STACFS_RETURN_IF_ERROR(builder.AddInline(JoinKey(group.path, ".zattrs"), EscapeNonAscii(group.attributes)));
  }
  if (!has_root) STACFS_RETURN_IF_ERROR(builder.AddInline(".zgroup", kZgroupDocument));
  VariableWriter writer(dataset, local_reader, options, builder, url_ids);
  for (const Variable& variable : dataset.variables) {
    STACFS_RETURN_IF_ERROR(writer.Write(variable).WithContext("variable " + variable.path));
  }
  return std::move(builder).Build();
}

}  // namespace stacfs::converter
