// numcodecs "lz4": a 4-byte little-endian decoded length, then one LZ4 block (not the LZ4
// frame format). The block has no checksum: a flipped literal byte decodes to wrong bytes
// unnoticed; a length that disagrees with the block, truncation and bad sequences are
// detected.
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `acceleration`: LZ4_compress_fast's speed/ratio trade-off; values < 1 mean 1, as in LZ4.
Result<std::shared_ptr<const Codec>> MakeLz4Codec(int acceleration);

}  // namespace stacfs
