// stacfs_codec_bench: decode throughput of every codec on climate-like float32 data, and
// libdeflate's inflate against zlib's on the same stream (why decoding uses libdeflate).
//
//   stacfs_codec_bench [MiB]      (default 64; scripts/bench/core runs it)
//
// Prints one aligned line per codec: encoded size, ratio, decode MB/s (decoded bytes per
// second, median of 5 runs). MB = 10^6 bytes.
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/codec/blosc_codec.h"
#include "core/codec/codec.h"
#include "core/codec/vlen_utf8.h"

namespace stacfs {
namespace {

constexpr int kRuns = 5;

// A 2-D temperature-like field: large-scale smooth waves plus small noise, as a model or
// reanalysis variable looks (noise in the low mantissa bits limits lossless ratios, as in
// real data).
std::string ClimateField(size_t bytes) {
  const size_t count = bytes / sizeof(float);
  const size_t width = 1440;  // a 0.25-degree longitude row
  std::vector<float> column(width);
  for (size_t x = 0; x < width; ++x) column[x] = static_cast<float>(std::sin(x * 0.0087) * 12.0);
  std::string out(count * sizeof(float), '\0');
  uint64_t state = 0x2545F4914F6CDD1Dull;
  for (size_t i = 0; i < count; ++i) {
    const size_t y = i / width;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const float noise = static_cast<float>(static_cast<int>(state >> 54) - 512) * 0.0002f;
    const float value = 273.15f + column[i % width] * std::cos(static_cast<float>(y) * 0.011f) +
                        0.5f * std::sin(static_cast<float>(y) * 0.05f) + noise;
    std::memcpy(out.data() + i * sizeof(float), &value, sizeof value);
  }
  return out;
}

double MedianSeconds(const std::function<void()>& run) {
  std::vector<double> seconds;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[kRuns / 2];
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "stacfs_codec_bench: %s\n", what.c_str());
  std::exit(1);
}

void PrintRow(const std::string& name, size_t decoded, size_t encoded, double seconds) {
  std::printf("%-34s %10.1f MB %8.2fx %10.0f MB/s\n", name.c_str(), encoded / 1e6,
              static_cast<double>(decoded) / static_cast<double>(std::max<size_t>(encoded, 1)),
              decoded / 1e6 / seconds);
}

// Encodes once, checks the round trip, then times decoding.
void BenchPipeline(const std::string& name, const CodecPipeline& pipeline,
                   const std::string& data) {
  Result<std::string> encoded = pipeline.Encode(data);
  if (!encoded) Fail(name + ": " + encoded.error().ToString());
  Result<std::string> check = pipeline.Decode(*encoded, data.size());
  if (!check || *check != data) Fail(name + ": round trip failed");
  const double seconds = MedianSeconds([&] {
    Result<std::string> decoded = pipeline.Decode(*encoded, data.size());
    if (!decoded) Fail(name + ": " + decoded.error().ToString());
  });
  PrintRow(name, data.size(), encoded->size(), seconds);
}

std::shared_ptr<const Codec> Make(const std::string& json) {
  Result<std::shared_ptr<const Codec>> codec = MakeCodec(json);
  if (!codec) Fail(codec.error().ToString());
  return *codec;
}

std::shared_ptr<const Codec> MakeBlosc(const std::string& cname, int shuffle) {
  BloscParams params;
  params.cname = cname;
  params.shuffle = shuffle;
  params.typesize = sizeof(float);  // as numcodecs sets it from a float32 array
  Result<std::shared_ptr<const Codec>> codec = MakeBloscCodec(params);
  if (!codec) Fail(codec.error().ToString());
  return *codec;
}

// The same zlib stream inflated by libdeflate (one call, exact-size buffer) and by zlib's
// inflate (one call with Z_FINISH, same buffer): the decoder choice, measured.
void CompareInflate(const std::string& data) {
  Result<std::string> encoded = Make(R"({"id":"zlib","level":1})")->Encode(data);
  if (!encoded) Fail(encoded.error().ToString());
  std::string out(data.size(), '\0');

  std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> decompressor(
      libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
  const double libdeflate_seconds = MedianSeconds([&] {
    size_t produced = 0;
    if (libdeflate_zlib_decompress(decompressor.get(), encoded->data(), encoded->size(), out.data(),
                                   out.size(), &produced) != LIBDEFLATE_SUCCESS ||
        produced != data.size()) {
      Fail("libdeflate inflate failed");
    }
  });
  const double zlib_seconds = MedianSeconds([&] {
    uLongf produced = out.size();
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &produced,
                   reinterpret_cast<const Bytef*>(encoded->data()), encoded->size()) != Z_OK ||
        produced != data.size()) {
      Fail("zlib inflate failed");
    }
  });
  std::printf("%-34s %10.1f ms %10.0f MB/s\n", "inflate libdeflate (zlib level 1)",
              libdeflate_seconds * 1e3, data.size() / 1e6 / libdeflate_seconds);
  std::printf("%-34s %10.1f ms %10.0f MB/s\n", "inflate zlib (zlib level 1)", zlib_seconds * 1e3,
              data.size() / 1e6 / zlib_seconds);
  std::printf("%-34s %10.2fx faster\n", "libdeflate / zlib", zlib_seconds / libdeflate_seconds);
}

// vlen-utf8 on short strings (e.g. station names), as DecodeVlenUtf8 sees them.
void BenchVlenUtf8(size_t bytes) {
  std::vector<std::string> items;
  size_t total = 0;
  for (size_t i = 0; total < bytes; ++i) {
    items.push_back("station-" + std::to_string(i * 7919 % 1000003) + "-précipitation");
    total += items.back().size() + 4;
  }
  const std::string encoded = EncodeVlenUtf8(items);
  const double seconds = MedianSeconds([&] {
    Result<std::vector<std::string>> decoded = DecodeVlenUtf8(encoded, items.size());
    if (!decoded) Fail(decoded.error().ToString());
  });
  PrintRow("vlen-utf8 (" + std::to_string(items.size() / 1000) + "k strings)", encoded.size(),
           encoded.size(), seconds);
}

int Main(int argc, char** argv) {
  const size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
  if (mib == 0) Fail("usage: stacfs_codec_bench [MiB]");
  const std::string data = ClimateField(mib << 20);
  std::printf("stacfs_codec_bench: %zu MiB float32 climate-like field, decode median of %d\n", mib,
              kRuns);
  std::printf("%-34s %13s %9s %15s\n", "codec", "encoded", "ratio", "decode");

  const auto shuffle4 = Make(R"({"id":"shuffle","elementsize":4})");
  const std::vector<std::pair<std::string, CodecPipeline>> benches = {
      {"zlib level 1", CodecPipeline({}, Make(R"({"id":"zlib","level":1})"))},
      {"shuffle(4) + zlib level 1", CodecPipeline({shuffle4}, Make(R"({"id":"zlib","level":1})"))},
      {"gzip level 1", CodecPipeline({}, Make(R"({"id":"gzip","level":1})"))},
      {"zstd level 1", CodecPipeline({}, Make(R"({"id":"zstd","level":1})"))},
      {"shuffle(4) + zstd level 3", CodecPipeline({shuffle4}, Make(R"({"id":"zstd","level":3})"))},
      {"lz4 acceleration 1", CodecPipeline({}, Make(R"({"id":"lz4","acceleration":1})"))},
      {"blosc lz4 shuffle", CodecPipeline({}, MakeBlosc("lz4", kBloscByteShuffle))},
      {"blosc zstd bitshuffle", CodecPipeline({}, MakeBlosc("zstd", kBloscBitShuffle))},
      {"shuffle elementsize 4", CodecPipeline({shuffle4}, nullptr)},
      {"delta <f4", CodecPipeline({Make(R"({"id":"delta","dtype":"<f4"})")}, nullptr)},
      {"fletcher32", CodecPipeline({Make(R"({"id":"fletcher32"})")}, nullptr)},
  };
  for (const auto& [name, pipeline] : benches) BenchPipeline(name, pipeline, data);
  BenchVlenUtf8(std::min<size_t>(data.size(), 16 << 20));
  CompareInflate(data);
  return 0;
}

}  // namespace
}  // namespace stacfs

int main(int argc, char** argv) { return stacfs::Main(argc, argv); }
