// STAC documents into the model: hrefs resolved, lenient where the field is, and bad input as
// an error naming the URL and the field.
#include "catalog/stac_parse.h"

#include <gtest/gtest.h>

#include "catalog/item_page.h"
#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog {
namespace {

constexpr const char* kPageUrl = "https://stac.example/api/search?page=2";

TEST(StacParseTest, ItemWithAssetsLinksAndProperties) {
  const std::string text = R"({
    "type": "Feature", "stac_version": "1.0.0", "id": "tas_day_2015",
    "collection": "cmip6", "bbox": [-180, -90, 0, 180, 90, 10],
    "geometry": {"type": "Point", "coordinates": [1, 2]},
    "properties": {"datetime": null, "start_datetime": "2015-01-01T00:00:00Z",
                   "end_datetime": "2015-12-31T00:00:00Z", "cmip6:member_id": "r1i1p1f1",
                   "eo:cloud_cover": 12.5, "flag": true, "list": [1, 2]},
    "links": [{"rel": "self", "href": "../items/tas_day_2015.json"}],
    "assets": {
      "reference_file": {"href": "refs/tas.json", "type": "application/json",
                         "roles": ["references"], "cloud_format": "kerchunk"},
      "data0001": {"href": "https://data.example/tas_2015.nc", "roles": "data"}
    }})";
  auto item = ParseItemDocument(text, "https://stac.example/catalog/items/x.json");
  ASSERT_TRUE(item.has_value()) << item.error().ToString();
  EXPECT_EQ(item->id, "tas_day_2015");
  EXPECT_EQ(item->collection, "cmip6");
  ASSERT_TRUE(item->bbox.has_value());
  EXPECT_EQ(*item->bbox, (Bbox{-180, -90, 180, 90}));  // the 2D part of a 3D box
  EXPECT_EQ(item->datetime, "");
  EXPECT_EQ(item->start_datetime, "2015-01-01T00:00:00Z");
  EXPECT_EQ(item->Property("cmip6:member_id")->text, "r1i1p1f1");
  EXPECT_EQ(item->Property("eo:cloud_cover")->number, 12.5);
  EXPECT_EQ(item->Property("flag")->type, JsonScalar::Type::kBool);
  EXPECT_EQ(item->Property("list")->ToJson(), "[1,2]");
  EXPECT_EQ(item->Property("missing"), nullptr);
  ASSERT_EQ(item->links.size(), 1u);
  EXPECT_EQ(item->links[0].href, "https://stac.example/catalog/items/tas_day_2015.json");
  ASSERT_EQ(item->assets.size(), 2u);
  EXPECT_EQ(item->assets[0].key, "reference_file");
  EXPECT_EQ(item->assets[0].href, "https://stac.example/catalog/items/refs/tas.json");
  EXPECT_EQ(item->assets[0].cloud_format, "kerchunk");
  EXPECT_TRUE(item->assets[0].HasRole("references"));
  EXPECT_TRUE(item->assets[1].HasRole("data"));  // a lone role string is accepted
  EXPECT_EQ(item->geometry_json, R"({"type":"Point","coordinates":[1,2]})");
  EXPECT_EQ(item->json.front(), '{');
  EXPECT_EQ(item->json.find('\n'), std::string::npos);  // minified: one line per item
}

TEST(StacParseTest, NonFiniteNumbersFromPythonAreRead) {
  auto item = ParseItemDocument(
      R"({"type":"Feature","id":"a","properties":{"datetime":"2020-01-01T00:00:00Z","v":NaN}})",
      "/cat/a.json");
  ASSERT_TRUE(item.has_value()) << item.error().ToString();
  EXPECT_EQ(item->Property("v")->text, "NaN");
}

struct BadItem {
  std::string json;
  std::string expected;
};

class BadItemTest : public ::testing::TestWithParam<BadItem> {};

TEST_P(BadItemTest, NamesTheUrlAndTheField) {
  auto item = ParseItemDocument(GetParam().json, "https://x.example/items/bad.json");
  ASSERT_FALSE(item.has_value());
  const std::string text = item.error().ToString();
  EXPECT_NE(text.find("https://x.example/items/bad.json"), std::string::npos) << text;
  EXPECT_NE(text.find(GetParam().expected), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadItemTest,
    ::testing::Values(
        BadItem{R"({"type":"Feature","properties":{}})", "missing required field 'id'"},
        BadItem{R"({"type":"Feature","id":7})", "'id' must be a string, not number"},
        BadItem{R"({"type":"FeatureCollection","id":"a"})", "expected \"Feature\""},
        BadItem{R"({"id":"a","bbox":"0,0,1,1"})", "'bbox' must be an array, not string"},
        BadItem{R"({"id":"a","bbox":[0,0,1]})", "'bbox' must have 4 or 6 numbers"},
        BadItem{R"({"id":"a","properties":{"datetime":2020}})",
                "'properties.datetime' must be a string, not number"},
        BadItem{R"({"id":"a","assets":{"data":{"type":"x"}}})",
                "missing required field 'assets.data.href'"},
        BadItem{R"({"id":"a","assets":{"data.1":{"href":3}}})",
                "'assets.'data.1'.href' must be a string, not number"},
        BadItem{R"({"id":"a","links":[{"rel":"self"}]})", "missing required field 'links[0].href'"},
        BadItem{R"({"id":"a","links":{}})", "'links' must be an array, not object"},
        BadItem{R"({"id":"a","properties":[]})", "'properties' must be an object, not array"},
        BadItem{R"([1,2])", "the document must be a JSON object, not array"},
        BadItem{R"({"id":"a","properties":{"dat)", "malformed JSON"},
        BadItem{"", "empty response"},
        BadItem{"<html><body><h1>502 Bad Gateway</h1></body></html>",
                "expected JSON, got an HTML or XML page: \"502 Bad Gateway\""}));

TEST(StacParseTest, LinksCarryPagingRequests) {
  auto page = ParseItemPage(R"({"type":"FeatureCollection","features":[],
      "links":[{"rel":"next","href":"search","method":"post","merge":true,
                "body":{"token": "abc", "limit": 5},
                "headers":{"X-Token":"t1","Accept":["a","b"]}}],
      "numberMatched": 12})",
                            kPageUrl);
  ASSERT_TRUE(page.has_value()) << page.error().ToString();
  ASSERT_TRUE(page->next.has_value());
  EXPECT_EQ(page->next->href, "https://stac.example/api/search");
  EXPECT_EQ(page->next->method, "POST");  // upper-cased
  EXPECT_TRUE(page->next->merge);
  EXPECT_EQ(page->next->body_json.value_or(""), R"({"token":"abc","limit":5})");
  ASSERT_EQ(page->next->headers.size(), 3u);
  EXPECT_EQ(page->next->headers[0], (std::pair<std::string, std::string>{"X-Token", "t1"}));
  EXPECT_EQ(page->matched.value_or(0), 12u);
}

TEST(StacParseTest, CountHintsInTheirThreeSpellings) {
  auto context = ParseItemPage(R"({"features":[],"context":{"matched":7,"returned":0}})", kPageUrl);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->matched.value_or(0), 7u);
  auto num = ParseItemPage(R"({"features":[],"numMatched":3})", kPageUrl);
  EXPECT_EQ(num->matched.value_or(0), 3u);
  auto none = ParseItemPage(R"({"features":[]})", kPageUrl);
  EXPECT_FALSE(none->matched.has_value());
}

TEST(StacParseTest, PageErrorsNameTheFeature) {
  auto page = ParseItemPage(
      R"({"type":"FeatureCollection","features":[)" + testing::ItemJson("ok") +
          R"(,{"type":"Feature","id":"b","assets":{"data0001":{"href":42}}}]})",
      kPageUrl);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().ToString(),
            std::string(kPageUrl) + ": 'features[1].assets.data0001.href' must be a string, not number");
  auto missing = ParseItemPage(R"({"type":"FeatureCollection"})", kPageUrl);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().ToString().find("missing required field 'features'"), std::string::npos);
  auto truncated = ParseItemPage(R"({"type":"FeatureCollection","features":[{"type":"Feat)", kPageUrl);
  ASSERT_FALSE(truncated.has_value());
  EXPECT_NE(truncated.error().ToString().find("malformed JSON"), std::string::npos);
}

TEST(StacParseTest, CollectionExtentsAndCatalogs) {
  auto c = ParseCollectionDocument(R"({"type":"Collection","id":"cmip6","title":"CMIP6",
      "description":"d","license":"CC-BY-4.0",
      "extent":{"spatial":{"bbox":[[-180,-90,180,90]]},
                "temporal":{"interval":[["1850-01-01T00:00:00Z",null]]}},
      "links":[{"rel":"items","href":"./items"},{"rel":"child","href":"sub/collection.json"}]})",
                                   "https://x.example/collections/cmip6/");
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_TRUE(c->IsCollection());
  EXPECT_EQ(*c->spatial_extent, (Bbox{-180, -90, 180, 90}));
  EXPECT_EQ(c->temporal_start, "1850-01-01T00:00:00Z");
  EXPECT_EQ(c->temporal_end, "");
  ASSERT_EQ(c->LinksWithRel("items").size(), 1u);
  EXPECT_EQ(c->LinksWithRel("items")[0]->href, "https://x.example/collections/cmip6/items");
  EXPECT_EQ(c->LinksWithRel("child")[0]->href,
            "https://x.example/collections/cmip6/sub/collection.json");

  auto old = ParseCollectionDocument(R"({"id":"root","description":"STAC 0.9, no type"})", "/c/catalog.json");
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->type, "Catalog");
  auto bad = ParseCollectionDocument(R"({"type":"Feature","id":"x"})", "/c/catalog.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().ToString().find("expected \"Catalog\" or \"Collection\""), std::string::npos);
}

}  // namespace
}  // namespace stacfs::catalog
