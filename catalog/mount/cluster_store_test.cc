// Clusters through the whole tree: netCDF files made by ncgen, converted to Kerchunk references
// by the converter, published as items of a static catalog, grouped by properties and combined
// along time into one store — and refused, naming the items, when they do not fit together.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "catalog/mount/catalog_tree.h"
#include "catalog/mount/test_catalog.h"
#include "converter/array_reader.h"
#include "converter/dataset_from_references.h"
#include "converter/reference_writer.h"
#include "converter/source_file.h"
#include "core/fetch/file_fetcher.h"
#include "core/kerchunk/reference_file.h"
#include "core/zarr/array_metadata.h"
#include "tests/support/run_command.h"
#include "tests/support/scoped_process.h"
#include "tests/support/temp_dir.h"

namespace stacfs::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Describe;
using testing::FindEntry;
using testing::TestAsset;
using testing::TestCatalogJson;
using testing::TestCollectionJson;
using testing::TestItemJson;
using testing::WriteTestFile;

const std::string kNcgen = "/usr/bin/ncgen";

// Two time steps starting at `first_day`; tas = 100 * first_day + position, lat 2 × lon 3.
// `variable` renames tas, to make a member that does not fit.
std::string Cdl(int first_day, const std::string& variable = "tas") {
  std::string values;
  for (int i = 0; i < 12; ++i) values += (i ? ", " : "") + std::to_string(100 * first_day + i);
  return "netcdf m {\n"
         "dimensions:\n  time = UNLIMITED ;\n  lat = 2 ;\n  lon = 3 ;\n"
         "variables:\n"
         "  double time(time) ;\n    time:units = \"days since 2000-01-01\" ;\n"
         "    time:calendar = \"standard\" ;\n"
         "  float lat(lat) ;\n  float lon(lon) ;\n"
         "  float " + variable + "(time, lat, lon) ;\n    " + variable + ":units = \"K\" ;\n"
         "data:\n"
         "  time = " + std::to_string(first_day) + ", " + std::to_string(first_day + 1) + " ;\n"
         "  lat = 10, 20 ;\n  lon = 0, 1, 2 ;\n"
         "  " + variable + " = " + values + " ;\n}\n";
}

class ClusterStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::IsExecutable(kNcgen)) GTEST_SKIP() << kNcgen << " is not installed (netcdf-bin)";
    auto dir = test::TempDir::Create("cluster-store");
    ASSERT_TRUE(dir) << dir.error().ToString();
    dir_ = std::make_unique<test::TempDir>(std::move(*dir));
    root_ = dir_->path();
  }

  // data/<name>.nc from CDL by ncgen, and refs/<name>.json from it by the converter (no chunk
  // inlined, so the combined store must point into every file).
  void MakeMember(const std::string& name, int first_day, const std::string& variable = "tas") {
    std::string cdl_path = root_ + "/data/" + name + ".cdl";
    std::string nc_path = root_ + "/data/" + name + ".nc";
    WriteTestFile(cdl_path, Cdl(first_day, variable));
    test::CommandResult made = test::RunCommand(*dir_, {kNcgen, "-k", "classic", "-o", nc_path, cdl_path});
    ASSERT_EQ(made.exit_code, 0) << made.output;
    converter::ReadOptions read;
    read.url = nc_path;
    auto dataset = converter::ReadSourceFile(nc_path, read);
    ASSERT_TRUE(dataset) << dataset.error().ToString();
    FileFetcher files;
    converter::WriteOptions write;
    write.inline_threshold = 0;
    auto refs = converter::ToReferenceSet(*dataset, files, write);
    ASSERT_TRUE(refs) << refs.error().ToString();
    std::filesystem::create_directories(root_ + "/refs");
    ASSERT_TRUE(WriteReferencesFile(*refs, root_ + "/refs/" + name + ".json"));
  }

  // An item of collection `collection` in <collection>/<id>.json.
  void WriteItem(const std::string& collection, const std::string& id, const std::string& datetime,
                 const std::string& source_id, bool with_references = true) {
    std::vector<TestAsset> assets;
    if (with_references) assets.push_back({"reference_file", "../refs/" + id + ".json", "application/json", ""});
    assets.push_back({"data0001", "../data/" + id + ".nc", "application/netcdf", ""});
    WriteTestFile(root_ + "/" + collection + "/" + id + ".json",
                  TestItemJson(id, collection, datetime, assets,
                               R"("cmip6:source_id":")" + source_id + R"(","cmip6:experiment_id":"historical")"));
  }

  std::shared_ptr<fs::DirectorySource> Tree() {
    catalog_ = testing::OpenTestCatalog(root_ + "/catalog.json");
    CatalogTreeOptions options;
    options.fetcher = std::make_shared<FileFetcher>();
    options.cluster_properties = {"cmip6:source_id", "cmip6:experiment_id"};
    return MakeCatalogTree(catalog_, std::move(options));
  }

  std::unique_ptr<test::TempDir> dir_;
  std::string root_;
  std::shared_ptr<Catalog> catalog_;
};

// The values of `path` in `refs`, read through the references (from the netCDF files).
std::vector<double> Values(const ReferenceSet& refs, const std::string& path) {
  auto dataset = converter::DatasetFromReferences(refs);
  EXPECT_TRUE(dataset) << dataset.error().ToString();
  if (!dataset) return {};
  for (const converter::Variable& variable : dataset->variables) {
    if (variable.path != path) continue;
    FileFetcher files;
    auto raw = converter::ReadWholeArray(*dataset, variable, files, 1 << 20);
    EXPECT_TRUE(raw) << raw.error().ToString();
    if (!raw) return {};
    auto values = converter::ToDoubles(*raw, variable.zarray.dtype);
    EXPECT_TRUE(values) << values.error().ToString();
    return values ? *values : std::vector<double>();
  }
  ADD_FAILURE() << "no variable " << path;
  return {};
}

TEST_F(ClusterStoreTest, ThreeItemsBecomeOneStoreAlongTime) {
  MakeMember("m1", 0);
  MakeMember("m2", 2);
  MakeMember("m3", 4);
  MakeMember("o1", 10);
  WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"cmip6/collection.json"}));
  // Listed out of time order: the store must still be in time order.
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m3.json", "m1.json", "o1.json", "m2.json"}));
  WriteItem("cmip6", "m1", "2000-01-01T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m2", "2000-01-03T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m3", "2000-01-05T00:00:00Z", "ModelA");
  WriteItem("cmip6", "o1", "2000-01-11T00:00:00Z", "ModelB");

  auto root = Tree();
  auto collection = FindEntry(*root, "cmip6");
  ASSERT_TRUE(collection);
  EXPECT_THAT(Describe(*collection->directory),
              ElementsAre("collection.json:doc", "m3:dir", "m1:dir", "o1:dir", "m2:dir", "clusters:dir"));
  auto clusters = FindEntry(*root, "cmip6/clusters");
  ASSERT_TRUE(clusters);
  EXPECT_THAT(Describe(*clusters->directory), ElementsAre("ModelA:dir", "ModelB:dir"));
  auto model_a = FindEntry(*root, "cmip6/clusters/ModelA");
  ASSERT_TRUE(model_a);
  EXPECT_THAT(Describe(*model_a->directory), ElementsAre("historical:dir"));

  auto store = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  ASSERT_TRUE(store && store->kind == fs::TreeEntry::Kind::kStore);
  auto loaded = store->store->Load();
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  const ReferenceSet& refs = **loaded;

  auto zarray = refs.Find("tas/.zarray");
  ASSERT_TRUE(zarray);
  auto metadata = ParseArrayMetadata(zarray->data, "tas/.zarray");
  ASSERT_TRUE(metadata) << metadata.error().ToString();
  EXPECT_THAT(metadata->shape, ElementsAre(6u, 2u, 3u));
  EXPECT_THAT(metadata->chunks, ElementsAre(1u, 2u, 3u));
  EXPECT_THAT(Values(refs, "time"), ElementsAre(0, 1, 2, 3, 4, 5));
  EXPECT_THAT(Values(refs, "lat"), ElementsAre(10, 20));

  // Every step's chunk points into the file it came from, at the right values.
  std::vector<double> expected;
  for (int day : {0, 2, 4}) {
    for (int i = 0; i < 12; ++i) expected.push_back(100 * day + i);
  }
  EXPECT_EQ(Values(refs, "tas"), expected);
  auto last = refs.Find("tas/5.0.0");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->kind, Reference::Kind::kRange);
  EXPECT_EQ(last->url, root_ + "/data/m3.nc");

  // A cluster of one item is that item's references, as published.
  auto single = FindEntry(*root, "cmip6/clusters/ModelB/historical/dataset.zarr");
  ASSERT_TRUE(single);
  auto single_refs = single->store->Load();
  ASSERT_TRUE(single_refs) << single_refs.error().ToString();
  EXPECT_THAT(Values(**single_refs, "time"), ElementsAre(10, 11));
}

TEST_F(ClusterStoreTest, ItemsWithDifferentVariablesAreRefusedByName) {
  MakeMember("m1", 0);
  MakeMember("m2", 2);
  MakeMember("odd", 4, "pr");
  WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"cmip6/collection.json"}));
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m1.json", "m2.json", "odd.json"}));
  WriteItem("cmip6", "m1", "2000-01-01T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m2", "2000-01-03T00:00:00Z", "ModelA");
  WriteItem("cmip6", "odd", "2000-01-05T00:00:00Z", "ModelA");

  auto root = Tree();
  auto store = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  ASSERT_TRUE(store);
  auto loaded = store->store->Load();
  ASSERT_FALSE(loaded);
  const std::string message = loaded.error().ToString();
  EXPECT_THAT(message, HasSubstr("cluster 'ModelA.historical' of collection 'cmip6' (m1, m2, odd)"));
  EXPECT_THAT(message, HasSubstr("cannot be combined into one dataset along 'time'"));
  EXPECT_THAT(message, HasSubstr("item 'odd' has different variables from item 'm1'"));
  EXPECT_THAT(message, HasSubstr("missing: tas"));
  EXPECT_THAT(message, HasSubstr("extra: pr"));
}

TEST_F(ClusterStoreTest, OverlappingTimesAreRefused) {
  MakeMember("m1", 0);
  MakeMember("m2", 1);  // days 1 and 2: day 1 is m1's too
  WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"cmip6/collection.json"}));
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m1.json", "m2.json"}));
  WriteItem("cmip6", "m1", "2000-01-01T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m2", "2000-01-02T00:00:00Z", "ModelA");
  auto root = Tree();
  auto store = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  ASSERT_TRUE(store);
  auto loaded = store->store->Load();
  ASSERT_FALSE(loaded);
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("(m1, m2)"));
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("item 'm2' overlaps item 'm1' along 'time'"));
}

TEST_F(ClusterStoreTest, MembersWithoutReferencesAreNamed) {
  MakeMember("m1", 0);
  MakeMember("m2", 2);
  WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"cmip6/collection.json"}));
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m1.json", "m2.json"}));
  WriteItem("cmip6", "m1", "2000-01-01T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m2", "2000-01-03T00:00:00Z", "ModelA", /*with_references=*/false);
  auto root = Tree();
  auto store = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  ASSERT_TRUE(store);
  auto loaded = store->store->Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), ErrorCode::kUnsupported);
  EXPECT_THAT(loaded.error().ToString(), HasSubstr("(m1, m2) cannot be combined into one dataset: item m2 has no Kerchunk reference file"));
}

TEST_F(ClusterStoreTest, RelistingKeepsAnUnchangedClusterStore) {
  MakeMember("m1", 0);
  MakeMember("m2", 2);
  WriteTestFile(root_ + "/catalog.json", TestCatalogJson({"cmip6/collection.json"}));
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m1.json", "m2.json"}));
  WriteItem("cmip6", "m1", "2000-01-01T00:00:00Z", "ModelA");
  WriteItem("cmip6", "m2", "2000-01-03T00:00:00Z", "ModelA");
  auto root = Tree();
  auto first = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  auto second = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->store, second->store);
  auto clusters_first = FindEntry(*root, "cmip6/clusters");
  auto clusters_second = FindEntry(*root, "cmip6/clusters");
  ASSERT_TRUE(clusters_first && clusters_second);
  EXPECT_EQ(clusters_first->directory, clusters_second->directory);

  // A new member makes a new store; the other cluster's store is kept.
  MakeMember("n1", 0);
  WriteTestFile(root_ + "/cmip6/collection.json", TestCollectionJson("cmip6", {"m1.json", "m2.json", "n1.json"}));
  WriteItem("cmip6", "n1", "2000-01-01T00:00:00Z", "ModelN");
  auto kept = FindEntry(*root, "cmip6/clusters/ModelA/historical/dataset.zarr");
  auto added = FindEntry(*root, "cmip6/clusters/ModelN/historical/dataset.zarr");
  ASSERT_TRUE(kept && added);
  EXPECT_EQ(kept->store, first->store);
  auto clusters_third = FindEntry(*root, "cmip6/clusters");
  ASSERT_TRUE(clusters_third);
  EXPECT_NE(clusters_third->directory, clusters_first->directory);
}

}  // namespace
}  // namespace stacfs::catalog
