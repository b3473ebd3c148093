// Writing small HDF5 files with the C API inside unit tests, so that they need no Python.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "converter/hdf5/hdf5_handles.h"

namespace stacfs::converter::hdf5_testing {

// A new file at `path` (replacing any); `track_order` records creation order of links and
// attributes in the root group, as netCDF-4 does.
hdf5::FileHandle CreateFile(const std::string& path, bool track_order = false);

// A dataspace of `dims` (scalar when empty); `max_dims` empty means fixed size.
hdf5::DataspaceHandle MakeSpace(const std::vector<hsize_t>& dims,
                                const std::vector<hsize_t>& max_dims = {});

// A dataset of file type `type` under `location`; writes `data` when not null, laid out as
// `memory_type` (the same as `type` when negative), which HDF5 converts from.
hdf5::DatasetHandle CreateDataset(hid_t location, const std::string& name, hid_t type,
                                  const std::vector<hsize_t>& dims, const void* data,
                                  hid_t dcpl = H5P_DEFAULT,
                                  const std::vector<hsize_t>& max_dims = {},
                                  hid_t memory_type = -1);

// An attribute of file type `type` and `dims` (scalar when empty) holding `data`, laid out as
// `memory_type` (the same as `type` when negative).
void WriteAttribute(hid_t object, const std::string& name, hid_t type,
                    const std::vector<hsize_t>& dims, const void* data, hid_t memory_type = -1);

// A fixed-length string type of `size` bytes.
hdf5::DatatypeHandle FixedString(size_t size, H5T_str_t padding = H5T_STR_NULLPAD);
// A variable-length UTF-8 string type.
hdf5::DatatypeHandle VlenString();

}  // namespace stacfs::converter::hdf5_testing
