#include "core/http/curl_global.h"

#include <curl/curl.h>

#include <mutex>

namespace stacfs::http {

void EnsureCurlGlobalInit() {
  static std::once_flag once;
  // If init fails, curl_easy_init() later returns null and the fetcher reports that; there is
  // nothing better to do here, and no exception may escape.
  std::call_once(once, [] { (void)curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace stacfs::http
