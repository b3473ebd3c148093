// Cloud products: which of an item's assets the mount can serve as datasets, and in what order
// to prefer them.
//
// Catalogs say what an asset is in several ways, none reliable alone (DESIGN.md, "STAC"):
//  - CEDA's keys: `reference_file` (Kerchunk, media type application/json or application/zstd),
//    `reference_file_2` (CFA), `zstore` (Zarr), `cog`, `dataNNNN` (source netCDF files), and
//    `padocc_report` (role "reference", but a conversion report, not data);
//  - an explicit `cloud_format` on the asset ("kerchunk", "zarr", "CFA", "cog");
//  - roles "references" / "index" (Kerchunk);
//  - media types: application/vnd+zarr and application/vnd.zarr (Zarr), application/netcdf and
//    application/x-netcdf (netCDF), cloud-optimised GeoTIFF;
//  - href endings: .json, .json.zst, .parq (Kerchunk), .zarr (Zarr), .nc (netCDF).
// Rules apply in that order of trust; thumbnails, overviews and metadata are never products.
// Media types are only hints for the encoding of a reference file: confirm with content
// sniffing (content_sniff.h) before reading one.
//
// Priority, best first: Kerchunk references (a whole dataset, byte ranges into the originals),
// Zarr stores, CFA aggregations, netCDF files, COGs; within a kind, catalog order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/stac_model.h"

namespace stacfs::catalog {

enum class CloudProductKind { kKerchunk, kZarr, kCfa, kNetcdf, kCog };
std::string_view CloudProductKindName(CloudProductKind kind);  // "kerchunk", "zarr", ...

// How a Kerchunk reference set is stored, as far as the catalog tells.
enum class ReferenceEncoding { kNone, kJson, kZstdJson, kParquet };
std::string_view ReferenceEncodingName(ReferenceEncoding encoding);

struct CloudProduct {
  CloudProductKind kind = CloudProductKind::kNetcdf;
  std::string asset_key;
  std::string href;
  std::string media_type;
  ReferenceEncoding encoding = ReferenceEncoding::kNone;  // Kerchunk only: the catalog's hint
  std::string reason;  // which rule recognised it: "key reference_file", "role references"...
};

// The item's cloud products, best first. Assets that are not data are left out.
std::vector<CloudProduct> CloudProducts(const StacItem& item);

// For one asset: the product it is, or nullopt with `why_not` saying why it is not one.
std::optional<CloudProduct> ClassifyAsset(const StacAsset& asset, std::string* why_not = nullptr);

// "kerchunk:reference_file, netcdf x3" — a short summary for a table cell.
std::string SummariseProducts(const std::vector<CloudProduct>& products);

}  // namespace stacfs::catalog
