#include "core/kerchunk/reference_file.h"

#include <zstd.h>

#include <memory>
#include <unordered_map>

#include "core/base/atomic_file.h"
#include "core/base/base64.h"
#include "core/kerchunk/reference_json_writer.h"
#include "core/json/json.h"
#include "core/url/url.h"

namespace stacfs {
namespace {

constexpr std::string_view kBase64Prefix = "base64:";

std::string Quoted(std::string_view key) { return "key '" + std::string(key) + "'"; }

// Expands {{name}} (spaces inside the braces allowed) from `templates`.
Result<std::string> ExpandTemplates(std::string_view url,
                                    const std::unordered_map<std::string, std::string>& templates) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = url.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = url.find("}}", open + 2);
    if (close == std::string_view::npos) return InvalidArgument("unclosed '{{' in URL " + std::string(url));
    out.append(url.substr(pos, open - pos));
    std::string_view name = url.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto it = templates.find(std::string(name));
    if (it == templates.end()) {
      return InvalidArgument("URL " + std::string(url) + " uses undefined template '" +
                             std::string(name) + "'");
    }
    out += it->second;
    pos = close + 2;
  }
  out.append(url.substr(pos));
  return out;
}

// Turns the URLs of one file into absolute ones, each distinct string once.
class UrlResolver {
 public:
  UrlResolver(const ReferenceParseOptions& options,
              std::unordered_map<std::string, std::string> templates)
      : options_(options), templates_(std::move(templates)) {}

  Result<uint32_t> Intern(std::string_view raw, ReferenceSetBuilder& builder) {
    if (raw == last_raw_ && have_last_) return last_id_;
    auto it = ids_.find(raw);
    if (it == ids_.end()) {
      std::string url(raw);
      if (url.find("{{") != std::string::npos) {
        STACFS_ASSIGN_OR_RETURN(url, ExpandTemplates(url, templates_));
      }
      if (url.empty()) return InvalidArgument("empty URL");
      if (!IsAbsoluteLocation(url)) {
        if (options_.location.empty()) {
          return InvalidArgument("relative URL '" + url +
                                 "' and no reference file location to resolve it against");
        }
        url = ResolveUrl(options_.location, url);
      }
      it = ids_.emplace(raw, builder.InternUrl(url)).first;
    }
    last_raw_ = raw;
    last_id_ = it->second;
    have_last_ = true;
    return it->second;
  }

 private:
  const ReferenceParseOptions& options_;
  std::unordered_map<std::string, std::string> templates_;
  // Keys are views into the parsed document, which outlives this resolver.
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::string_view last_raw_;
  uint32_t last_id_ = 0;
  bool have_last_ = false;
};

bool IsMetadataKey(std::string_view key) {
  size_t slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  return name.starts_with(".z");
}

Result<void> AddValue(std::string_view key, simdjson::dom::element value, UrlResolver& urls,
                      ReferenceSetBuilder& builder) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      if (text.starts_with(kBase64Prefix)) {
        auto bytes = Base64Decode(text.substr(kBase64Prefix.size()));
        if (!bytes) return std::move(bytes).error();
        return builder.AddInline(key, *bytes);
      }
      return builder.AddInline(key, text);
    }
    case simdjson::dom::element_type::OBJECT:
      // Metadata written as a JSON object rather than a JSON string; bare NaN/Infinity in it
      // (an attribute) stay bare numbers.
      return builder.AddInline(key, RestoreNonFiniteTokens(simdjson::minify(value)));
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array parts = value.get_array().value_unsafe();
      size_t n = parts.size();
      if (n != 1 && n != 3) {
        return InvalidArgument("expected [url] or [url, offset, length], got an array of " +
                               std::to_string(n));
      }
      auto first = parts.at(0).value_unsafe();
      std::string_view raw_url;
      if (first.get(raw_url)) {
        return InvalidArgument("URL must be a string, not " + JsonTypeName(first.type()));
      }
      STACFS_ASSIGN_OR_RETURN(uint32_t url_id, urls.Intern(raw_url, builder));
      if (n == 1) {
        builder.AddWholeObject(key, url_id);
        return Ok();
      }
      STACFS_ASSIGN_OR_RETURN(uint64_t offset, GetUint(parts.at(1).value_unsafe(), "offset"));
      STACFS_ASSIGN_OR_RETURN(uint64_t length, GetUint(parts.at(2).value_unsafe(), "length"));
      if (!IsRepresentable(offset, length)) return InvalidArgument("offset + length overflows");
      builder.AddRange(key, url_id, ByteRange{offset, length});
      return Ok();
    }
    default:
      return InvalidArgument("value must be a string, an object or an array, not " +
                             JsonTypeName(value.type()));
  }
}

Result<void> ReadTemplates(simdjson::dom::object root,
                           std::unordered_map<std::string, std::string>* templates) {
  simdjson::dom::element e;
  if (root["templates"].get(e) || e.is_null()) return Ok();
  simdjson::dom::object object;
  if (e.get(object)) return InvalidArgument("'templates' must be an object");
  for (auto [name, value] : object) {
    STACFS_ASSIGN_OR_RETURN(std::string_view text, GetString(value, "templates." + std::string(name)));
    templates->emplace(std::string(name), std::string(text));
  }
  return Ok();
}

Result<ReferenceSet> ParseJsonReferences(std::string_view json, const ReferenceParseOptions& options) {
  std::string what = options.location.empty() ? "reference file" : options.location;
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root,
                          doc.Parse(json, what, JsonDocument::kDefaultMaxBytes, NonFiniteTokens::kMarked));
  simdjson::dom::object refs;
  if (root.get(refs)) {
    return InvalidArgument(what + ": a reference file must be a JSON object, not " +
                           JsonTypeName(root.type()));
  }
  simdjson::dom::element version;
  std::unordered_map<std::string, std::string> templates;
  if (!refs["version"].get(version)) {
    int64_t v = 0;
    if (version.get(v) || v != 1) {
      return Unsupported(what + ": unsupported reference version " + simdjson::minify(version) +
                         " (stacfs reads versions 0 and 1)");
    }
    simdjson::dom::element gen;
    if (!refs["gen"].get(gen) && !gen.is_null() &&
        !(gen.is_array() && gen.get_array().value_unsafe().size() == 0)) {
      return Unsupported(what + ": 'gen' (generated references) is not supported; expand it "
                         "first, e.g. with kerchunk's `fsspec.implementations.reference` "
                         "round-trip, or write explicit refs");
    }
    auto read_templates = ReadTemplates(refs, &templates);
    if (!read_templates) return std::move(read_templates).error().WithContext(what);
    simdjson::dom::element inner;
    if (refs["refs"].get(inner) || inner.get(refs)) {
      return InvalidArgument(what + ": version 1 file has no 'refs' object");
    }
  }

  ReferenceSetBuilder builder;
  UrlResolver urls(options, std::move(templates));
  // Metadata first so that chunk references are packed as they are added.
  for (int pass = 0; pass < 2; ++pass) {
    for (auto [key, value] : refs) {
      if (IsMetadataKey(key) != (pass == 0)) continue;
      auto added = AddValue(key, value, urls, builder);
      if (!added) return std::move(added).error().WithContext(Quoted(key)).WithContext(what);
    }
  }
  return std::move(builder).Build();
}

}  // namespace

bool IsZstdFrame(std::string_view bytes) {
  return bytes.size() >= 4 && static_cast<uint8_t>(bytes[0]) == 0x28 &&
         static_cast<uint8_t>(bytes[1]) == 0xB5 && static_cast<uint8_t>(bytes[2]) == 0x2F &&
         static_cast<uint8_t>(bytes[3]) == 0xFD;
}

Result<std::string> DecompressZstd(std::string_view bytes, uint64_t max_bytes, std::string_view what) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) return ResourceExhausted("cannot allocate a zstd decompression context");
  std::string out;
  unsigned long long declared = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR) {
    out.reserve(declared < max_bytes ? declared : max_bytes);
  }
  ZSTD_inBuffer input{bytes.data(), bytes.size(), 0};
  std::string block(ZSTD_DStreamOutSize(), '\0');
  size_t last = 0;
  while (input.pos < input.size) {
    ZSTD_outBuffer output{block.data(), block.size(), 0};
    last = ZSTD_decompressStream(context.get(), &output, &input);
    if (ZSTD_isError(last)) {
      return Corrupt(std::string(what) + ": corrupt zstd data at compressed offset " +
                     std::to_string(input.pos) + " (" + ZSTD_getErrorName(last) + ")");
    }
    if (out.size() + output.pos > max_bytes) {
      return ResourceExhausted(std::string(what) + ": decompresses to more than " +
                               std::to_string(max_bytes) + " bytes");
    }
    out.append(block.data(), output.pos);
    if (output.pos == 0 && last != 0 && input.pos == input.size) break;
  }
  // Flush whatever the decoder still holds for the final frame.
  while (last != 0) {
    ZSTD_outBuffer output{block.data(), block.size(), 0};
    last = ZSTD_decompressStream(context.get(), &output, &input);
    if (ZSTD_isError(last)) {
      return Corrupt(std::string(what) + ": corrupt zstd data (" + ZSTD_getErrorName(last) + ")");
    }
    if (output.pos == 0) break;
    if (out.size() + output.pos > max_bytes) {
      return ResourceExhausted(std::string(what) + ": decompresses to more than " +
                               std::to_string(max_bytes) + " bytes");
    }
    out.append(block.data(), output.pos);
  }
  if (last != 0) {
    return Corrupt(std::string(what) + ": truncated zstd data (the last frame is incomplete)");
  }
  return out;
}

Result<ReferenceSet> ParseReferences(std::string_view bytes, const ReferenceParseOptions& options) {
  std::string what = options.location.empty() ? "reference file" : options.location;
  if (IsZstdFrame(bytes)) {
    STACFS_ASSIGN_OR_RETURN(std::string json,
                            DecompressZstd(bytes, options.max_decompressed_bytes, what));
    return ParseJsonReferences(json, options);
  }
  if (bytes.starts_with("PAR1")) {
    return Unsupported(what + ": Parquet references are not supported yet");
  }
  return ParseJsonReferences(bytes, options);
}

Result<ReferenceSet> LoadReferences(Fetcher& fetcher, std::string_view location,
                                    const ReferenceParseOptions& options) {
  ReferenceParseOptions with_location = options;
  with_location.location = std::string(location);
  STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher.Fetch(FetchRequest{std::string(location), {}}));
  return ParseReferences(response.bytes.view(), with_location);
}

namespace {

// Streams `refs` through a ReferenceJsonWriter into `sink`.
Result<void> WriteReferences(const ReferenceSet& refs, ReferenceJsonWriter::Sink sink) {
  ReferenceJsonWriter writer(std::move(sink));
  std::optional<Error> error;
  refs.ForEach([&](std::string_view key, const Reference& ref) {
    if (error) return;
    auto added = writer.Add(key, ref);
    if (!added) error = std::move(added).error();
  });
  if (error) return std::move(*error);
  return writer.Finish();
}

}  // namespace

Result<std::string> SerializeReferences(const ReferenceSet& refs) {
  std::string out;
  STACFS_RETURN_IF_ERROR(WriteReferences(refs, [&out](std::string_view piece) -> Result<void> {
    out.append(piece);
    return Ok();
  }));
  return out;
}

Result<void> WriteReferencesFile(const ReferenceSet& refs, const std::string& path) {
  // Streamed: the JSON text of a large set is never held whole in memory.
  STACFS_ASSIGN_OR_RETURN(AtomicFile file, AtomicFile::Create(path));
  STACFS_RETURN_IF_ERROR(WriteReferences(refs, [&file](std::string_view piece) {
    return file.Append(piece);
  }));
  return file.Commit();
}

}  // namespace stacfs
