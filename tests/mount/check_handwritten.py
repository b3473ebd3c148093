#!/usr/bin/python3
"""Usage: /usr/bin/python3 check_handwritten.py STORE EXPECTED.npz
The store's arrays equal the expected values bit for bit (NaN-aware, by bytes), through zarr and
through xarray."""
import sys

import numpy as np
import xarray as xr
import zarr


def main():
    store, expected_path = sys.argv[1:3]
    expected = np.load(expected_path)
    group = zarr.open_group(store, mode="r")
    ds = xr.open_zarr(store, mask_and_scale=False).load()
    for name in expected.files:
        want = expected[name]
        for how, got in (("zarr", group[name][...]), ("xarray", ds[name].values)):
            if got.dtype != want.dtype or got.tobytes() != want.tobytes():
                sys.exit(f"FAIL {name} via {how}: {got!r} != {want!r}")
        print(f"ok {name}")
    if group.attrs["title"] != "hand-written" or not np.isnan(group["code"].attrs["not_a_number"]):
        sys.exit("FAIL attributes")
    print("OK")


if __name__ == "__main__":
    main()
