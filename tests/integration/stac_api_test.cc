// The catalog client against a real STAC API server of our own (tests/servers/stac_server.py) on
// 127.0.0.1, through the real libcurl HttpClient: every paging style, every fault the issue
// names, item-search semantics, collections, and CEDA-shaped items whose reference files are
// sniffed over HTTP.
#include <gtest/gtest.h>

#include <chrono>

#include "catalog/catalog.h"
#include "catalog/content_sniff.h"
#include "core/fetch/file_fetcher.h"
#include "core/http/curl_fetcher.h"
#include "core/http/curl_http_client.h"
#include "tests/integration/stac_server_process.h"

namespace stacfs::test {
namespace {

using catalog::Catalog;
using catalog::SearchParams;
using catalog::StopReason;
using catalog::StreamStats;

class StacApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (StacServer::MissingReason()) return;
    auto started = StacServer::Start({"--synthetic", "25", "--data", StacServer::StaticCatalogDir()});
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    server_ = started->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { STACFS_SKIP_UNLESS_STAC_SERVER(); }

  static CurlHttpClient::Options FastRetries() {
    CurlHttpClient::Options options;
    options.total_deadline_ms = 20000;
    options.max_attempts = 4;
    options.backoff_initial_ms = 10;
    options.backoff_max_ms = 50;
    return options;
  }

  // Opens the server's root with the mode in `query` ("paging=post-merge&fault=429"...).
  std::unique_ptr<Catalog> Open(const std::string& query,
                                CurlHttpClient::Options http = FastRetries()) {
    auto client = CurlHttpClient::Create(http);
    EXPECT_TRUE(client.has_value());
    catalog::CatalogOptions options;
    options.http = std::move(*client);
    options.files = std::make_shared<FileFetcher>();
    auto opened = catalog::OpenCatalog(server_->Url("/" + (query.empty() ? "" : "?" + query)), options);
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return opened ? std::move(*opened) : nullptr;
  }

  struct Outcome {
    std::vector<std::string> ids;
    StreamStats stats;
    std::optional<Error> error;
  };

  static Outcome Run(Catalog& catalog, const SearchParams& params) {
    Outcome out;
    auto stream = catalog.Search(params);
    if (!stream) {
      out.error = stream.error();
      return out;
    }
    auto done = catalog::ForEachItem(**stream, [&](catalog::StacItem& item) {
      out.ids.push_back(item.id);
      return true;
    });
    if (!done) out.error = done.error();
    out.stats = (*stream)->stats();
    return out;
  }

  static std::vector<std::string> SyntheticIds(int first, int step, int last) {
    std::vector<std::string> ids;
    for (int i = first; i <= last; i += step) {
      char id[16];
      std::snprintf(id, sizeof id, "item-%04d", i);
      ids.push_back(id);
    }
    return ids;
  }

  static SearchParams SyntheticA(uint64_t limit) {
    SearchParams p;
    p.collections = {"synthetic-a"};
    p.limit = limit;
    return p;
  }

  static StacServer* server_;
};

StacServer* StacApiTest::server_ = nullptr;

TEST_F(StacApiTest, EveryPagingStyleDeliversEveryItemOnceInOrder) {
  const std::vector<std::string> all_a = SyntheticIds(0, 2, 24);
  for (const char* paging : {"get-token", "post-merge", "post-body", "no-method"}) {
    for (const char* method : {"GET", "POST"}) {
      SCOPED_TRACE(std::string(paging) + " " + method);
      auto catalog = Open(std::string("paging=") + paging);
      ASSERT_TRUE(catalog);
      SearchParams p = SyntheticA(4);
      p.method = method;
      Outcome out = Run(*catalog, p);
      ASSERT_FALSE(out.error) << out.error->ToString();
      EXPECT_EQ(out.ids, all_a);
      EXPECT_EQ(out.stats.pages, 4u);
      EXPECT_EQ(out.stats.matched.value_or(0), 13u);
      EXPECT_EQ(out.stats.stop, StopReason::kNoNextLink);
    }
  }
}

TEST_F(StacApiTest, SearchMethodComesFromTheLandingPage) {
  for (const char* methods : {"GET", "POST", "GET,POST"}) {
    auto catalog = Open(std::string("methods=") + methods);
    ASSERT_TRUE(catalog);
    Outcome out = Run(*catalog, SyntheticA(20));
    ASSERT_FALSE(out.error) << out.error->ToString();
    auto last = server_->LastSearch();
    ASSERT_TRUE(last.has_value());
    const bool post = std::string(methods) != "GET";
    EXPECT_NE(last->find(post ? "\"method\": \"POST\"" : "\"method\": \"GET\""), std::string::npos)
        << methods << ": " << *last;
  }
  auto get_only = Open("methods=GET");
  SearchParams forced = SyntheticA(5);
  forced.method = "POST";
  Outcome refused = Run(*get_only, forced);
  ASSERT_TRUE(refused.error.has_value());
  EXPECT_NE(refused.error->message().find("GET only"), std::string::npos);
}

TEST_F(StacApiTest, MaxItemsIsExactAndStopsPaging) {
  auto catalog = Open("key=max");
  SearchParams p = SyntheticA(3);
  p.max_items = 7;
  uint64_t before = *server_->Count("max");
  Outcome out = Run(*catalog, p);
  ASSERT_FALSE(out.error) << out.error->ToString();
  EXPECT_EQ(out.ids, SyntheticIds(0, 2, 12));
  EXPECT_EQ(out.stats.stop, StopReason::kMaxItems);
  EXPECT_EQ(*server_->Count("max") - before, 3u);  // pages of 3, 3, 1: no page read ahead
}

TEST_F(StacApiTest, RetryAfterIsHonouredForEveryPageOnItsOwn) {
  for (const char* status : {"429", "503"}) {
    SCOPED_TRACE(status);
    const std::string key = std::string("retry") + status;
    auto catalog = Open(std::string("paging=post-merge&fault=") + status + "&retry_after=1&key=" + key);
    auto start = std::chrono::steady_clock::now();
    Outcome out = Run(*catalog, SyntheticA(5));
    auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(out.error) << out.error->ToString();
    EXPECT_EQ(out.ids.size(), 13u);
    EXPECT_EQ(out.stats.pages, 3u);
    EXPECT_EQ(*server_->Count(key), 6u);  // each page: refused once, then served
    EXPECT_GE(elapsed, std::chrono::milliseconds(2900));  // three waits of 1 s, as asked
    EXPECT_LT(elapsed, std::chrono::seconds(15));
  }
}

TEST_F(StacApiTest, AnHtmlProxyErrorEndsWithItsWords) {
  auto catalog = Open("fault=html502&times=1000");
  Outcome out = Run(*catalog, SyntheticA(5));
  ASSERT_TRUE(out.error.has_value());
  const std::string text = out.error->ToString();
  EXPECT_EQ(out.error->code(), ErrorCode::kUnavailable);
  EXPECT_NE(text.find("POST " + server_->Url("/search?fault=html502&times=1000")), std::string::npos) << text;
  EXPECT_NE(text.find("gave up after 4 attempts"), std::string::npos) << text;
  EXPECT_NE(text.find("HTTP 502 Bad Gateway (response body: \"502 Bad Gateway 502 Bad Gateway nginx\")"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find('<'), std::string::npos) << text;
}

TEST_F(StacApiTest, ADroppedConnectionIsRetried) {
  auto catalog = Open("fault=dropped&times=2&key=dropped");
  Outcome out = Run(*catalog, SyntheticA(5));
  ASSERT_FALSE(out.error) << out.error->ToString();
  EXPECT_EQ(out.ids.size(), 13u);
  EXPECT_EQ(*server_->Count("dropped"), 9u);  // three pages, three attempts each
}

TEST_F(StacApiTest, BrokenPagesAreClearErrorsAfterTheGoodOnes) {
  struct Case {
    const char* mode;
    std::string expected;
  };
  for (const Case& c : {Case{"fault=truncated", "page 2: " + server_->Url("/search?fault=truncated") +
                                                    ": malformed JSON"},
                        Case{"fault=html200", "expected JSON, got an HTML or XML page: \"Please log in\""},
                        Case{"fault=bad_item", "'features[0].bbox' must be an array, not string"}}) {
    SCOPED_TRACE(c.mode);
    auto catalog = Open(c.mode);
    Outcome out = Run(*catalog, SyntheticA(5));
    ASSERT_TRUE(out.error.has_value());
    EXPECT_NE(out.error->ToString().find(c.expected), std::string::npos) << out.error->ToString();
    EXPECT_EQ(out.ids.size(), std::string(c.mode) == "fault=bad_item" ? 0u : 5u);
  }
}

TEST_F(StacApiTest, AnEmptyLastPageEndsPagingDespiteItsNextLink) {
  for (const char* method : {"GET", "POST"}) {
    auto catalog = Open("fault=empty_last_next");
    SearchParams p = SyntheticA(13);  // exactly one full page, then an empty one with a next
    p.method = method;
    Outcome out = Run(*catalog, p);
    ASSERT_FALSE(out.error) << out.error->ToString();
    EXPECT_EQ(out.ids.size(), 13u);
    EXPECT_EQ(out.stats.pages, 2u);
    EXPECT_EQ(out.stats.stop, StopReason::kEmptyPage);
  }
}

TEST_F(StacApiTest, ASelfReferencingNextEndsPaging) {
  for (const char* method : {"GET", "POST"}) {
    SCOPED_TRACE(method);
    auto catalog = Open("fault=self_next&key=self");
    SearchParams p = SyntheticA(4);
    p.method = method;
    uint64_t before = *server_->Count("self");
    Outcome out = Run(*catalog, p);
    ASSERT_FALSE(out.error) << out.error->ToString();
    EXPECT_EQ(out.ids, SyntheticIds(0, 2, 6));
    EXPECT_EQ(out.stats.stop, StopReason::kRepeatedRequest);
    EXPECT_EQ(*server_->Count("self") - before, 1u);
  }
}

TEST_F(StacApiTest, ANextLinkOnAnotherOriginIsRefusedNotFollowed) {
  auto catalog = Open("fault=foreign_next");
  Outcome out = Run(*catalog, SyntheticA(4));
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->code(), ErrorCode::kPermissionDenied);  // not a connection failure to it
  EXPECT_NE(out.error->ToString().find("outside the catalog's origin http://127.0.0.1:" +
                                       std::to_string(server_->port())),
            std::string::npos)
      << out.error->ToString();
  EXPECT_EQ(out.ids.size(), 4u);  // the page that carried the link was delivered
}

TEST_F(StacApiTest, EverGrowingNextLinksEndInAClearError) {
  auto catalog = Open("fault=growing_next");
  auto start = std::chrono::steady_clock::now();
  SearchParams p;  // all 33 items, one a page: the server's cycle is longer than the URL limit
  p.limit = 1;
  Outcome out = Run(*catalog, p);
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(out.error->ToString().find("keeps growing"), std::string::npos);
  EXPECT_LT(out.error->ToString().size(), 1000u);  // the huge URL is not pasted into the message
  EXPECT_LE(out.ids.size(), 17u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST_F(StacApiTest, ItemSearchSemantics) {
  auto catalog = Open("");
  for (const char* method : {"GET", "POST"}) {
    SCOPED_TRACE(method);
    SearchParams p;
    p.method = method;
    p.collections = {"synthetic-a", "synthetic-b"};
    p.datetime = *catalog::ParseDatetimeArgument("2020-01-05/2020-01-09");
    EXPECT_EQ(Run(*catalog, p).ids, SyntheticIds(4, 1, 8));

    p = {};
    p.method = method;
    p.ids = {"item-0003", "item-0010", "nope"};
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0003", "item-0010"}));

    p = {};
    p.method = method;
    p.collections = {"synthetic-b"};
    p.query = *catalog::ParseQueryArgument("n>=15");
    p.query.push_back((*catalog::ParseQueryArgument("variable=tas"))[0]);
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0015", "item-0021"}));

    p = {};
    p.method = method;
    p.collections = {"synthetic-a"};
    p.sortby = *catalog::ParseSortbyArgument("-n");
    p.max_items = 3;
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0024", "item-0022", "item-0020"}));

    p = {};
    p.method = method;
    p.collections = {"synthetic-a", "synthetic-b"};
    p.bbox = catalog::Bbox{-180, 0, -170, 5};  // items 0 [-180,0,-179,1] and 1 [-173,1,-172,2]
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0000", "item-0001"}));

    p = {};
    p.method = method;
    p.collections = {"synthetic-a", "synthetic-b"};
    p.intersects_json = R"({"type":"Point","coordinates":[-172.5,1.5]})";  // item 1
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0001"}));

    p = {};
    p.method = method;
    auto text = catalog::NormaliseFilter("n < 3 AND parity = 'odd'", std::nullopt);
    p.filter = text->first;
    p.filter_lang = text->second;
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0001"}));
    auto json = catalog::NormaliseFilter(R"({"op":"=","args":[{"property":"n"},7]})", std::nullopt);
    p.filter = json->first;
    p.filter_lang = json->second;
    EXPECT_EQ(Run(*catalog, p).ids, (std::vector<std::string>{"item-0007"}));
  }
}

TEST_F(StacApiTest, FieldsShapeWhatTheServerSends) {
  auto catalog = Open("");
  SearchParams p;
  p.ids = {"item-0002"};
  p.fields = *catalog::ParseFieldsArgument("properties.n,-assets");
  auto stream = catalog->Search(p);
  ASSERT_TRUE(stream.has_value());
  auto page = (*stream)->NextPage();
  ASSERT_TRUE(page.has_value() && page->has_value());
  const catalog::StacItem& item = (**page)[0];
  EXPECT_EQ(item.json, R"({"type":"Feature","id":"item-0002","properties":{"n":2}})");
}

TEST_F(StacApiTest, CollectionsArePagedAndCollectionItemsListed) {
  auto catalog = Open("");
  std::vector<std::string> ids;
  ASSERT_TRUE(catalog->ForEachCollection([&](catalog::StacCollection c) {
    ids.push_back(c.id);
    return true;
  }));
  EXPECT_EQ(ids, (std::vector<std::string>{"cmip6", "deep", "era5-sample", "synthetic-a", "synthetic-b"}));
  auto stream = catalog->Items("synthetic-b", 5);
  ASSERT_TRUE(stream.has_value());
  std::vector<std::string> items;
  ASSERT_TRUE(catalog::ForEachItem(**stream, [&](catalog::StacItem& item) {
    items.push_back(item.id);
    return true;
  }));
  EXPECT_EQ(items, SyntheticIds(1, 2, 23));
  EXPECT_EQ((*stream)->stats().pages, 3u);
  auto one = catalog->GetCollection("era5-sample");
  ASSERT_TRUE(one.has_value()) << one.error().ToString();
  EXPECT_EQ(one->title, "ERA5 sample");
  EXPECT_EQ(catalog->GetCollection("missing").error().code(), ErrorCode::kNotFound);
}

TEST_F(StacApiTest, ConformanceFromItsEndpointAndSearchWithoutItemSearch) {
  auto via_link = Open("conformance=link");
  EXPECT_TRUE(via_link->info().conformance.item_search);
  EXPECT_TRUE(via_link->info().conformance.filter);

  auto no_search = Open("nosearch=1");
  EXPECT_FALSE(no_search->info().search.has_value());
  SearchParams p;
  p.collections = {"synthetic-a", "synthetic-b"};
  p.query = *catalog::ParseQueryArgument("n<5");
  p.datetime = *catalog::ParseDatetimeArgument("2020-01");
  Outcome out = Run(*no_search, p);
  ASSERT_FALSE(out.error) << out.error->ToString();
  EXPECT_EQ(out.ids, (std::vector<std::string>{"item-0000", "item-0002", "item-0004", "item-0001",
                                               "item-0003"}));
}

TEST_F(StacApiTest, CedaShapedItemsAndTheirReferenceFiles) {
  auto catalog = Open("");
  SearchParams p;
  p.collections = {"cmip6"};
  auto stream = catalog->Search(p);
  ASSERT_TRUE(stream.has_value());
  auto fetcher = CurlFetcher::Create({});
  ASSERT_TRUE(fetcher.has_value());
  std::map<std::string, catalog::ReferenceEncoding> sniffed;
  ASSERT_TRUE(catalog::ForEachItem(**stream, [&](catalog::StacItem& item) {
    std::vector<catalog::CloudProduct> products = catalog::CloudProducts(item);
    EXPECT_EQ(products.size(), 5u) << item.id;  // reference_file, zstore, CFA, two netCDF files
    EXPECT_EQ(products[0].asset_key, "reference_file");
    for (const auto& product : products) EXPECT_NE(product.asset_key, "padocc_report");
    auto encoding = catalog::SniffReferenceEncoding(**fetcher, products[0]);
    EXPECT_TRUE(encoding.has_value()) << encoding.error().ToString();
    sniffed[item.Property("cmip6:variable_id")->text] = encoding.value_or(catalog::ReferenceEncoding::kNone);
    return true;
  }));
  EXPECT_EQ(sniffed["tas"], catalog::ReferenceEncoding::kJson);
  EXPECT_EQ(sniffed["pr"], catalog::ReferenceEncoding::kZstdJson);
  EXPECT_EQ(sniffed["psl"], catalog::ReferenceEncoding::kZstdJson);  // despite application/json
}

}  // namespace
}  // namespace stacfs::test
