#include "core/http/content_range.h"

#include <string>

namespace stacfs::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

Error Invalid(std::string_view value, std::string_view why) {
  return Corrupt("invalid Content-Range '" + std::string(value) + "': " + std::string(why));
}

}  // namespace

std::optional<uint64_t> ParseDecimalU64(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  uint64_t out = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (out > (UINT64_MAX - digit) / 10) return std::nullopt;
    out = out * 10 + digit;
  }
  return out;
}

Result<ContentRange> ParseContentRange(std::string_view value) {
  // The range unit is a case-insensitive token followed by exactly one space.
  constexpr std::string_view kUnit = "bytes";
  if (value.size() <= kUnit.size() || !EqualsIgnoreCase(value.substr(0, kUnit.size()), kUnit) ||
      value[kUnit.size()] != ' ') {
    return Invalid(value, "expected 'bytes ' first");
  }
  std::string_view rest = value.substr(kUnit.size() + 1);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return Invalid(value, "no '/'");
  std::string_view span = rest.substr(0, slash);
  std::string_view complete = rest.substr(slash + 1);

  ContentRange out;
  if (complete != "*") {
    out.complete_length = ParseDecimalU64(complete);
    if (!out.complete_length) return Invalid(value, "bad complete length");
  }

  if (span == "*") {
    // The unsatisfied form must say how long the object is: that is its whole point.
    if (!out.complete_length) return Invalid(value, "'*/*' says nothing");
    return out;
  }
  size_t dash = span.find('-');
  if (dash == std::string_view::npos) return Invalid(value, "no '-'");
  std::optional<uint64_t> first = ParseDecimalU64(span.substr(0, dash));
  std::optional<uint64_t> last = ParseDecimalU64(span.substr(dash + 1));
  if (!first || !last) return Invalid(value, "bad first or last byte position");
  if (*first > *last) return Invalid(value, "first byte after last byte");
  if (*last == UINT64_MAX) return Invalid(value, "last byte position too large");
  if (out.complete_length && *last >= *out.complete_length) {
    return Invalid(value, "last byte at or past the complete length");
  }
  out.range = ByteRange{*first, *last - *first + 1};
  return out;
}

}  // namespace stacfs::http
