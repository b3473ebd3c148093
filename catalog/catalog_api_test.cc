// A STAC API through a scripted HttpClient: landing page and conformance, method choice,
// streaming pages, every paging rule, collections paging, and APIs without /search.
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog {
namespace {

using testing::FakeHttpClient;
using testing::ItemJson;
using testing::ItemPageJson;

constexpr const char* kRoot = "https://stac.example/api";

std::string Landing(const std::string& search_links, const std::string& conforms =
                        R"(["https://api.stacspec.org/v1.0.0/core",
                            "https://api.stacspec.org/v1.0.0/item-search",
                            "https://api.stacspec.org/v1.0.0/collections"])") {
  return R"({"type":"Catalog","id":"test-api","title":"Test API","description":"d",
    "conformsTo":)" + conforms + R"(,
    "links":[{"rel":"self","href":"https://stac.example/api"},
             {"rel":"data","href":"https://stac.example/api/collections"})" +
         search_links + "]}";
}

const std::string kGetAndPost =
    R"(,{"rel":"search","type":"application/geo+json","href":"https://stac.example/api/search","method":"GET"},
        {"rel":"search","type":"application/geo+json","href":"https://stac.example/api/search","method":"POST"})";
const std::string kGetOnly = R"(,{"rel":"search","href":"https://stac.example/api/search"})";

struct Fixture {
  std::shared_ptr<FakeHttpClient> http = std::make_shared<FakeHttpClient>();
  std::unique_ptr<Catalog> catalog;

  explicit Fixture(const std::string& landing) {
    http->Serve("GET", kRoot, landing);
  }
  void Open() {
    CatalogOptions options;
    options.http = http;
    auto opened = OpenCatalog(kRoot, options);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    catalog = std::move(*opened);
  }
};

std::vector<std::string> Ids(ItemStream& stream, Error* error = nullptr) {
  std::vector<std::string> ids;
  while (true) {
    auto page = stream.NextPage();
    if (!page) {
      if (error != nullptr) *error = page.error();
      break;
    }
    if (!*page) break;
    for (const StacItem& item : **page) ids.push_back(item.id);
  }
  return ids;
}

std::string Features(std::initializer_list<const char*> ids) {
  std::string out = "[";
  for (const char* id : ids) out += (out.size() > 1 ? "," : "") + ItemJson(id);
  return out + "]";
}

TEST(CatalogApiTest, LandingPageMakesAnApiAndPicksPostWhenOffered) {
  Fixture f(Landing(kGetAndPost));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  EXPECT_EQ(f.catalog->info().kind, CatalogKind::kStacApi);
  EXPECT_EQ(f.catalog->info().title, "Test API");
  EXPECT_TRUE(f.catalog->info().conformance.item_search);
  f.http->Serve("POST", "https://stac.example/api/search", ItemPageJson(Features({"a", "b"})));
  SearchParams params;
  params.collections = {"c1"};
  auto stream = f.catalog->Search(params);
  ASSERT_TRUE(stream.has_value());
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"a", "b"}));
  auto requests = f.http->requests();
  EXPECT_EQ(requests.back().method, "POST");
  EXPECT_EQ(requests.back().body, R"({"collections":["c1"]})");
  bool json_content = false;
  for (const auto& [name, value] : requests.back().headers) {
    json_content = json_content || (name == "Content-Type" && value == "application/json");
  }
  EXPECT_TRUE(json_content);
}

TEST(CatalogApiTest, GetOnlyLandingPageSearchesByGetAndRefusesForcedPost) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search?collections=c1&limit=2",
                ItemPageJson(Features({"a"})));
  SearchParams params;
  params.collections = {"c1"};
  params.limit = 2;
  auto stream = f.catalog->Search(params);
  ASSERT_TRUE(stream.has_value());
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"a"}));
  params.method = "POST";
  auto forced = f.catalog->Search(params);
  ASSERT_FALSE(forced.has_value());
  EXPECT_NE(forced.error().message().find("GET only"), std::string::npos) << forced.error().message();
}

TEST(CatalogApiTest, ConformanceIsReadFromItsEndpointAndMatchedWhateverTheVersion) {
  std::string landing = R"({"type":"Catalog","id":"x","description":"d","links":[
      {"rel":"conformance","href":"/api/conformance"}]})";
  Fixture f(landing);
  f.http->Serve("GET", "https://stac.example/api/conformance",
                R"({"conformsTo":["https://api.stacspec.org/v1.0.0-rc.2/item-search",
                                  "https://api.stacspec.org/v1.1.0/item-search#filter",
                                  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"]})");
  ASSERT_NO_FATAL_FAILURE(f.Open());
  const Conformance& c = f.catalog->info().conformance;
  EXPECT_TRUE(c.item_search);
  EXPECT_TRUE(c.filter);
  EXPECT_TRUE(c.features);
  ASSERT_TRUE(f.catalog->info().search.has_value());  // promised by conformance, at /search
  EXPECT_EQ(f.catalog->info().search->href, "https://stac.example/api/search");
}

TEST(ConformanceTest, RegexesIgnoreVersionsAndRejectLookalikes) {
  Conformance c = ClassifyConformance({"https://api.stacspec.org/v1.0.0-beta.1/core",
                                       "https://api.stacspec.org/v1.0.0/item-search#query",
                                       "https://api.stacspec.org/v1.0.0/item-search#sort",
                                       "https://api.stacspec.org/v1.0.0/ogcapi-features#fields",
                                       "https://api.stacspec.org/v2.3.4/collections"});
  EXPECT_TRUE(c.core);
  EXPECT_FALSE(c.item_search);  // only its extensions were listed
  EXPECT_TRUE(c.query);
  EXPECT_TRUE(c.sort);
  EXPECT_TRUE(c.fields);
  EXPECT_TRUE(c.collections);
  Conformance none = ClassifyConformance({"https://example.com/v1.0.0/item-search",
                                          "https://api.stacspec.org/item-search",
                                          "https://api.stacspec.org/v1.0.0/item-search/extra"});
  EXPECT_FALSE(none.item_search);
}

TEST(CatalogApiTest, GetPagingFollowsTokensAndStreamsPageByPage) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search",
                ItemPageJson(Features({"a", "b"}),
                             R"([{"rel":"next","href":"search?token=2"}])"));
  f.http->Serve("GET", "https://stac.example/api/search?token=2",
                ItemPageJson(Features({"c", "d"}), R"([{"rel":"next","href":"search?token=3"}])"));
  f.http->Serve("GET", "https://stac.example/api/search?token=3", ItemPageJson(Features({"e"})));
  auto stream = f.catalog->Search({});
  ASSERT_TRUE(stream.has_value());
  auto first = (*stream)->NextPage();
  ASSERT_TRUE(first.has_value() && first->has_value());
  EXPECT_EQ((*first)->size(), 2u);
  EXPECT_EQ(f.http->requests().size(), 2u);  // landing page + one page: nothing read ahead
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"c", "d", "e"}));
  EXPECT_EQ((*stream)->stats().pages, 3u);
  EXPECT_EQ((*stream)->stats().stop, StopReason::kNoNextLink);
}

TEST(CatalogApiTest, MaxItemsReturnsExactlyNAndStopsAsking) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search",
                ItemPageJson(Features({"a", "b", "c"}), R"([{"rel":"next","href":"search?p=2"}])"));
  f.http->Serve("GET", "https://stac.example/api/search?p=2",
                ItemPageJson(Features({"d", "e", "f"}), R"([{"rel":"next","href":"search?p=3"}])"));
  for (uint64_t n : {1u, 3u, 4u, 6u}) {
    SearchParams params;
    params.max_items = n;
    auto stream = f.catalog->Search(params);
    ASSERT_TRUE(stream.has_value());
    size_t before = f.http->requests().size();
    std::vector<std::string> ids = Ids(**stream);
    EXPECT_EQ(ids.size(), n);
    EXPECT_EQ((*stream)->stats().stop, StopReason::kMaxItems);
    EXPECT_EQ(f.http->requests().size() - before, n <= 3 ? 1u : 2u) << n;
  }
  SearchParams zero;
  zero.max_items = 0;
  auto none = f.catalog->Search(zero);
  size_t before = f.http->requests().size();
  EXPECT_TRUE(Ids(**none).empty());
  EXPECT_EQ(f.http->requests().size(), before);
}

TEST(CatalogApiTest, PostPagingMergesOrReplacesTheBody) {
  Fixture f(Landing(kGetAndPost));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  const std::string url = "https://stac.example/api/search";
  f.http->Serve("POST", url,
                ItemPageJson(Features({"a"}), R"([{"rel":"next","href":"search","method":"POST",
                    "merge":true,"body":{"token":"t2"}}])"),
                R"({"collections":["c1"],"limit":1})");
  f.http->Serve("POST", url,
                ItemPageJson(Features({"b"}), R"([{"rel":"next","href":"search","method":"POST",
                    "body":{"token":"t3"}}])"),
                R"({"collections":["c1"],"limit":1,"token":"t2"})");
  f.http->Serve("POST", url, ItemPageJson(Features({"c"}), R"([{"rel":"next","href":"search?page=4"}])"),
                R"({"token":"t3"})");
  f.http->Serve("GET", url + "?page=4", ItemPageJson("[]", R"([{"rel":"next","href":"search?page=5"}])"));
  SearchParams params;
  params.collections = {"c1"};
  params.limit = 1;
  auto stream = f.catalog->Search(params);
  ASSERT_TRUE(stream.has_value());
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*stream)->stats().stop, StopReason::kEmptyPage);  // its next link is not followed
  std::vector<std::string> lines = f.http->RequestLines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[4], "GET https://stac.example/api/search?page=4");
}

TEST(CatalogApiTest, SelfReferencingNextEndsPaging) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search",
                ItemPageJson(Features({"a"}), R"([{"rel":"next","href":"search?p=2"}])"));
  f.http->Serve("GET", "https://stac.example/api/search?p=2",
                ItemPageJson(Features({"b"}), R"([{"rel":"next","href":"search?p=2"}])"));
  auto stream = f.catalog->Search({});
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*stream)->stats().stop, StopReason::kRepeatedRequest);
}

TEST(CatalogApiTest, SamePageUnderNewLinksEndsPaging) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  int calls = 0;
  f.http->SetFallback([&](const HttpRequest& request) -> Result<HttpResponse> {
    HttpResponse r;
    r.status = 200;
    r.effective_url = request.url;
    r.body = ItemPageJson(Features({"a", "b"}),
                          R"([{"rel":"next","href":"search?t=)" + std::to_string(++calls) + "\"}]");
    return r;
  });
  auto stream = f.catalog->Search({});
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*stream)->stats().stop, StopReason::kRepeatedPage);
  EXPECT_EQ(calls, 2);
}

TEST(CatalogApiTest, ForeignNextIsRefusedAfterThePageIsDelivered) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search",
                ItemPageJson(Features({"a"}), R"([{"rel":"next","href":"https://evil.example/steal"}])"));
  auto stream = f.catalog->Search({});
  Error error = Internal("none");
  EXPECT_EQ(Ids(**stream, &error), (std::vector<std::string>{"a"}));
  EXPECT_EQ(error.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(error.ToString().find("https://evil.example"), std::string::npos) << error.ToString();
  for (const std::string& line : f.http->RequestLines()) {
    EXPECT_EQ(line.find("evil"), std::string::npos) << line;
  }
}

TEST(CatalogApiTest, PageErrorsNameThePageAndStopTheStream) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/search",
                ItemPageJson(Features({"a"}), R"([{"rel":"next","href":"search?p=2"}])"));
  f.http->Serve("GET", "https://stac.example/api/search?p=2", R"({"type":"FeatureCollection","features":[{"id")");
  auto stream = f.catalog->Search({});
  Error error = Internal("none");
  EXPECT_EQ(Ids(**stream, &error), (std::vector<std::string>{"a"}));
  EXPECT_EQ(error.ToString().rfind("page 2: https://stac.example/api/search?p=2: ", 0), 0u) << error.ToString();
  EXPECT_NE(error.ToString().find("malformed JSON"), std::string::npos);
  auto after = (*stream)->NextPage();
  ASSERT_TRUE(after.has_value());
  EXPECT_FALSE(after->has_value());  // the stream has ended
}

TEST(CatalogApiTest, CollectionsArePagedAndItemsLinksUsed) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/collections", R"({"collections":[
      {"type":"Collection","id":"c1","description":"one","links":[{"rel":"items","href":"https://stac.example/api/c1-items"}]},
      {"type":"Collection","id":"c 2","description":"two","links":[]}],
      "links":[{"rel":"next","href":"collections?page=2"}]})");
  f.http->Serve("GET", "https://stac.example/api/collections?page=2", R"({"collections":[
      {"type":"Collection","id":"c3","description":"three","links":[]}],"links":[]})");
  std::vector<std::string> ids;
  ASSERT_TRUE(f.catalog->ForEachCollection([&](StacCollection c) {
    ids.push_back(c.id);
    return true;
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"c1", "c 2", "c3"}));

  f.http->Serve("GET", "https://stac.example/api/c1-items?limit=5", ItemPageJson(Features({"x"})));
  auto items = f.catalog->Items("c1", 5);
  ASSERT_TRUE(items.has_value());
  EXPECT_EQ(Ids(**items), (std::vector<std::string>{"x"}));
  f.http->Serve("GET", "https://stac.example/api/collections/c%202/items", ItemPageJson(Features({"y"})));
  auto encoded = f.catalog->Items("c 2", std::nullopt);
  EXPECT_EQ(Ids(**encoded), (std::vector<std::string>{"y"}));

  std::vector<std::string> first_only;
  ASSERT_TRUE(f.catalog->ForEachCollection([&](StacCollection c) {
    first_only.push_back(c.id);
    return false;
  }));
  EXPECT_EQ(first_only, (std::vector<std::string>{"c1"}));
}

TEST(CatalogApiTest, NestedChildCollectionsAreListedOnce) {
  Fixture f(Landing(kGetOnly));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  f.http->Serve("GET", "https://stac.example/api/collections", R"({"collections":[
      {"type":"Collection","id":"parent","description":"p","links":[{"rel":"child","href":"collections/child"}]},
      {"type":"Collection","id":"child","description":"c","links":[]}]})");
  f.http->Serve("GET", "https://stac.example/api/collections/child",
                R"({"type":"Collection","id":"child","description":"c","links":[{"rel":"child","href":"grandchild"}]})");
  f.http->Serve("GET", "https://stac.example/api/collections/grandchild",
                R"({"type":"Collection","id":"grandchild","description":"g","links":[]})");
  std::vector<std::string> ids;
  ASSERT_TRUE(f.catalog->ForEachCollection([&](StacCollection c) {
    ids.push_back(c.id);
    return true;
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"parent", "child", "grandchild"}));
}

TEST(CatalogApiTest, ApiWithoutSearchIsSearchedPerCollectionOnTheClient) {
  Fixture f(Landing("", R"(["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"])"));
  ASSERT_NO_FATAL_FAILURE(f.Open());
  EXPECT_FALSE(f.catalog->info().search.has_value());
  f.http->Serve("GET", "https://stac.example/api/collections/c1/items?bbox=0,0,1,1",
                ItemPageJson("[" + ItemJson("keep", "c1", "2020-01-01T00:00:00Z", R"("n":5)") + "," +
                             ItemJson("drop", "c1", "2020-01-01T00:00:00Z", R"("n":50)") + "]"));
  SearchParams params;
  params.collections = {"c1"};
  params.bbox = Bbox{0, 0, 1, 1};
  params.query = *ParseQueryArgument("n<10");
  auto stream = f.catalog->Search(params);
  ASSERT_TRUE(stream.has_value()) << stream.error().ToString();
  EXPECT_EQ(Ids(**stream), (std::vector<std::string>{"keep"}));
  params.sortby = {{"datetime", true}};
  EXPECT_EQ(f.catalog->Search(params).error().code(), ErrorCode::kUnsupported);
}

TEST(CatalogApiTest, HtmlWhereJsonWasExpectedIsAClearError) {
  auto http = std::make_shared<FakeHttpClient>();
  http->Serve("GET", kRoot, "<!DOCTYPE html><html><head><title>Login</title></head><body>Please sign in</body></html>");
  CatalogOptions options;
  options.http = http;
  auto opened = OpenCatalog(kRoot, options);
  ASSERT_FALSE(opened.has_value());
  EXPECT_NE(opened.error().ToString().find("https://stac.example/api: expected JSON, got an HTML"),
            std::string::npos)
      << opened.error().ToString();
  EXPECT_NE(opened.error().ToString().find("Login Please sign in"), std::string::npos);
  EXPECT_FALSE(OpenCatalog("relative/catalog.json", options).has_value());
}

}  // namespace
}  // namespace stacfs::catalog
