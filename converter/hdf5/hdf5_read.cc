#include "converter/hdf5/hdf5_read.h"

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"

namespace stacfs::converter::hdf5 {
namespace {

bool IsAttribute(hid_t object) { return H5Iget_type(object) == H5I_ATTR; }

herr_t ReadInto(hid_t object, hid_t memory_type, void* buffer) {
  if (IsAttribute(object)) return H5Aread(object, memory_type, buffer);
  return H5Dread(object, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
}

DataspaceHandle SpaceOf(hid_t object) {
  return DataspaceHandle(IsAttribute(object) ? H5Aget_space(object) : H5Dget_space(object));
}

}  // namespace

hssize_t ElementCount(hid_t space) {
  const H5S_class_t space_class = H5Sget_simple_extent_type(space);
  if (space_class == H5S_NO_CLASS) return -1;
  if (space_class == H5S_NULL) return 0;
  return H5Sget_simple_extent_npoints(space);
}

Result<std::string> ReadAllElements(hid_t object, hid_t memory_type, size_t element_count) {
  const size_t element_size = H5Tget_size(memory_type);
  if (element_size == 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot size a datatype");
  std::string bytes(element_count * element_size, '\0');
  if (element_count == 0) return bytes;
  if (ReadInto(object, memory_type, bytes.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the values");
  }
  return bytes;
}

Result<std::vector<std::string>> ReadAllVlenStrings(hid_t object, size_t element_count) {
  std::vector<std::string> strings;
  if (element_count == 0) return strings;
  DatatypeHandle memory_type(H5Tcopy(H5T_C_S1));
  if (!memory_type || H5Tset_size(memory_type.get(), H5T_VARIABLE) < 0) {
    return Hdf5Error(ErrorCode::kInternal, "cannot make a string type");
  }
  // Keep the stored character set so that HDF5 does not refuse an ASCII↔UTF-8 conversion.
  DataspaceHandle space = SpaceOf(object);
  DatatypeHandle stored_type(IsAttribute(object) ? H5Aget_type(object) : H5Dget_type(object));
  if (!space || !stored_type) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the string type");
  const H5T_cset_t cset = H5Tget_cset(stored_type.get());
  if (cset != H5T_CSET_ERROR) (void)H5Tset_cset(memory_type.get(), cset);

  std::vector<char*> pointers(element_count, nullptr);
  VlenReclaimer reclaim(memory_type.get(), space.get(), pointers.data());
  if (ReadInto(object, memory_type.get(), pointers.data()) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the strings");
  }
  reclaim.Arm();
  strings.reserve(element_count);
  for (char* text : pointers) strings.emplace_back(text != nullptr ? text : "");
  return strings;
}

}  // namespace stacfs::converter::hdf5
