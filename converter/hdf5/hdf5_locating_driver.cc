#include "converter/hdf5/hdf5_locating_driver.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

#include "converter/hdf5/hdf5_errors.h"

namespace stacfs::converter::hdf5 {
namespace {

// The driver's per-file state. HDF5 owns and fills the public H5FD_t fields, which must come
// first: HDF5 hands the callbacks a pointer to them.
struct LocatingFile {
  H5FD_t pub;
  int fd = -1;
  haddr_t eoa = 0;  // end of the address space HDF5 has claimed (set_eoa)
  haddr_t eof = 0;  // the file's size when opened
  dev_t device = 0;
  ino_t inode = 0;
  // Capture state, see the header: armed around one H5Dread_chunk.
  bool capturing = false;
  int captured_reads = 0;
  haddr_t captured_address = 0;
  size_t captured_size = 0;
};

LocatingFile* Cast(H5FD_t* file) { return reinterpret_cast<LocatingFile*>(file); }
const LocatingFile* Cast(const H5FD_t* file) { return reinterpret_cast<const LocatingFile*>(file); }

// The largest address pread can take (off_t is signed 64-bit here).
constexpr haddr_t kMaxAddress = (haddr_t{1} << 63) - 1;

// Every callback below runs inside libhdf5: none may throw, and failures are reported as a
// negative return (or null / HADDR_UNDEF), which HDF5 turns into its own error record.

H5FD_t* Open(const char* name, unsigned flags, hid_t, haddr_t maxaddr) noexcept {
  // The reader never writes; refusing here keeps a misuse from modifying a source archive.
  if ((flags & (H5F_ACC_RDWR | H5F_ACC_CREAT | H5F_ACC_TRUNC | H5F_ACC_EXCL)) != 0) return nullptr;
  if (name == nullptr || maxaddr == 0 || maxaddr == HADDR_UNDEF || maxaddr > kMaxAddress) {
    return nullptr;
  }
  const int fd = ::open(name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return nullptr;
  }
  auto* file = new (std::nothrow) LocatingFile();
  if (file == nullptr) {
    ::close(fd);
    return nullptr;
  }
  file->fd = fd;
  file->eof = static_cast<haddr_t>(info.st_size);
  file->device = info.st_dev;
  file->inode = info.st_ino;
  return &file->pub;
}

herr_t Close(H5FD_t* file) noexcept {
  LocatingFile* f = Cast(file);
  const int result = ::close(f->fd);
  delete f;
  return result == 0 ? 0 : -1;
}

// HDF5 compares drivers' files to notice one file opened twice.
int Compare(const H5FD_t* a, const H5FD_t* b) noexcept {
  const LocatingFile* fa = Cast(a);
  const LocatingFile* fb = Cast(b);
  if (fa->device != fb->device) return fa->device < fb->device ? -1 : 1;
  if (fa->inode != fb->inode) return fa->inode < fb->inode ? -1 : 1;
  return 0;
}

// As sec2 declares, minus the POSIX handle (get_handle returns this driver's state) and SWMR.
herr_t Query(const H5FD_t*, unsigned long* flags) noexcept {
  if (flags != nullptr) {
    *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE |
             H5FD_FEAT_AGGREGATE_SMALLDATA;
  }
  return 0;
}

haddr_t GetEoa(const H5FD_t* file, H5FD_mem_t) noexcept { return Cast(file)->eoa; }

herr_t SetEoa(H5FD_t* file, H5FD_mem_t, haddr_t address) noexcept {
  if (address > kMaxAddress) return -1;
  Cast(file)->eoa = address;
  return 0;
}

haddr_t GetEof(const H5FD_t* file, H5FD_mem_t) noexcept { return Cast(file)->eof; }

herr_t GetHandle(H5FD_t* file, hid_t, void** handle) noexcept {
  if (handle == nullptr) return -1;
  *handle = file;
  return 0;
}

herr_t Read(H5FD_t* file, H5FD_mem_t type, hid_t, haddr_t address, size_t size,
            void* buffer) noexcept {
  LocatingFile* f = Cast(file);
  if (address == HADDR_UNDEF || address > kMaxAddress || size > kMaxAddress - address) return -1;
  if (f->capturing && type == H5FD_MEM_DRAW) {
    ++f->captured_reads;
    f->captured_address = address;
    f->captured_size = size;
    return 0;
  }
  auto* out = static_cast<unsigned char*>(buffer);
  auto position = static_cast<off_t>(address);
  while (size > 0) {
    const ssize_t n = ::pread(f->fd, out, size, position);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) {
      // Past the end of the file but inside HDF5's address space: HDF5 expects zeros (sec2
      // does the same), e.g. for the unwritten tail of the last metadata block.
      std::memset(out, 0, size);
      break;
    }
    out += n;
    position += n;
    size -= static_cast<size_t>(n);
  }
  return 0;
}

herr_t Write(H5FD_t*, H5FD_mem_t, hid_t, haddr_t, size_t, const void*) noexcept { return -1; }

H5FD_class_t MakeDriverClass() {
  H5FD_class_t c;
  std::memset(&c, 0, sizeof c);
  c.name = "stacfs_locating";
  c.maxaddr = kMaxAddress;
  c.fc_degree = H5F_CLOSE_WEAK;
  c.open = &Open;
  c.close = &Close;
  c.cmp = &Compare;
  c.query = &Query;
  c.get_eoa = &GetEoa;
  c.set_eoa = &SetEoa;
  c.get_eof = &GetEof;
  c.get_handle = &GetHandle;
  c.read = &Read;
  c.write = &Write;
  // One free list for all metadata and one for raw data, as sec2.
  const H5FD_mem_t map[H5FD_MEM_NTYPES] = H5FD_FLMAP_DICHOTOMY;
  std::memcpy(c.fl_map, map, sizeof map);
  return c;
}

// Immutable after initialisation; HDF5 keeps a pointer to it while the driver is registered.
const H5FD_class_t kDriverClass = MakeDriverClass();

// Arms capture for one H5Dread_chunk and always disarms it, whatever path leaves the scope.
class CaptureScope {
 public:
  explicit CaptureScope(LocatingFile* file) : file_(file) {
    file_->capturing = true;
    file_->captured_reads = 0;
  }
  ~CaptureScope() { file_->capturing = false; }
  CaptureScope(const CaptureScope&) = delete;
  CaptureScope& operator=(const CaptureScope&) = delete;

 private:
  LocatingFile* file_;
};

}  // namespace

Result<LocatingDriver> LocatingDriver::Register() {
  const hid_t id = H5FDregister(&kDriverClass);
  if (id < 0) return Hdf5Error(ErrorCode::kInternal, "cannot register the HDF5 file driver");
  return LocatingDriver(id);
}

LocatingDriver::LocatingDriver(LocatingDriver&& other) noexcept
    : id_(std::exchange(other.id_, -1)) {}

LocatingDriver::~LocatingDriver() {
  if (id_ >= 0) (void)H5FDunregister(id_);
}

Result<PropertyListHandle> LocatingDriver::MakeFileAccessList() const {
  PropertyListHandle fapl(H5Pcreate(H5P_FILE_ACCESS));
  if (!fapl) return Hdf5Error(ErrorCode::kInternal, "cannot create a file access property list");
  if (H5Pset_driver(fapl.get(), id_, nullptr) < 0) {
    return Hdf5Error(ErrorCode::kInternal, "cannot select the HDF5 file driver");
  }
  return fapl;
}

std::optional<ChunkLocator> ChunkLocator::ForFile(hid_t file, const LocatingDriver& driver) {
  PropertyListHandle fapl(H5Fget_access_plist(file));
  if (!fapl || H5Pget_driver(fapl.get()) != driver.id()) {
    ClearErrorStack();
    return std::nullopt;
  }
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file, fapl.get(), &handle) < 0 || handle == nullptr) {
    ClearErrorStack();
    return std::nullopt;
  }
  return ChunkLocator(handle);
}

uint64_t ChunkLocator::base_address() const {
  return static_cast<LocatingFile*>(file_)->pub.base_addr;
}

Result<std::optional<ChunkLocation>> ChunkLocator::Locate(hid_t dataset,
                                                          std::span<const hsize_t> element_offset) {
  auto* file = static_cast<LocatingFile*>(file_);
  hsize_t stored_size = 0;
  // libhdf5 1.10.8 fails (rather than reporting size 0) for an unallocated chunk, and says so
  // only in the error text. Both read as "no chunk here"; ListChunks checks the count found
  // against H5Dget_num_chunks, so a chunk lost to a real failure cannot pass unnoticed.
  if (H5Dget_chunk_storage_size(dataset, element_offset.data(), &stored_size) < 0) {
    ClearErrorStack();
    return std::optional<ChunkLocation>();
  }
  if (stored_size == 0) return std::optional<ChunkLocation>();
  if (buffer_.size() < stored_size) buffer_.resize(stored_size);
  uint32_t filter_mask = 0;
  herr_t status;
  {
    CaptureScope capture(file);
    status =
        H5Dread_chunk(dataset, H5P_DEFAULT, element_offset.data(), &filter_mask, buffer_.data());
  }
  if (status < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot look up a chunk's address");
  // Exactly one raw read of the size the index records, or this is not the lookup the driver
  // was written against (a future libhdf5 could cache or split reads): refuse rather than guess.
  if (file->captured_reads != 1 || file->captured_size != stored_size) {
    return Internal("chunk lookup saw " + std::to_string(file->captured_reads) + " raw reads of " +
                    std::to_string(file->captured_size) + " bytes, expected one of " +
                    std::to_string(stored_size));
  }
  return std::optional<ChunkLocation>(
      ChunkLocation{file->captured_address, stored_size, filter_mask});
}

}  // namespace stacfs::converter::hdf5
