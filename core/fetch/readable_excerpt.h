// A readable excerpt of a response body for a one-line error message.
//
// Error pages are often HTML from a proxy ("<html><head><title>502 Bad Gateway</title>...");
// what helps a user is the words, not the markup. Used for HTTP error bodies and for HTML
// served where JSON was expected. Tags are dropped, runs of whitespace become
// one space, control bytes are removed, and the result is cut at `max_chars` with "...".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stacfs {

std::string ReadableExcerpt(std::string_view body, size_t max_chars = 160);

}  // namespace stacfs
