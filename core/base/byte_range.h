// ByteRange: a half-open span [offset, offset + length) of bytes in a file or object.
#pragma once

#include <cstdint>
#include <string>

namespace stacfs {

struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;

  uint64_t end() const { return offset + length; }
  bool empty() const { return length == 0; }
  bool Contains(const ByteRange& inner) const {
    return inner.offset >= offset && inner.end() <= end();
  }
  bool operator==(const ByteRange&) const = default;
  // "bytes=100-199" as in an HTTP Range header (inclusive end). Requires length > 0.
  std::string ToHttpRange() const {
    return "bytes=" + std::to_string(offset) + "-" + std::to_string(end() - 1);
  }
  std::string ToString() const {
    return "[" + std::to_string(offset) + ", +" + std::to_string(length) + ")";
  }
};

// True when offset + length does not overflow 64 bits.
inline bool IsRepresentable(uint64_t offset, uint64_t length) {
  return offset <= UINT64_MAX - length;
}

}  // namespace stacfs
