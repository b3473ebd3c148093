// numcodecs "zstd": one or more Zstandard frames (RFC 8878).
//
// numcodecs writes one frame that records its decoded size; frames without it (written by
// streaming encoders) are decoded by streaming. Without the optional content checksum, a
// flipped byte in a compressed block can decode to wrong bytes unnoticed; structure errors,
// truncation and size mismatches are always detected.
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `level`: any integer, as numcodecs 0.11 takes it: levels <= 0 compress as level 1 and
// levels above zstd's maximum (22) as 22; the configuration keeps the value given. numcodecs'
// default is 1. `checksum` (newer numcodecs' "checksum" parameter) makes Encode add the
// frame's content checksum; decoding verifies it whenever a frame has one.
Result<std::shared_ptr<const Codec>> MakeZstdCodec(int level, bool checksum = false);

}  // namespace stacfs
