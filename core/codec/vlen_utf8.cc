#include "core/codec/vlen_utf8.h"

#include <simdjson.h>

#include <cstdint>

#include "core/codec/config_json.h"

namespace stacfs {
namespace {

constexpr size_t kU32Bytes = 4;

uint32_t LoadLittleEndian32(const char* p) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 | uint32_t{bytes[2]} << 16 |
         uint32_t{bytes[3]} << 24;
}

void AppendLittleEndian32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xff);
}

class VlenUtf8Codec final : public Codec {
 public:
  std::string_view id() const override { return "vlen-utf8"; }

  Result<std::string> Decode(std::string_view, size_t) const override {
    return Unsupported("vlen-utf8 decodes to strings, not bytes; use DecodeVlenUtf8");
  }

  Result<std::string> Encode(std::string_view) const override {
    return Unsupported("vlen-utf8 encodes strings, not bytes; use EncodeVlenUtf8");
  }

  std::string ConfigJson() const override { return ConfigJsonBuilder("vlen-utf8").Build(); }
};

}  // namespace

Result<std::vector<std::string>> DecodeVlenUtf8(std::string_view encoded, size_t expected_items) {
  if (encoded.size() < kU32Bytes) {
    return Corrupt("vlen-utf8 buffer of " + std::to_string(encoded.size()) +
                   " bytes has no 4-byte item count");
  }
  const size_t count = LoadLittleEndian32(encoded.data());
  if (expected_items != 0 && count != expected_items) {
    return Corrupt("vlen-utf8 buffer holds " + std::to_string(count) + " items, expected " +
                   std::to_string(expected_items));
  }
  std::string_view rest = encoded.substr(kU32Bytes);
  // Each item takes at least its 4-byte length: bounds the count before allocating for it.
  if (count > rest.size() / kU32Bytes) {
    return Corrupt("vlen-utf8 header claims " + std::to_string(count) + " items but " +
                   std::to_string(rest.size()) + " bytes hold at most " +
                   std::to_string(rest.size() / kU32Bytes));
  }
  std::vector<std::string> items;
  items.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (rest.size() < kU32Bytes) {
      return Corrupt("vlen-utf8 buffer ends in the length of item " + std::to_string(i));
    }
    const size_t length = LoadLittleEndian32(rest.data());
    rest.remove_prefix(kU32Bytes);
    if (length > rest.size()) {
      return Corrupt("vlen-utf8 item " + std::to_string(i) + " claims " + std::to_string(length) +
                     " bytes but only " + std::to_string(rest.size()) + " are left");
    }
    const std::string_view item = rest.substr(0, length);
    if (!simdjson::validate_utf8(item.data(), item.size())) {
      return Corrupt("vlen-utf8 item " + std::to_string(i) + " is not valid UTF-8");
    }
    items.emplace_back(item);
    rest.remove_prefix(length);
  }
  if (!rest.empty()) {
    return Corrupt("vlen-utf8 buffer has " + std::to_string(rest.size()) +
                   " bytes after its last item");
  }
  return items;
}

std::string EncodeVlenUtf8(const std::vector<std::string>& items) {
  size_t total = kU32Bytes;
  for (const std::string& item : items) total += kU32Bytes + item.size();
  std::string out;
  out.reserve(total);
  AppendLittleEndian32(out, static_cast<uint32_t>(items.size()));
  for (const std::string& item : items) {
    AppendLittleEndian32(out, static_cast<uint32_t>(item.size()));
    out += item;
  }
  return out;
}

Result<std::shared_ptr<const Codec>> MakeVlenUtf8Codec() {
  return std::shared_ptr<const Codec>(std::make_shared<VlenUtf8Codec>());
}

}  // namespace stacfs
