#!/usr/bin/python3
"""Makes the bundled sample: a small CF netCDF4 file and Kerchunk references to it.

The references are computed here with h5py's chunk index (get_chunk_info), independently of
stacfs, so that the demo and the tests check stacfs against another implementation. The URL in
the references is relative ("tas_sample.nc"): readers resolve it against the reference file.

Run with Debian's interpreter: /usr/bin/python3 sample/make_sample.py sample/
"""
import json
import os
import sys

import h5py
import netCDF4
import numpy as np


def make_netcdf(path):
    rng = np.random.default_rng(20261124)
    with netCDF4.Dataset(path, "w", format="NETCDF4") as nc:
        nc.Conventions = "CF-1.8"
        nc.title = "stacfs sample: monthly near-surface air temperature and precipitation"
        nc.history = "made by sample/make_sample.py"
        nc.createDimension("time", 12)
        nc.createDimension("lat", 36)
        nc.createDimension("lon", 72)
        time = nc.createVariable("time", "f8", ("time",))
        time.units = "days since 2000-01-01"
        time.calendar = "standard"
        time.standard_name = "time"
        time[:] = np.arange(12) * 30.4375 + 15
        lat = nc.createVariable("lat", "f4", ("lat",))
        lat.units = "degrees_north"
        lat[:] = np.linspace(-87.5, 87.5, 36)
        lon = nc.createVariable("lon", "f4", ("lon",))
        lon.units = "degrees_east"
        lon[:] = np.linspace(2.5, 357.5, 72)
        glat, glon = np.meshgrid(np.radians(lat[:]), np.radians(lon[:]), indexing="ij")
        tas = nc.createVariable("tas", "f4", ("time", "lat", "lon"), zlib=True, shuffle=True,
                                complevel=4, chunksizes=(1, 36, 72))
        tas.units = "K"
        tas.standard_name = "air_temperature"
        seasons = np.cos(2 * np.pi * (np.arange(12) - 6) / 12)[:, None, None]
        field = 288 - 30 * np.sin(glat) ** 2 + 10 * seasons * np.sin(glat) + np.cos(3 * glon)
        tas[:] = (field + rng.normal(0, 0.5, (12, 36, 72))).astype("f4")
        pr = nc.createVariable("pr", "f4", ("time", "lat", "lon"), zlib=True, complevel=6,
                               chunksizes=(4, 18, 36), fill_value=np.float32(1e20))
        pr.units = "kg m-2 s-1"
        values = np.abs(rng.gamma(0.5, 3e-5, (12, 36, 72))).astype("f4")
        values[:, :3, :] = np.ma.masked  # polar rows missing: fill value in the file
        pr[:] = np.ma.masked_where(np.zeros_like(values, bool) | (np.arange(36) < 3)[None, :, None], values)


def zattrs(var):
    skip = {"_FillValue", "DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_Netcdf4Dimid",
            "_Netcdf4Coordinates", "_nc3_strict", "_NCProperties"}
    out = {}
    for k, v in var.attrs.items():
        if k in skip:
            continue
        if isinstance(v, bytes):
            v = v.decode()
        elif isinstance(v, np.ndarray):
            v = v.tolist()
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


def make_refs(nc_path, refs_path):
    refs = {".zgroup": json.dumps({"zarr_format": 2})}
    url = os.path.basename(nc_path)
    with netCDF4.Dataset(nc_path) as nc:
        dims_of = {name: list(var.dimensions) for name, var in nc.variables.items()}
    with h5py.File(nc_path, "r") as f:
        refs[".zattrs"] = json.dumps(zattrs(f))
        for name, ds in f.items():
            dims = dims_of[name]
            filters = []
            if ds.shuffle:
                filters.append({"id": "shuffle", "elementsize": ds.dtype.itemsize})
            if ds.compression == "gzip":
                filters.append({"id": "zlib", "level": ds.compression_opts})
            fill = ds.fillvalue if "_FillValue" in ds.attrs else None
            zarray = {
                "zarr_format": 2, "shape": list(ds.shape), "chunks": list(ds.chunks or ds.shape),
                "dtype": ds.dtype.str, "compressor": None, "filters": filters or None,
                "fill_value": None if fill is None else float(fill), "order": "C",
            }
            refs[f"{name}/.zarray"] = json.dumps(zarray)
            attrs = zattrs(ds)
            attrs["_ARRAY_DIMENSIONS"] = dims
            refs[f"{name}/.zattrs"] = json.dumps(attrs)
            if ds.chunks is None:
                key = ".".join("0" for _ in ds.shape)
                refs[f"{name}/{key}"] = [url, ds.id.get_offset(), ds.id.get_storage_size()]
                continue
            for i in range(ds.id.get_num_chunks()):
                info = ds.id.get_chunk_info(i)
                index = [o // c for o, c in zip(info.chunk_offset, ds.chunks)]
                refs[f"{name}/" + ".".join(map(str, index))] = [url, info.byte_offset, info.size]
    with open(refs_path, "w") as out:
        json.dump({"version": 1, "refs": refs}, out, indent=1, sort_keys=True)
        out.write("\n")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    nc_path = os.path.join(out_dir, "tas_sample.nc")
    make_netcdf(nc_path)
    make_refs(nc_path, os.path.join(out_dir, "tas_sample.refs.json"))
    print(f"wrote {nc_path} and its references")


if __name__ == "__main__":
    main()
