// numcodecs "fletcher32": the data followed by its HDF5 Fletcher-32 checksum, 4 bytes
// little-endian (numcodecs >= 0.12; HDF5's fletcher32 filter writes the same bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/base/result.h"
#include "core/codec/codec.h"

namespace stacfs {

// HDF5's H5_checksum_fletcher32: 16-bit words read big-endian, an odd trailing byte as the
// high byte of a last word, sums reduced mod 65535 the way HDF5 defers it (so a sum can end
// as 0xffff rather than 0). Other Fletcher-32 variants give different values.
uint32_t HdfFletcher32(std::string_view data);

Result<std::shared_ptr<const Codec>> MakeFletcher32Codec();

}  // namespace stacfs
