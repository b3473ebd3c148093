#!/usr/bin/python3
"""The converter's correctness gate: every file of the corpus converted by `stacfs convert`, then
read back through the references with fsspec's ReferenceFileSystem + zarr (what Python users
use), must equal the source read by netCDF4-python with mask/scale off — every value bit for bit
(NaN-aware), every variable present, dimensions and attributes the same. A series split with
ncks must re-aggregate to the unsplit original.

Usage: /usr/bin/python3 tests/corpus/check_conversion.py STACFS CORPUS_DIR WORK_DIR
"""
import collections.abc
import json
import math
import os
import subprocess
import sys

import fsspec
import numcodecs
import numcodecs.abc
import numcodecs.compat
import netCDF4
import numpy as np
import zarr



class Fletcher32(numcodecs.abc.Codec):
    """numcodecs 0.12's "fletcher32" codec, for Debian's numcodecs 0.11 which predates it: HDF5's
    checksum over 16-bit big-endian words, stored little-endian after the data. Decoding verifies
    and strips it. netCDF-C puts fletcher32 first in the HDF5 pipeline, so the checksum lies inside
    the compressed bytes and references must declare this codec rather than strip a trailer."""

    codec_id = "fletcher32"

    @staticmethod
    def checksum(data):
        """H5_checksum_fletcher32: blocks of 360 big-endian 16-bit words, sums folded after
        each block; an odd last byte counts as its high half, folded on its own."""
        data = bytes(data)
        words = np.frombuffer(data[: len(data) // 2 * 2], dtype=">u2").astype(np.uint64)
        fold = lambda x: (x & 0xFFFF) + (x >> 16)
        sum1 = sum2 = 0
        for start in range(0, len(words), 360):
            block = words[start:start + 360]
            sum2 += len(block) * sum1 + int(np.cumsum(block).sum())
            sum1 += int(block.sum())
            sum1, sum2 = fold(sum1), fold(sum2)
        if len(data) % 2:
            sum1 += data[-1] << 8
            sum2 += sum1
            sum1, sum2 = fold(sum1), fold(sum2)
        sum1, sum2 = fold(sum1), fold(sum2)
        return (sum2 << 16) | sum1

    def encode(self, buf):
        raise NotImplementedError

    def decode(self, buf, out=None):
        data = bytes(buf)
        stored = int.from_bytes(data[-4:], "little")
        if self.checksum(data[:-4]) != stored:
            raise RuntimeError("fletcher32 checksum mismatch")
        return numcodecs.compat.ndarray_copy(np.frombuffer(data[:-4], dtype="u1"), out)


class PerKeyStore(collections.abc.MutableMapping):
    """fsspec's mapper without its batched getitems: each key read on its own, an absent one
    raising KeyError, which zarr reads as a fill-value chunk."""

    def __init__(self, mapper):
        self.mapper = mapper

    def __getitem__(self, key):
        try:
            return self.mapper[key]
        except (KeyError, FileNotFoundError):
            raise KeyError(key) from None

    def __contains__(self, key):
        return key in self.mapper

    def __iter__(self):
        return iter(self.mapper)

    def __len__(self):
        return len(self.mapper)

    def __setitem__(self, key, value):
        raise PermissionError("read-only")

    def __delitem__(self, key):
        raise PermissionError("read-only")


if "fletcher32" not in numcodecs.registry.codec_registry:
    numcodecs.register_codec(Fletcher32)

# netCDF/HDF5 bookkeeping attributes the converter drops on purpose.
DROPPED = {"_FillValue", "_Netcdf4Dimid", "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict",
           "DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_IsNetcdf4"}


# Series whose parts tile a hypercube: the dimensions they are combined along.
CONCAT_DIMS = {"ensemble": "time,member"}


def convert(stacfs, inputs, out, *extra):
    proc = subprocess.run([stacfs, "convert", *inputs, "-o", out, *extra], capture_output=True, text=True,
                          timeout=300)
    if proc.returncode != 0:
        raise AssertionError(f"stacfs convert {' '.join(inputs)} failed: {proc.stderr.strip()}")


def same_value(a, b):
    """Attribute values equal, NaN-aware, numbers of any width compared by value."""
    if isinstance(a, (bytes, np.bytes_)):
        a = a.decode("utf-8", "replace")
    a = np.asarray(a).tolist() if isinstance(a, (np.ndarray, np.generic)) else a
    if isinstance(a, list) and len(a) == 1:
        a = a[0]
    if isinstance(b, list) and len(b) == 1:
        b = b[0]
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, str) or isinstance(b, str):
        return a == b or (isinstance(b, str) and b == "NaN" and isinstance(a, float) and math.isnan(a))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def raw_bytes(values):
    values = np.asarray(values)
    if values.dtype.kind in "OU":
        return [str(v) for v in values.ravel()]
    return values.astype(values.dtype.newbyteorder("=")).tobytes()


def walk(group, prefix=""):
    for name, var in group.variables.items():
        yield prefix + name, var
    for name, sub in group.groups.items():
        yield from walk(sub, prefix + name + "/")


def check_file(source, refs, problems):
    fs = fsspec.filesystem("reference", fo=refs, skip_instance_cache=True)
    # A key absent from the references is a chunk that reads as fill_value (the Kerchunk
    # contract). fsspec 2022.11 fetches zarr's batches with one cat() that raises as a whole when
    # any key is absent, so zarr is given fsspec's mapper one key at a time (PerKeyStore).
    root = zarr.open_group(zarr.storage.KVStore(PerKeyStore(fs.get_mapper(""))), mode="r")
    values = variables = 0
    with netCDF4.Dataset(source) as nc:
        nc.set_auto_maskandscale(False)
        nc.set_auto_chartostring(False)
        def check_group_attributes(group, zgroup, where):
            for name in group.ncattrs():
                if name in DROPPED:
                    continue
                if name not in zgroup.attrs or not same_value(group.getncattr(name), zgroup.attrs[name]):
                    problems.append(f"{source}: {where} attribute {name}: {group.getncattr(name)!r} vs {zgroup.attrs.get(name)!r}")
            for sub_name, sub in group.groups.items():
                if sub_name not in zgroup:
                    problems.append(f"{source}: group {where}/{sub_name} is missing")
                    continue
                check_group_attributes(sub, zgroup[sub_name], f"{where}/{sub_name}")

        check_group_attributes(nc, root, "global")
        seen = set()
        for path, var in walk(nc):
            seen.add(path)
            if path not in root:
                problems.append(f"{source}: variable {path} is missing from the references")
                continue
            array = root[path]
            expected = var[...]
            got = array[...]
            if raw_bytes(got) != raw_bytes(expected):
                problems.append(f"{source}: {path}: values differ (dtype {array.dtype} vs {np.asarray(expected).dtype})")
            dims = list(array.attrs.get("_ARRAY_DIMENSIONS", []))
            if dims != [d.split("/")[-1] for d in var.dimensions]:
                problems.append(f"{source}: {path}: dims {dims} vs {list(var.dimensions)}")
            for name in var.ncattrs():
                if name in DROPPED:
                    continue
                if name not in array.attrs or not same_value(var.getncattr(name), array.attrs[name]):
                    problems.append(f"{source}: {path}: attribute {name}: {var.getncattr(name)!r} vs {array.attrs.get(name)!r}")
            if "_FillValue" in var.ncattrs() and not same_value(var.getncattr("_FillValue"), array.fill_value):
                problems.append(f"{source}: {path}: fill value {var.getncattr('_FillValue')!r} vs {array.fill_value!r}")
            variables += 1
            values += int(np.asarray(expected).size)
        def arrays(group, prefix=""):
            for name, _ in group.arrays():
                yield prefix + name
            for name, sub in group.groups():
                yield from arrays(sub, prefix + name + "/")
        extra = set(arrays(root)) - seen
        if extra:
            problems.append(f"{source}: arrays that are not netCDF variables: {sorted(extra)}")
    return variables, values


def main():
    stacfs, corpus, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    problems = []
    files = variables = values = 0
    for name in sorted(os.listdir(corpus)):
        if not name.endswith((".nc", ".h5")) or "_part" in name or name.endswith("_full.nc"):
            continue
        source = os.path.join(corpus, name)
        refs = os.path.join(work, name + ".json")
        try:
            convert(stacfs, [source], refs)
            v, n = check_file(source, refs, problems)
        except Exception as e:  # one file's failure is reported, the others still checked
            problems.append(f"{source}: {e}")
            continue
        files += 1
        variables += v
        values += n
        print(f"ok  {name}: {v} variables, {n} values", flush=True)
    # Series: <stem>_part*.nc given in reverse order, aggregated along time (or along the
    # dimensions in CONCAT_DIMS), must equal <stem>_full.nc.
    for full in sorted(n for n in os.listdir(corpus) if n.endswith("_full.nc")):
        stem = full[: -len("_full.nc")]
        parts = sorted((os.path.join(corpus, n) for n in os.listdir(corpus)
                        if n.startswith(stem + "_part")), reverse=True)
        refs = os.path.join(work, stem + ".json")
        try:
            extra = ["--concat-dim", CONCAT_DIMS[stem]] if stem in CONCAT_DIMS else []
            convert(stacfs, parts, refs, *extra)
            v, n = check_file(os.path.join(corpus, full), refs, problems)
        except Exception as e:
            problems.append(f"{stem}: {e}")
            continue
        print(f"ok  {len(parts)} parts of {stem} == {full}: {v} variables, {n} values", flush=True)
        files += 1
        variables += v
        values += n
    for p in problems:
        print("FAIL", p)
    print(f"{files} conversions, {variables} variables, {values} values checked; {len(problems)} problems")
    sys.exit(1 if problems or files == 0 else 0)


if __name__ == "__main__":
    main()
