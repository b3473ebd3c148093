// URLs and local paths as stacfs meets them in references and catalogs.
//
// References and STAC links may be relative; they are resolved against the location of the
// document that contains them with RFC 3986 §5.2 (reference resolution, including removal of
// dot segments). A local path (absolute "/data/x.json") is treated as the file: URL it names,
// and a resolved file: URL is given back as a path when the base was a path, so that local
// references stay local paths.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

struct UrlParts {
  std::string scheme;                    // lower-cased; empty for a relative reference
  std::optional<std::string> authority;  // "host:port", set when "//" was present
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;

  std::string ToString() const;
};

// Splits per RFC 3986 appendix B; every string splits (relative references too).
UrlParts SplitUrl(std::string_view url);

// True when `text` starts with "scheme:" per RFC 3986 (e.g. "https:", "s3:", "file:").
bool HasScheme(std::string_view text);

// True for URLs stacfs can fetch with its file fetcher: "/abs/path" and "file://" URLs.
bool IsLocal(std::string_view url);
// "/abs/path" for "file:///abs/path" or "/abs/path"; error otherwise (including file://host/).
Result<std::string> LocalPath(std::string_view url);

// True when `url` needs no base to be fetched: it has a scheme, or is an absolute local path.
bool IsAbsoluteLocation(std::string_view url);

// RFC 3986 §5.2.2 with §5.2.4 dot-segment removal. `base` may be an absolute local path.
std::string ResolveUrl(std::string_view base, std::string_view reference);

// "scheme://authority" lower-cased, for same-origin checks; empty when there is none.
std::string UrlOrigin(std::string_view url);

// The last path segment ("file.nc" of ".../data/file.nc?x=1").
std::string UrlBaseName(std::string_view url);

}  // namespace stacfs
