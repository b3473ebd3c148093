// RAII owners for the libcurl handles stacfs uses: CURL* (easy), CURLM* (multi) and curl_slist.
//
// unique_ptr with a stateless deleter: a handle is released exactly once, on every path,
// including early returns. Only core/http includes this header (it is the one place that
// sees <curl/curl.h>).
#pragma once

#include <curl/curl.h>

#include <memory>

namespace stacfs::http {

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// Appends `line` to `list` (which may be empty); false when libcurl could not allocate, in which
// case `list` is unchanged. Keeps the "append returns a new head or null" dance in one place.
inline bool AppendToSlist(CurlSlist& list, const char* line) {
  curl_slist* head = curl_slist_append(list.get(), line);
  if (head == nullptr) return false;
  (void)list.release();  // `head` now owns the old nodes too
  list.reset(head);
  return true;
}

}  // namespace stacfs::http
