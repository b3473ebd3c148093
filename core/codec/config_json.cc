#include "core/codec/config_json.h"

#include <cstdio>

namespace stacfs {

ConfigJsonBuilder& ConfigJsonBuilder::Int(std::string_view key, int64_t value) {
  members_[std::string(key)] = std::to_string(value);
  return *this;
}

ConfigJsonBuilder& ConfigJsonBuilder::Bool(std::string_view key, bool value) {
  members_[std::string(key)] = value ? "true" : "false";
  return *this;
}

ConfigJsonBuilder& ConfigJsonBuilder::String(std::string_view key, std::string_view value) {
  members_[std::string(key)] = JsonQuote(value);
  return *this;
}

std::string ConfigJsonBuilder::Build() const {
  std::string out = "{";
  for (const auto& [key, value] : members_) {
    if (out.size() > 1) out += ',';
    out += JsonQuote(key);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace stacfs
