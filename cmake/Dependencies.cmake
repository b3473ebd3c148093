# Every third-party library stacfs links, found once here so that modules only name targets.
# All come from Debian 12 packages that scripts/install-deps.sh installs.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(simdjson CONFIG REQUIRED)          # libsimdjson-dev
find_package(ZLIB REQUIRED)                     # zlib1g-dev (deflate for writing)
find_package(CLI11 CONFIG REQUIRED)             # libcli11-dev
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)       # libzstd-dev
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate) # libdeflate-dev (fast inflate)
pkg_check_modules(BLOSC REQUIRED IMPORTED_TARGET blosc)        # libblosc-dev
pkg_check_modules(FUSE3 REQUIRED IMPORTED_TARGET fuse3)        # libfuse3-dev (the mount only)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)         # liblz4-dev
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)       # libcurl4-openssl-dev
pkg_check_modules(CRYPTO REQUIRED IMPORTED_TARGET libcrypto)   # libssl-dev (SHA-256: disk cache names)
# libhdf5-dev (serial 1.10): only the converter's netCDF4/HDF5 reader links it. The plain C
# library is enough: dimension scales are read from their attributes, not through libhdf5_hl.
pkg_check_modules(HDF5 REQUIRED IMPORTED_TARGET hdf5-serial)
