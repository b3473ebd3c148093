#!/usr/bin/python3
"""Writes .zarray documents with zarr-python itself (Debian python3-zarr 2.13), one per dtype and
fill value, for core/zarr's golden tests: stacfs must parse what zarr writes. Run once; the
outputs are committed.

Usage: /usr/bin/python3 core/zarr/testdata/make_golden.py core/zarr/testdata
"""
import os
import sys

import numcodecs
import numpy as np
import zarr

CASES = [
    ("f4_nan", dict(dtype="<f4", fill_value=np.nan, compressor=numcodecs.Zlib(4))),
    ("f8_big_inf", dict(dtype=">f8", fill_value=-np.inf, compressor=None)),
    ("i2_fill", dict(dtype="<i2", fill_value=-9999, filters=[numcodecs.Shuffle(2)])),
    ("u8_big", dict(dtype=">u8", fill_value=18446744073709551615, compressor=numcodecs.Zstd(3))),
    ("bool", dict(dtype="|b1", fill_value=True)),
    ("bytes", dict(dtype="|S5", fill_value=b"ab")),
    ("unicode", dict(dtype="<U3", fill_value="xy")),
    ("vlen_utf8", dict(dtype=object, object_codec=numcodecs.VLenUTF8(), fill_value="")),
    ("datetime", dict(dtype="<M8[ns]", fill_value=np.datetime64("NaT"))),
    ("complex", dict(dtype="<c16", fill_value=1 + 2j)),
    ("slash", dict(dtype="<f4", fill_value=None, dimension_separator="/",
                   compressor=numcodecs.Blosc("lz4", 5, numcodecs.Blosc.SHUFFLE))),
]


def main():
    out = sys.argv[1]
    for name, kwargs in CASES:
        store = zarr.MemoryStore()
        zarr.create(shape=(10, 7), chunks=(4, 3), store=store, **kwargs)
        with open(os.path.join(out, name + ".zarray"), "wb") as f:
            f.write(store[".zarray"])


if __name__ == "__main__":
    main()
