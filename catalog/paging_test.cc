// Paging decisions, rule by rule (DESIGN.md "STAC — rules learned from the field").
#include "catalog/paging.h"

#include <gtest/gtest.h>

namespace stacfs::catalog {
namespace {

const PagingLimits kLimits{"https://stac.example:443"};

PageRequest Post(std::string body) {
  PageRequest r;
  r.method = "POST";
  r.url = "https://stac.example/search";
  r.body = std::move(body);
  return r;
}

StacLink Next(std::string href, std::string method = "", std::optional<std::string> body = std::nullopt,
              bool merge = false) {
  StacLink link;
  link.rel = "next";
  link.href = std::move(href);
  link.method = std::move(method);
  link.body_json = std::move(body);
  link.merge = merge;
  return link;
}

TEST(PagingTest, GetFollowsTheHrefAsGiven) {
  PageRequest first;
  first.url = "https://stac.example/search?collections=a&limit=2";
  auto next = NextPageRequest(first, Next("https://stac.example/search?token=xyz&limit=2"), kLimits);
  ASSERT_TRUE(next.has_value()) << next.error().ToString();
  EXPECT_EQ(next->method, "GET");
  EXPECT_EQ(next->url, "https://stac.example/search?token=xyz&limit=2");  // parameters not re-added
  EXPECT_EQ(next->body, "");
}

TEST(PagingTest, NextWithoutMethodIsGetEvenAfterPost) {
  auto next = NextPageRequest(Post(R"({"collections":["a"]})"),
                              Next("https://stac.example/search?page=2"), kLimits);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->method, "GET");
  EXPECT_EQ(next->body, "");
}

TEST(PagingTest, PostUsesTheLinksBodyOrMergesIt) {
  const std::string original = R"({"collections":["a"],"limit":2,"token":"old"})";
  auto replaced = NextPageRequest(
      Post(original), Next("https://stac.example/search", "POST", R"({"token":"t2"})"), kLimits);
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(replaced->body, R"({"token":"t2"})");

  auto merged = NextPageRequest(
      Post(original), Next("https://stac.example/search", "POST", R"({"token":"t2","page":2})", true),
      kLimits);
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(merged->body, R"({"collections":["a"],"limit":2,"token":"t2","page":2})");

  auto no_body = NextPageRequest(Post(original), Next("https://stac.example/search?p=2", "POST"), kLimits);
  ASSERT_TRUE(no_body.has_value());
  EXPECT_EQ(no_body->body, original);
  EXPECT_EQ(no_body->url, "https://stac.example/search?p=2");
}

TEST(PagingTest, LinkHeadersAreSent) {
  StacLink link = Next("https://stac.example/search?page=2");
  link.headers = {{"Authorization", "Bearer t"}};
  auto next = NextPageRequest(PageRequest{}, link, kLimits);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->headers, link.headers);
}

TEST(PagingTest, ForeignOriginsAreRefused) {
  for (const char* href : {"https://evil.example/search?page=2", "http://stac.example/search",
                           "https://stac.example:8443/search", "ftp://stac.example/x", "/local/path"}) {
    auto next = NextPageRequest(PageRequest{}, Next(href), kLimits);
    ASSERT_FALSE(next.has_value()) << href;
    EXPECT_EQ(next.error().code(), ErrorCode::kPermissionDenied) << href;
    EXPECT_NE(next.error().message().find("outside the catalog's origin https://stac.example:443"),
              std::string::npos)
        << next.error().message();
  }
  // The same origin spelled differently is the same origin.
  for (const char* href : {"https://STAC.example/p2", "https://stac.example:443/p2",
                           "https://user@stac.example/p2"}) {
    EXPECT_TRUE(NextPageRequest(PageRequest{}, Next(href), kLimits).has_value()) << href;
  }
}

TEST(PagingTest, OriginsAreNormalised) {
  EXPECT_EQ(NormalisedOrigin("http://Host.Example/a?b"), "http://host.example:80");
  EXPECT_EQ(NormalisedOrigin("https://h:443"), "https://h:443");
  EXPECT_EQ(NormalisedOrigin("https://h:/x"), "https://h:443");
  EXPECT_EQ(NormalisedOrigin("http://[::1]:8080/x"), "http://[::1]:8080");
  EXPECT_EQ(NormalisedOrigin("http://[::1]/x"), "http://[::1]:80");
  EXPECT_EQ(NormalisedOrigin("/a/b"), "");
}

TEST(PagingTest, EverGrowingLinksAndBodiesEndInAnError) {
  PagingLimits limits = kLimits;
  limits.max_url_bytes = 100;
  limits.max_body_bytes = 50;
  auto long_url = NextPageRequest(
      PageRequest{}, Next("https://stac.example/search?token=" + std::string(200, 'x')), limits);
  ASSERT_FALSE(long_url.has_value());
  EXPECT_EQ(long_url.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(long_url.error().message().find("keeps growing"), std::string::npos);
  auto long_body = NextPageRequest(
      Post("{}"), Next("https://stac.example/s", "POST", "{\"t\":\"" + std::string(100, 'y') + "\"}"),
      limits);
  ASSERT_FALSE(long_body.has_value());
  EXPECT_EQ(long_body.error().code(), ErrorCode::kResourceExhausted);
}

TEST(PagingTest, OtherMethodsAndBadMergesAreErrors) {
  EXPECT_EQ(NextPageRequest(PageRequest{}, Next("https://stac.example/s", "DELETE"), kLimits).error().code(),
            ErrorCode::kUnsupported);
  EXPECT_FALSE(
      NextPageRequest(Post("[1]"), Next("https://stac.example/s", "POST", "{}", true), kLimits).has_value());
  EXPECT_FALSE(MergeJsonObjects("{}", "[]").has_value());
  EXPECT_EQ(*MergeJsonObjects(R"({"a":1,"b":{"x":1}})", R"({"b":{"y":2}})"), R"({"a":1,"b":{"y":2}})");
}

TEST(PagingTest, RepeatGuardSeesMethodHrefAndBody) {
  RepeatGuard guard;
  PageRequest a = Post(R"({"token":"1"})");
  EXPECT_TRUE(guard.FirstTime(a));
  EXPECT_FALSE(guard.FirstTime(a));
  PageRequest b = a;
  b.body = R"({"token":"2"})";
  EXPECT_TRUE(guard.FirstTime(b));
  PageRequest c = a;
  c.method = "GET";
  c.body.clear();
  EXPECT_TRUE(guard.FirstTime(c));
  c.headers = {{"X", "y"}};  // headers are not part of a request's identity
  EXPECT_FALSE(guard.FirstTime(c));
}

}  // namespace
}  // namespace stacfs::catalog
