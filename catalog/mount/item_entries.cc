#include "catalog/mount/item_entries.h"

#include <map>

#include "catalog/asset_classifier.h"
#include "catalog/mount/zarr_store_source.h"
#include "core/json/json.h"
#include "core/url/url.h"
#include "fs/reference_file_store.h"

namespace stacfs::catalog {
namespace {

// The assets' "file:size" (STAC file extension), by asset key. StacAsset does not keep it, and
// knowing it spares fs a HEAD request per file when a directory is listed with sizes.
std::map<std::string, uint64_t, std::less<>> AssetSizes(const StacItem& item) {
  std::map<std::string, uint64_t, std::less<>> sizes;
  JsonDocument document;
  auto root = document.Parse(item.json, item.location);
  simdjson::dom::object assets;
  if (!root || (*root)["assets"].get(assets) != simdjson::SUCCESS) return sizes;
  for (auto [key, asset] : assets) {
    uint64_t size = 0;
    if (asset["file:size"].get(size) == simdjson::SUCCESS) sizes.emplace(std::string(key), size);
  }
  return sizes;
}

}  // namespace

std::vector<fs::TreeEntry> ItemEntries(const StacItem& item, const TreeContext& context) {
  std::vector<fs::TreeEntry> entries;
  entries.push_back(fs::TreeEntry::Document("item.json", item.json + "\n"));
  const std::vector<CloudProduct> products = CloudProducts(item);
  std::map<std::string, uint64_t, std::less<>> sizes;
  bool sizes_read = false;
  for (const CloudProduct& product : products) {
    const std::string store_name = product.asset_key + ".zarr";
    switch (product.kind) {
      case CloudProductKind::kKerchunk:
        if (product.encoding == ReferenceEncoding::kParquet) {
          entries.push_back(fs::TreeEntry::Document(
              store_name + ".ERROR.txt",
              "The asset '" + product.asset_key + "' of item '" + item.id + "' holds Kerchunk references in "
              "Parquet (" + product.href + "). stacfs reads JSON and zstd-compressed JSON references only; "
              "Parquet references are not supported yet.\n"));
        } else {
          // JSON or zstd JSON: the reader sniffs the magic bytes, whatever the catalog says.
          entries.push_back(fs::TreeEntry::Store(
              store_name, std::make_shared<fs::ReferenceFileStore>(context.options.fetcher, product.href)));
        }
        break;
      case CloudProductKind::kZarr:
        entries.push_back(fs::TreeEntry::Store(
            store_name, std::make_shared<ZarrStoreSource>(context.options.fetcher, product.href,
                                                          context.options.max_zarr_chunks)));
        break;
      case CloudProductKind::kNetcdf:
      case CloudProductKind::kCfa:
      case CloudProductKind::kCog: {
        // Plain files, read by range as they are.
        if (!sizes_read) {
          sizes = AssetSizes(item);
          sizes_read = true;
        }
        auto size = sizes.find(product.asset_key);
        std::string name = UrlBaseName(product.href);
        if (name.empty()) name = product.asset_key;  // an href ending in '/'
        entries.push_back(fs::TreeEntry::RemoteFile(
            std::move(name), product.href,
            size == sizes.end() ? std::nullopt : std::optional<uint64_t>(size->second)));
        break;
      }
    }
  }
  return entries;
}

}  // namespace stacfs::catalog
