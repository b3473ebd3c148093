#!/usr/bin/python3
"""Checks a mounted virtual Zarr store against the netCDF file it was made from.

Usage: /usr/bin/python3 check_store.py STORE SOURCE.nc [--no-xarray]

Every variable (groups included) read with zarr.open_group(STORE) must equal netCDF4-python's
raw read of SOURCE (no masking or scaling) bit for bit: the same dtype (byte order aside) and
the same bytes, so NaNs and their payloads count too. Then xarray.open_zarr(STORE) must be
identical (values, coordinates, attributes) to xarray.open_dataset(SOURCE). Prints one line per
variable and exits non-zero on the first difference.
"""
import sys

import netCDF4
import numpy as np
import zarr


def native(a):
    a = np.asarray(a)
    return np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))


def walk(nc_group, zarr_group, path=""):
    checked = 0
    for name, var in nc_group.variables.items():
        var.set_auto_maskandscale(False)
        expected = native(var[...])
        if name not in zarr_group:
            sys.exit(f"FAIL {path}{name}: missing from the store")
        got = native(zarr_group[name][...])
        if var.dtype == str or expected.dtype.kind == "O":
            same = expected.tolist() == got.tolist()
        else:
            same = (got.dtype == expected.dtype and got.shape == expected.shape
                    and got.tobytes() == expected.tobytes())
        if not same:
            sys.exit(f"FAIL {path}{name}: zarr {got.dtype}{got.shape} differs from netCDF4 "
                     f"{expected.dtype}{expected.shape}")
        print(f"ok {path}{name} {got.dtype} {got.shape}")
        checked += 1
    for name, sub in nc_group.groups.items():
        checked += walk(sub, zarr_group[name], path + name + "/")
    return checked


def main():
    store, source = sys.argv[1:3]
    with netCDF4.Dataset(source) as nc:
        checked = walk(nc, zarr.open_group(store, mode="r"))
    if "--no-xarray" not in sys.argv:
        import xarray as xr
        via_mount = xr.open_zarr(store).load()
        direct = xr.open_dataset(source).load()
        xr.testing.assert_identical(via_mount, direct)
        print("ok xarray identical")
    print(f"OK {checked} variables")


if __name__ == "__main__":
    main()
