#include "core/codec/blosc_codec.h"

#include <blosc.h>

#include "core/codec/codec_limits.h"
#include "core/codec/config_json.h"

namespace stacfs {
namespace {

// Blosc's inner codecs compress a block at most as well as zstd does; blocks add their own
// headers on top, so zstd's ratio bounds a whole frame too.
constexpr size_t kBloscMaxRatio = kZstdMaxRatio;

// The _ctx entry points keep all state on the stack of the call: no blosc_init(), no global
// compressor setting, no blosc thread pool, safe from any thread. One internal thread: the
// daemon parallelises across chunks, not inside one.
constexpr int kBloscInternalThreads = 1;

class BloscCodec final : public Codec {
 public:
  explicit BloscCodec(BloscParams params) : params_(std::move(params)) {}

  std::string_view id() const override { return "blosc"; }

  Result<std::string> Decode(std::string_view encoded, size_t) const override {
    // The hint is not needed: the header states the decoded size, checked below.
    if (encoded.size() < BLOSC_MIN_HEADER_LENGTH) {
      return Corrupt("truncated blosc frame: " + std::to_string(encoded.size()) +
                     " bytes, shorter than the 16-byte blosc header");
    }
    // Reading the sizes first gives truncation its own message.
    size_t header_decoded = 0;
    size_t header_encoded = 0;
    size_t block_size = 0;
    blosc_cbuffer_sizes(encoded.data(), &header_decoded, &header_encoded, &block_size);
    if (header_encoded != encoded.size()) {
      return Corrupt("blosc header says the frame is " + std::to_string(header_encoded) +
                     " bytes but the buffer has " + std::to_string(encoded.size()) +
                     (header_encoded > encoded.size() ? " (truncated)" : ""));
    }
    // Checks the version, flags and sizes of the header against each other.
    size_t decoded_size = 0;
    if (blosc_cbuffer_validate(encoded.data(), encoded.size(), &decoded_size) != 0) {
      return Corrupt("invalid blosc header (" + std::to_string(encoded.size()) + "-byte frame)");
    }
    STACFS_RETURN_IF_ERROR(
        CheckClaimedDecodedSize("blosc", decoded_size, encoded.size(), kBloscMaxRatio));
    std::string out(decoded_size, '\0');
    const int written =
        blosc_decompress_ctx(encoded.data(), out.data(), out.size(), kBloscInternalThreads);
    if (written < 0 || static_cast<size_t>(written) != decoded_size) {
      return Corrupt("corrupt blosc frame: decompression " +
                     (written < 0 ? "failed with error " + std::to_string(written)
                                  : "produced " + std::to_string(written) + " of " +
                                        std::to_string(decoded_size) + " bytes"));
    }
    return out;
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    if (decoded.size() > BLOSC_MAX_BUFFERSIZE) {
      return ResourceExhausted("blosc cannot encode " + std::to_string(decoded.size()) +
                               " bytes in one frame (limit " +
                               std::to_string(BLOSC_MAX_BUFFERSIZE) + ")");
    }
    int shuffle = params_.shuffle;
    if (shuffle == kBloscAutoShuffle) {
      shuffle = params_.typesize == 1 ? BLOSC_BITSHUFFLE : BLOSC_SHUFFLE;  // as numcodecs
    }
    std::string out(decoded.size() + BLOSC_MAX_OVERHEAD, '\0');
    const int written =
        blosc_compress_ctx(params_.clevel, shuffle, params_.typesize, decoded.size(),
                           decoded.data(), out.data(), out.size(), params_.cname.c_str(),
                           static_cast<size_t>(params_.blocksize), kBloscInternalThreads);
    if (written <= 0) {
      return Internal("blosc compression failed with error " + std::to_string(written));
    }
    out.resize(static_cast<size_t>(written));
    return out;
  }

  std::string ConfigJson() const override {
    return ConfigJsonBuilder("blosc")
        .String("cname", params_.cname)
        .Int("clevel", params_.clevel)
        .Int("shuffle", params_.shuffle)
        .Int("blocksize", params_.blocksize)
        .Build();
  }

 private:
  BloscParams params_;
};

Error BadParameter(const std::string& parameter, const std::string& requirement) {
  return InvalidArgument("codec 'blosc': parameter '" + parameter + "' " + requirement);
}

}  // namespace

Result<std::shared_ptr<const Codec>> MakeBloscCodec(const BloscParams& params) {
  // blosc_compname_to_compcode is a pure lookup: -1 when this libblosc was built without
  // that codec. (blosc_list_compressors() is not used: it fills a static buffer unlocked.)
  if (blosc_compname_to_compcode(params.cname.c_str()) < 0) {
    return BadParameter("cname",
                        "must be a codec built into blosc (blosclz, lz4, lz4hc, "
                        "snappy, zlib, zstd), got '" +
                            params.cname + "'");
  }
  if (params.clevel < 0 || params.clevel > 9) {
    return BadParameter("clevel", "must be between 0 and 9, got " + std::to_string(params.clevel));
  }
  if (params.shuffle < kBloscAutoShuffle || params.shuffle > kBloscBitShuffle) {
    return BadParameter("shuffle", "must be -1 (auto), 0 (none), 1 (byte) or 2 (bit), got " +
                                       std::to_string(params.shuffle));
  }
  if (params.blocksize < 0) {
    return BadParameter("blocksize", "must be >= 0, got " + std::to_string(params.blocksize));
  }
  if (params.typesize < 1) return BadParameter("typesize", "must be >= 1");
  return std::shared_ptr<const Codec>(std::make_shared<BloscCodec>(params));
}

}  // namespace stacfs
