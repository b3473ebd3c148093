// How curl's failures are classified, once for both HTTP clients (CurlFetcher's transport and
// CurlHttpClient): which are worth another attempt, and which ErrorCode each becomes.
#pragma once

#include <curl/curl.h>

#include "core/base/error.h"

namespace stacfs::http {

// The network or the server dropped us, or an attempt stalled (the low-speed abort is a timeout):
// retry. Configuration errors (bad URL, certificate) are final.
bool IsRetryableCurlCode(CURLcode code);

ErrorCode ErrorCodeForCurl(CURLcode code);

}  // namespace stacfs::http
