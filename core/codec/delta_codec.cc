#include "core/codec/delta_codec.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/codec/config_json.h"

namespace stacfs {
namespace {

// A numeric numpy dtype, as its type string ("<i4", "|u1", ">f8").
struct NumericDtype {
  char kind = 0;  // 'i', 'u' or 'f'
  size_t size = 0;
  bool big_endian = false;

  // numpy's canonical spelling: "|" for one-byte types, else the explicit byte order.
  std::string str() const {
    const char order = size == 1 ? '|' : big_endian ? '>' : '<';
    return std::string{order, kind} + std::to_string(size);
  }
  bool operator==(const NumericDtype&) const = default;
};

Result<NumericDtype> ParseDtype(std::string_view parameter, std::string_view text) {
  const auto bad = [&](std::string why) {
    return InvalidArgument("codec 'delta': parameter '" + std::string(parameter) + "' " + why +
                           ", got '" + std::string(text) + "'");
  };
  NumericDtype dtype;
  std::string_view rest = text;
  bool big_endian = std::endian::native == std::endian::big;
  if (!rest.empty() && (rest[0] == '<' || rest[0] == '>' || rest[0] == '|' || rest[0] == '=')) {
    if (rest[0] == '<') big_endian = false;
    if (rest[0] == '>') big_endian = true;
    rest.remove_prefix(1);
  }
  if (rest.size() != 2 || rest[1] < '1' || rest[1] > '8') {
    return bad("must be a numpy type string such as \"<i4\" or \"<f8\"");
  }
  dtype.kind = rest[0];
  dtype.size = static_cast<size_t>(rest[1] - '0');
  dtype.big_endian = dtype.size > 1 && big_endian;
  const bool integer = (dtype.kind == 'i' || dtype.kind == 'u') &&
                       (dtype.size == 1 || dtype.size == 2 || dtype.size == 4 || dtype.size == 8);
  const bool floating = dtype.kind == 'f' && (dtype.size == 4 || dtype.size == 8);
  if (!integer && !floating) {
    return Unsupported("codec 'delta': " + std::string(parameter) + " '" + std::string(text) +
                       "' is not supported (integers of 1, 2, 4 or 8 bytes and float32/float64 "
                       "are)");
  }
  return dtype;
}

template <class Bits>
Bits ByteSwap(Bits value) {
  if constexpr (sizeof(Bits) == 1) return value;
  if constexpr (sizeof(Bits) == 2) return __builtin_bswap16(value);
  if constexpr (sizeof(Bits) == 4) return __builtin_bswap32(value);
  if constexpr (sizeof(Bits) == 8) return __builtin_bswap64(value);
}

// Element access in a byte buffer of a given byte order. `Value` is the type arithmetic
// runs in: unsigned for integers (wraparound is defined, and is what numpy does for signed
// types too), float/double for floats.
template <class Value, class Bits, bool kSwap>
struct Elements {
  static Value Load(const char* p) {
    Bits bits;
    std::memcpy(&bits, p, sizeof bits);
    if constexpr (kSwap) bits = ByteSwap(bits);
    return std::bit_cast<Value>(bits);
  }
  static void Store(char* p, Value value) {
    Bits bits = std::bit_cast<Bits>(value);
    if constexpr (kSwap) bits = ByteSwap(bits);
    std::memcpy(p, &bits, sizeof bits);
  }
};

// numpy's cumsum: out[0] = in[0] (a copy, so -0.0 stays -0.0), then out[i] = out[i-1] + in[i].
template <class E, class Value>
void RunningSum(const char* in, char* out, size_t count) {
  if (count == 0) return;
  Value sum = E::Load(in);
  E::Store(out, sum);
  for (size_t i = 1; i < count; ++i) {
    sum = static_cast<Value>(sum + E::Load(in + i * sizeof(Value)));
    E::Store(out + i * sizeof(Value), sum);
  }
}

// numcodecs' encode: out[0] = in[0], out[i] = in[i] - in[i-1] (numpy's diff).
template <class E, class Value>
void Differences(const char* in, char* out, size_t count) {
  if (count == 0) return;
  Value previous = E::Load(in);
  E::Store(out, previous);
  for (size_t i = 1; i < count; ++i) {
    const Value current = E::Load(in + i * sizeof(Value));
    E::Store(out + i * sizeof(Value), static_cast<Value>(current - previous));
    previous = current;
  }
}

using TransformFn = void (*)(const char*, char*, size_t);

struct Transforms {
  TransformFn decode;
  TransformFn encode;
};

template <class Value, class Bits>
Transforms TransformsFor(bool big_endian) {
  const bool swap = big_endian != (std::endian::native == std::endian::big);
  if (swap) {
    using E = Elements<Value, Bits, true>;
    return {&RunningSum<E, Value>, &Differences<E, Value>};
  }
  using E = Elements<Value, Bits, false>;
  return {&RunningSum<E, Value>, &Differences<E, Value>};
}

Transforms TransformsFor(const NumericDtype& dtype) {
  if (dtype.kind == 'f') {
    return dtype.size == 4 ? TransformsFor<float, uint32_t>(dtype.big_endian)
                           : TransformsFor<double, uint64_t>(dtype.big_endian);
  }
  switch (dtype.size) {
    case 1:
      return TransformsFor<uint8_t, uint8_t>(false);
    case 2:
      return TransformsFor<uint16_t, uint16_t>(dtype.big_endian);
    case 4:
      return TransformsFor<uint32_t, uint32_t>(dtype.big_endian);
    default:
      return TransformsFor<uint64_t, uint64_t>(dtype.big_endian);
  }
}

class DeltaCodec final : public Codec {
 public:
  explicit DeltaCodec(NumericDtype dtype) : dtype_(dtype), transforms_(TransformsFor(dtype)) {}

  std::string_view id() const override { return "delta"; }

  Result<std::string> Decode(std::string_view encoded, size_t) const override {
    if (encoded.size() % dtype_.size != 0) {
      return Corrupt("delta buffer of " + std::to_string(encoded.size()) +
                     " bytes is not a whole number of " + dtype_.str() + " items");
    }
    std::string out(encoded.size(), '\0');
    transforms_.decode(encoded.data(), out.data(), encoded.size() / dtype_.size);
    return out;
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    if (decoded.size() % dtype_.size != 0) {
      return InvalidArgument("delta input of " + std::to_string(decoded.size()) +
                             " bytes is not a whole number of " + dtype_.str() + " items");
    }
    std::string out(decoded.size(), '\0');
    transforms_.encode(decoded.data(), out.data(), decoded.size() / dtype_.size);
    return out;
  }

  // numcodecs always writes astype, equal to dtype when not given.
  std::string ConfigJson() const override {
    return ConfigJsonBuilder("delta")
        .String("dtype", dtype_.str())
        .String("astype", dtype_.str())
        .Build();
  }

 private:
  NumericDtype dtype_;
  Transforms transforms_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeDeltaCodec(std::string_view dtype_text,
                                                    std::string_view astype_text) {
  STACFS_ASSIGN_OR_RETURN(NumericDtype dtype, ParseDtype("dtype", dtype_text));
  if (!astype_text.empty()) {
    STACFS_ASSIGN_OR_RETURN(NumericDtype astype, ParseDtype("astype", astype_text));
    if (!(astype == dtype)) {
      return Unsupported("codec 'delta': astype '" + std::string(astype_text) +
                         "' differs from dtype '" + std::string(dtype_text) +
                         "'; only astype == dtype is supported");
    }
  }
  return std::shared_ptr<const Codec>(std::make_shared<DeltaCodec>(dtype));
}

}  // namespace stacfs
