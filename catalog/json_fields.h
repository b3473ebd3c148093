// Typed access to fields of STAC JSON documents, with errors that name the field's path.
//
// STAC in the wild is loosely typed: optional fields are absent or null, and a wrong type must
// give "'features[3].bbox' must be an array, not string" rather than a crash or a silent
// default. `path` is the field's location in the document ("features[3]"); the caller adds the
// document's URL as context.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs::catalog {

// "parent.key", or "key" at the root; keys with dots or spaces are quoted.
std::string FieldPath(std::string_view parent, std::string_view key);
// "parent[index]".
std::string IndexPath(std::string_view parent, size_t index);

// Absent and null both give nullopt; any other type than the one asked for is an error.
Result<std::optional<std::string_view>> OptionalString(simdjson::dom::object object,
                                                       std::string_view key,
                                                       std::string_view path);
Result<std::optional<double>> OptionalNumber(simdjson::dom::object object, std::string_view key,
                                             std::string_view path);
Result<std::optional<bool>> OptionalBool(simdjson::dom::object object, std::string_view key,
                                         std::string_view path);
Result<std::optional<simdjson::dom::object>> OptionalObject(simdjson::dom::object object,
                                                            std::string_view key,
                                                            std::string_view path);
Result<std::optional<simdjson::dom::array>> OptionalArray(simdjson::dom::object object,
                                                          std::string_view key,
                                                          std::string_view path);

// Present and of the right type, or an error saying it is missing or mistyped.
Result<std::string_view> RequiredString(simdjson::dom::object object, std::string_view key,
                                        std::string_view path);
Result<simdjson::dom::array> RequiredArray(simdjson::dom::object object, std::string_view key,
                                           std::string_view path);

// The element as an object, or an error naming `path` and what it was instead.
Result<simdjson::dom::object> AsObject(simdjson::dom::element element, std::string_view path);

}  // namespace stacfs::catalog
