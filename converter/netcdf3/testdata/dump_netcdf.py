"""Dumps what netCDF4-python (libnetcdf) reads from a netCDF file, for netcdf3_ncgen_test to
compare with the native reader: OUT_DIR/meta.json (format, dimensions, attributes with their
NumPy types, variables with dims, shape, big-endian dtype) and OUT_DIR/<k>.bin, the raw
big-endian bytes of variable k in row-major order. Values are read unmasked and unscaled.

Usage: /usr/bin/python3 dump_netcdf.py FILE.nc OUT_DIR"""
import json
import os
import sys

import netCDF4
import numpy as np


def attribute(value):
    if isinstance(value, str):
        return {"type": "str", "value": value}
    array = np.asarray(value)
    if array.dtype.kind in "SU":
        return {"type": "str", "value": str(array)}
    return {"type": array.dtype.str, "values": array.reshape(-1).tolist()}


def attributes(obj):
    return [[name, attribute(obj.getncattr(name))] for name in obj.ncattrs()]


def main(path, out_dir):
    ds = netCDF4.Dataset(path, "r")
    ds.set_auto_maskandscale(False)
    ds.set_auto_chartostring(False)
    meta = {
        "format": ds.data_model,
        "dimensions": {name: [len(d), d.isunlimited()] for name, d in ds.dimensions.items()},
        "attributes": attributes(ds),
        "variables": [],
    }
    for k, (name, var) in enumerate(ds.variables.items()):
        data = np.asarray(var[...])
        big = data.dtype.newbyteorder(">") if data.dtype.itemsize > 1 else data.dtype
        raw = np.ascontiguousarray(data.astype(big, copy=False)).tobytes()
        with open(os.path.join(out_dir, "%d.bin" % k), "wb") as f:
            f.write(raw)
        meta["variables"].append({
            "name": name,
            "dims": list(var.dimensions),
            "shape": list(data.shape),
            "dtype": big.str,
            "attributes": attributes(var),
            "data": "%d.bin" % k,
        })
    ds.close()
    with open(os.path.join(out_dir, "meta.json"), "w") as f:
        json.dump(meta, f)  # NaN and Infinity bare, as Python writes them


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
