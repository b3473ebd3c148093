// Test helpers: the golden files of testdata/ (written by make_golden.py with the real
// numcodecs, HDF5 and zarr) and small conveniences.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/codec/codec.h"

namespace stacfs::codec_testing {

// One encoding of one input by one codec configuration.
struct GoldenEntry {
  std::string name;         // <name>.enc
  std::string config_json;  // compact, keys sorted, as numcodecs' get_config()
  std::string codec_id;
  std::string input;                 // inputs/<input>.raw; empty for vlen-utf8
  std::string encode_match;          // "exact", "library" or "gzip" (see make_golden.py)
  size_t typesize = 1;               // the item size numcodecs saw (blosc's shuffle uses it)
  std::vector<std::string> strings;  // vlen-utf8 only
};

// A whole chunk written by zarr with filters and a compressor.
struct GoldenPipeline {
  std::string name;
  std::string input;
  std::vector<std::string> filter_configs;
  std::optional<std::string> compressor_config;
};

struct GoldenManifest {
  std::map<std::string, std::string> library_versions;  // "zlib" -> "1.2.13", ...
  std::vector<GoldenEntry> entries;
  std::vector<GoldenPipeline> pipelines;
};

// Loaded once; aborts the test binary with a message if testdata/ is unreadable.
const GoldenManifest& Manifest();

std::string ReadTestdata(const std::string& relative_path);
std::string GoldenInput(const std::string& input_name);
std::string GoldenEncoded(const std::string& entry_name);

// MakeCodec that fails the current test (and returns nullptr) on error.
std::shared_ptr<const Codec> MakeCodecOrFail(const std::string& config_json);

// The codec numcodecs used for an entry: as MakeCodec builds it, except that blosc gets the
// entry's typesize (numcodecs takes it from the array; the JSON does not carry it).
std::shared_ptr<const Codec> CodecForEntry(const GoldenEntry& entry);

// Whether the runtime library that produced an entry's bytes is the version that wrote the
// golden files, so that byte-for-byte comparison of our encoder output is meaningful.
bool SameLibraryAsGolden(const GoldenEntry& entry);

// Deterministic pseudo-random bytes (xorshift), and climate-like float32 data.
std::string PseudoRandomBytes(size_t size, uint64_t seed);
std::string SmoothFloat32Field(size_t count, uint64_t seed);

}  // namespace stacfs::codec_testing
