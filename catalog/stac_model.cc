#include "catalog/stac_model.h"

#include "core/json/json.h"

namespace stacfs::catalog {

JsonScalar JsonScalar::Number(double value) {
  JsonScalar s;
  s.type = Type::kNumber;
  s.number = value;
  AppendJsonNumber(&s.text, value);
  return s;
}

std::string JsonScalar::ToJson() const {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kString: return JsonString(text);
    case Type::kBool: return boolean ? "true" : "false";
    case Type::kNumber:
    case Type::kComposite: return text;
  }
  return "null";
}

std::string JsonScalar::ToDisplay() const {
  return type == Type::kString ? text : ToJson();
}

bool JsonScalar::operator==(const JsonScalar& other) const {
  if (type != other.type) return false;
  switch (type) {
    case Type::kNull: return true;
    case Type::kBool: return boolean == other.boolean;
    case Type::kNumber: return number == other.number;
    case Type::kString:
    case Type::kComposite: return text == other.text;
  }
  return false;
}

bool StacAsset::HasRole(std::string_view role) const {
  for (const std::string& r : roles) {
    if (r == role) return true;
  }
  return false;
}

const JsonScalar* StacItem::Property(std::string_view name) const {
  for (const auto& [key, value] : properties) {
    if (key == name) return &value;
  }
  return nullptr;
}

const StacAsset* StacItem::Asset(std::string_view key) const {
  for (const StacAsset& asset : assets) {
    if (asset.key == key) return &asset;
  }
  return nullptr;
}

std::vector<const StacLink*> StacCollection::LinksWithRel(std::string_view rel) const {
  std::vector<const StacLink*> out;
  for (const StacLink& link : links) {
    if (link.rel == rel) out.push_back(&link);
  }
  return out;
}

}  // namespace stacfs::catalog
