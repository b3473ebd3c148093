#!/usr/bin/python3
"""Inputs for scripts/bench/mount: 10 yearly netCDF4 files of daily `tas` (365 steps, lat 90 ×
lon 180, float32, chunks (1, 90, 180), zlib level 1 + shuffle) with time/lat/lon coordinates —
3,650 chunks in all. Files that already exist are kept.

Usage: /usr/bin/python3 make_inputs.py OUT_DIR
"""
import os
import sys

import netCDF4
import numpy as np

YEARS = range(2000, 2010)
NT, NY, NX = 365, 90, 180


def write(path, year):
    rng = np.random.default_rng(year)
    lat = np.linspace(-89, 89, NY, dtype="f4")
    lon = np.linspace(0, 358, NX, dtype="f4")
    day = np.arange(NT)
    # A smooth climatology (latitude gradient, seasonal cycle) plus weather noise, rounded to
    # 1/100 K: compresses like real model output rather than like white noise.
    base = 288 - 40 * np.sin(np.deg2rad(lat))[:, None] ** 2 + np.zeros((NY, NX))
    season = 10 * np.sin(2 * np.pi * day / 365.0)[:, None, None] * np.sign(lat)[None, :, None]
    tas = base[None] + season + rng.normal(0, 3, (NT, NY, NX))
    tas = np.round(tas, 2).astype("f4")
    tmp = path + ".tmp"
    with netCDF4.Dataset(tmp, "w") as nc:
        nc.createDimension("time", None)
        nc.createDimension("lat", NY)
        nc.createDimension("lon", NX)
        t = nc.createVariable("time", "f8", ("time",))
        t.units = "days since 2000-01-01"
        t.calendar = "noleap"
        t.standard_name = "time"
        t[:] = (year - 2000) * 365 + day
        y = nc.createVariable("lat", "f4", ("lat",))
        y.units, y.standard_name = "degrees_north", "latitude"
        y[:] = lat
        x = nc.createVariable("lon", "f4", ("lon",))
        x.units, x.standard_name = "degrees_east", "longitude"
        x[:] = lon
        v = nc.createVariable("tas", "f4", ("time", "lat", "lon"), zlib=True, complevel=1,
                              shuffle=True, chunksizes=(1, NY, NX))
        v.units, v.standard_name = "K", "air_temperature"
        v[:] = tas
    os.rename(tmp, path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for year in YEARS:
        path = os.path.join(out, f"tas_day_{year}.nc")
        if not os.path.exists(path):
            write(path, year)


if __name__ == "__main__":
    main()
