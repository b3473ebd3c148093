// Parsing STAC JSON into the model of stac_model.h.
//
// Lenient where the field is (absent optional fields, nulls, NaN tokens, unknown extensions),
// strict where a wrong value would mislead: a required field that is missing or of the wrong
// type is an error naming the document's URL and the field's path, e.g.
//   "https://host/search?page=3: 'features[7].assets.data0001.href' must be a string, not number".
// A body that is not JSON at all (an HTML error page served with 200) says so, with an excerpt.
#pragma once

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "catalog/stac_model.h"
#include "core/base/result.h"
#include "core/json/json.h"

namespace stacfs::catalog {

// Parses `text` fetched from `url`. Errors carry `url` as context.
Result<simdjson::dom::element> ParseJsonText(JsonDocument& document, std::string_view text,
                                             std::string_view url);

JsonScalar ScalarOf(simdjson::dom::element element);

// `base_url` resolves relative hrefs; `path` locates the object in its document ("" at the root).
Result<std::vector<StacLink>> ParseLinks(simdjson::dom::object object, std::string_view base_url,
                                         std::string_view path);
Result<StacItem> ParseItem(simdjson::dom::element element, std::string_view base_url,
                           std::string_view path);
Result<StacCollection> ParseCollection(simdjson::dom::element element, std::string_view base_url,
                                       std::string_view path);

// Whole documents: the JSON text of one item / catalog / collection read from `url`.
Result<StacItem> ParseItemDocument(std::string_view text, std::string_view url);
Result<StacCollection> ParseCollectionDocument(std::string_view text, std::string_view url);

}  // namespace stacfs::catalog
