// MakeCodec: numcodecs JSON configuration -> Codec, with numcodecs' parameter defaults.
//
// Parameters are strict, like numcodecs itself (whose codecs reject unknown keyword
// arguments): a missing required or wrong-typed parameter is kInvalidArgument, an unknown one
// kUnsupported (it may be an option of a newer numcodecs that stacfs does not implement), so
// an unexpected configuration fails loudly instead of decoding differently.
#include <simdjson.h>

#include <array>
#include <climits>
#include <optional>
#include <set>
#include <string>

#include "core/codec/blosc_codec.h"
#include "core/codec/codec.h"
#include "core/codec/delta_codec.h"
#include "core/codec/fletcher32_codec.h"
#include "core/codec/gzip_codec.h"
#include "core/codec/lz4_codec.h"
#include "core/codec/shuffle_codec.h"
#include "core/codec/vlen_utf8.h"
#include "core/codec/zlib_codec.h"
#include "core/codec/zstd_codec.h"

namespace stacfs {
namespace {

// Typed access to one configuration object's parameters. Remembers the keys read so that
// the rest can be reported as unknown.
class Params {
 public:
  Params(std::string_view codec_id, simdjson::dom::object object)
      : codec_id_(codec_id), object_(object) {
    consumed_.insert("id");
  }

  Result<int> Int(std::string_view key, std::optional<int> fallback) {
    STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::element> value, Find(key, fallback));
    if (!value) return *fallback;
    int64_t number = 0;
    if (value->get_int64().get(number) != simdjson::SUCCESS) {
      return WrongType(key, "an integer", *value);
    }
    if (number < INT_MIN || number > INT_MAX) {
      return InvalidArgument(Where(key) + " is out of range: " + std::to_string(number));
    }
    return static_cast<int>(number);
  }

  Result<bool> Bool(std::string_view key, bool fallback) {
    STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::element> value,
                            Find(key, std::optional<bool>(fallback)));
    if (!value) return fallback;
    bool flag = false;
    if (value->get_bool().get(flag) != simdjson::SUCCESS) {
      return WrongType(key, "true or false", *value);
    }
    return flag;
  }

  // A missing key or JSON null give `fallback` if there is one.
  Result<std::string> String(std::string_view key, std::optional<std::string> fallback) {
    STACFS_ASSIGN_OR_RETURN(std::optional<simdjson::dom::element> value, Find(key, fallback));
    if (!value) return *fallback;
    std::string_view text;
    if (value->get_string().get(text) != simdjson::SUCCESS) {
      return WrongType(key, "a string", *value);
    }
    return std::string(text);
  }

  // Call after reading every known parameter.
  Result<void> CheckNoUnknownKeys() const {
    for (auto [key, value] : object_) {
      if (consumed_.count(std::string(key)) == 0) {
        return Unsupported("codec '" + codec_id_ + "': unknown parameter '" + std::string(key) +
                           "'");
      }
    }
    return Ok();
  }

 private:
  // The element at `key`; nullopt when absent (or null) and a fallback exists.
  template <class T>
  Result<std::optional<simdjson::dom::element>> Find(std::string_view key,
                                                     const std::optional<T>& fallback) {
    consumed_.insert(std::string(key));
    simdjson::dom::element value;
    const bool present = object_.at_key(key).get(value) == simdjson::SUCCESS && !value.is_null();
    if (present) return std::optional<simdjson::dom::element>(value);
    if (fallback) return std::optional<simdjson::dom::element>();
    return InvalidArgument(Where(key) + " is required");
  }

  std::string Where(std::string_view key) const {
    return "codec '" + codec_id_ + "': parameter '" + std::string(key) + "'";
  }

  Error WrongType(std::string_view key, std::string_view wanted,
                  simdjson::dom::element value) const {
    return InvalidArgument(Where(key) + " must be " + std::string(wanted) + ", got " +
                           simdjson::minify(value));
  }

  std::string codec_id_;
  simdjson::dom::object object_;
  std::set<std::string> consumed_;
};

using CodecResult = Result<std::shared_ptr<const Codec>>;

// Each reads its parameters with numcodecs' defaults (numcodecs 0.11 sources).
CodecResult BuildZlib(Params& p) {
  STACFS_ASSIGN_OR_RETURN(int level, p.Int("level", 1));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeZlibCodec(level);
}

CodecResult BuildGzip(Params& p) {
  STACFS_ASSIGN_OR_RETURN(int level, p.Int("level", 1));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeGzipCodec(level);
}

CodecResult BuildShuffle(Params& p) {
  STACFS_ASSIGN_OR_RETURN(int elementsize, p.Int("elementsize", 4));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeShuffleCodec(elementsize);
}

CodecResult BuildBlosc(Params& p) {
  BloscParams params;
  STACFS_ASSIGN_OR_RETURN(params.cname, p.String("cname", params.cname));
  STACFS_ASSIGN_OR_RETURN(params.clevel, p.Int("clevel", params.clevel));
  STACFS_ASSIGN_OR_RETURN(params.shuffle, p.Int("shuffle", params.shuffle));
  STACFS_ASSIGN_OR_RETURN(params.blocksize, p.Int("blocksize", params.blocksize));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeBloscCodec(params);
}

CodecResult BuildZstd(Params& p) {
  STACFS_ASSIGN_OR_RETURN(int level, p.Int("level", 1));
  STACFS_ASSIGN_OR_RETURN(bool checksum, p.Bool("checksum", false));  // numcodecs >= 0.12
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeZstdCodec(level, checksum);
}

CodecResult BuildLz4(Params& p) {
  STACFS_ASSIGN_OR_RETURN(int acceleration, p.Int("acceleration", 1));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeLz4Codec(acceleration);
}

CodecResult BuildFletcher32(Params& p) {
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeFletcher32Codec();
}

CodecResult BuildVlenUtf8(Params& p) {
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeVlenUtf8Codec();
}

CodecResult BuildDelta(Params& p) {
  STACFS_ASSIGN_OR_RETURN(std::string dtype, p.String("dtype", std::nullopt));
  STACFS_ASSIGN_OR_RETURN(std::string astype, p.String("astype", std::string()));
  STACFS_RETURN_IF_ERROR(p.CheckNoUnknownKeys());
  return MakeDeltaCodec(dtype, astype);
}

struct CodecEntry {
  std::string_view id;
  CodecResult (*build)(Params&);
};

constexpr std::array kCodecs = {
    CodecEntry{"blosc", &BuildBlosc},
    CodecEntry{"delta", &BuildDelta},
    CodecEntry{"fletcher32", &BuildFletcher32},
    CodecEntry{"gzip", &BuildGzip},
    CodecEntry{"lz4", &BuildLz4},
    CodecEntry{"shuffle", &BuildShuffle},
    CodecEntry{"vlen-utf8", &BuildVlenUtf8},
    CodecEntry{"zlib", &BuildZlib},
    CodecEntry{"zstd", &BuildZstd},
};

std::string SupportedIds() {
  std::string ids;
  for (const CodecEntry& entry : kCodecs) {
    if (!ids.empty()) ids += ", ";
    ids += entry.id;
  }
  return ids;
}

}  // namespace

Result<std::shared_ptr<const Codec>> MakeCodec(std::string_view config_json) {
  // A parser per call: codecs are built once per array, and a shared parser would need a lock.
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(config_json);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return InvalidArgument(std::string("codec configuration is not valid JSON: ") +
                           simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgument("codec configuration must be a JSON object, got " +
                           simdjson::minify(root));
  }
  std::string_view id;
  simdjson::dom::element id_element;
  if (object.at_key("id").get(id_element) != simdjson::SUCCESS) {
    return InvalidArgument("codec configuration has no \"id\": " + simdjson::minify(root));
  }
  if (id_element.get_string().get(id) != simdjson::SUCCESS) {
    return InvalidArgument("codec configuration's \"id\" must be a string, got " +
                           simdjson::minify(id_element));
  }
  for (const CodecEntry& entry : kCodecs) {
    if (entry.id == id) {
      Params params(id, object);
      return entry.build(params);
    }
  }
  return Unsupported("unknown codec '" + std::string(id) + "' (stacfs supports " + SupportedIds() +
                     ")");
}

}  // namespace stacfs
