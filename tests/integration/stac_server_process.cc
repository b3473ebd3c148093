#include "tests/integration/stac_server_process.h"

#include <charconv>
#include <chrono>

#include "tests/support/loopback.h"

namespace stacfs::test {
namespace {

constexpr auto kStartTimeout = std::chrono::milliseconds(10000);
constexpr int kStartTries = 3;  // FreeLoopbackPort can race; retry with another port

}  // namespace

std::string StacServer::ScriptPath() {
  return std::string(STACFS_SOURCE_DIR) + "/tests/servers/stac_server.py";
}

std::string StacServer::StaticCatalogDir() {
  return std::string(STACFS_SOURCE_DIR) + "/catalog/testdata/static";
}

std::optional<std::string> StacServer::MissingReason() {
  if (!IsExecutable(kPython)) return std::string(kPython) + " is not installed";
  if (!ReadWholeFile(ScriptPath())) return ScriptPath() + " is missing";
  return std::nullopt;
}

Result<std::unique_ptr<StacServer>> StacServer::Start(const std::vector<std::string>& arguments) {
  if (auto why = MissingReason()) return Unavailable(*why);
  std::optional<Error> last_error;
  for (int attempt = 0; attempt < kStartTries; ++attempt) {
    STACFS_ASSIGN_OR_RETURN(TempDir dir, TempDir::Create("stacfs-stac-server"));
    STACFS_ASSIGN_OR_RETURN(uint16_t port, FreeLoopbackPort());
    std::vector<std::string> argv = {kPython, ScriptPath(), std::to_string(port), "--idle-exit", "300"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    STACFS_ASSIGN_OR_RETURN(ScopedProcess process, ScopedProcess::Start(argv, dir.Join("server.log")));
    Result<void> up = WaitForLoopbackPort(port, kStartTimeout, process);
    if (up) {
      return std::unique_ptr<StacServer>(new StacServer(std::move(dir), std::move(process), port));
    }
    process.Stop();
    last_error = Unavailable("STAC test server did not start: " + up.error().message() + "; log: " +
                             ReadWholeFile(dir.Join("server.log")).value_or(""));
  }
  return *last_error;
}

std::string StacServer::Url(std::string_view path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path_and_query);
}

Result<uint64_t> StacServer::Count(const std::string& key) const {
  STACFS_ASSIGN_OR_RETURN(std::string body, LoopbackHttpGet(port_, "/_count?key=" + key));
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), n);
  if (ec != std::errc() || end != body.data() + body.size() || body.empty()) {
    return Corrupt("STAC test server /_count answered '" + body + "'");
  }
  return n;
}

Result<std::string> StacServer::LastSearch() const { return LoopbackHttpGet(port_, "/_last"); }

std::string StacServer::Log() const { return ReadWholeFile(dir_.Join("server.log")).value_or(""); }

}  // namespace stacfs::test
