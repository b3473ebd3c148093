#!/usr/bin/python3
"""Inputs for scripts/bench/convert: (a) 4 daily files of 2920 steps × 4 chunks each (11,680 chunks
per file) to aggregate along time; (b) one file with 1,000,000 chunks; (c) one netCDF3 file of
250,000 records × 4 record variables (1,000,000 references of a few bytes each).

Usage: /usr/bin/python3 scripts/bench/make_convert_inputs.py OUT_DIR
"""
import os
import sys

import h5py
import netCDF4
import numpy as np


def series(path, year):
    with netCDF4.Dataset(path, "w") as nc:
        nc.createDimension("time", None)
        nc.createDimension("lat", 32)
        nc.createDimension("lon", 64)
        t = nc.createVariable("time", "f8", ("time",))
        t.units = "hours since 2000-01-01"
        t[:] = (year - 2000) * 8760 * 3 + np.arange(2920) * 3.0
        nc.createVariable("lat", "f4", ("lat",))[:] = np.linspace(-80, 80, 32)
        nc.createVariable("lon", "f4", ("lon",))[:] = np.linspace(0, 355, 64)
        v = nc.createVariable("tas", "f4", ("time", "lat", "lon"), zlib=True, complevel=1,
                              chunksizes=(1, 16, 32))
        v[:] = np.random.default_rng(year).normal(280, 5, (2920, 32, 64)).astype("f4")


def million(path):
    with h5py.File(path, "w") as f:
        d = f.create_dataset("x", shape=(1000, 1000), chunks=(1, 1), dtype="i1")
        d[:] = np.arange(1000 * 1000, dtype=np.int64).reshape(1000, 1000).astype("i1")


def records(path):
    n = 250_000
    with netCDF4.Dataset(path, "w", format="NETCDF3_CLASSIC") as nc:
        nc.createDimension("time", None)
        nc.createVariable("time", "f8", ("time",))[:] = np.arange(n, dtype="f8")
        nc.createVariable("level", "i2", ("time",))[:] = (np.arange(n) % 30000).astype("i2")
        nc.createVariable("flag", "i1", ("time",))[:] = (np.arange(n) % 100).astype("i1")
        nc.createVariable("value", "f4", ("time",))[:] = np.arange(n, dtype="f4")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for year in range(2000, 2004):
        path = os.path.join(out, f"tas_3hr_{year}.nc")
        if not os.path.exists(path):
            series(path, year)
    path = os.path.join(out, "million_chunks.h5")
    if not os.path.exists(path):
        million(path)
    path = os.path.join(out, "million_records.nc")
    if not os.path.exists(path):
        records(path)


if __name__ == "__main__":
    main()
