// JSON reading and writing shared by every parser in stacfs (Kerchunk references, Zarr
// metadata, STAC documents).
//
// Reading is lenient where the field is: Python's json module writes bare NaN, Infinity and
// -Infinity, and Kerchunk files in the wild contain them. ParseJsonLenient accepts them and reads
// them as the strings "NaN", "Infinity", "-Infinity" — exactly Zarr v2's encoding of non-finite
// fill values. Strict JSON takes the fast path; the rewrite runs only when the first parse fails.
//
// Errors name what was parsed (`what`, e.g. a file name or URL) and simdjson's reason.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

// Holds the parser and the (padded) text a parsed document points into; elements obtained from
// it are valid until the next Parse or until this object dies.
class JsonDocument {
 public:
  // Limits guard against hostile input: nesting depth is enforced by simdjson, size here.
  static constexpr uint64_t kDefaultMaxBytes = uint64_t{4} << 30;
  static constexpr size_t kDefaultMaxDepth = 256;

  JsonDocument();
  Result<simdjson::dom::element> Parse(std::string_view text, std::string_view what,
                                       uint64_t max_bytes = kDefaultMaxBytes);

 private:
  simdjson::dom::parser parser_;
  std::string rewritten_;  // storage for text with non-finite tokens rewritten
};

// Rewrites bare NaN / Infinity / -Infinity tokens outside strings into JSON strings. Returns
// false (and leaves `out` unspecified) when there was nothing to rewrite.
bool RewriteNonFiniteTokens(std::string_view text, std::string* out);

// Appends `text` as a JSON string literal (quotes and escapes) to `out`. `text` must be UTF-8.
void AppendJsonString(std::string* out, std::string_view text);
std::string JsonString(std::string_view text);

// Appends a double in the shortest form that reads back to the same value; non-finite values
// as the strings "NaN", "Infinity", "-Infinity" (Zarr's convention).
void AppendJsonNumber(std::string* out, double value);

bool IsValidUtf8(std::string_view bytes);

// Helpers that turn simdjson's error codes into Errors naming the field.
std::string JsonTypeName(simdjson::dom::element_type type);
Result<std::string_view> GetString(simdjson::dom::element e, std::string_view field);
Result<uint64_t> GetUint(simdjson::dom::element e, std::string_view field);
Result<int64_t> GetInt(simdjson::dom::element e, std::string_view field);

}  // namespace stacfs
