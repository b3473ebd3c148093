// numcodecs "shuffle": byte transposition, identical to HDF5's shuffle filter. Byte k of
// every element goes to plane k, so the slowly varying high bytes of numeric data sit next
// to each other and compress well.
//
// A trailing remainder (size % elementsize bytes) is copied verbatim, as HDF5 does; numcodecs
// 0.11 refuses such buffers instead, so this only ever widens what decodes. Shuffle has no
// header or checksum: it cannot detect corruption or truncation.
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `elementsize` >= 0; 0 and 1 leave the bytes as they are (as numcodecs does).
Result<std::shared_ptr<const Codec>> MakeShuffleCodec(int elementsize);

}  // namespace stacfs
