// FaultServer: tests/servers/fault_server.py on 127.0.0.1, started and stopped by a test.
//
// The server's URL grammar (deterministic content, scripted faults, per-key counters) is
// documented at the top of fault_server.py. The process is stopped by pid on destruction, and
// exits by itself after 300 s idle or when this process dies.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "tests/support/scoped_process.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {

class FaultServer {
 public:
  static constexpr const char* kPython = "/usr/bin/python3";

  // Why the server cannot run here (naming what is missing), or nullopt when it can.
  static std::optional<std::string> MissingReason();
  static std::string ScriptPath();

  // Starts the server and waits (at most 10 s) until it answers.
  static Result<std::unique_ptr<FaultServer>> Start();

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" + path_and_query (which starts with '/').
  std::string Url(std::string_view path_and_query) const;
  // How many requests the server counted for `key` (see the URL grammar).
  Result<uint64_t> RequestCount(const std::string& key) const;
  // The byte at offset i of every object the server generates.
  static char ByteAt(uint64_t i) { return static_cast<char>((i * 131 + 7) % 251); }
  // Bytes [offset, offset + length) of a generated object.
  static std::string Content(uint64_t offset, uint64_t length);

 private:
  FaultServer(TempDir dir, ScopedProcess process, uint16_t port)
      : dir_(std::move(dir)), process_(std::move(process)), port_(port) {}

  TempDir dir_;  // the server's log
  ScopedProcess process_;
  uint16_t port_;
};

}  // namespace stacfs::test
