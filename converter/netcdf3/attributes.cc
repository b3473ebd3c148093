#include "converter/netcdf3/attributes.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_set>

#include "core/json/json.h"

namespace stacfs::converter::netcdf3 {
namespace {

uint64_t LoadBigEndian(const char* p, size_t size) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(p[i]);
  return value;
}

// Sign-extends the low `size` bytes of `bits`.
int64_t SignExtend(uint64_t bits, size_t size) {
  if (size == 8) return static_cast<int64_t>(bits);
  uint64_t sign = uint64_t{1} << (size * 8 - 1);
  return static_cast<int64_t>((bits ^ sign) - sign);
}

template <class T>
void AppendInteger(std::string* out, T value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;  // 24 bytes hold any 64-bit integer
  out->append(buffer, end);
}

// Floats keep their type ("2.0", not "2") and NaN stays bare, as Python's json writes it.
void AppendFloating(std::string* out, double value) { AppendJsonFloat(out, value, NonFinite::kBareTokens); }

void AppendOneValue(std::string* out, NcType type, const char* p) {
  size_t size = NcTypeSize(type);
  uint64_t bits = LoadBigEndian(p, size);
  switch (type) {
    case NcType::kByte:
    case NcType::kShort:
    case NcType::kInt:
    case NcType::kInt64: AppendInteger(out, SignExtend(bits, size)); return;
    case NcType::kUByte:
    case NcType::kUShort:
    case NcType::kUInt:
    case NcType::kUInt64: AppendInteger(out, bits); return;
    case NcType::kFloat: {
      uint32_t bits32 = static_cast<uint32_t>(bits);
      float value;
      std::memcpy(&value, &bits32, sizeof value);
      AppendFloating(out, static_cast<double>(value));  // exact; see attributes.h
      return;
    }
    case NcType::kDouble: {
      double value;
      std::memcpy(&value, &bits, sizeof value);
      AppendFloating(out, value);
      return;
    }
    case NcType::kChar: return;  // handled as text by the caller
  }
}

}  // namespace

void AppendAttributeDouble(std::string* out, double value) { AppendFloating(out, value); }

void AppendAttributeValueJson(std::string* out, const NcAttribute& attribute) {
  if (attribute.type == NcType::kChar) {
    std::string_view text = attribute.values;
    while (!text.empty() && text.back() == '\0') text.remove_suffix(1);
    AppendJsonString(out, DecodeText(text));
    return;
  }
  size_t size = NcTypeSize(attribute.type);
  const char* p = attribute.values.data();
  if (attribute.count == 1) {
    AppendOneValue(out, attribute.type, p);
    return;
  }
  out->push_back('[');
  for (uint64_t i = 0; i < attribute.count; ++i) {
    if (i > 0) out->push_back(',');
    AppendOneValue(out, attribute.type, p + i * size);
  }
  out->push_back(']');
}

Result<std::string> AttributesToJson(const std::vector<NcAttribute>& attributes,
                                     std::string_view skip, std::vector<std::string>* warnings) {
  std::string out = "{";
  std::unordered_set<std::string_view> seen;
  bool first = true;
  for (const NcAttribute& attribute : attributes) {
    if (!seen.insert(attribute.name).second) {
      return Corrupt("attribute \"" + DecodeText(attribute.name) +
                     "\" is defined twice in one attribute list");
    }
    if (!skip.empty() && attribute.name == skip) continue;
    bool latin1 = false;
    std::string name = DecodeText(attribute.name, &latin1);
    if (latin1 && warnings != nullptr) {
      warnings->push_back("attribute name \"" + name +
                          "\" is not valid UTF-8; it was read as Latin-1");
    }
    if (attribute.type == NcType::kChar && warnings != nullptr && !IsValidUtf8(attribute.values)) {
      warnings->push_back("attribute \"" + name +
                          "\" is not valid UTF-8 text; it was read as Latin-1");
    }
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(&out, name);
    out.push_back(':');
    AppendAttributeValueJson(&out, attribute);
  }
  out.push_back('}');
  return out;
}

}  // namespace stacfs::converter::netcdf3
