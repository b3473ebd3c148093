#include "core/codec/gzip_codec.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

#include "core/codec/config_json.h"
#include "core/codec/deflate_encode.h"
#include "core/codec/inflate.h"

namespace stacfs {
namespace {

void AppendLittleEndian32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xff);
}

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {}

  std::string_view id() const override { return "gzip"; }

  Result<std::string> Decode(std::string_view encoded, size_t decoded_size_hint) const override {
    return InflateGzipFile(encoded, decoded_size_hint);
  }

  // The member gzip.GzipFile(fileobj=BytesIO(), compresslevel=level) writes, except MTIME,
  // which is 0 ("no time stamp", RFC 1952) so that equal chunks encode to equal bytes.
  Result<std::string> Encode(std::string_view decoded) const override {
    STACFS_ASSIGN_OR_RETURN(std::string body, Deflate(decoded, level_, DeflateContainer::kRaw));
    // XFL as Python sets it: 2 = best compression (level 9), 4 = fastest (level 1).
    const char extra_flags = level_ == 9 ? 2 : level_ == 1 ? 4 : 0;
    std::string out;
    out.reserve(10 + body.size() + 8);
    out += {'\x1f', '\x8b', '\x08', '\x00'};  // magic, method deflate, no flags (no FNAME)
    AppendLittleEndian32(out, 0);             // MTIME
    out += extra_flags;
    out += '\xff';  // OS: unknown, as Python writes it
    out += body;
    uint32_t crc = 0;
    // crc32() takes 32-bit lengths; feed large buffers in pieces.
    for (std::string_view rest = decoded; !rest.empty();) {
      const size_t piece = std::min<size_t>(rest.size(), 1u << 30);
      crc = static_cast<uint32_t>(
          crc32(crc, reinterpret_cast<const Bytef*>(rest.data()), static_cast<uInt>(piece)));
      rest.remove_prefix(piece);
    }
    AppendLittleEndian32(out, crc);
    AppendLittleEndian32(out, static_cast<uint32_t>(decoded.size()));  // ISIZE: size mod 2^32
    return out;
  }

  std::string ConfigJson() const override {
    return ConfigJsonBuilder("gzip").Int("level", level_).Build();
  }

 private:
  int level_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeGzipCodec(int level) {
  if (level < kMinDeflateLevel || level > kMaxDeflateLevel) {
    return InvalidArgument("codec 'gzip': parameter 'level' must be between -1 and 9, got " +
                           std::to_string(level));
  }
  return std::shared_ptr<const Codec>(std::make_shared<GzipCodec>(level));
}

}  // namespace stacfs
