#include "tests/support/loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

namespace stacfs::test {
namespace {

// Closes the socket on every path.
class Socket {
 public:
  Socket() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in Loopback(uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

bool ConnectLoopback(const Socket& s, uint16_t port) {
  sockaddr_in addr = Loopback(port);
  return connect(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

}  // namespace

Result<uint16_t> FreeLoopbackPort() {
  Socket s;
  if (s.fd() < 0) return ErrnoError(errno, "socket");
  sockaddr_in addr = Loopback(0);
  if (bind(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return ErrnoError(errno, "bind 127.0.0.1:0");
  }
  socklen_t len = sizeof addr;
  if (getsockname(s.fd(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return ErrnoError(errno, "getsockname");
  }
  return static_cast<uint16_t>(ntohs(addr.sin_port));
}

Result<void> WaitForLoopbackPort(uint16_t port, std::chrono::milliseconds timeout,
                                 ScopedProcess& process) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    {
      Socket s;
      if (s.fd() < 0) return ErrnoError(errno, "socket");
      if (ConnectLoopback(s, port)) return Ok();
    }
    if (!process.Running()) {
      return Unavailable("server (pid " + std::to_string(process.pid()) +
                         ") exited before listening on port " + std::to_string(port) +
                         ", wait status " + std::to_string(process.wait_status().value_or(-1)));
    }
    if (std::chrono::steady_clock::now() >= until) {
      return Timeout("nothing listens on 127.0.0.1:" + std::to_string(port) + " after " +
                     std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Result<std::string> LoopbackHttpGet(uint16_t port, const std::string& path) {
  Socket s;
  if (s.fd() < 0) return ErrnoError(errno, "socket");
  timeval tv{10, 0};  // a test helper must not hang either
  setsockopt(s.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (!ConnectLoopback(s, port)) return ErrnoError(errno, "connect 127.0.0.1:" + std::to_string(port));
  std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(s.fd(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return ErrnoError(errno, "send");
  }
  std::string response;
  char buffer[4096];
  while (true) {
    ssize_t n = recv(s.fd(), buffer, sizeof buffer, 0);
    if (n < 0) return ErrnoError(errno, "recv");
    if (n == 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  size_t header_end = response.find("\r\n\r\n");
  if (header_end == std::string::npos) return Corrupt("no HTTP header in the response");
  if (response.compare(0, 12, "HTTP/1.0 200") != 0 && response.compare(0, 12, "HTTP/1.1 200") != 0) {
    return Unavailable("GET " + path + ": " + response.substr(0, response.find("\r\n")));
  }
  return response.substr(header_end + 4);
}

}  // namespace stacfs::test
