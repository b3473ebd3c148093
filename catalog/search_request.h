// SearchParams as a STAC API request: GET query parameters or a POST JSON body.
//
// GET follows the STAC API item-search spelling: comma-separated lists (collections, ids, bbox,
// sortby "+a,-b", fields "a,-b"), JSON for intersects, query and cql2-json filters, each value
// percent-encoded (so "+" in sortby arrives as "+", not as a space). POST sends the JSON form:
// arrays, objects, sortby as [{"field":..,"direction":..}], fields as {"include","exclude"}.
#pragma once

#include <string>
#include <string_view>

#include "catalog/paging.h"
#include "catalog/search_params.h"

namespace stacfs::catalog {

// RFC 3986 percent-encoding of a query value: everything but unreserved characters and the
// harmless ",:/" is encoded.
std::string PercentEncodeQueryValue(std::string_view value);

// `url` with "name=value" appended to its query (value percent-encoded).
std::string AppendQueryParameter(std::string_view url, std::string_view name, std::string_view value);

// The query string of a GET search ("collections=a,b&limit=10..."), without '?'.
std::string SearchQueryString(const SearchParams& params);
// The JSON body of a POST search.
std::string SearchPostBody(const SearchParams& params);

// The first page's request against `endpoint` with `method` ("GET" or "POST").
PageRequest BuildSearchRequest(std::string_view endpoint, std::string_view method,
                               const SearchParams& params);

}  // namespace stacfs::catalog
