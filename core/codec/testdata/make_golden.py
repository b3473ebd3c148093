#!/usr/bin/python3
"""Writes the codec golden files: inputs encoded by the real numcodecs (and HDF5, zarr).

Run with Debian's /usr/bin/python3 (python3-numcodecs 0.11, python3-h5py, python3-zarr):

    /usr/bin/python3 core/codec/testdata/make_golden.py

Layout written next to this script:
  inputs/<input>.raw      decoded bytes, shared by many encodings
  <name>.enc              the encoded bytes
  manifest.json           what each .enc is: codec config, input, and how strictly our own
                          Encode must match it (see "encode_match" below)

encode_match:
  "exact"    the codec's output is fully determined by its config (shuffle, delta, fletcher32,
             vlen-utf8): our Encode must produce the same bytes.
  "library"  the output is determined by the compression library's version (zlib, zstd, lz4,
             blosc); the test compares bytes only when the runtime library version equals
             the one recorded in manifest["libraries"].
  "gzip"     as "library" but the gzip header's MTIME (bytes 4..7) is ignored: numcodecs
             stamps the current time, stacfs writes 0.

Numcodecs 0.11 has no Fletcher32 codec (it arrived in 0.12), so the fletcher32 goldens come from
HDF5 itself (h5py, read_direct_chunk), the reference numcodecs' Fletcher32 reproduces.
The output is deterministic: RNGs are seeded and gzip's timestamp is pinned.
"""

import json
import os
import sys
import time
import zlib

import numpy as np

import numcodecs
from numcodecs import Blosc, Delta, GZip, LZ4, Shuffle, VLenUTF8, Zlib, Zstd

HERE = os.path.dirname(os.path.abspath(__file__))
GZIP_MTIME = 1700000000  # pinned so reruns write identical files

entries = []
pipelines = []
inputs = {}


def add_input(name, array):
    data = np.ascontiguousarray(array)
    inputs[name] = data
    with open(os.path.join(HERE, "inputs", name + ".raw"), "wb") as f:
        f.write(data.tobytes())


def to_bytes(buf):
    """numcodecs returns bytes from some codecs and ndarrays from others."""
    if isinstance(buf, (bytes, bytearray, memoryview)):
        return bytes(buf)
    return np.ascontiguousarray(buf).tobytes()


def write(name, payload):
    with open(os.path.join(HERE, name + ".enc"), "wb") as f:
        f.write(bytes(payload))


def add(name, codec, input_name, encode_match, config=None):
    """Encodes inputs[input_name] with a numcodecs codec and records the entry."""
    encoded = codec.encode(inputs[input_name])
    write(name, to_bytes(encoded))
    # The decoded result must round-trip with numcodecs itself, or the golden is useless.
    # Exception: numcodecs 0.11's Zstd, LZ4 and Blosc refuse to decode what they wrote for an empty
    # input ("invalid input data": they treat a decoded size of 0 as an error); stacfs decodes
    # it to an empty buffer.
    if not (isinstance(codec, (Zstd, LZ4, Blosc)) and inputs[input_name].nbytes == 0):
        decoded = to_bytes(codec.decode(encoded))
        assert decoded == inputs[input_name].tobytes(), name
    cfg = config if config is not None else codec.get_config()
    entries.append({"name": name, "config": cfg, "input": input_name,
                    "encode_match": encode_match,
                    "typesize": int(inputs[input_name].dtype.itemsize)})


def make_inputs():
    rng = np.random.default_rng(20240601)
    # A slowly varying integer series (e.g. a time axis or a counter): small deltas.
    steps = rng.integers(-3, 9, size=1000)
    add_input("ints_i4", np.cumsum(steps).astype("<i4") + 100000)
    # A climate-like float32 field: smooth large-scale pattern plus small noise.
    y, x = np.mgrid[0:16, 0:64]
    field = 280.0 + 15.0 * np.sin(x / 10.0) * np.cos(y / 7.0) + rng.normal(0, 0.05, (16, 64))
    add_input("floats_f4", field.astype("<f4").ravel())
    add_input("floats_f8", (field[:8].astype("<f8").ravel() * 1.0001))
    add_input("floats_f8_be", (field[8:12].ravel()).astype(">f8"))
    # Text with a prime length: a remainder for every element size > 1.
    words = ("temperature precipitation humidity wind pressure radiation cloud "
             "snow ice ocean salinity aérosol 気温 降水量 ").split()
    text = " ".join(words[int(i)] for i in rng.integers(0, len(words), size=600))
    raw = text.encode("utf-8")[:3001]
    assert len(raw) == 3001
    add_input("text_u1", np.frombuffer(raw, dtype="u1"))
    add_input("empty_u1", np.zeros(0, dtype="u1"))
    # Values that overflow int16 when differenced and summed: delta must wrap like numpy.
    add_input("wrap_i2", np.array([32000, 32767, -32768, -100, 32767, 0, -32768, 12345,
                                   -32767, 1], dtype="<i2"))
    add_input("bytes_u1", rng.integers(0, 256, size=255).astype("u1"))
    add_input("counts_i8_be", (np.cumsum(rng.integers(0, 1 << 40, size=100)) - (1 << 45))
              .astype(">i8"))
    add_input("counts_u4", rng.integers(0, 1 << 32, size=200, dtype=np.uint64).astype("<u4"))
    add_input("small_i1", rng.integers(-128, 128, size=64).astype("i1"))
    # Worst case for fletcher32's deferred modular reduction: every 16-bit word is 0xffff.
    add_input("ones_u1", np.full(4097, 0xFF, dtype="u1"))


def make_compressors():
    for level in (1, 9):
        for inp in ("ints_i4", "floats_f4", "text_u1", "empty_u1"):
            add(f"zlib_l{level}_{inp}", Zlib(level=level), inp, "library")
    for level in (1, 6):
        for inp in ("floats_f4", "text_u1", "empty_u1"):
            add(f"gzip_l{level}_{inp}", GZip(level=level), inp, "gzip")
    for level in (1, 3, 19, -5):
        for inp in ("floats_f4", "text_u1", "empty_u1"):
            add(f"zstd_l{level}_{inp}".replace("-", "m"), Zstd(level=level), inp, "library")
    for accel in (1, 10):
        for inp in ("floats_f4", "text_u1", "empty_u1"):
            add(f"lz4_a{accel}_{inp}", LZ4(acceleration=accel), inp, "library")
    blosc_configs = [
        ("lz4_shuf", Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE)),
        ("zstd_bitshuf", Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE)),
        ("blosclz_noshuf", Blosc(cname="blosclz", clevel=9, shuffle=Blosc.NOSHUFFLE)),
        ("zlib_shuf", Blosc(cname="zlib", clevel=1, shuffle=Blosc.SHUFFLE)),
        ("lz4hc_auto", Blosc(cname="lz4hc", clevel=4, shuffle=Blosc.AUTOSHUFFLE)),
        ("lz4_blocks256", Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE, blocksize=256)),
        ("lz4_clevel0", Blosc(cname="lz4", clevel=0, shuffle=Blosc.SHUFFLE)),
    ]
    for tag, codec in blosc_configs:
        for inp in ("floats_f4", "text_u1", "empty_u1"):
            add(f"blosc_{tag}_{inp}", codec, inp, "library")
    add("blosc_lz4_shuf_floats_f8", blosc_configs[0][1], "floats_f8", "library")


def make_filters():
    for size, inp in ((4, "ints_i4"), (4, "floats_f4"), (8, "floats_f8"), (2, "ints_i4"),
                      (1, "text_u1"), (4, "empty_u1")):
        # numcodecs 0.11 refuses buffers that are not a multiple of elementsize, so the
        # remainder cases (HDF5 semantics: trailing bytes copied) are tested in C++ only.
        add(f"shuffle_e{size}_{inp}", Shuffle(elementsize=size), inp, "exact")
    for dtype, inp in (("<i4", "ints_i4"), ("<f4", "floats_f4"), ("<f8", "floats_f8"),
                       (">f8", "floats_f8_be"), ("<i2", "wrap_i2"), ("|u1", "bytes_u1"),
                       (">i8", "counts_i8_be"), ("<u4", "counts_u4"), ("|i1", "small_i1")):
        add(f"delta_{dtype[1:]}{'_be' if dtype[0] == '>' else ''}_{inp}", Delta(dtype=dtype),
            inp, "exact")


def make_hdf5():
    """HDF5's own shuffle and fletcher32 filters, read back as raw chunks."""
    import h5py
    path = os.path.join(HERE, "tmp_golden.h5")
    with h5py.File(path, "w") as f:
        for inp in ("text_u1", "ints_i4", "floats_f4", "ones_u1", "bytes_u1"):
            data = inputs[inp]
            dset = f.create_dataset("f_" + inp, data=data, chunks=data.shape, fletcher32=True)
            _, chunk = dset.id.read_direct_chunk((0,))
            name = f"fletcher32_hdf5_{inp}"
            write(name, chunk)
            entries.append({"name": name, "config": {"id": "fletcher32"}, "input": inp,
                            "encode_match": "exact", "typesize": int(data.dtype.itemsize)})
        one = np.array([0xAB], dtype="u1")
        add_input("one_u1", one)
        dset = f.create_dataset("f_one", data=one, chunks=(1,), fletcher32=True)
        write("fletcher32_hdf5_one_u1", dset.id.read_direct_chunk((0,))[1])
        entries.append({"name": "fletcher32_hdf5_one_u1", "config": {"id": "fletcher32"},
                        "input": "one_u1", "encode_match": "exact", "typesize": 1})
        for inp in ("ints_i4", "floats_f8"):
            data = inputs[inp]
            dset = f.create_dataset("s_" + inp, data=data, chunks=data.shape, shuffle=True)
            name = f"shuffle_hdf5_{inp}"
            write(name, dset.id.read_direct_chunk((0,))[1])
            entries.append({"name": name,
                            "config": {"id": "shuffle", "elementsize": int(data.itemsize)},
                            "input": inp, "encode_match": "exact",
                            "typesize": int(data.dtype.itemsize)})
    os.remove(path)


def make_vlen():
    cases = {
        "vlen_words": ["air_temperature", "", "précipitation", "気温", "a", "emoji 🌧️ rain",
                       "x" * 300],
        "vlen_empty_list": [],
        "vlen_one_empty": [""],
    }
    for name, strings in cases.items():
        arr = np.array(strings, dtype=object)
        encoded = VLenUTF8().encode(arr)
        write(name, encoded)
        assert list(VLenUTF8().decode(encoded)) == strings
        entries.append({"name": name, "config": {"id": "vlen-utf8"}, "strings": strings,
                        "encode_match": "exact"})


def make_pipelines():
    """Whole chunks as zarr 2 writes them, so filter/compressor order is zarr's own."""
    import zarr
    chains = [
        ("pipeline_shuffle_zlib", "floats_f4", [Shuffle(elementsize=4)], Zlib(level=1)),
        ("pipeline_blosc", "floats_f4", None, Blosc(cname="lz4", clevel=5, shuffle=1)),
        ("pipeline_delta_blosc", "ints_i4", [Delta(dtype="<i4")],
         Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE)),
        ("pipeline_delta_shuffle_zstd", "floats_f8", [Delta(dtype="<f8"),
                                                      Shuffle(elementsize=8)], Zstd(level=3)),
    ]
    for name, inp, filters, compressor in chains:
        data = inputs[inp]
        store = {}
        zarr.array(data, chunks=data.shape, store=store, filters=filters,
                   compressor=compressor)
        write(name, store["0"])
        meta = json.loads(store[".zarray"])
        pipelines.append({"name": name, "input": inp, "filters": meta["filters"] or [],
                          "compressor": meta["compressor"]})


def library_versions():
    import ctypes
    import ctypes.util
    zstd = ctypes.CDLL(ctypes.util.find_library("zstd"))
    zstd.ZSTD_versionString.restype = ctypes.c_char_p
    lz4 = ctypes.CDLL(ctypes.util.find_library("lz4"))
    lz4.LZ4_versionString.restype = ctypes.c_char_p
    return {"zlib": zlib.ZLIB_RUNTIME_VERSION,
            "zstd": zstd.ZSTD_versionString().decode(),
            "lz4": lz4.LZ4_versionString().decode(),
            "blosc": numcodecs.blosc.__version__}


def main():
    os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
    time.time = lambda: GZIP_MTIME  # gzip.GzipFile stamps time.time() into the header
    make_inputs()
    make_compressors()
    make_filters()
    make_hdf5()
    make_vlen()
    make_pipelines()
    manifest = {"generator": "make_golden.py", "numcodecs": numcodecs.__version__,
                "libraries": library_versions(), "entries": entries, "pipelines": pipelines}
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(entries)} encodings, {len(pipelines)} pipelines", file=sys.stderr)


if __name__ == "__main__":
    main()
