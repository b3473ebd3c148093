// Codecs: the numcodecs-compatible byte transforms Zarr v2 chunks are stored with.
//
// A Codec is built from its numcodecs JSON configuration (e.g. {"id":"zlib","level":1}) and is
// immutable and thread-safe once built. Decoding a chunk runs the compressor first, then the
// filters in reverse order (CodecPipeline). Decoders never trust their input: a corrupt or
// truncated buffer, a size that disagrees with its header or a checksum mismatch is an Error of
// code kCorrupt naming the codec, never a crash and never silently wrong bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace stacfs {

class Codec {
 public:
  virtual ~Codec() = default;

  // The numcodecs id: "zlib", "gzip", "shuffle", "blosc", "zstd", "lz4", "fletcher32",
  // "vlen-utf8", "delta".
  virtual std::string_view id() const = 0;

  // Decodes one buffer. `decoded_size_hint` is the expected decoded size when the caller knows
  // it (the chunk's byte size), 0 otherwise; decoders use it to size their output in one go
  // but must still work (and check) when it is wrong.
  virtual Result<std::string> Decode(std::string_view encoded, size_t decoded_size_hint) const = 0;

  virtual Result<std::string> Encode(std::string_view decoded) const = 0;

  // The canonical numcodecs JSON configuration of this codec, compact, keys sorted.
  virtual std::string ConfigJson() const = 0;
};

// Builds a codec from the JSON text of its numcodecs configuration object. Unknown ids and bad
// parameters are kUnsupported / kInvalidArgument errors naming the id.
Result<std::shared_ptr<const Codec>> MakeCodec(std::string_view config_json);

// The chain a Zarr v2 array declares: `filters` (applied in order when encoding) and an
// optional `compressor` (applied last when encoding, first when decoding).
class CodecPipeline {
 public:
  CodecPipeline() = default;
  CodecPipeline(std::vector<std::shared_ptr<const Codec>> filters,
                std::shared_ptr<const Codec> compressor)
      : filters_(std::move(filters)), compressor_(std::move(compressor)) {}

  // `chunk_nbytes`: the decoded chunk's size in bytes (shape × itemsize). The result must have
  // exactly that size (else kCorrupt); 0 when unknown (object dtypes), which skips the check.
  Result<std::string> Decode(std::string_view encoded, size_t chunk_nbytes) const;
  Result<std::string> Encode(std::string_view decoded) const;

  bool empty() const { return filters_.empty() && compressor_ == nullptr; }
  const std::vector<std::shared_ptr<const Codec>>& filters() const { return filters_; }
  const std::shared_ptr<const Codec>& compressor() const { return compressor_; }

 private:
  std::vector<std::shared_ptr<const Codec>> filters_;
  std::shared_ptr<const Codec> compressor_;
};

}  // namespace stacfs
