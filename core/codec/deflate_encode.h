// Deflate encoding with zlib, shared by the zlib and gzip codecs.
//
// Encoding uses zlib rather than libdeflate on purpose: Python's zlib module (and so
// numcodecs) uses the same library with the same settings, so for a given zlib version our
// chunks are byte-identical to numcodecs' ones. Decoding uses libdeflate (inflate.h).
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

enum class DeflateContainer {
  kZlib,  // RFC 1950 header and Adler-32 trailer: zlib.compress()
  kRaw,   // bare deflate, as gzip.GzipFile wraps it in its own header and trailer
};

// `level`: -1..9 as zlib takes it. Errors are kInternal or kResourceExhausted: zlib cannot
// fail on valid input.
Result<std::string> Deflate(std::string_view decoded, int level, DeflateContainer container);

inline constexpr int kMinDeflateLevel = -1;
inline constexpr int kMaxDeflateLevel = 9;

}  // namespace stacfs
