#include "core/fetch/fetcher.h"

namespace stacfs {

std::string FetchRequest::ToString() const {
  if (!range) return url + " (whole object)";
  return url + " " + range->ToString();
}

std::vector<Result<FetchResponse>> Fetcher::FetchMany(std::span<const FetchRequest> requests) {
  std::vector<Result<FetchResponse>> out;
  out.reserve(requests.size());
  for (const FetchRequest& request : requests) out.push_back(Fetch(request));
  return out;
}

}  // namespace stacfs
