#!/usr/bin/env bash
# Installs, on Debian 12, every package stacfs needs to build, test and run its demo — only those
# that are missing, so that a second run costs a second. Needs root (or sudo) when it installs.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config
  # libraries stacfs links
  libsimdjson-dev libcurl4-openssl-dev zlib1g-dev libdeflate-dev libzstd-dev libblosc-dev
  liblz4-dev libcli11-dev libhdf5-dev libssl-dev
  # the mount: libfuse3 to build, fuse3 for fusermount3 (unmount) and /etc/fuse.conf
  libfuse3-dev fuse3
  # tests
  googletest libgtest-dev libgmock-dev nginx-light openssl
  # the Python clients users use today (tests, demo, benchmarks), run with /usr/bin/python3
  python3 python3-numpy python3-numcodecs python3-zarr python3-fsspec python3-netcdf4
  python3-h5py python3-xarray netcdf-bin nco
  # benchmarks: GNU time (peak RSS); scripts/bench/mount: open_mfdataset (dask), the chart, curl
  time python3-dask python3-matplotlib curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Debian's nginx package starts a system nginx on port 80 when installed; the tests start their
# own on loopback ports and need none, so policy-rc.d keeps services from starting here.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  trap '$SUDO rm -f "$policy"' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
