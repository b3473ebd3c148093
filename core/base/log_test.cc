#include "core/base/log.h"

#include <memory>

#include <gtest/gtest.h>

namespace stacfs {
namespace {

TEST(LogTest, WritesAtOrAboveLevelWithComponent) {
  auto sink = std::make_shared<MemoryLogSink>();
  Logger log = Logger(sink, LogLevel::kInfo).WithComponent("http");
  STACFS_LOG(log, kDebug) << "hidden";
  STACFS_LOG(log, kWarning) << "retrying " << 3;
  auto entries = sink->entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].level, LogLevel::kWarning);
  EXPECT_EQ(entries[0].component, "http");
  EXPECT_EQ(entries[0].message, "retrying 3");
}

TEST(LogTest, OffLevelOperandsAreNotEvaluated) {
  auto sink = std::make_shared<MemoryLogSink>();
  Logger log(sink, LogLevel::kError);
  int evaluations = 0;
  auto expensive = [&] {
    ++evaluations;
    return 42;
  };
  STACFS_LOG(log, kDebug) << expensive();
  Logger off;
  STACFS_LOG(off, kError) << expensive();
  EXPECT_EQ(evaluations, 0);
  STACFS_LOG(log, kError) << expensive();
  EXPECT_EQ(evaluations, 1);
}

TEST(LogTest, ParsesLevelNames) {
  LogLevel level = LogLevel::kOff;
  EXPECT_TRUE(ParseLogLevel("warn", &level));
  EXPECT_EQ(level, LogLevel::kWarning);
  EXPECT_FALSE(ParseLogLevel("loud", &level));
}

}  // namespace
}  // namespace stacfs
