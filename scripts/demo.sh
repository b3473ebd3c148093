#!/usr/bin/env bash
# The main job on the bundled sample, on a fresh Debian 12 machine: installs what is missing,
# builds stacfs (Release), converts the sample netCDF4 file to Kerchunk references, shows what
# they hold, decodes every chunk through stacfs and opens the dataset with xarray through the
# references — each checked against the source file, bit for bit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR="${BUILD_DIR:-build-release}" TARGETS="stacfs" scripts/build.sh Release
STACFS="$PWD/${BUILD_DIR:-build-release}/mount-tools/stacfs"
out=$(mktemp -d /tmp/stacfs-demo-XXXXXX)
trap 'rm -rf "$out"' EXIT

echo
echo "== stacfs convert sample/tas_sample.nc -o tas_sample.json"
"$STACFS" convert sample/tas_sample.nc -o "$out/tas_sample.json"
echo
echo "== stacfs inspect tas_sample.json"
"$STACFS" inspect "$out/tas_sample.json"
echo
echo "== every chunk fetched and decoded by stacfs, compared with netCDF4 on the source"
/usr/bin/python3 scripts/verify_chunks.py "$STACFS" "$out/tas_sample.json" sample/tas_sample.nc
echo
echo "== xarray through the references (fsspec ReferenceFileSystem + zarr)"
/usr/bin/python3 scripts/demo_xarray.py "$out/tas_sample.json" sample/tas_sample.nc
