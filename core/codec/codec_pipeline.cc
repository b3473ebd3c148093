// CodecPipeline: a Zarr v2 array's filters and compressor, applied as numcodecs does.
#include <vector>

#include "core/codec/codec.h"

namespace stacfs {
namespace {

// The encoded size of `decoded_size` bytes when the codec makes it obvious, else 0 (unknown).
// Lets every decode step get a size hint, not only the last: e.g. shuffle keeps the size, so
// the compressor before it decodes to exactly the chunk's size.
size_t ObviousEncodedSize(const Codec& codec, size_t decoded_size) {
  if (decoded_size == 0) return 0;
  const std::string_view id = codec.id();
  if (id == "shuffle" || id == "delta") return decoded_size;
  if (id == "fletcher32") return decoded_size + 4;
  return 0;
}

}  // namespace

Result<std::string> CodecPipeline::Decode(std::string_view encoded, size_t chunk_nbytes) const {
  // Decode order: the compressor, then the filters last to first.
  std::vector<const Codec*> steps;
  if (compressor_) steps.push_back(compressor_.get());
  for (auto filter = filters_.rbegin(); filter != filters_.rend(); ++filter) {
    steps.push_back(filter->get());
  }
  // A chunk that decodes to the wrong size would be read as wrong values: refuse it here, the
  // one place every reader passes through.
  auto check_size = [chunk_nbytes](std::string bytes) -> Result<std::string> {
    if (chunk_nbytes != 0 && bytes.size() != chunk_nbytes) {
      return Corrupt("chunk decodes to " + std::to_string(bytes.size()) + " bytes, expected " +
                     std::to_string(chunk_nbytes));
    }
    return bytes;
  };
  if (steps.empty()) return check_size(std::string(encoded));

  // hints[i]: what step i should decode to. The last step yields the chunk; each earlier step
  // yields what the next one takes as input.
  std::vector<size_t> hints(steps.size());
  hints.back() = chunk_nbytes;
  for (size_t i = steps.size() - 1; i > 0; --i) {
    hints[i - 1] = ObviousEncodedSize(*steps[i], hints[i]);
  }

  std::string current;
  std::string_view input = encoded;
  for (size_t i = 0; i < steps.size(); ++i) {
    Result<std::string> decoded = steps[i]->Decode(input, hints[i]);
    if (!decoded) return std::move(decoded).WithContext(std::string(steps[i]->id()));
    current = std::move(*decoded);
    input = current;
  }
  return check_size(std::move(current));
}

Result<std::string> CodecPipeline::Encode(std::string_view decoded) const {
  std::string current(decoded);
  for (const std::shared_ptr<const Codec>& filter : filters_) {
    Result<std::string> encoded = filter->Encode(current);
    if (!encoded) return std::move(encoded).WithContext(std::string(filter->id()));
    current = std::move(*encoded);
  }
  if (compressor_) {
    Result<std::string> encoded = compressor_->Encode(current);
    if (!encoded) return std::move(encoded).WithContext(std::string(compressor_->id()));
    current = std::move(*encoded);
  }
  return current;
}

}  // namespace stacfs
