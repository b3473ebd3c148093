// ScopedMount: a real stacfs FUSE mount for one test, always unmounted.
//
// Starts `stacfs mount SOURCE MOUNTPOINT -f -o ...` as a child process (by pid, see
// ScopedProcess), waits until the kernel lists the mount, and on destruction unmounts it with
// fusermount3 (lazily if a reader still holds it) and stops the process it started.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "tests/support/scoped_process.h"

namespace stacfs::test {

class ScopedMount {
 public:
  // `stacfs` is the binary; the mount's log (stderr) goes to `log_path`.
  static Result<ScopedMount> Start(const std::string& stacfs, const std::string& source,
                                   const std::string& mountpoint, const std::vector<std::string>& options,
                                   const std::string& log_path,
                                   std::chrono::seconds timeout = std::chrono::seconds(30));
  ScopedMount() = default;
  ScopedMount(ScopedMount&& other) noexcept
      : process_(std::move(other.process_)),
        mountpoint_(std::exchange(other.mountpoint_, {})),
        log_path_(std::move(other.log_path_)) {}
  ScopedMount& operator=(ScopedMount&&) = delete;
  ~ScopedMount();

  // Unmounts and waits for the daemon to exit by itself (it must, on unmount); its exit code.
  Result<int> Unmount(std::chrono::seconds timeout = std::chrono::seconds(30));
  const std::string& mountpoint() const { return mountpoint_; }
  pid_t pid() const { return process_.pid(); }
  std::string Log() const;

  // True when /proc/self/mounts lists `mountpoint`.
  static bool IsMounted(const std::string& mountpoint);

 private:
  ScopedProcess process_;
  std::string mountpoint_;
  std::string log_path_;
};

}  // namespace stacfs::test
