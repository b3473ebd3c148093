#!/usr/bin/env bash
# Configures and builds stacfs into BUILD_DIR (default: build/, RelWithDebInfo); TARGETS (space
# separated) limits the build to what a script runs, e.g. TARGETS=stacfs for the demo.
# Usage: scripts/build.sh [Release|RelWithDebInfo|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_TYPE="${1:-RelWithDebInfo}"
BUILD_DIR="${BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DSTACFS_WERROR=ON >/dev/null
# Two cores on the reference machine: two jobs keep memory modest.
targets=()
for t in ${TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$BUILD_DIR" -j "${JOBS:-2}" "${targets[@]}"
