// A static catalog tree served from memory: collections, the walk, client-side search, and the
// traps (cycles, bad files, unsupported parameters).
#include "catalog/static_catalog.h"

#include <gtest/gtest.h>

#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog {
namespace {

using testing::FakeHttpClient;
using testing::MemoryFetcher;

std::string ItemAt(const std::string& id, const std::string& datetime, const std::string& bbox,
                   const std::string& props = "") {
  return R"({"type":"Feature","stac_version":"1.0.0","id":")" + id + R"(","bbox":)" + bbox +
         R"(,"geometry":null,"properties":{"datetime":")" + datetime + "\"" +
         (props.empty() ? "" : "," + props) +
         R"(},"links":[{"rel":"parent","href":"../collection.json"}],
            "assets":{"data":{"href":"./)" + id + R"(.nc","type":"application/netcdf"}}})";
}

// /cat/catalog.json
//   ├── a/collection.json  (items a1, a2; child: a/sub/collection.json with item s1)
//   └── b/collection.json  (items b1, b2, b3) — links back to the root (a cycle)
std::shared_ptr<MemoryFetcher> Tree() {
  auto files = std::make_shared<MemoryFetcher>();
  files->Put("/cat/catalog.json", R"({"type":"Catalog","id":"root","description":"r","links":[
      {"rel":"self","href":"./catalog.json"},
      {"rel":"child","href":"./a/collection.json"},{"rel":"child","href":"b/collection.json"}]})");
  files->Put("/cat/a/collection.json", R"({"type":"Collection","id":"a","description":"A",
      "extent":{"spatial":{"bbox":[[0,0,20,20]]},"temporal":{"interval":[["2020-01-01T00:00:00Z",null]]}},
      "links":[{"rel":"item","href":"items/a1/a1.json"},{"rel":"item","href":"items/a2/a2.json"},
               {"rel":"child","href":"sub/collection.json"},{"rel":"parent","href":"../catalog.json"}]})");
  files->Put("/cat/a/items/a1/a1.json", ItemAt("a1", "2020-01-15T00:00:00Z", "[0,0,1,1]", R"("n":1)"));
  files->Put("/cat/a/items/a2/a2.json", ItemAt("a2", "2021-06-01T00:00:00Z", "[10,10,11,11]", R"("n":2)"));
  files->Put("/cat/a/sub/collection.json", R"({"type":"Collection","id":"sub","description":"S","extent":{},
      "links":[{"rel":"item","href":"../../a/sub/s1.json"}]})");
  files->Put("/cat/a/sub/s1.json", ItemAt("s1", "2020-03-01T00:00:00Z", "[5,5,6,6]", R"("n":3)"));
  files->Put("/cat/b/collection.json", R"({"type":"Collection","id":"b","description":"B","extent":{},
      "links":[{"rel":"item","href":"b1.json"},{"rel":"item","href":"b2.json"},{"rel":"item","href":"b3.json"},
               {"rel":"child","href":"../catalog.json"}]})");
  files->Put("/cat/b/b1.json", ItemAt("b1", "2019-01-01T00:00:00Z", "[170,0,179,1]", R"("n":4)"));
  files->Put("/cat/b/b2.json", ItemAt("b2", "2020-12-31T23:59:59.5Z", "[-179,0,-170,1]", R"("n":5)"));
  files->Put("/cat/b/b3.json", ItemAt("b3", "2022-01-01T00:00:00Z", "[0,0,1,1]", R"("n":6)"));
  return files;
}

std::unique_ptr<Catalog> Open(std::shared_ptr<MemoryFetcher> files) {
  CatalogOptions options;
  options.files = std::move(files);
  auto opened = OpenCatalog("/cat/catalog.json", options);
  EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
  return opened ? std::move(*opened) : nullptr;
}

std::vector<std::string> SearchIds(Catalog& catalog, const SearchParams& params, Error* error = nullptr) {
  std::vector<std::string> ids;
  auto stream = catalog.Search(params);
  if (!stream) {
    if (error) *error = stream.error();
    return ids;
  }
  auto drained = ForEachItem(**stream, [&](StacItem& item) {
    ids.push_back(item.collection + "/" + item.id);
    return true;
  });
  if (!drained && error) *error = drained.error();
  return ids;
}

TEST(StaticCatalogTest, RootIsStaticAndCollectionsAreListedDepthFirst) {
  auto catalog = Open(Tree());
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->info().kind, CatalogKind::kStatic);
  EXPECT_EQ(catalog->info().id, "root");
  std::vector<std::string> ids;
  ASSERT_TRUE(catalog->ForEachCollection([&](StacCollection c) {
    ids.push_back(c.id + "@" + c.location);
    return true;
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"a@/cat/a/collection.json", "sub@/cat/a/sub/collection.json",
                                           "b@/cat/b/collection.json"}));
  auto b = catalog->GetCollection("b");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->description, "B");
  EXPECT_EQ(catalog->GetCollection("zzz").error().code(), ErrorCode::kNotFound);
}

TEST(StaticCatalogTest, SearchWalksEverythingOnceDespiteTheCycle) {
  auto catalog = Open(Tree());
  EXPECT_EQ(SearchIds(*catalog, {}),
            (std::vector<std::string>{"a/a1", "a/a2", "sub/s1", "b/b1", "b/b2", "b/b3"}));
}

TEST(StaticCatalogTest, RelativeHrefsResolveAgainstTheirDocument) {
  auto catalog = Open(Tree());
  auto stream = catalog->Search({});
  auto page = (*stream)->NextPage();
  ASSERT_TRUE(page.has_value() && page->has_value());
  const StacItem& a1 = (**page)[0];
  EXPECT_EQ(a1.location, "/cat/a/items/a1/a1.json");
  EXPECT_EQ(a1.assets[0].href, "/cat/a/items/a1/a1.nc");
  EXPECT_EQ(a1.links[0].href, "/cat/a/items/collection.json");
}

TEST(StaticCatalogTest, FiltersApplyOnTheClient) {
  auto catalog = Open(Tree());
  SearchParams p;
  p.collections = {"b"};
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"b/b1", "b/b2", "b/b3"}));
  p = {};
  p.ids = {"s1", "b3"};
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"sub/s1", "b/b3"}));
  p = {};
  p.datetime = *ParseDatetimeArgument("2020");  // b2 at 23:59:59.5 belongs to 2020
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"a/a1", "sub/s1", "b/b2"}));
  p = {};
  p.bbox = Bbox{175, -1, -175, 2};  // across the antimeridian
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"b/b1", "b/b2"}));
  p = {};
  p.query = *ParseQueryArgument("n>=3");
  p.query.push_back((*ParseQueryArgument("n!=5"))[0]);
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"sub/s1", "b/b1", "b/b3"}));
  p = {};
  p.intersects_json = R"({"type":"Polygon","coordinates":[[[9,9],[12,9],[12,12],[9,9]]]})";
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"a/a2"}));
}

TEST(StaticCatalogTest, MaxItemsIsExactAndStopsReading) {
  auto files = Tree();
  auto catalog = Open(files);
  for (uint64_t n : {1u, 2u, 4u, 6u, 100u}) {
    SearchParams p;
    p.max_items = n;
    EXPECT_EQ(SearchIds(*catalog, p).size(), std::min<uint64_t>(n, 6)) << n;
  }
  size_t before = files->fetched().size();
  SearchParams one;
  one.max_items = 1;
  one.limit = 1;  // batches of one item file
  EXPECT_EQ(SearchIds(*catalog, one), (std::vector<std::string>{"a/a1"}));
  EXPECT_LE(files->fetched().size() - before, 2u);  // a's collection.json and a1.json at most
}

TEST(StaticCatalogTest, ItemsOfOneCollectionStayInIt) {
  auto catalog = Open(Tree());
  auto stream = catalog->Items("a", std::nullopt);
  ASSERT_TRUE(stream.has_value());
  std::vector<std::string> ids;
  ASSERT_TRUE(ForEachItem(**stream, [&](StacItem& item) {
    ids.push_back(item.id);
    return true;
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2"}));  // not sub's s1
}

TEST(StaticCatalogTest, FieldsShapeTheJson) {
  auto catalog = Open(Tree());
  SearchParams p;
  p.ids = {"a1"};
  p.fields.include = {"properties.datetime"};
  auto stream = catalog->Search(p);
  auto page = (*stream)->NextPage();
  ASSERT_TRUE(page.has_value() && page->has_value());
  EXPECT_EQ((**page)[0].json,
            R"({"type":"Feature","id":"a1","properties":{"datetime":"2020-01-15T00:00:00Z"}})");
}

TEST(StaticCatalogTest, ServerOnlyParametersAreRefused) {
  auto catalog = Open(Tree());
  SearchParams p;
  p.filter = "n > 1";
  Error error = Internal("none");
  SearchIds(*catalog, p, &error);
  EXPECT_EQ(error.code(), ErrorCode::kUnsupported);
  p = {};
  p.sortby = {{"datetime", false}};
  SearchIds(*catalog, p, &error);
  EXPECT_NE(error.message().find("--sortby needs a STAC API"), std::string::npos);
}

TEST(StaticCatalogTest, BrokenFilesAreErrorsNamingThem) {
  auto files = Tree();
  files->Put("/cat/b/b2.json", R"({"type":"Feature","id":"b2","bbox":[0,0],"properties":{}})");
  auto catalog = Open(files);
  Error error = Internal("none");
  std::vector<std::string> ids = SearchIds(*catalog, {}, &error);
  EXPECT_NE(error.ToString().find("/cat/b/b2.json: 'bbox' must have 4 or 6 numbers"), std::string::npos)
      << error.ToString();

  auto missing = Tree();
  missing->Put("/cat/catalog.json", R"({"type":"Catalog","id":"root","description":"r",
      "links":[{"rel":"child","href":"nowhere/collection.json"}]})");
  catalog = Open(missing);
  std::vector<std::string> none;
  auto listed = catalog->ForEachCollection([&](StacCollection c) {
    none.push_back(c.id);
    return true;
  });
  ASSERT_FALSE(listed.has_value());
  EXPECT_NE(listed.error().ToString().find("/cat/nowhere/collection.json"), std::string::npos);
}

TEST(StaticCatalogTest, DeepTreesAreCutAtMaxDepth) {
  auto files = std::make_shared<MemoryFetcher>();
  for (int i = 0; i < 50; ++i) {
    files->Put("/deep/" + std::to_string(i) + ".json",
               R"({"type":"Collection","id":"c)" + std::to_string(i) + R"(","description":"d","extent":{},
                  "links":[{"rel":"child","href":")" + std::to_string(i + 1) + R"(.json"}]})");
  }
  CatalogOptions options;
  options.files = files;
  options.max_depth = 5;
  auto catalog = OpenCatalog("/deep/0.json", options);
  ASSERT_TRUE(catalog.has_value());
  size_t count = 0;
  ASSERT_TRUE((*catalog)->ForEachCollection([&](StacCollection) {
    ++count;
    return true;
  }));
  EXPECT_EQ(count, 6u);  // the root and five levels below it
}

TEST(StaticCatalogTest, HttpCatalogsAreReadInParallelThroughTheHttpClient) {
  auto http = std::make_shared<FakeHttpClient>();
  std::string links;
  for (int i = 0; i < 40; ++i) {
    links += std::string(i ? "," : "") + R"({"rel":"item","href":"items/i)" + std::to_string(i) + R"(.json"})";
    http->Serve("GET", "http://h.example/cat/items/i" + std::to_string(i) + ".json",
                ItemAt("i" + std::to_string(i), "2020-01-01T00:00:00Z", "[0,0,1,1]"));
  }
  http->Serve("GET", "http://h.example/cat/collection.json",
              R"({"type":"Collection","id":"c","description":"d","extent":{},"links":[)" + links + "]}");
  CatalogOptions options;
  options.http = http;
  auto catalog = OpenCatalog("http://h.example/cat/collection.json", options);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
  std::vector<std::string> ids = SearchIds(**catalog, {});
  ASSERT_EQ(ids.size(), 40u);
  EXPECT_EQ(ids.front(), "c/i0");
  EXPECT_EQ(ids.back(), "c/i39");  // order kept whatever order the fetches finished in
}

}  // namespace
}  // namespace stacfs::catalog
