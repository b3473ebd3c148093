#!/usr/bin/python3
"""The baseline: what kerchunk's HDF5 scanner does per chunk (h5py get_chunk_info), timed.
Prints JSON: chunks, seconds, peak RSS.

Usage: /usr/bin/python3 scripts/bench/h5py_scan.py FILE...
"""
import json
import resource
import sys
import time

import h5py


def main():
    start = time.perf_counter()
    refs = {}
    for path in sys.argv[1:]:
        with h5py.File(path, "r") as f:
            def visit(name, obj):
                if isinstance(obj, h5py.Dataset) and obj.chunks:
                    dsid = obj.id
                    for i in range(dsid.get_num_chunks()):
                        info = dsid.get_chunk_info(i)
                        key = name + "/" + ".".join(str(o // c) for o, c in zip(info.chunk_offset, obj.chunks))
                        refs[path + ":" + key] = [path, info.byte_offset, info.size]
            f.visititems(visit)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"chunks": len(refs), "seconds": seconds, "peak_rss": rss}))


if __name__ == "__main__":
    main()
