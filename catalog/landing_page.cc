#include "catalog/landing_page.h"

#include <regex>

#include "catalog/json_fields.h"
#include "catalog/stac_parse.h"
#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

// "https://api.stacspec.org/v1.0.0/...", any version, optional pre-release ("-rc.2", "-beta.1").
const char kStacApiPrefix[] = R"(^https?://api\.stacspec\.org/v[0-9]+(\.[0-9]+)*(-[A-Za-z0-9.]+)?/)";
const char kOgcFeaturesPrefix[] =
    R"(^https?://www\.opengis\.net/spec/ogcapi-features-[0-9]+/[0-9]+(\.[0-9]+)*(-[A-Za-z0-9.]+)?/conf/)";

Result<std::vector<std::string>> ConformsToOf(simdjson::dom::object object, std::string_view path) {
  STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> list,
                          OptionalArray(object, "conformsTo", path));
  std::vector<std::string> out;
  if (!list) return out;
  size_t i = 0;
  for (simdjson::dom::element e : *list) {
    std::string_view uri;
    if (e.get(uri) != simdjson::SUCCESS) {
      return InvalidArgument("'" + IndexPath("conformsTo", i) + "' must be a string, not " +
                             JsonTypeName(e.type()));
    }
    out.emplace_back(uri);
    ++i;
  }
  return out;
}

}  // namespace

Conformance ClassifyConformance(const std::vector<std::string>& conforms_to) {
  // Built per call: landing pages are read once per catalog, and no mutable static is kept.
  const std::regex stac(std::string(kStacApiPrefix) + R"(([a-z-]+)(#([a-z-]+))?$)");
  const std::regex ogc(std::string(kOgcFeaturesPrefix) + R"(([a-z0-9-]+)$)");
  Conformance c;
  std::smatch m;
  for (const std::string& uri : conforms_to) {
    if (std::regex_match(uri, m, stac)) {
      const std::string area = m[3].str();
      const std::string part = m[5].str();
      if (area == "core") c.core = true;
      if (area == "item-search") {
        if (part.empty()) c.item_search = true;
        if (part == "query") c.query = true;
        if (part == "filter") c.filter = true;
        if (part == "sort") c.sort = true;
        if (part == "fields") c.fields = true;
      }
      if (area == "collections") c.collections = true;
      if (area == "ogcapi-features") {
        if (part.empty()) c.features = c.collections = true;
        if (part == "fields") c.fields = true;
        if (part == "sort") c.sort = true;
        if (part == "query") c.query = true;
        if (part == "filter") c.filter = true;
      }
      if (area == "children") c.children = true;
    } else if (std::regex_match(uri, m, ogc)) {
      if (m[3].str() == "core") c.features = c.collections = true;
    } else if (uri.find("filter") != std::string::npos && uri.find("opengis.net") != std::string::npos) {
      c.filter = true;  // OGC API Features part 3 / CQL2 classes
    }
  }
  return c;
}

bool LandingPage::IsApi() const {
  return conformance.core || conformance.item_search || conformance.collections ||
         conformance.features || search.has_value() || !collections_href.empty() ||
         !conformance_href.empty();
}

Result<LandingPage> ParseLandingPage(std::string_view text, std::string_view url) {
  const std::string where(url);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  LandingPage page;
  STACFS_ASSIGN_OR_RETURN(page.root, ParseCollection(root, url, "").WithContext(where));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(root, "").WithContext(where));
  STACFS_ASSIGN_OR_RETURN(page.conforms_to, ConformsToOf(object, "").WithContext(where));
  page.conformance = ClassifyConformance(page.conforms_to);
  for (const StacLink& link : page.root.links) {
    if (link.rel == "search") {
      // A JSON search endpoint; an OpenSearch description (application/opensearchdescription+xml)
      // shares the rel and is not ours.
      if (!link.type.empty() && link.type.find("json") == std::string::npos) continue;
      if (!page.search) page.search = SearchEndpoint{link.href};
      if (link.href != page.search->href) continue;  // the first endpoint named wins
      if (link.method == "POST") page.search->post = true;
      else page.search->get = true;  // no method: GET
    } else if (link.rel == "data" && page.collections_href.empty()) {
      page.collections_href = link.href;
    } else if (link.rel == "conformance" && page.conformance_href.empty()) {
      page.conformance_href = link.href;
    }
  }
  return page;
}

Result<std::vector<std::string>> ParseConformance(std::string_view text, std::string_view url) {
  const std::string where(url);
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, ParseJsonText(document, text, url));
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::object object, AsObject(root, "").WithContext(where));
  return ConformsToOf(object, "").WithContext(where);
}

Result<std::string> ChooseSearchMethod(const SearchEndpoint& endpoint,
                                       const std::optional<std::string>& forced) {
  if (forced) {
    if (*forced != "GET" && *forced != "POST") {
      return InvalidArgument("--method must be GET or POST, not '" + *forced + "'");
    }
    bool offered = (*forced == "GET" && endpoint.get) || (*forced == "POST" && endpoint.post);
    if (!offered && (endpoint.get || endpoint.post)) {
      return InvalidArgument("the catalog offers search by " +
                             std::string(endpoint.post && endpoint.get ? "GET and POST"
                                         : endpoint.post                ? "POST only"
                                                                        : "GET only") +
                             ", not " + *forced + " (its landing page's search links say so)");
    }
    return *forced;
  }
  return std::string(endpoint.post ? "POST" : "GET");
}

}  // namespace stacfs::catalog
