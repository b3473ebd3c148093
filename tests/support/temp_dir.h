// TempDir: a fresh directory for one test, removed with everything in it on destruction.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace stacfs::test {

class TempDir {
 public:
  // Creates $TMPDIR/PREFIX-XXXXXX (or under /tmp).
  static Result<TempDir> Create(std::string_view prefix = "stacfs-test");

  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string Join(std::string_view name) const;
  // Writes `bytes` to Join(name), replacing any previous file; returns the file's path.
  Result<std::string> WriteFile(std::string_view name, std::string_view bytes) const;

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  void Remove();
  std::string path_;
};

// Reads a whole file; for comparing fetched bytes with the source.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace stacfs::test
