// Dimension names of HDF5 datasets (Variable::dims, written as _ARRAY_DIMENSIONS), the way
// netCDF-C names them so that a user sees the same names through stacfs as through ncdump.
//
// netCDF-4 stores a dimension as a dataset marked as a dimension scale (attribute
// CLASS="DIMENSION_SCALE"); the dimension's name is that dataset's link name. A coordinate
// variable is its own scale. A dimension without a coordinate variable is a placeholder scale
// whose NAME attribute starts with "This is a netCDF dimension but not a netCDF variable": it is
// a dimension, never a variable. Other datasets point at their scales, one per axis, through
// the DIMENSION_LIST attribute (object references); the name of an axis is the name of the
// first scale attached to it. Multi-dimensional coordinate variables, which HDF5 cannot attach
// scales to, list their dimensions' ids in _Netcdf4Coordinates (ids from the scales'
// _Netcdf4Dimid).
//
// Axes without a scale (plain HDF5 files) get netCDF-C's "phony" dimensions (netCDF-C 4.9,
// libhdf5/hdf5open.c, create_phony_dims and rec_match_dimscales; checked against
// netCDF4-python 1.6.2 on netCDF-C 4.9.0):
//  - groups are visited depth first, each group's child groups before its own datasets, and
//    datasets in the group's link order (creation order when tracked, else name order);
//  - an unnamed axis takes the first dimension already defined in the same group — real or
//    phony — with the same length and the same unlimited-ness that no earlier axis of the same
//    dataset uses; otherwise a new dimension "phony_dim_N" is defined in that group;
//  - N counts on from the file's dimension ids: after the real dimensions (one id per scale,
//    or _Netcdf4Dimid + 1 when larger), phony dimensions are numbered in creation order, file
//    wide. So two groups each get their own phony_dim_K names, never shared across groups.
// (netCDF-C gives phony dimensions only to datasets with no scale on their first axis; a
// dataset with scales on some axes only — which netCDF4-python cannot open — gets phony names
// for the axes without.)
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

// A dataset marked as a dimension scale.
struct ScaleInfo {
  bool dimension_only = false;          // a placeholder, not a variable (see above)
  std::optional<int64_t> netcdf_dimid;  // _Netcdf4Dimid
};

// Reads CLASS, NAME and _Netcdf4Dimid; nullopt when `dataset` is not a dimension scale.
Result<std::optional<ScaleInfo>> ReadScaleInfo(hid_t dataset);

// The object address of the first scale attached to each of `rank` axes (from
// DIMENSION_LIST); nullopt for axes without one. All nullopt when there is no DIMENSION_LIST.
Result<std::vector<std::optional<haddr_t>>> ReadAttachedScales(hid_t dataset, int rank);

// The input of NameDimensions: the file's groups and datasets as the walk found them.
struct DimensionGroup {
  std::vector<size_t> children;  // indices into the group list, in link order
  std::vector<size_t> datasets;  // indices into the dataset list, in link order
};

struct DimensionDataset {
  size_t group = 0;
  std::vector<uint64_t> shape;
  std::vector<bool> unlimited;
  // Per axis: the name already known (an attached scale, or the dataset itself when it is a
  // scale), or nullopt for an axis to be given a phony dimension.
  std::vector<std::optional<std::string>> names;
  // A scale defines a dimension in its group: name = names[0], length = shape[0].
  bool defines_dimension = false;
};

// Completes every dataset's names with phony dimensions (see the header comment); returns the
// names per dataset, in dataset order. `first_phony_number`: the file's next dimension id.
std::vector<std::vector<std::string>> NameDimensions(const std::vector<DimensionGroup>& groups,
                                                     const std::vector<DimensionDataset>& datasets,
                                                     int64_t first_phony_number);

// netCDF-C's next dimension id after reading the scales, in walk order: each scale takes its
// _Netcdf4Dimid (and raises the next id past it) or the next id.
int64_t NextDimensionId(const std::vector<std::optional<int64_t>>& scale_dimids_in_walk_order);

// netCDF-4 renames a variable that has a dimension's name without being its coordinate
// variable: "_nc4_non_coord_x" is variable "x".
std::string NetcdfVariableName(const std::string& link_name);

}  // namespace stacfs::converter::hdf5
