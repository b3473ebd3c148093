// Loopback networking helpers for tests: pick a free port, wait for a server to listen, and a
// minimal HTTP GET that does not depend on the code under test.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "tests/support/scoped_process.h"

namespace stacfs::test {

// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked it for a socket we
// closed). Another process could take it before our server binds it; server helpers therefore
// retry with a new port when their server exits at startup.
Result<uint16_t> FreeLoopbackPort();

// Waits until 127.0.0.1:port accepts a connection, for at most `timeout`. Fails early, with the
// exit status, if `process` (the server) exits meanwhile.
Result<void> WaitForLoopbackPort(uint16_t port, std::chrono::milliseconds timeout,
                                 ScopedProcess& process);

// GET http://127.0.0.1:port/path over HTTP/1.0; the body when the status is 200.
Result<std::string> LoopbackHttpGet(uint16_t port, const std::string& path);

}  // namespace stacfs::test
