// ReadNetcdf3File on hand-built files: every format version and type, record layouts with and
// without padding, scalars, attributes, the fill-value rules, names. Chunk references are
// checked by fetching their bytes and comparing them with what the builder wrote there.
#include "converter/netcdf3/netcdf3_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>

#include "converter/netcdf3/netcdf3_test_builder.h"
#include "core/fetch/file_fetcher.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter {
namespace {

using namespace netcdf3::testing;  // NOLINT: test vocabulary

class Netcdf3ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("nc3-reader");
    ASSERT_TRUE(dir.has_value()) << dir.error().ToString();
    dir_.emplace(std::move(*dir));
  }

  std::string Write(std::string_view name, std::string_view bytes) {
    auto path = dir_->WriteFile(name, bytes);
    EXPECT_TRUE(path.has_value());
    return path.value_or("");
  }

  Result<Dataset> Read(const std::string& path) {
    ReadOptions options;
    options.url = path;
    return ReadNetcdf3File(path, options);
  }

  Dataset ReadOk(const std::string& path) {
    auto dataset = Read(path);
    EXPECT_TRUE(dataset.has_value()) << dataset.error().ToString();
    return dataset.has_value() ? std::move(*dataset) : Dataset{};
  }

  std::string Fetch(const std::string& path, const ChunkRef& chunk) {
    FileFetcher fetcher;
    auto response = fetcher.Fetch({path, ByteRange{chunk.offset, chunk.length}});
    EXPECT_TRUE(response.has_value()) << response.error().ToString();
    return response.has_value() ? std::string(response->bytes.view()) : "";
  }

  static std::string Expected(size_t var_index, uint64_t record, uint64_t length) {
    std::string out;
    for (uint64_t k = 0; k < length; ++k) out.push_back(DataByte(var_index, record, k));
    return out;
  }

  static const Variable& Find(const Dataset& dataset, std::string_view name) {
    for (const auto& v : dataset.variables) {
      if (v.path == name) return v;
    }
    ADD_FAILURE() << "no variable " << name;
    static Variable none;
    return none;
  }

  std::optional<test::TempDir> dir_;
};

TestFile AllClassicTypes(int version) {
  TestFile f;
  f.version = version;
  f.dims = {{"x", 3}, {"y", 2}};
  f.vars = {
      {"b", {0}, kNcByte, {}},       {"c", {0, 1}, kNcChar, {}},   {"s", {0}, kNcShort, {}},
      {"i", {0, 1}, kNcInt, {}},     {"f", {1}, kNcFloat, {}},     {"d", {0, 1}, kNcDouble, {}},
  };
  return f;
}

TEST_F(Netcdf3ReaderTest, ClassicEveryTypeOneChunkEach) {
  for (int version : {1, 2}) {
    TestFile f = AllClassicTypes(version);
    std::string path = Write("classic.nc", BuildFile(f));
    Dataset ds = ReadOk(path);
    ASSERT_EQ(ds.variables.size(), 6u);
    ASSERT_EQ(ds.sources, std::vector<std::string>{path});
    const char* dtypes[] = {"|i1", "|S1", ">i2", ">i4", ">f4", ">f8"};
    for (size_t i = 0; i < 6; ++i) {
      const Variable& v = ds.variables[i];
      SCOPED_TRACE(v.path);
      EXPECT_EQ(v.path, f.vars[i].name);
      EXPECT_EQ(v.zarray.dtype.ToString(), dtypes[i]);
      EXPECT_EQ(v.zarray.chunks, v.zarray.shape);
      EXPECT_TRUE(v.zarray.compressor.empty());
      EXPECT_TRUE(v.zarray.filters.empty());
      ASSERT_EQ(v.chunks.size(), 1u);
      EXPECT_EQ(v.chunks[0].linear, 0u);
      EXPECT_EQ(v.chunks[0].source, 0u);
      EXPECT_EQ(v.chunks[0].offset, f.vars[i].begin);
      // The unpadded size, not vsize (b is 3 bytes, vsize 4).
      EXPECT_EQ(v.chunks[0].length, SlabBytes(f, f.vars[i]));
      EXPECT_EQ(Fetch(path, v.chunks[0]), Expected(i, 0, v.chunks[0].length));
      EXPECT_TRUE(v.inline_chunks.empty());
    }
    EXPECT_EQ(ds.variables[1].zarray.shape, (std::vector<uint64_t>{3, 2}));
    EXPECT_EQ(ds.variables[1].dims, (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(ds.variables[4].dims, (std::vector<std::string>{"y"}));
    ASSERT_EQ(ds.groups.size(), 1u);
    EXPECT_EQ(ds.groups[0].path, "");
    EXPECT_EQ(ds.groups[0].attributes, "{}");
    EXPECT_TRUE(ds.warnings.empty());
  }
}

TEST_F(Netcdf3ReaderTest, Cdf5EveryType) {
  TestFile f;
  f.version = 5;
  f.dims = {{"time", 0}, {"n", 3}};
  f.numrecs = 2;
  const uint32_t types[] = {kNcByte,  kNcChar,   kNcShort, kNcInt,   kNcFloat, kNcDouble,
                            kNcUByte, kNcUShort, kNcUInt,  kNcInt64, kNcUInt64};
  const char* dtypes[] = {"|i1", "|S1", ">i2", ">i4", ">f4", ">f8",
                          "|u1", ">u2", ">u4", ">i8", ">u8"};
  for (size_t i = 0; i < 11; ++i) {
    f.vars.push_back({"fixed" + std::to_string(i), {1}, types[i], {}});
    f.vars.push_back({"rec" + std::to_string(i), {0, 1}, types[i], {}});
  }
  std::string path = Write("cdf5.nc", BuildFile(f));
  Dataset ds = ReadOk(path);
  ASSERT_EQ(ds.variables.size(), 22u);
  // recsize: the padded sizes of all record variables: 3→4, 3→4, 6→8, 12, 12, 24, 3→4, 6→8,
  // 12, 24, 24.
  uint64_t recsize = 4 + 4 + 8 + 12 + 12 + 24 + 4 + 8 + 12 + 24 + 24;
  for (size_t i = 0; i < 22; ++i) {
    const Variable& v = ds.variables[i];
    SCOPED_TRACE(v.path);
    EXPECT_EQ(v.zarray.dtype.ToString(), dtypes[i / 2]);
    bool record = i % 2 == 1;
    uint64_t slab = 3 * TypeSize(types[i / 2]);
    if (!record) {
      ASSERT_EQ(v.chunks.size(), 1u);
      EXPECT_EQ(v.chunks[0].length, slab);
      EXPECT_EQ(Fetch(path, v.chunks[0]), Expected(i, 0, slab));
      continue;
    }
    EXPECT_EQ(v.zarray.shape, (std::vector<uint64_t>{2, 3}));
    EXPECT_EQ(v.zarray.chunks, (std::vector<uint64_t>{1, 3}));
    ASSERT_EQ(v.chunks.size(), 2u);
    for (uint64_t r = 0; r < 2; ++r) {
      EXPECT_EQ(v.chunks[r].linear, r);
      EXPECT_EQ(v.chunks[r].offset, f.vars[i].begin + r * recsize);
      EXPECT_EQ(v.chunks[r].length, slab);
      EXPECT_EQ(Fetch(path, v.chunks[r]), Expected(i, r, slab));
    }
  }
}

TEST_F(Netcdf3ReaderTest, RecordVariablesArePaddedToFourBytes) {
  // A short record variable of odd length (3 values = 6 bytes, vsize 8), a byte one (1 byte,
  // vsize 4) and an int one: recsize = 8 + 4 + 4 = 16.
  for (int version : {1, 2, 5}) {
    SCOPED_TRACE(version);
    TestFile f;
    f.version = version;
    f.numrecs = 4;
    f.dims = {{"n", 3}, {"time", 0}};
    f.vars = {{"fixed", {0}, kNcByte, {}},
              {"s", {1, 0}, kNcShort, {}},
              {"b", {1}, kNcByte, {}},
              {"i", {1}, kNcInt, {}}};
    std::string path = Write("padded.nc", BuildFile(f));
    Dataset ds = ReadOk(path);
    ASSERT_EQ(ds.variables.size(), 4u);
    uint64_t lengths[] = {0, 6, 1, 4};
    for (size_t i = 1; i < 4; ++i) {
      const Variable& v = ds.variables[i];
      SCOPED_TRACE(v.path);
      EXPECT_EQ(v.dims[0], "time");
      ASSERT_EQ(v.chunks.size(), 4u);
      for (uint64_t r = 0; r < 4; ++r) {
        EXPECT_EQ(v.chunks[r].offset, f.vars[i].begin + r * 16);
        EXPECT_EQ(v.chunks[r].length, lengths[i]);
        EXPECT_EQ(Fetch(path, v.chunks[r]), Expected(i, r, lengths[i]));
      }
    }
    EXPECT_EQ(ds.variables[1].zarray.shape, (std::vector<uint64_t>{4, 3}));
    EXPECT_EQ(ds.variables[1].zarray.chunks, (std::vector<uint64_t>{1, 3}));
    EXPECT_EQ(ds.variables[2].zarray.shape, (std::vector<uint64_t>{4}));
    EXPECT_EQ(ds.variables[2].zarray.chunks, (std::vector<uint64_t>{1}));
  }
}

TEST_F(Netcdf3ReaderTest, SingleRecordVariableIsNotPadded) {
  for (uint32_t type : {kNcByte, kNcChar, kNcShort}) {
    SCOPED_TRACE(type);
    TestFile f;
    f.numrecs = 5;
    f.dims = {{"time", 0}, {"n", 3}};
    f.vars = {{"x", {1}, kNcDouble, {}}, {"r", {0, 1}, type, {}}};
    std::string path = Write("single.nc", BuildFile(f));
    Dataset ds = ReadOk(path);
    const Variable& r = Find(ds, "r");
    uint64_t slab = 3 * TypeSize(type);
    ASSERT_EQ(r.chunks.size(), 5u);
    for (uint64_t i = 0; i < 5; ++i) {
      EXPECT_EQ(r.chunks[i].offset, f.vars[1].begin + i * slab);
      EXPECT_EQ(r.chunks[i].length, slab);
      EXPECT_EQ(Fetch(path, r.chunks[i]), Expected(1, i, slab));
    }
  }
}

TEST_F(Netcdf3ReaderTest, NoRecordsMeansShapeZeroAndNoChunks) {
  TestFile f;
  f.dims = {{"time", 0}, {"n", 3}};
  f.vars = {{"r", {0, 1}, kNcFloat, {}}, {"t", {0}, kNcDouble, {}}};
  Dataset ds = ReadOk(Write("empty-records.nc", BuildFile(f)));
  ASSERT_EQ(ds.variables.size(), 2u);
  EXPECT_EQ(ds.variables[0].zarray.shape, (std::vector<uint64_t>{0, 3}));
  EXPECT_EQ(ds.variables[0].zarray.chunks, (std::vector<uint64_t>{1, 3}));
  EXPECT_TRUE(ds.variables[0].chunks.empty());
  EXPECT_EQ(ds.variables[1].zarray.shape, (std::vector<uint64_t>{0}));
  EXPECT_TRUE(ds.variables[1].chunks.empty());
}

TEST_F(Netcdf3ReaderTest, ScalarsHaveOneChunk) {
  TestFile f;
  f.dims = {{"time", 0}};
  f.numrecs = 2;
  f.vars = {{"answer", {}, kNcInt, {}}, {"flag", {}, kNcByte, {}}, {"t", {0}, kNcInt, {}}};
  std::string path = Write("scalar.nc", BuildFile(f));
  Dataset ds = ReadOk(path);
  for (size_t i = 0; i < 2; ++i) {
    const Variable& v = ds.variables[i];
    EXPECT_TRUE(v.zarray.shape.empty());
    EXPECT_TRUE(v.zarray.chunks.empty());
    EXPECT_TRUE(v.dims.empty());
    ASSERT_EQ(v.chunks.size(), 1u);
    EXPECT_EQ(v.chunks[0].linear, 0u);
    EXPECT_EQ(v.chunks[0].length, TypeSize(f.vars[i].type));
    EXPECT_EQ(Fetch(path, v.chunks[0]), Expected(i, 0, v.chunks[0].length));
  }
}

TEST_F(Netcdf3ReaderTest, SixtyFourBitOffsetsBeyondFourGiB) {
  // CDF-2 and CDF-5 store begin in 64 bits. A sparse file puts a variable past 4 GiB without
  // writing 4 GiB.
  for (int version : {2, 5}) {
    TestFile f;
    f.version = version;
    f.dims = {{"n", 4}};
    f.vars = {{"far", {0}, kNcInt, {}, 16, (uint64_t{5} << 30)}};
    std::string path = Write("far.nc", EncodeHeader(f));
    ASSERT_EQ(::truncate(path.c_str(), static_cast<off_t>((uint64_t{5} << 30) + 16)), 0);
    Dataset ds = ReadOk(path);
    ASSERT_EQ(ds.variables.size(), 1u);
    ASSERT_EQ(ds.variables[0].chunks.size(), 1u);
    EXPECT_EQ(ds.variables[0].chunks[0].offset, uint64_t{5} << 30);
    EXPECT_EQ(ds.variables[0].chunks[0].length, 16u);
  }
}

TEST_F(Netcdf3ReaderTest, StreamingNumrecsIsCountedFromTheFileSize) {
  TestFile f;
  f.numrecs = 3;
  f.dims = {{"time", 0}, {"n", 2}};
  f.vars = {{"a", {0, 1}, kNcShort, {}}, {"b", {0}, kNcInt, {}}};
  std::string bytes = BuildFile(f);  // recsize 4 + 4 = 8
  // Rewrite numrecs as STREAMING and leave a partial fourth record at the end.
  bytes.replace(4, 4, "\xFF\xFF\xFF\xFF", 4);
  bytes.append("\x01\x02\x03", 3);
  std::string path = Write("streaming.nc", bytes);
  Dataset ds = ReadOk(path);
  ASSERT_EQ(ds.variables.size(), 2u);
  EXPECT_EQ(ds.variables[0].zarray.shape, (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(ds.variables[1].chunks.size(), 3u);
  ASSERT_EQ(ds.warnings.size(), 1u);
  EXPECT_NE(ds.warnings[0].find("STREAMING"), std::string::npos) << ds.warnings[0];
}

TEST_F(Netcdf3ReaderTest, AttributesKeepTheirTypes) {
  TestFile f;
  f.version = 5;
  f.dims = {{"n", 2}};
  f.global_attrs = {Text("title", std::string_view("A test\0\0", 8)),
                    Ints("version", kNcInt, {3}), Doubles("bounds", {-1.5, 2.0, 1e300})};
  f.vars = {{"v",
             {0},
             kNcShort,
             {Text("units", "K"), Floats("scale_factor", {0.01f}), Doubles("add_offset", {273.0}),
              Ints("valid_range", kNcShort, {-100, 100}), Ints("flags", kNcByte, {-1, 1, 127}),
              Ints("big", kNcInt64, {INT64_MIN, INT64_MAX}), Ints("ubig", kNcUInt64, {-1}),
              Ints("u8", kNcUByte, {255}), Ints("u16", kNcUShort, {65535}),
              Ints("u32", kNcUInt, {4294967295LL}), Floats("specials", {NAN, INFINITY, -INFINITY}),
              Doubles("dnan", {NAN}), Ints("empty", kNcInt, {}), Text("empty_text", "")}}};
  Dataset ds = ReadOk(Write("attrs.nc", BuildFile(f)));
  EXPECT_EQ(ds.groups[0].attributes,
            R"({"title":"A test","version":3,"bounds":[-1.5,2.0,1e+300]})");
  ASSERT_EQ(ds.variables.size(), 1u);
  EXPECT_EQ(ds.variables[0].attributes,
            R"({"units":"K","scale_factor":0.009999999776482582,"add_offset":273.0,"valid_range":[-100,100],)"
            R"("flags":[-1,1,127],"big":[-9223372036854775808,9223372036854775807],)"
            R"("ubig":18446744073709551615,"u8":255,"u16":65535,"u32":4294967295,)"
            R"("specials":[NaN,Infinity,-Infinity],"dnan":NaN,"empty":[],"empty_text":""})");
}

TEST_F(Netcdf3ReaderTest, FillValueBecomesZarrFillValue) {
  TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {
      {"with_fill", {0}, kNcShort, {Ints("_FillValue", kNcShort, {-999}), Text("units", "m")}},
      {"missing_only", {0}, kNcInt, {Ints("missing_value", kNcInt, {-1})}},
      {"nan_fill", {0}, kNcFloat, {Floats("_FillValue", {NAN})}},
      {"double_fill", {0}, kNcDouble, {Doubles("_FillValue", {1e20})}},
      {"char_fill", {0}, kNcChar, {Text("_FillValue", "*")}},
      {"plain_float", {0}, kNcFloat, {}},
      {"plain_int", {0}, kNcInt, {}},
      {"plain_byte", {0}, kNcByte, {}},
  };
  Dataset ds = ReadOk(Write("fill.nc", BuildFile(f)));
  const Variable& with_fill = Find(ds, "with_fill");
  EXPECT_EQ(with_fill.zarray.fill_value.kind, FillValue::Kind::kInt);
  EXPECT_EQ(with_fill.zarray.fill_value.int_value, -999);
  EXPECT_EQ(with_fill.attributes, R"({"units":"m"})");

  const Variable& missing_only = Find(ds, "missing_only");
  EXPECT_TRUE(missing_only.zarray.fill_value.is_null());
  EXPECT_EQ(missing_only.attributes, R"({"missing_value":-1})");

  const Variable& nan_fill = Find(ds, "nan_fill");
  EXPECT_EQ(nan_fill.zarray.fill_value.kind, FillValue::Kind::kFloat);
  EXPECT_TRUE(std::isnan(nan_fill.zarray.fill_value.real));
  EXPECT_EQ(nan_fill.attributes, "{}");

  EXPECT_EQ(Find(ds, "double_fill").zarray.fill_value.real, 1e20);

  const Variable& char_fill = Find(ds, "char_fill");
  EXPECT_EQ(char_fill.zarray.fill_value.kind, FillValue::Kind::kBytes);
  EXPECT_EQ(char_fill.zarray.fill_value.bytes, "*");

  // The default-fill decision: no _FillValue, no fill_value — not NC_FILL_FLOAT/INT/BYTE.
  // xarray would otherwise mask real values equal to netCDF's default fill (and turn ints
  // into floats), which it never does when reading the file itself.
  for (const char* name : {"plain_float", "plain_int", "plain_byte"}) {
    EXPECT_TRUE(Find(ds, name).zarray.fill_value.is_null()) << name;
  }
  EXPECT_TRUE(ds.warnings.empty());
}

TEST_F(Netcdf3ReaderTest, UnusableFillValueIsAWarning) {
  TestFile f;
  f.dims = {{"n", 2}};
  f.vars = {
      {"two_values", {0}, kNcInt, {Ints("_FillValue", kNcInt, {1, 2})}},
      {"text_for_number", {0}, kNcInt, {Text("_FillValue", "x")}},
      {"out_of_range", {0}, kNcByte, {Ints("_FillValue", kNcInt, {1000})}},
      {"converted", {0}, kNcShort, {Doubles("_FillValue", {-32767.0})}},
  };
  Dataset ds = ReadOk(Write("badfill.nc", BuildFile(f)));
  for (const char* name : {"two_values", "text_for_number", "out_of_range"}) {
    const Variable& v = Find(ds, name);
    EXPECT_TRUE(v.zarray.fill_value.is_null()) << name;
    EXPECT_EQ(v.attributes, "{}") << name;
  }
  const Variable& converted = Find(ds, "converted");
  EXPECT_EQ(converted.zarray.fill_value.kind, FillValue::Kind::kInt);
  EXPECT_EQ(converted.zarray.fill_value.int_value, -32767);
  ASSERT_EQ(ds.warnings.size(), 3u);
  EXPECT_NE(ds.warnings[0].find("\"two_values\""), std::string::npos) << ds.warnings[0];
}

TEST_F(Netcdf3ReaderTest, Latin1NamesAndTextAreDecoded) {
  TestFile f;
  f.dims = {{"n", 1}};
  f.global_attrs = {Text("note", "25 \xB0" "C")};
  f.vars = {{"temp\xE9", {0}, kNcByte, {Text("units", "\xB0" "C")}}};
  Dataset ds = ReadOk(Write("latin1.nc", BuildFile(f)));
  ASSERT_EQ(ds.variables.size(), 1u);
  EXPECT_EQ(ds.variables[0].path, "temp\xC3\xA9");
  EXPECT_EQ(ds.variables[0].attributes, "{\"units\":\"\xC2\xB0" "C\"}");
  EXPECT_EQ(ds.groups[0].attributes, "{\"note\":\"25 \xC2\xB0" "C\"}");
  EXPECT_EQ(ds.warnings.size(), 3u);
}

TEST_F(Netcdf3ReaderTest, NamesThatCannotBeZarrKeysAreRefused) {
  for (std::string name : {std::string("a/b"), std::string(), std::string(".zarray"),
                           std::string("a\0b", 3)}) {
    TestFile f;
    f.dims = {{"n", 1}};
    f.vars = {{name, {0}, kNcByte, {}}};
    std::string path = Write("badname.nc", BuildFile(f));
    auto ds = Read(path);
    ASSERT_FALSE(ds.has_value()) << name;
    EXPECT_EQ(ds.error().code(), ErrorCode::kCorrupt);
    EXPECT_NE(ds.error().ToString().find(path), std::string::npos);
  }
}

TEST_F(Netcdf3ReaderTest, DuplicateNamesAreRefused) {
  TestFile f;
  f.dims = {{"n", 1}};
  f.vars = {{"a", {0}, kNcByte, {}}, {"a", {0}, kNcByte, {}}};
  auto ds = Read(Write("dupvar.nc", BuildFile(f)));
  ASSERT_FALSE(ds.has_value());
  EXPECT_NE(ds.error().message().find("two variables"), std::string::npos);

  TestFile g;
  g.dims = {{"n", 1}};
  g.vars = {{"a", {0}, kNcByte, {Text("units", "m"), Text("units", "K")}}};
  ds = Read(Write("dupattr.nc", BuildFile(g)));
  ASSERT_FALSE(ds.has_value());
  EXPECT_NE(ds.error().message().find("defined twice"), std::string::npos);
}

TEST_F(Netcdf3ReaderTest, HeaderFreeSpaceBeforeTheData) {
  // nc__enddef may leave free space (h_minfree) between the header and the data.
  TestFile f;
  f.version = 2;
  f.numrecs = 2;
  f.dims = {{"time", 0}, {"n", 5}};
  f.vars = {{"x", {1}, kNcFloat, {}}, {"r", {0, 1}, kNcByte, {}}, {"q", {0}, kNcShort, {}}};
  std::string path = Write("free.nc", BuildFile(f, 4096));
  Dataset ds = ReadOk(path);
  const Variable& r = Find(ds, "r");
  ASSERT_EQ(r.chunks.size(), 2u);
  EXPECT_EQ(Fetch(path, r.chunks[1]), Expected(1, 1, 5));
  const Variable& q = Find(ds, "q");
  EXPECT_EQ(Fetch(path, q.chunks[1]), Expected(2, 1, 2));
}

TEST_F(Netcdf3ReaderTest, UrlOptionIsTheSource) {
  TestFile f;
  f.dims = {{"n", 1}};
  f.vars = {{"a", {0}, kNcByte, {}}};
  std::string path = Write("url.nc", BuildFile(f));
  ReadOptions options;
  options.url = "https://host/data/url.nc";
  auto ds = ReadNetcdf3File(path, options);
  ASSERT_TRUE(ds.has_value());
  EXPECT_EQ(ds->sources, std::vector<std::string>{"https://host/data/url.nc"});
}

TEST_F(Netcdf3ReaderTest, ParseSpeedTenThousandVariables) {
  // Not a timed assertion: prints how long a large header takes, for the test log.
  TestFile f;
  f.version = 2;
  f.numrecs = 3;
  f.dims = {{"time", 0}, {"lat", 4}, {"lon", 5}};
  f.global_attrs = {Text("title", "speed")};
  for (int i = 0; i < 10000; ++i) {
    bool record = i % 2 == 0;
    f.vars.push_back({"variable_" + std::to_string(i),
                      record ? std::vector<uint64_t>{0, 1, 2} : std::vector<uint64_t>{1, 2},
                      kNcFloat,
                      {Text("units", "K"), Text("long_name", "a variable with a long name"),
                       Floats("_FillValue", {1e20f}), Doubles("scale_factor", {0.5})}});
  }
  std::string bytes = BuildFile(f);
  std::string path = Write("big-header.nc", bytes);
  auto start = std::chrono::steady_clock::now();
  Dataset ds = ReadOk(path);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  ASSERT_EQ(ds.variables.size(), 10000u);
  EXPECT_EQ(ds.variables[0].chunks.size(), 3u);
  std::printf("[ measure  ] netCDF3 header of 10000 variables (%zu bytes): parsed in %.1f ms\n",
              bytes.size(), ms);
}

}  // namespace
}  // namespace stacfs::converter
