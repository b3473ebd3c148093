// Content-Range: strict parsing of the header a server sends with a 206 or a 416.
//
// A 206 is only trusted when its Content-Range names exactly the bytes we asked for, so the
// parser is deliberately strict (RFC 9110 §14.4): "bytes FIRST-LAST/COMPLETE" or
// "bytes FIRST-LAST/*" for a satisfied range, "bytes */COMPLETE" for an unsatisfied one (416).
// Decimal digits only (no sign, no spaces inside numbers, no overflow), FIRST <= LAST, and
// LAST < COMPLETE when COMPLETE is known. Anything else is rejected rather than guessed at.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/byte_range.h"
#include "core/base/result.h"

namespace stacfs::http {

struct ContentRange {
  std::optional<ByteRange> range;         // nullopt for the unsatisfied form "bytes */N"
  std::optional<uint64_t> complete_length;  // nullopt for "*"

  bool operator==(const ContentRange&) const = default;
};

// Parses a Content-Range field value (already stripped of surrounding whitespace).
// Errors are kCorrupt and quote the value.
Result<ContentRange> ParseContentRange(std::string_view value);

// Parses a non-empty string of decimal digits into a uint64_t; nullopt on anything else,
// including overflow. Shared by the header parsers of this directory.
std::optional<uint64_t> ParseDecimalU64(std::string_view digits);

}  // namespace stacfs::http
