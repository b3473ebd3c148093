#!/usr/bin/python3
"""Checks a mount's item.json against the item document a server serves.

Usage: /usr/bin/python3 check_item_json.py MOUNTED_ITEM_JSON SERVED_ITEM_URL

The mount shows the item as the catalog client read it: minified, with link and asset hrefs
resolved against the item's own URL. So the served document, with its hrefs resolved the same
way, must be equal to it as JSON (same keys, values and types). Exits non-zero on a difference.
"""
import json
import sys
import urllib.parse
import urllib.request


def resolved(doc, base):
    for link in doc.get("links", []):
        if "href" in link:
            link["href"] = urllib.parse.urljoin(base, link["href"])
    for asset in doc.get("assets", {}).values():
        if "href" in asset:
            asset["href"] = urllib.parse.urljoin(base, asset["href"])
    return doc


def main():
    mounted_path, url = sys.argv[1:3]
    with open(mounted_path, "rb") as f:
        mounted = json.loads(f.read())
    with urllib.request.urlopen(url, timeout=30) as response:
        served = resolved(json.loads(response.read()), url)
    if mounted != served:
        sys.exit("FAIL item.json differs from the served item\nmounted: %s\nserved:  %s"
                 % (json.dumps(mounted, sort_keys=True), json.dumps(served, sort_keys=True)))
    print("OK item.json equals the served item (%d assets)" % len(served.get("assets", {})))


if __name__ == "__main__":
    main()
