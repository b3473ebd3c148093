#include "catalog/test_support/fake_http_client.h"

namespace stacfs::catalog::testing {

void FakeHttpClient::Serve(std::string method, std::string url, std::string json, std::string body) {
  std::lock_guard lock(mutex_);
  std::string key = method + " " + url + (body.empty() ? "" : " " + body);
  answers_[key] = Answer{200, std::move(json)};
}

void FakeHttpClient::Fail(std::string method, std::string url, long status, std::string error_body) {
  std::lock_guard lock(mutex_);
  answers_[method + " " + url] = Answer{status, std::move(error_body)};
}

void FakeHttpClient::SetFallback(Handler handler) {
  std::lock_guard lock(mutex_);
  fallback_ = std::move(handler);
}

Result<HttpResponse> FakeHttpClient::Send(const HttpRequest& request) {
  Handler fallback;
  std::optional<Answer> answer;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    auto it = answers_.find(request.method + " " + request.url + " " + request.body);
    if (it == answers_.end()) it = answers_.find(request.method + " " + request.url);
    if (it != answers_.end()) answer = it->second;
    fallback = fallback_;
  }
  if (!answer) {
    if (fallback) return fallback(request);
    return NotFound("HTTP 404 Not Found").WithContext(request.ToString());
  }
  if (answer->status < 200 || answer->status >= 300) {
    return Error(answer->status == 404 ? ErrorCode::kNotFound : ErrorCode::kUnavailable,
                 "HTTP " + std::to_string(answer->status) + " (response body: \"" + answer->body + "\")")
        .WithContext(request.ToString());
  }
  HttpResponse response;
  response.status = answer->status;
  response.body = answer->body;
  response.effective_url = request.url;
  return response;
}

std::vector<HttpRequest> FakeHttpClient::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<std::string> FakeHttpClient::RequestLines() const {
  std::vector<std::string> out;
  for (const HttpRequest& r : requests()) {
    out.push_back(r.method + " " + r.url + (r.body.empty() ? "" : " " + r.body));
  }
  return out;
}

void MemoryFetcher::Put(std::string path, std::string bytes) {
  std::lock_guard lock(mutex_);
  files_[std::move(path)] = std::move(bytes);
}

Result<FetchResponse> MemoryFetcher::Fetch(const FetchRequest& request) {
  std::string bytes;
  {
    std::lock_guard lock(mutex_);
    fetched_.push_back(request.url);
    auto it = files_.find(request.url);
    if (it == files_.end()) return NotFound("open: No such file or directory").WithContext(request.url);
    bytes = it->second;
  }
  if (request.range) {
    if (request.range->end() > bytes.size()) {
      return OutOfRange("range past the end").WithContext(request.ToString());
    }
    bytes = bytes.substr(request.range->offset, request.range->length);
  }
  FetchResponse response;
  response.bytes = SharedBytes(std::move(bytes));
  return response;
}

std::vector<std::string> MemoryFetcher::fetched() const {
  std::lock_guard lock(mutex_);
  return fetched_;
}

std::string ItemPageJson(const std::string& features, const std::string& links) {
  return R"({"type":"FeatureCollection","features":)" + features + R"(,"links":)" + links + "}";
}

std::string ItemJson(const std::string& id, const std::string& collection,
                     const std::string& datetime, const std::string& extra_properties) {
  return R"({"type":"Feature","stac_version":"1.0.0","id":")" + id + R"(","collection":")" +
         collection + R"(","bbox":[0,0,10,10],"geometry":null,"properties":{"datetime":")" +
         datetime + "\"" + (extra_properties.empty() ? "" : "," + extra_properties) +
         R"(},"links":[],"assets":{}})";
}

}  // namespace stacfs::catalog::testing
