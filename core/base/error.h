// Error: what went wrong, in words a user can act on, with where it happened.
//
// Every fallible stacfs function returns Result<T> (result.h) carrying an Error on failure.
// An Error has a code (the class of failure, which decides the errno a filesystem caller
// sees), a message (what happened), and a context chain (where: file, URL, key, offset),
// outermost first, added by callers as the error travels up with WithContext().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stacfs {

enum class ErrorCode {
  kInvalidArgument,    // the caller's input is wrong (bad option, bad JSON, bad key)
  kNotFound,           // no such file, key, object
  kPermissionDenied,   // refused by policy or by the OS
  kOutOfRange,         // a range or index past the end of what exists
  kCorrupt,            // data does not match its own contract (checksum, truncated, bad header)
  kUnsupported,        // valid, but a feature stacfs does not implement
  kUnavailable,        // a transient remote failure that outlived its retries
  kTimeout,            // a deadline passed
  kStale,              // the remote object changed under us (ETag)
  kResourceExhausted,  // a size or memory limit would be exceeded
  kReadOnly,           // a write to something read-only
  kIo,                 // a local I/O failure
  kInternal,           // a bug in stacfs
};

std::string_view ErrorCodeName(ErrorCode code);

// The one mapping from error classes to errno values, used by the FUSE adapter and the CLI.
// Network, timeout and data failures all become EIO: tools handle EIO on read(2); they do not
// expect ETIMEDOUT or ERANGE there.
int ToErrno(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Outermost first, e.g. {"refs.json", "key 'tas/0.0'"}.
  const std::vector<std::string>& context() const { return context_; }

  // Adds where the error happened, e.g. a file name or "key 'tas/0.0'"; the newest context is
  // the outermost one.
  Error&& WithContext(std::string where) &&;
  Error WithContext(std::string where) const&;

  // "context: context: message" — the line a user sees.
  std::string ToString() const;
  int ToErrno() const { return stacfs::ToErrno(code_); }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<std::string> context_;
};

inline Error InvalidArgument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error PermissionDenied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
inline Error OutOfRange(std::string m) { return {ErrorCode::kOutOfRange, std::move(m)}; }
inline Error Corrupt(std::string m) { return {ErrorCode::kCorrupt, std::move(m)}; }
inline Error Unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Error Timeout(std::string m) { return {ErrorCode::kTimeout, std::move(m)}; }
inline Error Stale(std::string m) { return {ErrorCode::kStale, std::move(m)}; }
inline Error ResourceExhausted(std::string m) { return {ErrorCode::kResourceExhausted, std::move(m)}; }
inline Error IoError(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
inline Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

// An Error from errno after a failed system call: "open: No such file or directory".
Error ErrnoError(int errno_value, std::string_view what);

}  // namespace stacfs
