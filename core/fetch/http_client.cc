#include "core/fetch/http_client.h"

namespace stacfs {

bool HeaderNameEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string HttpRequest::ToString() const {
  constexpr size_t kMaxUrlChars = 300;  // paging URLs can grow to kilobytes; messages should not
  if (url.size() <= kMaxUrlChars) return method + " " + url;
  return method + " " + url.substr(0, kMaxUrlChars) + "...";
}

std::optional<std::string_view> HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (HeaderNameEquals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace stacfs
