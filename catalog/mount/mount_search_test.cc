// `-o search=...`: every term the mount accepts, and refusals that name the bad term.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/mount/catalog_tree.h"

namespace stacfs::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(MountSearchTest, ParsesTheDocumentedExample) {
  auto params = ParseMountSearch("collections=a,b;datetime=2000/2010;bbox=-10,40,5,60;query=eo:cloud_cover<10");
  ASSERT_TRUE(params) << params.error().ToString();
  EXPECT_THAT(params->collections, ElementsAre("a", "b"));
  ASSERT_TRUE(params->datetime);
  EXPECT_EQ(params->datetime->start, "2000-01-01T00:00:00Z");
  EXPECT_EQ(params->datetime->end, "2010-12-31T23:59:59.999999Z");
  ASSERT_TRUE(params->bbox);
  EXPECT_EQ(*params->bbox, (Bbox{-10, 40, 5, 60}));
  ASSERT_EQ(params->query.size(), 1u);
  EXPECT_EQ(params->query[0].property, "eo:cloud_cover");
  EXPECT_EQ(params->query[0].op, QueryOp::kLt);
  ASSERT_EQ(params->query[0].values.size(), 1u);
  EXPECT_EQ(params->query[0].values[0].number, 10);
  EXPECT_TRUE(params->ids.empty());
  EXPECT_FALSE(params->max_items);
}

TEST(MountSearchTest, AcceptsEveryTermAndRepeatedQueries) {
  auto params = ParseMountSearch(
      " ids=x1, x2 ; query=cmip6:experiment_id=historical;query=cmip6:variable_id=tas;"
      "sortby=-datetime;max-items=20;filter={\"op\":\"=\",\"args\":[{\"property\":\"id\"},\"x1\"]};"
      "intersects={\"type\":\"Point\",\"coordinates\":[1,2]};");
  ASSERT_TRUE(params) << params.error().ToString();
  EXPECT_THAT(params->ids, ElementsAre("x1", "x2"));
  ASSERT_EQ(params->query.size(), 2u);
  EXPECT_EQ(params->query[0].property, "cmip6:experiment_id");
  EXPECT_EQ(params->query[0].values[0].text, "historical");
  EXPECT_EQ(params->query[1].property, "cmip6:variable_id");
  ASSERT_EQ(params->sortby.size(), 1u);
  EXPECT_TRUE(params->sortby[0].descending);
  EXPECT_EQ(params->max_items, std::optional<uint64_t>(20));
  EXPECT_EQ(params->filter_lang, std::optional<FilterLang>(FilterLang::kCql2Json));
  EXPECT_EQ(params->filter, R"({"op":"=","args":[{"property":"id"},"x1"]})");
  EXPECT_EQ(params->intersects_json, R"({"type":"Point","coordinates":[1,2]})");

  auto text_filter = ParseMountSearch("filter=id = 'x1';filter-lang=cql2-text");
  ASSERT_TRUE(text_filter) << text_filter.error().ToString();
  EXPECT_EQ(text_filter->filter, "id = 'x1'");
  EXPECT_EQ(text_filter->filter_lang, std::optional<FilterLang>(FilterLang::kCql2Text));

  auto empty = ParseMountSearch("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->collections.empty() && empty->query.empty() && !empty->bbox);
}

// Each refusal quotes the term, so that a user finds it in a long -o string.
TEST(MountSearchTest, RefusalsNameTheTerm) {
  struct Case {
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"collections=a;bbox=1,2,3", "invalid search term 'bbox=1,2,3'"},
      {"bbox=0,95,10,96", "'bbox=0,95,10,96'"},
      {"datetime=2020-13", "invalid search term 'datetime=2020-13'"},
      {"colour=red", "unknown search term 'colour=red'"},
      {"collections=a;datetime", "invalid search term 'datetime': expected NAME=VALUE"},
      {"collections=a;collections=b", "search term 'collections' is given twice"},
      {"collections=a,,b", "invalid search term 'collections=a,,b'"},
      {"query=eo:cloud_cover", "invalid search term 'query=eo:cloud_cover'"},
      {"max-items=0", "invalid search term 'max-items=0'"},
      {"max-items=ten", "invalid search term 'max-items=ten'"},
      {"ids=", "invalid search term 'ids=': empty value"},
      {"filter-lang=cql2-text", "'filter-lang' needs a 'filter' term"},
      {"filter-lang=sql;filter=x", "invalid search term 'filter-lang=sql'"},
      {"filter={\"op\":;", "invalid search term 'filter={\"op\":'"},
  };
  for (const Case& c : cases) {
    auto params = ParseMountSearch(c.text);
    ASSERT_FALSE(params) << c.text;
    EXPECT_THAT(params.error().ToString(), HasSubstr(c.says)) << c.text;
    EXPECT_EQ(params.error().code(), ErrorCode::kInvalidArgument) << c.text;
  }
}

}  // namespace
}  // namespace stacfs::catalog
