#include "core/fetch/readable_excerpt.h"

namespace stacfs {

std::string ReadableExcerpt(std::string_view body, size_t max_chars) {
  std::string out;
  bool in_tag = false;
  bool last_space = true;  // drops leading whitespace
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (c == '>') {
      in_tag = false;
      c = ' ';  // "</h1><p>" must not glue two words together
    }
    if (in_tag) continue;
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!last_space) out += ' ';
      last_space = true;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
    if (out.size() >= max_chars) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += "...";
      return out;
    }
    out += c;
    last_space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace stacfs
