#include "mount-tools/daemon.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace stacfs {
namespace {

void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

Result<Daemon> Daemon::Fork() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Unexpected(ErrnoError(errno, "pipe"));
  pid_t pid = fork();
  if (pid < 0) return Unexpected(ErrnoError(errno, "fork"));
  if (pid > 0) {
    close(fds[1]);
    // The child writes "OK" when ready or "E<message>" on failure; EOF without either means it
    // died (killed, crashed) before the mount was ready.
    std::string report;
    char buffer[4096];
    while (true) {
      ssize_t n = read(fds[0], buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      report.append(buffer, static_cast<size_t>(n));
    }
    if (report == "OK") std::_Exit(0);
    if (!report.empty() && report[0] == 'E') {
      std::fprintf(stderr, "stacfs: error: %s\n", report.c_str() + 1);
    } else {
      int status = 0;
      waitpid(pid, &status, 0);
      std::fprintf(stderr, "stacfs: error: the mount process ended before the mount was ready\n");
    }
    std::_Exit(1);
  }
  close(fds[0]);
  setsid();
  return Daemon(fds[1]);
}

Daemon::~Daemon() {
  if (fd_ >= 0) close(fd_);
}

void Daemon::Ready() {
  if (fd_ < 0) return;
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) close(null);
  }
  if (chdir("/") != 0) {
    // Staying in the start directory only keeps it busy; not a reason to fail the mount.
  }
  WriteAll(fd_, "OK");
  close(fd_);
  fd_ = -1;
}

void Daemon::Fail(const std::string& message) {
  if (fd_ < 0) return;
  WriteAll(fd_, "E" + message);
  close(fd_);
  fd_ = -1;
}

}  // namespace stacfs
