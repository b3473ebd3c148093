#include "tests/support/scoped_mount.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace stacfs::test {
namespace {

// /proc/mounts escapes spaces and such as octal; test mount points have none.
bool MountsListed(const std::string& mountpoint) {
  std::ifstream mounts("/proc/self/mounts");
  std::string device, path;
  std::string rest;
  while (mounts >> device >> path) {
    std::getline(mounts, rest);
    if (path == mountpoint) return true;
  }
  return false;
}

// Runs fusermount3 with `flags` on `mountpoint`; true on success. Bounded: fusermount3 does not
// block on a busy mount, it fails.
bool FuserUnmount(const std::string& flags, const std::string& mountpoint) {
  pid_t pid = fork();
  if (pid == 0) {
    execl("/usr/bin/fusermount3", "fusermount3", flags.c_str(), mountpoint.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid < 0) return false;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

bool ScopedMount::IsMounted(const std::string& mountpoint) { return MountsListed(mountpoint); }

Result<ScopedMount> ScopedMount::Start(const std::string& stacfs, const std::string& source,
                                       const std::string& mountpoint, const std::vector<std::string>& options,
                                       const std::string& log_path, std::chrono::seconds timeout) {
  std::vector<std::string> argv{stacfs, "mount", source, mountpoint, "-f"};
  for (const std::string& option : options) {
    argv.push_back("-o");
    argv.push_back(option);
  }
  ScopedMount mount;
  mount.mountpoint_ = mountpoint;
  mount.log_path_ = log_path;
  STACFS_ASSIGN_OR_RETURN(mount.process_, ScopedProcess::Start(argv, log_path));
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!IsMounted(mountpoint)) {
    if (!mount.process_.Running()) {
      return Unexpected(Unavailable("stacfs mount exited before mounting: " + mount.Log()));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return Unexpected(Timeout("stacfs mount did not mount within the time allowed: " + mount.Log()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return mount;
}

Result<int> ScopedMount::Unmount(std::chrono::seconds timeout) {
  if (mountpoint_.empty()) return Unexpected(InvalidArgument("not mounted"));
  if (IsMounted(mountpoint_) && !FuserUnmount("-u", mountpoint_)) {
    return Unexpected(Unavailable("fusermount3 -u " + mountpoint_ + " failed (busy?)"));
  }
  Result<int> exit = process_.WaitForExit(std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
  mountpoint_.clear();
  return exit;
}

ScopedMount::~ScopedMount() {
  if (mountpoint_.empty()) return;
  if (IsMounted(mountpoint_) && !FuserUnmount("-u", mountpoint_)) FuserUnmount("-uz", mountpoint_);
  process_.Stop();
  // A daemon killed before it unmounted leaves a dead mount: detach it.
  if (IsMounted(mountpoint_)) FuserUnmount("-uz", mountpoint_);
}

std::string ScopedMount::Log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace stacfs::test
