#include "converter/hdf5/hdf5_json_text.h"

#include <cstdint>

#include "core/json/json.h"

namespace stacfs::converter::hdf5 {

void AppendAttributeNumber(std::string* out, double value) {
  AppendJsonFloat(out, value, NonFinite::kBareTokens);
}

void AppendAsciiJsonString(std::string* out, std::string_view utf8) {
  std::string literal;
  AppendJsonString(&literal, utf8);
  out->append(EscapeNonAscii(literal));
}

std::string AsUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xc0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return out;
}

}  // namespace stacfs::converter::hdf5
