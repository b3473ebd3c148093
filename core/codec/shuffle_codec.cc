#include "core/codec/shuffle_codec.h"

#include <cstring>

#include "core/codec/config_json.h"

namespace stacfs {
namespace {

// Encoding: element i's byte k goes to plane k at position i. Writes run sequentially
// through each plane; with the element size a compile-time constant (kSize > 0) the inner
// loop unrolls, which matters for the common 2/4/8-byte types.
template <size_t kSize>
void Shuffle(const unsigned char* in, unsigned char* out, size_t elements, size_t dyn_size) {
  const size_t size = kSize != 0 ? kSize : dyn_size;
  for (size_t byte = 0; byte < size; ++byte) {
    unsigned char* plane = out + byte * elements;
    for (size_t i = 0; i < elements; ++i) plane[i] = in[i * size + byte];
  }
}

// Decoding: reads the planes in parallel and writes elements sequentially, so both sides
// stream through memory.
template <size_t kSize>
void Unshuffle(const unsigned char* in, unsigned char* out, size_t elements, size_t dyn_size) {
  const size_t size = kSize != 0 ? kSize : dyn_size;
  for (size_t i = 0; i < elements; ++i) {
    for (size_t byte = 0; byte < size; ++byte) out[i * size + byte] = in[byte * elements + i];
  }
}

using TransposeFn = void (*)(const unsigned char*, unsigned char*, size_t, size_t);

class ShuffleCodec final : public Codec {
 public:
  explicit ShuffleCodec(int elementsize) : elementsize_(elementsize) {}

  std::string_view id() const override { return "shuffle"; }

  Result<std::string> Decode(std::string_view encoded, size_t) const override {
    return Transpose(encoded, /*encode=*/false);
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    return Transpose(decoded, /*encode=*/true);
  }

  std::string ConfigJson() const override {
    return ConfigJsonBuilder("shuffle").Int("elementsize", elementsize_).Build();
  }

 private:
  std::string Transpose(std::string_view in, bool encode) const {
    std::string out(in.size(), '\0');
    const size_t size = static_cast<size_t>(elementsize_);
    if (size <= 1) {
      std::memcpy(out.data(), in.data(), in.size());
      return out;
    }
    const size_t elements = in.size() / size;
    const auto* src = reinterpret_cast<const unsigned char*>(in.data());
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    TransposeFn fn = encode ? PickShuffle(size) : PickUnshuffle(size);
    fn(src, dst, elements, size);
    const size_t done = elements * size;
    std::memcpy(dst + done, src + done, in.size() - done);  // HDF5: remainder as is
    return out;
  }

  static TransposeFn PickShuffle(size_t size) {
    switch (size) {
      case 2:
        return &Shuffle<2>;
      case 4:
        return &Shuffle<4>;
      case 8:
        return &Shuffle<8>;
      case 16:
        return &Shuffle<16>;
      default:
        return &Shuffle<0>;
    }
  }

  static TransposeFn PickUnshuffle(size_t size) {
    switch (size) {
      case 2:
        return &Unshuffle<2>;
      case 4:
        return &Unshuffle<4>;
      case 8:
        return &Unshuffle<8>;
      case 16:
        return &Unshuffle<16>;
      default:
        return &Unshuffle<0>;
    }
  }

  int elementsize_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeShuffleCodec(int elementsize) {
  if (elementsize < 0) {
    return InvalidArgument("codec 'shuffle': parameter 'elementsize' must be >= 0, got " +
                           std::to_string(elementsize));
  }
  return std::shared_ptr<const Codec>(std::make_shared<ShuffleCodec>(elementsize));
}

}  // namespace stacfs
