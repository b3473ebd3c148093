#include "converter/hdf5/hdf5_test_files.h"

#include <gtest/gtest.h>

namespace stacfs::converter::hdf5_testing {

hdf5::FileHandle CreateFile(const std::string& path, bool track_order) {
  hdf5::PropertyListHandle fcpl(H5Pcreate(H5P_FILE_CREATE));
  if (track_order) {
    EXPECT_GE(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
              0);
    EXPECT_GE(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
              0);
  }
  hdf5::FileHandle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT));
  EXPECT_TRUE(file.valid()) << "cannot create " << path;
  return file;
}

hdf5::DataspaceHandle MakeSpace(const std::vector<hsize_t>& dims,
                                const std::vector<hsize_t>& max_dims) {
  if (dims.empty()) return hdf5::DataspaceHandle(H5Screate(H5S_SCALAR));
  return hdf5::DataspaceHandle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                                max_dims.empty() ? nullptr : max_dims.data()));
}

hdf5::DatasetHandle CreateDataset(hid_t location, const std::string& name, hid_t type,
                                  const std::vector<hsize_t>& dims, const void* data, hid_t dcpl,
                                  const std::vector<hsize_t>& max_dims, hid_t memory_type) {
  hdf5::DataspaceHandle space = MakeSpace(dims, max_dims);
  hdf5::DatasetHandle dataset(
      H5Dcreate2(location, name.c_str(), type, space.get(), H5P_DEFAULT, dcpl, H5P_DEFAULT));
  EXPECT_TRUE(dataset.valid()) << "cannot create dataset " << name;
  if (data != nullptr && dataset.valid()) {
    EXPECT_GE(H5Dwrite(dataset.get(), memory_type < 0 ? type : memory_type, H5S_ALL, H5S_ALL,
                       H5P_DEFAULT, data),
              0)
        << name;
  }
  return dataset;
}

void WriteAttribute(hid_t object, const std::string& name, hid_t type,
                    const std::vector<hsize_t>& dims, const void* data, hid_t memory_type) {
  hdf5::DataspaceHandle space = MakeSpace(dims);
  hdf5::AttributeHandle attribute(
      H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT));
  ASSERT_TRUE(attribute.valid()) << "cannot create attribute " << name;
  ASSERT_GE(H5Awrite(attribute.get(), memory_type < 0 ? type : memory_type, data), 0) << name;
}

hdf5::DatatypeHandle FixedString(size_t size, H5T_str_t padding) {
  hdf5::DatatypeHandle type(H5Tcopy(H5T_C_S1));
  EXPECT_GE(H5Tset_size(type.get(), size), 0);
  EXPECT_GE(H5Tset_strpad(type.get(), padding), 0);
  return type;
}

hdf5::DatatypeHandle VlenString() {
  hdf5::DatatypeHandle type(H5Tcopy(H5T_C_S1));
  EXPECT_GE(H5Tset_size(type.get(), H5T_VARIABLE), 0);
  EXPECT_GE(H5Tset_cset(type.get(), H5T_CSET_UTF8), 0);
  return type;
}

}  // namespace stacfs::converter::hdf5_testing
