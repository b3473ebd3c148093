#!/usr/bin/python3
"""Checks a mounted cluster store against the netCDF files its items were made from.

Usage: /usr/bin/python3 check_cluster.py STORE FILE... [--no-xarray]

FILEs are given in time order. Every variable of the first FILE read with zarr.open_group(STORE)
must equal netCDF4-python's raw reads (no masking or scaling) of the FILEs concatenated along
"time" (variables without a time dimension: equal to the first file's, and the same in every
file), bit for bit. Then xarray.open_zarr(STORE) must be identical (values, coordinates,
attributes) to xarray.open_mfdataset(FILEs) concatenated along time. Prints one line per
variable and exits non-zero on the first difference.
"""
import sys

import netCDF4
import numpy as np
import zarr


def native(a):
    a = np.asarray(a)
    return np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))


def raw(dataset, name):
    var = dataset.variables[name]
    var.set_auto_maskandscale(False)
    return native(var[...])


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    store, files = args[0], args[1:]
    if not files:
        sys.exit("usage: check_cluster.py STORE FILE... [--no-xarray]")
    group = zarr.open_group(store, mode="r")
    sources = [netCDF4.Dataset(f) for f in files]
    try:
        checked = 0
        for name, var in sources[0].variables.items():
            if name not in group:
                sys.exit(f"FAIL {name}: missing from the cluster store")
            parts = [raw(ds, name) for ds in sources]
            if "time" in var.dimensions:
                expected = np.concatenate(parts, axis=var.dimensions.index("time"))
            else:
                for path, part in zip(files[1:], parts[1:]):
                    if not same(part, parts[0]):
                        sys.exit(f"FAIL {name}: differs between {files[0]} and {path} (bad fixture)")
                expected = parts[0]
            got = native(group[name][...])
            if not same(got, expected):
                sys.exit(f"FAIL {name}: zarr {got.dtype}{got.shape} differs from the netCDF files "
                         f"concatenated along time {expected.dtype}{expected.shape}")
            print(f"ok {name} {got.dtype} {got.shape}")
            checked += 1
    finally:
        for ds in sources:
            ds.close()
    if "--no-xarray" not in sys.argv:
        import xarray as xr
        via_mount = xr.open_zarr(store).load()
        direct = xr.open_mfdataset(files, combine="nested", concat_dim="time",
                                   data_vars="minimal", coords="minimal", compat="override").load()
        xr.testing.assert_identical(via_mount, direct)
        print("ok xarray identical to open_mfdataset")
    print(f"OK {checked} variables")


if __name__ == "__main__":
    main()
