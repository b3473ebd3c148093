// Test helper: builds netCDF3 files byte by byte (CDF-1, CDF-2, CDF-5), so that unit tests can
// state exactly what a header holds — including things no library would write.
//
// EncodeHeader() writes a header from a TestFile as given. BuildFile() also lays the data out
// as netCDF-C does (non-record variables contiguous, each padded to 4 bytes, then the records)
// when `auto_layout` is set, fills every data byte from DataByte() and every padding byte with
// kPaddingByte, so a test can check that a reference points at exactly the right bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stacfs::converter::netcdf3::testing {

constexpr uint32_t kNcByte = 1, kNcChar = 2, kNcShort = 3, kNcInt = 4, kNcFloat = 5,
                   kNcDouble = 6, kNcUByte = 7, kNcUShort = 8, kNcUInt = 9, kNcInt64 = 10,
                   kNcUInt64 = 11;
constexpr char kPaddingByte = '\xEE';

inline size_t TypeSize(uint32_t type) {
  switch (type) {
    case kNcShort:
    case kNcUShort: return 2;
    case kNcInt:
    case kNcUInt:
    case kNcFloat: return 4;
    case kNcDouble:
    case kNcInt64:
    case kNcUInt64: return 8;
    default: return 1;
  }
}

inline void PutBigEndian(std::string* out, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) {
    out->push_back(static_cast<char>(value >> (8 * (bytes - 1 - i))));
  }
}

struct TestAttr {
  std::string name;
  uint32_t type = kNcChar;
  uint64_t count = 0;
  std::string values;  // big-endian, unpadded
};

inline TestAttr Text(std::string name, std::string_view text) {
  return {std::move(name), kNcChar, text.size(), std::string(text)};
}

// Integer attribute of any integer type (values given as their two's-complement bits).
inline TestAttr Ints(std::string name, uint32_t type, std::initializer_list<int64_t> values) {
  TestAttr a{std::move(name), type, values.size(), {}};
  for (int64_t v : values) PutBigEndian(&a.values, static_cast<uint64_t>(v), TypeSize(type));
  return a;
}

inline TestAttr Floats(std::string name, std::initializer_list<float> values) {
  TestAttr a{std::move(name), kNcFloat, values.size(), {}};
  for (float v : values) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    PutBigEndian(&a.values, bits, 4);
  }
  return a;
}

inline TestAttr Doubles(std::string name, std::initializer_list<double> values) {
  TestAttr a{std::move(name), kNcDouble, values.size(), {}};
  for (double v : values) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    PutBigEndian(&a.values, bits, 8);
  }
  return a;
}

struct TestVar {
  std::string name;
  std::vector<uint64_t> dim_ids;
  uint32_t type = kNcInt;
  std::vector<TestAttr> attrs;
  uint64_t vsize = 0;  // filled in by BuildFile with auto_layout
  uint64_t begin = 0;  // filled in by BuildFile with auto_layout
};

struct TestFile {
  int version = 1;  // 1, 2 or 5
  uint64_t numrecs = 0;
  std::vector<std::pair<std::string, uint64_t>> dims;  // length 0: the record dimension
  std::vector<TestAttr> global_attrs;
  std::vector<TestVar> vars;
};

class HeaderEncoder {
 public:
  explicit HeaderEncoder(int version) : version_(version) {}
  void U32(uint32_t v) { PutBigEndian(&out_, v, 4); }
  void Size(uint64_t v) { PutBigEndian(&out_, v, version_ == 5 ? 8 : 4); }
  void Offset(uint64_t v) { PutBigEndian(&out_, v, version_ == 1 ? 4 : 8); }
  void Padded(std::string_view bytes) {
    out_.append(bytes);
    while (out_.size() % 4 != 0) out_.push_back('\0');
  }
  void Name(std::string_view name) {
    Size(name.size());
    Padded(name);
  }
  void Attrs(const std::vector<TestAttr>& attrs) {
    if (attrs.empty()) {
      U32(0);
      Size(0);
      return;
    }
    U32(0x0C);
    Size(attrs.size());
    for (const auto& a : attrs) {
      Name(a.name);
      U32(a.type);
      Size(a.count);
      Padded(a.values);
    }
  }
  std::string& bytes() { return out_; }

 private:
  int version_;
  std::string out_;
};

inline std::string EncodeHeader(const TestFile& file) {
  HeaderEncoder e(file.version);
  e.bytes().append("CDF");
  e.bytes().push_back(static_cast<char>(file.version));
  e.Size(file.numrecs);
  if (file.dims.empty()) {
    e.U32(0);
    e.Size(0);
  } else {
    e.U32(0x0A);
    e.Size(file.dims.size());
    for (const auto& [name, length] : file.dims) {
      e.Name(name);
      e.Size(length);
    }
  }
  e.Attrs(file.global_attrs);
  if (file.vars.empty()) {
    e.U32(0);
    e.Size(0);
  } else {
    e.U32(0x0B);
    e.Size(file.vars.size());
    for (const auto& v : file.vars) {
      e.Name(v.name);
      e.Size(v.dim_ids.size());
      for (uint64_t id : v.dim_ids) e.Size(id);
      e.Attrs(v.attrs);
      e.U32(v.type);
      e.Size(v.vsize);
      e.Offset(v.begin);
    }
  }
  return std::move(e.bytes());
}

// The byte at position `k` of record `record` (0 for non-record variables) of variable `v`.
inline char DataByte(size_t v, uint64_t record, uint64_t k) {
  return static_cast<char>((v * 37 + record * 11 + k * 3 + 1) & 0x7F);
}

// The length of dimension `id`; 1 for ids the file does not define (tests of bad ids).
inline uint64_t DimLength(const TestFile& file, uint64_t id) {
  return id < file.dims.size() ? file.dims[id].second : 1;
}

inline bool IsRecordVar(const TestFile& file, const TestVar& v) {
  return !v.dim_ids.empty() && DimLength(file, v.dim_ids[0]) == 0;
}

// Unpadded bytes of a variable (non-record) or of one of its records; dimensions of length 0
// in other places than the first (bad files) count as 1.
inline uint64_t SlabBytes(const TestFile& file, const TestVar& v) {
  uint64_t n = TypeSize(v.type);
  for (size_t i = 0; i < v.dim_ids.size(); ++i) {
    if (i == 0 && IsRecordVar(file, v)) continue;
    uint64_t length = DimLength(file, v.dim_ids[i]);
    n *= length == 0 ? 1 : length;
  }
  return n;
}

inline uint64_t RoundUp4(uint64_t n) { return (n + 3) / 4 * 4; }

// Lays out `file` as netCDF-C does (sets vsize and begin of every variable) and returns the
// header followed by the data. `header_padding` adds free space after the header, as
// nc__enddef's h_minfree does.
inline std::string BuildFile(TestFile& file, size_t header_padding = 0) {
  size_t header_size = EncodeHeader(file).size();  // begins/vsizes do not change the size
  uint64_t offset = header_size + header_padding;
  size_t record_vars = 0;
  for (auto& v : file.vars) {
    v.vsize = RoundUp4(SlabBytes(file, v));
    if (IsRecordVar(file, v)) {
      ++record_vars;
      continue;
    }
    v.begin = offset;
    offset += v.vsize;
  }
  uint64_t recsize = 0;
  for (auto& v : file.vars) {
    if (!IsRecordVar(file, v)) continue;
    v.begin = offset + recsize;
    recsize += v.vsize;
  }
  if (record_vars == 1) {
    for (auto& v : file.vars) {
      if (IsRecordVar(file, v)) recsize = SlabBytes(file, v);
    }
  }
  std::string out = EncodeHeader(file);
  out.append(header_padding, kPaddingByte);
  for (size_t i = 0; i < file.vars.size(); ++i) {
    const auto& v = file.vars[i];
    if (IsRecordVar(file, v)) continue;
    uint64_t slab = SlabBytes(file, v);
    for (uint64_t k = 0; k < slab; ++k) out.push_back(DataByte(i, 0, k));
    out.append(v.vsize - slab, kPaddingByte);
  }
  for (uint64_t r = 0; r < file.numrecs && recsize > 0; ++r) {
    for (size_t i = 0; i < file.vars.size(); ++i) {
      const auto& v = file.vars[i];
      if (!IsRecordVar(file, v)) continue;
      uint64_t slab = SlabBytes(file, v);
      for (uint64_t k = 0; k < slab; ++k) out.push_back(DataByte(i, r, k));
      if (record_vars > 1) out.append(v.vsize - slab, kPaddingByte);
    }
  }
  return out;
}

}  // namespace stacfs::converter::netcdf3::testing
