#include "tests/support/scoped_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace stacfs::test {

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

Result<ScopedProcess> ScopedProcess::Start(const std::vector<std::string>& argv,
                                           const std::string& log_path) {
  if (argv.empty()) return InvalidArgument("ScopedProcess: empty argv");
  // Everything the child needs is prepared before fork(): after it, only async-signal-safe
  // calls are allowed (the parent may have other threads, e.g. a fetcher's transport thread).
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int log_fd = -1;
  if (!log_path.empty()) {
    log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) return ErrnoError(errno, "open " + log_path);
  }
  // exec failures travel back through this close-on-exec pipe: EOF means exec succeeded.
  int status_pipe[2];
  if (pipe2(status_pipe, O_CLOEXEC) != 0) {
    int saved = errno;
    if (log_fd >= 0) close(log_fd);
    return ErrnoError(saved, "pipe2");
  }
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    close(status_pipe[0]);
    close(status_pipe[1]);
    if (log_fd >= 0) close(log_fd);
    return ErrnoError(saved, "fork");
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    execv(args[0], args.data());
    int err = errno;
    ssize_t ignored = write(status_pipe[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
  }
  close(status_pipe[1]);
  if (log_fd >= 0) close(log_fd);
  ScopedProcess process(pid);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(status_pipe[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(status_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    process.Stop();  // reaps the child that failed to exec
    return ErrnoError(child_errno, "cannot execute " + argv[0]);
  }
  return process;
}

ScopedProcess::ScopedProcess(ScopedProcess&& other) noexcept
    : pid_(other.pid_), wait_status_(other.wait_status_) {
  other.pid_ = -1;
}

ScopedProcess& ScopedProcess::operator=(ScopedProcess&& other) noexcept {
  if (this != &other) {
    Stop();
    pid_ = other.pid_;
    wait_status_ = other.wait_status_;
    other.pid_ = -1;
  }
  return *this;
}

ScopedProcess::~ScopedProcess() { Stop(); }

bool ScopedProcess::Running() {
  if (pid_ <= 0 || wait_status_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    wait_status_ = status;
    return false;
  }
  return r == 0;
}

Result<int> ScopedProcess::WaitForExit(std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (Running()) {
    if (std::chrono::steady_clock::now() >= until) {
      return Timeout("process " + std::to_string(pid_) + " still running after " +
                     std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!wait_status_) return Internal("process " + std::to_string(pid_) + " was never started");
  if (WIFEXITED(*wait_status_)) return WEXITSTATUS(*wait_status_);
  return 128 + WTERMSIG(*wait_status_);
}

void ScopedProcess::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0 || wait_status_ || !Running()) return;
  kill(pid_, SIGTERM);
  auto until = std::chrono::steady_clock::now() + grace;
  while (Running() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (Running()) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    wait_status_ = status;
  }
}

}  // namespace stacfs::test
