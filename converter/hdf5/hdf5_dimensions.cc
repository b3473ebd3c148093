#include "converter/hdf5/hdf5_dimensions.h"

#include <algorithm>

#include "converter/hdf5/hdf5_attributes.h"
#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_read.h"

namespace stacfs::converter::hdf5 {
namespace {

constexpr std::string_view kDimensionOnlyPrefix =
    "This is a netCDF dimension but not a netCDF variable";
constexpr std::string_view kNonCoordinatePrefix = "_nc4_non_coord_";

struct GroupDimension {
  std::string name;
  uint64_t length = 0;
  bool unlimited = false;
};

class PhonyNamer {
 public:
  PhonyNamer(const std::vector<DimensionGroup>& groups,
             const std::vector<DimensionDataset>& datasets, int64_t next_id)
      : groups_(groups),
        datasets_(datasets),
        next_id_(next_id),
        group_dims_(groups.size()),
        names_(datasets.size()) {
    // Real dimensions exist before any phony one: netCDF-C reads every scale first.
    for (const DimensionGroup& group : groups) {
      for (size_t d : group.datasets) {
        const DimensionDataset& dataset = datasets[d];
        if (dataset.defines_dimension && !dataset.shape.empty() && dataset.names[0]) {
          group_dims_[dataset.group].push_back(
              {*dataset.names[0], dataset.shape[0], dataset.unlimited[0]});
        }
      }
    }
  }

  std::vector<std::vector<std::string>> Run() {
    if (!groups_.empty()) Visit(0);
    // Datasets not reachable from the root (none, for the walk's output) keep what they have.
    for (size_t d = 0; d < datasets_.size(); ++d) {
      if (names_[d].size() != datasets_[d].shape.size()) Name(d);
    }
    return std::move(names_);
  }

 private:
  void Visit(size_t group) {
    for (size_t child : groups_[group].children) Visit(child);
    for (size_t d : groups_[group].datasets) Name(d);
  }

  void Name(size_t d) {
    const DimensionDataset& dataset = datasets_[d];
    std::vector<GroupDimension>& dims = group_dims_[dataset.group];
    std::vector<std::string>& out = names_[d];
    out.clear();
    for (size_t axis = 0; axis < dataset.shape.size(); ++axis) {
      if (axis < dataset.names.size() && dataset.names[axis]) {
        out.push_back(*dataset.names[axis]);
        continue;
      }
      const bool unlimited = axis < dataset.unlimited.size() && dataset.unlimited[axis];
      const GroupDimension* match = nullptr;
      for (const GroupDimension& dim : dims) {
        if (dim.length != dataset.shape[axis] || dim.unlimited != unlimited) continue;
        if (std::find(out.begin(), out.end(), dim.name) != out.end()) continue;  // used already
        match = &dim;
        break;
      }
      if (match != nullptr) {
        out.push_back(match->name);
      } else {
        dims.push_back({"phony_dim_" + std::to_string(next_id_++), dataset.shape[axis], unlimited});
        out.push_back(dims.back().name);
      }
    }
  }

  const std::vector<DimensionGroup>& groups_;
  const std::vector<DimensionDataset>& datasets_;
  int64_t next_id_;
  std::vector<std::vector<GroupDimension>> group_dims_;
  std::vector<std::vector<std::string>> names_;
};

}  // namespace

Result<std::optional<ScaleInfo>> ReadScaleInfo(hid_t dataset) {
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string> class_name,
                          ReadStringAttribute(dataset, "CLASS"));
  if (!class_name || *class_name != "DIMENSION_SCALE") return std::optional<ScaleInfo>();
  ScaleInfo info;
  STACFS_ASSIGN_OR_RETURN(std::optional<std::string> name, ReadStringAttribute(dataset, "NAME"));
  info.dimension_only = name && name->starts_with(kDimensionOnlyPrefix);
  STACFS_ASSIGN_OR_RETURN(std::optional<std::vector<int64_t>> dimid,
                          ReadIntegerAttribute(dataset, "_Netcdf4Dimid"));
  if (dimid && dimid->size() == 1) info.netcdf_dimid = dimid->front();
  return std::optional<ScaleInfo>(info);
}

Result<std::vector<std::optional<haddr_t>>> ReadAttachedScales(hid_t dataset, int rank) {
  std::vector<std::optional<haddr_t>> scales(static_cast<size_t>(std::max(rank, 0)));
  const htri_t exists = H5Aexists(dataset, "DIMENSION_LIST");
  if (exists < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot look for DIMENSION_LIST");
  if (exists == 0 || rank <= 0) return scales;
  AttributeHandle attribute(H5Aopen(dataset, "DIMENSION_LIST", H5P_DEFAULT));
  DataspaceHandle space(attribute ? H5Aget_space(attribute.get()) : -1);
  DatatypeHandle stored(attribute ? H5Aget_type(attribute.get()) : -1);
  if (!attribute || !space || !stored) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot open DIMENSION_LIST");
  }
  // The dimension scale specification: one variable-length sequence of object references per
  // axis. Anything else is not a DIMENSION_LIST this reader understands: treat as absent.
  if (H5Tget_class(stored.get()) != H5T_VLEN || ElementCount(space.get()) != rank) return scales;
  DatatypeHandle memory(H5Tvlen_create(H5T_STD_REF_OBJ));
  if (!memory) return Hdf5Error(ErrorCode::kInternal, "cannot make a reference list type");
  std::vector<hvl_t> lists(static_cast<size_t>(rank));
  VlenReclaimer reclaim(memory.get(), space.get(), lists.data());
  if (H5Aread(attribute.get(), memory.get(), lists.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read DIMENSION_LIST");
  }
  reclaim.Arm();
  for (size_t axis = 0; axis < lists.size(); ++axis) {
    if (lists[axis].len == 0 || lists[axis].p == nullptr) continue;
    hobj_ref_t reference = static_cast<const hobj_ref_t*>(lists[axis].p)[0];
    ObjectHandle scale(H5Rdereference2(dataset, H5P_DEFAULT, H5R_OBJECT, &reference));
    H5O_info_t info;
    if (!scale || H5Oget_info2(scale.get(), &info, H5O_INFO_BASIC) < 0) {
      ClearErrorStack();  // a dangling reference: this axis gets a phony name
      continue;
    }
    scales[axis] = info.addr;
  }
  return scales;
}

std::vector<std::vector<std::string>> NameDimensions(const std::vector<DimensionGroup>& groups,
                                                     const std::vector<DimensionDataset>& datasets,
                                                     int64_t first_phony_number) {
  return PhonyNamer(groups, datasets, first_phony_number).Run();
}

int64_t NextDimensionId(const std::vector<std::optional<int64_t>>& dimids) {
  int64_t next = 0;
  for (const std::optional<int64_t>& dimid : dimids) {
    if (dimid && *dimid >= 0) {
      next = std::max(next, *dimid + 1);
    } else {
      ++next;
    }
  }
  return next;
}

std::string NetcdfVariableName(const std::string& link_name) {
  if (link_name.starts_with(kNonCoordinatePrefix) &&
      link_name.size() > kNonCoordinatePrefix.size()) {
    return link_name.substr(kNonCoordinatePrefix.size());
  }
  return link_name;
}

}  // namespace stacfs::converter::hdf5
