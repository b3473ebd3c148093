// Fast whole-buffer inflate with libdeflate, shared by the zlib and gzip codecs.
//
// libdeflate decodes in one call into a caller-sized buffer (2-3x faster than zlib's
// streaming inflate), so the output size must be guessed: the caller's hint when it has one,
// the gzip trailer's ISIZE, or a multiple of the input; on LIBDEFLATE_INSUFFICIENT_SPACE the
// buffer doubles and decoding restarts, up to what deflate can physically produce from the
// input (codec_limits.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

// One zlib stream (RFC 1950) that must span the whole input: trailing bytes are kCorrupt
// (Python's zlib.decompress ignores them; a chunk that has any is not what numcodecs wrote).
Result<std::string> InflateZlibStream(std::string_view encoded, size_t decoded_size_hint);

// A gzip file (RFC 1952): one or more members, optionally followed by zero padding, which is
// what Python's gzip module (and so numcodecs' GZip) accepts. Anything else after a member
// is kCorrupt.
Result<std::string> InflateGzipFile(std::string_view encoded, size_t decoded_size_hint);

}  // namespace stacfs
