// HttpClient: HTTP requests with a method, headers and a body — the seam for code that talks to
// web APIs (a STAC API's POST /search) rather than reading bytes of objects (that is Fetcher).
//
// Implementations: CurlHttpClient (core/http, libcurl) and fakes in tests. Modules that need
// HTTP (catalog) depend on this interface only and never link libcurl.
//
// Contract, for every implementation:
//  - Send returns a response only for a final 2xx status. Transient failures (408, 429, 5xx,
//    connection errors) are retried inside Send, honouring Retry-After, within a total deadline.
//  - Any other outcome is an Error naming the method and URL; for an HTTP error status the
//    message carries the status and a readable excerpt of the body (HTML tags stripped), so
//    that "HTTP 502 Bad Gateway (response body: "502 Bad Gateway nginx")" reaches the user.
//  - Send is thread-safe: independent requests may run concurrently from several threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace stacfs {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;  // sent as given, e.g. {"Content-Type", "application/json"}
  std::string body;     // sent when non-empty, or whenever the method is not GET

  // "POST https://host/search", for messages and logs (a very long URL is cut with "...").
  std::string ToString() const;
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;        // of the final response (after redirects), as received
  std::string body;
  std::string effective_url;  // after redirects; relative links resolve against it

  // The value of the first header named `name` (case-insensitive), if any.
  std::optional<std::string_view> Header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Case-insensitive ASCII comparison of header names.
bool HeaderNameEquals(std::string_view a, std::string_view b);

}  // namespace stacfs
