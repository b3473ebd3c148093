// RunCommand: runs a program to completion for a test, with a time bound, capturing its stdout
// and stderr together — for end-to-end tests of the `stacfs` binary and of Python clients.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace stacfs::test {

struct CommandResult {
  int exit_code = -1;  // -1 when it could not start or timed out (then killed)
  std::string output;  // stdout and stderr, interleaved as written
};

// argv[0] must be an absolute path. The output goes through a file in `dir`.
CommandResult RunCommand(const TempDir& dir, const std::vector<std::string>& argv,
                         std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace stacfs::test
