#include "converter/hdf5/hdf5_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <optional>

#include "converter/hdf5/hdf5_attributes.h"
#include "converter/hdf5/hdf5_dimensions.h"
#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_locating_driver.h"
#include "converter/hdf5/hdf5_variable.h"
#include "converter/hdf5/hdf5_walk.h"
#include "core/base/file_util.h"

namespace stacfs::converter::hdf5 {
namespace {

// A dataset as dimension naming needs it.
struct DatasetShape {
  std::vector<uint64_t> shape;
  std::vector<bool> unlimited;
  std::optional<ScaleInfo> scale;
  std::vector<std::optional<haddr_t>> attached;     // per axis, DIMENSION_LIST
  std::optional<std::vector<int64_t>> coordinates;  // _Netcdf4Coordinates
};

// The file before HDF5 sees it: a missing or unreadable path is the user's problem to fix, and
// deserves a plainer message than libhdf5's "unable to open file".
Result<uint64_t> CheckReadableFile(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return ErrnoError(errno, "stat");
  if (!S_ISREG(info.st_mode)) return InvalidArgument("not a regular file");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open");
  ::close(fd);
  return static_cast<uint64_t>(info.st_size);
}

Result<DatasetShape> ReadDatasetShape(hid_t dataset) {
  DatasetShape out;
  DataspaceHandle space(H5Dget_space(dataset));
  if (!space) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  std::vector<hsize_t> dims(static_cast<size_t>(rank) + 1, 0);
  std::vector<hsize_t> max_dims(static_cast<size_t>(rank) + 1, 0);
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), max_dims.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the dataspace");
  }
  for (int axis = 0; axis < rank; ++axis) {
    out.shape.push_back(dims[axis]);
    out.unlimited.push_back(max_dims[axis] == H5S_UNLIMITED);
  }
  STACFS_ASSIGN_OR_RETURN(out.scale, ReadScaleInfo(dataset));
  if (!out.scale) {
    STACFS_ASSIGN_OR_RETURN(out.attached, ReadAttachedScales(dataset, rank));
  } else {
    out.attached.resize(static_cast<size_t>(rank));
    if (rank > 1) {
      STACFS_ASSIGN_OR_RETURN(out.coordinates,
                              ReadIntegerAttribute(dataset, "_Netcdf4Coordinates"));
    }
  }
  return out;
}

// libhdf5 lets its metadata cache grow to 32 MiB while a large chunk index is walked: about 32
// bytes per reference of a million-chunk file, a third of the converter's memory budget (100
// bytes per reference, scripts/bench/convert). The reader visits the index in order (one lookup
// per chunk-grid position, or one walk by index) and never comes back to a node, so a small
// cache costs no extra reads: measured equal in time, 30 MB less at a million chunks.
constexpr size_t kMetadataCacheInitialBytes = size_t{1} << 20;
constexpr size_t kMetadataCacheMaxBytes = size_t{4} << 20;

Result<void> LimitMetadataCache(hid_t fapl) {
  H5AC_cache_config_t config;
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  if (H5Pget_mdc_config(fapl, &config) < 0) {
    return Hdf5Error(ErrorCode::kInternal, "cannot read the metadata cache settings");
  }
  config.set_initial_size = true;
  config.initial_size = kMetadataCacheInitialBytes;
  config.min_size = kMetadataCacheInitialBytes;
  config.max_size = kMetadataCacheMaxBytes;
  if (H5Pset_mdc_config(fapl, &config) < 0) {
    return Hdf5Error(ErrorCode::kInternal, "cannot limit the metadata cache");
  }
  return Ok();
}

Result<DatasetHandle> OpenDataset(hid_t file, const std::string& link_path) {
  DatasetHandle dataset(H5Dopen2(file, ("/" + link_path).c_str(), H5P_DEFAULT));
  if (!dataset) return Hdf5Error(ErrorCode::kCorrupt, "cannot open dataset '" + link_path + "'");
  return dataset;
}

// Every dataset's dimension names (hdf5_dimensions.h).
Result<std::vector<std::vector<std::string>>> NameAllDimensions(hid_t file, const FileTree& tree,
                                                                std::vector<DatasetShape>* shapes) {
  shapes->clear();
  for (const WalkedDataset& walked : tree.datasets) {
    STACFS_ASSIGN_OR_RETURN(DatasetHandle dataset, OpenDataset(file, walked.link_path));
    Result<DatasetShape> shape = ReadDatasetShape(dataset.get());
    if (!shape) return std::move(shape).error().WithContext("dataset '" + walked.link_path + "'");
    shapes->push_back(std::move(*shape));
  }
  // Scales by object address (what DIMENSION_LIST points at) and by netCDF dimension id.
  std::map<haddr_t, std::string> scale_names;
  std::map<int64_t, std::string> dimid_names;
  std::vector<std::optional<int64_t>> dimids;
  std::vector<size_t> walk_order;  // datasets in group walk order (tree.groups is pre-order)
  for (const WalkedGroup& group : tree.groups) {
    for (size_t d : group.datasets) walk_order.push_back(d);
  }
  for (size_t d : walk_order) {
    const std::optional<ScaleInfo>& scale = (*shapes)[d].scale;
    if (!scale) continue;
    scale_names.emplace(tree.datasets[d].address, tree.datasets[d].link_name);
    dimids.push_back(scale->netcdf_dimid);
    if (scale->netcdf_dimid) dimid_names.emplace(*scale->netcdf_dimid, tree.datasets[d].link_name);
  }

  std::vector<DimensionGroup> groups(tree.groups.size());
  for (size_t g = 0; g < tree.groups.size(); ++g) {
    groups[g].children = tree.groups[g].children;
    groups[g].datasets = tree.groups[g].datasets;
  }
  std::vector<DimensionDataset> datasets(tree.datasets.size());
  for (size_t d = 0; d < tree.datasets.size(); ++d) {
    const DatasetShape& shape = (*shapes)[d];
    DimensionDataset& out = datasets[d];
    out.group = tree.datasets[d].group;
    out.shape = shape.shape;
    out.unlimited = shape.unlimited;
    out.names.resize(shape.shape.size());
    if (shape.scale) {
      out.defines_dimension = !shape.shape.empty();
      if (!shape.shape.empty()) out.names[0] = tree.datasets[d].link_name;
      // A multi-dimensional coordinate variable lists its dimensions by id.
      if (shape.coordinates && shape.coordinates->size() == shape.shape.size()) {
        for (size_t axis = 1; axis < shape.shape.size(); ++axis) {
          auto found = dimid_names.find((*shape.coordinates)[axis]);
          if (found != dimid_names.end()) out.names[axis] = found->second;
        }
      }
      continue;
    }
    for (size_t axis = 0; axis < shape.attached.size(); ++axis) {
      if (!shape.attached[axis]) continue;
      auto found = scale_names.find(*shape.attached[axis]);
      if (found != scale_names.end()) out.names[axis] = found->second;
    }
  }
  return NameDimensions(groups, datasets, NextDimensionId(dimids));
}

Result<Dataset> ReadFile(const std::string& path, const ReadOptions& options,
                         ChunkListing listing) {
  STACFS_ASSIGN_OR_RETURN(uint64_t file_size, CheckReadableFile(path));
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read as HDF5");
  if (is_hdf5 == 0) return InvalidArgument("not an HDF5 or netCDF-4 file (no HDF5 signature)");

  // The driver must outlive the file: declared first, destroyed last.
  STACFS_ASSIGN_OR_RETURN(LocatingDriver driver, LocatingDriver::Register());
  STACFS_ASSIGN_OR_RETURN(PropertyListHandle fapl, driver.MakeFileAccessList());
  STACFS_RETURN_IF_ERROR(LimitMetadataCache(fapl.get()));
  FileHandle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()));
  if (!file) return Hdf5Error(ErrorCode::kCorrupt, "cannot open as HDF5");
  std::optional<ChunkLocator> locator = ChunkLocator::ForFile(file.get(), driver);
  if (!locator) return Internal("the file did not open through stacfs' HDF5 driver");

  Dataset dataset;
  dataset.sources.push_back(options.url.empty() ? AbsolutePath(path) : options.url);
  STACFS_ASSIGN_OR_RETURN(FileTree tree, WalkFile(file.get(), &dataset.warnings));
  for (const WalkedGroup& group : tree.groups)
    dataset.groups.push_back({group.path, group.attributes});

  std::vector<DatasetShape> shapes;
  STACFS_ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> dims,
                          NameAllDimensions(file.get(), tree, &shapes));

  for (const WalkedGroup& group : tree.groups) {
    for (size_t d : group.datasets) {
      if (shapes[d].scale && shapes[d].scale->dimension_only) continue;
      const WalkedDataset& walked = tree.datasets[d];
      STACFS_ASSIGN_OR_RETURN(DatasetHandle handle, OpenDataset(file.get(), walked.link_path));
      VariableSource source;
      source.dataset = handle.get();
      const std::string name = NetcdfVariableName(walked.link_name);
      source.path = group.path.empty() ? name : group.path + "/" + name;
      source.dims = dims[d];
      source.locator = &*locator;
      source.base_address = locator->base_address();
      source.file_size = file_size;
      source.listing = listing;
      STACFS_ASSIGN_OR_RETURN(std::optional<Variable> variable,
                              ReadVariable(source, &dataset.warnings));
      if (variable) dataset.variables.push_back(std::move(*variable));
    }
  }
  return dataset;
}

}  // namespace

Result<Dataset> ReadHdf5File(const std::string& path, const ReadOptions& options,
                             ChunkListing listing) {
  // libhdf5 shuts itself down at exit, and when a corrupt file has left entries in its
  // metadata cache that it cannot evict (checksum failures), it prints "HDF5: infinite loop
  // closing library" and a line of internal names after the reader's own error line. Files
  // are only read here: there is nothing to flush, and exit frees the rest. Effective only
  // before libhdf5's first use in the process (later calls fail harmlessly).
  (void)H5dont_atexit();
  ErrorStackSilencer silencer;
  Result<Dataset> dataset = ReadFile(path, options, listing);
  // Nothing the reader leaves on HDF5's stack may surface in a later, unrelated failure.
  ClearErrorStack();
  return std::move(dataset).WithContext(path);
}

}  // namespace stacfs::converter::hdf5

namespace stacfs::converter {

Result<Dataset> ReadHdf5File(const std::string& path, const ReadOptions& options) {
  return hdf5::ReadHdf5File(path, options, hdf5::ChunkListing::kAuto);
}

}  // namespace stacfs::converter
