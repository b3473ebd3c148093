// Bad input never crashes the reader and never makes it allocate what the file cannot hold:
// every prefix of valid files, wrong magic, absurd counts and sizes, offsets outside the file,
// and random corruption. Errors are kInvalidArgument (not netCDF3) or kCorrupt, and name the
// file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <random>

#include "converter/netcdf3/netcdf3_reader.h"
#include "converter/netcdf3/netcdf3_test_builder.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter {
namespace {

using namespace netcdf3::testing;  // NOLINT: test vocabulary

class Netcdf3BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("nc3-bad");
    ASSERT_TRUE(dir.has_value()) << dir.error().ToString();
    dir_.emplace(std::move(*dir));
  }

  // Reads `bytes` as a file; returns the error (the test fails if it was read successfully).
  Error ReadError(std::string_view bytes, std::string_view name = "bad.nc") {
    auto path = dir_->WriteFile(name, bytes);
    EXPECT_TRUE(path.has_value());
    ReadOptions options;
    options.url = *path;
    auto ds = ReadNetcdf3File(*path, options);
    EXPECT_FALSE(ds.has_value()) << "read a bad file without error";
    if (ds.has_value()) return Internal("no error");
    EXPECT_NE(ds.error().ToString().find(*path), std::string::npos) << ds.error().ToString();
    return ds.error();
  }

  Result<Dataset> ReadBytes(std::string_view bytes) {
    auto path = dir_->WriteFile("any.nc", bytes);
    EXPECT_TRUE(path.has_value());
    ReadOptions options;
    options.url = *path;
    return ReadNetcdf3File(*path, options);
  }

  std::optional<test::TempDir> dir_;
};

TestFile Rich(int version) {
  TestFile f;
  f.version = version;
  f.numrecs = 2;
  f.dims = {{"time", 0}, {"n", 3}, {"strlen", 5}};
  f.global_attrs = {Text("title", "prefixes"), Doubles("d", {1.5, 2.5})};
  f.vars = {{"x", {1}, kNcDouble, {Text("units", "m"), Ints("_FillValue", kNcDouble, {0})}},
            {"names", {1, 2}, kNcChar, {}},
            {"scalar", {}, kNcInt, {Ints("valid", kNcInt, {1, 2})}},
            {"r", {0, 1}, kNcShort, {Ints("_FillValue", kNcShort, {-1})}},
            {"t", {0}, kNcDouble, {}}};
  return f;
}

TEST_F(Netcdf3BadInputTest, EveryTruncationIsAnError) {
  for (int version : {1, 2, 5}) {
    SCOPED_TRACE(version);
    TestFile f = Rich(version);
    std::string file = BuildFile(f);
    ASSERT_TRUE(ReadBytes(file).has_value());
    // Every prefix, header and data: the header is truncated, or data or records end past EOF.
    for (size_t n = 0; n < file.size(); ++n) {
      SCOPED_TRACE(n);
      Error error = ReadError(std::string_view(file).substr(0, n));
      EXPECT_EQ(error.code(), n < 4 ? ErrorCode::kInvalidArgument : ErrorCode::kCorrupt)
          << error.ToString();
    }
  }
}

TEST_F(Netcdf3BadInputTest, TruncationMessagesSayWhatAndWhere) {
  TestFile f = Rich(1);
  std::string header = EncodeHeader(f);
  Error error = ReadError(std::string_view(header).substr(0, 10));
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
  EXPECT_NE(error.message().find("truncated header: expected"), std::string::npos) << error.ToString();
  EXPECT_NE(error.message().find("at offset 8"), std::string::npos) << error.ToString();
  EXPECT_NE(error.message().find("file ends at 10"), std::string::npos) << error.ToString();
}

TEST_F(Netcdf3BadInputTest, DataPastTheEndOfTheFile) {
  TestFile f;
  f.dims = {{"n", 100}};
  f.vars = {{"x", {0}, kNcInt, {}}};
  std::string file = BuildFile(f);
  Error error = ReadError(std::string_view(file).substr(0, file.size() - 1));
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
  EXPECT_NE(error.message().find("variable \"x\""), std::string::npos) << error.ToString();
  EXPECT_NE(error.message().find("past the end of the file"), std::string::npos);

  TestFile g;
  g.numrecs = 1000;  // claims far more records than the file holds
  g.dims = {{"time", 0}};
  g.vars = {{"t", {0}, kNcDouble, {}}};
  std::string header_only = EncodeHeader(g);
  g.numrecs = 2;
  std::string file2 = BuildFile(g);
  file2.replace(4, 4, header_only.substr(4, 4));
  error = ReadError(file2);
  EXPECT_NE(error.message().find("record 999"), std::string::npos) << error.ToString();
}

TEST_F(Netcdf3BadInputTest, BeginOffsetsOutsideTheData) {
  TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {{"x", {0}, kNcInt, {}}};
  std::string file = BuildFile(f);
  // Inside the header.
  f.vars[0].begin = 8;
  Error error = ReadError(EncodeHeader(f) + file.substr(EncodeHeader(f).size()));
  EXPECT_NE(error.message().find("inside the header"), std::string::npos) << error.ToString();
  // Past the end of the file.
  f.vars[0].begin = 1u << 30;
  error = ReadError(EncodeHeader(f) + file.substr(EncodeHeader(f).size()));
  EXPECT_NE(error.message().find("past the end of the file"), std::string::npos)
      << error.ToString();
}

TEST_F(Netcdf3BadInputTest, WrongMagic) {
  for (std::string_view bytes :
       {std::string_view("CDF\x03\0\0\0\0", 8), std::string_view("\x89HDF\r\n\x1a\n"),
        std::string_view("GRIB...."), std::string_view("CD"), std::string_view("")}) {
    Error error = ReadError(bytes);
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument) << error.ToString();
    EXPECT_NE(error.message().find("not a netCDF3 file"), std::string::npos) << error.ToString();
  }
}

TEST_F(Netcdf3BadInputTest, AbsurdCountsAreBoundedByTheFileSize) {
  // Dimension count 2^31 - 1 in a tiny file.
  std::string bytes("CDF\x01\0\0\0\0\0\0\0\x0A\x7F\xFF\xFF\xFF", 16);
  bytes.append(64, '\0');
  Error error = ReadError(bytes);
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
  EXPECT_NE(error.message().find("claims 2147483647 entries"), std::string::npos)
      << error.ToString();

  // CDF-5: 2^62 double values would overflow a byte count computed naively.
  TestFile f;
  f.version = 5;
  f.global_attrs = {Doubles("huge", {1.0})};
  std::string header = EncodeHeader(f);
  size_t count_at = header.size() - 12 - 8 - 8;  // count, value, the empty variable list
  for (int i = 0; i < 8; ++i) header[count_at + i] = i == 0 ? '\x40' : '\0';
  error = ReadError(header);
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
  EXPECT_NE(error.message().find("4611686018427387904 values"), std::string::npos)
      << error.ToString();

  // A name longer than the file.
  TestFile g;
  g.dims = {{"n", 1}};
  std::string named = EncodeHeader(g);
  named.replace(16, 4, "\x7F\xFF\xFF\xF0", 4);
  error = ReadError(named);
  EXPECT_NE(error.message().find("claims 2147483632 bytes"), std::string::npos)
      << error.ToString();
}

TEST_F(Netcdf3BadInputTest, AbsurdDimensionSizes) {
  // A product of dimension lengths that overflows 64 bits (CDF-5 lengths are 64-bit).
  TestFile f;
  f.version = 5;
  f.dims = {{"a", uint64_t{1} << 40}, {"b", uint64_t{1} << 40}};
  f.vars = {{"x", {0, 1}, kNcDouble, {}, 0, 0}};
  f.vars[0].begin = EncodeHeader(f).size();
  Error error = ReadError(EncodeHeader(f));
  EXPECT_NE(error.message().find("overflows"), std::string::npos) << error.ToString();

  // 2^32 - 1 elements in CDF-1: fits 64 bits, not the file.
  TestFile g;
  g.dims = {{"n", 0xFFFFFFFFu}};
  g.vars = {{"x", {0}, kNcInt, {}, 0xFFFFFFFFu, 0}};
  g.vars[0].begin = EncodeHeader(g).size();
  error = ReadError(EncodeHeader(g));
  EXPECT_NE(error.message().find("past the end of the file"), std::string::npos)
      << error.ToString();

  // Many records of a huge record variable: offsets past any 64-bit offset.
  TestFile h;
  h.version = 5;
  h.numrecs = uint64_t{1} << 40;
  h.dims = {{"time", 0}, {"n", uint64_t{1} << 40}};
  h.vars = {{"x", {0, 1}, kNcDouble, {}, 0, 0}};
  h.vars[0].begin = EncodeHeader(h).size();
  error = ReadError(EncodeHeader(h));
  EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.ToString();
}

TEST_F(Netcdf3BadInputTest, InconsistentDimensions) {
  TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {{"x", {7}, kNcInt, {}}};
  Error error = ReadError(BuildFile(f));
  EXPECT_NE(error.message().find("dimension id 7"), std::string::npos) << error.ToString();

  TestFile g;
  g.numrecs = 1;
  g.dims = {{"n", 2}, {"time", 0}};
  g.vars = {{"x", {0, 1}, kNcInt, {}}};
  error = ReadError(BuildFile(g));
  EXPECT_NE(error.message().find("only as the first axis"), std::string::npos)
      << error.ToString();

  TestFile h;
  h.dims = {{"t1", 0}, {"t2", 0}};
  error = ReadError(BuildFile(h));
  EXPECT_NE(error.message().find("at most one record dimension"), std::string::npos)
      << error.ToString();
}

TEST_F(Netcdf3BadInputTest, BadTagsAndTypes) {
  TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {{"x", {0}, kNcInt, {}}};
  std::string file = BuildFile(f);
  std::string bad_tag = file;
  bad_tag[11] = '\x0B';  // the dimension list tagged as variables
  Error error = ReadError(bad_tag);
  EXPECT_NE(error.message().find("expected the dimension list tag 0x0000000a at offset 8"),
            std::string::npos)
      << error.ToString();

  f.vars[0].type = 12;  // NC_STRING has no classic encoding
  error = ReadError(BuildFile(f));
  EXPECT_NE(error.message().find("unknown variable type 12"), std::string::npos)
      << error.ToString();
}

TEST_F(Netcdf3BadInputTest, RandomCorruptionNeverCrashes) {
  std::mt19937 random(12345);
  for (int version : {1, 2, 5}) {
    TestFile f = Rich(version);
    std::string file = BuildFile(f);
    size_t header_size = EncodeHeader(f).size();
    for (int round = 0; round < 400; ++round) {
      std::string corrupt = file;
      int flips = 1 + static_cast<int>(random() % 4);
      for (int k = 0; k < flips; ++k) {
        size_t at = random() % header_size;
        corrupt[at] = static_cast<char>(random() % 2 ? random() : corrupt[at] ^ 0x80);
      }
      auto ds = ReadBytes(corrupt);
      if (!ds.has_value()) {
        ErrorCode code = ds.error().code();
        EXPECT_TRUE(code == ErrorCode::kCorrupt || code == ErrorCode::kInvalidArgument)
            << ds.error().ToString();
        continue;
      }
      // What was accepted must point inside the file.
      for (const auto& v : ds->variables) {
        for (const auto& c : v.chunks) {
          EXPECT_LE(c.offset + c.length, corrupt.size()) << v.path;
        }
      }
    }
  }
}

}  // namespace
}  // namespace stacfs::converter
