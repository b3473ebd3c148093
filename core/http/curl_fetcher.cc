#include "core/http/curl_fetcher.h"

#include "core/http/transport.h"

namespace stacfs {
namespace {

Result<void> ValidateOptions(const CurlFetcherOptions& options) {
  if (options.total_deadline_ms == 0) return InvalidArgument("total_deadline_ms must be > 0");
  if (options.max_attempts < 1) return InvalidArgument("max_attempts must be >= 1");
  if (options.max_connections < 1) return InvalidArgument("max_connections must be >= 1");
  if (options.backoff_max_ms < options.backoff_initial_ms) {
    return InvalidArgument("backoff_max_ms must be >= backoff_initial_ms");
  }
  if (options.low_speed_limit_bytes_per_s > 0 && options.low_speed_time_s == 0) {
    return InvalidArgument("low_speed_time_s must be > 0 when low_speed_limit_bytes_per_s is set");
  }
  return Ok();
}

Result<std::unique_ptr<http::Transport>> StartTransport(const CurlFetcherOptions& options) {
  STACFS_RETURN_IF_ERROR(ValidateOptions(options).WithContext("HTTP fetcher options"));
  return http::Transport::Start(options);
}

}  // namespace

Result<std::unique_ptr<CurlFetcher>> CurlFetcher::Create(Options options) {
  STACFS_ASSIGN_OR_RETURN(std::unique_ptr<http::Transport> transport, StartTransport(options));
  return std::unique_ptr<CurlFetcher>(new CurlFetcher(std::move(transport)));
}

CurlFetcher::CurlFetcher(Options options) {
  Result<std::unique_ptr<http::Transport>> transport = StartTransport(options);
  if (transport) {
    transport_ = std::move(*transport);
  } else {
    startup_error_ = std::move(transport).error();
  }
}

CurlFetcher::CurlFetcher(std::unique_ptr<http::Transport> transport)
    : transport_(std::move(transport)) {}

CurlFetcher::~CurlFetcher() = default;

Result<FetchResponse> CurlFetcher::Fetch(const FetchRequest& request) {
  std::vector<Result<FetchResponse>> results = FetchMany(std::span(&request, 1));
  return std::move(results.front());
}

std::vector<Result<FetchResponse>> CurlFetcher::FetchMany(std::span<const FetchRequest> requests) {
  if (!transport_) {
    std::vector<Result<FetchResponse>> out;
    out.reserve(requests.size());
    for (const FetchRequest& request : requests) {
      out.push_back(startup_error_->WithContext("GET " + request.ToString()));
    }
    return out;
  }
  return transport_->Run(requests);
}

CurlFetcherStats CurlFetcher::stats() const {
  return transport_ ? transport_->stats() : CurlFetcherStats{};
}

}  // namespace stacfs
