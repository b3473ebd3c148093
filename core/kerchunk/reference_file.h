// Reading and writing Kerchunk reference files.
//
// Reading is lenient, to accept what kerchunk, VirtualiZarr, padocc and hand-written files
// contain: version 0 (the refs object at the root) and version 1 ({"version":1,"refs":{...}});
// `.zarray` and other metadata given as JSON objects or as JSON strings; bare NaN/Infinity;
// inline data as "base64:..." or as raw text; [url] for a whole object and [url, offset,
// length] for a range; {{name}} templates; zstd-compressed files (recognised by their magic
// bytes 28 B5 2F FD, whatever their name or media type); relative URLs resolved against the
// reference file's own location. `gen` (generated keys) is refused with a clear error.
//
// Writing is strict: version 1, absolute URLs only, no templates or gen, and inline bytes written
// exactly as held (raw text when they are valid UTF-8, "base64:" otherwise) — never re-encoded
// through a number or a string conversion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs {

struct ReferenceParseOptions {
  // Where the reference file lives (URL or absolute path): the base for relative URLs and the
  // name used in errors. Relative URLs with no location are an error.
  std::string location;
  // Bound on the decompressed size of a zstd-compressed reference file.
  uint64_t max_decompressed_bytes = uint64_t{8} << 30;
};

// Parses the bytes of a reference file (JSON, or zstd-compressed JSON).
Result<ReferenceSet> ParseReferences(std::string_view bytes, const ReferenceParseOptions& options);

// Fetches `location` (a URL or an absolute path) through `fetcher` and parses it.
Result<ReferenceSet> LoadReferences(Fetcher& fetcher, std::string_view location,
                                    const ReferenceParseOptions& options = {});

// The v1 JSON text of `refs`, one key per line.
Result<std::string> SerializeReferences(const ReferenceSet& refs);

// Serialises and writes atomically (temp file + rename): never a partial file at `path`.
Result<void> WriteReferencesFile(const ReferenceSet& refs, const std::string& path);

// True when `bytes` start with the zstd frame magic number.
bool IsZstdFrame(std::string_view bytes);

// Decompresses a (possibly multi-frame) zstd stream, refusing output beyond `max_bytes` and
// truncated input, with errors naming `what`.
Result<std::string> DecompressZstd(std::string_view bytes, uint64_t max_bytes, std::string_view what);

}  // namespace stacfs
