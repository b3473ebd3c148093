// Small text helpers shared by parsers of headers, options and attributes.
#pragma once

#include <string_view>

namespace stacfs {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
inline std::string_view TrimWhitespace(std::string_view s) {
  constexpr std::string_view kBlanks = " \t\r\n\v\f";
  size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace stacfs
