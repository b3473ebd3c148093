// Static catalogs: the test catalog (catalog/testdata/static) served by nginx on 127.0.0.1 and
// read from disk — the same walk, the same client-side search, and CEDA-shaped reference files
// sniffed through the real fetchers.
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/content_sniff.h"
#include "core/fetch/file_fetcher.h"
#include "core/http/curl_fetcher.h"
#include "core/http/curl_http_client.h"
#include "tests/integration/stac_server_process.h"
#include "tests/support/nginx_server.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {
namespace {

using catalog::Catalog;
using catalog::SearchParams;

std::unique_ptr<Catalog> OpenLocation(const std::string& location) {
  auto http = CurlHttpClient::Create({});
  EXPECT_TRUE(http.has_value());
  catalog::CatalogOptions options;
  options.http = std::move(*http);
  options.files = std::make_shared<FileFetcher>();
  auto opened = catalog::OpenCatalog(location, options);
  EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
  return opened ? std::move(*opened) : nullptr;
}

std::vector<std::string> CollectionIds(Catalog& catalog) {
  std::vector<std::string> ids;
  auto listed = catalog.ForEachCollection([&](catalog::StacCollection c) {
    ids.push_back(c.id);
    return true;
  });
  EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
  return ids;
}

std::vector<std::string> SearchIds(Catalog& catalog, const SearchParams& params) {
  std::vector<std::string> ids;
  auto stream = catalog.Search(params);
  EXPECT_TRUE(stream.has_value()) << stream.error().ToString();
  if (!stream) return ids;
  auto done = catalog::ForEachItem(**stream, [&](catalog::StacItem& item) {
    ids.push_back(item.id);
    return true;
  });
  EXPECT_TRUE(done.has_value()) << done.error().ToString();
  return ids;
}

class StaticCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    STACFS_SKIP_UNLESS_NGINX();
    auto server = NginxServer::Start(StacServer::StaticCatalogDir());
    ASSERT_TRUE(server.has_value()) << server.error().ToString();
    nginx_ = std::move(*server);
  }
  std::unique_ptr<NginxServer> nginx_;
};

TEST_F(StaticCatalogTest, OverHttpAndFromDiskTheWalkIsTheSame) {
  for (const std::string& location :
       {nginx_->Url("catalog.json"), StacServer::StaticCatalogDir() + "/catalog.json",
        "file://" + StacServer::StaticCatalogDir() + "/catalog.json"}) {
    SCOPED_TRACE(location);
    auto catalog = OpenLocation(location);
    ASSERT_TRUE(catalog);
    EXPECT_EQ(catalog->info().kind, catalog::CatalogKind::kStatic);
    EXPECT_EQ(CollectionIds(*catalog), (std::vector<std::string>{"era5-sample", "cmip6", "deep"}));
    std::vector<std::string> all = SearchIds(*catalog, {});
    EXPECT_EQ(all.size(), 8u);
    EXPECT_EQ(all.front(), "era5-2020-01");
    EXPECT_EQ(all.back(), "d1");
  }
}

TEST_F(StaticCatalogTest, SearchIsEvaluatedOnTheClient) {
  auto catalog = OpenLocation(nginx_->Url("catalog.json"));
  ASSERT_TRUE(catalog);
  SearchParams p;
  p.bbox = *catalog::ParseBboxArgument("175,-15,-175,-12");  // across the antimeridian
  p.collections = {"era5-sample"};
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"era5-2020-03"}));
  p = {};
  p.datetime = *catalog::ParseDatetimeArgument("2020-02/2020-03");
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"era5-2020-02", "era5-2020-03"}));
  p = {};
  p.query = *catalog::ParseQueryArgument("quality>=30");
  EXPECT_EQ(SearchIds(*catalog, p), (std::vector<std::string>{"era5-2020-03", "era5-2020-04", "d1"}));
  p = {};
  p.query = *catalog::ParseQueryArgument("cmip6:variable_id=pr");
  EXPECT_EQ(SearchIds(*catalog, p),
            (std::vector<std::string>{"CMIP6.CMIP.MOHC.UKESM1-0-LL.historical.r1i1p1f2.Amon.pr.gn.v20190406"}));
  for (uint64_t n : {1u, 5u, 8u}) {
    p = {};
    p.max_items = n;
    EXPECT_EQ(SearchIds(*catalog, p).size(), n);
  }
  auto deep = catalog->Items("deep", std::nullopt);
  ASSERT_TRUE(deep.has_value());
  auto page = (*deep)->NextPage();
  ASSERT_TRUE(page.has_value() && page->has_value());
  EXPECT_EQ((**page)[0].id, "d1");
  EXPECT_EQ((**page)[0].collection, "deep");
}

TEST_F(StaticCatalogTest, CedaReferenceFilesAreSniffedNotTrusted) {
  auto catalog = OpenLocation(nginx_->Url("catalog.json"));
  ASSERT_TRUE(catalog);
  auto fetcher = CurlFetcher::Create({});
  ASSERT_TRUE(fetcher.has_value());
  auto files = std::make_shared<FileFetcher>();
  SearchParams p;
  p.collections = {"cmip6"};
  std::vector<std::string> seen;
  auto stream = catalog->Search(p);
  ASSERT_TRUE(stream.has_value());
  ASSERT_TRUE(catalog::ForEachItem(**stream, [&](catalog::StacItem& item) {
    auto products = catalog::CloudProducts(item);
    EXPECT_EQ(catalog::SummariseProducts(products),
              "kerchunk:reference_file, zarr:zstore, cfa:reference_file_2, netcdf x2");
    const catalog::CloudProduct& refs = products[0];
    EXPECT_EQ(refs.href.rfind(nginx_->Url("refs/"), 0), 0u) << refs.href;  // resolved over HTTP
    auto encoding = catalog::SniffReferenceEncoding(**fetcher, refs);
    EXPECT_TRUE(encoding.has_value()) << encoding.error().ToString();
    seen.push_back(item.Property("cmip6:variable_id")->text + "=" +
                   std::string(catalog::ReferenceEncodingName(encoding.value_or(catalog::ReferenceEncoding::kNone))) +
                   " (catalog says " + std::string(catalog::ReferenceEncodingName(refs.encoding)) + ")");
    return true;
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"tas=json (catalog says json)",
                                            "pr=zstd-json (catalog says zstd-json)",
                                            "psl=zstd-json (catalog says json)"}));
}

TEST(StaticCatalogErrorsTest, BrokenDocumentsNameTheirUrl) {
  STACFS_SKIP_UNLESS_NGINX();
  auto dir = TempDir::Create("stacfs-broken-catalog");
  ASSERT_TRUE(dir.has_value());
  ASSERT_TRUE(dir->WriteFile("catalog.json", R"({"type":"Catalog","id":"broken","description":"d",
      "links":[{"rel":"item","href":"good.json"},{"rel":"item","href":"bad.json"}]})"));
  ASSERT_TRUE(dir->WriteFile("good.json", R"({"type":"Feature","id":"good","properties":{"datetime":null}})"));
  ASSERT_TRUE(dir->WriteFile("bad.json", R"({"type":"Feature","id":"bad","properties":{"datetime":)"));
  ASSERT_TRUE(dir->WriteFile("missing-child.json", R"({"type":"Catalog","id":"m","description":"d",
      "links":[{"rel":"child","href":"nowhere/catalog.json"}]})"));
  auto nginx = NginxServer::Start(dir->path());
  ASSERT_TRUE(nginx.has_value()) << nginx.error().ToString();

  auto catalog = OpenLocation((*nginx)->Url("catalog.json"));
  ASSERT_TRUE(catalog);
  auto stream = catalog->Search({});
  ASSERT_TRUE(stream.has_value());
  auto page = (*stream)->NextPage();
  ASSERT_FALSE(page.has_value());
  EXPECT_NE(page.error().ToString().find((*nginx)->Url("bad.json") + ": malformed JSON"), std::string::npos)
      << page.error().ToString();

  auto missing = OpenLocation((*nginx)->Url("missing-child.json"));
  ASSERT_TRUE(missing);
  auto listed = missing->ForEachCollection([](catalog::StacCollection) { return true; });
  ASSERT_FALSE(listed.has_value());
  EXPECT_EQ(listed.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(listed.error().ToString().find("GET " + (*nginx)->Url("nowhere/catalog.json") + ": HTTP 404"),
            std::string::npos)
      << listed.error().ToString();
}

}  // namespace
}  // namespace stacfs::test
