// numcodecs "zlib": the whole buffer as one zlib stream (RFC 1950), as Python's
// zlib.compress(buf, level) writes it.
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `level`: -1 (zlib's default, 6) to 9; numcodecs' default is 1.
Result<std::shared_ptr<const Codec>> MakeZlibCodec(int level);

}  // namespace stacfs
