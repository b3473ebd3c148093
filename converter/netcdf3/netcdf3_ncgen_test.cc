// The native reader against libnetcdf on real files: CDL in testdata/ is compiled with ncgen
// (classic, 64-bit offset, CDF-5) at test time, then read twice — by ReadNetcdf3File, and by
// netCDF4-python through testdata/dump_netcdf.py. For every variable the bytes each ChunkRef
// points at must equal, element by element in the big-endian dtype, the values libnetcdf
// reads; dims, shapes, dtypes, attributes (names, order, types, values) and fill values must
// agree too.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <sys/stat.h>

#include <cmath>
#include <cstring>

#include "converter/netcdf3/netcdf3_reader.h"
#include "core/fetch/file_fetcher.h"
#include "core/json/json.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter {
namespace {

using simdjson::dom::element;

const std::string kTestdata = std::string(STACFS_SOURCE_DIR) + "/converter/netcdf3/testdata/";
const std::string kPython = "/usr/bin/python3";
const std::string kNcgen = "/usr/bin/ncgen";

struct Case {
  std::string name;       // test name
  std::string source;     // testdata/<source>.cdl, or a generator script when kind is empty
  std::string kind;       // ncgen -k argument; empty: run testdata/<source> with python
  std::string data_model; // what netCDF4 reports
};

// gtest prints parameters on failure; the name says it all.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> Cases() {
  std::vector<Case> cases;
  const std::pair<const char*, const char*> kinds[] = {{"classic", "NETCDF3_CLASSIC"},
                                                       {"64-bit offset", "NETCDF3_64BIT_OFFSET"},
                                                       {"cdf5", "NETCDF3_64BIT_DATA"}};
  for (const char* cdl : {"mixed_records", "single_record", "single_byte_record", "no_records"}) {
    for (const auto& [kind, model] : kinds) {
      std::string name = std::string(cdl) + "_" + kind;
      for (char& c : name) {
        if (c == ' ' || c == '-') c = '_';
      }
      cases.push_back({name, cdl, kind, model});
    }
  }
  cases.push_back({"cdf5_types", "cdf5_types", "cdf5", "NETCDF3_64BIT_DATA"});
  cases.push_back({"cdf5_int64_from_python", "make_cdf5_int64.py", "", "NETCDF3_64BIT_DATA"});
  cases.push_back({"big_header_from_python", "make_big_header.py", "", "NETCDF3_64BIT_OFFSET"});
  return cases;
}

// One element of `dtype` at `p` as text, for failure messages.
std::string ElementText(const char* p, const DataType& dtype) {
  uint64_t bits = 0;
  for (size_t i = 0; i < dtype.itemsize; ++i) bits = (bits << 8) | static_cast<unsigned char>(p[i]);
  switch (dtype.kind) {
    case DataKind::kInt: {
      uint64_t sign = dtype.itemsize == 8 ? 0 : uint64_t{1} << (dtype.itemsize * 8 - 1);
      int64_t v = dtype.itemsize == 8 ? static_cast<int64_t>(bits)
                                      : static_cast<int64_t>((bits ^ sign) - sign);
      return std::to_string(v);
    }
    case DataKind::kUInt: return std::to_string(bits);
    case DataKind::kFloat: {
      double v;
      if (dtype.itemsize == 4) {
        uint32_t b32 = static_cast<uint32_t>(bits);
        float f;
        std::memcpy(&f, &b32, 4);
        v = f;
      } else {
        std::memcpy(&v, &bits, 8);
      }
      char text[64];
      std::snprintf(text, sizeof text, "%.17g", v);
      return text;
    }
    default: {
      char text[8];
      std::snprintf(text, sizeof text, "0x%02x", static_cast<unsigned>(bits));
      return text;
    }
  }
}

class Netcdf3NcgenTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("nc3-ncgen");
    ASSERT_TRUE(dir.has_value()) << dir.error().ToString();
    dir_.emplace(std::move(*dir));
  }

  // Compares attributes as netCDF4 reports them ([[name, {type, value|values}], ...]) with
  // ours (a JSON object text). For a variable, _FillValue is compared with its fill_value.
  void CompareAttributes(element expected, std::string_view ours_text, const Variable* variable,
                         const std::string& where) {
    SCOPED_TRACE(where);
    JsonDocument ours_doc;
    auto ours_root = ours_doc.Parse(ours_text, where);
    ASSERT_TRUE(ours_root.has_value()) << ours_root.error().ToString() << "\n" << ours_text;
    simdjson::dom::object ours;
    ASSERT_FALSE(ours_root->get(ours)) << ours_text;
    std::vector<std::pair<std::string_view, element>> ours_fields;
    for (auto field : ours) ours_fields.emplace_back(field.key, field.value);

    simdjson::dom::array expected_list;
    ASSERT_FALSE(expected.get(expected_list));
    size_t next = 0;
    bool saw_fill = false;
    for (element pair : expected_list) {
      std::string_view name;
      ASSERT_FALSE(pair.at(0).get(name));
      element info = pair.at(1).value_unsafe();
      if (variable != nullptr && name == "_FillValue") {
        saw_fill = true;
        CompareFillValue(info, variable->zarray.fill_value);
        continue;
      }
      ASSERT_LT(next, ours_fields.size()) << "attribute " << name << " is missing";
      EXPECT_EQ(ours_fields[next].first, name) << "attribute order";
      CompareAttribute(info, ours_fields[next].second, std::string(name));
      ++next;
    }
    EXPECT_EQ(next, ours_fields.size()) << "extra attributes in " << ours_text;
    if (variable != nullptr && !saw_fill) {
      // No _FillValue in the file: no fill_value (see nc_fill_value.h).
      EXPECT_TRUE(variable->zarray.fill_value.is_null());
    }
  }

  static void CompareAttribute(element info, element ours, const std::string& name) {
    SCOPED_TRACE("attribute " + name);
    std::string_view type;
    ASSERT_FALSE(info["type"].get(type));
    if (type == "str") {
      std::string_view want, got;
      ASSERT_FALSE(info["value"].get(want));
      ASSERT_FALSE(ours.get(got)) << "expected a JSON string, got " << simdjson::minify(ours);
      EXPECT_EQ(got, want);
      return;
    }
    simdjson::dom::array values;
    ASSERT_FALSE(info["values"].get(values));
    std::vector<element> ours_values;
    if (values.size() == 1) {
      ours_values.push_back(ours);  // one value: a scalar, as xarray shows it
    } else {
      simdjson::dom::array array;
      ASSERT_FALSE(ours.get(array)) << "expected a JSON array, got " << simdjson::minify(ours);
      for (element e : array) ours_values.push_back(e);
    }
    ASSERT_EQ(ours_values.size(), values.size()) << simdjson::minify(ours);
    size_t i = 0;
    for (element want : values) CompareNumber(type, want, ours_values[i++]);
  }

  // `type` is NumPy's, e.g. "<f4", "|i1", "<u8".
  static void CompareNumber(std::string_view type, element want, element got) {
    char kind = type[1];
    std::string got_text = simdjson::minify(got);
    if (kind == 'f') {
      std::string_view want_special, got_special;
      if (!want.get(want_special)) {  // NaN, Infinity, -Infinity (read back as strings)
        ASSERT_FALSE(got.get(got_special)) << got_text;
        EXPECT_EQ(got_special, want_special);
        return;
      }
      ASSERT_EQ(got.type(), simdjson::dom::element_type::DOUBLE)
          << got_text << " must read back as a float";
      double w = 0, g = 0;
      ASSERT_FALSE(want.get(w));
      ASSERT_FALSE(got.get(g));
      EXPECT_EQ(g, w) << got_text;  // floats too: both are the float widened exactly
      return;
    }
    ASSERT_NE(got.type(), simdjson::dom::element_type::DOUBLE) << got_text << " must be an integer";
    if (kind == 'u') {
      uint64_t w = 0, g = 0;
      ASSERT_FALSE(want.get(w));
      ASSERT_FALSE(got.get(g)) << got_text;
      EXPECT_EQ(g, w);
    } else {
      int64_t w = 0, g = 0;
      ASSERT_FALSE(want.get(w));
      ASSERT_FALSE(got.get(g)) << got_text;
      EXPECT_EQ(g, w);
    }
  }

  static void CompareFillValue(element info, const FillValue& fill) {
    SCOPED_TRACE("_FillValue");
    std::string_view type;
    ASSERT_FALSE(info["type"].get(type));
    if (type == "str") {
      std::string_view want;
      ASSERT_FALSE(info["value"].get(want));
      EXPECT_EQ(fill.kind, FillValue::Kind::kBytes);
      EXPECT_EQ(fill.bytes, want);
      return;
    }
    simdjson::dom::array values;
    ASSERT_FALSE(info["values"].get(values));
    ASSERT_EQ(values.size(), 1u);
    element want = values.at(0).value_unsafe();
    switch (type[1]) {
      case 'f': {
        ASSERT_EQ(fill.kind, FillValue::Kind::kFloat);
        std::string_view special;
        if (!want.get(special)) {
          EXPECT_EQ(special, std::isnan(fill.real) ? "NaN"
                             : fill.real > 0       ? "Infinity"
                                                   : "-Infinity");
          EXPECT_FALSE(std::isfinite(fill.real));
          return;
        }
        double w = 0;
        ASSERT_FALSE(want.get(w));
        EXPECT_EQ(fill.real, type.substr(1) == "f4" ? static_cast<double>(static_cast<float>(w)) : w);
        return;
      }
      case 'u': {
        ASSERT_EQ(fill.kind, FillValue::Kind::kUInt);
        uint64_t w = 0;
        ASSERT_FALSE(want.get(w));
        EXPECT_EQ(fill.uint_value, w);
        return;
      }
      default: {
        ASSERT_EQ(fill.kind, FillValue::Kind::kInt);
        int64_t w = 0;
        ASSERT_FALSE(want.get(w));
        EXPECT_EQ(fill.int_value, w);
      }
    }
  }

  std::optional<test::TempDir> dir_;
};

TEST_P(Netcdf3NcgenTest, MatchesLibnetcdf) {
  const Case& c = GetParam();
  std::string nc = dir_->Join(c.name + ".nc");
  std::vector<std::string> make =
      c.kind.empty()
          ? std::vector<std::string>{kPython, kTestdata + c.source, nc}
          : std::vector<std::string>{kNcgen, "-k", c.kind, "-o", nc, kTestdata + c.source + ".cdl"};
  auto made = test::RunCommand(*dir_, make, std::chrono::seconds(60));
  ASSERT_EQ(made.exit_code, 0) << made.output;

  std::string dump_dir = dir_->Join("dump");
  ASSERT_EQ(::mkdir(dump_dir.c_str(), 0755), 0);
  auto dumped = test::RunCommand(*dir_, {kPython, kTestdata + "dump_netcdf.py", nc, dump_dir},
                                 std::chrono::seconds(60));
  ASSERT_EQ(dumped.exit_code, 0) << dumped.output;
  auto meta_text = test::ReadWholeFile(dump_dir + "/meta.json");
  ASSERT_TRUE(meta_text.has_value());
  JsonDocument meta_doc;
  auto meta = meta_doc.Parse(*meta_text, "meta.json");
  ASSERT_TRUE(meta.has_value()) << meta.error().ToString();

  ReadOptions options;
  options.url = nc;
  auto read = ReadNetcdf3File(nc, options);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  const Dataset& ds = *read;
  EXPECT_TRUE(ds.warnings.empty()) << ds.warnings.front();
  EXPECT_EQ(ds.sources, std::vector<std::string>{nc});

  std::string_view model;
  ASSERT_FALSE((*meta)["format"].get(model));
  EXPECT_EQ(model, c.data_model);

  ASSERT_EQ(ds.groups.size(), 1u);
  CompareAttributes((*meta)["attributes"].value_unsafe(), ds.groups[0].attributes, nullptr,
                    "global attributes");

  simdjson::dom::object dimensions;
  ASSERT_FALSE((*meta)["dimensions"].get(dimensions));
  simdjson::dom::array variables;
  ASSERT_FALSE((*meta)["variables"].get(variables));
  ASSERT_EQ(ds.variables.size(), variables.size());
  FileFetcher fetcher;
  size_t index = 0;
  for (element want : variables) {
    const Variable& v = ds.variables[index++];
    std::string_view name, dtype, data_file;
    ASSERT_FALSE(want["name"].get(name));
    SCOPED_TRACE("variable " + std::string(name));
    EXPECT_EQ(v.path, name);
    ASSERT_FALSE(want["dtype"].get(dtype));
    EXPECT_EQ(v.zarray.dtype.ToString(), dtype);
    EXPECT_TRUE(v.zarray.compressor.empty());
    EXPECT_TRUE(v.zarray.filters.empty());

    simdjson::dom::array want_dims, want_shape;
    ASSERT_FALSE(want["dims"].get(want_dims));
    ASSERT_FALSE(want["shape"].get(want_shape));
    std::vector<std::string> dims;
    for (element d : want_dims) dims.emplace_back(d.get_string().value_unsafe());
    EXPECT_EQ(v.dims, dims);
    std::vector<uint64_t> shape;
    for (element s : want_shape) shape.push_back(s.get_uint64().value_unsafe());
    EXPECT_EQ(v.zarray.shape, shape);
    ASSERT_EQ(v.dims.size(), v.zarray.shape.size());
    for (size_t axis = 0; axis < v.dims.size(); ++axis) {
      uint64_t length = 0;
      bool unlimited = false;
      auto dim = dimensions[v.dims[axis]].get_array();
      ASSERT_FALSE(dim.error()) << v.dims[axis];
      ASSERT_FALSE(dim.value_unsafe().at(0).get(length));
      ASSERT_FALSE(dim.value_unsafe().at(1).get(unlimited));
      EXPECT_EQ(v.zarray.shape[axis], length) << v.dims[axis];
      // Record variables: one record per chunk; others: one chunk, the whole array.
      EXPECT_EQ(v.zarray.chunks[axis], unlimited ? 1 : length) << v.dims[axis];
    }

    CompareAttributes(want["attributes"].value_unsafe(), v.attributes, &v,
                      "attributes of " + std::string(name));

    // The data: every referenced chunk, fetched, in linear order, against libnetcdf's values.
    ASSERT_EQ(v.chunks.size(), v.zarray.NumChunks()) << "every chunk has a reference";
    std::string ours;
    for (size_t i = 0; i < v.chunks.size(); ++i) {
      const ChunkRef& chunk = v.chunks[i];
      EXPECT_EQ(chunk.linear, i);
      EXPECT_EQ(chunk.source, 0u);
      EXPECT_EQ(chunk.length, v.zarray.ChunkBytes());
      auto bytes = fetcher.Fetch({nc, ByteRange{chunk.offset, chunk.length}});
      ASSERT_TRUE(bytes.has_value()) << bytes.error().ToString();
      ours.append(bytes->bytes.view());
    }
    ASSERT_FALSE(want["data"].get(data_file));
    auto theirs = test::ReadWholeFile(dump_dir + "/" + std::string(data_file));
    ASSERT_TRUE(theirs.has_value());
    ASSERT_EQ(ours.size(), theirs->size());
    size_t item = v.zarray.dtype.itemsize;
    size_t mismatches = 0;
    for (size_t e = 0; e * item < ours.size() && mismatches < 10; ++e) {
      if (std::memcmp(ours.data() + e * item, theirs->data() + e * item, item) != 0) {
        ++mismatches;
        ADD_FAILURE() << "element " << e << ": references give "
                      << ElementText(ours.data() + e * item, v.zarray.dtype) << ", libnetcdf "
                      << ElementText(theirs->data() + e * item, v.zarray.dtype);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Netcdf3NcgenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace stacfs::converter
