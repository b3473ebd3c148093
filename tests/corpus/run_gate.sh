#!/usr/bin/env bash
# The converter's correctness gate as one ctest test: builds the corpus in a temporary
# directory, converts and checks every file (check_conversion.py), removes everything.
# Usage: tests/corpus/run_gate.sh STACFS
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stacfs="$1"
work=$(mktemp -d /tmp/stacfs-gate-XXXXXX)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -W ignore "$here/make_corpus.py" "$work/corpus"
/usr/bin/python3 "$here/check_conversion.py" "$stacfs" "$work/corpus" "$work/out"
