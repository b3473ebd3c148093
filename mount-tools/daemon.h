// Background start for `stacfs mount` (without -f): the process forks before it starts any
// thread, the child sets the mount up, and the parent waits until the child says the mount is
// ready — exit status 0 — or that it failed — the child's error printed, exit status 1. So a
// script can rely on `stacfs mount ... && ls MOUNT`.
#pragma once

#include <string>

#include "core/base/result.h"

namespace stacfs {

class Daemon {
 public:
  // In the parent this never returns: it exits with the child's outcome. In the child it
  // returns a Daemon connected to the waiting parent.
  static Result<Daemon> Fork();
  Daemon(Daemon&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Daemon& operator=(Daemon&&) = delete;
  ~Daemon();

  // Tells the parent the mount is ready, detaches from the terminal (stdio to /dev/null, new
  // session, working directory /).
  void Ready();
  // Tells the parent why the mount failed; the parent prints it.
  void Fail(const std::string& message);

 private:
  explicit Daemon(int fd) : fd_(fd) {}
  int fd_ = -1;  // write end of the pipe to the parent
};

}  // namespace stacfs
