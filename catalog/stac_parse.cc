#include "catalog/stac_parse.h"

#include "catalog/json_fields.h"
#include "core/fetch/readable_excerpt.h"
#include "core/url/url.h"

namespace stacfs::catalog {
namespace {

// STAC documents are small; a larger one is a mistake or an attack, not a catalog.
constexpr uint64_t kMaxDocumentBytes = uint64_t{256} << 20;

std::string_view SkipSpace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t' || text.front() == '\xef' ||
                           text.front() == '\xbb' || text.front() == '\xbf')) {  // and a BOM
    text.remove_prefix(1);
  }
  return text;
}

Result<std::optional<Bbox>> ParseBboxField(simdjson::dom::object object, std::string_view key,
                                           std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> array,
                          OptionalArray(object, key, path));
  if (!array) return std::optional<Bbox>();
  std::vector<double> numbers;
  for (simdjson::dom::element e : *array) {
    double value = 0;
    if (e.get(value) != simdjson::SUCCESS) {
      return InvalidArgument("'" + FieldPath(path, key) + "' must hold numbers only");
    }
    numbers.push_back(value);
  }
  if (numbers.size() == 4) return std::optional<Bbox>(Bbox{numbers[0], numbers[1], numbers[2], numbers[3]});
  if (numbers.size() == 6) return std::optional<Bbox>(Bbox{numbers[0], numbers[1], numbers[3], numbers[4]});
  return InvalidArgument("'" + FieldPath(path, key) + "' must have 4 or 6 numbers, not " +
                         std::to_string(numbers.size()));
}

Result<std::vector<std::string>> ParseStringList(simdjson::dom::object object, std::string_view key,
                                                 std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> array,
                          OptionalArray(object, key, path));
  std::vector<std::string> out;
  if (!array) return out;
  size_t i = 0;
  for (simdjson::dom::element e : *array) {
    std::string_view value;
    if (e.get(value) != simdjson::SUCCESS) {
      return InvalidArgument("'" + IndexPath(FieldPath(path, key), i) + "' must be a string, not " +
                             JsonTypeName(e.type()));
    }
    out.emplace_back(value);
    ++i;
  }
  return out;
}

Result<HttpHeaders> ParseLinkHeaders(simdjson::dom::object link, std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::object> headers,
                          OptionalObject(link, "headers", path));
  HttpHeaders out;
  if (!headers) return out;
  for (auto [name, value] : *headers) {
    std::string_view text;
    if (value.get(text) == simdjson::SUCCESS) {
      out.emplace_back(std::string(name), std::string(text));
      continue;
    }
    simdjson::dom::array values;  // the API spec allows a list of values per header
    if (value.get(values) != simdjson::SUCCESS) {
      return InvalidArgument("'" + FieldPath(FieldPath(path, "headers"), name) +
                             "' must be a string or an array of strings");
    }
    for (simdjson::dom::element v : values) {
      if (v.get(text) != simdjson::SUCCESS) {
        return InvalidArgument("'" + FieldPath(FieldPath(path, "headers"), name) +
                               "' must hold strings only");
      }
      out.emplace_back(std::string(name), std::string(text));
    }
  }
  return out;
}

Result<StacLink> ParseLink(simdjson::dom::element element, std::string_view base_url,
                           std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(element, path));
  StacLink link;
  STACFS_ASSIGN_OR_RETURN(std::string_view rel, RequiredString(object, "rel", path));
  STACFS_ASSIGN_OR_RETURN(std::string_view href, RequiredString(object, "href", path));
  link.rel = std::string(rel);
  link.href = ResolveUrl(base_url, href);
  STACFS_ASSIGN_OR_RETURN(auto type, OptionalString(object, "type", path));
  STACFS_ASSIGN_OR_RETURN(auto title, OptionalString(object, "title", path));
  STACFS_ASSIGN_OR_RETURN(auto method, OptionalString(object, "method", path));
  STACFS_ASSIGN_OR_RETURN(auto body, OptionalObject(object, "body", path));
  STACFS_ASSIGN_OR_RETURN(auto merge, OptionalBool(object, "merge", path));
  if (type) link.type = std::string(*type);
  if (title) link.title = std::string(*title);
  if (method) {
    link.method = std::string(*method);
    for (char& c : link.method) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (body) link.body_json = simdjson::minify(*body);
  link.merge = merge.value_or(false);
  STACFS_ASSIGN_OR_RETURN(link.headers, ParseLinkHeaders(object, path));
  return link;
}

Result<StacAsset> ParseAsset(std::string_view key, simdjson::dom::element element,
                             std::string_view base_url, std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(element, path));
  StacAsset asset;
  asset.key = std::string(key);
  STACFS_ASSIGN_OR_RETURN(std::string_view href, RequiredString(object, "href", path));
  asset.href = ResolveUrl(base_url, href);
  STACFS_ASSIGN_OR_RETURN(auto type, OptionalString(object, "type", path));
  STACFS_ASSIGN_OR_RETURN(auto title, OptionalString(object, "title", path));
  STACFS_ASSIGN_OR_RETURN(auto cloud_format, OptionalString(object, "cloud_format", path));
  if (type) asset.type = std::string(*type);
  if (title) asset.title = std::string(*title);
  if (cloud_format) asset.cloud_format = std::string(*cloud_format);
  // Some catalogs write a single role as a string; take it rather than drop the asset.
  simdjson::dom::element roles;
  std::string_view single_role;
  if (object.at_key("roles").get(roles) == simdjson::SUCCESS &&
      roles.get(single_role) == simdjson::SUCCESS) {
    asset.roles.emplace_back(single_role);
  } else {
    STACFS_ASSIGN_OR_RETURN(asset.roles, ParseStringList(object, "roles", path));
  }
  return asset;
}

Result<std::vector<StacAsset>> ParseAssets(simdjson::dom::object object, std::string_view base_url,
                                           std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::object> assets,
                          OptionalObject(object, "assets", path));
  std::vector<StacAsset> out;
  if (!assets) return out;
  for (auto [key, value] : *assets) {
    STACFS_ASSIGN_OR_RETURN(StacAsset asset,
                            ParseAsset(key, value, base_url, FieldPath(FieldPath(path, "assets"), key)));
    out.push_back(std::move(asset));
  }
  return out;
}

Result<std::string> OptionalTime(simdjson::dom::object properties, std::string_view key,
                                 std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string_view> value,
                          OptionalString(properties, key, path));
  return value ? std::string(*value) : std::string();
}

// The document's JSON with every link and asset href resolved against `base_url`: a document
// printed with --json or shown in the mount has left its location, so relative hrefs would
// point nowhere.
void AppendWithResolvedHref(simdjson::dom::element element, std::string_view base_url, std::string* out) {
  simdjson::dom::object object;
  if (element.get(object) != simdjson::SUCCESS) {
    *out += simdjson::minify(element);
    return;
  }
  *out += "{";
  bool first = true;
  for (auto [key, value] : object) {
    if (!first) *out += ",";
    first = false;
    AppendJsonString(out, key);
    *out += ":";
    std::string_view href;
    if (key == "href" && value.get(href) == simdjson::SUCCESS) {
      AppendJsonString(out, ResolveUrl(base_url, href));
    } else {
      *out += simdjson::minify(value);
    }
  }
  *out += "}";
}

std::string MinifyWithResolvedHrefs(simdjson::dom::object document, std::string_view base_url) {
  std::string out = "{";
  bool first = true;
  for (auto [key, value] : document) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(&out, key);
    out += ":";
    simdjson::dom::array links;
    simdjson::dom::object assets;
    if (key == "links" && value.get(links) == simdjson::SUCCESS) {
      out += "[";
      bool first_link = true;
      for (simdjson::dom::element link : links) {
        if (!first_link) out += ",";
        first_link = false;
        AppendWithResolvedHref(link, base_url, &out);
      }
      out += "]";
    } else if (key == "assets" && value.get(assets) == simdjson::SUCCESS) {
      out += "{";
      bool first_asset = true;
      for (auto [name, asset] : assets) {
        if (!first_asset) out += ",";
        first_asset = false;
        AppendJsonString(&out, name);
        out += ":";
        AppendWithResolvedHref(asset, base_url, &out);
      }
      out += "}";
    } else {
      out += simdjson::minify(value);
    }
  }
  return out + "}";
}

}  // namespace

Result<simdjson::dom::element> ParseJsonText(JsonDocument& document, std::string_view text,
                                             std::string_view url) {
  std::string_view start = SkipSpace(text);
  if (start.empty()) return InvalidArgument("empty response where a JSON document was expected").WithContext(std::string(url));
  if (start.front() == '<') {
    return InvalidArgument("expected JSON, got an HTML or XML page: \"" + ReadableExcerpt(text) + "\"")
        .WithContext(std::string(url));
  }
  return document.Parse(text, url, kMaxDocumentBytes);
}

JsonScalar ScalarOf(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return JsonScalar::Null();
    case simdjson::dom::element_type::BOOL: return JsonScalar::Bool(element.get_bool().value_unsafe());
    case simdjson::dom::element_type::STRING:
      return JsonScalar::String(std::string(element.get_string().value_unsafe()));
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: {
      JsonScalar s;
      s.type = JsonScalar::Type::kNumber;
      s.number = element.get_double().value_unsafe();
      s.text = simdjson::minify(element);  // 12 stays "12", not "12.0"
      return s;
    }
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT: {
      JsonScalar s;
      s.type = JsonScalar::Type::kComposite;
      s.text = simdjson::minify(element);
      return s;
    }
  }
  return JsonScalar::Null();
}

Result<std::vector<StacLink>> ParseLinks(simdjson::dom::object object, std::string_view base_url,
                                         std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> links,
                          OptionalArray(object, "links", path));
  std::vector<StacLink> out;
  if (!links) return out;
  size_t i = 0;
  for (simdjson::dom::element e : *links) {
    STACFS_ASSIGN_OR_RETURN(StacLink link,
                            ParseLink(e, base_url, IndexPath(FieldPath(path, "links"), i)));
    out.push_back(std::move(link));
    ++i;
  }
  return out;
}

Result<StacItem> ParseItem(simdjson::dom::element element, std::string_view base_url,
                           std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(element, path));
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string_view> type, OptionalString(object, "type", path));
  if (type && *type != "Feature") {
    return InvalidArgument("'" + FieldPath(path, "type") + "' is \"" + std::string(*type) +
                           "\", expected \"Feature\" (a STAC Item)");
  }
  StacItem item;
  STACFS_ASSIGN_OR_RETURN(std::string_view id, RequiredString(object, "id", path));
  if (id.empty()) return InvalidArgument("'" + FieldPath(path, "id") + "' is empty");
  item.id = std::string(id);
  STACFS_ASSIGN_OR_RETURN(auto collection, OptionalString(object, "collection", path));
  if (collection) item.collection = std::string(*collection);
  STACFS_ASSIGN_OR_RETURN(item.bbox, ParseBboxField(object, "bbox", path));
  simdjson::dom::element geometry;
  item.geometry_json = object.at_key("geometry").get(geometry) == simdjson::SUCCESS
                           ? simdjson::minify(geometry)
                           : "null";

  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::object> properties,
                          OptionalObject(object, "properties", path));
  if (properties) {
    const std::string props_path = FieldPath(path, "properties");
    STACFS_ASSIGN_OR_RETURN(item.datetime, OptionalTime(*properties, "datetime", props_path));
    STACFS_ASSIGN_OR_RETURN(item.start_datetime,
                            OptionalTime(*properties, "start_datetime", props_path));
    STACFS_ASSIGN_OR_RETURN(item.end_datetime, OptionalTime(*properties, "end_datetime", props_path));
    for (auto [key, value] : *properties) item.properties.emplace_back(std::string(key), ScalarOf(value));
  }
  STACFS_ASSIGN_OR_RETURN(item.links, ParseLinks(object, base_url, path));
  STACFS_ASSIGN_OR_RETURN(item.assets, ParseAssets(object, base_url, path));
  item.json = MinifyWithResolvedHrefs(object, base_url);
  item.location = std::string(base_url);
  return item;
}

Result<StacCollection> ParseCollection(simdjson::dom::element element, std::string_view base_url,
                                       std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(element, path));
  StacCollection c;
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string_view> type, OptionalString(object, "type", path));
  simdjson::dom::element extent_element;
  const bool has_extent = object.at_key("extent").get(extent_element) == simdjson::SUCCESS;
  if (type) {
    if (*type != "Collection" && *type != "Catalog") {
      return InvalidArgument("'" + FieldPath(path, "type") + "' is \"" + std::string(*type) +
                             "\", expected \"Catalog\" or \"Collection\"");
    }
    c.type = std::string(*type);
  } else {
    c.type = has_extent ? "Collection" : "Catalog";  // STAC < 1.0 had no "type"
  }
  STACFS_ASSIGN_OR_RETURN(std::string_view id, RequiredString(object, "id", path));
  if (id.empty()) return InvalidArgument("'" + FieldPath(path, "id") + "' is empty");
  c.id = std::string(id);
  STACFS_ASSIGN_OR_RETURN(auto title, OptionalString(object, "title", path));
  STACFS_ASSIGN_OR_RETURN(auto description, OptionalString(object, "description", path));
  STACFS_ASSIGN_OR_RETURN(auto license, OptionalString(object, "license", path));
  if (title) c.title = std::string(*title);
  if (description) c.description = std::string(*description);
  if (license) c.license = std::string(*license);

  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::object> extent,
                          OptionalObject(object, "extent", path));
  if (extent) {
    const std::string extent_path = FieldPath(path, "extent");
    STACFS_ASSIGN_OR_RETURN(auto spatial, OptionalObject(*extent, "spatial", extent_path));
    if (spatial) {
      const std::string spatial_path = FieldPath(extent_path, "spatial");
      STACFS_ASSIGN_OR_RETURN(auto boxes, OptionalArray(*spatial, "bbox", spatial_path));
      if (boxes && boxes->size() > 0) {
        // Wrap the first box so the bbox parser names it "extent.spatial.bbox[0]".
        simdjson::dom::element first = boxes->at(0).value_unsafe();
        simdjson::dom::array numbers;
        if (first.get(numbers) != simdjson::SUCCESS) {
          return InvalidArgument("'" + IndexPath(FieldPath(spatial_path, "bbox"), 0) +
                                 "' must be an array of numbers");
        }
        std::vector<double> v;
        for (simdjson::dom::element n : numbers) {
          double d = 0;
          if (n.get(d) != simdjson::SUCCESS) {
            return InvalidArgument("'" + IndexPath(FieldPath(spatial_path, "bbox"), 0) +
                                   "' must hold numbers only");
          }
          v.push_back(d);
        }
        if (v.size() == 4) c.spatial_extent = Bbox{v[0], v[1], v[2], v[3]};
        if (v.size() == 6) c.spatial_extent = Bbox{v[0], v[1], v[3], v[4]};
      }
    }
    STACFS_ASSIGN_OR_RETURN(auto temporal, OptionalObject(*extent, "temporal", extent_path));
    if (temporal) {
      const std::string temporal_path = FieldPath(extent_path, "temporal");
      STACFS_ASSIGN_OR_RETURN(auto intervals, OptionalArray(*temporal, "interval", temporal_path));
      simdjson::dom::array first;
      if (intervals && intervals->size() > 0 &&
          intervals->at(0).get(first) == simdjson::SUCCESS && first.size() == 2) {
        std::string_view text;
        if (first.at(0).get(text) == simdjson::SUCCESS) c.temporal_start = std::string(text);
        if (first.at(1).get(text) == simdjson::SUCCESS) c.temporal_end = std::string(text);
      }
    }
  }
  STACFS_ASSIGN_OR_RETURN(c.links, ParseLinks(object, base_url, path));
  STACFS_ASSIGN_OR_RETURN(c.assets, ParseAssets(object, base_url, path));
  c.json = MinifyWithResolvedHrefs(object, base_url);
  c.location = std::string(base_url);
  return c;
}

Result<StacItem> ParseItemDocument(std::string_view text, std::string_view url) {
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  return ParseItem(root, url, "").WithContext(std::string(url));
}

Result<StacCollection> ParseCollectionDocument(std::string_view text, std::string_view url) {
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  return ParseCollection(root, url, "").WithContext(std::string(url));
}

}  // namespace stacfs::catalog
