#include "core/json/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace stacfs {
namespace {

bool StartsWithAt(std::string_view text, size_t i, std::string_view token) {
  return text.compare(i, token.size(), token) == 0;
}

bool IsIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

// A marked token is the string "\u0000stacfs:" + token: NUL cannot occur in the keys and
// values this is used for (Zarr metadata), so no real string is mistaken for a token.
constexpr std::string_view kMarkedPrefix = "\"\\u0000stacfs:";

bool RewriteNonFiniteTokens(std::string_view text, std::string* out, NonFiniteTokens as) {
  out->clear();
  out->reserve(text.size() + 64);
  bool changed = false;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out->push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        out->push_back(text[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out->push_back(c);
      continue;
    }
    bool preceded_by_identifier = i > 0 && IsIdentifierChar(text[i - 1]);
    if (!preceded_by_identifier) {
      std::string_view token;
      if (StartsWithAt(text, i, "-Infinity")) token = "-Infinity";
      else if (StartsWithAt(text, i, "Infinity")) token = "Infinity";
      else if (StartsWithAt(text, i, "NaN")) token = "NaN";
      size_t after = i + token.size();
      if (!token.empty() && (after >= text.size() || !IsIdentifierChar(text[after]))) {
        if (as == NonFiniteTokens::kMarked) {
          out->append(kMarkedPrefix);
        } else {
          out->push_back('"');
        }
        out->append(token);
        out->push_back('"');
        i = after - 1;
        changed = true;
        continue;
      }
    }
    out->push_back(c);
  }
  return changed;
}

JsonDocument::JsonDocument() : parser_(simdjson::SIMDJSON_MAXSIZE_BYTES) {
  // Sets the nesting limit; buffers grow on first Parse. A failure here (out of memory) shows
  // again, and is reported, at Parse.
  simdjson::error_code ignored = parser_.allocate(0, kDefaultMaxDepth);
  (void)ignored;
}

std::string RestoreNonFiniteTokens(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  size_t at = 0;
  while (true) {
    size_t marked = json.find(kMarkedPrefix, at);
    if (marked == std::string_view::npos) break;
    size_t close = json.find('"', marked + kMarkedPrefix.size());
    if (close == std::string_view::npos) break;
    out.append(json.substr(at, marked - at));
    out.append(json.substr(marked + kMarkedPrefix.size(), close - marked - kMarkedPrefix.size()));
    at = close + 1;
  }
  out.append(json.substr(at));
  return out;
}

Result<simdjson::dom::element> JsonDocument::Parse(std::string_view text, std::string_view what,
                                                   uint64_t max_bytes, NonFiniteTokens non_finite) {
  if (text.size() > max_bytes) {
    return ResourceExhausted(std::string(what) + ": JSON document of " +
                             std::to_string(text.size()) + " bytes exceeds the limit of " +
                             std::to_string(max_bytes) + " bytes");
  }
  simdjson::dom::element root;
  auto error = parser_.parse(text.data(), text.size()).get(root);
  if (error && RewriteNonFiniteTokens(text, &rewritten_, non_finite)) {
    error = parser_.parse(rewritten_.data(), rewritten_.size()).get(root);
  }
  if (error == simdjson::DEPTH_ERROR) {
    return ResourceExhausted(std::string(what) + ": JSON nested deeper than " +
                             std::to_string(kDefaultMaxDepth) + " levels");
  }
  if (error) {
    return InvalidArgument(std::string(what) + ": malformed JSON (" +
                           simdjson::error_message(error) + ")");
  }
  return root;
}

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
          out->append(escaped);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(&out, text);
  return out;
}

namespace {

// Appends a non-finite value in `style`; false for finite values.
bool AppendNonFinite(std::string* out, double value, NonFinite style) {
  const char* text = std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (std::isfinite(value)) return false;
  if (style == NonFinite::kQuotedStrings) out->push_back('"');
  out->append(text);
  if (style == NonFinite::kQuotedStrings) out->push_back('"');
  return true;
}

// The shortest round-trip form, with integral values of 1e16 and beyond in scientific notation
// (their shortest form is a long integer that JSON readers cannot hold).
std::string_view ShortestForm(double value, char (&buffer)[32]) {
  char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;  // 32 bytes always fit
  std::string_view text(buffer, end - buffer);
  if (text.find_first_of(".e") == std::string_view::npos && std::fabs(value) >= 1e16) {
    end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
    text = std::string_view(buffer, end - buffer);
  }
  return text;
}

}  // namespace

void AppendJsonNumber(std::string* out, double value) {
  if (AppendNonFinite(out, value, NonFinite::kQuotedStrings)) return;
  char buffer[32];
  out->append(ShortestForm(value, buffer));
}

void AppendJsonFloat(std::string* out, double value, NonFinite style) {
  if (AppendNonFinite(out, value, style)) return;
  char buffer[32];
  std::string_view text = ShortestForm(value, buffer);
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

std::string EscapeNonAscii(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  auto escape = [&out](uint32_t unit) {
    char text[16];  // "\\uXXXX": units are at most 0xFFFF here
    std::snprintf(text, sizeof text, "\\u%04x", unit);
    out.append(text);
  };
  for (size_t i = 0; i < json.size();) {
    unsigned char c = static_cast<unsigned char>(json[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t code = c & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F);
    for (size_t k = 1; k < length && i + k < json.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(json[i + k]) & 0x3F);
    }
    i += length;
    if (code >= 0x10000) {
      code -= 0x10000;
      escape(0xD800 + (code >> 10));
      escape(0xDC00 + (code & 0x3FF));
    } else {
      escape(code);
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

std::string JsonTypeName(simdjson::dom::element_type type) {
  using T = simdjson::dom::element_type;
  switch (type) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "number";
    case T::STRING: return "string";
    case T::BOOL: return "boolean";
    case T::NULL_VALUE: return "null";
  }
  return "unknown";
}

Result<std::string_view> GetString(simdjson::dom::element e, std::string_view field) {
  std::string_view value;
  if (e.get(value)) {
    return InvalidArgument("'" + std::string(field) + "' must be a string, not " +
                           JsonTypeName(e.type()));
  }
  return value;
}

Result<uint64_t> GetUint(simdjson::dom::element e, std::string_view field) {
  uint64_t value = 0;
  if (e.get(value)) {
    double d = 0;
    // 1.0 written by some tools for an integer field is accepted when exact.
    if (!e.get(d) && d >= 0 && d < 18446744073709551616.0 && std::floor(d) == d) {
      return static_cast<uint64_t>(d);
    }
    return InvalidArgument("'" + std::string(field) + "' must be a non-negative integer, not " +
                           (e.is_number() ? simdjson::minify(e) : JsonTypeName(e.type())));
  }
  return value;
}

Result<int64_t> GetInt(simdjson::dom::element e, std::string_view field) {
  int64_t value = 0;
  if (e.get(value)) {
    return InvalidArgument("'" + std::string(field) + "' must be an integer, not " +
                           (e.is_number() ? simdjson::minify(e) : JsonTypeName(e.type())));
  }
  return value;
}

}  // namespace stacfs
