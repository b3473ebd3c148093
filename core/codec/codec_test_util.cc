#include "core/codec/codec_test_util.h"

#include <blosc.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <simdjson.h>
#include <zlib.h>
#include <zstd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/codec/blosc_codec.h"

namespace stacfs::codec_testing {
namespace {

const char kTestdataDir[] = STACFS_SOURCE_DIR "/core/codec/testdata/";

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "codec test data: %s\n", message.c_str());
  std::abort();
}

std::string Str(simdjson::dom::element element) {
  std::string_view text;
  if (element.get_string().get(text) != simdjson::SUCCESS) Die("expected a string");
  return std::string(text);
}

GoldenManifest LoadManifest() {
  simdjson::dom::parser parser;
  const simdjson::padded_string json(ReadTestdata("manifest.json"));
  simdjson::dom::element root;
  if (parser.parse(json).get(root) != simdjson::SUCCESS) Die("manifest.json is not JSON");
  GoldenManifest manifest;
  simdjson::dom::object libraries;
  if (root["libraries"].get(libraries) != simdjson::SUCCESS) Die("no libraries");
  for (auto [name, version] : libraries)
    manifest.library_versions[std::string(name)] = Str(version);

  simdjson::dom::array entries;
  if (root["entries"].get(entries) != simdjson::SUCCESS) Die("no entries");
  for (simdjson::dom::element e : entries) {
    GoldenEntry entry;
    entry.name = Str(e["name"]);
    entry.config_json = simdjson::minify(e["config"]);
    entry.codec_id = Str(e["config"]["id"]);
    entry.encode_match = Str(e["encode_match"]);
    simdjson::dom::element value;
    if (e["input"].get(value) == simdjson::SUCCESS) entry.input = Str(value);
    int64_t typesize = 1;
    if (e["typesize"].get(typesize) == simdjson::SUCCESS)
      entry.typesize = static_cast<size_t>(typesize);
    simdjson::dom::array strings;
    if (e["strings"].get(strings) == simdjson::SUCCESS) {
      for (simdjson::dom::element s : strings) entry.strings.push_back(Str(s));
    }
    manifest.entries.push_back(std::move(entry));
  }

  simdjson::dom::array pipelines;
  if (root["pipelines"].get(pipelines) != simdjson::SUCCESS) Die("no pipelines");
  for (simdjson::dom::element p : pipelines) {
    GoldenPipeline pipeline;
    pipeline.name = Str(p["name"]);
    pipeline.input = Str(p["input"]);
    simdjson::dom::array filters;
    if (p["filters"].get(filters) == simdjson::SUCCESS) {
      for (simdjson::dom::element f : filters)
        pipeline.filter_configs.push_back(simdjson::minify(f));
    }
    simdjson::dom::element compressor;
    if (p["compressor"].get(compressor) == simdjson::SUCCESS && !compressor.is_null()) {
      pipeline.compressor_config = simdjson::minify(compressor);
    }
    manifest.pipelines.push_back(std::move(pipeline));
  }
  return manifest;
}

}  // namespace

const GoldenManifest& Manifest() {
  static const GoldenManifest manifest = LoadManifest();
  return manifest;
}

std::string ReadTestdata(const std::string& relative_path) {
  std::ifstream file(kTestdataDir + relative_path, std::ios::binary);
  if (!file) Die("cannot open " + std::string(kTestdataDir) + relative_path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

std::string GoldenInput(const std::string& input_name) {
  return ReadTestdata("inputs/" + input_name + ".raw");
}

std::string GoldenEncoded(const std::string& entry_name) {
  return ReadTestdata(entry_name + ".enc");
}

std::shared_ptr<const Codec> MakeCodecOrFail(const std::string& config_json) {
  Result<std::shared_ptr<const Codec>> codec = MakeCodec(config_json);
  if (!codec) {
    ADD_FAILURE() << "MakeCodec(" << config_json << "): " << codec.error().ToString();
    return nullptr;
  }
  return *codec;
}

std::shared_ptr<const Codec> CodecForEntry(const GoldenEntry& entry) {
  if (entry.codec_id != "blosc") return MakeCodecOrFail(entry.config_json);
  simdjson::dom::parser parser;
  const simdjson::padded_string json(entry.config_json);
  simdjson::dom::element config = parser.parse(json).value();
  BloscParams params;
  params.cname = Str(config["cname"]);
  params.clevel = static_cast<int>(config["clevel"].get_int64().value());
  params.shuffle = static_cast<int>(config["shuffle"].get_int64().value());
  params.blocksize = static_cast<int>(config["blocksize"].get_int64().value());
  params.typesize = entry.typesize;
  Result<std::shared_ptr<const Codec>> codec = MakeBloscCodec(params);
  if (!codec) {
    ADD_FAILURE() << codec.error().ToString();
    return nullptr;
  }
  return *codec;
}

bool SameLibraryAsGolden(const GoldenEntry& entry) {
  const std::map<std::string, std::string> runtime = {
      {"zlib", zlibVersion()},
      {"zstd", ZSTD_versionString()},
      {"lz4", LZ4_versionString()},
      {"blosc", blosc_get_version_string()},
  };
  const auto& golden = Manifest().library_versions;
  auto same = [&](const std::string& lib) {
    auto it = golden.find(lib);
    return it != golden.end() && it->second == runtime.at(lib);
  };
  if (entry.codec_id == "zlib" || entry.codec_id == "gzip") return same("zlib");
  if (entry.codec_id == "zstd") return same("zstd");
  if (entry.codec_id == "lz4") return same("lz4");
  // blosc's inner codecs come from the system libraries too.
  if (entry.codec_id == "blosc")
    return same("blosc") && same("lz4") && same("zstd") && same("zlib");
  return false;
}

std::string PseudoRandomBytes(size_t size, uint64_t seed) {
  std::string out(size, '\0');
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  for (size_t i = 0; i < size; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out[i] = static_cast<char>(state >> 56);
  }
  return out;
}

std::string SmoothFloat32Field(size_t count, uint64_t seed) {
  const std::string noise = PseudoRandomBytes(count, seed);
  std::string out(count * sizeof(float), '\0');
  for (size_t i = 0; i < count; ++i) {
    const double x = static_cast<double>(i % 256);
    const double y = static_cast<double>(i / 256);
    const float value = static_cast<float>(280.0 + 15.0 * std::sin(x / 20.0) * std::cos(y / 13.0) +
                                           (static_cast<unsigned char>(noise[i]) - 128) * 0.0005);
    std::memcpy(out.data() + i * sizeof(float), &value, sizeof value);
  }
  return out;
}

}  // namespace stacfs::codec_testing
