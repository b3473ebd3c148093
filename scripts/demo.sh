#!/usr/bin/env bash
# The main job on the bundled sample, on a fresh Debian 12 machine: installs what is missing,
# builds stacfs (Release), converts the sample netCDF4 file to Kerchunk references, shows what
# they hold, decodes every chunk through stacfs and opens the dataset with xarray through the
# references; then publishes them as a static STAC catalog, mounts the catalog with FUSE, lists
# it and reads the dataset with xarray from a plain path — each checked against the source
# file, bit for bit — and unmounts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR="${BUILD_DIR:-build-release}" TARGETS="stacfs" scripts/build.sh Release
STACFS="$PWD/${BUILD_DIR:-build-release}/mount-tools/stacfs"
out=$(mktemp -d /tmp/stacfs-demo-XXXXXX)
mnt="$out/mnt"
cleanup() {
  if grep -qs " $mnt " /proc/mounts; then fusermount3 -u "$mnt" || fusermount3 -uz "$mnt"; fi
  rm -rf "$out"
}
trap cleanup EXIT

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
echo
echo "== publish the references as a static STAC catalog"
/usr/bin/python3 scripts/publish_demo_catalog.py "$out/catalog" demo "$out/tas_sample.json:sample/tas_sample.nc"
echo
echo "== stacfs mount catalog.json $mnt   (returns once the mount is ready)"
mkdir -p "$mnt"
"$STACFS" mount "$out/catalog/catalog.json" "$mnt"
echo
echo "== ls -R $mnt/demo"
ls -lR "$mnt/demo"
echo
echo "== xarray.open_zarr on the mounted store, a plain path"
/usr/bin/python3 scripts/demo_mount.py "$mnt/demo/tas_sample/reference_file.zarr" sample/tas_sample.nc
echo
echo "== $mnt/.stacfs/stats"
cat "$mnt/.stacfs/stats"
echo
echo "== fusermount3 -u $mnt"
fusermount3 -u "$mnt"
