// A read-only HDF5 file driver (VFD) that can tell where HDF5 reads a chunk from.
//
// Why it exists: HDF5 1.10's public API answers "where is chunk k / the chunk at offset o?"
// only by walking the dataset's whole chunk index from its start on every call:
// H5Dget_chunk_info(k) costs O(k) and H5Dget_chunk_info_by_coord O(n). Listing n chunks that
// way costs O(n^2) — about 65 s for 100,000 chunks, hours for a million (measured on Debian's
// 1.10.8; H5Dchunk_iter, which fixes this, arrived in 1.14). Two other public calls look a
// chunk up through the index in O(log n): H5Dget_chunk_storage_size (its size) and
// H5Dread_chunk (its stored bytes). This driver makes the second one report the file address:
// while "capture" is armed, a raw-data read is recorded (absolute file offset and length) and
// not performed, so locating a chunk costs two index lookups and no data I/O.
//
// Everything else (superblock, object headers, B-trees, heaps, and raw data when capture is
// off) is read with pread(2), the same as HDF5's default sec2 driver. Writing is refused.
//
// Not thread-safe, like libhdf5 (see hdf5_reader.h).
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "converter/hdf5/hdf5_handles.h"
#include "core/base/result.h"

namespace stacfs::converter::hdf5 {

// Registers the driver with libhdf5 for its lifetime (H5FDregister / H5FDunregister). Files
// opened through it must be closed before it is destroyed.
class LocatingDriver {
 public:
  static Result<LocatingDriver> Register();
  LocatingDriver(LocatingDriver&& other) noexcept;
  LocatingDriver& operator=(LocatingDriver&&) = delete;
  LocatingDriver(const LocatingDriver&) = delete;
  LocatingDriver& operator=(const LocatingDriver&) = delete;
  ~LocatingDriver();

  // A file access property list that opens files through this driver.
  Result<PropertyListHandle> MakeFileAccessList() const;
  hid_t id() const { return id_; }

 private:
  explicit LocatingDriver(hid_t id) : id_(id) {}
  hid_t id_ = -1;
};

// Where one chunk's stored bytes are.
struct ChunkLocation {
  uint64_t offset = 0;  // absolute, from the first byte of the file (userblock included)
  uint64_t length = 0;
  uint32_t filter_mask = 0;  // bit i set: filter i of the pipeline was skipped for this chunk
};

// Chunk lookups on one open file. Valid while the file is open.
class ChunkLocator {
 public:
  // Nullopt when `file` was not opened through `driver`.
  static std::optional<ChunkLocator> ForFile(hid_t file, const LocatingDriver& driver);

  // The chunk whose first element is at `element_offset` (chunk-aligned, in elements);
  // nullopt when that chunk is not allocated — or when libhdf5 could not look it up: it does
  // not tell the two apart, so callers must check what they found against H5Dget_num_chunks.
  Result<std::optional<ChunkLocation>> Locate(hid_t dataset,
                                              std::span<const hsize_t> element_offset);

  // HDF5's base address: the absolute file offset that file addresses count from (the size
  // of the userblock). H5Dget_chunk_info reports addresses relative to it.
  uint64_t base_address() const;

 private:
  explicit ChunkLocator(void* file) : file_(file) {}
  void* file_;          // the driver's per-file state
  std::string buffer_;  // H5Dread_chunk wants a destination even though capture fills nothing
};

}  // namespace stacfs::converter::hdf5
