// Writes a codec's configuration as numcodecs' get_config() would, in canonical form:
// compact JSON, keys sorted. Canonical text lets callers compare and cache configurations.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace stacfs {

class ConfigJsonBuilder {
 public:
  explicit ConfigJsonBuilder(std::string_view id) { String("id", id); }

  ConfigJsonBuilder& Int(std::string_view key, int64_t value);
  ConfigJsonBuilder& Bool(std::string_view key, bool value);
  ConfigJsonBuilder& String(std::string_view key, std::string_view value);

  // {"id":"zlib","level":1}
  std::string Build() const;

 private:
  // key -> value already rendered as JSON; std::map keeps the keys sorted.
  std::map<std::string, std::string, std::less<>> members_;
};

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace stacfs
