// numcodecs "delta": each element replaced by its difference from the previous one (the
// first kept as is), in the array's dtype. Decoding is the running sum, in that dtype:
// integers wrap around and floats round at every step exactly as numpy's cumsum does, so
// float data round-trips bit for bit only through this exact sequence of operations.
//
// Supported dtypes: integers ("|i1", "<u2", ">i8", ...) and float32/float64 of either byte
// order. "astype" must equal "dtype" (numcodecs allows a narrower encoded type; stacfs does
// not implement the conversion). Delta has no header or checksum: corruption and truncation
// to a whole number of items are undetectable; a partial item is kCorrupt.
#pragma once

#include <memory>
#include <string_view>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// `astype`: empty means the same as `dtype`.
Result<std::shared_ptr<const Codec>> MakeDeltaCodec(std::string_view dtype,
                                                    std::string_view astype);

}  // namespace stacfs
