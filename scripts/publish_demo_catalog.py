#!/usr/bin/python3
"""Publishes Kerchunk reference files as a small static STAC catalog, the way a data centre
publishes its cloud products (CEDA's asset conventions: the references under `reference_file`,
the source netCDF file under `data0001`).

Usage: /usr/bin/python3 scripts/publish_demo_catalog.py OUT_DIR COLLECTION REFS.json:SOURCE.nc...
Writes OUT_DIR/catalog.json, OUT_DIR/COLLECTION/collection.json and one item per pair; hrefs
are absolute paths, links relative, so the catalog can be mounted from anywhere.
"""
import datetime
import json
import os
import sys


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


def main():
    out, collection, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    item_links = []
    for pair in pairs:
        refs, source = (os.path.abspath(p) for p in pair.split(":", 1))
        item_id = os.path.splitext(os.path.basename(source))[0]
        item = {
            "type": "Feature", "stac_version": "1.0.0", "id": item_id, "collection": collection,
            "geometry": None, "bbox": [-180, -90, 180, 90],
            "properties": {"datetime": now},
            "links": [{"rel": "collection", "href": "../collection.json"},
                      {"rel": "parent", "href": "../collection.json"},
                      {"rel": "root", "href": "../../catalog.json"}],
            "assets": {
                "reference_file": {"href": refs, "type": "application/json",
                                   "roles": ["references"], "title": "Kerchunk references"},
                "data0001": {"href": source, "type": "application/netcdf", "roles": ["data"],
                             "file:size": os.path.getsize(source)},
            },
        }
        write(os.path.join(out, collection, "items", item_id + ".json"), item)
        item_links.append({"rel": "item", "href": f"items/{item_id}.json", "type": "application/json"})
    write(os.path.join(out, collection, "collection.json"), {
        "type": "Collection", "stac_version": "1.0.0", "id": collection,
        "description": "stacfs demo collection", "license": "proprietary",
        "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]]},
                   "temporal": {"interval": [[now, None]]}},
        "links": [{"rel": "root", "href": "../catalog.json"},
                  {"rel": "parent", "href": "../catalog.json"}] + item_links,
    })
    write(os.path.join(out, "catalog.json"), {
        "type": "Catalog", "stac_version": "1.0.0", "id": "stacfs-demo",
        "description": "stacfs demo catalog",
        "links": [{"rel": "root", "href": "catalog.json"},
                  {"rel": "child", "href": f"{collection}/collection.json"}],
    })
    print(f"published {len(pairs)} item(s) in {out}/catalog.json")


if __name__ == "__main__":
    main()
