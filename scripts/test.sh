#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every test (all ctest labels:
# unit, integration). Exits non-zero on any failure; ctest's summary closes the output.
# Usage: scripts/test.sh [-L LABEL]   (extra arguments go to ctest)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh RelWithDebInfo
BUILD_DIR="${BUILD_DIR:-build}"
exec ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 300 -j 2 "$@"
