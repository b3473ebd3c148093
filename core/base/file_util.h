// Whole-file reads and atomic writes: a file stacfs writes is either absent, the old version, or
// the complete new version — never partial (temp file in the same directory, fsync, rename).
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs {

Result<std::string> ReadFile(const std::string& path);
Result<void> WriteFileAtomically(const std::string& path, std::string_view contents);

// An absolute path for `path`, relative to the working directory; not resolving symlinks.
std::string AbsolutePath(const std::string& path);

}  // namespace stacfs
