#include "mount-tools/mount_options.h"

#include <charconv>
#include <set>

namespace stacfs {
namespace {

const std::set<std::string, std::less<>>& IgnoredOptions() {
  static const std::set<std::string, std::less<>> kIgnored{
      "ro",  "defaults", "auto", "noauto", "user",  "users", "nouser", "_netdev", "nodev",
      "nosuid", "noexec", "exec", "suid", "dev", "atime", "noatime", "relatime", "nofail"};
  return kIgnored;
}

Result<uint64_t> ParseUnsigned(std::string_view name, std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Unexpected(InvalidArgument("-o " + std::string(name) + "=" + std::string(text) +
                                      ": expected a whole number"));
  }
  return value;
}

Result<double> ParseSeconds(std::string_view name, std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Unexpected(InvalidArgument("-o " + std::string(name) + "=" + std::string(text) +
                                      ": expected a number of seconds"));
  }
  return value;
}

std::vector<std::string> SplitCommas(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (comma > start) parts.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

Result<uint64_t> ParseByteSize(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return Unexpected(InvalidArgument("'" + std::string(text) + "' is not a size"));
  STACFS_ASSIGN_OR_RETURN(uint64_t value, ParseUnsigned("size", text.substr(0, digits)));
  std::string_view suffix = text.substr(digits);
  int shift = 0;
  if (!suffix.empty()) {
    switch (suffix[0]) {
      case 'K': case 'k': shift = 10; break;
      case 'M': case 'm': shift = 20; break;
      case 'G': case 'g': shift = 30; break;
      case 'T': case 't': shift = 40; break;
      case 'B': case 'b': shift = 0; break;
      default: return Unexpected(InvalidArgument("'" + std::string(text) + "': unknown size suffix"));
    }
    std::string_view rest = suffix.substr(suffix[0] == 'B' || suffix[0] == 'b' ? 0 : 1);
    if (!(rest.empty() || rest == "B" || rest == "iB" || rest == "b")) {
      return Unexpected(InvalidArgument("'" + std::string(text) + "': unknown size suffix"));
    }
  }
  if (shift > 0 && value > (UINT64_MAX >> shift)) {
    return Unexpected(InvalidArgument("'" + std::string(text) + "' is too large"));
  }
  return value << shift;
}

Result<MountOptions> ParseMountOptions(const std::vector<std::string>& option_arguments) {
  MountOptions options;
  for (const std::string& argument : option_arguments) {
    std::vector<std::string> parts = SplitCommas(argument);
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& part = parts[i];
      size_t equals = part.find('=');
      std::string name = part.substr(0, equals);
      std::string value = equals == std::string::npos ? "" : part.substr(equals + 1);
      bool has_value = equals != std::string::npos;
      // cluster= and search= contain commas themselves: they take the rest of this -o.
      if (name == "cluster" || name == "search") {
        std::string rest = value;
        for (size_t j = i + 1; j < parts.size(); ++j) rest += "," + parts[j];
        i = parts.size();
        if (rest.empty()) return Unexpected(InvalidArgument("-o " + name + "= needs a value"));
        if (name == "search") {
          options.search = rest;
        } else {
          options.cluster_properties = SplitCommas(rest);
        }
        continue;
      }
      if (IgnoredOptions().count(name) && !has_value) continue;
      if (name == "rw") return Unexpected(InvalidArgument("-o rw: stacfs mounts are read-only"));
      if ((name == "allow_other" || name == "allow_root") && !has_value) {
        options.fuse_options.push_back(name);
      } else if (name == "debug" && !has_value) {
        options.fuse_debug = true;
      } else if (name == "cache_size" && has_value) {
        STACFS_ASSIGN_OR_RETURN(options.cache_size_bytes,
                                ParseByteSize(value).WithContext("-o cache_size"));
      } else if (name == "max_threads" && has_value) {
        STACFS_ASSIGN_OR_RETURN(uint64_t threads, ParseUnsigned(name, value));
        if (threads < 1 || threads > 1024) {
          return Unexpected(InvalidArgument("-o max_threads: between 1 and 1024"));
        }
        options.max_threads = static_cast<unsigned>(threads);
      } else if (name == "dataset_timeout" && has_value) {
        STACFS_ASSIGN_OR_RETURN(options.dataset_timeout_s, ParseSeconds(name, value));
      } else if (name == "catalog_timeout" && has_value) {
        STACFS_ASSIGN_OR_RETURN(options.catalog_timeout_s, ParseSeconds(name, value));
      } else if (name == "deadline" && has_value) {
        STACFS_ASSIGN_OR_RETURN(double seconds, ParseSeconds(name, value));
        if (seconds <= 0) return Unexpected(InvalidArgument("-o deadline: must be more than 0 seconds"));
        options.deadline_ms = static_cast<uint64_t>(seconds * 1000);
      } else if (name == "log_level" && has_value) {
        options.log_level = value;
      } else if (name == "cache_dir" && has_value) {
        if (value.empty()) return Unexpected(InvalidArgument("-o cache_dir= needs a directory"));
        options.cache_dir = value;
      } else if (name == "cache_disk_size" && has_value) {
        STACFS_ASSIGN_OR_RETURN(options.cache_disk_size_bytes,
                                ParseByteSize(value).WithContext("-o cache_disk_size"));
      } else {
        return Unexpected(InvalidArgument("-o " + part + ": unknown mount option (see stacfs mount --help)"));
      }
    }
  }
  return options;
}

}  // namespace stacfs
