// Paging decisions for STAC API responses — pure functions, no I/O, so that every rule is
// unit-tested. The pager (item_pager.h) applies them to real pages.
//
// The rules (DESIGN.md, "STAC — rules learned from the field"):
//  - Follow only rel=next. GET: the href as given. POST: the link's body, merged into the
//    current request's body when the link says merge:true; a POST link without a body repeats
//    the current body. A next link without a method is a GET, whatever the first request was.
//  - Next links must stay on the catalog's origin (scheme, host and port): a link elsewhere is
//    refused with an error, never followed (credentials and trust do not travel).
//  - Stop on an empty page, a missing next, a (method, href, body) seen before, or max_items.
//  - Next hrefs and bodies have size limits, so an "ever-growing next URL" ends in a clear error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "catalog/stac_model.h"
#include "core/base/result.h"
#include "core/fetch/http_client.h"

namespace stacfs::catalog {

struct PageRequest {
  std::string method = "GET";
  std::string url;
  std::string body;      // JSON for POST; empty for GET
  HttpHeaders headers;   // from the link ("headers"); the pager adds Accept and Content-Type

  // "POST https://host/search {"collections":["x"],"token":"abc"}" (body cut for logs).
  std::string Describe() const;
};

struct PagingLimits {
  std::string catalog_origin;  // NormalisedOrigin of the catalog's root; empty: not checked
  size_t max_url_bytes = 16 * 1024;
  size_t max_body_bytes = 1024 * 1024;
};

// The request for the page after `current`, from that page's rel=next link.
Result<PageRequest> NextPageRequest(const PageRequest& current, const StacLink& next,
                                    const PagingLimits& limits);

// Shallow merge of two JSON objects: `overlay`'s members replace or extend `base`'s, in order.
Result<std::string> MergeJsonObjects(std::string_view base, std::string_view overlay);

// "scheme://host:port", lower-cased, with the default port written out and user info dropped,
// so that http://Host/ and http://host:80/ are one origin. Empty when `url` has no authority.
std::string NormalisedOrigin(std::string_view url);

// Remembers requests already made; a repeated (method, href, body) ends paging. Keeps 128-bit
// fingerprints, not the requests: ever-growing URLs must not grow memory without bound.
class RepeatGuard {
 public:
  // True the first time a request is seen.
  bool FirstTime(const PageRequest& request);

 private:
  struct Hash {
    size_t operator()(const std::pair<uint64_t, uint64_t>& f) const { return f.first ^ (f.second * 31); }
  };
  std::unordered_set<std::pair<uint64_t, uint64_t>, Hash> seen_;
};

// `url` cut to `max_chars` with "..." — for messages about next links, which may be huge.
std::string AbbreviateUrl(std::string_view url, size_t max_chars = 160);

// Why paging ended, for summaries and logs.
enum class StopReason {
  kNotStopped,
  kNoNextLink,
  kEmptyPage,
  kRepeatedRequest,
  kRepeatedPage,
  kMaxItems,
  kEndOfCatalog,  // a static catalog walked to its end
};
std::string_view StopReasonText(StopReason reason);

}  // namespace stacfs::catalog
