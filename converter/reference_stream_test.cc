// The streaming writer against the ReferenceSet path it replaces in `stacfs convert`: for
// datasets built to exercise every rule of key order and value form, the streamed JSON must be
// byte for byte SerializeReferences(ToReferenceSet(dataset)).
#include "converter/reference_stream.h"

#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "converter/reference_writer.h"
#include "core/base/file_util.h"
#include "core/fetch/file_fetcher.h"
#include "core/kerchunk/reference_file.h"

namespace stacfs::converter {
namespace {

Variable MakeVariable(const std::string& path, std::vector<std::string> dims,
                      const std::string& zarray, const std::string& attributes = "{}") {
  Variable v;
  v.path = path;
  v.dims = std::move(dims);
  auto parsed = ParseArrayMetadata(zarray, path);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  v.zarray = *parsed;
  v.attributes = attributes;
  return v;
}

class ReferenceStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/stacfs-stream-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    source_ = dir_ + "/source.bin";
    // Bytes the small chunks are read from: valid UTF-8 at 0..15, not UTF-8 at 16..31.
    std::string bytes = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) bytes += static_cast<char>(0xF0 + i);
    bytes += "base64:looks-like";  // at 32: must be base64-encoded, not written raw
    ASSERT_TRUE(WriteFileAtomically(source_, bytes).has_value());
  }
  void TearDown() override {
    ::unlink(source_.c_str());
    ::unlink((dir_ + "/out.json").c_str());
    ::rmdir(dir_.c_str());
  }

  Dataset BaseDataset() const {
    Dataset d;
    d.sources = {"http://example.invalid/data/a.nc", "http://example.invalid/data/b.nc"};
    d.local_paths = {source_, source_};
    d.groups.push_back({"", R"({"title":"caf\u00e9","n":1})"});
    d.groups.push_back({"g", R"({"note":"été"})"});
    return d;
  }

  // Both writers' output, asserting both succeed.
  std::pair<std::string, std::string> BothWays(const Dataset& d, uint64_t inline_threshold = 8) {
    WriteOptions options;
    options.inline_threshold = inline_threshold;
    auto set = ToReferenceSet(d, reader_, options);
    EXPECT_TRUE(set.has_value()) << set.error().ToString();
    if (!set) return {};
    auto expected = SerializeReferences(*set);
    EXPECT_TRUE(expected.has_value()) << expected.error().ToString();
    std::string streamed;
    auto written = StreamReferencesJson(d, options, [&](std::string_view piece) -> Result<void> {
      streamed.append(piece);
      return Ok();
    });
    EXPECT_TRUE(written.has_value()) << written.error().ToString();
    if (written) {
      EXPECT_EQ(written->keys, set->size());
    }
    return {expected.value_or(""), streamed};
  }

  std::string dir_;
  std::string source_;
  FileFetcher reader_;
};

TEST_F(ReferenceStreamTest, SameBytesAsTheReferenceSetPath) {
  Dataset d = BaseDataset();
  // Range chunks on two sources, small chunks inlined from the file (UTF-8 and not), in a
  // 2-d grid whose keys sort differently as strings ("10.0" < "2.0") than as numbers.
  Variable tas = MakeVariable("tas", {"time", "lat"},
                              R"({"zarr_format":2,"shape":[12,4],"chunks":[1,2],"dtype":"<f4"})",
                              R"({"units":"K","long_name":"température"})");
  for (uint64_t linear = 0; linear < 24; ++linear) {
    if (linear == 5) continue;  // unwritten: no key
    uint32_t source = linear % 2;
    uint64_t length = linear % 3 == 0 ? 8 : 1000 + linear;
    uint64_t offset = length <= 8 ? (linear % 2 ? 16 : 0) : 4096 * linear;
    tas.chunks.push_back({linear, offset, length, source});
  }
  d.variables.push_back(std::move(tas));
  // Inline chunks interleaved with references, in a group, with '/' separators.
  Variable b = MakeVariable("g/b", {"x", "y"},
                            R"({"zarr_format":2,"shape":[3,3],"chunks":[1,1],"dtype":"|u1",)"
                            R"("dimension_separator":"/"})");
  b.chunks = {{0, 100, 50, 0}, {4, 200, 50, 0}, {8, 300, 50, 1}};
  b.inline_chunks = {{1, "x"}, {2, std::string("\xff\x00", 2)}, {7, "base64:abc"}};
  d.variables.push_back(std::move(b));
  // A scalar, a variable with no chunks at all, and a small chunk of bytes that start with the
  // base64 marker.
  Variable scalar = MakeVariable("g/scalar", {}, R"({"zarr_format":2,"shape":[],"chunks":[],"dtype":"<i8"})");
  scalar.chunks = {{0, 32, 8, 0}};
  d.variables.push_back(std::move(scalar));
  d.variables.push_back(
      MakeVariable("empty", {"t"}, R"({"zarr_format":2,"shape":[0],"chunks":[1],"dtype":"<f8"})"));
  auto [expected, streamed] = BothWays(d);
  EXPECT_EQ(streamed, expected);
  EXPECT_NE(streamed.find("\"base64:"), std::string::npos) << "the dataset should exercise base64";
}

TEST_F(ReferenceStreamTest, RangesTooLongToPackSortAmongTheMetadata) {
  Dataset d = BaseDataset();
  // A contiguous variable of 5 GiB: one chunk whose length does not fit a packed entry.
  Variable big = MakeVariable("big", {"n"},
                              R"({"zarr_format":2,"shape":[5368709120],"chunks":[5368709120],"dtype":"|u1"})");
  big.chunks = {{0, 2048, uint64_t{5} << 30, 0}};
  d.variables.push_back(std::move(big));
  Variable after = MakeVariable("after", {"n"}, R"({"zarr_format":2,"shape":[2],"chunks":[1],"dtype":"|u1"})");
  after.chunks = {{0, 9000, 100, 1}, {1, 9100, 100, 1}};
  d.variables.push_back(std::move(after));
  auto [expected, streamed] = BothWays(d);
  EXPECT_EQ(streamed, expected);
  EXPECT_LT(streamed.find("\"big/0\""), streamed.find("\"g/.zattrs\"")) << streamed;
}

TEST_F(ReferenceStreamTest, UnsortedAndRepeatedChunksAreWrittenAsTheReferenceSetKeepsThem) {
  Dataset d = BaseDataset();
  Variable v = MakeVariable("v", {"n"}, R"({"zarr_format":2,"shape":[6],"chunks":[1],"dtype":"|u1"})");
  v.chunks = {{3, 300, 50, 0}, {1, 100, 50, 0}, {3, 333, 50, 1}, {0, 0, 4, 0}};
  v.inline_chunks = {{1, "one"}, {5, "five"}, {4, "four"}};
  d.variables.push_back(std::move(v));
  auto [expected, streamed] = BothWays(d);
  EXPECT_EQ(streamed, expected);
}

TEST_F(ReferenceStreamTest, NoRootGroupStillGetsARootZgroup) {
  Dataset d = BaseDataset();
  d.groups.erase(d.groups.begin());
  auto [expected, streamed] = BothWays(d);
  EXPECT_EQ(streamed, expected);
  EXPECT_NE(streamed.find("\".zgroup\""), std::string::npos);
}

TEST_F(ReferenceStreamTest, ManyChunksArriveInSeveralPiecesAndAFileEqualToTheText) {
  Dataset d = BaseDataset();
  Variable v = MakeVariable("x", {"a", "b"},
                            R"({"zarr_format":2,"shape":[300,300],"chunks":[1,1],"dtype":"|i1"})");
  for (uint64_t linear = 0; linear < 90000; ++linear) {
    v.chunks.push_back({linear, 1000 + linear, 1 + linear % 20, 0});
  }
  d.variables.push_back(std::move(v));
  auto [expected, streamed] = BothWays(d, 0);
  EXPECT_EQ(streamed, expected);
  // Large enough that the writer hands it to its sink (and the file) in several pieces.
  EXPECT_GT(streamed.size(), 2 * ReferenceJsonWriter::kDefaultFlushBytes);

  auto written = WriteReferencesJsonFile(d, WriteOptions{0}, dir_ + "/out.json");
  ASSERT_TRUE(written.has_value()) << written.error().ToString();
  EXPECT_EQ(written->keys, 90000u + 6);
  EXPECT_EQ(*ReadFile(dir_ + "/out.json"), expected);
}

TEST_F(ReferenceStreamTest, AFailureLeavesNoFile) {
  Dataset d = BaseDataset();
  d.sources[0] = "relative/a.nc";  // references must name absolute URLs
  Variable v = MakeVariable("v", {"n"}, R"({"zarr_format":2,"shape":[1],"chunks":[1],"dtype":"|u1"})");
  v.chunks = {{0, 0, 1000, 0}};
  d.variables.push_back(std::move(v));
  auto written = WriteReferencesJsonFile(d, WriteOptions{}, dir_ + "/out.json");
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().ToString().find("is not absolute"), std::string::npos);
  EXPECT_EQ(::access((dir_ + "/out.json").c_str(), F_OK), -1);
  EXPECT_EQ(::access((dir_ + "/out.json.tmp." + std::to_string(::getpid())).c_str(), F_OK), -1);
}

TEST_F(ReferenceStreamTest, ChunksOutsideTheGridAreABugReportedNotWritten) {
  Dataset d = BaseDataset();
  Variable v = MakeVariable("v", {"n"}, R"({"zarr_format":2,"shape":[2],"chunks":[1],"dtype":"|u1"})");
  v.chunks = {{0, 0, 1000, 0}, {2, 0, 1000, 0}};
  d.variables.push_back(std::move(v));
  auto written = StreamReferencesJson(d, WriteOptions{},
                                      [](std::string_view) -> Result<void> { return Ok(); });
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().ToString().find("variable v: v: chunk 2 lies outside the chunk grid of 2"),
            std::string::npos)
      << written.error().ToString();
}

}  // namespace
}  // namespace stacfs::converter
