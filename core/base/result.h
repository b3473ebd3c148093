// Result<T>: a value or an Error, with the member names of C++23 std::expected so that code
// moves to the standard type unchanged when the toolchain has it (GCC 12 does not).
//
//   Result<int> Parse(std::string_view s);
//   STACFS_ASSIGN_OR_RETURN(int n, Parse(text));     // early return on error
//   STACFS_RETURN_IF_ERROR(Check(n));
//
// Accessing value() of an error Result is a bug and aborts with the error's message; it never
// throws (exceptions must not cross libfuse, curl or HDF5 callbacks).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/base/error.h"

namespace stacfs {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }
  const E& error() const& { return error_; }

 private:
  E error_;
};

Unexpected(Error) -> Unexpected<Error>;

namespace internal {
[[noreturn]] inline void DieOnBadAccess(const Error& error) {
  std::fprintf(stderr, "stacfs: fatal: value() of a failed Result: %s\n",
               error.ToString().c_str());
  std::abort();
}
[[noreturn]] inline void DieOnBadErrorAccess() {
  std::fprintf(stderr, "stacfs: fatal: error() of a successful Result\n");
  std::abort();
}
}  // namespace internal

template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = Error;

  Result() requires std::is_default_constructible_v<T> : storage_(std::in_place_index<0>) {}
  template <class U = T>
    requires std::is_constructible_v<T, U&&> &&
             (!std::is_same_v<std::remove_cvref_t<U>, Result>) &&
             (!std::is_same_v<std::remove_cvref_t<U>, Unexpected<Error>>) &&
             (!std::is_same_v<std::remove_cvref_t<U>, Error>)
  Result(U&& value) : storage_(std::in_place_index<0>, std::forward<U>(value)) {}
  Result(Unexpected<Error> unexpected)
      : storage_(std::in_place_index<1>, std::move(unexpected).error()) {}
  // An Error converts implicitly so that `return NotFound("...");` reads naturally.
  Result(Error error) : storage_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    if (!has_value()) internal::DieOnBadAccess(std::get<1>(storage_));
    return std::get<0>(storage_);
  }
  const T& value() const& {
    if (!has_value()) internal::DieOnBadAccess(std::get<1>(storage_));
    return std::get<0>(storage_);
  }
  T&& value() && {
    if (!has_value()) internal::DieOnBadAccess(std::get<1>(storage_));
    return std::move(std::get<0>(storage_));
  }
  const Error& error() const& {
    if (has_value()) internal::DieOnBadErrorAccess();
    return std::get<1>(storage_);
  }
  Error&& error() && {
    if (has_value()) internal::DieOnBadErrorAccess();
    return std::move(std::get<1>(storage_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(storage_) : static_cast<T>(std::forward<U>(fallback));
  }

  // Adds context to the error, if any; a value passes through.
  Result WithContext(std::string where) && {
    if (!has_value()) return std::move(std::get<1>(storage_)).WithContext(std::move(where));
    return std::move(*this);
  }

 private:
  std::variant<T, Error> storage_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;
  using error_type = Error;

  Result() = default;
  Result(Unexpected<Error> unexpected) : error_(std::move(unexpected).error()) {}
  Result(Error error) : error_(std::move(error)) {}

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const {
    if (error_) internal::DieOnBadAccess(*error_);
  }
  const Error& error() const& {
    if (!error_) internal::DieOnBadErrorAccess();
    return *error_;
  }
  Error&& error() && {
    if (!error_) internal::DieOnBadErrorAccess();
    return std::move(*error_);
  }
  Result WithContext(std::string where) && {
    if (error_) return std::move(*error_).WithContext(std::move(where));
    return {};
  }

 private:
  std::optional<Error> error_;
};

inline Result<void> Ok() { return {}; }

}  // namespace stacfs

#define STACFS_CONCAT_INNER_(a, b) a##b
#define STACFS_CONCAT_(a, b) STACFS_CONCAT_INNER_(a, b)

// Returns the error of `expr` (a Result) from the enclosing function, if it has one.
#define STACFS_RETURN_IF_ERROR(expr)                                   \
  do {                                                                 \
    auto&& stacfs_result_ = (expr);                                    \
    if (!stacfs_result_.has_value())                                   \
      return ::stacfs::Unexpected(std::move(stacfs_result_).error());  \
  } while (0)

// `STACFS_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value or returns its error.
#define STACFS_ASSIGN_OR_RETURN(lhs, expr) \
  STACFS_ASSIGN_OR_RETURN_IMPL_(STACFS_CONCAT_(stacfs_result_, __LINE__), lhs, expr)
#define STACFS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)        \
  auto tmp = (expr);                                         \
  if (!tmp.has_value())                                      \
    return ::stacfs::Unexpected(std::move(tmp).error());     \
  lhs = std::move(tmp).value()
