// Cloud products of an item: CEDA's conventions, the generic hints, what is skipped, and the
// priority order.
#include "catalog/asset_classifier.h"

#include <gtest/gtest.h>

#include "catalog/stac_parse.h"

namespace stacfs::catalog {
namespace {

// The shape of a CMIP6 item of CEDA's STAC API (https://api.stac.ceda.ac.uk).
const char* kCedaItem = R"({
  "type": "Feature", "stac_version": "1.0.0",
  "id": "CMIP6.CMIP.MOHC.UKESM1-0-LL.historical.r1i1p1f2.Amon.tas.gn.v20190406",
  "collection": "cmip6", "bbox": [-180, -90, 180, 90], "geometry": null,
  "properties": {"datetime": null, "start_datetime": "1850-01-16T00:00:00Z",
                 "end_datetime": "2014-12-16T00:00:00Z", "cmip6:variable_id": "tas"},
  "links": [],
  "assets": {
    "padocc_report": {"href": "https://dap.ceda.ac.uk/reports/tas.json", "type": "application/json",
                      "roles": ["reference"]},
    "data0001": {"href": "https://dap.ceda.ac.uk/badc/cmip6/tas_185001-194912.nc",
                 "type": "application/netcdf", "roles": ["data"]},
    "data0002": {"href": "https://dap.ceda.ac.uk/badc/cmip6/tas_195001-201412.nc",
                 "type": "application/netcdf", "roles": ["data"]},
    "thumbnail": {"href": "https://dap.ceda.ac.uk/quicklooks/tas.png", "type": "image/png",
                  "roles": ["thumbnail"]},
    "cog": {"href": "https://dap.ceda.ac.uk/cog/tas.tif", "type": "image/tiff; application=geotiff"},
    "reference_file_2": {"href": "https://dap.ceda.ac.uk/cfa/tas.nca", "type": "application/netcdf"},
    "zstore": {"href": "https://object-store.ceda.ac.uk/cmip6/tas.zarr", "type": "application/vnd+zarr"},
    "reference_file": {"href": "https://dap.ceda.ac.uk/kerchunk/tas_kr1.0.json.zst",
                       "type": "application/zstd", "roles": ["references", "data"]}
  }})";

StacItem Parse(const std::string& json) {
  auto item = ParseItemDocument(json, "https://api.example/search");
  EXPECT_TRUE(item.has_value()) << item.error().ToString();
  return item ? std::move(*item) : StacItem{};
}

TEST(AssetClassifierTest, CedaItemInPriorityOrder) {
  std::vector<CloudProduct> products = CloudProducts(Parse(kCedaItem));
  std::vector<std::string> order;
  for (const CloudProduct& p : products) {
    order.push_back(std::string(CloudProductKindName(p.kind)) + ":" + p.asset_key);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"kerchunk:reference_file", "zarr:zstore",
                                             "cfa:reference_file_2", "netcdf:data0001",
                                             "netcdf:data0002", "cog:cog"}));
  EXPECT_EQ(products[0].encoding, ReferenceEncoding::kZstdJson);
  EXPECT_EQ(products[0].reason, "key reference_file");
  EXPECT_EQ(products[0].href, "https://dap.ceda.ac.uk/kerchunk/tas_kr1.0.json.zst");
  EXPECT_EQ(SummariseProducts(products),
            "kerchunk:reference_file, zarr:zstore, cfa:reference_file_2, cog:cog, netcdf x2");
}

TEST(AssetClassifierTest, PadoccReportAndThumbnailsAreNotData) {
  StacAsset report{"padocc_report", "https://x/r.json", "application/json", "", {"reference"}, ""};
  std::string why;
  EXPECT_FALSE(ClassifyAsset(report, &why).has_value());
  EXPECT_NE(why.find("padocc"), std::string::npos);
  StacAsset thumbnail{"preview", "https://x/p.json", "", "", {"thumbnail"}, ""};
  EXPECT_FALSE(ClassifyAsset(thumbnail).has_value());
  StacAsset metadata{"meta", "https://x/meta.json", "application/json", "", {"metadata"}, ""};
  EXPECT_FALSE(ClassifyAsset(metadata, &why).has_value());
  EXPECT_EQ(why, "role metadata");
  StacAsset html{"landing", "https://x/index.html", "text/html", "", {}, ""};
  EXPECT_FALSE(ClassifyAsset(html).has_value());
  StacAsset unknown{"blob", "https://x/blob.bin", "application/octet-stream", "", {}, ""};
  EXPECT_FALSE(ClassifyAsset(unknown).has_value());
}

struct Case {
  StacAsset asset;
  CloudProductKind kind;
  ReferenceEncoding encoding;
  std::string reason;
};

class GenericHintsTest : public ::testing::TestWithParam<Case> {};

TEST_P(GenericHintsTest, Recognised) {
  auto product = ClassifyAsset(GetParam().asset);
  ASSERT_TRUE(product.has_value()) << GetParam().asset.key;
  EXPECT_EQ(product->kind, GetParam().kind) << GetParam().asset.key;
  EXPECT_EQ(product->encoding, GetParam().encoding) << GetParam().asset.key;
  EXPECT_EQ(product->reason, GetParam().reason) << GetParam().asset.key;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GenericHintsTest,
    ::testing::Values(
        Case{{"refs", "https://x/a.json", "application/json", "", {"references"}, ""},
             CloudProductKind::kKerchunk, ReferenceEncoding::kJson, "role references"},
        Case{{"idx", "https://x/a", "", "", {"index"}, ""}, CloudProductKind::kKerchunk,
             ReferenceEncoding::kJson, "role index"},
        Case{{"k", "https://x/a.json", "", "", {}, "kerchunk"}, CloudProductKind::kKerchunk,
             ReferenceEncoding::kJson, "cloud_format kerchunk"},
        Case{{"k", "https://x/combined.parq/", "", "", {"data"}, ""}, CloudProductKind::kKerchunk,
             ReferenceEncoding::kParquet, "href ending"},
        Case{{"k", "https://x/refs.JSON.ZST?sig=1", "", "", {}, ""}, CloudProductKind::kKerchunk,
             ReferenceEncoding::kZstdJson, "href ending"},
        Case{{"z", "s3://b/x.zarr/", "application/vnd.zarr; version=2", "", {"data"}, ""},
             CloudProductKind::kZarr, ReferenceEncoding::kNone, "media type application/vnd.zarr"},
        Case{{"z", "https://x/store", "application/vnd+zarr", "", {}, ""}, CloudProductKind::kZarr,
             ReferenceEncoding::kNone, "media type application/vnd+zarr"},
        Case{{"z", "https://x/store.zarr", "", "", {}, ""}, CloudProductKind::kZarr,
             ReferenceEncoding::kNone, "href ending .zarr"},
        Case{{"c", "https://x/agg.nca", "", "", {}, "CFA"}, CloudProductKind::kCfa,
             ReferenceEncoding::kNone, "cloud_format CFA"},
        Case{{"nc", "https://x/f", "application/x-netcdf", "", {}, ""}, CloudProductKind::kNetcdf,
             ReferenceEncoding::kNone, "media type application/x-netcdf"},
        Case{{"data0042", "https://x/f", "", "", {}, ""}, CloudProductKind::kNetcdf,
             ReferenceEncoding::kNone, "key data0042"},
        Case{{"file", "https://x/f.nc4", "", "", {}, ""}, CloudProductKind::kNetcdf,
             ReferenceEncoding::kNone, "href ending"},
        Case{{"visual", "https://x/f.tif", "image/tiff; application=geotiff; profile=cloud-optimized",
              "", {"data"}, ""},
             CloudProductKind::kCog, ReferenceEncoding::kNone, "media type COG"}));

TEST(AssetClassifierTest, JsonReferencesComeBeforeParquetAndCatalogOrderIsKept) {
  StacItem item = Parse(R"({"type":"Feature","id":"x","properties":{},"assets":{
      "b_parquet": {"href": "https://x/b.parq", "roles": ["references"]},
      "a_json": {"href": "https://x/a.json", "roles": ["references"]},
      "c_json": {"href": "https://x/c.json.zst", "roles": ["references"]}}})");
  std::vector<CloudProduct> products = CloudProducts(item);
  ASSERT_EQ(products.size(), 3u);
  EXPECT_EQ(products[0].asset_key, "a_json");
  EXPECT_EQ(products[1].asset_key, "c_json");
  EXPECT_EQ(products[2].asset_key, "b_parquet");
  EXPECT_EQ(SummariseProducts({}), "-");
}

}  // namespace
}  // namespace stacfs::catalog
