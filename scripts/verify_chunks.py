#!/usr/bin/python3
"""Checks that every chunk stacfs fetches and decodes equals the source file's values.

For each array of a Kerchunk reference file, for each of its chunk keys, runs
`stacfs inspect REFS --key KEY --decode` and compares the bytes, bit for bit, with the same
region read by netCDF4-python (mask and scale off) and padded to the chunk shape as Zarr does.

Usage: /usr/bin/python3 scripts/verify_chunks.py STACFS REFS SOURCE.nc [--location LOCATION]
  REFS is read here (plain JSON) to list the keys; stacfs reads LOCATION (default REFS), which
  may be a URL or a compressed copy of the same references.
"""
import argparse
import json
import subprocess
import sys

import netCDF4
import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("stacfs")
    parser.add_argument("refs")
    parser.add_argument("source")
    parser.add_argument("--location")
    args = parser.parse_args()
    stacfs, source = args.stacfs, args.source
    location = args.location or args.refs
    refs = json.load(open(args.refs))["refs"]
    checked = values = 0
    with netCDF4.Dataset(source) as nc:
        nc.set_auto_maskandscale(False)
        for key in sorted(k for k in refs if k.endswith("/.zarray")):
            name = key[: -len("/.zarray")]
            meta = json.loads(refs[key])
            chunks, dtype = meta["chunks"], np.dtype(meta["dtype"])
            for chunk_key in sorted(k for k in refs if k.startswith(name + "/") and "/." not in k):
                index = [int(i) for i in chunk_key.split("/")[-1].split(".")]
                decoded = subprocess.run([stacfs, "inspect", location, "--key", chunk_key, "--decode"],
                                         check=True, capture_output=True).stdout
                got = np.frombuffer(decoded, dtype=dtype).reshape(chunks)
                region = tuple(slice(i * c, (i + 1) * c) for i, c in zip(index, chunks))
                want = np.asarray(nc[name][region])
                # Edge chunks are padded in Zarr: compare the part that exists.
                got = got[tuple(slice(0, n) for n in want.shape)]
                if got.tobytes() != want.tobytes():
                    sys.exit(f"MISMATCH in {chunk_key}")
                checked += 1
                values += want.size
    if checked == 0:
        sys.exit("no chunk keys found: nothing was checked")
    print(f"{checked} chunks, {values} values: all equal to netCDF4's, bit for bit")


if __name__ == "__main__":
    main()
