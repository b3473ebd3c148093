#include "core/base/result.h"

#include <cerrno>
#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace stacfs {
namespace {

Result<int> ParsePositive(int n) {
  if (n <= 0) return InvalidArgument("not positive: " + std::to_string(n));
  return n;
}

Result<int> DoubleIt(int n) {
  STACFS_ASSIGN_OR_RETURN(int v, ParsePositive(n));
  return 2 * v;
}

Result<void> Check(int n) {
  STACFS_RETURN_IF_ERROR(ParsePositive(n));
  return Ok();
}

TEST(ResultTest, ValueAndErrorLikeExpected) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 3);
  EXPECT_EQ(good.value_or(7), 3);

  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message(), "not positive: -1");
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(ResultTest, MacrosPropagateErrors) {
  EXPECT_EQ(*DoubleIt(4), 8);
  EXPECT_EQ(DoubleIt(0).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Check(1).has_value());
  EXPECT_EQ(Check(-2).error().message(), "not positive: -2");
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

TEST(ResultTest, ContextIsOutermostFirst) {
  Result<int> r = Result<int>(Corrupt("bad header")).WithContext("offset 12").WithContext("a.nc");
  EXPECT_EQ(r.error().ToString(), "a.nc: offset 12: bad header");
  EXPECT_EQ(r.error().ToErrno(), EIO);
}

TEST(ResultTest, ValueOfErrorAborts) {
  Result<int> bad = NotFound("no such key 'x'");
  EXPECT_DEATH((void)bad.value(), "no such key 'x'");
}

TEST(ErrorTest, OneErrnoMapping) {
  EXPECT_EQ(ToErrno(ErrorCode::kNotFound), ENOENT);
  EXPECT_EQ(ToErrno(ErrorCode::kStale), ESTALE);
  EXPECT_EQ(ToErrno(ErrorCode::kReadOnly), EROFS);
  EXPECT_EQ(ToErrno(ErrorCode::kTimeout), EIO);
  EXPECT_EQ(ToErrno(ErrorCode::kUnsupported), ENOTSUP);
  EXPECT_EQ(ToErrno(ErrorCode::kPermissionDenied), EACCES);
  EXPECT_EQ(ErrnoError(ENOENT, "open /x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(ErrnoError(ENOENT, "open /x").message(), "open /x: No such file or directory");
}

}  // namespace
}  // namespace stacfs
