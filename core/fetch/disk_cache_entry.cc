#include "core/fetch/disk_cache_entry.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace stacfs {
namespace {

constexpr char kMagic[8] = {'S', 'T', 'A', 'C', 'F', 'S', 'D', 'C'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kFlagHasObjectSize = 1;
constexpr size_t kChecksummedHeaderBytes = 40;  // everything before the crc field
constexpr size_t kCrcOffset = 40;

void PutLe(std::string* out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t GetLe(std::string_view in, size_t at, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= uint64_t{static_cast<unsigned char>(in[at + i])} << (8 * i);
  return value;
}

// zlib's crc32 takes a uInt length: feed large spans in pieces.
uint32_t Crc32(uint32_t crc, std::string_view bytes) {
  constexpr size_t kPiece = size_t{1} << 30;
  uLong value = crc;
  while (!bytes.empty()) {
    size_t n = bytes.size() < kPiece ? bytes.size() : kPiece;
    value = crc32(value, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n));
    bytes.remove_prefix(n);
  }
  return static_cast<uint32_t>(value);
}

}  // namespace

std::string EncodeDiskCacheHeader(std::string_view key, const FetchResponse& response) {
  std::string out(kMagic, sizeof kMagic);
  PutLe(&out, kVersion, 4);
  PutLe(&out, key.size(), 4);
  PutLe(&out, response.etag.size(), 4);
  PutLe(&out, response.object_size ? kFlagHasObjectSize : 0, 4);
  PutLe(&out, response.object_size.value_or(0), 8);
  PutLe(&out, response.bytes.size(), 8);
  uint32_t crc = Crc32(0, out);
  crc = Crc32(crc, key);
  crc = Crc32(crc, response.etag);
  crc = Crc32(crc, response.bytes.view());
  PutLe(&out, crc, 4);
  PutLe(&out, 0, 4);
  out.append(key);
  out.append(response.etag);
  return out;
}

Result<FetchResponse> DecodeDiskCacheEntry(std::string_view key, std::string file) {
  std::string_view in(file);
  if (in.size() < kDiskCacheHeaderBytes) return Corrupt("entry shorter than its header");
  if (std::memcmp(in.data(), kMagic, sizeof kMagic) != 0) return Corrupt("bad magic");
  if (GetLe(in, 8, 4) != kVersion) return Corrupt("unknown version " + std::to_string(GetLe(in, 8, 4)));
  uint64_t key_length = GetLe(in, 12, 4);
  uint64_t etag_length = GetLe(in, 16, 4);
  uint64_t flags = GetLe(in, 20, 4);
  uint64_t object_size = GetLe(in, 24, 8);
  uint64_t payload_length = GetLe(in, 32, 8);
  // Compared without adding first, so that huge corrupt lengths cannot overflow the sum.
  uint64_t body = in.size() - kDiskCacheHeaderBytes;
  if (key_length > body || etag_length > body - key_length ||
      payload_length != body - key_length - etag_length) {
    return Corrupt("entry length " + std::to_string(in.size()) + " does not match its header");
  }
  std::string_view stored_key = in.substr(kDiskCacheHeaderBytes, key_length);
  if (stored_key != key) return Corrupt("entry holds another key");
  size_t etag_at = kDiskCacheHeaderBytes + key_length;
  size_t payload_at = etag_at + etag_length;
  uint32_t crc = Crc32(0, in.substr(0, kChecksummedHeaderBytes));
  crc = Crc32(crc, stored_key);
  crc = Crc32(crc, in.substr(etag_at, etag_length));
  crc = Crc32(crc, in.substr(payload_at));
  if (crc != GetLe(in, kCrcOffset, 4)) return Corrupt("checksum mismatch");

  FetchResponse response;
  response.etag = std::string(in.substr(etag_at, etag_length));
  if (flags & kFlagHasObjectSize) response.object_size = object_size;
  response.bytes = SharedBytes(std::move(file)).Slice(payload_at, payload_length);
  return response;
}

}  // namespace stacfs
