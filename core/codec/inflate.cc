#include "core/codec/inflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "core/codec/codec_limits.h"

namespace stacfs {
namespace {

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};
using DecompressorPtr = std::unique_ptr<libdeflate_decompressor, DecompressorDeleter>;

// One decompressor per thread, kept for the thread's life: allocating one (tens of KB of
// tables) per chunk would show up in profiles, libdeflate keeps no state between calls, and
// thread_local means no sharing and no lock. Freed by the deleter when the thread exits.
Result<libdeflate_decompressor*> ThreadDecompressor() {
  thread_local DecompressorPtr decompressor;
  if (!decompressor) decompressor.reset(libdeflate_alloc_decompressor());
  if (!decompressor) return ResourceExhausted("cannot allocate a libdeflate decompressor");
  return decompressor.get();
}

using DecompressFn = libdeflate_result (*)(libdeflate_decompressor*, const void* in,
                                           size_t in_nbytes, void* out, size_t out_nbytes_avail,
                                           size_t* actual_in_nbytes_ret,
                                           size_t* actual_out_nbytes_ret);

struct Format {
  const char* name;  // "zlib" or "gzip", for messages
  DecompressFn decompress;
};

constexpr Format kZlib{"zlib", &libdeflate_zlib_decompress_ex};
constexpr Format kGzip{"gzip", &libdeflate_gzip_decompress_ex};

// First output size to try when nothing better is known: typical scientific data compresses
// 1.5-4x with deflate, so 4x the input usually fits in one pass.
size_t DefaultGuess(size_t encoded_size) { return std::max<size_t>(encoded_size * 4, 64 * 1024); }

// Decodes the one stream (zlib stream or gzip member) at the start of `in`, appending its
// output to `out`. Returns how many input bytes the stream occupied.
Result<size_t> InflateOneStream(const Format& format, std::string_view in, size_t guess,
                                std::string& out) {
  STACFS_ASSIGN_OR_RETURN(libdeflate_decompressor * decompressor, ThreadDecompressor());
  const size_t out_start = out.size();
  const size_t plausible = MaxPlausibleDecodedSize(in.size(), kDeflateMaxRatio);
  const size_t limit =
      std::min(plausible, kMaxDecodedChunkBytes - std::min(out_start, kMaxDecodedChunkBytes));
  size_t capacity = std::min(std::max<size_t>(guess, 1), limit);
  for (;;) {
    out.resize(out_start + capacity);
    size_t in_used = 0;
    size_t out_used = 0;
    const libdeflate_result result = format.decompress(
        decompressor, in.data(), in.size(), out.data() + out_start, capacity, &in_used, &out_used);
    if (result == LIBDEFLATE_SUCCESS) {
      out.resize(out_start + out_used);
      return in_used;
    }
    if (result != LIBDEFLATE_INSUFFICIENT_SPACE) {
      out.resize(out_start);
      // libdeflate does not say which: bad Huffman codes, a bad checksum and a stream that
      // ends early all come back as BAD_DATA.
      return Corrupt(std::string("corrupt or truncated ") + format.name + " stream (" +
                     std::to_string(in.size()) + " bytes): invalid deflate data or checksum");
    }
    if (capacity >= limit) {
      out.resize(out_start);
      if (limit == plausible) {
        return Corrupt(std::string(format.name) + " stream decodes to more than " +
                       std::to_string(limit) + " bytes, more than deflate can produce from " +
                       std::to_string(in.size()) + " bytes");
      }
      return ResourceExhausted(std::string(format.name) + " chunk decodes to more than " +
                               std::to_string(kMaxDecodedChunkBytes) +
                               " bytes, the limit per chunk");
    }
    capacity = std::min(capacity * 2, limit);
  }
}

// The gzip trailer's ISIZE: the member's decoded size mod 2^32, exact for one-member files
// under 4 GiB, which is every chunk numcodecs writes.
size_t GzipTrailerSize(std::string_view encoded) {
  if (encoded.size() < 18) return 0;  // smaller than an empty gzip member
  const auto* p = reinterpret_cast<const unsigned char*>(encoded.data() + encoded.size() - 4);
  return size_t{p[0]} | size_t{p[1]} << 8 | size_t{p[2]} << 16 | size_t{p[3]} << 24;
}

bool AllZero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace

Result<std::string> InflateZlibStream(std::string_view encoded, size_t decoded_size_hint) {
  std::string out;
  const size_t guess = decoded_size_hint != 0 ? decoded_size_hint : DefaultGuess(encoded.size());
  STACFS_ASSIGN_OR_RETURN(size_t used, InflateOneStream(kZlib, encoded, guess, out));
  if (used != encoded.size()) {
    return Corrupt("zlib stream ends at byte " + std::to_string(used) + " but the buffer has " +
                   std::to_string(encoded.size() - used) + " more bytes");
  }
  return out;
}

Result<std::string> InflateGzipFile(std::string_view encoded, size_t decoded_size_hint) {
  std::string out;
  size_t guess = decoded_size_hint;
  if (guess == 0) guess = GzipTrailerSize(encoded);
  if (guess == 0) guess = DefaultGuess(encoded.size());
  std::string_view rest = encoded;
  do {
    STACFS_ASSIGN_OR_RETURN(size_t used, InflateOneStream(kGzip, rest, guess, out));
    rest.remove_prefix(used);
    if (AllZero(rest)) break;
    if (rest.size() < 2 || static_cast<unsigned char>(rest[0]) != 0x1f ||
        static_cast<unsigned char>(rest[1]) != 0x8b) {
      return Corrupt("gzip member ends at byte " + std::to_string(encoded.size() - rest.size()) +
                     " and is followed by " + std::to_string(rest.size()) +
                     " bytes that are not another gzip member");
    }
    // Rare multi-member file: the next member's size is unknown, guess from its input.
    guess = DefaultGuess(rest.size());
  } while (true);
  return out;
}

}  // namespace stacfs
