// CurlHttpClient without a network: option checks, requests refused before anything is sent,
// and retries against a closed loopback port. Behaviour against real servers (POST bodies,
// Retry-After, HTML error pages) is tested in tests/integration/stac_api_test.cc.
#include "core/http/curl_http_client.h"

#include <gtest/gtest.h>

#include <chrono>

namespace stacfs {
namespace {

TEST(CurlHttpClientTest, CreateRejectsNonsensicalOptions) {
  CurlHttpClient::Options options;
  options.max_attempts = 0;
  auto client = CurlHttpClient::Create(options);
  ASSERT_FALSE(client.has_value());
  EXPECT_EQ(client.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(client.error().ToString().find("max_attempts"), std::string::npos);

  options = {};
  options.total_deadline_ms = 0;
  EXPECT_FALSE(CurlHttpClient::Create(options).has_value());
  options = {};
  options.backoff_initial_ms = 10;
  options.backoff_max_ms = 1;
  EXPECT_FALSE(CurlHttpClient::Create(options).has_value());
}

TEST(CurlHttpClientTest, RefusesNonHttpUrls) {
  auto client = CurlHttpClient::Create({});
  ASSERT_TRUE(client.has_value());
  for (const char* url : {"file:///etc/passwd", "/etc/passwd", "ftp://host/x", ""}) {
    HttpRequest request;
    request.url = url;
    Result<HttpResponse> r = (*client)->Send(request);
    ASSERT_FALSE(r.has_value()) << url;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().ToString().find(std::string("GET ") + url), std::string::npos);
  }
}

TEST(CurlHttpClientTest, RetriesAConnectionFailureThenNamesMethodAndUrl) {
  CurlHttpClient::Options options;
  options.max_attempts = 3;
  options.backoff_initial_ms = 1;
  options.backoff_max_ms = 2;
  auto client = CurlHttpClient::Create(options);
  ASSERT_TRUE(client.has_value());
  HttpRequest request;
  request.method = "POST";
  request.url = "http://127.0.0.1:9/search";  // discard port: nothing listens on loopback
  request.body = "{}";
  Result<HttpResponse> r = (*client)->Send(request);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  std::string text = r.error().ToString();
  EXPECT_NE(text.find("POST http://127.0.0.1:9/search"), std::string::npos) << text;
  EXPECT_NE(text.find("gave up after 3 attempts"), std::string::npos) << text;
}

TEST(CurlHttpClientTest, DeadlineBoundsEverySend) {
  CurlHttpClient::Options options;
  options.total_deadline_ms = 300;
  options.max_attempts = 1000;
  options.backoff_initial_ms = 50;
  options.backoff_max_ms = 100;
  auto client = CurlHttpClient::Create(options);
  ASSERT_TRUE(client.has_value());
  HttpRequest request;
  request.url = "http://127.0.0.1:9/";
  auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> r = (*client)->Send(request);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.has_value());
  EXPECT_LT(elapsed, std::chrono::seconds(3));
  EXPECT_NE(r.error().ToString().find("deadline of 300 ms"), std::string::npos)
      << r.error().ToString();
}

TEST(HttpResponseTest, HeaderLookupIgnoresCase) {
  HttpResponse response;
  response.headers = {{"Content-Type", "application/geo+json"}, {"retry-after", "2"}};
  EXPECT_EQ(response.Header("content-type").value_or(""), "application/geo+json");
  EXPECT_EQ(response.Header("Retry-After").value_or(""), "2");
  EXPECT_FALSE(response.Header("ETag").has_value());
}

}  // namespace
}  // namespace stacfs
