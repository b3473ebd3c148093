// NginxServer: Debian's nginx serving a directory on 127.0.0.1, started and stopped by a test.
//
// Everything nginx writes (config, pid, logs, temp files) lives in its own TempDir, so tests can
// run in parallel and leave nothing behind. nginx runs in the foreground without a master
// process (`daemon off; master_process off;`): the pid we start is the only process, and the
// ScopedProcess stops exactly that pid. Plain HTTP/1.1 by default; with TLS it also offers
// HTTP/2 (ALPN), for connection-multiplexing tests.
//
//   STACFS_SKIP_UNLESS_NGINX();
//   auto server = NginxServer::Start(dir.path());
//   ASSERT_TRUE(server.has_value()) << server.error().ToString();
//   std::string url = (*server)->Url("data.bin");
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

class NginxServer {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";

  struct TlsFiles {
    std::string certificate_path;  // PEM
    std::string key_path;          // PEM
  };

  // Why nginx cannot run here (naming the missing binary), or nullopt when it can.
  static std::optional<std::string> MissingReason();

  // Serves `root_dir` (absolute) until destroyed. Waits (at most 10 s) until the port answers.
  static Result<std::unique_ptr<NginxServer>> Start(const std::string& root_dir,
                                                    std::optional<TlsFiles> tls = std::nullopt);

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT/" + path (https:// with TLS).
  std::string Url(std::string_view path) const;
  // nginx's error log so far, for failure messages.
  std::string ErrorLog() const;

 private:
  NginxServer(TempDir dir, ScopedProcess process, uint16_t port, bool tls)
      : dir_(std::move(dir)), process_(std::move(process)), port_(port), tls_(tls) {}

  TempDir dir_;  // destroyed after process_ (declared first), so nginx never loses its files
  ScopedProcess process_;
  uint16_t port_;
  bool tls_;
};

// Writes a self-signed certificate for 127.0.0.1 (with /usr/bin/openssl) into `dir`; the
// certificate doubles as the CA file clients trust.
Result<NginxServer::TlsFiles> MakeSelfSignedCertificate(const TempDir& dir);
constexpr const char* kOpensslBinary = "/usr/bin/openssl";

}  // namespace stacfs::test
