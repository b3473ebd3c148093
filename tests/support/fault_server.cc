#include "tests/support/fault_server.h"

#include <charconv>
#include <chrono>

#include "tests/support/loopback.h"

namespace stacfs::test {
namespace {

constexpr auto kStartTimeout = std::chrono::milliseconds(10000);
constexpr int kStartTries = 3;  // FreeLoopbackPort can race; retry with another port

}  // namespace

std::string FaultServer::ScriptPath() {
  return std::string(STACFS_SOURCE_DIR) + "/tests/servers/fault_server.py";
}

std::optional<std::string> FaultServer::MissingReason() {
  if (!IsExecutable(kPython)) return std::string(kPython) + " is not installed";
  if (!ReadWholeFile(ScriptPath())) return ScriptPath() + " is missing";
  return std::nullopt;
}

Result<std::unique_ptr<FaultServer>> FaultServer::Start() {
  if (auto why = MissingReason()) return Unavailable(*why);
  std::optional<Error> last_error;
  for (int attempt = 0; attempt < kStartTries; ++attempt) {
    STACFS_ASSIGN_OR_RETURN(TempDir dir, TempDir::Create("stacfs-fault-server"));
    STACFS_ASSIGN_OR_RETURN(uint16_t port, FreeLoopbackPort());
    STACFS_ASSIGN_OR_RETURN(
        ScopedProcess process,
        ScopedProcess::Start({kPython, ScriptPath(), std::to_string(port), "--idle-exit", "300"},
                             dir.Join("server.log")));
    Result<void> up = WaitForLoopbackPort(port, kStartTimeout, process);
    if (up) {
      return std::unique_ptr<FaultServer>(
          new FaultServer(std::move(dir), std::move(process), port));
    }
    process.Stop();
    last_error = Unavailable("fault server did not start: " + up.error().message() + "; log: " +
                             ReadWholeFile(dir.Join("server.log")).value_or(""));
  }
  return *last_error;
}

std::string FaultServer::Url(std::string_view path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path_and_query);
}

Result<uint64_t> FaultServer::RequestCount(const std::string& key) const {
  // Keys in tests are plain words; no URL escaping needed.
  STACFS_ASSIGN_OR_RETURN(std::string body, LoopbackHttpGet(port_, "/count?key=" + key));
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
  if (ec != std::errc() || end != body.data() + body.size() || body.empty()) {
    return Corrupt("fault server /count answered '" + body + "'");
  }
  return n;
}

std::string FaultServer::Content(uint64_t offset, uint64_t length) {
  std::string out(length, '\0');
  for (uint64_t i = 0; i < length; ++i) out[i] = ByteAt(offset + i);
  return out;
}

}  // namespace stacfs::test
