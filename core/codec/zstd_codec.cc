#include "core/codec/zstd_codec.h"

#include <zstd.h>

#include <algorithm>

#include "core/codec/codec_limits.h"
#include "core/codec/config_json.h"

namespace stacfs {
namespace {

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* dctx) const { ZSTD_freeDCtx(dctx); }
};
using DCtxPtr = std::unique_ptr<ZSTD_DCtx, DCtxDeleter>;

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* cctx) const { ZSTD_freeCCtx(cctx); }
};
using CCtxPtr = std::unique_ptr<ZSTD_CCtx, CCtxDeleter>;

// One decompression context per thread for one-shot decoding, reused: a context owns
// sizeable tables, so creating one per chunk costs more than a small chunk takes to decode.
// thread_local keeps it unshared without a lock; every use starts with a reset. (One-shot
// decoding uses the output as its window, so the context stays small.)
Result<ZSTD_DCtx*> ThreadDCtx() {
  thread_local DCtxPtr dctx;
  if (!dctx) dctx.reset(ZSTD_createDCtx());
  if (!dctx) return ResourceExhausted("cannot allocate a zstd decompression context");
  ZSTD_DCtx_reset(dctx.get(), ZSTD_reset_session_and_parameters);
  return dctx.get();
}

Error ZstdCorrupt(std::string_view what, size_t code) {
  return Corrupt("corrupt zstd data: " + std::string(what) + ": " + ZSTD_getErrorName(code));
}

// Frames without a recorded content size, several frames, or skippable frames: decode by
// streaming, growing the output as it fills.
Result<std::string> StreamDecode(std::string_view encoded, size_t decoded_size_hint) {
  // A context of its own, freed on return: streaming allocates a window buffer (up to the
  // frame's window size, 128 MiB at most by zstd's default limit) that a thread_local context
  // would keep for the life of the thread. numcodecs never writes such frames; they are rare.
  DCtxPtr owned(ZSTD_createDCtx());
  if (!owned) return ResourceExhausted("cannot allocate a zstd decompression context");
  ZSTD_DCtx* dctx = owned.get();
  const size_t limit =
      std::min(MaxPlausibleDecodedSize(encoded.size(), kZstdMaxRatio), kMaxDecodedChunkBytes);
  std::string out;
  out.resize(std::min(limit, decoded_size_hint != 0
                                 ? decoded_size_hint
                                 : std::max(encoded.size() * 4, ZSTD_DStreamOutSize())));
  ZSTD_inBuffer in{encoded.data(), encoded.size(), 0};
  size_t produced = 0;
  size_t frame_pending = 0;  // 0 when the last frame decoded completely
  while (in.pos < in.size || frame_pending != 0) {
    if (produced == out.size()) {
      if (out.size() >= limit) {
        if (limit == kMaxDecodedChunkBytes) {
          return ResourceExhausted("zstd chunk decodes to more than " + std::to_string(limit) +
                                   " bytes, the limit per chunk");
        }
        return Corrupt("zstd data decodes to more than " + std::to_string(limit) +
                       " bytes, more than zstd can produce from " + std::to_string(encoded.size()) +
                       " bytes");
      }
      out.resize(std::min(limit, std::max<size_t>(out.size() * 2, ZSTD_DStreamOutSize())));
    }
    ZSTD_outBuffer sink{out.data(), out.size(), produced};
    const size_t in_before = in.pos;
    frame_pending = ZSTD_decompressStream(dctx, &sink, &in);
    if (ZSTD_isError(frame_pending)) return ZstdCorrupt("stream", frame_pending);
    const bool progressed = sink.pos != produced || in.pos != in_before;
    produced = sink.pos;
    // Input used up mid-frame with room left in the output: the frame is cut short.
    if (frame_pending != 0 && in.pos == in.size && !progressed && produced < out.size()) {
      return Corrupt("truncated zstd frame: input ends " + std::to_string(encoded.size()) +
                     " bytes in, before the end of the frame");
    }
  }
  out.resize(produced);
  return out;
}

// The level numcodecs 0.11 compresses with: it maps levels <= 0 (zstd's "default" 0 and the
// negative fast modes) to 1; zstd itself clamps levels above its maximum. Doing the same keeps
// our chunks byte-identical to numcodecs' for every configuration.
int EffectiveLevel(int configured_level) { return configured_level <= 0 ? 1 : configured_level; }

class ZstdCodec final : public Codec {
 public:
  ZstdCodec(int level, bool checksum) : level_(level), checksum_(checksum) {}

  std::string_view id() const override { return "zstd"; }

  Result<std::string> Decode(std::string_view encoded, size_t decoded_size_hint) const override {
    if (encoded.empty()) return Corrupt("empty buffer is not a zstd frame");
    const size_t first_frame = ZSTD_findFrameCompressedSize(encoded.data(), encoded.size());
    if (ZSTD_isError(first_frame)) {
      return Corrupt("corrupt or truncated zstd frame (" + std::to_string(encoded.size()) +
                     " bytes): " + ZSTD_getErrorName(first_frame));
    }
    const unsigned long long content_size =
        ZSTD_getFrameContentSize(encoded.data(), encoded.size());
    if (content_size == ZSTD_CONTENTSIZE_ERROR) {
      return Corrupt("invalid zstd frame header (" + std::to_string(encoded.size()) + " bytes)");
    }
    if (content_size == ZSTD_CONTENTSIZE_UNKNOWN || first_frame != encoded.size()) {
      return StreamDecode(encoded, decoded_size_hint);
    }
    // One frame that states its size: decode in one call into exactly that much.
    STACFS_RETURN_IF_ERROR(
        CheckClaimedDecodedSize("zstd", content_size, encoded.size(), kZstdMaxRatio));
    STACFS_ASSIGN_OR_RETURN(ZSTD_DCtx * dctx, ThreadDCtx());
    std::string out(static_cast<size_t>(content_size), '\0');
    const size_t written =
        ZSTD_decompressDCtx(dctx, out.data(), out.size(), encoded.data(), encoded.size());
    if (ZSTD_isError(written)) return ZstdCorrupt("frame", written);
    if (written != out.size()) {
      return Corrupt("zstd frame header says " + std::to_string(out.size()) +
                     " decoded bytes but the frame holds " + std::to_string(written));
    }
    return out;
  }

  Result<std::string> Encode(std::string_view decoded) const override {
    // A fresh context per call: encoding is rare (conversion) and a context's size depends
    // on the level, so caching one per thread would pin the largest ever used.
    CCtxPtr cctx(ZSTD_createCCtx());
    if (!cctx) return ResourceExhausted("cannot allocate a zstd compression context");
    size_t status =
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, EffectiveLevel(level_));
    if (!ZSTD_isError(status)) {
      status = ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, checksum_ ? 1 : 0);
    }
    if (ZSTD_isError(status)) {
      return Internal(std::string("zstd parameter rejected: ") + ZSTD_getErrorName(status));
    }
    std::string out(ZSTD_compressBound(decoded.size()), '\0');
    const size_t written =
        ZSTD_compress2(cctx.get(), out.data(), out.size(), decoded.data(), decoded.size());
    if (ZSTD_isError(written)) {
      return Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(written));
    }
    out.resize(written);
    return out;
  }

  std::string ConfigJson() const override {
    ConfigJsonBuilder config("zstd");
    config.Int("level", level_);
    // Only when set: numcodecs 0.11 does not know the key.
    if (checksum_) config.Bool("checksum", true);
    return config.Build();
  }

 private:
  int level_;
  bool checksum_;
};

}  // namespace

Result<std::shared_ptr<const Codec>> MakeZstdCodec(int level, bool checksum) {
  return std::shared_ptr<const Codec>(std::make_shared<ZstdCodec>(level, checksum));
}

}  // namespace stacfs
