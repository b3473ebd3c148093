// The header grammar, field by field, for the three format versions.
#include "converter/netcdf3/header_parser.h"

#include <gtest/gtest.h>

#include "converter/netcdf3/netcdf3_test_builder.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter::netcdf3 {
namespace {

namespace t = testing;

class HeaderParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("nc3-parser");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
  }

  Result<NcHeader> Parse(std::string_view bytes, size_t block = 5) {
    auto path = dir_->WriteFile("h.nc", bytes);
    EXPECT_TRUE(path.has_value());
    auto stream = HeaderStream::Open(*path, block);  // tiny blocks: every field straddles
    EXPECT_TRUE(stream.has_value());
    return ParseHeader(*stream);
  }

  std::optional<test::TempDir> dir_;
};

TEST_F(HeaderParserTest, EveryFieldOfEveryVersion) {
  for (int version : {1, 2, 5}) {
    SCOPED_TRACE(version);
    t::TestFile f;
    f.version = version;
    f.numrecs = 7;
    f.dims = {{"time", 0}, {"lat", 180}};
    f.global_attrs = {t::Text("title", "odd length"), t::Ints("n", t::kNcShort, {1, 2, 3})};
    f.vars = {{"tas", {0, 1}, t::kNcFloat, {t::Text("units", "K")}, 720, 1000},
              {"s", {}, t::kNcDouble, {}, 8, 0x12345678}};
    std::string bytes = t::EncodeHeader(f);
    auto header = Parse(bytes);
    ASSERT_TRUE(header.has_value()) << header.error().ToString();
    EXPECT_EQ(static_cast<int>(header->format), version);
    EXPECT_EQ(header->numrecs, 7u);
    EXPECT_FALSE(header->numrecs_streaming);
    ASSERT_EQ(header->dimensions.size(), 2u);
    EXPECT_EQ(header->dimensions[0].name, "time");
    EXPECT_EQ(header->dimensions[0].length, 0u);
    EXPECT_EQ(header->dimensions[1].length, 180u);
    ASSERT_EQ(header->global_attributes.size(), 2u);
    EXPECT_EQ(header->global_attributes[0].values, "odd length");
    EXPECT_EQ(header->global_attributes[1].type, NcType::kShort);
    EXPECT_EQ(header->global_attributes[1].count, 3u);
    EXPECT_EQ(header->global_attributes[1].values, std::string("\0\1\0\2\0\3", 6));
    ASSERT_EQ(header->variables.size(), 2u);
    const NcVariable& tas = header->variables[0];
    EXPECT_EQ(tas.name, "tas");
    EXPECT_EQ(tas.dim_ids, (std::vector<uint64_t>{0, 1}));
    EXPECT_EQ(tas.type, NcType::kFloat);
    EXPECT_EQ(tas.vsize, 720u);
    EXPECT_EQ(tas.begin, 1000u);
    ASSERT_EQ(tas.attributes.size(), 1u);
    EXPECT_EQ(tas.attributes[0].name, "units");
    EXPECT_TRUE(header->variables[1].dim_ids.empty());
    EXPECT_EQ(header->variables[1].begin, 0x12345678u);
    EXPECT_EQ(header->header_bytes, bytes.size());
  }
}

TEST_F(HeaderParserTest, EmptyListsAndLenientAbsent) {
  t::TestFile f;
  std::string bytes = t::EncodeHeader(f);  // magic, numrecs, three ABSENT lists
  EXPECT_EQ(bytes.size(), 32u);
  auto header = Parse(bytes);
  ASSERT_TRUE(header.has_value());
  EXPECT_TRUE(header->dimensions.empty());
  EXPECT_EQ(header->header_bytes, 32u);
  // A list tag with a zero count reads as empty, as netCDF-C reads it.
  bytes[11] = '\x0A';
  EXPECT_TRUE(Parse(bytes).has_value());
}

TEST_F(HeaderParserTest, Streaming) {
  t::TestFile f;
  f.numrecs = 0xFFFFFFFF;
  auto header = Parse(t::EncodeHeader(f));
  ASSERT_TRUE(header.has_value());
  EXPECT_TRUE(header->numrecs_streaming);
  EXPECT_EQ(header->numrecs, 0u);
  f.version = 5;
  header = Parse(t::EncodeHeader(f));
  ASSERT_TRUE(header.has_value());
  EXPECT_FALSE(header->numrecs_streaming);  // in CDF-5, 2^32 - 1 is a count
  f.numrecs = ~uint64_t{0};
  header = Parse(t::EncodeHeader(f));
  ASSERT_TRUE(header.has_value());
  EXPECT_TRUE(header->numrecs_streaming);
}

TEST_F(HeaderParserTest, ExtendedTypesAreReadInAnyVersion) {
  // netCDF-C's header reader takes any atomic type tag in any version; so do we.
  t::TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {{"u", {0}, t::kNcUShort, {t::Ints("big", t::kNcInt64, {-1})}, 4, 200}};
  auto header = Parse(t::EncodeHeader(f));
  ASSERT_TRUE(header.has_value()) << header.error().ToString();
  EXPECT_EQ(header->variables[0].type, NcType::kUShort);
  EXPECT_EQ(header->variables[0].attributes[0].values, std::string(8, '\xFF'));
}

TEST_F(HeaderParserTest, ErrorsNameTheItem) {
  t::TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {{"a", {0}, t::kNcInt, {}}, {"b\x01", {0}, t::kNcInt, {t::Text("units", "m")}}};
  std::string bytes = t::EncodeHeader(f);
  // Make the attribute count of "b\x01" absurd.
  size_t at = bytes.find("units") - 4 - 4 - 4;  // tag, count, name length before the name
  bytes.replace(at + 4, 4, "\x7F\x00\x00\x00", 4);
  auto header = Parse(bytes);
  ASSERT_FALSE(header.has_value());
  EXPECT_EQ(header.error().code(), ErrorCode::kCorrupt);
  std::string text = header.error().ToString();
  EXPECT_NE(text.find("variable list: variable 1: attributes of \"b?\": the attribute list"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace stacfs::converter::netcdf3
