// Command-line spellings of the search parameters, and how they are sent: GET query string and
// POST body.
#include "catalog/search_params.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "catalog/search_request.h"

namespace stacfs::catalog {
namespace {

TEST(SearchArgsTest, Lists) {
  EXPECT_EQ(*ParseList("a, b ,c", "--ids"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(*ParseList("cmip6", "--collections"), (std::vector<std::string>{"cmip6"}));
  EXPECT_FALSE(ParseList("a,,b", "--ids").has_value());
  EXPECT_FALSE(ParseList("", "--ids").has_value());
  EXPECT_NE(ParseList("a,", "--ids").error().message().find("--ids"), std::string::npos);
}

TEST(SearchArgsTest, Bbox) {
  EXPECT_EQ(*ParseBboxArgument("-10.5,40,10,50"), (Bbox{-10.5, 40, 10, 50}));
  EXPECT_EQ(*ParseBboxArgument("170,-10,-170,10"), (Bbox{170, -10, -170, 10}));  // antimeridian
  EXPECT_EQ(*ParseBboxArgument("0,1,0,2,3,5"), (Bbox{0, 1, 2, 3}));
  for (const char* bad : {"1,2,3", "a,b,c,d", "0,50,10,40", "0,-91,1,1", "-181,0,1,1", "1,2,3,4,5"}) {
    EXPECT_FALSE(ParseBboxArgument(bad).has_value()) << bad;
  }
}

TEST(SearchArgsTest, SortbyAndFields) {
  auto sort = ParseSortbyArgument("-datetime,+eo:cloud_cover,id");
  ASSERT_TRUE(sort.has_value());
  EXPECT_EQ(*sort, (std::vector<SortField>{{"datetime", true}, {"eo:cloud_cover", false}, {"id", false}}));
  EXPECT_FALSE(ParseSortbyArgument("-").has_value());
  auto fields = ParseFieldsArgument("id,properties.datetime,-assets,+links");
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->include, (std::vector<std::string>{"id", "properties.datetime", "links"}));
  EXPECT_EQ(fields->exclude, (std::vector<std::string>{"assets"}));
}

TEST(SearchArgsTest, QueryConditions) {
  auto lt = ParseQueryArgument("eo:cloud_cover<10");
  ASSERT_TRUE(lt.has_value());
  ASSERT_EQ(lt->size(), 1u);
  EXPECT_EQ((*lt)[0].property, "eo:cloud_cover");
  EXPECT_EQ((*lt)[0].op, QueryOp::kLt);
  EXPECT_EQ((*lt)[0].values[0].type, JsonScalar::Type::kNumber);

  struct Case {
    const char* text;
    QueryOp op;
    std::string json;
  };
  for (const Case& c : {Case{"a=historical", QueryOp::kEq, "\"historical\""},
                        Case{"a==1", QueryOp::kEq, "1"}, Case{"a!=x y", QueryOp::kNeq, "\"x y\""},
                        Case{"a<=2.5", QueryOp::kLte, "2.5"}, Case{"a>=-3", QueryOp::kGte, "-3"},
                        Case{"a>2020-01-01", QueryOp::kGt, "\"2020-01-01\""},
                        Case{"a=\"001\"", QueryOp::kEq, "\"001\""}, Case{"a=001", QueryOp::kEq, "\"001\""},
                        Case{"a=true", QueryOp::kEq, "true"}}) {
    auto parsed = ParseQueryArgument(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().ToString();
    EXPECT_EQ((*parsed)[0].op, c.op) << c.text;
    EXPECT_EQ((*parsed)[0].values[0].ToJson(), c.json) << c.text;
  }
  for (const char* bad : {"novalue=", "=5", "just-a-name", "{\"a\":{\"like\":1}}", "{\"a\":5}", "{bad"}) {
    EXPECT_FALSE(ParseQueryArgument(bad).has_value()) << bad;
  }
}

TEST(SearchArgsTest, QueryJsonRoundTrips) {
  auto parsed = ParseQueryArgument(R"({"eo:cloud_cover":{"lt":10,"gte":2},"platform":{"in":["a","b"]}})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ(QueryToJson(*parsed), R"({"eo:cloud_cover":{"lt":10,"gte":2},"platform":{"in":["a","b"]}})");
  std::vector<QueryClause> two = *ParseQueryArgument("x<5");
  two.push_back((*ParseQueryArgument("x>1"))[0]);
  EXPECT_EQ(QueryToJson(two), R"({"x":{"lt":5,"gt":1}})");
}

TEST(SearchArgsTest, FilterLanguageIsDetected) {
  auto text = NormaliseFilter("eo:cloud_cover < 10", std::nullopt);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->second, FilterLang::kCql2Text);
  auto json = NormaliseFilter(R"( {"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]} )", std::nullopt);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(json->second, FilterLang::kCql2Json);
  EXPECT_EQ(json->first, R"({"op":"<","args":[{"property":"eo:cloud_cover"},10]})");
  EXPECT_FALSE(NormaliseFilter("{not json", FilterLang::kCql2Json).has_value());
  EXPECT_FALSE(ParseFilterLang("cql-text").has_value());
  EXPECT_EQ(*ParseFilterLang("cql2-json"), FilterLang::kCql2Json);
}

TEST(SearchArgsTest, IntersectsFromTextOrFile) {
  auto point = ParseIntersectsArgument(R"({"type": "Point", "coordinates": [1, 2]})");
  ASSERT_TRUE(point.has_value());
  EXPECT_EQ(*point, R"({"type":"Point","coordinates":[1,2]})");
  std::string path = ::testing::TempDir() + "/stacfs_intersects.json";
  {
    std::ofstream out(path);
    out << R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}})";
  }
  auto from_file = ParseIntersectsArgument("@" + path);
  std::remove(path.c_str());
  ASSERT_TRUE(from_file.has_value()) << from_file.error().ToString();
  EXPECT_EQ(from_file->rfind(R"({"type":"Polygon")", 0), 0u);
  EXPECT_FALSE(ParseIntersectsArgument("@/nonexistent/geometry.json").has_value());
  EXPECT_FALSE(ParseIntersectsArgument(R"({"type":"FeatureCollection","features":[]})").has_value());
  EXPECT_FALSE(ParseIntersectsArgument(R"({"type":"Point"})").has_value());
}

SearchParams Everything() {
  SearchParams p;
  p.collections = {"cmip6", "cordex"};
  p.ids = {"a b", "c"};
  p.bbox = Bbox{-10, 40.5, 10, 50};
  p.intersects_json = R"({"type":"Point","coordinates":[1,2]})";
  p.datetime = *ParseDatetimeArgument("2020/..");
  p.limit = 50;
  p.query = *ParseQueryArgument("eo:cloud_cover<10");
  p.filter = "a = 'x'";
  p.filter_lang = FilterLang::kCql2Text;
  p.sortby = {{"datetime", true}, {"id", false}};
  p.fields = {{"id"}, {"assets"}};
  return p;
}

TEST(SearchRequestTest, GetQueryStringEncodesEveryParameter) {
  EXPECT_EQ(SearchQueryString(Everything()),
            "collections=cmip6,cordex&ids=a%20b,c&bbox=-10,40.5,10,50"
            "&intersects=%7B%22type%22:%22Point%22,%22coordinates%22:%5B1,2%5D%7D"
            "&datetime=2020-01-01T00:00:00Z/..&limit=50"
            "&query=%7B%22eo:cloud_cover%22:%7B%22lt%22:10%7D%7D"
            "&filter=a%20%3D%20%27x%27&filter-lang=cql2-text"
            "&sortby=-datetime,%2Bid&fields=id,-assets");
}

TEST(SearchRequestTest, PostBodyIsTheJsonForm) {
  EXPECT_EQ(SearchPostBody(Everything()),
            R"({"collections":["cmip6","cordex"],"ids":["a b","c"],"bbox":[-10,40.5,10,50],)"
            R"("intersects":{"type":"Point","coordinates":[1,2]},"datetime":"2020-01-01T00:00:00Z/..",)"
            R"("limit":50,"query":{"eo:cloud_cover":{"lt":10}},"filter":"a = 'x'","filter-lang":"cql2-text",)"
            R"("sortby":[{"field":"datetime","direction":"desc"},{"field":"id","direction":"asc"}],)"
            R"("fields":{"include":["id"],"exclude":["assets"]}})");
  SearchParams json_filter;
  json_filter.filter = R"({"op":"=","args":[{"property":"a"},"x"]})";
  json_filter.filter_lang = FilterLang::kCql2Json;
  EXPECT_EQ(SearchPostBody(json_filter),
            R"({"filter":{"op":"=","args":[{"property":"a"},"x"]},"filter-lang":"cql2-json"})");
  EXPECT_EQ(SearchPostBody({}), "{}");
}

TEST(SearchRequestTest, RequestsKeepTheEndpointsOwnQuery) {
  SearchParams p;
  p.limit = 5;
  EXPECT_EQ(BuildSearchRequest("https://h/search", "GET", p).url, "https://h/search?limit=5");
  EXPECT_EQ(BuildSearchRequest("https://h/search?key=1", "GET", p).url, "https://h/search?key=1&limit=5");
  EXPECT_EQ(BuildSearchRequest("https://h/search", "GET", {}).url, "https://h/search");
  PageRequest post = BuildSearchRequest("https://h/search?key=1", "POST", p);
  EXPECT_EQ(post.url, "https://h/search?key=1");
  EXPECT_EQ(post.body, R"({"limit":5})");
  EXPECT_EQ(AppendQueryParameter("https://h/items#frag", "limit", "10"), "https://h/items?limit=10#frag");
  EXPECT_EQ(PercentEncodeQueryValue("a+b c&d=é"), "a%2Bb%20c%26d%3D%C3%A9");
}

}  // namespace
}  // namespace stacfs::catalog
