#include "core/url/url.h"

#include <algorithm>
#include <cctype>

namespace stacfs {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      size_t cut = output.rfind('/');
      output.erase(cut == std::string::npos ? 0 : cut);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      size_t start = input[0] == '/' ? 1 : 0;
      size_t next = input.find('/', start);
      if (next == std::string_view::npos) next = input.size();
      output.append(input.substr(0, next));
      input.remove_prefix(next);
    }
  }
  return output;
}

std::string MergePaths(const UrlParts& base, std::string_view reference_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(reference_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(reference_path);
  return base.path.substr(0, slash + 1) + std::string(reference_path);
}

}  // namespace

std::string UrlParts::ToString() const {
  std::string out;
  if (!scheme.empty()) out += scheme + ":";
  if (authority) out += "//" + *authority;
  out += path;
  if (query) out += "?" + *query;
  if (fragment) out += "#" + *fragment;
  return out;
}

bool HasScheme(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  if (HasScheme(url)) {
    size_t colon = url.find(':');
    parts.scheme = Lower(url.substr(0, colon));
    url.remove_prefix(colon + 1);
  }
  size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = std::string(url.substr(hash + 1));
    url = url.substr(0, hash);
  }
  size_t question = url.find('?');
  if (question != std::string_view::npos) {
    parts.query = std::string(url.substr(question + 1));
    url = url.substr(0, question);
  }
  if (url.starts_with("//")) {
    url.remove_prefix(2);
    size_t slash = url.find('/');
    parts.authority = std::string(url.substr(0, slash));
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  parts.path = std::string(url);
  return parts;
}

bool IsLocal(std::string_view url) {
  return (url.starts_with("/") && !url.starts_with("//")) || Lower(url.substr(0, 5)) == "file:";
}

Result<std::string> LocalPath(std::string_view url) {
  if (url.starts_with("/") && !url.starts_with("//")) return std::string(url);
  UrlParts parts = SplitUrl(url);
  if (parts.scheme != "file") return InvalidArgument("not a local path: " + std::string(url));
  if (parts.authority && !parts.authority->empty() && *parts.authority != "localhost") {
    return Unsupported("file URL with a remote host: " + std::string(url));
  }
  if (parts.path.empty() || parts.path[0] != '/') {
    return InvalidArgument("file URL without an absolute path: " + std::string(url));
  }
  return parts.path;
}

bool IsAbsoluteLocation(std::string_view url) {
  return HasScheme(url) || (url.starts_with("/") && !url.starts_with("//"));
}

std::string ResolveUrl(std::string_view base_text, std::string_view reference_text) {
  bool base_is_path = base_text.starts_with("/") && !base_text.starts_with("//");
  UrlParts base = SplitUrl(base_is_path ? "file://" + std::string(base_text) : base_text);
  UrlParts ref = SplitUrl(reference_text);
  UrlParts target;
  if (!ref.scheme.empty()) {
    target = ref;
    target.path = RemoveDotSegments(ref.path);
  } else {
    if (ref.authority) {
      target.authority = ref.authority;
      target.path = RemoveDotSegments(ref.path);
      target.query = ref.query;
    } else {
      if (ref.path.empty()) {
        target.path = base.path;
        target.query = ref.query ? ref.query : base.query;
      } else {
        target.path = ref.path[0] == '/' ? RemoveDotSegments(ref.path)
                                         : RemoveDotSegments(MergePaths(base, ref.path));
        target.query = ref.query;
      }
      target.authority = base.authority;
    }
    target.scheme = base.scheme;
  }
  target.fragment = ref.fragment;
  if (base_is_path && target.scheme == "file" && target.authority &&
      target.authority->empty() && !target.query && !target.fragment) {
    return target.path;
  }
  return target.ToString();
}

std::string UrlOrigin(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  if (parts.scheme.empty() || !parts.authority) return {};
  return parts.scheme + "://" + Lower(*parts.authority);
}

std::string UrlBaseName(std::string_view url) {
  std::string path = SplitUrl(url).path;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace stacfs
