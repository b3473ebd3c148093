// Coalescing: neighbouring byte ranges of one object fetched as one request.
//
// The chunks of a variable in a netCDF4 file usually lie one after the other; fetching a run of
// them in one ranged GET costs one round trip instead of many. Ranges of the same URL are merged
// when the gap between them is at most `max_gap_bytes` (the gap's bytes are fetched and thrown
// away) and the merged request stays within `max_request_bytes`.
#pragma once

#include <cstdint>
#include <vector>

#include "core/fetch/fetcher.h"

namespace stacfs::fs {

struct CoalesceOptions {
  uint64_t max_gap_bytes = uint64_t{64} << 10;
  uint64_t max_request_bytes = uint64_t{16} << 20;
};

struct CoalescedRequest {
  FetchRequest request;               // the merged range
  std::vector<FetchRequest> members;  // the ranges it serves, by offset
};

// Groups ranged `requests` (whole-object requests are left alone, each its own group). Every
// input request is a member of exactly one group; duplicates are kept once.
std::vector<CoalescedRequest> Coalesce(std::vector<FetchRequest> requests, const CoalesceOptions& options);

}  // namespace stacfs::fs
