#!/usr/bin/python3
"""Writes a hand-made Kerchunk reference file the way other tools and people write them, with
the values it must read as, for the mount tests.

Usage: /usr/bin/python3 make_handwritten_refs.py DIR
Writes DIR/data.bin (raw chunk bytes), DIR/refs.json (version 0: no "refs" wrapper; .zarray as a
JSON *string* for one array and an object for another; an attribute written as a bare NaN;
one chunk inline as base64, one inline as raw text, the rest [url, offset, length] ranges to a
relative URL; a chunk left absent, read as the fill value) and DIR/expected.npz.
"""
import base64
import json
import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(42)
    temp = rng.normal(280, 10, size=(4, 6)).astype("<f4")
    temp[1, 2] = np.nan  # a NaN inside the data, not only as fill
    code = np.arange(12, dtype="|u1").reshape(3, 4) + 65  # "ABCD..." bytes: valid as raw text

    data = bytearray()
    refs = {".zgroup": json.dumps({"zarr_format": 2}),
            ".zattrs": json.dumps({"title": "hand-written"})}
    # temp: chunks (2, 3) -> grid 2x2; chunk 1.1 absent -> fill NaN in the expected values.
    refs["temp/.zarray"] = json.dumps({"zarr_format": 2, "shape": [4, 6], "chunks": [2, 3],
                                       "dtype": "<f4", "compressor": None, "filters": None,
                                       "fill_value": "NaN", "order": "C"})
    refs["temp/.zattrs"] = json.dumps({"_ARRAY_DIMENSIONS": ["y", "x"], "units": "K"})
    expected_temp = temp.copy()
    for i in range(2):
        for j in range(2):
            block = np.ascontiguousarray(temp[i*2:(i+1)*2, j*3:(j+1)*3])
            key = f"temp/{i}.{j}"
            if (i, j) == (1, 1):
                expected_temp[2:4, 3:6] = np.nan
                continue
            if (i, j) == (0, 1):
                refs[key] = "base64:" + base64.b64encode(block.tobytes()).decode()
                continue
            refs[key] = ["data.bin", len(data), block.nbytes]
            data += block.tobytes()
    # code: .zarray as an object (not a string), one chunk raw inline text.
    refs["code/.zarray"] = {"zarr_format": 2, "shape": [3, 4], "chunks": [3, 4], "dtype": "|u1",
                            "compressor": None, "filters": None, "fill_value": 0, "order": "C"}
    refs["code/.zattrs"] = {"_ARRAY_DIMENSIONS": ["r", "c"], "not_a_number": float("nan")}
    refs["code/0.0"] = code.tobytes().decode("ascii")

    with open(os.path.join(out, "data.bin"), "wb") as f:
        f.write(bytes(data))
    text = json.dumps(refs, allow_nan=True)  # the NaN attribute is written as a bare NaN token
    assert ": NaN" in text
    with open(os.path.join(out, "refs.json"), "w") as f:
        f.write(text)
    np.savez(os.path.join(out, "expected.npz"), temp=expected_temp, code=code)


if __name__ == "__main__":
    main()
