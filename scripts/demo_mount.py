#!/usr/bin/python3
"""Opens a store of a stacfs mount with xarray — a plain path, no fsspec — and checks it is
identical (values, coordinates, attributes) to xarray opening the source netCDF file.

Usage: /usr/bin/python3 scripts/demo_mount.py MOUNT/collection/item/reference_file.zarr SOURCE.nc
"""
import sys

import xarray as xr


def main():
    store, source = sys.argv[1:3]
    mounted = xr.open_zarr(store)
    print(mounted)
    direct = xr.open_dataset(source, engine="netcdf4")
    xr.testing.assert_identical(mounted.load(), direct.load())
    print(f"\nxarray on {store} is identical to xarray on {source}: "
          f"{len(direct.data_vars)} data variables, {sum(v.size for v in direct.variables.values())} values")


if __name__ == "__main__":
    main()
