#include "converter/netcdf3/text.h"

#include "core/json/json.h"

namespace stacfs::converter::netcdf3 {

std::string DecodeText(std::string_view raw, bool* was_latin1) {
  bool latin1 = !IsValidUtf8(raw);
  if (was_latin1 != nullptr) *was_latin1 = latin1;
  if (!latin1) return std::string(raw);
  std::string out;
  out.reserve(raw.size() * 2);
  for (char c : raw) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
  return out;
}

std::string Printable(std::string_view name) {
  std::string out(name.substr(0, 200));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

}  // namespace stacfs::converter::netcdf3
