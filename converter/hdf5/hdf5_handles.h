// RAII owners of HDF5 identifiers: every hid_t the reader opens is closed exactly once, on every
// path out of a function, with the close function of its kind (H5Dclose for datasets, H5Tclose
// for datatypes...). Closing with the wrong function fails inside HDF5 and leaks the id, so
// each kind has its own type and the compiler picks the right one.
//
// Not thread-safe, like libhdf5 itself (see hdf5_reader.h).
#pragma once

#include <hdf5.h>

#include <utility>

namespace stacfs::converter::hdf5 {

template <herr_t (*kClose)(hid_t)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`; a negative id (HDF5's failure value) is held as "none".
  explicit Handle(hid_t id) : id_(id) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      Reset();
      id_ = std::exchange(other.id_, -1);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { Reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  explicit operator bool() const { return valid(); }

  void Reset() {
    // A failed close leaves nothing to recover for a read-only reader; its error stays on the
    // (silenced) stack and is cleared by the next error capture.
    if (id_ >= 0) (void)kClose(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
};

using FileHandle = Handle<H5Fclose>;
using GroupHandle = Handle<H5Gclose>;
using DatasetHandle = Handle<H5Dclose>;
using DataspaceHandle = Handle<H5Sclose>;
using DatatypeHandle = Handle<H5Tclose>;
using AttributeHandle = Handle<H5Aclose>;
using PropertyListHandle = Handle<H5Pclose>;
using ObjectHandle = Handle<H5Oclose>;  // an object opened by H5Oopen or H5Rdereference

// Frees the memory HDF5 allocated while reading variable-length data (strings, DIMENSION_LIST's
// sequences of references) into `buffer`, when the read succeeded. `type` and `space` are the
// memory type and dataspace of that read; they must outlive this object.
class VlenReclaimer {
 public:
  VlenReclaimer(hid_t type, hid_t space, void* buffer)
      : type_(type), space_(space), buffer_(buffer) {}
  VlenReclaimer(const VlenReclaimer&) = delete;
  VlenReclaimer& operator=(const VlenReclaimer&) = delete;
  ~VlenReclaimer() {
    if (armed_) (void)H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, buffer_);
  }
  // Call once the read has filled the buffer (a failed read leaves nothing to free).
  void Arm() { armed_ = true; }

 private:
  hid_t type_;
  hid_t space_;
  void* buffer_;
  bool armed_ = false;
};

}  // namespace stacfs::converter::hdf5
