#!/usr/bin/python3
"""Writes static/: the static STAC catalog used by stacfs's catalog tests (served by nginx, read
from disk, and loaded into tests/servers/stac_server.py). Deterministic: run it again and the files
come out the same. Needs only the Python standard library and the `zstd` command.

static/catalog.json                     Catalog "stacfs-test"
  era5/collection.json                  Collection "era5-sample": 4 monthly items
  nested/catalog.json                   Catalog "nested" (no collection of its own)
    deep/collection.json                Collection "deep": 1 item, links two levels down
  cmip6/collection.json                 Collection "cmip6", shaped like CEDA's: items with
                                        reference_file (application/json, application/zstd, and
                                        zstd content served as application/json), dataNNNN
                                        netCDF files, reference_file_2 (CFA), zstore, padocc_report
  refs/                                 the Kerchunk reference files those items point to
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "static")


def write(path, obj):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=False)
        f.write("\n")


def link(rel, href, **extra):
    out = {"rel": rel, "href": href, "type": "application/json"}
    out.update(extra)
    return out


def collection(cid, title, description, bbox, interval, links):
    return {
        "type": "Collection", "stac_version": "1.0.0", "id": cid, "title": title,
        "description": description, "license": "CC-BY-4.0",
        "extent": {"spatial": {"bbox": [bbox]}, "temporal": {"interval": [interval]}},
        "links": links,
    }


def item(iid, collection_id, bbox, properties, assets, parent="../collection.json",
         root="../../catalog.json"):
    w, s, e, n = bbox
    return {
        "type": "Feature", "stac_version": "1.0.0", "id": iid, "collection": collection_id,
        "bbox": bbox,
        "geometry": {"type": "Polygon",
                     "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]},
        "properties": properties,
        "links": [link("parent", parent), link("collection", parent), link("root", root)],
        "assets": assets,
    }


def era5():
    items = []
    boxes = [[-10.0, 35.0, 5.0, 45.0], [0.0, 45.0, 15.0, 55.0], [170.0, -20.0, 180.0, -10.0],
             [-180.0, 60.0, -160.0, 70.0]]
    for month in range(1, 5):
        iid = "era5-2020-%02d" % month
        items.append(iid)
        write("era5/items/%s.json" % iid, item(
            iid, "era5-sample", boxes[month - 1],
            {"datetime": "2020-%02d-01T00:00:00Z" % month, "era5:variable": "t2m" if month % 2 else "tp",
             "quality": month * 10},
            {"data": {"href": "./%s.nc" % iid, "type": "application/x-netcdf", "roles": ["data"]},
             "thumbnail": {"href": "./%s.png" % iid, "type": "image/png", "roles": ["thumbnail"]}}))
    write("era5/collection.json", collection(
        "era5-sample", "ERA5 sample", "Four monthly ERA5-like items", [-180, -90, 180, 90],
        ["2020-01-01T00:00:00Z", "2020-04-30T23:59:59Z"],
        [link("root", "../catalog.json"), link("parent", "../catalog.json")] +
        [link("item", "./items/%s.json" % i) for i in items]))


def nested():
    write("nested/catalog.json", {
        "type": "Catalog", "stac_version": "1.0.0", "id": "nested", "description": "A sub-catalog",
        "links": [link("root", "../catalog.json"), link("parent", "../catalog.json"),
                  link("child", "deep/collection.json")]})
    write("nested/deep/collection.json", collection(
        "deep", "Deep", "A collection two levels down", [0, 0, 1, 1], ["1999-01-01T00:00:00Z", None],
        [link("root", "../../catalog.json"), link("parent", "../catalog.json"),
         link("item", "../deep/items/d1.json")]))
    write("nested/deep/items/d1.json", item(
        "d1", "deep", [0.0, 0.0, 1.0, 1.0], {"datetime": "1999-06-15T12:00:00Z", "quality": 99}, {},
        root="../../../catalog.json"))


CMIP6 = [
    # (variable, reference media type, reference file name)
    ("tas", "application/json", "tas.json"),
    ("pr", "application/zstd", "pr.json.zst"),
    ("psl", "application/json", "psl_disguised.json"),  # zstd content behind a JSON media type
]


def cmip6():
    ids = []
    for variable, media_type, ref in CMIP6:
        iid = "CMIP6.CMIP.MOHC.UKESM1-0-LL.historical.r1i1p1f2.Amon.%s.gn.v20190406" % variable
        ids.append(iid)
        base = "%s_Amon_UKESM1-0-LL_historical_r1i1p1f2_gn" % variable
        props = {
            "datetime": None, "start_datetime": "1850-01-16T00:00:00Z",
            "end_datetime": "2014-12-16T00:00:00Z",
            "cmip6:mip_era": "CMIP6", "cmip6:activity_id": "CMIP", "cmip6:institution_id": "MOHC",
            "cmip6:source_id": "UKESM1-0-LL", "cmip6:experiment_id": "historical",
            "cmip6:member_id": "r1i1p1f2", "cmip6:table_id": "Amon", "cmip6:variable_id": variable,
            "cmip6:grid_label": "gn", "cmip6:version": "v20190406",
        }
        assets = {
            "padocc_report": {"href": "../../refs/%s_report.json" % variable, "type": "application/json",
                              "roles": ["reference"]},
            "data0001": {"href": "https://dap.ceda.example/badc/cmip6/%s_185001-194912.nc" % base,
                         "type": "application/netcdf", "roles": ["data"]},
            "data0002": {"href": "https://dap.ceda.example/badc/cmip6/%s_195001-201412.nc" % base,
                         "type": "application/netcdf", "roles": ["data"]},
            "reference_file": {"href": "../../refs/" + ref, "type": media_type,
                               "roles": ["references", "data"]},
            "reference_file_2": {"href": "https://dap.ceda.example/cfa/%s.nca" % base,
                                 "type": "application/netcdf", "roles": ["data"]},
            "zstore": {"href": "https://object-store.ceda.example/cmip6/%s.zarr" % base,
                       "type": "application/vnd+zarr", "roles": ["data"]},
        }
        write("cmip6/items/%s.json" % iid, item(iid, "cmip6", [-180.0, -90.0, 180.0, 90.0], props, assets))
    write("cmip6/collection.json", collection(
        "cmip6", "CMIP6 (CEDA-shaped)", "CMIP6 items shaped like CEDA's STAC API",
        [-180, -90, 180, 90], ["1850-01-01T00:00:00Z", "2014-12-31T23:59:59Z"],
        [link("root", "../catalog.json"), link("parent", "../catalog.json")] +
        [link("item", "./items/%s.json" % i) for i in ids]))


def refs():
    os.makedirs(os.path.join(OUT, "refs"), exist_ok=True)
    for variable, _, ref in CMIP6:
        refs_json = json.dumps({"version": 1, "refs": {
            ".zgroup": json.dumps({"zarr_format": 2}),
            variable + "/.zarray": json.dumps({"chunks": [1], "compressor": None, "dtype": "<f4",
                                               "fill_value": None, "filters": None, "order": "C",
                                               "shape": [1], "zarr_format": 2}),
            variable + "/0": "base64:AACAPw=="}}, sort_keys=True)
        path = os.path.join(OUT, "refs", ref)
        if ref.endswith(".json") and "disguised" not in ref:
            with open(path, "w") as f:
                f.write(refs_json)
        else:
            plain = path + ".tmp"
            with open(plain, "w") as f:
                f.write(refs_json)
            subprocess.run(["zstd", "-q", "-19", "--no-check", "-f", plain, "-o", path], check=True)
            os.remove(plain)
        with open(os.path.join(OUT, "refs", variable + "_report.json"), "w") as f:
            json.dump({"report": "padocc conversion report for " + variable, "status": "ok"}, f)
            f.write("\n")


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    write("catalog.json", {
        "type": "Catalog", "stac_version": "1.0.0", "id": "stacfs-test", "title": "stacfs test catalog",
        "description": "A static catalog for stacfs tests",
        "links": [link("root", "./catalog.json"), link("self", "./catalog.json"),
                  link("child", "./era5/collection.json"), link("child", "./cmip6/collection.json"),
                  link("child", "./nested/catalog.json")]})
    era5()
    cmip6()
    nested()
    refs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
