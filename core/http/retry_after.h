// Retry-After: how long a server (503, 429, ...) asks us to wait before trying again.
//
// RFC 9110 §10.2.3 allows delta-seconds ("120") or an HTTP-date; recipients must accept all
// three HTTP-date forms (IMF-fixdate, obsolete RFC 850, asctime), so we do. A date in the past
// means "now". An unparseable value is ignored (nullopt): the caller falls back to its own
// backoff rather than failing a read over a malformed hint.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace stacfs::http {

// `now` is passed in (not read here) so that HTTP-date handling is testable.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

// Seconds since the Unix epoch of an HTTP-date in any of its three forms; nullopt if invalid.
std::optional<int64_t> ParseHttpDate(std::string_view value);

}  // namespace stacfs::http
