// ReferenceJsonWriter: the strict v1 JSON text of Kerchunk references, produced one key at a
// time and handed to a sink in pieces of about `flush_bytes`, so that a million references
// never exist as one string (SerializeReferences and the converter's streaming writer share
// it, and with it one definition of the output format).
//
// Format, byte for byte: {"version":1,"refs":{ then one "key":value per line, then }}.
// Inline bytes are written raw when they are valid UTF-8 (and do not look like base64 data),
// else as "base64:..."; ranges as [url,offset,length]; whole objects as [url]. URLs must be
// absolute. Keys are written in the order given: callers that want a stable file give them
// in a stable order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/base/byte_range.h"
#include "core/base/result.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs {

class ReferenceJsonWriter {
 public:
  using Sink = std::function<Result<void>(std::string_view)>;
  static constexpr size_t kDefaultFlushBytes = size_t{1} << 20;

  explicit ReferenceJsonWriter(Sink sink, size_t flush_bytes = kDefaultFlushBytes);

  Result<void> AddInline(std::string_view key, std::string_view bytes);
  Result<void> AddRange(std::string_view key, std::string_view url, ByteRange range);
  Result<void> AddWholeObject(std::string_view key, std::string_view url);
  Result<void> Add(std::string_view key, const Reference& ref);

  // Closes the JSON text and hands the rest to the sink. Nothing may be added afterwards.
  Result<void> Finish();

  uint64_t keys() const { return keys_; }

 private:
  void StartKey(std::string_view key);
  Result<void> MaybeFlush();

  Sink sink_;
  size_t flush_bytes_;
  std::string buffer_;
  uint64_t keys_ = 0;
  bool finished_ = false;
};

}  // namespace stacfs
