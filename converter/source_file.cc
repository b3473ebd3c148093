#include "converter/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "converter/hdf5/hdf5_reader.h"
#include "converter/netcdf3/netcdf3_reader.h"

namespace stacfs::converter {
namespace {

constexpr char kHdf5Signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};

}  // namespace

Result<SourceFormat> DetectSourceFormat(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(path + ": not a regular file");
  }
  if (st.st_size == 0) {
    // Common after an interrupted copy or download; saying so beats "no signature".
    ::close(fd);
    return InvalidArgument(path + ": the file is empty (0 bytes), not a netCDF or HDF5 file");
  }
  char head[8] = {};
  ssize_t n = ::pread(fd, head, sizeof head, 0);
  Result<SourceFormat> format =
      InvalidArgument(path + ": not a netCDF or HDF5 file (no netCDF3 or HDF5 signature)");
  if (n >= 4 && std::memcmp(head, "CDF", 3) == 0 && (head[3] == 1 || head[3] == 2 || head[3] == 5)) {
    format = SourceFormat::kNetcdf3;
  } else {
    // HDF5 looks for its signature at 0 and then at every power of two from 512 on.
    for (off_t at = 0; at + 8 <= st.st_size; at = at == 0 ? 512 : at * 2) {
      if (at != 0 && ::pread(fd, head, sizeof head, at) != 8) break;
      if (std::memcmp(head, kHdf5Signature, 8) == 0) {
        format = SourceFormat::kHdf5;
        break;
      }
      if (at == 0 && n < 8) break;
    }
  }
  ::close(fd);
  if (n < 0) return ErrnoError(errno, "read " + path);
  return format;
}

Result<Dataset> ReadSourceFile(const std::string& path, const ReadOptions& options) {
  STACFS_ASSIGN_OR_RETURN(SourceFormat format, DetectSourceFormat(path));
  Result<Dataset> dataset = format == SourceFormat::kNetcdf3 ? ReadNetcdf3File(path, options)
                                                              : ReadHdf5File(path, options);
  if (!dataset) return dataset;
  dataset->local_paths.assign(dataset->sources.size(), path);
  return dataset;
}

}  // namespace stacfs::converter
