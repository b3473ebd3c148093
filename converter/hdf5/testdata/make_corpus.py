#!/usr/bin/python3
"""Writes the HDF5 reader's test corpus into OUT_DIR, with what each file must read as.

Run by converter_hdf5_corpus_test with Debian's /usr/bin/python3 (netCDF4-python, h5py, numpy,
numcodecs). Files come from the real writers users have: netCDF4-python (netCDF-C) and h5py
(libhdf5), plus chunks encoded by numcodecs written with H5Dwrite_chunk where libhdf5 has no
filter (blosc, zstd) or where a chunk must skip filters (filter_mask != 0).

OUT_DIR/manifest.json lists, per file:
  variables: path -> {dims, dtype, shape, fill (null | number | "NaN" | {"base64": ..}),
                      attrs (the JSON the reader must write), data (raw .bin file of every
                      element as libhdf5 reads it, C order) or strings (list)}
                      plus optional expectations: chunks, filters (codec ids), layout
  groups: path -> attrs
  skipped: path -> text a warning about that variable must contain
  warnings: texts some warning must contain
  netcdf_dims: path -> dims as netCDF4-python (netCDF-C) reads them, when it can open the file
  netcdf_attr_names: path -> the attribute names netCDF4-python shows (minus _FillValue)
Values are read back with h5py from the finished file, so they are what libhdf5 returns.
"""
import base64
import json
import math
import os
import subprocess
import sys

import h5py
import netCDF4
import numcodecs
import numpy as np

OUT = sys.argv[1]
MANIFEST = {"files": []}
DIM_ONLY = b"This is a netCDF dimension but not a netCDF variable"
BOOKKEEPING = {"CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid",
               "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict", "_IsNetcdf4"}


def path_of(name):
    return os.path.join(OUT, name)


# ---------------------------------------------------------------- expectations from h5py

def text(value):
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value)


def attr_json(value, attr_id):
    """The JSON value the reader must write for one attribute (see hdf5_attributes.h)."""
    cls = attr_id.get_type().get_class()
    if cls == h5py.h5t.REFERENCE:
        return None
    if isinstance(value, h5py.Empty):
        is_fixed_string = cls == h5py.h5t.STRING and not attr_id.get_type().is_variable_str()
        return "" if is_fixed_string else []
    array = np.asarray(value)
    if array.dtype.kind in "SUO":
        items = [text(x) for x in array.ravel()]
    elif array.dtype.kind == "b":
        items = [int(x) for x in array.ravel()]
    elif array.dtype.kind in "iu":
        items = [int(x) for x in array.ravel()]
    elif array.dtype.kind == "f":
        items = [float(x) for x in array.ravel()]
    else:
        return None  # compound etc.: dropped with a warning
    return items[0] if len(items) == 1 else items


def attrs_json(obj, is_dataset):
    out = {}
    for name in obj.attrs:
        if name in BOOKKEEPING or (is_dataset and name == "_FillValue"):
            continue
        attr_id = obj.attrs.get_id(name)
        try:
            value = obj.attrs[name]
        except (OSError, TypeError):
            continue
        converted = attr_json(value, attr_id)
        if converted is not None:
            out[name] = converted
    return out


def fill_json(ds):
    if "_FillValue" not in ds.attrs:
        return None
    value = np.asarray(ds.attrs["_FillValue"]).ravel()[0]
    if ds.dtype.kind == "f":
        v = float(value)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if ds.dtype.kind in "iub":
        return int(value)
    if ds.dtype.kind == "S":
        return {"base64": base64.b64encode(bytes(value)).decode()}
    return {"string": text(value)}


def dtype_of(ds):
    tid = ds.id.get_type()
    if tid.get_class() == h5py.h5t.ENUM:
        return tid.get_super().dtype.str
    if h5py.check_string_dtype(ds.dtype) and h5py.check_string_dtype(ds.dtype).length is None:
        return "|O"
    return ds.dtype.str


def is_dimension_only(ds):
    return ds.attrs.get("CLASS") == b"DIMENSION_SCALE" and \
        bytes(ds.attrs.get("NAME", b"")).startswith(DIM_ONLY)


def describe(file_name, data_override=None, skipped=None, warnings=None, extra=None,
             netcdf=True):
    """Reads the finished file back and records what the reader must produce."""
    data_override = data_override or {}
    entry = {"name": file_name, "variables": {}, "groups": {}, "skipped": skipped or {},
             "warnings": warnings or []}
    with h5py.File(path_of(file_name), "r") as f:
        def visit_group(group, group_path):
            entry["groups"][group_path] = attrs_json(group, False)
            for name, obj in group.items():
                link = group.get(name, getlink=True)
                if not isinstance(link, h5py.HardLink):
                    continue
                var_path = (group_path + "/" if group_path else "") + name
                if isinstance(obj, h5py.Group):
                    visit_group(obj, var_path)
                    continue
                if is_dimension_only(obj):
                    continue
                if name.startswith("_nc4_non_coord_"):
                    var_path = (group_path + "/" if group_path else "") + name[15:]
                if var_path in entry["skipped"]:
                    continue
                var = {"dtype": dtype_of(obj), "shape": list(obj.shape),
                       "fill": fill_json(obj), "attrs": attrs_json(obj, True)}
                if var_path in data_override:
                    values = data_override[var_path]
                else:
                    values = obj[()]
                if var["dtype"] == "|O":
                    var["strings"] = [text(x) for x in np.asarray(values).ravel()]
                else:
                    raw = np.ascontiguousarray(np.asarray(values).astype(var["dtype"]))
                    bin_name = file_name + "." + var_path.replace("/", "~") + ".bin"
                    with open(path_of(bin_name), "wb") as out:
                        out.write(raw.tobytes())
                    var["data"] = bin_name
                var.update((extra or {}).get(var_path, {}))
                entry["variables"][var_path] = var
        visit_group(f, "")
    if netcdf:
        entry["netcdf_dims"] = {}
        entry["netcdf_attr_names"] = {}
        with netCDF4.Dataset(path_of(file_name)) as ds:
            def visit(group, prefix):
                entry["netcdf_attr_names"][prefix.rstrip("/")] = list(group.ncattrs())
                for name, var in group.variables.items():
                    entry["netcdf_dims"][prefix + name] = list(var.dimensions)
                    entry["netcdf_attr_names"][prefix + name] = [
                        a for a in var.ncattrs() if a != "_FillValue"]
                for name, child in group.groups.items():
                    visit(child, prefix + name + "/")
            visit(ds, "")
    # Dimensions a variable has through scales, as h5py sees them (files netCDF-C cannot open).
    MANIFEST["files"].append(entry)


def h5py_dims(f, ds_path):
    return [d[0].name.rsplit("/", 1)[-1] if len(d) else None for d in f[ds_path].dims]


# ---------------------------------------------------------------- netCDF-4 files

def nc_basic():
    name = "nc_basic.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("time", None)
        ds.createDimension("lat", 6)
        ds.createDimension("lon", 8)
        ds.createDimension("nv", 2)  # no coordinate variable: a dimension-only scale
        ds.title = "basic corpus file"
        ds.history = "written by make_corpus.py"
        ds.version = 3
        ds.ratios = np.array([0.5, 0.25], "f8")
        ds.counts = np.array([1, 2, 3], "i4")
        ds.one_element = np.array([7], "i2")
        ds.not_a_number = np.nan
        ds.plus_inf = np.inf
        ds.minus_inf = -np.inf
        ds.float32_tenth = np.float32(0.1)
        ds.big_unsigned = np.uint64(2**64 - 1)
        ds.empty_text = ""
        ds.setncattr_string("string_list", ["alpha", "beta", "gamma"])
        ds.setncattr_string("string_one", ["only"])
        ds.non_ascii = "caf\u00e9 \u2013 \u00b0C"
        t = ds.createVariable("time", "f8", ("time",))
        t.units = "days since 2000-01-01"
        t.calendar = "standard"
        t[:] = np.arange(5) * 1.5
        lat = ds.createVariable("lat", "f4", ("lat",))
        lat[:] = np.linspace(-50, 50, 6)
        lon = ds.createVariable("lon", "f4", ("lon",))
        lon[:] = np.linspace(0, 315, 8)
        bnds = ds.createVariable("time_bnds", "f8", ("time", "nv"))
        bnds[:] = np.stack([np.arange(5), np.arange(5) + 1], axis=1)
        # Unlimited time of 5 with time chunks of 2: the last chunk holds one valid row.
        tas = ds.createVariable("tas", "f4", ("time", "lat", "lon"), zlib=True, complevel=4,
                                shuffle=True, chunksizes=(2, 3, 4), fill_value=np.float32(1e20))
        tas.units = "K"
        tas.scale_factor = 1.0
        tas.add_offset = 0.0
        tas.valid_range = np.array([150, 350], "f4")
        values = (np.arange(5 * 6 * 8, dtype="f4") * 0.37 + 200).reshape(5, 6, 8)
        values[1, 2, 3] = np.nan
        tas[:] = values
        pr = ds.createVariable("pr", "f4", ("time", "lat", "lon"), zlib=True, fletcher32=True,
                               chunksizes=(1, 6, 8))
        pr[:] = np.sqrt(np.arange(5 * 6 * 8, dtype="f4")).reshape(5, 6, 8)
        flags = ds.createVariable("flags", "i1", ("lat", "lon"), fletcher32=True)
        flags[:] = (np.arange(48) % 7 - 3).reshape(6, 8)
        flags.flag_values = np.array([-3, 0, 3], "i1")
    describe(name, extra={"tas": {"chunks": [2, 3, 4], "filters": ["shuffle", "zlib"],
                                  "layout": "refs"},
                          "pr": {"filters": ["fletcher32", "shuffle", "zlib"]},
                          "flags": {"filters": ["fletcher32"]}})


def nc_contiguous():
    name = "nc_contiguous.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("y", 4)
        ds.createDimension("x", 5)
        a = ds.createVariable("a", "f8", ("y", "x"), contiguous=True)
        a[:] = np.arange(20).reshape(4, 5) / 3
        # Never written, no _FillValue: libhdf5 reads netCDF's default fill; must be embedded.
        ds.createVariable("unwritten_default", "i4", ("x",), contiguous=True)
        # Never written, _FillValue = HDF5's fill: a missing chunk reads right as it is.
        ds.createVariable("unwritten_fill", "f4", ("x",), contiguous=True, fill_value=-1.5)
        s = ds.createVariable("scalar", "f8", ())
        s[...] = 3.25
        s.note = "a scalar"
        i = ds.createVariable("scalar_int", "i8", ())
        i[...] = -(2**40)
    describe(name, extra={"a": {"chunks": [4, 5], "layout": "refs"},
                          "unwritten_default": {"layout": "inline"},
                          "unwritten_fill": {"layout": "none"},
                          "scalar": {"chunks": []}})


def nc_fill():
    name = "nc_fill.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("y", 10)
        ds.createDimension("x", 10)
        a = ds.createVariable("with_fill", "f4", ("y", "x"), chunksizes=(2, 5), zlib=True,
                              fill_value=np.float32(-999))
        a[0:2, :] = 1.5  # 2 of 10 chunks written; the rest read as _FillValue
        b = ds.createVariable("default_fill", "i2", ("y", "x"), chunksizes=(2, 5), zlib=True)
        b[4:6, 0:5] = 7  # 1 of 10 chunks; the others read as netCDF's default fill
        c = ds.createVariable("nan_fill", "f8", ("y", "x"), chunksizes=(5, 5),
                              fill_value=np.nan)
        c[0:5, 0:5] = 2.0
    describe(name, extra={"with_fill": {"layout": "refs"}, "default_fill": {"layout": "mixed"}})


def nc_groups():
    name = "nc_groups.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("x", 3)
        r = ds.createVariable("root_var", "i4", ("x",))
        r[:] = [1, 2, 3]
        g1 = ds.createGroup("g1")
        g1.purpose = "first group"
        g1.createDimension("t", 4)
        v = g1.createVariable("v", "f4", ("t", "x"))
        v[:] = np.arange(12).reshape(4, 3)
        g2 = g1.createGroup("g2")
        g2.level = 2
        w = g2.createVariable("w", "u2", ("t",), zlib=True)
        w[:] = [10, 20, 30, 40]
        t = g1.createVariable("t", "f8", ("t",))
        t[:] = [0.0, 1.0, 2.0, 3.0]
        ds.createGroup("empty_group")
    describe(name)


def nc_strings():
    name = "nc_strings.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("n", 4)
        ds.createDimension("strlen", 5)
        names = ds.createVariable("names", str, ("n",))
        names[0] = "alpha"
        names[1] = "caf\u00e9"
        names[2] = ""
        names[3] = "a longer string value"
        chars = ds.createVariable("chars", "S1", ("n", "strlen"))
        chars[:] = netCDF4.stringtochar(np.array(["ab", "cde", "", "fghij"], "S5"))
        s = ds.createVariable("scalar_string", str, ())
        s[0] = "lonely"
    describe(name, extra={"names": {"filters": ["vlen-utf8"]}})


def nc_types():
    name = "nc_types.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("n", 6)
        values = np.array([0, 1, 2, 100, 127, 3])
        for dtype in ["u1", "u2", "u4", "u8", "i1", "i2", "i4", "i8", "f4", "f8"]:
            v = ds.createVariable("v_" + dtype, dtype, ("n",), zlib=True)
            v[:] = values.astype(dtype)
        big = ds.createVariable("big_f8", ">f8", ("n",), endian="big", fill_value=-1.0)
        big[:] = values * 1.25
        big_i = ds.createVariable("big_i4", ">i4", ("n",), endian="big", zlib=True, shuffle=True)
        big_i[:] = values * -1000
        u8 = ds.createVariable("u8_max", "u8", ("n",), fill_value=np.uint64(2**64 - 1))
        u8[:] = np.array([0, 1, 2**63, 2**64 - 2, 5, 6], "u8")
        i8 = ds.createVariable("i8_min", "i8", ("n",), fill_value=np.int64(-2**63))
        i8[0:3] = np.array([-2**63 + 1, 0, 2**63 - 1], "i8")
    describe(name, extra={"big_f8": {}, "big_i4": {"filters": ["shuffle", "zlib"]}})


def nc_noncoord():
    name = "nc_noncoord.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4") as ds:
        ds.createDimension("x", 3)
        ds.createDimension("y", 4)
        v = ds.createVariable("x", "f4", ("y",))  # named like dimension x, but not over it
        v[:] = [1, 2, 3, 4]
    describe(name)


def nc_classic():
    name = "nc_classic.nc"
    with netCDF4.Dataset(path_of(name), "w", format="NETCDF4_CLASSIC") as ds:
        ds.createDimension("x", 3)
        ds.Conventions = "CF-1.8"
        v = ds.createVariable("v", "f8", ("x",), fill_value=9.0)
        v[:] = [1, 2, 3]
    describe(name)


# ---------------------------------------------------------------- h5py files

def h5_layouts():
    name = "h5_layouts.h5"
    with h5py.File(path_of(name), "w") as f:
        # Compact: the data sits in the object header; h5py's high level cannot ask for it.
        space = h5py.h5s.create_simple((6,))
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        compact = h5py.h5d.create(f.id, b"compact", h5py.h5t.STD_I16BE, space, dcpl=dcpl)
        compact.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(6, dtype=">i2"))
        f.create_dataset("contiguous", data=np.arange(24, dtype="<f8").reshape(4, 6))
        f.create_dataset("gzip_shuffle", data=np.arange(1000, dtype="<i4").reshape(40, 25),
                         chunks=(7, 10), compression="gzip", compression_opts=6, shuffle=True)
        f.create_dataset("fletcher", data=np.linspace(0, 1, 101, dtype="<f4"), chunks=(10,),
                         fletcher32=True)
        f.create_dataset("fletcher_gzip", data=np.arange(300, dtype="<u2").reshape(30, 10),
                         chunks=(8, 3), fletcher32=True, compression="gzip")
        f.create_dataset("scalar", data=np.float32(2.5))
        f.create_dataset("fixed_strings", data=np.array([b"one", b"two!", b"", b"eight ch"], "S8"),
                         chunks=(3,), compression="gzip")
        vlen = f.create_dataset("vlen_strings", shape=(3, 5), chunks=(2, 2),
                                dtype=h5py.string_dtype())
        vlen[...] = np.array([["s%d%d" % (i, j) + "\u00e9" * j for j in range(5)]
                              for i in range(3)], dtype=object)
        f.create_dataset("bools", data=np.array([True, False, True]))
        f.create_dataset("big_f8", data=np.array([1.5, -2.25, np.nan, np.inf], ">f8"))
        f.create_dataset("big_i2", data=np.array([1, -2, 300], ">i2"), chunks=(2,),
                         compression="gzip")
        f.create_dataset("u8", data=np.array([0, 2**64 - 1], "u8"))
        f.create_dataset("i1", data=np.array([-128, 127], "i1"))
        f.create_dataset("half", data=np.array([0.5, -1.0, 65504], "f2"))
        d = f["contiguous"]
        d.attrs["int_scalar"] = np.int32(-5)
        d.attrs["int_array"] = np.array([1, 2, 3], "i8")
        d.attrs["uint64_max"] = np.uint64(2**64 - 1)
        d.attrs["float32_tenth"] = np.float32(0.1)
        d.attrs["float_whole"] = np.float64(3.0)
        d.attrs["float_array"] = np.array([1.0, np.nan, np.inf, -np.inf, 1e300])
        d.attrs["one_element"] = np.array([42], "u1")
        d.attrs["fixed_string"] = np.bytes_(b"fixed")
        d.attrs["vlen_string"] = "variable \u00e9"
        d.attrs["fixed_string_array"] = np.array([b"a", b"bc"], "S2")
        d.attrs["vlen_string_array"] = np.array(["x", "yz"], dtype=h5py.string_dtype())
        d.attrs["bool"] = True
        d.attrs["empty_float"] = h5py.Empty("f4")
        d.attrs["empty_vlen"] = h5py.Empty(h5py.string_dtype())
        d.attrs["latin1"] = np.bytes_(b"caf\xe9")
        d.attrs["compound"] = np.array((1, 2.0), dtype=[("a", "i4"), ("b", "f8")])
        d.attrs["reference"] = f["scalar"].ref
        f.attrs["file_note"] = "root attribute"
    describe(name, warnings=["attribute 'compound' dropped"],
             extra={"compact": {"layout": "inline"}, "contiguous": {"layout": "refs"},
                    "gzip_shuffle": {"filters": ["shuffle", "zlib"], "chunks": [7, 10]},
                    "fletcher": {"filters": ["fletcher32"]},
                    "vlen_strings": {"filters": ["vlen-utf8"], "chunks": [2, 2]},
                    "bools": {"dtype": "|i1"}})


def h5_phony():
    name = "h5_phony.h5"
    with h5py.File(path_of(name), "w") as f:
        f.create_dataset("a", data=np.zeros((10, 20), "f4"))
        f.create_dataset("b", data=np.ones((20, 10), "f4"))
        f.create_dataset("c", data=np.full((10, 10), 2, "f4"))
        g = f.create_group("g")
        g.create_dataset("e", data=np.arange(10, dtype="f4"))
        g.create_dataset("f", data=np.zeros((7, 10), "f4"))
        h = g.create_group("h")
        h.create_dataset("k", data=np.zeros((7,), "i4"))
        f.create_dataset("s", data=3.0)
        f.create_dataset("u", shape=(3, 0), maxshape=(None, None), dtype="f4")
    describe(name)


def h5_scales():
    name = "h5_scales.h5"
    with h5py.File(path_of(name), "w") as f:
        t = f.create_dataset("time", data=np.arange(4.0))
        t.make_scale("time")
        x = f.create_dataset("x", data=np.arange(3, dtype="i4"))
        x.make_scale()
        v = f.create_dataset("v", data=np.arange(12, dtype="f4").reshape(4, 3))
        v.dims[0].attach_scale(t)
        v.dims[1].attach_scale(x)
        w = f.create_dataset("w", data=np.arange(3, dtype="f4"))
        w.dims[0].attach_scale(x)
    describe(name)


def h5_filters():
    name = "h5_filters.h5"
    with h5py.File(path_of(name), "w") as f:
        f.create_dataset("scaleoffset_float", data=np.linspace(0, 10, 200, dtype="f4"),
                         chunks=(50,), scaleoffset=2)
        f.create_dataset("scaleoffset_int", data=np.arange(300, dtype="i4") * 3, chunks=(64,),
                         scaleoffset=0)
        f.create_dataset("szip", data=np.arange(256, dtype="i4"), chunks=(64,),
                         compression="szip")
        f.create_dataset("scaleoffset_large", data=np.zeros((600, 600), "f4"), chunks=(100, 100),
                         scaleoffset=1)
        f.create_dataset("lzf", data=np.arange(100, dtype="f4"), chunks=(10,), compression="lzf")
    describe(name, skipped={"scaleoffset_large": "scaleoffset", "lzf": "lzf"},
             extra={"scaleoffset_float": {"layout": "inline", "filters": []},
                    "szip": {"layout": "inline", "filters": []}})


def write_chunks(f, name, data, chunks, filters, encode, masks=None):
    """A chunked dataset whose chunks are written as `encode` makes them (H5Dwrite_chunk)."""
    masks = masks or {}
    space = h5py.h5s.create_simple(data.shape)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk(chunks)
    for filter_id, cd_values in filters:
        dcpl.set_filter(filter_id, h5py.h5z.FLAG_OPTIONAL, cd_values)
    tid = h5py.h5t.py_create(data.dtype)
    dset = h5py.h5d.create(f.id, name.encode(), tid, space, dcpl=dcpl)
    grid = [(s + c - 1) // c for s, c in zip(data.shape, chunks)]
    for index in np.ndindex(*grid):
        start = [i * c for i, c in zip(index, chunks)]
        block = np.zeros(chunks, data.dtype)
        part = data[tuple(slice(s, s + c) for s, c in zip(start, chunks))]
        block[tuple(slice(0, n) for n in part.shape)] = part
        mask = masks.get(index, 0)
        dset.write_direct_chunk(tuple(start), encode(block.tobytes(), mask), filter_mask=mask)


def h5_plugins_and_masks():
    name = "h5_direct_chunks.h5"
    blosc = numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)
    zstd = numcodecs.Zstd(level=3)
    data_f4 = (np.arange(30 * 20, dtype="f4") * 0.5).reshape(30, 20)
    data_i4 = np.arange(50, dtype="i4") * 7
    with h5py.File(path_of(name), "w") as f:
        write_chunks(f, "blosc", data_f4, (8, 8), [(32001, (2, 2, 4, 256, 5, 1, 1))],
                     lambda raw, mask: bytes(blosc.encode(raw)))
        write_chunks(f, "zstd", data_i4, (16,), [(32015, (3,))],
                     lambda raw, mask: bytes(zstd.encode(raw)))
        # shuffle (filter 0) + deflate (filter 1); some chunks skip one or both.
        shuffle = numcodecs.Shuffle(elementsize=4)
        zlib = numcodecs.Zlib(level=4)

        def shuffle_deflate(raw, mask):
            if not mask & 1:
                raw = bytes(shuffle.encode(raw))
            if not mask & 2:
                raw = bytes(zlib.encode(raw))
            return raw
        write_chunks(f, "masked", data_i4.reshape(5, 10).astype("f4"), (2, 4),
                     [(h5py.h5z.FILTER_SHUFFLE, (4,)), (h5py.h5z.FILTER_DEFLATE, (4,))],
                     shuffle_deflate, masks={(0, 1): 3, (1, 0): 2, (1, 1): 1})
    describe(name, data_override={"blosc": data_f4, "zstd": data_i4},
             extra={"blosc": {"filters": ["blosc"], "layout": "refs",
                              "dims": ["phony_dim_0", "phony_dim_1"]},
                    "masked": {"filters": ["shuffle", "zlib"], "layout": "mixed",
                               "dims": ["phony_dim_2", "phony_dim_3"]},
                    "zstd": {"filters": ["zstd"], "layout": "refs", "dims": ["phony_dim_4"]}},
             netcdf=False)


def h5_userblock():
    name = "h5_userblock.h5"
    with h5py.File(path_of(name), "w", userblock_size=512) as f:
        f.create_dataset("chunked", data=np.arange(40, dtype="f4").reshape(10, 4), chunks=(5, 4))
        f.create_dataset("contiguous", data=np.arange(10, dtype="i4"))
    with open(path_of(name), "r+b") as raw:
        raw.write(b"stacfs test userblock")
    describe(name)


def h5_unsupported():
    name = "h5_unsupported.h5"
    with h5py.File(path_of(name), "w") as f:
        f.create_dataset("ok", data=np.arange(3, dtype="i2"))
        f.create_dataset("compound", data=np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]))
        f.create_dataset("references", data=np.array([f["ok"].ref]), dtype=h5py.ref_dtype)
        f.create_dataset("opaque", data=np.array([b"\x01\x02"], dtype="V2"))
        vl = f.create_dataset("vlen_ints", shape=(2,), dtype=h5py.vlen_dtype("i4"))
        vl[0] = [1, 2]
        vl[1] = [3]
        f.create_dataset("null_space", data=h5py.Empty("f4"))
        f["soft"] = h5py.SoftLink("/ok")
        f["external"] = h5py.ExternalLink("elsewhere.h5", "/x")
    describe(name, skipped={"compound": "compound", "references": "reference",
                            "opaque": "opaque", "vlen_ints": "variable-length sequence",
                            "null_space": "null dataspace"},
             warnings=["link 'soft' not followed", "link 'external' not followed"],
             netcdf=False)


def main():
    os.makedirs(OUT, exist_ok=True)
    for make in [nc_basic, nc_contiguous, nc_fill, nc_groups, nc_strings, nc_types,
                 nc_noncoord, nc_classic, h5_layouts, h5_phony, h5_scales, h5_filters,
                 h5_plugins_and_masks, h5_userblock, h5_unsupported]:
        make()
    with open(path_of("manifest.json"), "w") as out:
        json.dump(MANIFEST, out, indent=1)
    print("corpus: %d files" % len(MANIFEST["files"]))


if __name__ == "__main__":
    main()
