// FuseSession: the kernel side of the mount — libfuse's low-level API over a VirtualFs.
//
// This is the only file that includes fuse_lowlevel.h. Each request is translated into one
// VirtualFs call and its Result into one reply; nothing else happens here. Requests run on
// libfuse's worker threads (fuse_session_loop_mt, up to `max_threads`), so a slow fetch blocks
// only its own request. Replies are sent with no lock held. Exceptions never cross into libfuse:
// a request that throws is answered EIO.
//
// Read-only: the mount is made "ro", and every modifying request is answered EROFS anyway.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "fs/virtual_fs.h"

struct fuse_session;

namespace stacfs::fs {

struct FuseOptions {
  std::string mountpoint;
  std::string fsname = "stacfs";       // shown in /proc/mounts as the source
  std::vector<std::string> options;    // extra -o options passed to the kernel (allow_other…)
  unsigned max_threads = 64;
  unsigned max_background = 64;
  bool debug = false;                  // libfuse's own request trace on stderr
};

class FuseSession {
 public:
  // Mounts `fs` at options.mountpoint; the mount is live (and served once Run is called).
  static Result<std::unique_ptr<FuseSession>> Mount(VirtualFs& fs, const FuseOptions& options);
  ~FuseSession();  // unmounts
  FuseSession(const FuseSession&) = delete;
  FuseSession& operator=(const FuseSession&) = delete;

  // Serves requests until the filesystem is unmounted or SIGTERM/SIGINT/SIGHUP arrives.
  Result<void> Run();
  // Asks Run to return (from any thread).
  void Exit();

 private:
  FuseSession() = default;
  struct fuse_session* session_ = nullptr;
  void* context_ = nullptr;  // the per-session Context handed to libfuse (fuse_adapter.cc)
  bool mounted_ = false;
  bool signals_installed_ = false;
  unsigned max_threads_ = 64;
};

}  // namespace stacfs::fs
