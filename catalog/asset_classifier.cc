#include "catalog/asset_classifier.h"

#include <algorithm>
#include <map>

namespace stacfs::catalog {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// The media type without parameters ("application/vnd+zarr; version=2" → "application/vnd+zarr").
std::string BareMediaType(std::string_view type) {
  std::string lower = Lower(type);
  size_t semicolon = lower.find(';');
  if (semicolon != std::string::npos) lower.erase(semicolon);
  while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  return lower;
}

// The href's path, lower-cased, without query, fragment or trailing slashes.
std::string HrefPath(std::string_view href) {
  std::string path(href.substr(0, href.find_first_of("?#")));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return Lower(path);
}

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

bool IsDataKey(std::string_view key) {  // CEDA's "data0001", "data0002", ...
  if (key.size() <= 4 || !key.starts_with("data")) return false;
  return std::all_of(key.begin() + 4, key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsNonDataMediaType(const std::string& type) {
  return type.starts_with("image/png") || type.starts_with("image/jpeg") ||
         type.starts_with("image/gif") || type.starts_with("image/webp") || type == "text/html" ||
         type == "text/plain" || type == "application/pdf" || type == "application/xml" ||
         type == "text/xml" || type == "text/csv";
}

bool IsZarrMediaType(const std::string& type) {
  return type == "application/vnd+zarr" || type == "application/vnd.zarr" ||
         type == "application/x-zarr";
}

bool IsNetcdfMediaType(const std::string& type) {
  return type == "application/netcdf" || type == "application/x-netcdf" ||
         type == "application/x-netcdf4" || type == "application/netcdf4";
}

bool IsCogMediaType(std::string_view type) {
  std::string lower = Lower(type);
  return lower.starts_with("image/tiff") && lower.find("cloud-optimized") != std::string::npos;
}

ReferenceEncoding EncodingHint(const StacAsset& asset) {
  const std::string type = BareMediaType(asset.type);
  const std::string path = HrefPath(asset.href);
  if (type == "application/zstd" || type == "application/x-zstd" || EndsWith(path, ".zst") ||
      EndsWith(path, ".zstd")) {
    return ReferenceEncoding::kZstdJson;
  }
  if (type.find("parquet") != std::string::npos || EndsWith(path, ".parq") ||
      EndsWith(path, ".parquet")) {
    return ReferenceEncoding::kParquet;
  }
  return ReferenceEncoding::kJson;
}

bool HasReferenceHref(const std::string& path) {
  return EndsWith(path, ".json") || EndsWith(path, ".json.zst") || EndsWith(path, ".json.zstd") ||
         EndsWith(path, ".parq") || EndsWith(path, ".parquet");
}

CloudProduct Product(CloudProductKind kind, const StacAsset& asset, std::string reason) {
  CloudProduct p;
  p.kind = kind;
  p.asset_key = asset.key;
  p.href = asset.href;
  p.media_type = asset.type;
  p.reason = std::move(reason);
  if (kind == CloudProductKind::kKerchunk) p.encoding = EncodingHint(asset);
  return p;
}

std::optional<CloudProductKind> KindOfCloudFormat(std::string_view format) {
  const std::string f = Lower(format);
  if (f == "kerchunk" || f == "kerchunk-json" || f == "kerchunk-parquet" || f == "references") {
    return CloudProductKind::kKerchunk;
  }
  if (f == "zarr" || f == "zarr2" || f == "zarr3") return CloudProductKind::kZarr;
  if (f == "cfa" || f == "cfa-netcdf") return CloudProductKind::kCfa;
  if (f == "cog") return CloudProductKind::kCog;
  if (f == "netcdf" || f == "nc") return CloudProductKind::kNetcdf;
  return std::nullopt;
}

void SetWhy(std::string* why_not, std::string text) {
  if (why_not != nullptr) *why_not = std::move(text);
}

}  // namespace

std::string_view CloudProductKindName(CloudProductKind kind) {
  switch (kind) {
    case CloudProductKind::kKerchunk: return "kerchunk";
    case CloudProductKind::kZarr: return "zarr";
    case CloudProductKind::kCfa: return "cfa";
    case CloudProductKind::kNetcdf: return "netcdf";
    case CloudProductKind::kCog: return "cog";
  }
  return "unknown";
}

std::string_view ReferenceEncodingName(ReferenceEncoding encoding) {
  switch (encoding) {
    case ReferenceEncoding::kNone: return "none";
    case ReferenceEncoding::kJson: return "json";
    case ReferenceEncoding::kZstdJson: return "zstd-json";
    case ReferenceEncoding::kParquet: return "parquet";
  }
  return "none";
}

std::optional<CloudProduct> ClassifyAsset(const StacAsset& asset, std::string* why_not) {
  const std::string type = BareMediaType(asset.type);
  const std::string path = HrefPath(asset.href);

  // Never data, whatever else it says.
  if (asset.key == "padocc_report") {
    SetWhy(why_not, "a padocc conversion report, not data");
    return std::nullopt;
  }
  if (asset.HasRole("thumbnail") || asset.HasRole("overview")) {
    SetWhy(why_not, "a thumbnail or overview");
    return std::nullopt;
  }

  // CEDA's keys.
  if (asset.key == "reference_file") return Product(CloudProductKind::kKerchunk, asset, "key reference_file");
  if (asset.key == "reference_file_2") return Product(CloudProductKind::kCfa, asset, "key reference_file_2");
  if (asset.key == "zstore") return Product(CloudProductKind::kZarr, asset, "key zstore");
  if (asset.key == "cog") return Product(CloudProductKind::kCog, asset, "key cog");

  if (!asset.cloud_format.empty()) {
    if (auto kind = KindOfCloudFormat(asset.cloud_format)) {
      return Product(*kind, asset, "cloud_format " + asset.cloud_format);
    }
  }
  if (IsNonDataMediaType(type)) {
    SetWhy(why_not, "media type " + type + " is not data");
    return std::nullopt;
  }
  if (asset.HasRole("references") || asset.HasRole("index")) {
    return Product(CloudProductKind::kKerchunk, asset,
                   asset.HasRole("references") ? "role references" : "role index");
  }
  if (IsZarrMediaType(type)) return Product(CloudProductKind::kZarr, asset, "media type " + type);
  if (IsNetcdfMediaType(type)) return Product(CloudProductKind::kNetcdf, asset, "media type " + type);
  if (IsCogMediaType(asset.type)) return Product(CloudProductKind::kCog, asset, "media type COG");
  if (IsDataKey(asset.key)) return Product(CloudProductKind::kNetcdf, asset, "key " + asset.key);

  // Href endings: weakest evidence; metadata documents end in .json too.
  if (asset.HasRole("metadata")) {
    SetWhy(why_not, "role metadata");
    return std::nullopt;
  }
  if (HasReferenceHref(path)) return Product(CloudProductKind::kKerchunk, asset, "href ending");
  if (EndsWith(path, ".zarr")) return Product(CloudProductKind::kZarr, asset, "href ending .zarr");
  if (EndsWith(path, ".nc") || EndsWith(path, ".nc4") || EndsWith(path, ".netcdf")) {
    return Product(CloudProductKind::kNetcdf, asset, "href ending");
  }
  SetWhy(why_not, "nothing marks it as a cloud product");
  return std::nullopt;
}

std::vector<CloudProduct> CloudProducts(const StacItem& item) {
  std::vector<CloudProduct> out;
  for (const StacAsset& asset : item.assets) {
    if (auto product = ClassifyAsset(asset)) out.push_back(std::move(*product));
  }
  // Stable: catalog order within a kind. Among Kerchunk references, parquet (which the reader
  // may not support) comes after JSON.
  std::stable_sort(out.begin(), out.end(), [](const CloudProduct& a, const CloudProduct& b) {
    if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    return (a.encoding == ReferenceEncoding::kParquet) < (b.encoding == ReferenceEncoding::kParquet);
  });
  return out;
}

std::string SummariseProducts(const std::vector<CloudProduct>& products) {
  if (products.empty()) return "-";
  std::string out;
  // Named products get their key; netCDF files (often hundreds) are counted.
  size_t netcdf = 0;
  for (const CloudProduct& p : products) {
    if (p.kind == CloudProductKind::kNetcdf) {
      ++netcdf;
      continue;
    }
    if (!out.empty()) out += ", ";
    out += std::string(CloudProductKindName(p.kind)) + ":" + p.asset_key;
  }
  if (netcdf > 0) {
    if (!out.empty()) out += ", ";
    out += "netcdf x" + std::to_string(netcdf);
  }
  return out;
}

}  // namespace stacfs::catalog
