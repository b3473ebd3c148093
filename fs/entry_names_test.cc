#include "fs/entry_names.h"

#include <gtest/gtest.h>

namespace stacfs::fs {
namespace {

TEST(EntryNamesTest, UnsafeNamesBecomeOneSafeComponent) {
  EXPECT_EQ(SafeEntryName("tas_day"), "tas_day");
  EXPECT_EQ(SafeEntryName("a/b"), "a_b");
  EXPECT_EQ(SafeEntryName("../../etc/passwd"), ".._.._etc_passwd");
  EXPECT_EQ(SafeEntryName("."), "_.");
  EXPECT_EQ(SafeEntryName(".."), "_..");
  EXPECT_EQ(SafeEntryName(""), "_");
  EXPECT_EQ(SafeEntryName(std::string("a\0b\n\x7f", 5)), "a_b__");
  EXPECT_EQ(SafeEntryName("Temp\xc3\xa9rature"), "Temp\xc3\xa9rature");  // UTF-8 kept
}

TEST(EntryNamesTest, LongNamesAreCutWithAHashThatKeepsThemApart) {
  std::string a(300, 'a'), b(300, 'a');
  b[299] = 'b';
  std::string safe_a = SafeEntryName(a), safe_b = SafeEntryName(b);
  EXPECT_EQ(safe_a.size(), kMaxNameBytes);
  EXPECT_EQ(safe_b.size(), kMaxNameBytes);
  EXPECT_NE(safe_a, safe_b);
  EXPECT_EQ(safe_a, SafeEntryName(a));  // stable
  // A cut never leaves half a UTF-8 character.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
  std::string safe = SafeEntryName(accents);
  size_t tail = safe.find('~');
  ASSERT_NE(tail, std::string::npos);
  EXPECT_EQ(tail % 2, 0u);
}

TEST(EntryNamesTest, CollisionsAreResolvedInOrderBeforeTheExtension) {
  std::vector<std::string> names{"a.zarr", "a.zarr", "x/y", "x_y", ".hidden", ".hidden", "a~2.zarr"};
  MakeEntryNamesUnique(names);
  EXPECT_EQ(names, (std::vector<std::string>{"a.zarr", "a~2.zarr", "x_y", "x_y~2", ".hidden", ".hidden~2",
                                             "a~2~2.zarr"}));
}

}  // namespace
}  // namespace stacfs::fs
