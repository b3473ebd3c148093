// Transfer: one HTTP GET attempt on one curl easy handle, and the callbacks that receive it.
//
// A Transfer lives on the transport thread only (it is created, run by the multi handle and
// judged there), so it needs no locking. Its callbacks never throw and never let bytes we will
// reject pile up: as soon as the first body byte shows that the status or Content-Range is
// unacceptable, or that the body runs past the requested length, the transfer is stopped.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/byte_range.h"
#include "core/base/result.h"
#include "core/http/curl_handles.h"
#include "core/http/response_check.h"

namespace stacfs::http {

// Per-attempt curl settings derived once from the fetcher's options.
struct TransferSettings {
  std::string user_agent;
  uint64_t connect_timeout_ms = 10000;
  uint64_t low_speed_limit_bytes_per_s = 0;  // 0: stall detection off
  uint64_t low_speed_time_s = 0;
  long max_redirects = 5;
  std::string ca_info_path;              // empty: the system's CA bundle
  const curl_slist* extra_headers = nullptr;  // owned by the fetcher, outlives every transfer
  uint64_t max_whole_object_bytes = 0;
};

class Transfer {
 public:
  // `easy` is a fresh or curl_easy_reset() handle.
  Transfer(CurlEasy easy, std::optional<ByteRange> range);
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Sets every option for one GET of `url` that must finish within `timeout_ms`.
  Result<void> Configure(const std::string& url, const TransferSettings& settings,
                         uint64_t timeout_ms);

  CURL* easy() const { return easy_.get(); }

  // What the attempt observed, once curl reported it done with `code`.
  AttemptObservation Observe(CURLcode code) const;
  // New connections this attempt opened (0 when it reused one) and whether it spoke HTTP/2.
  long NewConnections() const;
  bool UsedHttp2() const;

  std::string TakeBody() { return std::move(body_); }
  // Returns the handle, reset for reuse (connections stay in the multi handle's cache).
  CurlEasy ReleaseEasy();

 private:
  static size_t OnHeader(char* data, size_t size, size_t count, void* self) noexcept;
  static size_t OnBody(char* data, size_t size, size_t count, void* self) noexcept;
  bool HandleHeaderLine(std::string_view line);
  bool HandleBody(std::string_view data);
  bool StartBody();  // first body byte of the final response: decide what to do with the body
  void ResetForNewResponse();

  CurlEasy easy_;
  std::optional<ByteRange> range_;
  uint64_t max_whole_object_bytes_ = 0;

  // State of the response being received; reset when a new status line arrives (redirects).
  ResponseHeaders headers_;
  std::string body_;
  bool body_started_ = false;
  bool body_is_payload_ = false;  // accepted 2xx: keep the bytes; else keep an excerpt
  uint64_t body_limit_ = 0;       // payload bytes we accept; one more is an error
  uint64_t error_body_bytes_ = 0;
  std::string error_body_excerpt_;
  BodyAbort abort_ = BodyAbort::kNone;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace stacfs::http
