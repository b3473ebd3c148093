// numcodecs "vlen-utf8": an array of variable-length strings as bytes. Layout, all integers
// u32 little-endian: item count, then per item its byte length and its UTF-8 bytes.
//
// It decodes to strings, not to a byte buffer, so it does not fit Codec's bytes->bytes
// Decode: the Codec's Decode and Encode return kUnsupported, and callers holding a Zarr
// array of dtype "|O" with this filter decode the rest of the pipeline and then call
// DecodeVlenUtf8 on its output.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// Every count and length is checked against the bytes left, every item must be valid UTF-8
// and the items must use the whole buffer; otherwise kCorrupt. `expected_items`: the chunk's
// element count, 0 not to check it.
Result<std::vector<std::string>> DecodeVlenUtf8(std::string_view encoded, size_t expected_items);

// Precondition: fewer than 2^32 items, each shorter than 4 GiB (a chunk is far smaller) and
// valid UTF-8 (not checked here).
std::string EncodeVlenUtf8(const std::vector<std::string>& items);

Result<std::shared_ptr<const Codec>> MakeVlenUtf8Codec();

}  // namespace stacfs
