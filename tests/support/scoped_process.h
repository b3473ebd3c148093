// ScopedProcess: a child process a test started, and is guaranteed to stop.
//
// Tests start real servers (nginx, the fault server). Whatever happens in the test, the child
// must not outlive it: the destructor signals exactly the pid it started (never a process name
// or group), waits for it, and escalates to SIGKILL after a grace period. The child also gets
// PR_SET_PDEATHSIG so that it dies if the test process is killed outright.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs::test {

class ScopedProcess {
 public:
  // Starts argv[0] (an absolute path) with arguments argv. stdout and stderr are appended to
  // `log_path` when given, else inherited. Fails (with the exec error) if the binary cannot run.
  static Result<ScopedProcess> Start(const std::vector<std::string>& argv,
                                     const std::string& log_path = "");

  ScopedProcess() = default;
  ScopedProcess(ScopedProcess&& other) noexcept;
  ScopedProcess& operator=(ScopedProcess&& other) noexcept;
  ScopedProcess(const ScopedProcess&) = delete;
  ScopedProcess& operator=(const ScopedProcess&) = delete;
  ~ScopedProcess();

  pid_t pid() const { return pid_; }
  // True while the child has not exited (reaps it if it has).
  bool Running();
  // The wait status once the child has exited and been reaped.
  std::optional<int> wait_status() const { return wait_status_; }
  // Waits up to `timeout` for the child to exit by itself; its exit code, or kTimeout.
  Result<int> WaitForExit(std::chrono::milliseconds timeout);
  // SIGTERM, up to `grace` to exit, then SIGKILL; always reaps. Idempotent.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

 private:
  explicit ScopedProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<int> wait_status_;
};

// True when `path` exists and is executable by us.
bool IsExecutable(const std::string& path);

}  // namespace stacfs::test
