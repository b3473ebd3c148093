#!/usr/bin/python3
"""Checks a Kerchunk reference file independently of stacfs: every variable read through it with
fsspec's ReferenceFileSystem + zarr must equal netCDF4-python's read of SOURCE_NC, bit for bit,
with dimensions, attributes and fill values the same (the correctness gate's check_file, from
tests/corpus/check_conversion.py).

The reference file's chunk URLs start with URL_PREFIX (a placeholder such as
http://example.invalid/data/); they are pointed at DATA_DIR, where the referenced files are, in
memory only — the file checked is exactly the one given.

Usage: /usr/bin/python3 check_golden.py REFS_JSON SOURCE_NC URL_PREFIX DATA_DIR
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
import check_conversion  # noqa: E402  (the gate's reader and comparison)


def localise(refs, prefix, data_dir):
    """The references with URL_PREFIX replaced by DATA_DIR; every URL must carry the prefix."""
    out = {}
    for key, value in refs.items():
        if isinstance(value, list):
            url = value[0]
            if not url.startswith(prefix):
                raise AssertionError(f"{key}: URL {url!r} does not start with {prefix!r}")
            value = [os.path.join(data_dir, url[len(prefix):])] + value[1:]
        out[key] = value
    return out


def main():
    refs_path, source, prefix, data_dir = sys.argv[1:5]
    with open(refs_path) as f:
        document = json.load(f)
    if document.get("version") != 1 or set(document) != {"version", "refs"}:
        raise SystemExit(f"{refs_path}: not a plain Kerchunk v1 document")
    document["refs"] = localise(document["refs"], prefix, data_dir)
    problems = []
    variables, values = check_conversion.check_file(source, document, problems)
    for problem in problems:
        print("FAIL", problem)
    if problems or variables == 0:
        sys.exit(1)
    print(f"ok  {os.path.basename(refs_path)} == {os.path.basename(source)}: "
          f"{variables} variables, {values} values")


if __name__ == "__main__":
    main()
