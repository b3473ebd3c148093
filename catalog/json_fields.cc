#include "catalog/json_fields.h"

#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

Error WrongType(std::string_view path, std::string_view expected, simdjson::dom::element e) {
  return InvalidArgument("'" + std::string(path) + "' must be " + std::string(expected) +
                         ", not " + JsonTypeName(e.type()));
}

// The field's element, or nullopt when absent or null.
std::optional<simdjson::dom::element> Present(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element e;
  if (object.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
  if (e.is_null()) return std::nullopt;
  return e;
}

}  // namespace

std::string FieldPath(std::string_view parent, std::string_view key) {
  bool plain = !key.empty() && key.find_first_of(". []'") == std::string_view::npos;
  std::string k = plain ? std::string(key) : "'" + std::string(key) + "'";
  if (parent.empty()) return k;
  return std::string(parent) + "." + k;
}

std::string IndexPath(std::string_view parent, size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

Result<std::optional<std::string_view>> OptionalString(simdjson::dom::object object,
                                                       std::string_view key,
                                                       std::string_view path) {
  auto e = Present(object, key);
  if (!e) return std::optional<std::string_view>();
  std::string_view value;
  if (e->get(value) != simdjson::SUCCESS) return WrongType(FieldPath(path, key), "a string", *e);
  return std::optional<std::string_view>(value);
}

Result<std::optional<double>> OptionalNumber(simdjson::dom::object object, std::string_view key,
                                             std::string_view path) {
  auto e = Present(object, key);
  if (!e) return std::optional<double>();
  double value = 0;
  if (e->get(value) != simdjson::SUCCESS) return WrongType(FieldPath(path, key), "a number", *e);
  return std::optional<double>(value);
}

Result<std::optional<bool>> OptionalBool(simdjson::dom::object object, std::string_view key,
                                         std::string_view path) {
  auto e = Present(object, key);
  if (!e) return std::optional<bool>();
  bool value = false;
  if (e->get(value) != simdjson::SUCCESS) return WrongType(FieldPath(path, key), "a boolean", *e);
  return std::optional<bool>(value);
}

Result<std::optional<simdjson::dom::object>> OptionalObject(simdjson::dom::object object,
                                                            std::string_view key,
                                                            std::string_view path) {
  auto e = Present(object, key);
  if (!e) return std::optional<simdjson::dom::object>();
  simdjson::dom::object value;
  if (e->get(value) != simdjson::SUCCESS) return WrongType(FieldPath(path, key), "an object", *e);
  return std::optional<simdjson::dom::object>(value);
}

Result<std::optional<simdjson::dom::array>> OptionalArray(simdjson::dom::object object,
                                                          std::string_view key,
                                                          std::string_view path) {
  auto e = Present(object, key);
  if (!e) return std::optional<simdjson::dom::array>();
  simdjson::dom::array value;
  if (e->get(value) != simdjson::SUCCESS) return WrongType(FieldPath(path, key), "an array", *e);
  return std::optional<simdjson::dom::array>(value);
}

Result<std::string_view> RequiredString(simdjson::dom::object object, std::string_view key,
                                        std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string_view> value, OptionalString(object, key, path));
  if (!value) return InvalidArgument("missing required field '" + FieldPath(path, key) + "'");
  return *value;
}

Result<simdjson::dom::array> RequiredArray(simdjson::dom::object object, std::string_view key,
                                           std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> value,
                          OptionalArray(object, key, path));
  if (!value) return InvalidArgument("missing required field '" + FieldPath(path, key) + "'");
  return *value;
}

Result<simdjson::dom::object> AsObject(simdjson::dom::element element, std::string_view path) {
  simdjson::dom::object object;
  if (element.get(object) != simdjson::SUCCESS) {
    if (path.empty()) {
      return InvalidArgument("the document must be a JSON object, not " +
                             JsonTypeName(element.type()));
    }
    return WrongType(path, "an object", element);
  }
  return object;
}

}  // namespace stacfs::catalog
