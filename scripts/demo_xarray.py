#!/usr/bin/python3
"""Opens a Kerchunk reference file with xarray (zarr engine over fsspec's ReferenceFileSystem, as
users do today) and checks it is identical — values, coordinates, attributes — to xarray
opening the source netCDF file directly.

Usage: /usr/bin/python3 scripts/demo_xarray.py REFS.json SOURCE.nc
"""
import sys

import xarray as xr


def main():
    refs, source = sys.argv[1:3]
    via_refs = xr.open_dataset("reference://", engine="zarr",
                               backend_kwargs={"consolidated": False,
                                               "storage_options": {"fo": refs}})
    direct = xr.open_dataset(source, engine="netcdf4")
    print(via_refs)
    xr.testing.assert_identical(via_refs.load(), direct.load())
    print(f"\nxarray through the references is identical to xarray on {source}: "
          f"{len(direct.data_vars)} data variables, {sum(v.size for v in direct.variables.values())} values")


if __name__ == "__main__":
    main()
