// HDF5's error stack, turned into stacfs Errors.
//
// libhdf5 reports failures by pushing records on a per-thread error stack and, by default,
// printing that stack to stderr. The reader silences the printing for as long as it runs
// (ErrorStackSilencer) and, where a call failed, walks the stack into one line a user can act
// on: the outermost record says what HDF5 was asked to do, the innermost why it failed, e.g.
// "unable to open file (file signature not found)". The stack is cleared afterwards so that a
// later failure does not carry stale records.
#pragma once

#include <hdf5.h>

#include <string>

#include "core/base/error.h"

namespace stacfs::converter::hdf5 {

// Turns off HDF5's automatic error printing for its lifetime and restores the previous
// setting (whatever a host program had configured) when destroyed.
class ErrorStackSilencer {
 public:
  ErrorStackSilencer();
  ~ErrorStackSilencer();
  ErrorStackSilencer(const ErrorStackSilencer&) = delete;
  ErrorStackSilencer& operator=(const ErrorStackSilencer&) = delete;

 private:
  H5E_auto2_t saved_function_ = nullptr;
  void* saved_data_ = nullptr;
  bool saved_ = false;
};

// The current error stack as one line ("" when empty), then clears it.
std::string TakeErrorStackMessage();

// An Error of `code`: "`what`: <HDF5's reason>" (or just `what` when the stack is empty).
// Clears the stack.
Error Hdf5Error(ErrorCode code, const std::string& what);

// Discards records left by a failure the caller handles itself (e.g. a probe that may fail).
void ClearErrorStack();

}  // namespace stacfs::converter::hdf5
