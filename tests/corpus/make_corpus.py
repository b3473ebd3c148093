#!/usr/bin/python3
"""Makes the converter's correctness corpus: real-world-shaped netCDF/HDF5 files, built with
netCDF-C tools (ncgen, nccopy, ncks) and netCDF4-python/h5py, into OUT_DIR.

Usage: /usr/bin/python3 tests/corpus/make_corpus.py OUT_DIR
"""
import os
import subprocess
import sys

import h5py
import netCDF4
import numpy as np

RNG = np.random.default_rng(1234)

NC3_CDL = """netcdf nc3 {
dimensions:
  time = UNLIMITED ; lat = 3 ; lon = 5 ; nchar = 7 ;
variables:
  double time(time) ; time:units = "days since 1990-01-01" ; time:calendar = "standard" ;
  float lat(lat) ; lat:units = "degrees_north" ;
  short tas(time, lat, lon) ; tas:scale_factor = 0.01 ; tas:add_offset = 273.15 ; tas:_FillValue = -32767s ;
  byte flag(time, lon) ; flag:valid_range = 0b, 10b ;
  char station(time, nchar) ;
  int count(time) ; count:missing_value = -1 ;
  double scalar ; scalar:note = "no dimensions" ;
  float pr(lat, lon) ; pr:_FillValue = NaNf ; pr:weights = 1.5, 2.5, NaN ;
%s
  :title = "netCDF3 corpus file" ; :version = 3 ; :ratio = 0.5f ; :place = "Zürich, 北京" ;
data:
  time = 0, 1, 2, 3 ;
  lat = -10, 0, 10 ;
  tas = %s ;
  flag = %s ;
  station = "alpha", "beta", "gamma", "delta" ;
  count = 1, 2, _, 4 ;
  scalar = 3.25 ;
  pr = 1, 2, 3, _, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 ;
}
"""

# (ncgen 4.9.0 reads CDL "int64" as int: the int64 variable is added with netCDF4-python below.)
CDF5_EXTRA = """  ubyte ub(lon) ; ushort us(lon) ; uint ui(lon) ; uint64 u64(lon) ;"""
CDF5_DATA = """  ub = 0, 1, 254, 255, 7 ; us = 0, 1, 65534, 65535, 7 ; ui = 0, 1, 4294967294, 4294967295, 7 ;
  u64 = 0, 1, 18446744073709551614, 3, 7 ;"""


def run(*args):
    subprocess.run(args, check=True)


def netcdf3(out):
    tas = ", ".join(str(int(v)) for v in RNG.integers(-3000, 3000, 4 * 3 * 5))
    flag = ", ".join(str(int(v)) for v in RNG.integers(0, 10, 4 * 5))
    for kind, name in (("classic", "nc3_classic.nc"), ("64-bit offset", "nc3_64bit.nc")):
        cdl = os.path.join(out, name + ".cdl")
        with open(cdl, "w") as f:
            f.write(NC3_CDL.replace("%s", "", 1) % (tas, flag))
        run("ncgen", "-k", kind, "-o", os.path.join(out, name), cdl)
        os.remove(cdl)
    cdl = os.path.join(out, "nc3_cdf5.cdl")
    with open(cdl, "w") as f:
        f.write((NC3_CDL % (CDF5_EXTRA, tas, flag)).replace("  pr = 1,", CDF5_DATA + "\n  pr = 1,"))
    run("ncgen", "-k", "cdf5", "-o", os.path.join(out, "nc3_cdf5.nc"), cdl)
    os.remove(cdl)
    # A netCDF3 record series split by ncks, to be re-aggregated.
    classic = os.path.join(out, "nc3_classic.nc")
    run("ncks", "-O", "-h", "-d", "time,0,0", classic, os.path.join(out, "nc3series_part1.nc"))
    run("ncks", "-O", "-h", "-d", "time,1,3", classic, os.path.join(out, "nc3series_part2.nc"))
    run("ncks", "-O", "-h", classic, os.path.join(out, "nc3series_full.nc"))
    with netCDF4.Dataset(os.path.join(out, "nc3_cdf5.nc"), "a") as nc:
        v = nc.createVariable("i64", "i8", ("time",))
        v[:] = np.array([-(2**63) + 1, 0, 1, 2**63 - 1], dtype="i8")
        r = nc.createVariable("rec_u2", "u2", ("time",))  # a second odd-sized record variable
        r[:] = [1, 2, 3, 65535]


def base_series(path, ntime=10, start=0.0, units="days since 2000-01-01"):
    with netCDF4.Dataset(path, "w") as nc:
        nc.title = "daily series"
        nc.createDimension("time", None)
        nc.createDimension("lat", 18)
        nc.createDimension("lon", 36)
        t = nc.createVariable("time", "f8", ("time",))
        t.units = units
        t.calendar = "standard"
        t[:] = start + np.arange(ntime)
        lat = nc.createVariable("lat", "f4", ("lat",))
        lat[:] = np.linspace(-85, 85, 18)
        lon = nc.createVariable("lon", "f4", ("lon",))
        lon[:] = np.linspace(0, 350, 36)
        tas = nc.createVariable("tas", "f4", ("time", "lat", "lon"), chunksizes=(1, 18, 36))
        tas.units = "K"
        tas[:] = (280 + RNG.normal(0, 5, (ntime, 18, 36))).astype("f4")


def netcdf4(out):
    base = os.path.join(out, "base.nc")
    base_series(base)
    # shuffle + deflate with explicit chunks, by nccopy as data centres do
    run("nccopy", "-d", "4", "-s", "-c", "time/1,lat/9,lon/18", base, os.path.join(out, "nc4_shuffle_deflate.nc"))
    run("nccopy", "-k", "nc7", "-d", "0", "-c", "time/10,lat/18,lon/36", base, os.path.join(out, "nc4_classic_model.nc"))

    with netCDF4.Dataset(os.path.join(out, "nc4_contiguous.nc"), "w") as nc:
        nc.createDimension("x", 100)
        v = nc.createVariable("v", "f8", ("x",), contiguous=True)
        v[:] = RNG.normal(size=100)
        w = nc.createVariable("unwritten", "i4", ("x",), contiguous=True, fill_value=-5)

    with netCDF4.Dataset(os.path.join(out, "nc4_groups.nc"), "w") as nc:
        nc.createDimension("x", 4)
        nc.history = "root"
        g = nc.createGroup("forecast")
        g.kind = "ensemble"
        g.createDimension("member", 3)
        v = g.createVariable("t2m", "f4", ("member", "x"), zlib=True)
        v[:] = RNG.normal(size=(3, 4)).astype("f4")
        h = g.createGroup("deep")
        w = h.createVariable("depth", "i2", ("x",))
        w[:] = [1, 2, 3, 4]

    with netCDF4.Dataset(os.path.join(out, "nc4_strings.nc"), "w") as nc:
        nc.createDimension("station", 4)
        nc.createDimension("nchar", 6)
        names = nc.createVariable("name", str, ("station",))
        for i, s in enumerate(["Reading", "Zürich", "", "北京"]):
            names[i] = s
        code = nc.createVariable("code", "S1", ("station", "nchar"))
        code[:] = netCDF4.stringtochar(np.array(["EGLL", "LSZH", "X", "ZBAA"], dtype="S6"))
        nc.tags = "tagged"
        nc.place = "Zürich, 北京 𝄞"
        names.long_name = "Stationsname (Zürich)"

    with netCDF4.Dataset(os.path.join(out, "nc4_scalars.nc"), "w") as nc:
        s = nc.createVariable("height", "f8")
        s.units = "m"
        s[...] = 2.0
        i = nc.createVariable("level", "i4")
        i[...] = 7

    with netCDF4.Dataset(os.path.join(out, "nc4_fill_unwritten.nc"), "w") as nc:
        nc.createDimension("y", 8)
        nc.createDimension("x", 8)
        v = nc.createVariable("sparse", "f4", ("y", "x"), chunksizes=(4, 4), zlib=True, fill_value=-999.0)
        v[0:4, 0:4] = np.arange(16, dtype="f4").reshape(4, 4)
        v[4:8, 4:8] = np.nan
        n = nc.createVariable("nan_fill", "f8", ("y",), fill_value=np.nan)
        n[2:4] = [1.5, 2.5]

    with netCDF4.Dataset(os.path.join(out, "nc4_bigendian.nc"), "w") as nc:
        nc.createDimension("x", 50)
        v = nc.createVariable("be", ">f8", ("x",), endian="big", zlib=True, shuffle=True)
        v[:] = RNG.normal(size=50)
        w = nc.createVariable("be_int", ">i4", ("x",), endian="big")
        w[:] = RNG.integers(-1000, 1000, 50)

    with netCDF4.Dataset(os.path.join(out, "nc4_fletcher32.nc"), "w") as nc:
        nc.createDimension("x", 64)
        v = nc.createVariable("checked", "f4", ("x",), fletcher32=True, zlib=True, chunksizes=(16,))
        v[:] = RNG.normal(size=64).astype("f4")

    with netCDF4.Dataset(os.path.join(out, "nc4_ints.nc"), "w") as nc:
        nc.createDimension("x", 5)
        for t, values in (("u1", [0, 1, 254, 255, 7]), ("u2", [0, 1, 65534, 65535, 7]),
                          ("u4", [0, 1, 4294967294, 4294967295, 7]),
                          ("u8", [0, 1, 2**64 - 2, 2**63, 7]),
                          ("i8", [-(2**63) + 1, -1, 0, 1, 2**63 - 1]), ("i1", [-128, -1, 0, 1, 127])):
            v = nc.createVariable("v_" + t, t, ("x",))
            v[:] = np.array(values, dtype=t)

    with h5py.File(os.path.join(out, "h5_compact.h5"), "w") as f:
        sp = h5py.h5s.create_simple((6,))
        plist = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        plist.set_layout(h5py.h5d.COMPACT)
        d = h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_INT32, sp, plist)
        d.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(6, dtype="i4"))
        f.create_dataset("plain", data=np.arange(12, dtype="f4").reshape(3, 4))
        f.attrs["origin"] = "h5py"

    # A series split with ncks and put back together by the converter.
    series = os.path.join(out, "series_full.nc")
    run("nccopy", "-d", "2", "-s", base, series)
    run("ncks", "-O", "-h", "-d", "time,0,3", series, os.path.join(out, "series_part1.nc"))
    run("ncks", "-O", "-h", "-d", "time,4,9", series, os.path.join(out, "series_part2.nc"))
    os.remove(base)


ENSEMBLE_CDL = """netcdf ensemble {
dimensions:
  member = 2 ; time = 9 ; lat = 3 ; lon = 4 ; nv = 2 ;
variables:
  int member(member) ; member:long_name = "ensemble member" ;
  double time(time) ; time:units = "days since 2000-01-01" ; time:calendar = "standard" ; time:bounds = "time_bnds" ;
  double time_bnds(time, nv) ;
  float lat(lat) ; lat:units = "degrees_north" ;
  float lon(lon) ; lon:units = "degrees_east" ;
  float tas(member, time, lat, lon) ; tas:units = "K" ; tas:_ChunkSizes = 1, 1, 3, 4 ;
    tas:_DeflateLevel = 2 ; tas:_Shuffle = "true" ;
  float pr(time, member, lat) ; pr:units = "kg m-2 s-1" ; pr:_FillValue = -999.f ; pr:_ChunkSizes = 3, 1, 3 ;
  int seed(member) ;
  :title = "2 members x 9 days" ;
data:
  member = 1, 2 ;
  time = 0, 1, 2, 3, 4, 5, 6, 7, 8 ;
  time_bnds = %s ;
  lat = -30, 0, 30 ;
  lon = 0, 90, 180, 270 ;
  tas = %s ;
  pr = %s ;
  seed = 11, 22 ;
}
"""


def ensemble(out):
    """Files that tile a hypercube, 2 members x 3 blocks of 3 days: an ensemble as modelling
    centres publish it, split from one file by ncks and re-aggregated along time and member."""
    bounds = ", ".join(f"{t}, {t + 1}" for t in range(9))
    tas = ", ".join(f"{v:.3f}" for v in 280 + RNG.normal(0, 5, 2 * 9 * 3 * 4))
    pr = ", ".join(f"{v:.6f}" for v in RNG.uniform(0, 1e-4, 9 * 2 * 3))
    full = os.path.join(out, "ensemble_full.nc")
    cdl = full + ".cdl"
    with open(cdl, "w") as f:
        f.write(ENSEMBLE_CDL % (bounds, tas, pr))
    run("ncgen", "-k", "nc4", "-o", full, cdl)
    os.remove(cdl)
    for m in range(2):
        for block in range(3):
            part = os.path.join(out, f"ensemble_part_m{m}_t{block}.nc")
            run("ncks", "-O", "-h", "--cnk_plc=xst", "-d", f"member,{m},{m}",
                "-d", f"time,{3 * block},{3 * block + 2}", full, part)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    netcdf3(out)
    netcdf4(out)
    ensemble(out)


if __name__ == "__main__":
    main()
