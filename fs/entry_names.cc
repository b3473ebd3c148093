#include "fs/entry_names.h"

#include <cstdint>
#include <unordered_set>

namespace stacfs::fs {
namespace {

// FNV-1a: stable across runs and machines, unlike std::hash.
uint64_t StableHash(std::string_view text) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string Hex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[i] = kDigits[value & 0xF];
  return out;
}

bool IsUnsafeByte(unsigned char c) { return c == '/' || c < 0x20 || c == 0x7F; }

// Where a suffix goes: before the last extension, unless the name is only an extension.
size_t SuffixPosition(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? name.size() : dot;
}

}  // namespace

std::string SafeEntryName(std::string_view raw) {
  std::string name;
  name.reserve(raw.size());
  for (unsigned char c : raw) name.push_back(IsUnsafeByte(c) ? '_' : static_cast<char>(c));
  if (name.empty() || name == "." || name == "..") name.insert(name.begin(), '_');
  if (name.size() > kMaxNameBytes) {
    std::string tail = "~" + Hex(StableHash(raw));
    name.resize(kMaxNameBytes - tail.size());
    // Do not leave half a UTF-8 sequence at the cut.
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
    name += tail;
  }
  return name;
}

void MakeEntryNamesUnique(std::vector<std::string>& names) {
  std::unordered_set<std::string> taken;
  for (std::string& name : names) taken.insert(name = SafeEntryName(name));
  if (taken.size() == names.size()) return;
  taken.clear();
  for (std::string& name : names) {
    if (taken.insert(name).second) continue;
    size_t at = SuffixPosition(name);
    for (uint64_t n = 2;; ++n) {
      std::string candidate = name.substr(0, at) + "~" + std::to_string(n) + name.substr(at);
      if (candidate.size() > kMaxNameBytes) {
        candidate = SafeEntryName(candidate);  // cut and hashed: still distinct
      }
      if (taken.insert(candidate).second) {
        name = std::move(candidate);
        break;
      }
    }
  }
}

}  // namespace stacfs::fs
