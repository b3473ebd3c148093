// `stacfs inspect`: what a Kerchunk reference file holds, and the bytes behind any of its keys.
#include <cinttypes>
#include <cstdio>
#include <map>

#include "core/base/file_util.h"
#include "core/kerchunk/reference_file.h"
#include "core/url/url.h"
#include "core/zarr/array_metadata.h"
#include "mount-tools/command.h"
#include "mount-tools/fetcher_factory.h"

namespace stacfs {
namespace {

struct InspectOptions {
  std::string refs;
  std::string key;
  bool decode = false;
  std::string output;
};

std::string Dims(const std::vector<uint64_t>& dims) {
  std::string out = "[";
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? "," : "") + std::to_string(dims[i]);
  return out + "]";
}

std::string CodecIds(const ArrayMetadata& m) {
  std::string out;
  auto id_of = [](const std::string& config) {
    size_t at = config.find("\"id\":\"");
    if (at == std::string::npos) return std::string("?");
    size_t end = config.find('"', at + 6);
    return config.substr(at + 6, end - at - 6);
  };
  for (const std::string& f : m.filters) out += (out.empty() ? "" : ",") + id_of(f);
  if (!m.compressor.empty()) out += (out.empty() ? "" : ",") + id_of(m.compressor);
  return out.empty() ? "none" : out;
}

int PrintSummary(const std::string& location, const ReferenceSet& refs) {
  uint64_t ranges = 0, wholes = 0, inlined = 0, referenced_bytes = 0;
  std::map<std::string, uint64_t> chunks_per_array;
  std::vector<std::string> arrays = refs.ArrayPaths();
  refs.ForEach([&](std::string_view key, const Reference& ref) {
    if (ref.kind == Reference::Kind::kRange) {
      ++ranges;
      referenced_bytes += ref.range.length;
    } else if (ref.kind == Reference::Kind::kWholeObject) {
      ++wholes;
    } else {
      ++inlined;
    }
    size_t slash = key.rfind('/');
    std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    if (!name.starts_with(".z")) {
      std::string_view path = slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
      ++chunks_per_array[std::string(path)];
    }
  });
  std::printf("references: %s\n", location.c_str());
  std::printf("keys: %zu (byte ranges %" PRIu64 ", whole objects %" PRIu64 ", inline %" PRIu64
              ")\n", refs.size(), ranges, wholes, inlined);
  std::printf("bytes referenced: %" PRIu64 "\n", referenced_bytes);
  std::printf("memory held: %zu bytes (%.1f per key)\n", refs.MemoryBytes(),
              refs.size() ? static_cast<double>(refs.MemoryBytes()) / refs.size() : 0.0);
  std::printf("source objects: %zu\n", refs.urls().size());
  for (size_t i = 0; i < refs.urls().size() && i < 5; ++i) std::printf("  %s\n", refs.urls()[i].c_str());
  if (refs.urls().size() > 5) std::printf("  ... and %zu more\n", refs.urls().size() - 5);
  std::printf("arrays: %zu\n", arrays.size());
  std::printf("  %-24s %-8s %-20s %-20s %-18s %s\n", "name", "dtype", "shape", "chunks", "codecs",
              "chunks present");
  for (const std::string& path : arrays) {
    auto zarray = refs.Find(path.empty() ? ".zarray" : path + "/.zarray");
    auto metadata = ParseArrayMetadata(zarray->data, path + "/.zarray");
    if (!metadata) {
      std::printf("  %-24s %s\n", path.c_str(), metadata.error().ToString().c_str());
      continue;
    }
    std::printf("  %-24s %-8s %-20s %-20s %-18s %" PRIu64 "/%" PRIu64 "\n", path.c_str(),
                metadata->dtype.ToString().c_str(), Dims(metadata->shape).c_str(),
                Dims(metadata->chunks).c_str(), CodecIds(*metadata).c_str(),
                chunks_per_array[path], metadata->NumChunks());
  }
  return 0;
}

// The array a chunk key belongs to: the longest array path that prefixes it.
std::optional<std::string> ArrayOfKey(const ReferenceSet& refs, std::string_view key) {
  std::optional<std::string> best;
  for (const std::string& path : refs.ArrayPaths()) {
    // A root array ("") holds every key no deeper array claims.
    bool matches = path.empty() || key.starts_with(path + "/");
    if (matches && (!best || path.size() > best->size())) best = path;
  }
  return best;
}

Result<std::string> KeyBytes(Fetcher& fetcher, const ReferenceSet& refs, const std::string& key,
                             bool decode) {
  auto ref = refs.Find(key);
  if (!ref) return NotFound("no key '" + key + "' in the references (a missing chunk reads as fill_value)");
  std::string bytes;
  if (ref->kind == Reference::Kind::kInline) {
    bytes = std::string(ref->data);
  } else {
    FetchRequest request{std::string(ref->url), std::nullopt};
    if (ref->kind == Reference::Kind::kRange) request.range = ref->range;
    STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher.Fetch(request));
    bytes = std::string(response.bytes.view());
  }
  if (!decode) return bytes;
  auto array = ArrayOfKey(refs, key);
  if (!array) return InvalidArgument("'" + key + "' is not a chunk of any array: nothing to decode with");
  std::string zarray_key = array->empty() ? ".zarray" : *array + "/.zarray";
  STACFS_ASSIGN_OR_RETURN(ArrayMetadata metadata,
                          ParseArrayMetadata(refs.Find(zarray_key)->data, zarray_key));
  STACFS_ASSIGN_OR_RETURN(CodecPipeline pipeline,
                          MakeCodecPipeline(metadata).WithContext(zarray_key));
  return pipeline.Decode(bytes, metadata.ChunkBytes()).WithContext("decoding " + key);
}

int RunInspect(const InspectOptions& options, const GlobalOptions& globals) {
  std::string location = IsAbsoluteLocation(options.refs) ? options.refs : AbsolutePath(options.refs);
  FetcherSettings settings;
  settings.logger = globals.MakeLogger();
  auto fetcher = MakeFetcher(settings);
  if (!fetcher) return ReportError(fetcher.error());
  auto refs = LoadReferences(**fetcher, location);
  if (!refs) return ReportError(refs.error());
  if (options.key.empty()) return PrintSummary(location, *refs);

  auto bytes = KeyBytes(**fetcher, *refs, options.key, options.decode).WithContext(location);
  if (!bytes) return ReportError(bytes.error());
  if (!options.output.empty()) {
    auto written = WriteFileAtomically(options.output, *bytes);
    if (!written) return ReportError(written.error());
    std::fprintf(stderr, "wrote %zu bytes to %s\n", bytes->size(), options.output.c_str());
    return 0;
  }
  std::fwrite(bytes->data(), 1, bytes->size(), stdout);
  return 0;
}

}  // namespace

void RegisterInspectCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Summarise a Kerchunk reference file, or print the bytes behind one of its keys");
  cmd->add_option("REFS", options->refs,
                  "Reference file: a path or URL; JSON or zstd-compressed JSON, version 0 or 1")
      ->required();
  cmd->add_option("--key", options->key, "A key to read, e.g. tas/0.0.0 or tas/.zarray");
  cmd->add_flag("--decode", options->decode,
                "Decode the chunk through its array's filters and compressor (raw array bytes)");
  cmd->add_option("-o,--output", options->output, "Write the bytes to this file instead of stdout");
  cmd->footer(
      "Examples:\n"
      "  stacfs inspect sample/sample.refs.json\n"
      "  stacfs inspect https://host/refs/tas.json.zst\n"
      "  stacfs inspect refs.json --key tas/.zattrs\n"
      "  stacfs inspect refs.json --key tas/0.0.0 --decode -o chunk.bin");
  cmd->callback([options, &globals, run] { *run = [options, &globals] { return RunInspect(*options, globals); }; });
}

}  // namespace stacfs
