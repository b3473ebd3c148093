#include "core/codec/deflate_encode.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <memory>

namespace stacfs {
namespace {

struct DeflateStreamDeleter {
  void operator()(z_stream* stream) const {
    deflateEnd(stream);
    delete stream;
  }
};
using DeflateStreamPtr = std::unique_ptr<z_stream, DeflateStreamDeleter>;

}  // namespace

Result<std::string> Deflate(std::string_view decoded, int level, DeflateContainer container) {
  // The settings of Python's zlib.compress (windowBits 15) and of gzip.GzipFile (-15, raw):
  // memLevel 8 and the default strategy in both.
  const int window_bits = container == DeflateContainer::kZlib ? MAX_WBITS : -MAX_WBITS;
  auto stream = std::make_unique<z_stream>();
  if (deflateInit2(stream.get(), level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Internal("deflateInit2 failed for level " + std::to_string(level));
  }
  DeflateStreamPtr owned(stream.release());

  std::string out;
  out.resize(deflateBound(owned.get(), decoded.size()));
  owned->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(decoded.data()));
  owned->next_out = reinterpret_cast<Bytef*>(out.data());
  // avail_in/avail_out are 32-bit: feed and drain in pieces so buffers over 4 GiB work too.
  size_t in_left = decoded.size();
  size_t out_left = out.size();
  int status = Z_OK;
  while (status == Z_OK) {
    if (owned->avail_in == 0) {
      owned->avail_in = static_cast<uInt>(std::min<size_t>(in_left, UINT_MAX));
      in_left -= owned->avail_in;
    }
    if (owned->avail_out == 0) {
      owned->avail_out = static_cast<uInt>(std::min<size_t>(out_left, UINT_MAX));
      out_left -= owned->avail_out;
    }
    status = deflate(owned.get(), in_left == 0 ? Z_FINISH : Z_NO_FLUSH);
  }
  if (status != Z_STREAM_END) {
    return Internal("zlib deflate failed: " +
                    std::string(owned->msg != nullptr ? owned->msg : std::to_string(status)));
  }
  out.resize(owned->total_out);
  return out;
}

}  // namespace stacfs
