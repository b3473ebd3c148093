// One HDF5 dataset → one Variable: its Zarr metadata, attributes, and where each chunk is.
//
//   layout      data                              chunks                  codecs
//   chunked     ChunkRef per allocated chunk      HDF5's chunk shape      the filter pipeline
//   contiguous  one ChunkRef (H5Dget_offset)      = shape (one chunk)     none
//   compact     inline, read through HDF5         = shape                 none
//   vlen str    inline, vlen-utf8 per chunk       HDF5's, or = shape      vlen-utf8
//   filters the references cannot express: whole array inline (≤ 1 MiB) or skipped
// Unallocated chunks and never-written contiguous data get no ChunkRef; they read as
// fill_value, or are embedded when that would differ from libhdf5 (hdf5_inline.h).
//
// fill_value: the _FillValue attribute, typed; null without one. Not HDF5's fill-value property:
// xarray turns fill_value into _FillValue and masks every element equal to it, so inventing one
// (HDF5's default is 0) would turn real zeros into NaN.
//
// A dataset the model cannot represent (unsupported type, external or virtual storage, a null
// dataspace, filters neither expressible nor small enough to embed) is skipped: nullopt, with a
// warning naming it. Errors are for files libhdf5 cannot read.
#pragma once

#include <hdf5.h>

#include <optional>
#include <string>
#include <vector>

#include "converter/dataset.h"
#include "converter/hdf5/hdf5_chunks.h"
#include "converter/hdf5/hdf5_locating_driver.h"
#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

struct VariableSource {
  hid_t dataset = -1;
  std::string path;                 // the variable's path in the Dataset ("grp/tas")
  std::vector<std::string> dims;    // one name per axis
  ChunkLocator* locator = nullptr;  // may be null: chunks are then listed by index
  uint64_t base_address = 0;        // HDF5's base address (userblock size)
  uint64_t file_size = 0;           // no reference may reach past it
  ChunkListing listing = ChunkListing::kAuto;
};

Result<std::optional<Variable>> ReadVariable(const VariableSource& source,
                                             std::vector<std::string>* warnings);

}  // namespace stacfs::converter::hdf5
