// Base64 (RFC 4648, standard alphabet, padded), as Kerchunk's "base64:" inline data and Zarr's
// fill values for byte strings use it.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

std::string Base64Encode(std::string_view bytes);
// Accepts padded and unpadded input; anything outside the alphabet is kInvalidArgument.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace stacfs
