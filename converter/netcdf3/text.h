// Text from netCDF3 headers: names and NC_CHAR values are bytes with no declared encoding.
#pragma once

#include <string>
#include <string_view>

namespace stacfs::converter::netcdf3 {

// `raw` as UTF-8: unchanged when it is valid UTF-8, else decoded as Latin-1 (each byte one
// code point) — files from before netCDF 3.6.3 may hold ISO-8859-1 text, and a degree sign
// should survive rather than fail the conversion. `*was_latin1` (optional) tells which.
std::string DecodeText(std::string_view raw, bool* was_latin1 = nullptr);

// A name as it may appear in an error message: at most 200 bytes, control bytes (which a
// corrupt header can hold) shown as '?' so that they cannot garble a terminal or a log line.
std::string Printable(std::string_view name);

}  // namespace stacfs::converter::netcdf3
