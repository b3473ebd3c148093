#!/usr/bin/env bash
# The main job on the bundled sample: sets up everything on a fresh Debian 12 machine, builds
# stacfs (Release), reads the sample's Kerchunk references, fetches and decodes every chunk
# through stacfs, and checks each value against netCDF4-python reading the source file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR="${BUILD_DIR:-build-release}" scripts/build.sh Release
STACFS="$PWD/${BUILD_DIR:-build-release}/mount-tools/stacfs"

echo
echo "== stacfs inspect sample/tas_sample.refs.json"
"$STACFS" inspect sample/tas_sample.refs.json
echo
echo "== decode every chunk through stacfs and compare with netCDF4 on the source file"
/usr/bin/python3 scripts/verify_chunks.py "$STACFS" sample/tas_sample.refs.json sample/tas_sample.nc
