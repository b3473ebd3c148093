// JSON text for attribute values, written the way Python writes it for zarr-python to read:
// numbers as json.dumps prints floats (bare NaN/Infinity, "1.0" not "1"), strings in ASCII
// with \u escapes (zarr-python 2 reads .zattrs as ASCII), and bytes that are not UTF-8 mapped
// from Latin-1 rather than dropped.
#pragma once

#include <string>
#include <string_view>

namespace stacfs::converter::hdf5 {

// Appends `value` as Python's json module would: bare NaN/Infinity/-Infinity, and always a
// fraction or exponent ("1.0").
void AppendAttributeNumber(std::string* out, double value);

// `utf8` (valid UTF-8) as a JSON string literal in pure ASCII: everything outside printable
// ASCII as \uXXXX (surrogate pairs above U+FFFF). zarr-python 2 decodes .zattrs as ASCII
// (zarr.util.json_loads) and writes it with ensure_ascii, so raw UTF-8 there breaks xarray.
void AppendAsciiJsonString(std::string* out, std::string_view utf8);

// `bytes` as UTF-8: unchanged when valid, else each byte read as Latin-1.
std::string AsUtf8(std::string_view bytes);

}  // namespace stacfs::converter::hdf5
