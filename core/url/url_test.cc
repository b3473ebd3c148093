#include "core/url/url.h"

#include <gtest/gtest.h>

namespace stacfs {
namespace {

// The normal and abnormal examples of RFC 3986 §5.4, base "http://a/b/c/d;p?q".
TEST(UrlTest, Rfc3986ReferenceResolutionExamples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
  };
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(ResolveUrl(base, reference), expected) << "reference: " << reference;
  }
}

TEST(UrlTest, LocalPathsStayPaths) {
  EXPECT_EQ(ResolveUrl("/data/refs/x.json", "../nc/a.nc"), "/data/nc/a.nc");
  EXPECT_EQ(ResolveUrl("/data/refs/x.json", "a.nc"), "/data/refs/a.nc");
  EXPECT_EQ(ResolveUrl("/data/refs/x.json", "https://h/a.nc"), "https://h/a.nc");
  EXPECT_EQ(ResolveUrl("file:///data/x.json", "a.nc"), "file:///data/a.nc");
}

TEST(UrlTest, LocalityAndOrigin) {
  EXPECT_TRUE(IsLocal("/x/y"));
  EXPECT_TRUE(IsLocal("FILE:///x"));
  EXPECT_FALSE(IsLocal("//host/x"));
  EXPECT_FALSE(IsLocal("http://h/x"));
  EXPECT_EQ(*LocalPath("file:///a/b"), "/a/b");
  EXPECT_EQ(*LocalPath("file://localhost/a/b"), "/a/b");
  EXPECT_EQ(LocalPath("file://other/a").error().code(), ErrorCode::kUnsupported);
  EXPECT_FALSE(LocalPath("http://h/a").has_value());
  EXPECT_TRUE(IsAbsoluteLocation("s3://bucket/key"));
  EXPECT_FALSE(IsAbsoluteLocation("data/a.nc"));
  EXPECT_EQ(UrlOrigin("HTTPS://Example.org:8443/a?b"), "https://example.org:8443");
  EXPECT_EQ(UrlOrigin("/local"), "");
  EXPECT_EQ(UrlBaseName("http://h/d/file.nc?x=1#f"), "file.nc");
}

}  // namespace
}  // namespace stacfs
