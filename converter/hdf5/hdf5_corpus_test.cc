// The HDF5 reader against files written by the real tools (testdata/make_corpus.py: netCDF4-python,
// h5py, numcodecs): every variable of every file is read back through its references — ranges
// fetched with FileFetcher, decoded with core's codecs — and compared bit for bit with what
// libhdf5 (h5py) reads from the source; dims with what netCDF4-python (netCDF-C) shows;
// attributes and fill values with their JSON expectations.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "converter/hdf5/hdf5_reader.h"
#include "converter/hdf5/hdf5_test_util.h"
#include "core/base/base64.h"
#include "core/json/json.h"
#include "tests/support/run_command.h"
#include "tests/support/scoped_process.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter {
namespace {

using hdf5_testing::JsonEqual;
using hdf5_testing::ReadBack;
using hdf5_testing::SameElements;

constexpr const char* kPython = "/usr/bin/python3";

// The corpus is written once for all tests of this binary.
class Corpus {
 public:
  static Corpus& Get() {
    static Corpus corpus;
    return corpus;
  }
  const std::string& error() const { return error_; }
  const std::string& dir() const { return dir_->path(); }
  simdjson::dom::element manifest() const { return manifest_; }

  simdjson::dom::element File(const std::string& name) const {
    simdjson::dom::array files = manifest_["files"].get_array().value_unsafe();
    for (simdjson::dom::element file : files) {
      if (std::string_view(file["name"].get_string().value_unsafe()) == name) return file;
    }
    ADD_FAILURE() << "no corpus file " << name;
    return manifest_;
  }

 private:
  Corpus() {
    if (!test::IsExecutable(kPython)) {
      error_ = std::string(kPython) + " is not installed";
      return;
    }
    auto dir = test::TempDir::Create("stacfs-hdf5-corpus");
    if (!dir) {
      error_ = dir.error().ToString();
      return;
    }
    dir_.emplace(std::move(*dir));
    test::CommandResult made = test::RunCommand(
        *dir_, {kPython, std::string(STACFS_SOURCE_DIR) + "/converter/hdf5/testdata/make_corpus.py",
                dir_->Join("corpus")});
    if (made.exit_code != 0) {
      error_ = "make_corpus.py failed: " + made.output;
      return;
    }
    auto text = test::ReadWholeFile(dir_->Join("corpus/manifest.json"));
    if (!text) {
      error_ = text.error().ToString();
      return;
    }
    manifest_text_ = std::move(*text);
    auto parsed = document_.Parse(manifest_text_, "manifest.json");
    if (!parsed) {
      error_ = parsed.error().ToString();
      return;
    }
    manifest_ = *parsed;
  }

  std::optional<test::TempDir> dir_;
  std::string error_;
  std::string manifest_text_;
  JsonDocument document_;
  simdjson::dom::element manifest_;
};

std::string Str(simdjson::dom::element e) { return std::string(e.get_string().value_unsafe()); }

std::vector<std::string> Strings(simdjson::dom::element e) {
  std::vector<std::string> out;
  simdjson::dom::array items = e.get_array().value_unsafe();
  for (simdjson::dom::element item : items) out.push_back(Str(item));
  return out;
}

bool Has(simdjson::dom::element object, std::string_view key) {
  simdjson::dom::element value;
  return object.at_key(key).get(value) == simdjson::SUCCESS;
}

std::string FillJson(const FillValue& fill) {
  std::string out;
  AppendFillValueJson(&out, fill);
  return out;
}

// The manifest's fill expectation in Zarr's JSON encoding.
std::string ExpectedFillJson(simdjson::dom::element fill) {
  if (fill.is_null()) return "null";
  if (fill.is_object()) {
    if (Has(fill, "base64")) return "\"" + Str(fill["base64"]) + "\"";
    return JsonString(Str(fill["string"]));
  }
  if (fill.is_string()) return "\"" + Str(fill) + "\"";  // NaN, Infinity
  return simdjson::minify(fill);
}

bool FillEqual(const FillValue& actual, simdjson::dom::element expected, std::string* why) {
  const std::string a = FillJson(actual);
  const std::string e = ExpectedFillJson(expected);
  if (hdf5_testing::JsonTextEqual(a, e, why)) return true;
  // A float fill: integral values print as "-999" by Zarr's encoding and "-999.0" by Python.
  if (actual.kind == FillValue::Kind::kFloat && expected.is_number()) {
    double value = 0;
    if (expected.get_double().get(value) == simdjson::SUCCESS && value == actual.real) return true;
    int64_t integer = 0;
    if (expected.get_int64().get(integer) == simdjson::SUCCESS &&
        static_cast<double>(integer) == actual.real) {
      return true;
    }
  }
  *why = a + " vs " + e;
  return false;
}

std::vector<std::string> CodecIds(const std::vector<std::string>& configs) {
  std::vector<std::string> ids;
  for (const std::string& config : configs) {
    JsonDocument doc;
    auto parsed = doc.Parse(config, "codec");
    ids.push_back(parsed ? Str((*parsed)["id"]) : "?");
  }
  return ids;
}

bool AnyWarningContains(const Dataset& dataset, const std::string& a, const std::string& b = "") {
  for (const std::string& warning : dataset.warnings) {
    if (warning.find(a) != std::string::npos && warning.find(b) != std::string::npos) return true;
  }
  return false;
}

class CorpusTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    if (!Corpus::Get().error().empty()) GTEST_SKIP() << Corpus::Get().error();
  }
};

// Everything the manifest says about one file.
TEST_P(CorpusTest, ReadsLikeLibhdf5AndNetcdf) {
  const std::string name = GetParam();
  const Corpus& corpus = Corpus::Get();
  const std::string path = corpus.dir() + "/corpus/" + name;
  simdjson::dom::element expect = corpus.File(name);

  Result<Dataset> read = ReadHdf5File(path, ReadOptions{});
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  const Dataset& dataset = *read;
  ASSERT_EQ(dataset.sources.size(), 1u);
  EXPECT_EQ(dataset.sources[0], path);
  for (const std::string& warning : dataset.warnings)
    std::printf("  warning: %s\n", warning.c_str());

  // Groups and their attributes.
  simdjson::dom::object groups = expect["groups"].get_object().value_unsafe();
  ASSERT_EQ(dataset.groups.size(), groups.size());
  EXPECT_EQ(dataset.groups.front().path, "");
  for (const Group& group : dataset.groups) {
    simdjson::dom::element attrs;
    ASSERT_EQ(groups.at_key(group.path).get(attrs), simdjson::SUCCESS) << "group " << group.path;
    std::string why;
    EXPECT_TRUE(hdf5_testing::JsonTextEqual(group.attributes, simdjson::minify(attrs), &why))
        << name << " group '" << group.path << "': " << why << "\n"
        << group.attributes;
  }

  // Variables: exactly those expected, the skipped ones each named by a warning.
  simdjson::dom::object variables = expect["variables"].get_object().value_unsafe();
  std::set<std::string> expected_paths;
  for (auto [key, value] : variables) expected_paths.insert(std::string(key));
  std::set<std::string> actual_paths;
  for (const Variable& variable : dataset.variables) actual_paths.insert(variable.path);
  EXPECT_EQ(actual_paths, expected_paths);
  simdjson::dom::object skipped = expect["skipped"].get_object().value_unsafe();
  for (auto [key, value] : skipped) {
    EXPECT_TRUE(AnyWarningContains(dataset, "'" + std::string(key) + "' skipped", Str(value)))
        << name << ": no warning says '" << key << "' was skipped for " << Str(value);
  }
  simdjson::dom::array warnings = expect["warnings"].get_array().value_unsafe();
  for (simdjson::dom::element text : warnings) {
    EXPECT_TRUE(AnyWarningContains(dataset, Str(text))) << name << ": no warning " << Str(text);
  }

  const bool has_netcdf = Has(expect, "netcdf_dims");
  if (has_netcdf) {
    // netCDF-C's variables, minus those we skip, are ours in the same order. (We also show
    // some netCDF-C cannot: enums of anonymous types, such as h5py's booleans.)
    std::vector<std::string> netcdf_order;
    simdjson::dom::object netcdf_dims = expect["netcdf_dims"].get_object().value_unsafe();
    for (auto [key, value] : netcdf_dims) {
      if (!Has(expect["skipped"], key)) netcdf_order.push_back(std::string(key));
    }
    const std::set<std::string> netcdf_set(netcdf_order.begin(), netcdf_order.end());
    std::vector<std::string> our_order;
    for (const Variable& variable : dataset.variables) {
      if (netcdf_set.count(variable.path)) our_order.push_back(variable.path);
    }
    EXPECT_EQ(our_order, netcdf_order) << name << ": variable order differs from netCDF-C";
  }

  uint64_t checked_chunks = 0;
  for (const Variable& variable : dataset.variables) {
    SCOPED_TRACE(name + ": " + variable.path);
    simdjson::dom::element want;
    if (variables.at_key(variable.path).get(want) != simdjson::SUCCESS) continue;
    const ArrayMetadata& zarray = variable.zarray;
    EXPECT_EQ(zarray.dtype.ToString(), Str(want["dtype"]));
    std::vector<uint64_t> shape;
    simdjson::dom::array want_shape = want["shape"].get_array().value_unsafe();
    for (simdjson::dom::element extent : want_shape) {
      shape.push_back(extent.get_uint64().value_unsafe());
    }
    EXPECT_EQ(zarray.shape, shape);
    EXPECT_EQ(variable.dims.size(), shape.size());
    if (Has(want, "dims")) {
      EXPECT_EQ(variable.dims, Strings(want["dims"]));
    } else if (has_netcdf && Has(expect["netcdf_dims"], variable.path)) {
      EXPECT_EQ(variable.dims, Strings(expect["netcdf_dims"][variable.path]));
    }
    if (Has(want, "chunks")) {
      std::vector<uint64_t> chunks;
      simdjson::dom::array want_chunks = want["chunks"].get_array().value_unsafe();
      for (simdjson::dom::element extent : want_chunks) {
        chunks.push_back(extent.get_uint64().value_unsafe());
      }
      EXPECT_EQ(zarray.chunks, chunks);
    }
    if (Has(want, "filters")) {
      EXPECT_EQ(CodecIds(zarray.filters), Strings(want["filters"]));
    }
    EXPECT_TRUE(zarray.compressor.empty());

    std::string why;
    EXPECT_TRUE(FillEqual(zarray.fill_value, want["fill"], &why)) << why;
    EXPECT_TRUE(
        hdf5_testing::JsonTextEqual(variable.attributes, simdjson::minify(want["attrs"]), &why))
        << why << "\nactual: " << variable.attributes;
    if (has_netcdf && Has(expect["netcdf_attr_names"], variable.path)) {
      JsonDocument doc;
      auto attrs = doc.Parse(variable.attributes, "attributes");
      ASSERT_TRUE(attrs.has_value());
      std::set<std::string> ours;
      simdjson::dom::object attr_object = attrs->get_object().value_unsafe();
      for (auto [key, value] : attr_object) ours.insert(std::string(key));
      std::vector<std::string> theirs = Strings(expect["netcdf_attr_names"][variable.path]);
      // netCDF-C cannot show enum attributes of anonymous types (h5py booleans); we can.
      for (const std::string& attr : theirs) EXPECT_TRUE(ours.count(attr)) << "missing " << attr;
    }

    // Chunk lists are sorted and disjoint, and every reference lies inside the file.
    for (size_t i = 1; i < variable.chunks.size(); ++i) {
      EXPECT_LT(variable.chunks[i - 1].linear, variable.chunks[i].linear);
    }
    for (size_t i = 1; i < variable.inline_chunks.size(); ++i) {
      EXPECT_LT(variable.inline_chunks[i - 1].linear, variable.inline_chunks[i].linear);
    }
    std::set<uint64_t> referenced;
    for (const ChunkRef& chunk : variable.chunks) referenced.insert(chunk.linear);
    for (const InlineChunk& chunk : variable.inline_chunks) {
      EXPECT_FALSE(referenced.count(chunk.linear)) << "chunk " << chunk.linear << " twice";
    }
    if (Has(want, "layout")) {
      const std::string layout = Str(want["layout"]);
      if (layout == "refs") {
        EXPECT_FALSE(variable.chunks.empty());
        EXPECT_TRUE(variable.inline_chunks.empty());
      } else if (layout == "inline") {
        EXPECT_TRUE(variable.chunks.empty());
        EXPECT_FALSE(variable.inline_chunks.empty());
      } else if (layout == "mixed") {
        EXPECT_FALSE(variable.chunks.empty());
        EXPECT_FALSE(variable.inline_chunks.empty());
      } else if (layout == "none") {
        EXPECT_TRUE(variable.chunks.empty());
        EXPECT_TRUE(variable.inline_chunks.empty());
      }
    }

    // The values, through the references.
    Result<hdf5_testing::ArrayValues> values = ReadBack(dataset, variable);
    ASSERT_TRUE(values.has_value()) << values.error().ToString();
    checked_chunks += values->referenced_chunks + values->inline_chunks;
    if (Has(want, "strings")) {
      EXPECT_EQ(values->strings, Strings(want["strings"]));
    } else {
      auto expected = test::ReadWholeFile(corpus.dir() + "/corpus/" + Str(want["data"]));
      ASSERT_TRUE(expected.has_value());
      EXPECT_TRUE(SameElements(values->bytes, *expected, zarray.dtype.itemsize,
                               zarray.dtype.kind == DataKind::kFloat,
                               zarray.dtype.byte_order == ByteOrder::kBig, &why))
          << why;
    }
  }
  std::printf("  %s: %zu variables, %llu chunks read back and equal\n", name.c_str(),
              dataset.variables.size(), static_cast<unsigned long long>(checked_chunks));
}

// Both ways of listing chunks give the same references.
TEST_P(CorpusTest, ListingByIndexAndByLookupAgree) {
  const std::string path = Corpus::Get().dir() + "/corpus/" + GetParam();
  auto by_index = hdf5::ReadHdf5File(path, ReadOptions{}, hdf5::ChunkListing::kByIndex);
  auto by_lookup = hdf5::ReadHdf5File(path, ReadOptions{}, hdf5::ChunkListing::kByLookup);
  ASSERT_TRUE(by_index.has_value()) << by_index.error().ToString();
  ASSERT_TRUE(by_lookup.has_value()) << by_lookup.error().ToString();
  ASSERT_EQ(by_index->variables.size(), by_lookup->variables.size());
  for (size_t v = 0; v < by_index->variables.size(); ++v) {
    const Variable& a = by_index->variables[v];
    const Variable& b = by_lookup->variables[v];
    ASSERT_EQ(a.chunks.size(), b.chunks.size()) << a.path;
    for (size_t i = 0; i < a.chunks.size(); ++i) {
      EXPECT_EQ(a.chunks[i].linear, b.chunks[i].linear) << a.path;
      EXPECT_EQ(a.chunks[i].offset, b.chunks[i].offset) << a.path;
      EXPECT_EQ(a.chunks[i].length, b.chunks[i].length) << a.path;
    }
    EXPECT_EQ(a.inline_chunks.size(), b.inline_chunks.size()) << a.path;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, CorpusTest,
                         ::testing::Values("nc_basic.nc", "nc_contiguous.nc", "nc_fill.nc",
                                           "nc_groups.nc", "nc_strings.nc", "nc_types.nc",
                                           "nc_noncoord.nc", "nc_classic.nc", "h5_layouts.h5",
                                           "h5_phony.h5", "h5_scales.h5", "h5_filters.h5",
                                           "h5_direct_chunks.h5", "h5_userblock.h5",
                                           "h5_unsupported.h5"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '.') c = '_';
                           }
                           return name;
                         });

// Specific facts the generic comparison does not pin down.
class CorpusFactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Corpus::Get().error().empty()) GTEST_SKIP() << Corpus::Get().error();
  }
  Dataset Read(const std::string& name) {
    Result<Dataset> read = ReadHdf5File(Corpus::Get().dir() + "/corpus/" + name, ReadOptions{});
    EXPECT_TRUE(read.has_value()) << read.error().ToString();
    return read.has_value() ? std::move(*read) : Dataset{};
  }
  static const Variable* Find(const Dataset& dataset, const std::string& path) {
    for (const Variable& variable : dataset.variables) {
      if (variable.path == path) return &variable;
    }
    return nullptr;
  }
};

TEST_F(CorpusFactsTest, UnlimitedTimeWithPartialLastChunkIsReferencedWhole) {
  Dataset dataset = Read("nc_basic.nc");
  const Variable* tas = Find(dataset, "tas");
  ASSERT_NE(tas, nullptr);
  // time 5 in chunks of 2: 3 chunks along time, the last holding one valid row; 2 × 2 others.
  EXPECT_EQ(tas->zarray.shape, (std::vector<uint64_t>{5, 6, 8}));
  EXPECT_EQ(tas->zarray.ChunkGrid(), (std::vector<uint64_t>{3, 2, 2}));
  ASSERT_EQ(tas->chunks.size(), 12u);
  EXPECT_EQ(tas->chunks.back().linear, 11u);
  EXPECT_TRUE(tas->inline_chunks.empty());
  // The dimension-only scale "nv" is a dimension, not a variable.
  EXPECT_EQ(Find(dataset, "nv"), nullptr);
  EXPECT_EQ(Find(dataset, "time_bnds")->dims, (std::vector<std::string>{"time", "nv"}));
}

TEST_F(CorpusFactsTest, UnwrittenChunksAreEmbeddedOnlyWhereZarrWouldReadThemWrongly) {
  Dataset dataset = Read("nc_fill.nc");
  const Variable* with_fill = Find(dataset, "with_fill");
  ASSERT_NE(with_fill, nullptr);
  EXPECT_EQ(with_fill->chunks.size(), 2u);  // the rest read as _FillValue, as through HDF5
  EXPECT_TRUE(with_fill->inline_chunks.empty());
  const Variable* default_fill = Find(dataset, "default_fill");
  ASSERT_NE(default_fill, nullptr);
  EXPECT_TRUE(default_fill->zarray.fill_value.is_null());  // no _FillValue: none invented
  EXPECT_EQ(default_fill->chunks.size(), 1u);
  EXPECT_EQ(default_fill->inline_chunks.size(), 9u);  // netCDF's default fill, embedded
}

TEST_F(CorpusFactsTest, FilterMaskChunksAreReencodedAndTheRestReferenced) {
  Dataset dataset = Read("h5_direct_chunks.h5");
  const Variable* masked = Find(dataset, "masked");
  ASSERT_NE(masked, nullptr);
  // Grid 3 × 3; chunks (0,1), (1,0), (1,1) skipped filters: linear 1, 3, 4.
  ASSERT_EQ(masked->inline_chunks.size(), 3u);
  EXPECT_EQ(masked->inline_chunks[0].linear, 1u);
  EXPECT_EQ(masked->inline_chunks[1].linear, 3u);
  EXPECT_EQ(masked->inline_chunks[2].linear, 4u);
  EXPECT_EQ(masked->chunks.size(), 6u);
}

TEST_F(CorpusFactsTest, UserblockOffsetsCountFromTheStartOfTheFile) {
  Dataset dataset = Read("h5_userblock.h5");
  for (const Variable& variable : dataset.variables) {
    ASSERT_FALSE(variable.chunks.empty()) << variable.path;
    for (const ChunkRef& chunk : variable.chunks) EXPECT_GE(chunk.offset, 512u);
  }
}

TEST_F(CorpusFactsTest, UrlOptionBecomesTheSource) {
  Result<Dataset> read = ReadHdf5File(Corpus::Get().dir() + "/corpus/nc_groups.nc",
                                      ReadOptions{"https://data.example/nc_groups.nc"});
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->sources, (std::vector<std::string>{"https://data.example/nc_groups.nc"}));
  std::vector<std::string> groups;
  for (const Group& group : read->groups) groups.push_back(group.path);
  EXPECT_EQ(groups, (std::vector<std::string>{"", "g1", "g1/g2", "empty_group"}));
}

}  // namespace
}  // namespace stacfs::converter
