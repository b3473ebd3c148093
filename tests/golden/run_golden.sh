#!/usr/bin/env bash
# Golden reference files for `stacfs convert` (see README.md here): makes each case's sources
# from CDL with ncgen, converts them with fixed URLs, compares the output byte for byte with the
# committed golden JSON, and checks the golden JSON itself against netCDF4-python's reads of the
# sources (check_golden.py), so a golden file is never trusted only because stacfs wrote it.
#
# Usage: tests/golden/run_golden.sh STACFS              compare (the ctest test)
#        tests/golden/run_golden.sh STACFS --regenerate  check the new output, then replace
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stacfs="$1"
mode="${2:-compare}"
python=/usr/bin/python3
prefix="http://example.invalid/data/"
work=$(mktemp -d /tmp/stacfs-golden-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data" "$work/out"

# Sources. netCDF3 layouts are fixed by the format; netCDF4 files depend on the netCDF-C and HDF5
# versions that write them (checked below).
make_source() {  # name kind
  ncgen -k "$2" -o "$work/data/$1.nc" "$here/cases/$1.cdl"
}
make_source nc3_records classic
make_source nc4_features nc4
make_source agg_part1 nc4
make_source agg_part2 nc4
make_source agg_full nc4
libraries=$(ncdump -s -h "$work/data/nc4_features.nc" | sed -n 's/^[[:space:]]*:_NCProperties = "\(.*\)" ;$/\1/p')

# case name | stacfs convert arguments (relative to the data dir) | source to check against
cases=(
  "nc3_records|nc3_records.nc --inline-threshold 6|nc3_records.nc"
  "nc4_features|nc4_features.nc --inline-threshold 20|nc4_features.nc"
  "agg|agg_part2.nc agg_part1.nc --inline-threshold 0|agg_full.nc"
)

failures=0
for entry in "${cases[@]}"; do
  IFS='|' read -r name args source <<<"$entry"
  out="$work/out/$name.json"
  golden="$here/$name.json"
  (cd "$work/data" && "$stacfs" convert $args -o "$out" --url-prefix "$prefix" 2>"$work/out/$name.log") || {
    echo "FAIL $name: stacfs convert failed:"; cat "$work/out/$name.log"; failures=$((failures + 1)); continue; }
  if [[ "$mode" == "--regenerate" ]]; then
    # Only output that passes the independent check becomes a golden file.
    "$python" "$here/check_golden.py" "$out" "$work/data/$source" "$prefix" "$work/data" ||
      { failures=$((failures + 1)); continue; }
    cp "$out" "$golden"
    echo "$libraries" >"$here/netcdf4_libraries.txt"
    echo "regenerated $golden"
    continue
  fi
  # The committed golden file, checked on its own against netCDF4-python.
  "$python" "$here/check_golden.py" "$golden" "$work/data/$source" "$prefix" "$work/data" ||
    { echo "FAIL $name: the golden file itself does not read back as the source"; failures=$((failures + 1)); continue; }
  if [[ "$name" != nc3_* && "$libraries" != "$(cat "$here/netcdf4_libraries.txt")" ]]; then
    # Other libraries lay the netCDF4 file out differently: offsets cannot match. The output
    # is still checked for correctness; the byte comparison needs goldens made here.
    echo "NOTE $name: sources written by $libraries, goldens by $(cat "$here/netcdf4_libraries.txt"):" \
         "byte comparison skipped (run with --regenerate to make goldens for these libraries)"
    "$python" "$here/check_golden.py" "$out" "$work/data/$source" "$prefix" "$work/data" ||
      failures=$((failures + 1))
    continue
  fi
  if cmp -s "$out" "$golden"; then
    echo "ok  $name: output identical to $(basename "$golden")"
  else
    echo "FAIL $name: output differs from $(basename "$golden"):"
    diff "$golden" "$out" | head -20 || true
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "$failures golden case(s) failed"
  exit 1
fi
