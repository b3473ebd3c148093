// Process-wide libcurl initialisation, done once, on first use.
#pragma once

namespace stacfs::http {

// Calls curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process; every later call returns
// at once. Safe to call from several threads concurrently.
//
// This is not the "mutable global state" the house style forbids: libcurl itself requires one
// process-wide initialisation (it sets up OpenSSL and other libraries' globals) before any
// handle is created, and it must happen once, not per fetcher. The only state here is a
// std::once_flag inside a function-local static: it goes from "not done" to "done" once and
// carries no configuration, so nothing can observe or depend on it changing. We never call
// curl_global_cleanup(): other threads' handles may outlive any one fetcher, and the OS reclaims
// everything at exit.
void EnsureCurlGlobalInit();

}  // namespace stacfs::http
