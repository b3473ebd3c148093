// Test doubles for the catalog's two ways out: an HttpClient answering from a script, and a
// Fetcher serving documents from memory. Both record what was asked, so that tests can check
// exactly which requests paging made.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/fetch/fetcher.h"
#include "core/fetch/http_client.h"

namespace stacfs::catalog::testing {

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  // Answers `method url` (and, when `body` is not empty, only that body) with 200 and `json`.
  void Serve(std::string method, std::string url, std::string json, std::string body = "");
  // Answers `method url` with an HTTP error status, as the real client reports it.
  void Fail(std::string method, std::string url, long status, std::string error_body = "");
  // Anything not scripted goes here; by default a 404 error.
  void SetFallback(Handler handler);

  Result<HttpResponse> Send(const HttpRequest& request) override;

  std::vector<HttpRequest> requests() const;
  // "GET url" / "POST url body" of every request, in order.
  std::vector<std::string> RequestLines() const;

 private:
  struct Answer {
    long status = 200;
    std::string body;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Answer> answers_;  // guarded by mutex_; key: "METHOD url[ body]"
  Handler fallback_;                       // guarded by mutex_
  std::vector<HttpRequest> requests_;      // guarded by mutex_
};

class MemoryFetcher final : public Fetcher {
 public:
  void Put(std::string path, std::string bytes);
  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<std::string> fetched() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;  // guarded by mutex_
  std::vector<std::string> fetched_;          // guarded by mutex_
};

// A FeatureCollection page: `features` is a JSON array text, `links` one too.
std::string ItemPageJson(const std::string& features, const std::string& links = "[]");
// A minimal valid item.
std::string ItemJson(const std::string& id, const std::string& collection = "c1",
                     const std::string& datetime = "2020-01-01T00:00:00Z",
                     const std::string& extra_properties = "");

}  // namespace stacfs::catalog::testing
