#include "catalog/mount/zarr_store_source.h"

#include <map>

#include "core/json/json.h"
#include "core/zarr/array_metadata.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::catalog {
namespace {

std::string WithoutTrailingSlashes(std::string href) {
  while (href.size() > 1 && href.back() == '/') href.pop_back();
  return href;
}

// "tas/.zarray" → "tas"; ".zarray" → "" (a root array).
std::string ArrayPathOf(const std::string& zarray_key) {
  size_t slash = zarray_key.rfind('/');
  return slash == std::string::npos ? std::string() : zarray_key.substr(0, slash);
}

// Chunks of a grid, or nullopt when the count exceeds `limit` (also guards the multiplication).
std::optional<uint64_t> CountChunks(const std::vector<uint64_t>& grid, uint64_t limit) {
  uint64_t n = 1;
  for (uint64_t g : grid) {
    if (g == 0) return 0;
    if (n > limit / g) return std::nullopt;
    n *= g;
  }
  return n <= limit ? std::optional<uint64_t>(n) : std::nullopt;
}

}  // namespace

ZarrStoreSource::ZarrStoreSource(std::shared_ptr<Fetcher> fetcher, std::string href, uint64_t max_chunks)
    : fetcher_(std::move(fetcher)), root_(WithoutTrailingSlashes(std::move(href))), max_chunks_(max_chunks) {}

Result<std::shared_ptr<const ReferenceSet>> ZarrStoreSource::Load() {
  const std::string zmetadata_url = root_ + "/.zmetadata";
  auto fetched = fetcher_->Fetch(FetchRequest{zmetadata_url, {}});
  if (!fetched) {
    if (fetched.error().code() == ErrorCode::kNotFound) {
      return Unsupported("the Zarr store " + root_ +
                         " has no consolidated metadata (.zmetadata); stacfs mounts Zarr stores "
                         "through it (zarr.consolidate_metadata writes it)");
    }
    return std::move(fetched).error().WithContext("Zarr store " + root_);
  }
  STACFS_ASSIGN_OR_RETURN(auto documents, ParseConsolidatedMetadata(fetched->bytes.view(), zmetadata_url));

  ReferenceSetBuilder builder;
  // zarr-python 2 reads metadata as ASCII: every document is served escaped, as the converter
  // writes its own.
  STACFS_RETURN_IF_ERROR(builder.AddInline(".zmetadata", EscapeNonAscii(ConsolidatedMetadataToJson(documents))));
  for (const auto& [key, document] : documents) {
    STACFS_RETURN_IF_ERROR(builder.AddInline(key, EscapeNonAscii(document)).WithContext(zmetadata_url));
  }

  uint64_t budget = max_chunks_;
  std::vector<uint64_t> index;
  std::string key, url;
  for (const auto& [zarray_key, document] : documents) {
    if (zarray_key != ".zarray" && !zarray_key.ends_with("/.zarray")) continue;
    const std::string path = ArrayPathOf(zarray_key);
    STACFS_ASSIGN_OR_RETURN(ArrayMetadata metadata, ParseArrayMetadata(document, zmetadata_url + ": " + zarray_key));
    const std::vector<uint64_t> grid = metadata.ChunkGrid();
    std::optional<uint64_t> chunks = CountChunks(grid, budget);
    if (!chunks) {
      return ResourceExhausted("the Zarr store " + root_ + " has more than " + std::to_string(max_chunks_) +
                               " chunks in all (counting up to array '" + path +
                               "'); each costs memory in the mount, which refuses the store "
                               "rather than exhaust it");
    }
    budget -= *chunks;
    const std::string key_prefix = path.empty() ? std::string() : path + "/";
    const std::string url_prefix = root_ + "/" + key_prefix;
    index.resize(grid.size());
    for (uint64_t linear = 0; linear < *chunks; ++linear) {
      ChunkIndexFromLinear(linear, grid, index);
      key = key_prefix;
      AppendChunkKey(&key, index, metadata.dimension_separator);
      url = url_prefix;
      url.append(key, key_prefix.size());
      builder.AddWholeObject(key, url);
    }
  }
  return std::make_shared<const ReferenceSet>(std::move(builder).Build());
}

}  // namespace stacfs::catalog
