#include "core/http/curl_errors.h"

namespace stacfs::http {

bool IsRetryableCurlCode(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:  // DNS hiccups are common on busy cluster nodes
    case CURLE_COULDNT_CONNECT:
    case CURLE_HTTP2:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:  // includes the low-speed (stall) abort
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_BAD_CONTENT_ENCODING:  // a body garbled in transit
      return true;
    default:
      return false;
  }
}

ErrorCode ErrorCodeForCurl(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return ErrorCode::kInvalidArgument;
    case CURLE_OUT_OF_MEMORY: return ErrorCode::kResourceExhausted;
    case CURLE_TOO_MANY_REDIRECTS: return ErrorCode::kUnsupported;
    default: return ErrorCode::kUnavailable;  // e.g. certificate problems: final, not retried
  }
}

}  // namespace stacfs::http
