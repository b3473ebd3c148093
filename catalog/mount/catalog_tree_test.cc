// The tree a mount shows for a small static catalog written as files: names and kinds of every
// entry, the documents' content, the stores behind the entries, search restriction, reuse of
// unchanged directories across listings, and errors naming the collection.
#include "catalog/mount/catalog_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zstd.h>

#include <atomic>
#include <thread>

#include "catalog/mount/test_catalog.h"
#include "core/fetch/file_fetcher.h"
#include "core/json/json.h"
#include "tests/support/temp_dir.h"

namespace stacfs::catalog {
namespace {

using ::testing::ElementsAre;
using testing::Describe;
using testing::FindEntry;
using testing::TestAsset;
using testing::TestCatalogJson;
using testing::TestCollectionJson;
using testing::TestItemJson;
using testing::WriteTestFile;

constexpr const char* kRefs =
    R"({"version":1,"refs":{".zgroup":"{\"zarr_format\":2}",)"
    R"("x/.zarray":"{\"chunks\":[1],\"compressor\":null,\"dtype\":\"<f4\",\"fill_value\":null,\"filters\":null,\"order\":\"C\",\"shape\":[1],\"zarr_format\":2}",)"
    R"("x/.zattrs":"{\"_ARRAY_DIMENSIONS\":[\"x\"]}","x/0":"base64:AACAPw=="}})";

constexpr const char* kZmetadata =
    R"({"metadata":{".zgroup":{"zarr_format":2},)"
    R"("v/.zarray":{"chunks":[2,2],"compressor":null,"dtype":"<f4","fill_value":"NaN","filters":null,"order":"C","shape":[3,4],"zarr_format":2},)"
    R"("v/.zattrs":{"_ARRAY_DIMENSIONS":["y","x"]}},"zarr_consolidated_format":1})";

std::string Zstd(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// root/catalog.json
//   alpha/collection.json   a1 (Kerchunk JSON, netCDF with file:size, padocc report)
//                           a2 (Kerchunk Parquet, Zarr store, two netCDF files)
//   beta/collection.json    b1 (Kerchunk zstd, eo:cloud_cover 5), b2 (remote netCDF, 50)
class CatalogTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("catalog-tree");
    ASSERT_TRUE(dir) << dir.error().ToString();
    dir_ = std::make_unique<test::TempDir>(std::move(*dir));
    root_ = dir_->path();
    WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"alpha/collection.json", "./beta/collection.json"}));
    WriteTestFile(root_ + "/alpha/collection.json", TestCollectionJson("alpha", {"a1/a1.json", "a2/a2.json"}));
    WriteA1("");
    WriteTestFile(root_ + "/alpha/a1/refs.json", kRefs);
    WriteTestFile(root_ + "/alpha/a2/a2.json",
                  TestItemJson("a2", "alpha", "2001-01-01T00:00:00Z",
                               {{"reference_file", "./refs.parq", "application/vnd.apache.parquet", ""},
                                {"zstore", "./store.zarr/", "application/vnd+zarr", ""},
                                {"data0001", "../../data/a2_x.nc", "application/netcdf", ""},
                                {"data0002", "../../data/a2_y.nc", "application/netcdf", ""}}));
    WriteTestFile(root_ + "/alpha/a2/store.zarr/.zmetadata", kZmetadata);
    WriteTestFile(root_ + "/beta/collection.json", TestCollectionJson("beta", {"b1/b1.json", "b2/b2.json"}));
    WriteTestFile(root_ + "/beta/b1/b1.json",
                  TestItemJson("b1", "beta", "2002-01-01T00:00:00Z",
                               {{"reference_file", "./b1.json.zst", "application/zstd", ""}},
                               R"("eo:cloud_cover":5)"));
    WriteTestFile(root_ + "/beta/b1/b1.json.zst", Zstd(kRefs));
    WriteTestFile(root_ + "/beta/b2/b2.json",
                  TestItemJson("b2", "beta", "2003-01-01T00:00:00Z",
                               {{"data0001", "https://data.example.org/b2.nc", "application/x-netcdf", ""}},
                               R"("eo:cloud_cover":50)"));
  }

  void WriteA1(const std::string& extra_properties) {
    WriteTestFile(root_ + "/alpha/a1/a1.json",
                  TestItemJson("a1", "alpha", "2000-01-01T00:00:00Z",
                               {{"reference_file", "./refs.json", "application/json", ""},
                                {"data0001", "../../data/a1_2000.nc", "application/netcdf", R"("file:size":1234)"},
                                {"padocc_report", "./report.json", "application/json", R"("roles":["reference"])"}},
                               extra_properties));
  }

  std::shared_ptr<fs::DirectorySource> Tree(std::optional<SearchParams> search = std::nullopt,
                                           Logger logger = Logger()) {
    catalog_ = testing::OpenTestCatalog(root_ + "/catalog.json");
    CatalogTreeOptions options;
    options.fetcher = std::make_shared<FileFetcher>();
    options.search = std::move(search);
    options.logger = std::move(logger);
    options.ttl = std::chrono::seconds(5);
    return MakeCatalogTree(catalog_, std::move(options));
  }

  std::shared_ptr<fs::DirectorySource> Directory(fs::DirectorySource& root, const std::string& path) {
    auto entry = FindEntry(root, path);
    if (!entry || entry->kind != fs::TreeEntry::Kind::kDirectory) return std::make_shared<fs::FixedDirectory>(std::vector<fs::TreeEntry>{});
    return entry->directory;
  }

  std::unique_ptr<test::TempDir> dir_;
  std::string root_;
  std::shared_ptr<Catalog> catalog_;
};

TEST_F(CatalogTreeTest, ListsCollectionsItemsStoresAndFiles) {
  auto root = Tree();
  EXPECT_THAT(Describe(*root), ElementsAre("alpha:dir", "beta:dir"));
  EXPECT_EQ(root->ttl(), std::chrono::seconds(5));
  EXPECT_THAT(Describe(*Directory(*root, "alpha")), ElementsAre("collection.json:doc", "a1:dir", "a2:dir"));
  // The padocc report is not data: no entry.
  EXPECT_THAT(Describe(*Directory(*root, "alpha/a1")),
              ElementsAre("item.json:doc", "reference_file.zarr:store", "a1_2000.nc:file"));
  EXPECT_THAT(Describe(*Directory(*root, "alpha/a2")),
              ElementsAre("item.json:doc", "reference_file.zarr.ERROR.txt:doc", "zstore.zarr:store",
                          "a2_x.nc:file", "a2_y.nc:file"));
  EXPECT_THAT(Describe(*Directory(*root, "beta")), ElementsAre("collection.json:doc", "b1:dir", "b2:dir"));
  EXPECT_THAT(Describe(*Directory(*root, "beta/b1")), ElementsAre("item.json:doc", "reference_file.zarr:store"));
  EXPECT_THAT(Describe(*Directory(*root, "beta/b2")), ElementsAre("item.json:doc", "b2.nc:file"));
}

TEST_F(CatalogTreeTest, RemoteFilesCarryUrlAndStatedSize) {
  auto root = Tree();
  auto a1 = FindEntry(*root, "alpha/a1/a1_2000.nc");
  ASSERT_TRUE(a1);
  EXPECT_EQ(a1->url, root_ + "/data/a1_2000.nc");
  EXPECT_EQ(a1->size, std::optional<uint64_t>(1234));
  auto a2 = FindEntry(*root, "alpha/a2/a2_y.nc");
  ASSERT_TRUE(a2);
  EXPECT_EQ(a2->url, root_ + "/data/a2_y.nc");
  EXPECT_EQ(a2->size, std::nullopt);
  auto b2 = FindEntry(*root, "beta/b2/b2.nc");
  ASSERT_TRUE(b2);
  EXPECT_EQ(b2->url, "https://data.example.org/b2.nc");
}

TEST_F(CatalogTreeTest, DocumentsAreTheCatalogsJson) {
  auto root = Tree();
  auto item = FindEntry(*root, "alpha/a1/item.json");
  ASSERT_TRUE(item && item->content);
  // The item exactly as the catalog client read it (hrefs resolved).
  auto stream = catalog_->Items("alpha", std::nullopt);
  ASSERT_TRUE(stream);
  std::string expected;
  ASSERT_TRUE(ForEachItem(**stream, [&](StacItem& i) {
    if (i.id == "a1") expected = i.json + "\n";
    return true;
  }));
  EXPECT_EQ(*item->content, expected);
  JsonDocument document;
  auto parsed = document.Parse(*item->content, "item.json");
  ASSERT_TRUE(parsed);
  std::string_view id, href;
  EXPECT_EQ((*parsed)["id"].get(id), simdjson::SUCCESS);
  EXPECT_EQ(id, "a1");
  EXPECT_EQ((*parsed)["assets"]["data0001"]["href"].get(href), simdjson::SUCCESS);
  EXPECT_EQ(href, root_ + "/data/a1_2000.nc");

  auto collection = FindEntry(*root, "beta/collection.json");
  ASSERT_TRUE(collection && collection->content);
  auto from_catalog = catalog_->GetCollection("beta");
  ASSERT_TRUE(from_catalog);
  EXPECT_EQ(*collection->content, from_catalog->json + "\n");
}

TEST_F(CatalogTreeTest, StoresLoadTheirReferences) {
  auto root = Tree();
  auto json_store = FindEntry(*root, "alpha/a1/reference_file.zarr");
  ASSERT_TRUE(json_store && json_store->store);
  EXPECT_EQ(json_store->store->Describe(), root_ + "/alpha/a1/refs.json");
  auto refs = json_store->store->Load();
  ASSERT_TRUE(refs) << refs.error().ToString();
  EXPECT_TRUE((*refs)->Contains("x/0"));

  // Compressed by zstd: recognised by its magic bytes.
  auto zstd_store = FindEntry(*root, "beta/b1/reference_file.zarr");
  ASSERT_TRUE(zstd_store && zstd_store->store);
  auto zrefs = zstd_store->store->Load();
  ASSERT_TRUE(zrefs) << zrefs.error().ToString();
  EXPECT_TRUE((*zrefs)->Contains("x/.zarray"));

  auto zarr = FindEntry(*root, "alpha/a2/zstore.zarr");
  ASSERT_TRUE(zarr && zarr->store);
  auto zarr_refs = zarr->store->Load();
  ASSERT_TRUE(zarr_refs) << zarr_refs.error().ToString();
  auto chunk = (*zarr_refs)->Find("v/1.1");
  ASSERT_TRUE(chunk);
  EXPECT_EQ(chunk->kind, Reference::Kind::kWholeObject);
  EXPECT_EQ(chunk->url, root_ + "/alpha/a2/store.zarr/v/1.1");
}

TEST_F(CatalogTreeTest, ParquetReferencesExplainThemselves) {
  auto root = Tree();
  auto error = FindEntry(*root, "alpha/a2/reference_file.zarr.ERROR.txt");
  ASSERT_TRUE(error && error->content);
  EXPECT_NE(error->content->find("Parquet"), std::string::npos) << *error->content;
  EXPECT_NE(error->content->find("not supported"), std::string::npos) << *error->content;
  EXPECT_NE(error->content->find(root_ + "/alpha/a2/refs.parq"), std::string::npos) << *error->content;
}

TEST_F(CatalogTreeTest, SearchRestrictsCollectionsAndItems) {
  auto named = ParseMountSearch("collections=beta;query=eo:cloud_cover<10");
  ASSERT_TRUE(named) << named.error().ToString();
  auto root = Tree(*named);
  EXPECT_THAT(Describe(*root), ElementsAre("beta:dir"));
  EXPECT_THAT(Describe(*Directory(*root, "beta")), ElementsAre("collection.json:doc", "b1:dir"));

  // Without collections: every collection, each holding what the search matches in it.
  auto anywhere = ParseMountSearch("query=eo:cloud_cover<10");
  ASSERT_TRUE(anywhere) << anywhere.error().ToString();
  root = Tree(*anywhere);
  EXPECT_THAT(Describe(*root), ElementsAre("alpha:dir", "beta:dir"));
  EXPECT_THAT(Describe(*Directory(*root, "alpha")), ElementsAre("collection.json:doc"));
  EXPECT_THAT(Describe(*Directory(*root, "beta")), ElementsAre("collection.json:doc", "b1:dir"));

  auto by_time = ParseMountSearch("datetime=2000/2001-06");
  ASSERT_TRUE(by_time) << by_time.error().ToString();
  root = Tree(*by_time);
  EXPECT_THAT(Describe(*Directory(*root, "alpha")), ElementsAre("collection.json:doc", "a1:dir", "a2:dir"));
  EXPECT_THAT(Describe(*Directory(*root, "beta")), ElementsAre("collection.json:doc"));
}

TEST_F(CatalogTreeTest, SearchNamingAMissingCollectionShowsTheOthers) {
  auto search = ParseMountSearch("collections=nope,alpha");
  ASSERT_TRUE(search);
  auto sink = std::make_shared<MemoryLogSink>();
  auto root = Tree(*search, Logger(sink, LogLevel::kWarning));
  EXPECT_THAT(Describe(*root), ElementsAre("alpha:dir"));
  auto entries = sink->entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].message.find("'nope'"), std::string::npos) << entries[0].message;
}

TEST_F(CatalogTreeTest, RelistingKeepsWhatDidNotChange) {
  auto root = Tree();
  auto first = root->List();
  auto again = root->List();
  ASSERT_TRUE(first && again);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].directory, (*again)[0].directory);
  auto alpha = (*first)[0].directory;

  auto before = alpha->List();
  ASSERT_TRUE(before);
  ASSERT_EQ(before->size(), 3u);
  WriteA1(R"("version":2)");  // a1 changed in the catalog; a2 did not
  auto after = alpha->List();
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 3u);
  EXPECT_NE((*before)[1].directory, (*after)[1].directory);
  EXPECT_EQ((*before)[2].directory, (*after)[2].directory);
  auto item = FindEntry(*(*after)[1].directory, "item.json");
  ASSERT_TRUE(item && item->content);
  EXPECT_NE(item->content->find("\"version\":2"), std::string::npos);
  EXPECT_EQ((*before)[0].content, (*after)[0].content);  // collection.json unchanged

  // A collection whose document changed keeps its directory (and what is below it); only its
  // collection.json is new.
  WriteTestFile(root_ + "/alpha/collection.json",
                std::string(R"({"type":"Collection","stac_version":"1.0.0","id":"alpha","description":"updated",)") +
                    R"("license":"CC-BY-4.0","extent":{"spatial":{"bbox":[[-180,-90,180,90]]},"temporal":{"interval":[[null,null]]}},)" +
                    R"("links":[{"rel":"item","href":"a1/a1.json"},{"rel":"item","href":"a2/a2.json"}]})");
  auto relisted = root->List();
  ASSERT_TRUE(relisted);
  EXPECT_EQ((*relisted)[0].directory, alpha);
  auto refreshed = alpha->List();
  ASSERT_TRUE(refreshed);
  ASSERT_EQ(refreshed->size(), 3u);
  EXPECT_NE((*refreshed)[0].content->find("\"updated\""), std::string::npos);
  EXPECT_EQ((*refreshed)[2].directory, (*after)[2].directory);
}

TEST_F(CatalogTreeTest, ListingErrorsNameTheCollectionAndCatalog) {
  WriteTestFile(root_ + "/catalog.json",
                TestCatalogJson({"alpha/collection.json", "beta/collection.json", "gamma/collection.json"}));
  WriteTestFile(root_ + "/gamma/collection.json", TestCollectionJson("gamma", {"g1/missing.json"}));
  auto root = Tree();
  EXPECT_THAT(Describe(*root), ElementsAre("alpha:dir", "beta:dir", "gamma:dir"));
  auto gamma = FindEntry(*root, "gamma");
  ASSERT_TRUE(gamma);
  auto listed = gamma->directory->List();
  ASSERT_FALSE(listed);
  std::string message = listed.error().ToString();
  EXPECT_NE(message.find("collection 'gamma'"), std::string::npos) << message;
  EXPECT_NE(message.find(root_ + "/catalog.json"), std::string::npos) << message;
  // The rest of the tree is unaffected.
  EXPECT_THAT(Describe(*Directory(*root, "beta")), ElementsAre("collection.json:doc", "b1:dir", "b2:dir"));
}

// Different directories are listed at once (fs never lists one directory twice at once).
TEST_F(CatalogTreeTest, DirectoriesListConcurrently) {
  auto root = Tree();
  std::vector<std::shared_ptr<fs::DirectorySource>> directories = {
      root, Directory(*root, "alpha"), Directory(*root, "beta"), Directory(*root, "alpha/a2")};
  const size_t expected[] = {2, 3, 3, 5};
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (size_t t = 0; t < directories.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto listed = directories[t]->List();
        if (!listed || listed->size() != expected[t]) failures++;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace stacfs::catalog
