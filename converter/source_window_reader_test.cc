// SourceWindowReader returns exactly the bytes pread would, whatever the order of the ranges
// relative to its window, and names the file when a range is past its end.
#include "converter/source_window_reader.h"

#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "core/base/file_util.h"

namespace stacfs::converter {
namespace {

class SourceWindowReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/stacfs-window-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    // 2.5 windows of bytes that differ from their neighbours, and a short second file.
    big_.resize(SourceWindowReader::kWindowBytes * 5 / 2);
    for (size_t i = 0; i < big_.size(); ++i) big_[i] = static_cast<char>((i * 7919) >> 3);
    paths_ = {dir_ + "/big.bin", dir_ + "/small.bin"};
    ASSERT_TRUE(WriteFileAtomically(paths_[0], big_).has_value());
    ASSERT_TRUE(WriteFileAtomically(paths_[1], "small file").has_value());
  }
  void TearDown() override {
    for (const std::string& path : paths_) ::unlink(path.c_str());
    ::rmdir(dir_.c_str());
  }

  std::string dir_;
  std::string big_;
  std::vector<std::string> paths_;
};

TEST_F(SourceWindowReaderTest, AnyOrderOfRangesReadsTheStoredBytes) {
  SourceWindowReader reader(paths_);
  const uint64_t window = SourceWindowReader::kWindowBytes;
  struct Range {
    uint32_t source;
    uint64_t offset, length;
  };
  const Range ranges[] = {
      {0, 0, 5},           {0, 5, 3},               {0, window - 2, 4},   // across a window end
      {1, 0, 5},           {0, 100, 10},            {1, 6, 4},            // switching files
      {0, 10, 2 * window}, {0, big_.size() - 1, 1}, {0, 3, 0},            // longer than a window
      {0, window / 2, 7},  {0, big_.size(), 0},
  };
  const std::string small = "small file";
  for (const Range& r : ranges) {
    auto bytes = reader.Read(r.source, r.offset, r.length);
    ASSERT_TRUE(bytes.has_value()) << bytes.error().ToString();
    const std::string& file = r.source == 0 ? big_ : small;
    EXPECT_EQ(*bytes, std::string_view(file).substr(r.offset, r.length))
        << "source " << r.source << " at " << r.offset << " +" << r.length;
  }
}

TEST_F(SourceWindowReaderTest, RangesPastTheEndAndUnknownSourcesAreErrors) {
  SourceWindowReader reader(paths_);
  auto past = reader.Read(1, 8, 5);
  ASSERT_FALSE(past.has_value());
  EXPECT_NE(past.error().ToString().find("past the end of " + paths_[1] + " (10 bytes)"),
            std::string::npos)
      << past.error().ToString();
  EXPECT_FALSE(reader.Read(2, 0, 1).has_value());
  paths_.push_back(dir_ + "/missing.bin");
  SourceWindowReader with_missing(paths_);
  auto missing = with_missing.Read(2, 0, 1);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().ToString().find("No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace stacfs::converter
