// Every encoding the real numcodecs (or HDF5) wrote must decode to its input exactly, our
// own encoding must round-trip, and where the bytes are canonical we must write the same.
#include <gtest/gtest.h>

#include <ostream>
#include <set>

#include "core/codec/codec_test_util.h"
#include "core/codec/vlen_utf8.h"

namespace stacfs::codec_testing {
// Test names and failure messages show the entry's name, not its bytes.
void PrintTo(const GoldenEntry& entry, std::ostream* os) { *os << entry.name; }
}  // namespace stacfs::codec_testing

namespace stacfs {
namespace {

using codec_testing::GoldenEntry;

class CodecGoldenFileTest : public ::testing::TestWithParam<GoldenEntry> {};

TEST_P(CodecGoldenFileTest, DecodesNumcodecsOutputAndRoundTrips) {
  const GoldenEntry& entry = GetParam();
  const std::string encoded = codec_testing::GoldenEncoded(entry.name);
  std::shared_ptr<const Codec> codec = codec_testing::CodecForEntry(entry);
  ASSERT_NE(codec, nullptr);
  EXPECT_EQ(codec->id(), entry.codec_id);
  EXPECT_EQ(codec->ConfigJson(), entry.config_json);

  if (entry.codec_id == "vlen-utf8") {
    Result<std::vector<std::string>> strings = DecodeVlenUtf8(encoded, entry.strings.size());
    ASSERT_TRUE(strings) << strings.error().ToString();
    EXPECT_EQ(*strings, entry.strings);
    EXPECT_EQ(EncodeVlenUtf8(entry.strings), encoded);
    return;
  }

  const std::string input = codec_testing::GoldenInput(entry.input);
  // Right, unknown and wrong size hints must all decode correctly.
  for (size_t hint : {input.size(), size_t{0}, size_t{7}, input.size() * 3 + 1}) {
    Result<std::string> decoded = codec->Decode(encoded, hint);
    ASSERT_TRUE(decoded) << "hint " << hint << ": " << decoded.error().ToString();
    ASSERT_EQ(decoded->size(), input.size()) << "hint " << hint;
    EXPECT_TRUE(*decoded == input) << "hint " << hint;
  }

  Result<std::string> ours = codec->Encode(input);
  ASSERT_TRUE(ours) << ours.error().ToString();
  Result<std::string> round_trip = codec->Decode(*ours, input.size());
  ASSERT_TRUE(round_trip) << round_trip.error().ToString();
  EXPECT_TRUE(*round_trip == input);

  if (entry.encode_match == "exact") {
    EXPECT_TRUE(*ours == encoded) << "our " << entry.codec_id
                                  << " encoding differs from numcodecs'";
  } else if (codec_testing::SameLibraryAsGolden(entry)) {
    std::string expected = encoded;
    if (entry.encode_match == "gzip" && expected.size() >= 8 && ours->size() >= 8) {
      // MTIME: numcodecs stamps the time, we write 0.
      expected.replace(4, 4, std::string(4, '\0'));
    }
    EXPECT_TRUE(*ours == expected) << "same library version as numcodecs, yet different bytes ("
                                   << ours->size() << " vs " << expected.size() << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(Codec, CodecGoldenFileTest,
                         ::testing::ValuesIn(codec_testing::Manifest().entries),
                         [](const ::testing::TestParamInfo<GoldenEntry>& info) {
                           return info.param.name;
                         });

TEST(CodecGoldenTest, ManifestCoversEveryCodec) {
  std::set<std::string> ids;
  for (const GoldenEntry& entry : codec_testing::Manifest().entries) ids.insert(entry.codec_id);
  EXPECT_EQ(ids, (std::set<std::string>{"blosc", "delta", "fletcher32", "gzip", "lz4", "shuffle",
                                        "vlen-utf8", "zlib", "zstd"}));
  EXPECT_GE(codec_testing::Manifest().pipelines.size(), 2u);
}

}  // namespace
}  // namespace stacfs
