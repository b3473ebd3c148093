#include "fs/coalesce.h"

#include <gtest/gtest.h>

namespace stacfs::fs {
namespace {

FetchRequest Range(std::string url, uint64_t offset, uint64_t length) {
  return {std::move(url), ByteRange{offset, length}};
}

TEST(CoalesceTest, MergesNeighboursOfOneObjectWithinTheGapAndSize) {
  CoalesceOptions options;
  options.max_gap_bytes = 10;
  options.max_request_bytes = 50;
  std::vector<CoalescedRequest> groups = Coalesce(
      {Range("b", 0, 5), Range("a", 30, 10), Range("a", 0, 10), Range("a", 15, 10), Range("a", 60, 10),
       Range("a", 15, 10), {"a", std::nullopt}, Range("a", 75, 40)},
      options);
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].request, (FetchRequest{"a", std::nullopt}));  // whole objects stay alone
  EXPECT_EQ(groups[1].request, Range("a", 0, 40));  // gaps of 5 and 5: merged; duplicate once
  EXPECT_EQ(groups[1].members.size(), 3u);
  EXPECT_EQ(groups[2].request, Range("a", 60, 10));  // gap of 20 > 10: apart
  EXPECT_EQ(groups[3].request, Range("a", 75, 40));  // close, but merged it would be 55 > 50 bytes
  EXPECT_EQ(groups[4].request, Range("b", 0, 5));    // another object: never merged
}

}  // namespace
}  // namespace stacfs::fs
