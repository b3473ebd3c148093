// numcodecs "gzip": the whole buffer as a gzip file (RFC 1952), as Python's gzip.GzipFile
// writes it.
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `level`: -1 (zlib's default, 6) to 9; numcodecs' default is 1.
Result<std::shared_ptr<const Codec>> MakeGzipCodec(int level);

}  // namespace stacfs
