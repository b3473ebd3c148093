#include "catalog/paging.h"

#include "core/json/json.h"
#include "core/url/url.h"

namespace stacfs::catalog {
namespace {

uint64_t Fnv1a(std::string_view text, uint64_t hash) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

std::string AbbreviateUrl(std::string_view url, size_t max_chars) {
  if (url.size() <= max_chars) return std::string(url);
  return std::string(url.substr(0, max_chars)) + "...";
}

std::string PageRequest::Describe() const {
  std::string out = method + " " + AbbreviateUrl(url);
  if (!body.empty()) out += " " + (body.size() > 200 ? body.substr(0, 200) + "..." : body);
  return out;
}

std::string NormalisedOrigin(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  if (parts.scheme.empty() || !parts.authority) return {};
  std::string host_port = *parts.authority;
  size_t at = host_port.rfind('@');
  if (at != std::string::npos) host_port.erase(0, at + 1);
  host_port = Lower(host_port);
  size_t bracket = host_port.rfind(']');  // IPv6 literal: the port follows the bracket
  size_t colon = host_port.rfind(':');
  bool has_port = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  if (has_port && colon + 1 == host_port.size()) {
    host_port.pop_back();  // "host:" means the default port
    has_port = false;
  }
  if (!has_port) {
    if (parts.scheme == "http") host_port += ":80";
    else if (parts.scheme == "https") host_port += ":443";
  }
  return parts.scheme + "://" + host_port;
}

Result<std::string> MergeJsonObjects(std::string_view base, std::string_view overlay) {
  JsonDocument base_document, overlay_document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element base_root, base_document.Parse(base, "request body"));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element overlay_root,
                          overlay_document.Parse(overlay, "next link body"));
  simdjson::dom::object base_object, overlay_object;
  if (base_root.get(base_object) != simdjson::SUCCESS) {
    return InvalidArgument("cannot merge the next link's body: the request body is not a JSON object");
  }
  if (overlay_root.get(overlay_object) != simdjson::SUCCESS) {
    return InvalidArgument("cannot merge the next link's body: it is not a JSON object");
  }
  std::string out = "{";
  bool first = true;
  auto append = [&](std::string_view key, simdjson::dom::element value) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, key);
    out += ":";
    out += simdjson::minify(value);
  };
  for (auto [key, value] : base_object) {
    simdjson::dom::element replacement;
    append(key, overlay_object.at_key(key).get(replacement) == simdjson::SUCCESS ? replacement : value);
  }
  for (auto [key, value] : overlay_object) {
    simdjson::dom::element existing;
    if (base_object.at_key(key).get(existing) != simdjson::SUCCESS) append(key, value);
  }
  return out + "}";
}

Result<PageRequest> NextPageRequest(const PageRequest& current, const StacLink& next,
                                    const PagingLimits& limits) {
  PageRequest request;
  request.method = next.method.empty() ? "GET" : next.method;
  request.url = next.href;  // already resolved against the page's URL
  request.headers = next.headers;
  if (request.url.size() > limits.max_url_bytes) {
    return ResourceExhausted("the next link is " + std::to_string(request.url.size()) +
                             " bytes long (limit " + std::to_string(limits.max_url_bytes) +
                             "): the server keeps growing its paging URLs; stopping");
  }
  const std::string origin = NormalisedOrigin(request.url);
  if (!limits.catalog_origin.empty() && origin != limits.catalog_origin) {
    return PermissionDenied("refusing to follow a next link to " +
                            (origin.empty() ? "'" + AbbreviateUrl(request.url) + "'" : origin) +
                            ", outside the catalog's origin " + limits.catalog_origin +
                            " (next link: " + AbbreviateUrl(request.url) + ")");
  }
  if (request.method == "GET") return request;
  if (request.method != "POST") {
    return Unsupported("next link with method " + request.method + " (only GET and POST page)");
  }
  if (!next.body_json) {
    request.body = current.body;
  } else if (next.merge && !current.body.empty()) {
    STACFS_ASSIGN_OR_RETURN(request.body, MergeJsonObjects(current.body, *next.body_json));
  } else {
    request.body = *next.body_json;
  }
  if (request.body.size() > limits.max_body_bytes) {
    return ResourceExhausted("the next link's body is " + std::to_string(request.body.size()) +
                             " bytes (limit " + std::to_string(limits.max_body_bytes) + "); stopping");
  }
  return request;
}

bool RepeatGuard::FirstTime(const PageRequest& request) {
  // Two independent 64-bit hashes: a false "repeated" needs both to collide.
  auto fingerprint = [&](uint64_t seed) {
    uint64_t h = Fnv1a(request.method, seed);
    h = Fnv1a(std::string_view("\n", 1), h);
    h = Fnv1a(request.url, h);
    h = Fnv1a(std::string_view("\n", 1), h);
    return Fnv1a(request.body, h);
  };
  return seen_.insert({fingerprint(0xcbf29ce484222325ull), fingerprint(0x84222325cbf29ce4ull)}).second;
}

std::string_view StopReasonText(StopReason reason) {
  switch (reason) {
    case StopReason::kNotStopped: return "not stopped";
    case StopReason::kNoNextLink: return "no next link";
    case StopReason::kEmptyPage: return "empty page";
    case StopReason::kRepeatedRequest: return "next link repeats an earlier request";
    case StopReason::kRepeatedPage: return "page repeats an earlier page";
    case StopReason::kMaxItems: return "max items reached";
    case StopReason::kEndOfCatalog: return "end of the catalog";
  }
  return "unknown";
}

}  // namespace stacfs::catalog
