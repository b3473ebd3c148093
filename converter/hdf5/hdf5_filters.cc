#include "converter/hdf5/hdf5_filters.h"

#include <array>

#include "converter/hdf5/hdf5_errors.h"
#include "core/codec/config_json.h"

namespace stacfs::converter::hdf5 {
namespace {

// Registered filter ids
// (https://github.com/HDFGroup/hdf5_plugins/blob/master/docs/RegisteredFilterPlugins.md).
constexpr H5Z_filter_t kBloscFilter = 32001;
constexpr H5Z_filter_t kZstdFilter = 32015;

// hdf5-blosc's cd_values: [0] filter revision, [1] blosc format version, [2] typesize,
// [3] chunk size in bytes, then optional [4] clevel (default 5), [5] shuffle (default 1: byte
// shuffle), [6] compressor code (default 0: blosclz).
std::string BloscConfig(const std::vector<unsigned>& cd) {
  static constexpr std::array<const char*, 6> kCompressors = {"blosclz", "lz4",  "lz4hc",
                                                              "snappy",  "zlib", "zstd"};
  const unsigned clevel = cd.size() > 4 ? cd[4] : 5;
  const unsigned shuffle = cd.size() > 5 ? cd[5] : 1;
  const unsigned code = cd.size() > 6 ? cd[6] : 0;
  // Decoding reads everything from the blosc frame's own header; these parameters matter only
  // to a re-encode. An unknown compressor code would name nothing numcodecs knows.
  if (code >= kCompressors.size() || clevel > 9 || shuffle > 2) return "";
  return ConfigJsonBuilder("blosc")
      .String("cname", kCompressors[code])
      .Int("clevel", clevel)
      .Int("shuffle", shuffle)
      .Int("blocksize", 0)
      .Build();
}

}  // namespace

std::string NumcodecsConfig(H5Z_filter_t id, const std::vector<unsigned>& cd, size_t element_size) {
  switch (id) {
    case H5Z_FILTER_SHUFFLE:
      // HDF5's shuffle records the element size it was set up with; numcodecs' shuffle is the
      // same byte transposition.
      return ConfigJsonBuilder("shuffle")
          .Int("elementsize", cd.empty() ? static_cast<int64_t>(element_size) : cd[0])
          .Build();
    case H5Z_FILTER_DEFLATE:
      // HDF5's deflate writes a zlib stream (RFC 1950 header and Adler-32), as numcodecs' zlib.
      return ConfigJsonBuilder("zlib").Int("level", cd.empty() || cd[0] > 9 ? 6 : cd[0]).Build();
    case H5Z_FILTER_FLETCHER32:
      return ConfigJsonBuilder("fletcher32").Build();
    case kBloscFilter:
      return BloscConfig(cd);
    case kZstdFilter:
      // The plugin's only parameter is the level; the chunk is one zstd frame.
      return ConfigJsonBuilder("zstd")
          .Int("level", cd.empty() ? 3 : static_cast<int>(cd[0]))
          .Build();
    default:
      return "";
  }
}

bool FilterPipeline::expressible() const { return first_inexpressible() == nullptr; }

const Filter* FilterPipeline::first_inexpressible() const {
  for (const Filter& filter : filters) {
    if (filter.config_json.empty()) return &filter;
  }
  return nullptr;
}

std::vector<std::string> FilterPipeline::configs() const {
  std::vector<std::string> out;
  for (const Filter& filter : filters) out.push_back(filter.config_json);
  return out;
}

Result<FilterPipeline> ReadFilterPipeline(hid_t dcpl, size_t element_size) {
  const int count = H5Pget_nfilters(dcpl);
  if (count < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the filter pipeline");
  FilterPipeline pipeline;
  for (int index = 0; index < count; ++index) {
    // Twice: first with a small buffer to learn how many parameters there are.
    size_t cd_count = 8;
    std::vector<unsigned> cd(cd_count);
    unsigned flags = 0;
    unsigned config = 0;
    char name[256] = {0};
    H5Z_filter_t id = H5Pget_filter2(dcpl, static_cast<unsigned>(index), &flags, &cd_count,
                                     cd.data(), sizeof name, name, &config);
    if (id < 0)
      return Hdf5Error(ErrorCode::kCorrupt, "cannot read filter " + std::to_string(index));
    if (cd_count > cd.size()) {
      cd.resize(cd_count);
      id = H5Pget_filter2(dcpl, static_cast<unsigned>(index), &flags, &cd_count, cd.data(),
                          sizeof name, name, &config);
      if (id < 0)
        return Hdf5Error(ErrorCode::kCorrupt, "cannot read filter " + std::to_string(index));
    }
    cd.resize(cd_count);
    Filter filter;
    filter.id = id;
    filter.name = name[0] != '\0' ? std::string(name) : "filter " + std::to_string(id);
    filter.config_json = NumcodecsConfig(id, cd, element_size);
    filter.client_data = std::move(cd);
    pipeline.filters.push_back(std::move(filter));
  }
  return pipeline;
}

Result<std::vector<std::shared_ptr<const Codec>>> MakeFilterCodecs(const FilterPipeline& pipeline) {
  std::vector<std::shared_ptr<const Codec>> codecs;
  for (const Filter& filter : pipeline.filters) {
    if (filter.config_json.empty()) {
      return Unsupported("filter '" + filter.name + "' has no numcodecs equivalent");
    }
    STACFS_ASSIGN_OR_RETURN(std::shared_ptr<const Codec> codec, MakeCodec(filter.config_json));
    codecs.push_back(std::move(codec));
  }
  return codecs;
}

}  // namespace stacfs::converter::hdf5
