// Content sniffing: what a file really is, from its first bytes — because media types in
// catalogs are often wrong (a zstd-compressed reference file served as application/json, or an
// HTML error page served with 200).
//
// Kerchunk references come as JSON, zstd-compressed JSON (magic 28 B5 2F FD), or a Parquet
// directory (a `.zmetadata` JSON file beside `refs.N.parq` files); a lone Parquet file starts
// with "PAR1".
#pragma once

#include <string_view>

#include "catalog/asset_classifier.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs::catalog {

enum class ContentKind { kUnknown, kEmpty, kJson, kZstd, kGzip, kParquet, kHdf5, kNetcdf3, kHtml };
std::string_view ContentKindName(ContentKind kind);

// From the first bytes of a file (16 are plenty; fewer still work).
ContentKind SniffContent(std::string_view first_bytes);

// How the Kerchunk references at `product.href` are really stored, by reading their first
// bytes (or, for a Parquet directory, its `.zmetadata`). Fails with kCorrupt when the content
// is no reference format at all (say, an HTML page), naming the URL and what was found.
Result<ReferenceEncoding> SniffReferenceEncoding(Fetcher& fetcher, const CloudProduct& product);

}  // namespace stacfs::catalog
