// Content sniffing: magic numbers, and the real encoding of reference files whatever their
// media type says.
#include "catalog/content_sniff.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog {
namespace {

using testing::MemoryFetcher;

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

TEST(ContentSniffTest, MagicNumbers) {
  EXPECT_EQ(SniffContent(Zstd("{}")), ContentKind::kZstd);
  EXPECT_EQ(SniffContent(R"({"version":1})"), ContentKind::kJson);
  EXPECT_EQ(SniffContent("\xef\xbb\xbf \n [1]"), ContentKind::kJson);
  EXPECT_EQ(SniffContent("PAR1\x15\x04"), ContentKind::kParquet);
  EXPECT_EQ(SniffContent("\x89HDF\r\n\x1a\n\0\0"), ContentKind::kHdf5);
  EXPECT_EQ(SniffContent(std::string("CDF\x02\0\0\0\0", 8)), ContentKind::kNetcdf3);
  EXPECT_EQ(SniffContent("\x1f\x8b\x08"), ContentKind::kGzip);
  EXPECT_EQ(SniffContent("  <!DOCTYPE html>"), ContentKind::kHtml);
  EXPECT_EQ(SniffContent(""), ContentKind::kEmpty);
  EXPECT_EQ(SniffContent("hello"), ContentKind::kUnknown);
  EXPECT_EQ(SniffContent("\x28\xb5\x2f"), ContentKind::kUnknown);  // too short for the magic
}

CloudProduct Reference(std::string href, ReferenceEncoding hint) {
  CloudProduct p;
  p.kind = CloudProductKind::kKerchunk;
  p.asset_key = "reference_file";
  p.href = std::move(href);
  p.encoding = hint;
  return p;
}

TEST(ContentSniffTest, ReferenceEncodingComesFromTheBytes) {
  MemoryFetcher files;
  const std::string refs = R"({"version":1,"refs":{".zgroup":"{\"zarr_format\":2}"}})";
  files.Put("/r/plain.json", refs);
  files.Put("/r/compressed.json.zst", Zstd(refs));
  files.Put("/r/disguised.json", Zstd(refs));  // zstd served as application/json
  files.Put("/r/tiny.json", "{}");             // shorter than the sniffing range
  files.Put("/r/dir.parq/.zmetadata", R"({"record_size":1000})");
  files.Put("/r/error.json", "<html><body>Forbidden</body></html>");

  EXPECT_EQ(*SniffReferenceEncoding(files, Reference("/r/plain.json", ReferenceEncoding::kZstdJson)),
            ReferenceEncoding::kJson);
  EXPECT_EQ(*SniffReferenceEncoding(files, Reference("/r/compressed.json.zst", ReferenceEncoding::kJson)),
            ReferenceEncoding::kZstdJson);
  EXPECT_EQ(*SniffReferenceEncoding(files, Reference("/r/disguised.json", ReferenceEncoding::kJson)),
            ReferenceEncoding::kZstdJson);
  EXPECT_EQ(*SniffReferenceEncoding(files, Reference("/r/tiny.json", ReferenceEncoding::kJson)),
            ReferenceEncoding::kJson);
  EXPECT_EQ(*SniffReferenceEncoding(files, Reference("/r/dir.parq", ReferenceEncoding::kParquet)),
            ReferenceEncoding::kParquet);
  auto html = SniffReferenceEncoding(files, Reference("/r/error.json", ReferenceEncoding::kJson));
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code(), ErrorCode::kCorrupt);
  EXPECT_NE(html.error().ToString().find("/r/error.json"), std::string::npos);
  EXPECT_NE(html.error().ToString().find("HTML"), std::string::npos);
  auto missing = SniffReferenceEncoding(files, Reference("/r/none.json", ReferenceEncoding::kJson));
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stacfs::catalog
