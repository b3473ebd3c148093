#include "catalog/document_loader.h"

#include <atomic>
#include <optional>
#include <system_error>
#include <thread>

#include "core/url/url.h"

namespace stacfs::catalog {
namespace {

constexpr const char* kAcceptJson = "application/geo+json, application/json;q=0.9, */*;q=0.1";

}  // namespace

DocumentLoader::DocumentLoader(std::shared_ptr<HttpClient> http, std::shared_ptr<Fetcher> files,
                               size_t max_parallel, Logger logger)
    : http_(std::move(http)),
      files_(std::move(files)),
      max_parallel_(max_parallel == 0 ? 1 : max_parallel),
      logger_(std::move(logger)) {}

Result<Document> DocumentLoader::Load(std::string_view url) const {
  if (IsLocal(url)) {
    STACFS_ASSIGN_OR_RETURN(std::string path, LocalPath(url));
    if (!files_) return Unsupported("no file reader configured for local catalogs").WithContext(path);
    STACFS_ASSIGN_OR_RETURN(FetchResponse response, files_->Fetch({path, std::nullopt}));
    return Document{std::string(url), std::string(response.bytes.view())};
  }
  PageRequest request;
  request.url = std::string(url);
  return Send(request);
}

Result<Document> DocumentLoader::Send(const PageRequest& request) const {
  if (!http_) {
    return Unsupported("no HTTP client configured").WithContext(request.method + " " + request.url);
  }
  HttpRequest http;
  http.method = request.method;
  http.url = request.url;
  http.body = request.body;
  http.headers.emplace_back("Accept", kAcceptJson);
  if (!request.body.empty()) http.headers.emplace_back("Content-Type", "application/json");
  for (const auto& header : request.headers) http.headers.push_back(header);
  STACFS_LOG(logger_, kDebug) << request.Describe();
  STACFS_ASSIGN_OR_RETURN(HttpResponse response, http_->Send(http));
  std::string where = response.effective_url.empty() ? request.url : response.effective_url;
  return Document{std::move(where), std::move(response.body)};
}

std::vector<Result<Document>> DocumentLoader::LoadMany(const std::vector<std::string>& urls) const {
  std::vector<std::optional<Result<Document>>> slots(urls.size());
  std::atomic<size_t> next{0};
  // Each worker claims indexes and writes only its own slots: no lock needed.
  auto work = [&] {
    for (size_t i = next++; i < urls.size(); i = next++) slots[i] = Load(urls[i]);
  };
  size_t remote = 0;
  for (const std::string& url : urls) remote += IsLocal(url) ? 0 : 1;
  // Local reads are fast and sequential reads of one disk do not gain from threads.
  size_t workers = remote == 0 ? 1 : std::min(max_parallel_, urls.size());
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers; ++t) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // fewer threads only means less parallelism
    }
  }
  work();
  for (std::thread& thread : threads) thread.join();
  std::vector<Result<Document>> out;
  out.reserve(urls.size());
  for (auto& slot : slots) out.push_back(std::move(*slot));
  return out;
}

}  // namespace stacfs::catalog
