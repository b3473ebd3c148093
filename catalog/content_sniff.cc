#include "catalog/content_sniff.h"

#include <string>

#include "core/url/url.h"

namespace stacfs::catalog {
namespace {

constexpr uint64_t kSniffBytes = 16;

bool StartsWith(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

// The first bytes of `url`: a short range, or the whole (small) object when it is shorter.
Result<std::string> FirstBytes(Fetcher& fetcher, const std::string& url) {
  Result<FetchResponse> head = fetcher.Fetch({url, ByteRange{0, kSniffBytes}});
  if (!head && head.error().code() == ErrorCode::kOutOfRange) {
    head = fetcher.Fetch({url, std::nullopt});
  }
  if (!head) return std::move(head).error();
  return std::string(head->bytes.view().substr(0, kSniffBytes));
}

std::string JoinPath(const std::string& directory, std::string_view name) {
  std::string base = directory;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + std::string(name);
}

}  // namespace

std::string_view ContentKindName(ContentKind kind) {
  switch (kind) {
    case ContentKind::kUnknown: return "unknown";
    case ContentKind::kEmpty: return "empty";
    case ContentKind::kJson: return "JSON";
    case ContentKind::kZstd: return "zstd";
    case ContentKind::kGzip: return "gzip";
    case ContentKind::kParquet: return "Parquet";
    case ContentKind::kHdf5: return "HDF5/netCDF4";
    case ContentKind::kNetcdf3: return "netCDF3";
    case ContentKind::kHtml: return "HTML";
  }
  return "unknown";
}

ContentKind SniffContent(std::string_view bytes) {
  if (bytes.empty()) return ContentKind::kEmpty;
  if (StartsWith(bytes, "\x28\xb5\x2f\xfd")) return ContentKind::kZstd;
  if (StartsWith(bytes, "\x1f\x8b")) return ContentKind::kGzip;
  if (StartsWith(bytes, "PAR1")) return ContentKind::kParquet;
  if (StartsWith(bytes, "\x89HDF\r\n\x1a\n")) return ContentKind::kHdf5;
  if (StartsWith(bytes, std::string_view("CDF\x01", 4)) ||
      StartsWith(bytes, std::string_view("CDF\x02", 4)) ||
      StartsWith(bytes, std::string_view("CDF\x05", 4))) {
    return ContentKind::kNetcdf3;
  }
  std::string_view rest = bytes;
  if (StartsWith(rest, "\xef\xbb\xbf")) rest.remove_prefix(3);  // a UTF-8 byte order mark
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\n' || rest.front() == '\r' ||
                           rest.front() == '\t')) {
    rest.remove_prefix(1);
  }
  if (rest.empty()) return ContentKind::kUnknown;
  if (rest.front() == '{' || rest.front() == '[') return ContentKind::kJson;
  if (rest.front() == '<') return ContentKind::kHtml;
  return ContentKind::kUnknown;
}

Result<ReferenceEncoding> SniffReferenceEncoding(Fetcher& fetcher, const CloudProduct& product) {
  const std::string& url = product.href;
  // A Parquet reference set is a directory: its .zmetadata tells. Try it first when the
  // catalog hints at Parquet, as a directory URL has no bytes of its own.
  if (product.encoding == ReferenceEncoding::kParquet) {
    Result<std::string> meta = FirstBytes(fetcher, JoinPath(url, ".zmetadata"));
    if (meta && SniffContent(*meta) == ContentKind::kJson) return ReferenceEncoding::kParquet;
  }
  STACFS_ASSIGN_OR_RETURN(std::string bytes, FirstBytes(fetcher, url));
  switch (SniffContent(bytes)) {
    case ContentKind::kJson: return ReferenceEncoding::kJson;
    case ContentKind::kZstd: return ReferenceEncoding::kZstdJson;
    case ContentKind::kParquet: return ReferenceEncoding::kParquet;
    default: break;
  }
  return Corrupt("asset '" + product.asset_key + "' should hold Kerchunk references but starts with " +
                 std::string(ContentKindName(SniffContent(bytes))) + " content")
      .WithContext(url);
}

}  // namespace stacfs::catalog
