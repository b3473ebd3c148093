#include "core/codec/fletcher32_codec.h"

#include <algorithm>
#include <cstdio>

#include "core/codec/config_json.h"

namespace stacfs {
namespace {

constexpr size_t kChecksumBytes = 4;

// Folds a running sum back towards 16 bits; congruent mod 65535.
uint32_t Fold(uint32_t sum) { return (sum & 0xffff) + (sum >> 16); }

std::string Hex32(uint32_t value) {
  char text[11];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

class Fletcher32Codec final : public Codec {
 public:
  std::string_view id() const override { return "fletcher32"; }

  Result<std::string> Decode(std::string_view encoded, size_t) const override {
    if (encoded.size() < kChecksumBytes) {
      return Corrupt("fletcher32 buffer of " + std::to_string(encoded.size()) +
                     " bytes is shorter than its 4-byte checksum");
    }
    const std::string_view data = encoded.substr(0, encoded.size() - kChecksumBytes);
    const auto* trailer = reinterpret_cast<const unsigned char*>(encoded.data() + data.size());
    const uint32_t stored = uint32_t{trailer[0]} | uint32_t{trailer[1]} << 8 |
                            uint32_t{trailer[2]} << 16 | uint32_t{trailer[3]} << 24;
    const uint32_t computed = HdfFletcher32(data);
    if (stored != computed) {
      return Corrupt("fletcher32 checksum mismatch: stored " + Hex32(stored) + ", computed " +
                     Hex32(computed));
    }
    return std::string(data);
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    const uint32_t checksum = HdfFletcher32(decoded);
    std::string out;
    out.reserve(decoded.size() + kChecksumBytes);
    out.append(decoded);
    for (int shift = 0; shift < 32; shift += 8)
      out += static_cast<char>((checksum >> shift) & 0xff);
    return out;
  }

  std::string ConfigJson() const override { return ConfigJsonBuilder("fletcher32").Build(); }
};

}  // namespace

uint32_t HdfFletcher32(std::string_view data) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t words_left = data.size() / 2;
  uint32_t sum1 = 0;
  uint32_t sum2 = 0;
  while (words_left > 0) {
    // 360 words is the most sum2 can absorb before it could overflow 32 bits; the fold after
    // each run (not after every word) is part of the checksum's definition in HDF5.
    const size_t run = std::min<size_t>(words_left, 360);
    words_left -= run;
    for (size_t i = 0; i < run; ++i) {
      sum1 += (uint32_t{bytes[0]} << 8) | bytes[1];
      sum2 += sum1;
      bytes += 2;
    }
    sum1 = Fold(sum1);
    sum2 = Fold(sum2);
  }
  if (data.size() % 2 != 0) {
    sum1 += uint32_t{bytes[0]} << 8;
    sum2 += sum1;
    sum1 = Fold(sum1);
    sum2 = Fold(sum2);
  }
  sum1 = Fold(sum1);
  sum2 = Fold(sum2);
  return (sum2 << 16) | sum1;
}

Result<std::shared_ptr<const Codec>> MakeFletcher32Codec() {
  return std::shared_ptr<const Codec>(std::make_shared<Fletcher32Codec>());
}

}  // namespace stacfs
