// DocumentLoader: reads STAC documents and sends STAC API requests — the catalog module's only
// way out to storage and network.
//
// Local paths and file:// URLs go through a Fetcher (FileFetcher); http(s) URLs through an
// HttpClient, which retries transient failures on its own (each page of a search is retried on
// its own, never the whole search). The catalog module never sees libcurl.
//
// LoadMany reads a batch of documents in parallel on at most `max_parallel` threads — for
// walking static catalogs, where one catalog links hundreds of item files. Results come back in
// request order. Thread-safe; holds no lock.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/paging.h"
#include "core/base/log.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "core/fetch/http_client.h"

namespace stacfs::catalog {

struct Document {
  std::string url;   // where it was read (after redirects): relative hrefs resolve against it
  std::string text;
};

class DocumentLoader {
 public:
  // Either may be null; URLs of the missing kind then fail with a clear error.
  DocumentLoader(std::shared_ptr<HttpClient> http, std::shared_ptr<Fetcher> files,
                 size_t max_parallel, Logger logger);

  Result<Document> Load(std::string_view url) const;
  std::vector<Result<Document>> LoadMany(const std::vector<std::string>& urls) const;

  // A STAC API request (GET or POST) with JSON content negotiation; the response body.
  Result<Document> Send(const PageRequest& request) const;

  const Logger& logger() const { return logger_; }

 private:
  const std::shared_ptr<HttpClient> http_;
  const std::shared_ptr<Fetcher> files_;
  const size_t max_parallel_;
  const Logger logger_;
};

}  // namespace stacfs::catalog
