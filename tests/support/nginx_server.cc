#include "tests/support/nginx_server.h"

#include <chrono>

#include "tests/support/loopback.h"

namespace stacfs::test {
namespace {

constexpr auto kStartTimeout = std::chrono::milliseconds(10000);
// FreeLoopbackPort can race with other processes; a server that fails to bind is retried.
constexpr int kStartTries = 3;

std::string Config(const std::string& state_dir, const std::string& root, uint16_t port,
                   const std::optional<NginxServer::TlsFiles>& tls) {
  const std::string& d = state_dir;
  std::string listen = "127.0.0.1:" + std::to_string(port) + (tls ? " ssl http2" : "");
  std::string tls_lines;
  if (tls) {
    tls_lines = "    ssl_certificate " + tls->certificate_path + ";\n" +
                "    ssl_certificate_key " + tls->key_path + ";\n";
  }
  return "daemon off;\n"
         "master_process off;\n"
         "worker_processes 1;\n"
         "pid " + d + "/nginx.pid;\n"
         "error_log " + d + "/error.log warn;\n"
         "events { worker_connections 1024; }\n"
         "http {\n"
         "  access_log " + d + "/access.log;\n"
         // Every temp path nginx-light has compiled in points at /var/lib/nginx: keep them ours.
         "  client_body_temp_path " + d + "/client_body;\n"
         "  proxy_temp_path " + d + "/proxy;\n"
         "  fastcgi_temp_path " + d + "/fastcgi;\n"
         "  uwsgi_temp_path " + d + "/uwsgi;\n"
         "  scgi_temp_path " + d + "/scgi;\n"
         "  default_type application/octet-stream;\n"
         "  sendfile on;\n"
         "  keepalive_timeout 75s;\n"
         "  keepalive_requests 100000;\n"
         "  server {\n"
         "    listen " + listen + ";\n"
         "    server_name localhost;\n" +
         tls_lines +
         "    root " + root + ";\n"
         "    location / { }\n"
         "  }\n"
         "}\n";
}

}  // namespace

std::optional<std::string> NginxServer::MissingReason() {
  if (IsExecutable(kBinary)) return std::nullopt;
  return std::string(kBinary) + " is not installed (Debian package nginx-light or nginx)";
}

Result<std::unique_ptr<NginxServer>> NginxServer::Start(const std::string& root_dir,
                                                        std::optional<TlsFiles> tls) {
  if (auto why = MissingReason()) return Unavailable(*why);
  if (root_dir.empty() || root_dir[0] != '/') {
    return InvalidArgument("NginxServer needs an absolute root, got '" + root_dir + "'");
  }
  std::optional<Error> last_error;
  for (int attempt = 0; attempt < kStartTries; ++attempt) {
    STACFS_ASSIGN_OR_RETURN(TempDir dir, TempDir::Create("stacfs-nginx"));
    STACFS_ASSIGN_OR_RETURN(uint16_t port, FreeLoopbackPort());
    STACFS_ASSIGN_OR_RETURN(std::string conf,
                            dir.WriteFile("nginx.conf", Config(dir.path(), root_dir, port, tls)));
    STACFS_ASSIGN_OR_RETURN(
        ScopedProcess process,
        ScopedProcess::Start({kBinary, "-p", dir.path() + "/", "-c", conf, "-e",
                              dir.Join("error.log")},
                             dir.Join("stderr.log")));
    Result<void> up = WaitForLoopbackPort(port, kStartTimeout, process);
    if (up) {
      return std::unique_ptr<NginxServer>(
          new NginxServer(std::move(dir), std::move(process), port, tls.has_value()));
    }
    process.Stop();
    std::string log = ReadWholeFile(dir.Join("error.log")).value_or("") +
                      ReadWholeFile(dir.Join("stderr.log")).value_or("");
    last_error = Unavailable("nginx did not start: " + up.error().message() + "; log: " + log);
  }
  return *last_error;
}

std::string NginxServer::Url(std::string_view path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + "/" +
         std::string(path);
}

std::string NginxServer::ErrorLog() const {
  return ReadWholeFile(dir_.Join("error.log")).value_or("");
}

Result<NginxServer::TlsFiles> MakeSelfSignedCertificate(const TempDir& dir) {
  if (!IsExecutable(kOpensslBinary)) return Unavailable(std::string(kOpensslBinary) + " is not installed");
  NginxServer::TlsFiles files{dir.Join("cert.pem"), dir.Join("key.pem")};
  STACFS_ASSIGN_OR_RETURN(
      ScopedProcess openssl,
      ScopedProcess::Start({kOpensslBinary, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                            "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                            "-keyout", files.key_path, "-out", files.certificate_path},
                           dir.Join("openssl.log")));
  STACFS_ASSIGN_OR_RETURN(int exit_code, openssl.WaitForExit(std::chrono::milliseconds(30000)));
  if (exit_code != 0) {
    return Unavailable("openssl req failed (exit " + std::to_string(exit_code) +
                       "): " + ReadWholeFile(dir.Join("openssl.log")).value_or(""));
  }
  return files;
}

}  // namespace stacfs::test
