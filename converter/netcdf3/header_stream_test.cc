#include "converter/netcdf3/header_stream.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace stacfs::converter::netcdf3 {
namespace {

class HeaderStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("nc3-stream");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
  }
  std::optional<test::TempDir> dir_;
};

TEST_F(HeaderStreamTest, TakesAcrossBlocks) {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes.push_back(static_cast<char>(i * 7));
  auto path = dir_->WriteFile("f", bytes);
  ASSERT_TRUE(path.has_value());
  for (size_t block : {1u, 3u, 7u, 64u, 4096u}) {
    auto stream = HeaderStream::Open(*path, block);
    ASSERT_TRUE(stream.has_value());
    EXPECT_EQ(stream->file_size(), 1000u);
    size_t at = 0;
    for (size_t n : {0u, 1u, 5u, 13u, 100u, 2u, 300u}) {
      auto got = stream->Take(n, "test");
      ASSERT_TRUE(got.has_value()) << got.error().ToString();
      EXPECT_EQ(*got, std::string_view(bytes).substr(at, n)) << "block " << block;
      at += n;
      EXPECT_EQ(stream->position(), at);
    }
    auto u32 = stream->TakeU32("u32");
    ASSERT_TRUE(u32.has_value());
    uint32_t expected = 0;
    for (int k = 0; k < 4; ++k) expected = (expected << 8) | static_cast<unsigned char>(bytes[at + k]);
    EXPECT_EQ(*u32, expected);
    // Reads never run further than one block past what was asked for.
    EXPECT_LE(stream->bytes_read(), at + 4 + block);
  }
}

TEST_F(HeaderStreamTest, ReadsOnlyWhatIsNeeded) {
  std::string bytes(1 << 20, 'x');  // a small header in front of 1 MiB of "data"
  auto path = dir_->WriteFile("f", bytes);
  ASSERT_TRUE(path.has_value());
  auto stream = HeaderStream::Open(*path);
  ASSERT_TRUE(stream.has_value());
  ASSERT_TRUE(stream->Take(100, "header").has_value());
  EXPECT_EQ(stream->bytes_read(), HeaderStream::kDefaultBlockBytes);
}

TEST_F(HeaderStreamTest, TruncationIsCorruptWithOffsets) {
  auto path = dir_->WriteFile("f", "abcdef");
  ASSERT_TRUE(path.has_value());
  auto stream = HeaderStream::Open(*path, 2);
  ASSERT_TRUE(stream.has_value());
  ASSERT_TRUE(stream->Take(4, "first").has_value());
  auto got = stream->TakeU32("the thing");
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(got.error().message(),
            "truncated header: expected 4 bytes (the thing) at offset 4, but the file ends at 6");
  // Huge requests are refused before anything is allocated.
  EXPECT_FALSE(stream->TakeU64("x").has_value());
  EXPECT_FALSE(stream->Take(~uint64_t{0}, "huge").has_value());
}

TEST_F(HeaderStreamTest, OpenErrors) {
  auto missing = HeaderStream::Open(dir_->Join("missing"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  auto directory = HeaderStream::Open(dir_->path());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace stacfs::converter::netcdf3
