// ReadCrashGuard: turns a crash inside a file-format library into the converter's one error
// line. libhdf5 1.10.8 (Debian 12) can crash on a corrupt file — a segmentation fault in its
// global heap reader on a damaged variable-length string, found by corrupting ncgen output at
// random (tests/integration/convert_bad_input_test.cc) — and no check of ours can run before
// it. While a guard is alive, a fatal signal (SEGV, BUS, FPE, ILL, ABRT) prints
//   stacfs: error: FILE: cannot read this file, it is probably corrupt (reading it crashed
//   with SIGSEGV)
// and exits with status 1, instead of a core dump and no word on which file it was. Nothing has
// been written at that point: sources are read before the output file is created.
//
// Process-wide by nature (a signal handler cannot be given its context): one guard at a time,
// on the thread that reads, in a command-line process; the message is prepared when the guard
// is made, so the handler only calls write(2) and _exit(2), which are async-signal-safe.
#pragma once

#include <string>

namespace stacfs::converter {

class ReadCrashGuard {
 public:
  explicit ReadCrashGuard(const std::string& path);
  ~ReadCrashGuard();  // restores the previous handlers
  ReadCrashGuard(const ReadCrashGuard&) = delete;
  ReadCrashGuard& operator=(const ReadCrashGuard&) = delete;
};

}  // namespace stacfs::converter
