// Clusters: CMIP6 time slices of one dataset grouped back together.
#include "catalog/clusters.h"

#include <gtest/gtest.h>

#include "catalog/stac_parse.h"

namespace stacfs::catalog {
namespace {

StacItem Cmip6Item(const std::string& id, const std::string& variable, const std::string& member,
                   const std::string& start, const std::string& end, const std::string& collection = "cmip6") {
  std::string json = R"({"type":"Feature","id":")" + id + R"(","collection":")" + collection +
                     R"(","properties":{"datetime":null,"start_datetime":")" + start +
                     R"(","end_datetime":")" + end + R"(",
      "cmip6:mip_era":"CMIP6","cmip6:activity_id":"CMIP","cmip6:institution_id":"MOHC",
      "cmip6:source_id":"UKESM1-0-LL","cmip6:experiment_id":"historical",
      "cmip6:member_id":")" + member + R"(","cmip6:table_id":"Amon",
      "cmip6:variable_id":")" + variable + R"(","cmip6:grid_label":"gn"},
      "assets":{"reference_file":{"href":"https://x/)" + id + R"(.json","type":"application/json"}}})";
  auto item = ParseItemDocument(json, "https://api.example/search");
  EXPECT_TRUE(item.has_value()) << item.error().ToString();
  return std::move(*item);
}

TEST(ClustersTest, TimeSlicesOfOneDatasetFormOneCluster) {
  ClusterBuilder builder(Cmip6ClusterProperties());
  builder.Add(Cmip6Item("tas-1950", "tas", "r1i1p1f2", "1950-01-16T00:00:00Z", "2014-12-16T00:00:00Z"));
  builder.Add(Cmip6Item("pr-1850", "pr", "r1i1p1f2", "1850-01-16T00:00:00Z", "1949-12-16T00:00:00Z"));
  builder.Add(Cmip6Item("tas-1850", "tas", "r1i1p1f2", "1850-01-16T00:00:00Z", "1949-12-16T00:00:00Z"));
  builder.Add(Cmip6Item("tas-r2", "tas", "r2i1p1f2", "1850-01-16T00:00:00Z", "1949-12-16T00:00:00Z"));
  EXPECT_EQ(builder.size(), 3u);
  std::vector<Cluster> clusters = builder.Take();
  EXPECT_EQ(builder.size(), 0u);
  ASSERT_EQ(clusters.size(), 3u);
  EXPECT_EQ(clusters[0].name, "CMIP6.CMIP.MOHC.UKESM1-0-LL.historical.r1i1p1f2.Amon.pr.gn");
  const Cluster& tas = clusters[1];
  EXPECT_EQ(tas.name, "CMIP6.CMIP.MOHC.UKESM1-0-LL.historical.r1i1p1f2.Amon.tas.gn");
  EXPECT_EQ(tas.collection, "cmip6");
  ASSERT_EQ(tas.members.size(), 2u);
  EXPECT_EQ(tas.members[0].item_id, "tas-1850");  // ordered by time, not arrival
  EXPECT_EQ(tas.members[1].item_id, "tas-1950");
  EXPECT_EQ(tas.start, "1850-01-16T00:00:00Z");
  EXPECT_EQ(tas.end, "2014-12-16T00:00:00Z");
  ASSERT_EQ(tas.members[0].products.size(), 1u);
  EXPECT_EQ(tas.members[0].products[0].kind, CloudProductKind::kKerchunk);
  ASSERT_EQ(tas.facets.size(), 9u);
  EXPECT_EQ(tas.facets[7], (std::pair<std::string, std::string>{"cmip6:variable_id", "tas"}));
  EXPECT_EQ(clusters[2].members[0].item_id, "tas-r2");
}

TEST(ClustersTest, CollectionsAndMissingPropertiesSeparateClusters) {
  ClusterBuilder builder({"cmip6:variable_id", "nope"});
  builder.Add(Cmip6Item("a", "tas", "r1", "2000-01-01T00:00:00Z", "2000-12-31T00:00:00Z", "one"));
  builder.Add(Cmip6Item("b", "tas", "r1", "2000-01-01T00:00:00Z", "2000-12-31T00:00:00Z", "two"));
  std::vector<Cluster> clusters = builder.Take();
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].collection, "one");
  EXPECT_EQ(clusters[0].name, "tas.none");
  EXPECT_EQ(clusters[0].facets[1].second, "none");
}

TEST(ClustersTest, NamesAreSafePathComponents) {
  EXPECT_EQ(SafeNameComponent("a/b"), "a_b");
  EXPECT_EQ(SafeNameComponent(".."), "_..");
  EXPECT_EQ(SafeNameComponent(""), "_");
  EXPECT_EQ(SafeNameComponent(std::string("x\ny", 3)), "x_y");
  ClusterBuilder builder({"cmip6:variable_id"});
  builder.Add(Cmip6Item("a", "../../etc", "r1", "2000-01-01T00:00:00Z", "2000-12-31T00:00:00Z"));
  EXPECT_EQ(builder.Take()[0].name, ".._.._etc");
}

}  // namespace
}  // namespace stacfs::catalog
