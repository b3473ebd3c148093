"""Writes a 64-bit offset file whose header is far larger than one 64 KiB read block: 600
variables of every classic type (half of them record variables, so records interleave with
padding), a 200 KB text attribute and a 20000-value double attribute.
Usage: make_big_header.py OUT.nc"""
import sys

import netCDF4
import numpy as np

TYPES = ["i1", "S1", "i2", "i4", "f4", "f8"]


def main(path):
    ds = netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_OFFSET")
    ds.createDimension("time", None)
    ds.createDimension("x", 7)
    ds.setncattr("history", "".join("line %06d of a long history\n" % i for i in range(7000)))
    ds.setncattr("table", np.arange(20000, dtype="f8") / 7.0)
    rng = np.random.default_rng(7)
    # Define everything first: each return to define mode would rewrite the file.
    variables = []
    for k in range(600):
        dtype = TYPES[k % len(TYPES)]
        dims = ("time", "x") if k % 2 == 0 else ("x",)
        v = ds.createVariable("var_%04d_%s" % (k, dtype), dtype, dims, fill_value=False)
        v.setncattr("long_name", "variable number %d" % k)
        v.setncattr("index", np.int32(k))
        v.setncattr("scale", np.float32(k / 3))
        variables.append((v, dtype, k % 2 == 0))
    for v, dtype, record in variables:
        shape = (3, 7) if record else (7,)
        if dtype == "S1":
            data = rng.integers(97, 123, size=shape).astype("u1").view("S1")
        elif dtype[0] == "f":
            data = rng.standard_normal(shape).astype(dtype)
        else:
            info = np.iinfo(dtype)
            data = rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
        v[...] = data
    ds.close()


if __name__ == "__main__":
    main(sys.argv[1])
