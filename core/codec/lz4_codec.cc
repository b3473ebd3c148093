#include "core/codec/lz4_codec.h"

#include <lz4.h>

#include <climits>
#include <cstdint>

#include "core/codec/codec_limits.h"
#include "core/codec/config_json.h"

namespace stacfs {
namespace {

constexpr size_t kHeaderBytes = 4;

class Lz4Codec final : public Codec {
 public:
  explicit Lz4Codec(int acceleration) : acceleration_(acceleration) {}

  std::string_view id() const override { return "lz4"; }

  Result<std::string> Decode(std::string_view encoded, size_t) const override {
    // The hint is not needed: the header states the decoded size.
    if (encoded.size() < kHeaderBytes) {
      return Corrupt("truncated lz4 chunk: " + std::to_string(encoded.size()) +
                     " bytes, shorter than its 4-byte length header");
    }
    const auto* header = reinterpret_cast<const unsigned char*>(encoded.data());
    const size_t decoded_size = size_t{header[0]} | size_t{header[1]} << 8 |
                                size_t{header[2]} << 16 | size_t{header[3]} << 24;
    const std::string_view block = encoded.substr(kHeaderBytes);
    STACFS_RETURN_IF_ERROR(
        CheckClaimedDecodedSize("lz4", decoded_size, block.size(), kLz4MaxRatio));
    if (decoded_size > INT_MAX || block.size() > INT_MAX) {
      return ResourceExhausted("lz4 block of " + std::to_string(block.size()) + " -> " +
                               std::to_string(decoded_size) + " bytes exceeds LZ4's 2 GiB limit");
    }
    std::string out(decoded_size, '\0');
    // LZ4_decompress_safe never reads or writes outside the given buffers, whatever the input.
    const int written = LZ4_decompress_safe(
        block.data(), out.data(), static_cast<int>(block.size()), static_cast<int>(decoded_size));
    if (written < 0) {
      return Corrupt("corrupt or truncated lz4 block (" + std::to_string(block.size()) +
                     " bytes, header says " + std::to_string(decoded_size) + " decoded)");
    }
    if (static_cast<size_t>(written) != decoded_size) {
      return Corrupt("lz4 header says " + std::to_string(decoded_size) +
                     " decoded bytes but the block holds " + std::to_string(written));
    }
    return out;
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    if (decoded.size() > LZ4_MAX_INPUT_SIZE) {
      return ResourceExhausted("lz4 cannot encode " + std::to_string(decoded.size()) +
                               " bytes in one block (limit " + std::to_string(LZ4_MAX_INPUT_SIZE) +
                               ")");
    }
    const int size = static_cast<int>(decoded.size());
    const int bound = LZ4_compressBound(size);
    std::string out(kHeaderBytes + static_cast<size_t>(bound), '\0');
    for (size_t i = 0; i < kHeaderBytes; ++i) {
      out[i] = static_cast<char>((static_cast<uint32_t>(size) >> (8 * i)) & 0xff);
    }
    const int written =
        LZ4_compress_fast(decoded.data(), out.data() + kHeaderBytes, size, bound, acceleration_);
    // Zero-length input yields a 1-byte block, so 0 can only mean failure.
    if (written <= 0) return Internal("lz4 compression failed");
    out.resize(kHeaderBytes + static_cast<size_t>(written));
    return out;
  }

  std::string ConfigJson() const override {
    return ConfigJsonBuilder("lz4").Int("acceleration", acceleration_).Build();
  }

 private:
  int acceleration_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeLz4Codec(int acceleration) {
  return std::shared_ptr<const Codec>(std::make_shared<Lz4Codec>(acceleration));
}

}  // namespace stacfs
