#include "converter/netcdf3/netcdf3_reader.h"

#include <string_view>
#include <unordered_set>
#include <utility>

#include "converter/netcdf3/attributes.h"
#include "converter/netcdf3/header_parser.h"
#include "converter/netcdf3/header_stream.h"
#include "converter/netcdf3/nc_fill_value.h"
#include "converter/netcdf3/record_layout.h"
#include "converter/netcdf3/text.h"

namespace stacfs::converter {
namespace {

using netcdf3::NcHeader;
using netcdf3::NcVariable;

// A variable's name becomes a Zarr key prefix: it must be one non-empty path segment that is
// not a Zarr metadata name. netCDF names never start with '.' and never contain '/' or NUL,
// so a name that does comes from a corrupt header.
Result<void> CheckVariableName(const std::string& name, const NcVariable& var) {
  if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    return Corrupt("variable at header offset " + std::to_string(var.header_offset) +
                   " has the name \"" + netcdf3::Printable(name) +
                   "\", which is not a netCDF name (empty, starting with '.', or containing "
                   "'/' or NUL) and cannot be a Zarr array name");
  }
  return Ok();
}

Result<Dataset> Read(const std::string& path, const ReadOptions& options) {
  STACFS_ASSIGN_OR_RETURN(netcdf3::HeaderStream stream, netcdf3::HeaderStream::Open(path));
  STACFS_ASSIGN_OR_RETURN(NcHeader header, netcdf3::ParseHeader(stream));

  Dataset dataset;
  dataset.sources.push_back(options.url);

  std::vector<std::string> dim_names;
  dim_names.reserve(header.dimensions.size());
  for (const auto& dim : header.dimensions) {
    bool latin1 = false;
    dim_names.push_back(netcdf3::DecodeText(dim.name, &latin1));
    if (latin1) {
      dataset.warnings.push_back("dimension \"" + dim_names.back() +
                                 "\": its name is not valid UTF-8; it was read as Latin-1");
    }
  }

  std::vector<std::string> var_names;
  var_names.reserve(header.variables.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(header.variables.size());
  for (const NcVariable& var : header.variables) {
    bool latin1 = false;
    var_names.push_back(netcdf3::DecodeText(var.name, &latin1));
    const std::string& name = var_names.back();
    STACFS_RETURN_IF_ERROR(CheckVariableName(name, var));
    if (latin1) {
      dataset.warnings.push_back("variable \"" + name +
                                 "\": its name is not valid UTF-8; it was read as Latin-1");
    }
  }
  for (const std::string& name : var_names) {
    if (!seen.insert(name).second) {
      return Corrupt("two variables are named \"" + name + "\"");
    }
  }

  STACFS_ASSIGN_OR_RETURN(netcdf3::FileLayout layout, netcdf3::ComputeLayout(header, var_names));
  if (layout.numrecs_from_file_size) {
    dataset.warnings.push_back(
        "numrecs is STREAMING (not recorded in the header): " + std::to_string(layout.numrecs) +
        " whole records of " + std::to_string(layout.recsize) +
        " bytes were counted from the file size; record variables have that many");
  }

  Group root;
  std::vector<std::string> attribute_warnings;
  auto globals = netcdf3::AttributesToJson(header.global_attributes, "", &attribute_warnings);
  if (!globals) return std::move(globals).error().WithContext("global attributes");
  root.attributes = std::move(*globals);
  for (auto& warning : attribute_warnings) dataset.warnings.push_back("global " + warning);
  dataset.groups.push_back(std::move(root));

  dataset.variables.reserve(header.variables.size());
  for (size_t v = 0; v < header.variables.size(); ++v) {
    const NcVariable& nc = header.variables[v];
    netcdf3::VariableLayout& placed = layout.variables[v];
    Variable out;
    out.path = var_names[v];
    out.dims.reserve(nc.dim_ids.size());
    for (uint64_t id : nc.dim_ids) out.dims.push_back(dim_names[id]);

    ArrayMetadata& zarray = out.zarray;
    zarray.dtype = netcdf3::NcTypeToDataType(nc.type);
    zarray.chunks = placed.shape;
    if (placed.is_record) zarray.chunks[0] = 1;
    zarray.shape = std::move(placed.shape);

    std::string_view skip;
    for (const auto& attribute : nc.attributes) {
      if (attribute.name != "_FillValue") continue;
      skip = "_FillValue";
      auto fill = netcdf3::FillValueFromAttribute(attribute, nc.type);
      if (fill) {
        zarray.fill_value = std::move(*fill);
      } else {
        dataset.warnings.push_back("variable \"" + out.path + "\": " + fill.error().message());
      }
      break;
    }
    attribute_warnings.clear();
    auto attributes = netcdf3::AttributesToJson(nc.attributes, skip, &attribute_warnings);
    if (!attributes) {
      return std::move(attributes).error().WithContext("variable \"" + out.path + "\"");
    }
    out.attributes = std::move(*attributes);
    for (auto& warning : attribute_warnings) {
      dataset.warnings.push_back("variable \"" + out.path + "\": " + warning);
    }

    if (!placed.is_record) {
      out.chunks.push_back(ChunkRef{0, placed.begin, placed.slab_bytes, 0});
    } else {
      out.chunks.reserve(layout.numrecs);
      for (uint64_t i = 0; i < layout.numrecs; ++i) {
        out.chunks.push_back(ChunkRef{i, placed.begin + i * layout.recsize, placed.slab_bytes, 0});
      }
    }
    dataset.variables.push_back(std::move(out));
  }
  return dataset;
}

}  // namespace

Result<Dataset> ReadNetcdf3File(const std::string& path, const ReadOptions& options) {
  return Read(path, options).WithContext(path);
}

}  // namespace stacfs::converter
