// The STAC objects stacfs works with — links, assets, items, catalogs and collections — as plain
// values parsed once from JSON.
//
// Every href is stored resolved (RFC 3986) against the location of the document it came from,
// so that a value can travel (to the mount, to a table) without its document. Each object keeps
// its own JSON (minified, link and asset hrefs resolved the same way) for `--json` output and for
// the mount's item.json / collection.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/fetch/http_client.h"

namespace stacfs::catalog {

// A JSON value reduced to what filters and tables need: scalars by value, anything else kept as
// its JSON text.
struct JsonScalar {
  enum class Type { kNull, kBool, kNumber, kString, kComposite };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;  // kString: the string; kNumber: its JSON spelling; kComposite: minified JSON

  static JsonScalar Null() { return {}; }
  static JsonScalar String(std::string s) { return {Type::kString, false, 0, std::move(s)}; }
  static JsonScalar Number(double value);
  static JsonScalar Bool(bool value) { return {Type::kBool, value, 0, value ? "true" : "false"}; }

  // As JSON ("\"historical\"", "42", "true", "null", "[1,2]").
  std::string ToJson() const;
  // For a table cell: strings unquoted, everything else as JSON.
  std::string ToDisplay() const;
  bool operator==(const JsonScalar& other) const;
};

struct Bbox {
  double west = 0, south = 0, east = 0, north = 0;  // degrees; a 3D bbox keeps its 2D part
  bool operator==(const Bbox&) const = default;
};

struct StacLink {
  std::string rel;
  std::string href;  // resolved
  std::string type;  // media type, may be empty
  std::string title;
  // Paging links of STAC API item search (and any link that is a request, not a document):
  std::string method;                    // empty means GET
  std::optional<std::string> body_json;  // the "body" object, minified
  bool merge = false;
  HttpHeaders headers;
};

struct StacAsset {
  std::string key;   // the asset's name in the item's "assets" object
  std::string href;  // resolved
  std::string type;  // media type, may be empty
  std::string title;
  std::vector<std::string> roles;
  std::string cloud_format;  // CEDA's hint ("kerchunk", "zarr", "CFA"...), may be empty

  bool HasRole(std::string_view role) const;
};

struct StacItem {
  std::string id;
  std::string collection;  // empty when the item names none (and no parent says it)
  std::optional<Bbox> bbox;
  std::string geometry_json;  // minified; "null" when absent
  // Time: an instant, a range, or both; RFC 3339 strings as found, empty when absent or null.
  std::string datetime;
  std::string start_datetime;
  std::string end_datetime;
  std::vector<std::pair<std::string, JsonScalar>> properties;  // document order
  std::vector<StacLink> links;
  std::vector<StacAsset> assets;  // document order
  std::string json;               // the whole item, minified
  std::string location;           // where it was read: its own URL or the page that held it

  const JsonScalar* Property(std::string_view name) const;
  const StacAsset* Asset(std::string_view key) const;
};

// A STAC Catalog or Collection (a Collection is a Catalog with extents and more).
struct StacCollection {
  std::string type;  // "Collection" or "Catalog"
  std::string id;
  std::string title;
  std::string description;
  std::string license;
  std::optional<Bbox> spatial_extent;  // the first (overall) bbox of extent.spatial
  std::string temporal_start;          // of extent.temporal's first interval; empty: open
  std::string temporal_end;
  std::vector<StacLink> links;
  std::vector<StacAsset> assets;
  std::string json;
  std::string location;  // the document's URL

  bool IsCollection() const { return type == "Collection"; }
  // Links with rel `rel`, in document order.
  std::vector<const StacLink*> LinksWithRel(std::string_view rel) const;
};

}  // namespace stacfs::catalog
