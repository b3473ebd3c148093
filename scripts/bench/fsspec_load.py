#!/usr/bin/python3
"""Loads a reference file through fsspec's ReferenceFileSystem (what Python users do today) and
prints the same JSON fields as stacfs_reference_bench: median load time and resident bytes per
reference.

Usage: /usr/bin/python3 scripts/bench/fsspec_load.py REFS.json [REPEATS]
"""
import gc
import json
import os
import statistics
import sys
import time

import fsspec


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    seconds = []
    keys = 0
    for _ in range(repeats):
        start = time.perf_counter()
        fs = fsspec.filesystem("reference", fo=path, skip_instance_cache=True)
        seconds.append(time.perf_counter() - start)
        keys = len(fs.references)
        del fs
        gc.collect()
    gc.collect()
    before = resident_bytes()
    fs = fsspec.filesystem("reference", fo=path, skip_instance_cache=True)
    gc.collect()
    after = resident_bytes()
    median = statistics.median(seconds)
    print(json.dumps({"keys": keys, "parse_seconds_median": round(median, 4),
                      "refs_per_second": round(keys / median),
                      "resident_bytes_per_ref": round((after - before) / keys, 1)}))
    del fs


if __name__ == "__main__":
    main()
