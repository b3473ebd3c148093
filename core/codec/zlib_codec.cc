#include "core/codec/zlib_codec.h"

#include "core/codec/config_json.h"
#include "core/codec/deflate_encode.h"
#include "core/codec/inflate.h"

namespace stacfs {
namespace {

class ZlibCodec final : public Codec {
 public:
  explicit ZlibCodec(int level) : level_(level) {}

  std::string_view id() const override { return "zlib"; }

  Result<std::string> Decode(std::string_view encoded, size_t decoded_size_hint) const override {
    return InflateZlibStream(encoded, decoded_size_hint);
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    return Deflate(decoded, level_, DeflateContainer::kZlib);
  }

  std::string ConfigJson() const override {
    return ConfigJsonBuilder("zlib").Int("level", level_).Build();
  }

 private:
  int level_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeZlibCodec(int level) {
  if (level < kMinDeflateLevel || level > kMaxDeflateLevel) {
    return InvalidArgument("codec 'zlib': parameter 'level' must be between -1 and 9, got " +
                           std::to_string(level));
  }
  return std::shared_ptr<const Codec>(std::make_shared<ZlibCodec>(level));
}

}  // namespace stacfs
