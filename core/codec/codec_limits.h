// Limits on how much a decoder will allocate for one buffer.
//
// A decoder sizes its output from a header (blosc, lz4, zstd) or grows it while inflating
// (zlib, gzip). Both must be bounded: a flipped byte in a header must not make the daemon
// allocate gigabytes. Two bounds apply:
//  - what the format can physically produce from the encoded size (its best compression
//    ratio): a claim above it is kCorrupt, because no valid stream can make it;
//  - an absolute cap on one decoded chunk: above it is kResourceExhausted (valid but too big).
#pragma once

#include <cstddef>
#include <string>

#include "core/base/result.h"

namespace stacfs {

// 2 GiB: blosc 1's own format limit, and far above any sane Zarr chunk (numcodecs users are
// told to aim for 1-100 MB).
inline constexpr size_t kMaxDecodedChunkBytes = size_t{1} << 31;

// Best possible compression ratios (decoded bytes per encoded byte), from the formats:
// deflate codes a 258-byte match in as little as 2 bits; an lz4 sequence adds 255 bytes of
// match per length byte; a zstd RLE block turns 4 bytes into a 128 KiB block.
inline constexpr size_t kDeflateMaxRatio = 1032;
inline constexpr size_t kLz4MaxRatio = 255;
inline constexpr size_t kZstdMaxRatio = 32768;

// The most bytes a valid `encoded_size`-byte input can decode to, given the format's best
// ratio; the small constant covers headers of tiny inputs. Saturates instead of overflowing.
inline size_t MaxPlausibleDecodedSize(size_t encoded_size, size_t max_ratio) {
  constexpr size_t kSlack = 1024;
  if (encoded_size > (kMaxDecodedChunkBytes * 2) / max_ratio) return kMaxDecodedChunkBytes * 2;
  return encoded_size * max_ratio + kSlack;
}

// Checks a decoded size a header claims. `codec` names the codec in the message.
inline Result<void> CheckClaimedDecodedSize(std::string_view codec, size_t claimed,
                                            size_t encoded_size, size_t max_ratio) {
  if (claimed > MaxPlausibleDecodedSize(encoded_size, max_ratio)) {
    return Corrupt(std::string(codec) + " header claims " + std::to_string(claimed) +
                   " decoded bytes from only " + std::to_string(encoded_size) +
                   " encoded bytes, more than the format can produce");
  }
  if (claimed > kMaxDecodedChunkBytes) {
    return ResourceExhausted(std::string(codec) + " chunk decodes to " + std::to_string(claimed) +
                             " bytes, above the limit of " + std::to_string(kMaxDecodedChunkBytes) +
                             " bytes per chunk");
  }
  return Ok();
}

}  // namespace stacfs
