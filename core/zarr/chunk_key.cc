#include "core/zarr/chunk_key.h"

#include <charconv>

namespace stacfs {

void AppendChunkKey(std::string* out, std::span<const uint64_t> index, char separator) {
  if (index.empty()) {
    out->push_back('0');
    return;
  }
  char digits[24];
  for (size_t d = 0; d < index.size(); ++d) {
    if (d > 0) out->push_back(separator);
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, index[d]);
    (void)ec;  // 24 bytes hold any uint64_t
    out->append(digits, end);
  }
}

std::string FormatChunkKey(std::span<const uint64_t> index, char separator) {
  std::string out;
  AppendChunkKey(&out, index, separator);
  return out;
}

Result<void> ParseChunkKey(std::string_view key, char separator, std::span<uint64_t> out) {
  auto fail = [&] {
    return InvalidArgument("'" + std::string(key) + "' is not a chunk key of " +
                           std::to_string(out.size()) + " dimensions");
  };
  if (out.empty()) {
    if (key != "0") return fail();
    return Ok();
  }
  const char* p = key.data();
  const char* end = key.data() + key.size();
  for (size_t d = 0; d < out.size(); ++d) {
    if (d > 0) {
      if (p == end || *p != separator) return fail();
      ++p;
    }
    if (p == end || (*p == '0' && p + 1 != end && p[1] >= '0' && p[1] <= '9')) return fail();
    auto [next, ec] = std::from_chars(p, end, out[d]);
    if (ec != std::errc()) return fail();
    p = next;
  }
  if (p != end) return fail();
  return Ok();
}

bool LinearChunkIndex(std::span<const uint64_t> index, std::span<const uint64_t> grid,
                      uint64_t* linear) {
  uint64_t value = 0;
  for (size_t d = 0; d < grid.size(); ++d) {
    if (index[d] >= grid[d]) return false;
    value = value * grid[d] + index[d];
  }
  *linear = value;
  return true;
}

void ChunkIndexFromLinear(uint64_t linear, std::span<const uint64_t> grid, std::span<uint64_t> out) {
  for (size_t d = grid.size(); d-- > 0;) {
    out[d] = linear % grid[d];
    linear /= grid[d];
  }
}

}  // namespace stacfs
