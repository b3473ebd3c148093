// Time for item search: RFC 3339 instants, and the `datetime` parameter's intervals.
//
// The `datetime` search parameter is an instant ("2020-01-01T00:00:00Z") or an interval
// "START/END" with open ends spelled ".." or empty. People type dates, so — as pystac-client
// does — a date shorthand stands for the whole period it names:
//   2020          → 2020-01-01T00:00:00Z/2020-12-31T23:59:59.999999Z
//   2020-02       → 2020-02-01T00:00:00Z/2020-02-29T23:59:59.999999Z
//   2020-02-03    → 2020-02-03T00:00:00Z/2020-02-03T23:59:59.999999Z
//   2019/2020-06  → 2019-01-01T00:00:00Z/2020-06-30T23:59:59.999999Z (start of one, end of other)
// The end is the last microsecond of the period (pystac-client stops at :59, missing items
// stamped 23:59:59.5). A date-time without a zone is UTC. Everything sent to a server is full
// RFC 3339, so any conforming API understands it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs::catalog {

// Microseconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time (also accepted: 't', ' '
// as separator, 'z', no zone = UTC, any number of fractional digits). A bare date is midnight.
std::optional<int64_t> ParseRfc3339Micros(std::string_view text);

struct DatetimeInterval {
  std::string start;  // full RFC 3339, empty when open
  std::string end;    // full RFC 3339, empty when open
  bool instant = false;  // a single instant: start == end, sent without a slash

  std::optional<int64_t> start_micros() const;  // nullopt when open
  std::optional<int64_t> end_micros() const;
  // The search parameter's value: "A/B", "../B", "A/..", or "A" for an instant.
  std::string ToParameter() const;
  // True when [item_start, item_end] (inclusive, microseconds) meets this interval.
  bool Overlaps(int64_t item_start, int64_t item_end) const;
};

// Parses the --datetime argument; errors say which part is wrong and what is accepted.
Result<DatetimeInterval> ParseDatetimeArgument(std::string_view text);

}  // namespace stacfs::catalog
