// The on-disk format of one DiskCacheFetcher entry, kept apart from the cache's bookkeeping so
// that it can be read, written and tested on its own.
//
// Layout (integers little-endian):
//   fixed header, 48 bytes:
//     magic "STACFSDC" (8) | version u32 | key length u32 | etag length u32 | flags u32
//     | object size u64 | payload length u64 | crc32 u32 | zero u32
//   key text | etag | payload
// flags bit 0: the object size is known. The CRC-32 covers the first 40 header bytes, the key,
// the etag and the payload, so that a flipped byte anywhere that matters — payload, lengths,
// etag — is caught; a file whose length disagrees with the header's lengths is a truncation.
// The full key is stored so that a hash collision of file names is a miss, never wrong bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

inline constexpr size_t kDiskCacheHeaderBytes = 48;

// The bytes of an entry file for `key` holding `response`. The payload is written separately
// (it is usually large and already in memory): the file is EncodeDiskCacheHeader(...) followed
// by response.bytes.
std::string EncodeDiskCacheHeader(std::string_view key, const FetchResponse& response);

// Parses a whole entry file. Any mismatch — magic, version, key, lengths, checksum — is a
// kCorrupt error naming what disagreed. The returned bytes share `file`'s buffer.
Result<FetchResponse> DecodeDiskCacheEntry(std::string_view key, std::string file);

}  // namespace stacfs
