#!/usr/bin/python3
"""Writes a Kerchunk v1 reference file with N chunk references, shaped like kerchunk's output
for a daily 3-D variable: one array of (N/100/... ) chunks, absolute URLs of 10 source files.

Usage: /usr/bin/python3 scripts/bench/make_refs.py OUT.json [N]
"""
import json
import sys


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    side = 100
    times = n // (side * 1)
    refs = {
        ".zgroup": json.dumps({"zarr_format": 2}),
        ".zattrs": json.dumps({"Conventions": "CF-1.8"}),
        "tas/.zarray": json.dumps({
            "chunks": [1, 1, 90], "compressor": None, "dtype": "<f4", "fill_value": 1e20,
            "filters": [{"id": "shuffle", "elementsize": 4}, {"id": "zlib", "level": 4}],
            "order": "C", "shape": [times, side, 90], "zarr_format": 2}),
        "tas/.zattrs": json.dumps({"_ARRAY_DIMENSIONS": ["time", "lat", "lon"], "units": "K"}),
    }
    offset = 0
    per_file = times // 10
    for t in range(times):
        url = f"https://data.example.org/archive/cmip6/day/tas/tas_day_{t // per_file:04d}.nc"
        for y in range(side):
            length = 20000 + (t * 7 + y * 13) % 5000
            refs[f"tas/{t}.{y}.0"] = [url, offset, length]
            offset += length
    with open(out, "w") as f:
        json.dump({"version": 1, "refs": refs}, f)
    print(f"wrote {out}: {len(refs) - 4} chunk references", file=sys.stderr)


if __name__ == "__main__":
    main()
