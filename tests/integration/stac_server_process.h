// StacServer: tests/servers/stac_server.py on 127.0.0.1, started and stopped by a test.
//
// The server's modes and faults are chosen per request by query parameters of the catalog URL
// (documented at the top of stac_server.py), so one server serves a whole test suite. The
// process is stopped by pid on destruction, and exits by itself after 300 s idle or when this
// process dies.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "tests/support/scoped_process.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {

class StacServer {
 public:
  static constexpr const char* kPython = "/usr/bin/python3";

  static std::string ScriptPath();
  // The static test catalog (catalog/testdata/static), which the server can load with --data.
  static std::string StaticCatalogDir();
  // Why the server cannot run here, or nullopt when it can.
  static std::optional<std::string> MissingReason();

  // Starts the server with `arguments` (e.g. {"--synthetic", "25", "--data", dir}) and waits (at
  // most 10 s) until it answers.
  static Result<std::unique_ptr<StacServer>> Start(const std::vector<std::string>& arguments);

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" + path_and_query (which starts with '/').
  std::string Url(std::string_view path_and_query) const;
  // Requests the server counted under `key` (see its fault parameters).
  Result<uint64_t> Count(const std::string& key) const;
  // The last search request as the server saw it: {"method","path","query","body"}.
  Result<std::string> LastSearch() const;
  std::string Log() const;

 private:
  StacServer(TempDir dir, ScopedProcess process, uint16_t port)
      : dir_(std::move(dir)), process_(std::move(process)), port_(port) {}

  TempDir dir_;  // the server's log
  ScopedProcess process_;
  uint16_t port_;
};

}  // namespace stacfs::test

#define STACFS_SKIP_UNLESS_STAC_SERVER()                                         \
  do {                                                                           \
    if (auto stacfs_why_ = ::stacfs::test::StacServer::MissingReason())          \
      GTEST_SKIP() << *stacfs_why_;                                              \
  } while (0)
