// The group tree of an HDF5 file, in the order netCDF-C reads it.
//
// Links of a group are listed in creation order when the group tracks it (netCDF-4 files
// always do), else in name order (h5py's default), as netCDF-C does. Groups are visited depth
// first, each group's datasets before its child groups (netCDF-C defers child groups until the
// parent's links are read), so Dataset::groups and Dataset::variables come out in ncdump's
// order.
//
// Only hard links are followed. Soft and external links are reported as warnings, not
// followed: a soft link would show one dataset twice, an external one another file's data.
// A group reached a second time (two hard links, or a cycle) is not visited again.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

struct WalkedGroup {
  std::string path;              // "" for the root, "a/b"
  std::string attributes;        // JSON object text
  std::vector<size_t> children;  // indices into FileTree::groups
  std::vector<size_t> datasets;  // indices into FileTree::datasets
};

struct WalkedDataset {
  std::string link_name;  // the name in its group
  std::string link_path;  // "a/b/name": opens it from the file
  size_t group = 0;
  haddr_t address = HADDR_UNDEF;  // identifies the object (dimension scale references)
};

struct FileTree {
  std::vector<WalkedGroup> groups;  // root first, then depth first
  std::vector<WalkedDataset> datasets;
};

// `warnings` receives links not followed and attributes dropped.
Result<FileTree> WalkFile(hid_t file, std::vector<std::string>* warnings);

}  // namespace stacfs::converter::hdf5
