#include "fs/coalesce.h"

#include <algorithm>

namespace stacfs::fs {

std::vector<CoalescedRequest> Coalesce(std::vector<FetchRequest> requests, const CoalesceOptions& options) {
  std::sort(requests.begin(), requests.end(), [](const FetchRequest& a, const FetchRequest& b) {
    if (a.url != b.url) return a.url < b.url;
    if (a.range.has_value() != b.range.has_value()) return !a.range.has_value();
    if (!a.range) return false;
    if (a.range->offset != b.range->offset) return a.range->offset < b.range->offset;
    return a.range->length < b.range->length;
  });
  requests.erase(std::unique(requests.begin(), requests.end()), requests.end());
  std::vector<CoalescedRequest> groups;
  for (FetchRequest& request : requests) {
    if (request.range && !groups.empty()) {
      CoalescedRequest& last = groups.back();
      const std::optional<ByteRange>& merged = last.request.range;
      if (merged && last.request.url == request.url && request.range->offset >= merged->offset) {
        uint64_t end = std::max(merged->end(), request.range->end());
        bool close = request.range->offset <= merged->end() + options.max_gap_bytes;
        if (close && end - merged->offset <= options.max_request_bytes) {
          last.request.range->length = end - merged->offset;
          last.members.push_back(std::move(request));
          continue;
        }
      }
    }
    CoalescedRequest group;
    group.request = request;
    group.members.push_back(std::move(request));
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace stacfs::fs
