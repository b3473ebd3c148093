// numcodecs "blosc": a c-blosc 1 frame (16-byte header, then blocks compressed with an inner
// codec after an optional byte or bit shuffle).
//
// Decoding needs nothing but the frame: the header records the inner codec, shuffle and item
// size. Encoding needs the item size (`typesize`) for the shuffle, which numcodecs takes from
// the array's dtype; a numcodecs JSON configuration does not carry it, so MakeCodec() builds
// blosc codecs with typesize 1 (right for filter output and byte data) and writers of typed
// chunks call MakeBloscCodec() with the dtype's size.
//
// Blosc 1 frames have no checksum: a flipped byte inside a block can decode to wrong bytes
// without an error. Header inconsistencies and truncation are detected.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// numcodecs' Blosc shuffle modes.
inline constexpr int kBloscAutoShuffle = -1;  // bit shuffle for 1-byte items, else byte shuffle
inline constexpr int kBloscNoShuffle = 0;
inline constexpr int kBloscByteShuffle = 1;
inline constexpr int kBloscBitShuffle = 2;

struct BloscParams {
  std::string cname = "lz4";  // blosclz, lz4, lz4hc, snappy, zlib, zstd (as built into blosc)
  int clevel = 5;             // 0..9
  int shuffle = kBloscByteShuffle;
  int blocksize = 0;    // bytes; 0 = blosc picks
  size_t typesize = 1;  // item size for the shuffle; not part of the numcodecs configuration
};

Result<std::shared_ptr<const Codec>> MakeBloscCodec(const BloscParams& params);

}  // namespace stacfs
