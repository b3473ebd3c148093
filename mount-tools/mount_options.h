// `stacfs mount -o ...`: the mount options, parsed and checked before anything is started.
//
//   cache_size=SIZE        memory cache budget (bytes, or with K/M/G/T suffix); default 1G
//   cache_dir=DIR          also keep fetched bytes in files under DIR (created 0700), across mounts
//   cache_disk_size=SIZE   byte budget of cache_dir, least recently used evicted; default 10G
//   cluster=P1,P2,...      aggregate each collection's items sharing these properties' values
//                          into one store under <collection>/clusters/ (takes the rest of its -o)
//   search=TERMS           mount only the items a search finds: collections=a,b;datetime=A/B;
//                          bbox=W,S,E,N;query=prop<op>value (takes the rest of its -o)
//   allow_other, allow_root   let other users (root) read the mount (needs user_allow_other in
//                          /etc/fuse.conf for non-root users)
//   max_threads=N          FUSE worker threads (default 64)
//   dataset_timeout=S      kernel cache time for names and attributes inside stores (3600)
//   catalog_timeout=S      the same for catalog directories (10)
//   deadline=S             give up on a read after S seconds of retries (60), then EIO
//   log_level=LEVEL        trace|debug|info|warning|error
//   debug                  libfuse's own request trace (with -f)
// Accepted and ignored, as other FUSE helpers do (fstab): ro, defaults, auto, noauto, user,
// users, nouser, _netdev, nodev, nosuid, noexec, exec, suid, dev, atime, noatime, relatime.
// `rw` is refused: the mount is read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs {

struct MountOptions {
  uint64_t cache_size_bytes = uint64_t{1} << 30;
  std::optional<std::string> cache_dir;  // nullopt: no disk cache
  uint64_t cache_disk_size_bytes = uint64_t{10} << 30;
  std::vector<std::string> cluster_properties;
  std::optional<std::string> search;
  std::vector<std::string> fuse_options;  // passed to the kernel: allow_other, allow_root
  unsigned max_threads = 64;
  double dataset_timeout_s = 3600;
  double catalog_timeout_s = 10;
  uint64_t deadline_ms = 60000;
  std::optional<std::string> log_level;
  bool fuse_debug = false;
};

// Parses the values of every -o given, in order. Errors name the option.
Result<MountOptions> ParseMountOptions(const std::vector<std::string>& option_arguments);

// "512M" → 536870912. Suffixes K, M, G, T (powers of 1024), optionally followed by "B" or "iB".
Result<uint64_t> ParseByteSize(std::string_view text);

}  // namespace stacfs
