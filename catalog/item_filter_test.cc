// The search evaluated on the client, and fields projection.
#include "catalog/item_filter.h"

#include <gtest/gtest.h>

#include "catalog/stac_parse.h"

namespace stacfs::catalog {
namespace {

StacItem Item(const std::string& properties, const std::string& bbox = "[0,0,1,1]") {
  auto item = ParseItemDocument(R"({"type":"Feature","id":"i","collection":"c","bbox":)" + bbox +
                                    R"(,"properties":)" + properties + "}",
                                "/x.json");
  EXPECT_TRUE(item.has_value()) << item.error().ToString();
  return std::move(*item);
}

bool Matches(const SearchParams& params, const StacItem& item) {
  auto filter = ItemFilter::Create(params);
  EXPECT_TRUE(filter.has_value()) << filter.error().ToString();
  return filter->Matches(item);
}

TEST(ItemFilterTest, BoxesIncludingTheAntimeridian) {
  EXPECT_TRUE(BboxesIntersect({0, 0, 1, 1}, {1, 1, 2, 2}));  // a shared corner counts
  EXPECT_FALSE(BboxesIntersect({0, 0, 1, 1}, {1.1, 0, 2, 1}));
  EXPECT_TRUE(BboxesIntersect({170, -5, -170, 5}, {-175, 0, -174, 1}));
  EXPECT_TRUE(BboxesIntersect({170, -5, -170, 5}, {175, 0, 176, 1}));
  EXPECT_FALSE(BboxesIntersect({170, -5, -170, 5}, {0, 0, 1, 1}));
  EXPECT_TRUE(BboxesIntersect({170, -5, -170, 5}, {160, -5, -160, 5}));
}

TEST(ItemFilterTest, DatetimeOfInstantsAndRanges) {
  SearchParams p;
  p.datetime = *ParseDatetimeArgument("2020-06");
  EXPECT_TRUE(Matches(p, Item(R"({"datetime":"2020-06-30T23:59:59Z"})")));
  EXPECT_FALSE(Matches(p, Item(R"({"datetime":"2020-07-01T00:00:00Z"})")));
  EXPECT_TRUE(Matches(p, Item(R"({"datetime":"2020-07-01T01:00:00+02:00"})")));  // 23:00Z: June 30
  EXPECT_FALSE(Matches(p, Item(R"({"datetime":"2020-06-01T01:00:00+02:00"})")));  // May 31, 23:00Z
  EXPECT_TRUE(Matches(p, Item(R"({"datetime":null,"start_datetime":"2019-01-01T00:00:00Z",
                                 "end_datetime":"2020-06-01T00:00:00Z"})")));
  EXPECT_FALSE(Matches(p, Item(R"({"datetime":null,"start_datetime":"2019-01-01T00:00:00Z",
                                  "end_datetime":"2020-05-31T00:00:00Z"})")));
  EXPECT_FALSE(Matches(p, Item(R"({"datetime":null})")));  // no time at all: cannot match
  EXPECT_FALSE(Matches(p, Item(R"({"datetime":"not a date"})")));
}

TEST(ItemFilterTest, QueryOperators) {
  StacItem item = Item(R"({"datetime":"2020-01-01T00:00:00Z","n":5,"s":"historical","b":true})");
  auto matches = [&](const char* condition) {
    SearchParams p;
    p.query = *ParseQueryArgument(condition);
    return Matches(p, item);
  };
  EXPECT_TRUE(matches("n=5"));
  EXPECT_TRUE(matches("n=5.0"));
  EXPECT_TRUE(matches("n<6"));
  EXPECT_FALSE(matches("n<5"));
  EXPECT_TRUE(matches("n<=5"));
  EXPECT_TRUE(matches("n>=5"));
  EXPECT_FALSE(matches("n>5"));
  EXPECT_TRUE(matches("n!=4"));
  EXPECT_FALSE(matches("n=\"5\""));  // a string is not the number
  EXPECT_TRUE(matches("s=historical"));
  EXPECT_TRUE(matches("s>hist"));
  EXPECT_TRUE(matches("b=true"));
  EXPECT_FALSE(matches("missing=1"));
  EXPECT_FALSE(matches("missing!=1"));
  EXPECT_TRUE(matches(R"({"s":{"startsWith":"hist","endsWith":"cal","contains":"tori"}})"));
  EXPECT_TRUE(matches(R"({"s":{"in":["ssp585","historical"]}})"));
  EXPECT_FALSE(matches(R"({"s":{"in":["ssp585"]}})"));
}

TEST(ItemFilterTest, IdsCollectionsAndIntersects) {
  StacItem item = Item(R"({"datetime":"2020-01-01T00:00:00Z"})", "[10,10,11,11]");
  SearchParams p;
  p.ids = {"x", "i"};
  p.collections = {"c"};
  EXPECT_TRUE(Matches(p, item));
  p.collections = {"d"};
  EXPECT_FALSE(Matches(p, item));
  auto filter = ItemFilter::Create(p);
  EXPECT_FALSE(filter->WantsCollection("c"));
  EXPECT_TRUE(filter->WantsCollection("d"));
  p = {};
  p.intersects_json = R"({"type":"MultiPoint","coordinates":[[10.5,10.5],[50,50]]})";
  EXPECT_TRUE(Matches(p, item));
  p.intersects_json = R"({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[20,20]}]})";
  EXPECT_FALSE(Matches(p, item));
  p.intersects_json = R"({"type":"Point","coordinates":[]})";
  EXPECT_FALSE(ItemFilter::Create(p).has_value());
  p = {};
  p.bbox = Bbox{0, 0, 20, 20};
  StacItem nowhere = Item(R"({"datetime":"2020-01-01T00:00:00Z"})", "null");
  EXPECT_FALSE(Matches(p, nowhere));
}

TEST(ItemFilterTest, FieldsProjection) {
  const std::string json =
      R"({"type":"Feature","id":"i","bbox":[0,0,1,1],"properties":{"datetime":"d","a":1,"b":{"c":2,"d":3}},"assets":{"x":{}}})";
  EXPECT_EQ(*ProjectFields(json, {}), json);
  EXPECT_EQ(*ProjectFields(json, {{"properties.a", "properties.b.d"}, {}}),
            R"({"type":"Feature","id":"i","properties":{"a":1,"b":{"d":3}}})");
  EXPECT_EQ(*ProjectFields(json, {{}, {"assets", "properties.b.c"}}),
            R"({"type":"Feature","id":"i","bbox":[0,0,1,1],"properties":{"datetime":"d","a":1,"b":{"d":3}}})");
  EXPECT_EQ(*ProjectFields(json, {{"properties"}, {"properties.a"}}),
            R"({"type":"Feature","id":"i","properties":{"datetime":"d","b":{"c":2,"d":3}}})");
}

}  // namespace
}  // namespace stacfs::catalog
