#include "core/base/error.h"

#include <cerrno>
#include <cstring>

namespace stacfs {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kPermissionDenied: return "permission denied";
    case ErrorCode::kOutOfRange: return "out of range";
    case ErrorCode::kCorrupt: return "corrupt data";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kStale: return "stale";
    case ErrorCode::kResourceExhausted: return "resource exhausted";
    case ErrorCode::kReadOnly: return "read-only";
    case ErrorCode::kIo: return "I/O error";
    case ErrorCode::kInternal: return "internal error";
  }
  return "unknown error";
}

int ToErrno(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return EINVAL;
    case ErrorCode::kNotFound: return ENOENT;
    case ErrorCode::kPermissionDenied: return EACCES;
    case ErrorCode::kUnsupported: return ENOTSUP;
    case ErrorCode::kStale: return ESTALE;
    case ErrorCode::kResourceExhausted: return ENOMEM;
    case ErrorCode::kReadOnly: return EROFS;
    case ErrorCode::kOutOfRange:
    case ErrorCode::kCorrupt:
    case ErrorCode::kUnavailable:
    case ErrorCode::kTimeout:
    case ErrorCode::kIo:
    case ErrorCode::kInternal: return EIO;
  }
  return EIO;
}

Error&& Error::WithContext(std::string where) && {
  context_.insert(context_.begin(), std::move(where));
  return std::move(*this);
}

Error Error::WithContext(std::string where) const& {
  Error copy = *this;
  return std::move(copy).WithContext(std::move(where));
}

std::string Error::ToString() const {
  std::string out;
  for (const std::string& where : context_) {
    out += where;
    out += ": ";
  }
  out += message_;
  return out;
}

Error ErrnoError(int errno_value, std::string_view what) {
  ErrorCode code = ErrorCode::kIo;
  switch (errno_value) {
    case ENOENT:
    case ENOTDIR: code = ErrorCode::kNotFound; break;
    case EACCES:
    case EPERM: code = ErrorCode::kPermissionDenied; break;
    case EROFS: code = ErrorCode::kReadOnly; break;
    case ENOMEM:
    case ENOSPC: code = ErrorCode::kResourceExhausted; break;
    case EINVAL: code = ErrorCode::kInvalidArgument; break;
    default: break;
  }
  std::string message(what);
  message += ": ";
  message += std::strerror(errno_value);
  return {code, std::move(message)};
}

}  // namespace stacfs
