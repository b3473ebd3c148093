#include "converter/hdf5/hdf5_variable.h"

#include <cstdio>

#include "converter/hdf5/hdf5_attributes.h"
#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_filters.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_inline.h"
#include "converter/hdf5/hdf5_types.h"
#include "core/zarr/chunk_key.h"

namespace stacfs::converter::hdf5 {
namespace {

using MaybeVariable = std::optional<Variable>;

// State shared by the layout-specific steps below.
struct Context {
  Context(const VariableSource& source, std::vector<std::string>* warnings)
      : source(source), warnings(warnings), where("variable '" + source.path + "'") {}

  const VariableSource& source;
  std::vector<std::string>* warnings;
  std::string where;  // "variable 'tas'"
  hid_t file_type = -1;
  hid_t dcpl = -1;
  std::optional<std::string> zarr_fill_element;  // one fill_value element; nullopt for null

  MaybeVariable Skip(const std::string& why) const {
    warnings->push_back(where + " skipped: " + why);
    return std::nullopt;
  }
};

uint64_t ElementCount(const std::vector<uint64_t>& shape) {
  uint64_t count = 1;
  for (uint64_t extent : shape) count *= extent;
  return count;
}

std::string Hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%x", value);
  return text;
}

Result<void> CheckInsideFile(const Context& context, uint64_t offset, uint64_t length) {
  if (offset > context.source.file_size || length > context.source.file_size - offset) {
    return Corrupt("data at [" + std::to_string(offset) + ", +" + std::to_string(length) +
                   ") lies past the end of the file (" + std::to_string(context.source.file_size) +
                   " bytes): truncated?");
  }
  return Ok();
}

// For filters only libhdf5 can undo: embed the decoded array when small, else skip.
Result<MaybeVariable> DecodeThroughHdf5(const Context& context, Variable variable,
                                        const std::string& reason) {
  const uint64_t bytes = ElementCount(variable.zarray.shape) * variable.zarray.dtype.itemsize;
  if (bytes > kMaxDecodedInlineBytes) {
    return context.Skip(reason + " cannot be written as a reference, and its " +
                        std::to_string(bytes) + " decoded bytes exceed the " +
                        std::to_string(kMaxDecodedInlineBytes) + " that are embedded instead");
  }
  Result<void> read = InlineWholeArray(context.source.dataset, context.file_type, &variable);
  if (!read) {
    return context.Skip(reason +
                        " cannot be written as a reference, and libhdf5 cannot decode "
                        "it either: " +
                        read.error().message());
  }
  return MaybeVariable(std::move(variable));
}

Result<void> AddMissingFill(const Context& context, const CodecPipeline& pipeline,
                            Variable* variable) {
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string> hdf5_fill,
                          Hdf5FillElement(context.dcpl, context.file_type));
  STACFS_ASSIGN_OR_RETURN(
      std::optional<std::string> warning,
      MaterializeMissingChunks(hdf5_fill, context.zarr_fill_element, pipeline, variable));
  if (warning) context.warnings->push_back(context.where + ": " + *warning);
  return Ok();
}

Result<MaybeVariable> ReadContiguous(const Context& context, Variable variable) {
  const int external = H5Pget_external_count(context.dcpl);
  if (external < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the storage settings");
  if (external > 0) return context.Skip("its data is stored in external files");
  ArrayMetadata& zarray = variable.zarray;
  zarray.chunks = WholeArrayChunks(zarray.shape);
  const uint64_t bytes = ElementCount(zarray.shape) * zarray.dtype.itemsize;
  const haddr_t offset = H5Dget_offset(context.source.dataset);
  ClearErrorStack();  // HADDR_UNDEF (never written) comes with an error record
  if (bytes > 0 && offset != HADDR_UNDEF) {
    const hsize_t stored = H5Dget_storage_size(context.source.dataset);
    if (stored != bytes) {
      return Corrupt("contiguous data of " + std::to_string(stored) + " bytes, expected " +
                     std::to_string(bytes));
    }
    STACFS_RETURN_IF_ERROR(CheckInsideFile(context, offset, bytes));
    variable.chunks.push_back({0, offset, bytes, 0});
  }
  STACFS_RETURN_IF_ERROR(AddMissingFill(context, CodecPipeline(), &variable));
  return MaybeVariable(std::move(variable));
}

bool IsPartialEdgeChunk(uint64_t linear, const ArrayMetadata& zarray) {
  const std::vector<uint64_t> grid = zarray.ChunkGrid();
  std::vector<uint64_t> index(grid.size());
  ChunkIndexFromLinear(linear, grid, index);
  for (size_t axis = 0; axis < grid.size(); ++axis) {
    if ((index[axis] + 1) * zarray.chunks[axis] > zarray.shape[axis]) return true;
  }
  return false;
}

Result<MaybeVariable> ReadChunked(const Context& context, Variable variable) {
  ArrayMetadata& zarray = variable.zarray;
  const int rank = static_cast<int>(zarray.shape.size());
  std::vector<hsize_t> chunk_dims(static_cast<size_t>(rank) + 1, 0);
  if (H5Pget_chunk(context.dcpl, rank, chunk_dims.data()) != rank) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the chunk shape");
  }
  zarray.chunks.assign(chunk_dims.begin(), chunk_dims.begin() + rank);
  for (uint64_t extent : zarray.chunks) {
    if (extent == 0) return Corrupt("a chunk dimension of 0");
  }

  STACFS_ASSIGN_OR_RETURN(FilterPipeline filters,
                          ReadFilterPipeline(context.dcpl, zarray.dtype.itemsize));
  if (const Filter* filter = filters.first_inexpressible()) {
    return DecodeThroughHdf5(
        context, std::move(variable),
        "filter '" + filter->name + "' (id " + std::to_string(filter->id) + ")");
  }
  zarray.filters = filters.configs();
  STACFS_ASSIGN_OR_RETURN(CodecPipeline pipeline, MakeCodecPipeline(zarray));

  STACFS_ASSIGN_OR_RETURN(
      StoredChunks stored,
      ListChunks(context.source.dataset, zarray.shape, zarray.chunks, context.source.locator,
                 context.source.base_address, context.source.listing));

  unsigned chunk_options = 0;
  if (H5Pget_chunk_opts(context.dcpl, &chunk_options) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the chunk options");
  }
  const bool edges_unfiltered = (chunk_options & H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS) != 0;
  const size_t filter_count = filters.filters.size();
  const uint32_t all_filters =
      filter_count >= 32 ? ~uint32_t{0} : (uint32_t{1} << filter_count) - 1;
  std::vector<std::shared_ptr<const Codec>> filter_codecs;
  const uint64_t chunk_bytes = zarray.ChunkBytes();

  // The listing becomes the variable's chunk list as it is — moved, not copied: it is the
  // largest allocation of a large conversion (scripts/bench/convert). Chunks whose stored bytes
  // do not match the declared codecs are taken out of it in place and inlined re-encoded.
  variable.chunks = std::move(stored.chunks);
  std::vector<ChunkRef>& chunks = variable.chunks;
  auto masked = stored.masked.begin();
  size_t kept = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    const ChunkRef chunk = chunks[i];
    STACFS_RETURN_IF_ERROR(CheckInsideFile(context, chunk.offset, chunk.length));
    while (masked != stored.masked.end() && masked->linear < chunk.linear) ++masked;
    const uint32_t filter_mask =
        masked != stored.masked.end() && masked->linear == chunk.linear ? masked->filter_mask : 0;
    uint32_t skipped = filter_mask & all_filters;
    if (edges_unfiltered && IsPartialEdgeChunk(chunk.linear, zarray)) skipped = all_filters;
    if (skipped == 0) {
      chunks[kept++] = chunk;
      continue;
    }
    // These bytes do not match the declared codecs: a reference to them would decode wrongly.
    if (filter_codecs.empty()) {
      STACFS_ASSIGN_OR_RETURN(filter_codecs, MakeFilterCodecs(filters));
    }
    std::vector<uint64_t> index(zarray.shape.size());
    ChunkIndexFromLinear(chunk.linear, zarray.ChunkGrid(), index);
    for (size_t axis = 0; axis < index.size(); ++axis) index[axis] *= zarray.chunks[axis];
    Result<std::string> reencoded =
        ReencodeChunk(context.source.dataset, index, skipped, filter_codecs, pipeline, chunk_bytes);
    if (!reencoded) {
      return DecodeThroughHdf5(context, std::move(variable),
                               "chunk " + std::to_string(chunk.linear) +
                                   ", stored with filter mask " + Hex(skipped) + " (" +
                                   reencoded.error().message() + "),");
    }
    variable.inline_chunks.push_back({chunk.linear, std::move(*reencoded)});
  }
  chunks.resize(kept);
  STACFS_RETURN_IF_ERROR(AddMissingFill(context, pipeline, &variable));
  return MaybeVariable(std::move(variable));
}

Result<MaybeVariable> ReadVlenStrings(const Context& context, H5D_layout_t layout,
                                      Variable variable) {
  ArrayMetadata& zarray = variable.zarray;
  zarray.chunks = WholeArrayChunks(zarray.shape);
  if (layout == H5D_CHUNKED) {
    // Keep HDF5's chunking so that a large string array is not one huge inline chunk.
    const int rank = static_cast<int>(zarray.shape.size());
    std::vector<hsize_t> chunk_dims(static_cast<size_t>(rank) + 1, 0);
    if (H5Pget_chunk(context.dcpl, rank, chunk_dims.data()) != rank) {
      return Hdf5Error(ErrorCode::kCorrupt, "cannot read the chunk shape");
    }
    for (int axis = 0; axis < rank; ++axis) {
      if (chunk_dims[axis] > 0) zarray.chunks[axis] = chunk_dims[axis];
    }
  }
  STACFS_ASSIGN_OR_RETURN(uint64_t not_utf8, InlineVlenStrings(context.source.dataset, &variable));
  if (not_utf8 > 0) {
    context.warnings->push_back(context.where + ": " + std::to_string(not_utf8) +
                                " strings were not UTF-8 and were read as Latin-1");
  }
  return MaybeVariable(std::move(variable));
}

Result<MaybeVariable> ReadVariableImpl(const VariableSource& source,
                                       std::vector<std::string>* warnings) {
  Context context(source, warnings);
  DatatypeHandle file_type(H5Dget_type(source.dataset));
  if (!file_type) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the datatype");
  context.file_type = file_type.get();
  STACFS_ASSIGN_OR_RETURN(ElementType element, MapDatatype(file_type.get()));
  if (element.kind == ElementKind::kUnsupported) {
    return context.Skip(element.unsupported + " is not supported");
  }

  DataspaceHandle space(H5Dget_space(source.dataset));
  if (!space) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
  if (space_class == H5S_NO_CLASS)
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  if (space_class == H5S_NULL) return context.Skip("it has no data (HDF5 null dataspace)");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  std::vector<hsize_t> extent(static_cast<size_t>(rank) + 1, 0);
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), extent.data(), nullptr) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  }
  if (source.dims.size() != static_cast<size_t>(rank)) {
    return Internal(std::to_string(source.dims.size()) + " dimension names for rank " +
                    std::to_string(rank));
  }

  PropertyListHandle dcpl(H5Dget_create_plist(source.dataset));
  if (!dcpl) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the creation properties");
  context.dcpl = dcpl.get();
  const H5D_layout_t layout = H5Pget_layout(dcpl.get());
  if (layout == H5D_LAYOUT_ERROR) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the layout");

  Variable variable;
  variable.path = source.path;
  variable.dims = source.dims;
  ArrayMetadata& zarray = variable.zarray;
  zarray.shape.assign(extent.begin(), extent.begin() + rank);
  zarray.dtype = element.dtype;
  zarray.order = 'C';
  zarray.dimension_separator = '.';
  STACFS_ASSIGN_OR_RETURN(variable.attributes,
                          ReadAttributesJson(source.dataset, true, context.where, warnings));

  STACFS_ASSIGN_OR_RETURN(
      std::optional<std::string> fill,
      ReadFillValueAttribute(source.dataset, file_type.get(), element, context.where, warnings));
  if (fill && element.kind == ElementKind::kVlenString) {
    zarray.fill_value.kind = FillValue::Kind::kString;
    zarray.fill_value.bytes = *fill;
  } else if (fill) {
    Result<FillValue> value = FillValueFromElement(*fill, zarray.dtype);
    if (value) {
      zarray.fill_value = std::move(*value);
      context.zarr_fill_element = fill;
    } else {
      warnings->push_back(context.where + ": _FillValue ignored: " + value.error().message());
    }
  }

  if (element.kind == ElementKind::kVlenString) {
    return ReadVlenStrings(context, layout, std::move(variable));
  }
  switch (layout) {
    case H5D_COMPACT: {
      // The data lives in the object header: there is no byte range to refer to.
      STACFS_RETURN_IF_ERROR(InlineWholeArray(source.dataset, file_type.get(), &variable));
      return MaybeVariable(std::move(variable));
    }
    case H5D_CONTIGUOUS:
      return ReadContiguous(context, std::move(variable));
    case H5D_CHUNKED:
      return ReadChunked(context, std::move(variable));
    case H5D_VIRTUAL:
      return context.Skip("virtual datasets (data mapped from elsewhere) are not supported");
    default:
      return context.Skip("its storage layout is not supported");
  }
}

}  // namespace

Result<std::optional<Variable>> ReadVariable(const VariableSource& source,
                                             std::vector<std::string>* warnings) {
  return ReadVariableImpl(source, warnings).WithContext("variable '" + source.path + "'");
}

}  // namespace stacfs::converter::hdf5
