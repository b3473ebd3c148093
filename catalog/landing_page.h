// A catalog's root document: a STAC API landing page or a static catalog.json/collection.json.
//
// What kind of catalog it is, and what an API can do, is read from `conformsTo` by regular
// expressions that ignore the version (v1.0.0, v1.0.0-rc.2, v1.1.0 all match), and from the
// links: a "search" link (with its GET/POST methods) means item search, a "data" link the
// /collections endpoint, a "conformance" link an API. A root with none of these is walked as a
// static catalog.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

struct Conformance {
  bool core = false;
  bool item_search = false;
  bool collections = false;  // STAC API Collections or OGC API Features
  bool features = false;     // OGC API Features (/collections/{id}/items)
  bool query = false;
  bool filter = false;
  bool sort = false;
  bool fields = false;
  bool children = false;
};

// Classifies `conformsTo` URIs; unknown ones are ignored.
Conformance ClassifyConformance(const std::vector<std::string>& conforms_to);

struct SearchEndpoint {
  std::string href;
  bool get = false;
  bool post = false;
};

struct LandingPage {
  StacCollection root;  // the root as a Catalog (or Collection)
  std::vector<std::string> conforms_to;
  Conformance conformance;
  std::optional<SearchEndpoint> search;  // from the "search" links
  std::string collections_href;          // the "data" link; empty when there is none
  std::string conformance_href;          // the "conformance" link; empty when there is none

  bool IsApi() const;
};

// Parses the root document read from `url`.
Result<LandingPage> ParseLandingPage(std::string_view text, std::string_view url);
// {"conformsTo": [...]} of a /conformance endpoint.
Result<std::vector<std::string>> ParseConformance(std::string_view text, std::string_view url);

// GET or POST for a search: `forced` when given (it must be one the endpoint offers, if the
// landing page says which), else POST when offered (bodies carry long id lists and geometries
// that URLs cannot), else GET.
Result<std::string> ChooseSearchMethod(const SearchEndpoint& endpoint,
                                       const std::optional<std::string>& forced);

}  // namespace stacfs::catalog
