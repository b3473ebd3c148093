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
// How bare NaN / Infinity / -Infinity tokens (which Python's json writes) are read, when a
// strict parse fails: as the strings "NaN"… (what Zarr fill values and most callers want), or
// marked, for callers that re-serialise part of the tree and must give the bare tokens back
// (RestoreNonFiniteTokens) — a NaN attribute must stay a number, not become the string "NaN".
enum class NonFiniteTokens { kAsStrings, kMarked };

class JsonDocument {
 public:
  // Limits guard against hostile input: nesting depth is enforced by simdjson, size here.
  static constexpr uint64_t kDefaultMaxBytes = uint64_t{4} << 30;
  static constexpr size_t kDefaultMaxDepth = 256;

  JsonDocument();
  Result<simdjson::dom::element> Parse(std::string_view text, std::string_view what,
                                       uint64_t max_bytes = kDefaultMaxBytes,
                                       NonFiniteTokens non_finite = NonFiniteTokens::kAsStrings);

 private:
  simdjson::dom::parser parser_;
  std::string rewritten_;  // storage for text with non-finite tokens rewritten
};

// Rewrites bare NaN / Infinity / -Infinity tokens outside strings into JSON strings. Returns
// false (and leaves `out` unspecified) when there was nothing to rewrite.
bool RewriteNonFiniteTokens(std::string_view text, std::string* out,
                            NonFiniteTokens as = NonFiniteTokens::kAsStrings);
// In JSON text serialised from a tree parsed with NonFiniteTokens::kMarked, turns the marked
// strings back into bare tokens.
std::string RestoreNonFiniteTokens(std::string_view json);

// Appends `text` as a JSON string literal (quotes and escapes) to `out`. `text` must be UTF-8.
void AppendJsonString(std::string* out, std::string_view text);
std::string JsonString(std::string_view text);

// How non-finite doubles are written: as the strings Zarr uses for fill values, or as the bare
// tokens Python's json module writes (and reads) for attribute values.
enum class NonFinite { kQuotedStrings, kBareTokens };

// A number in the shortest form that reads back to the same value ("-10", "40.5", "1e+20");
// non-finite values as "NaN", "Infinity", "-Infinity" strings. For numbers whose JSON type does
// not matter (bounding boxes, limits).
void AppendJsonNumber(std::string* out, double value);

// A value of floating-point type, written so that it reads back as a float: "-9999.0", "1e+20"
// (never "100000002004087734272", which readers take for an integer beyond 64 bits).
void AppendJsonFloat(std::string* out, double value, NonFinite style);

bool IsValidUtf8(std::string_view bytes);

// The same JSON text with every non-ASCII character \u-escaped (surrogate pairs beyond U+FFFF),
// as Python's json.dumps writes by default. zarr-python 2 decodes metadata documents as ASCII,
// so every .zarray/.zattrs/.zgroup stacfs writes or serves must be ASCII. `json` must be valid
// JSON in UTF-8 (non-ASCII bytes can then only occur inside strings).
std::string EscapeNonAscii(std::string_view json);

// Helpers that turn simdjson's error codes into Errors naming the field.
std::string JsonTypeName(simdjson::dom::element_type type);
Result<std::string_view> GetString(simdjson::dom::element e, std::string_view field);
Result<uint64_t> GetUint(simdjson::dom::element e, std::string_view field);
Result<int64_t> GetInt(simdjson::dom::element e, std::string_view field);

}  // namespace stacfs
