#!/usr/bin/python3
"""stac_server.py: a small STAC API over a directory of item JSON, for stacfs tests.

Usage: stac_server.py PORT [--data DIR] [--synthetic N] [--idle-exit SECONDS]

Binds 127.0.0.1:PORT only. Python standard library only. Exits by itself after SECONDS (default
300) without a request, or when its parent process goes away, so a crashed test never leaves it
running.

Data
----
  --data DIR       every *.json under DIR: "Feature" documents are items, "Collection" documents
                   collections. Relative hrefs of items are rewritten to http://HOST/files/<path>,
                   and /files/ serves DIR, so assets (reference files...) can be fetched.
  --synthetic N    N generated items "item-0000"...: collection synthetic-a (even) or synthetic-b
                   (odd), datetime 2020-01-01 + i days, a 1x1 degree bbox at longitude
                   (i * 7) % 360 - 180, latitude i % 80, and properties n = i, parity, variable.

Endpoints (STAC API 1.0: core, item-search + query/sort/fields/filter, collections, features)
---------
  GET  /                          landing page: conformsTo, links (data, conformance, search)
  GET  /conformance
  GET  /collections               paged, 2 per page (?limit=N), rel=next by token
  GET  /collections/{id}
  GET  /collections/{id}/items    bbox, datetime, limit; paged by GET next links
  GET  /search  POST /search      collections, ids, bbox, intersects, datetime, limit, query,
                                  filter (+ filter-lang), sortby, fields
  GET  /files/PATH                files of --data DIR
  GET  /_count?key=KEY            requests counted for KEY (see faults), as decimal text
  GET  /_last                     the last search request: {"method","path","query","body"}

Modes: query parameters of the first request, repeated in every link the server writes, so a
whole paging session runs in one mode.
  paging=get-token   (default) next: GET /search?token=T (the token carries the search)
  paging=post-merge  next: POST with body {"token": T} and "merge": true; the server checks that
                     the merged body still carries the original parameters (400 if not). After a
                     GET page (nothing to merge into) the next link carries the full body.
  paging=post-body   next: POST with the full body plus token, "merge" absent
  paging=no-method   next: {"rel":"next","href":"/search?token=T"} without "method", even after
                     a POST search
  methods=GET,POST   the methods the landing page's search links offer (default both)
  conformance=link   the landing page has no conformsTo, only a conformance link
  nosearch=1         no item search at all (no search links, no item-search conformance)

Faults (fault=NAME), on search and items pages. Each page's requests are counted under
"KEY:PAGE" and in total under KEY (key=KEY, default "default"); `times=N` (default 1) makes a
fault hit only the first N requests of each page, so "every page retried on its own" shows.
  429, 503          that status with Retry-After: S (retry_after=S, default 1)
  html502           502 with an HTML page, like a proxy's
  dropped           full Content-Length, half the body, connection closed
  truncated         pages after the first: 200 with half the JSON (a consistent but broken answer)
  html200           pages after the first: 200 with an HTML login page
  bad_item          the first page holds an item whose bbox is a string
  empty_last_next   the page after the last is empty but still has a next link
  self_next         every next link repeats the current request exactly
  foreign_next      the next link points at http://127.0.0.2:PORT (another origin)
  growing_next      next links grow by 1000 bytes a page and never end (the items cycle, as a
                    server looping over its results would)
"""

import base64
import copy
import datetime
import http.server
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

STAC_API = "https://api.stacspec.org/v1.0.0/"
CONFORMANCE = [
    STAC_API + "core", STAC_API + "item-search", STAC_API + "item-search#query",
    STAC_API + "item-search#sort", STAC_API + "item-search#fields", STAC_API + "item-search#filter",
    STAC_API + "collections", STAC_API + "ogcapi-features",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
]
MODE_KEYS = ("paging", "methods", "conformance", "nosearch", "fault", "times", "retry_after", "key")

_lock = threading.Lock()
_counters = {}
_last = [None]
_last_request = [time.monotonic()]


class BadRequest(Exception):
    pass


def count(key):
    with _lock:
        _counters[key] = _counters.get(key, 0) + 1
        return _counters[key]


# --- data --------------------------------------------------------------------------------------

class Store:
    def __init__(self):
        self.items = []        # in id order
        self.collections = {}  # id -> document
        self.data_dir = None

    def load_dir(self, directory, base_url):
        self.data_dir = os.path.abspath(directory)
        for root, _, files in sorted(os.walk(self.data_dir)):
            for name in sorted(files):
                if not name.endswith(".json"):
                    continue
                path = os.path.join(root, name)
                try:
                    with open(path) as f:
                        doc = json.load(f)
                except (ValueError, UnicodeDecodeError):
                    continue
                if not isinstance(doc, dict):
                    continue
                rel = os.path.relpath(path, self.data_dir)
                file_url = base_url + "/files/" + urllib.parse.quote(rel)
                if doc.get("type") == "Feature":
                    for link in doc.get("links", []):
                        link["href"] = urllib.parse.urljoin(file_url, link.get("href", ""))
                    for asset in doc.get("assets", {}).values():
                        asset["href"] = urllib.parse.urljoin(file_url, asset.get("href", ""))
                    self.items.append(doc)
                elif doc.get("type") == "Collection":
                    doc["links"] = []
                    self.collections[doc["id"]] = doc

    def add_synthetic(self, n):
        base = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        for i in range(n):
            west = (i * 7) % 360 - 180
            south = i % 80
            when = (base + datetime.timedelta(days=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            collection = "synthetic-a" if i % 2 == 0 else "synthetic-b"
            self.items.append({
                "type": "Feature", "stac_version": "1.0.0", "id": "item-%04d" % i,
                "collection": collection, "bbox": [west, south, west + 1, south + 1],
                "geometry": {"type": "Point", "coordinates": [west + 0.5, south + 0.5]},
                "properties": {"datetime": when, "n": i, "parity": "even" if i % 2 == 0 else "odd",
                               "variable": ["tas", "pr", "psl"][i % 3]},
                "links": [],
                "assets": {"data": {"href": "https://data.example/%s/item-%04d.nc" % (collection, i),
                                    "type": "application/netcdf", "roles": ["data"]}},
            })
        for cid in ("synthetic-a", "synthetic-b"):
            if n > 0 and cid not in self.collections:
                self.collections[cid] = {
                    "type": "Collection", "stac_version": "1.0.0", "id": cid,
                    "title": "Synthetic " + cid[-1].upper(), "description": "Generated items",
                    "license": "CC0-1.0",
                    "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]]},
                               "temporal": {"interval": [["2020-01-01T00:00:00Z", None]]}},
                    "links": []}

    def finish(self):
        self.items.sort(key=lambda item: item["id"])


STORE = Store()


# --- search semantics --------------------------------------------------------------------------

def parse_time(text):
    if text is None:
        return None
    return datetime.datetime.fromisoformat(text.replace("z", "Z"))


def parse_interval(text):
    if "/" in text:
        start, _, end = text.partition("/")
    else:
        start = end = text
    try:
        lo = None if start in ("", "..") else parse_time(start)
        hi = None if end in ("", "..") else parse_time(end)
    except ValueError:
        raise BadRequest("invalid datetime '%s'" % text)
    return lo, hi


def item_times(item):
    p = item.get("properties", {})
    start = p.get("start_datetime") or p.get("datetime")
    end = p.get("end_datetime") or p.get("datetime")
    if start is None or end is None:
        return None
    return parse_time(start), parse_time(end)


def boxes_intersect(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def geometry_box(geometry):
    xs, ys = [], []

    def walk(c):
        if isinstance(c, list) and c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        elif isinstance(c, list):
            for x in c:
                walk(x)
    walk(geometry.get("coordinates", []))
    for g in geometry.get("geometries", []):
        w, s, e, n = geometry_box(g)
        xs.extend([w, e])
        ys.extend([s, n])
    if not xs:
        raise BadRequest("intersects: geometry without coordinates")
    return [min(xs), min(ys), max(xs), max(ys)]


def property_of(item, name):
    if name in ("id", "collection"):
        return item.get(name)
    if name.startswith("properties."):
        name = name[len("properties."):]
    return item.get("properties", {}).get(name)


def compare(op, value, wanted):
    if value is None:
        return False
    try:
        if op in ("eq", "="):
            return value == wanted
        if op in ("neq", "<>", "!="):
            return value != wanted
        if op in ("lt", "<"):
            return value < wanted
        if op in ("lte", "<="):
            return value <= wanted
        if op in ("gt", ">"):
            return value > wanted
        if op in ("gte", ">="):
            return value >= wanted
        if op == "startsWith":
            return str(value).startswith(wanted)
        if op == "endsWith":
            return str(value).endswith(wanted)
        if op == "contains":
            return wanted in str(value)
        if op == "in":
            return value in wanted
    except TypeError:
        return False
    raise BadRequest("unknown operator '%s'" % op)


def cql2_json_matches(expr, item):
    op = expr.get("op")
    args = expr.get("args", [])
    if op == "and":
        return all(cql2_json_matches(a, item) for a in args)
    if op == "or":
        return any(cql2_json_matches(a, item) for a in args)
    if op == "not":
        return not cql2_json_matches(args[0], item)
    if len(args) != 2 or not isinstance(args[0], dict) or "property" not in args[0]:
        raise BadRequest("filter: unsupported expression %s" % json.dumps(expr))
    return compare(op, property_of(item, args[0]["property"]), args[1])


def cql2_text_to_json(text):
    """Just enough CQL2 text for tests: PROP OP LITERAL joined by AND."""
    terms = []
    for part in text.replace(" and ", " AND ").split(" AND "):
        tokens = part.strip().split(None, 2)
        if len(tokens) != 3:
            raise BadRequest("filter: cannot parse '%s'" % part)
        prop, op, literal = tokens
        literal = literal.strip()
        if literal.startswith("'") and literal.endswith("'"):
            value = literal[1:-1]
        else:
            try:
                value = json.loads(literal)
            except ValueError:
                raise BadRequest("filter: bad literal %s" % literal)
        terms.append({"op": op, "args": [{"property": prop}, value]})
    return terms[0] if len(terms) == 1 else {"op": "and", "args": terms}


def matches(item, params):
    if params.get("collections") and item.get("collection") not in params["collections"]:
        return False
    if params.get("ids") and item.get("id") not in params["ids"]:
        return False
    if params.get("bbox"):
        box = params["bbox"]
        if len(box) == 6:
            box = [box[0], box[1], box[3], box[4]]
        if "bbox" not in item or not boxes_intersect(box, item["bbox"]):
            return False
    if params.get("intersects"):
        if "bbox" not in item or not boxes_intersect(geometry_box(params["intersects"]), item["bbox"]):
            return False
    if params.get("datetime"):
        lo, hi = parse_interval(params["datetime"])
        times = item_times(item)
        if times is None:
            return False
        if lo is not None and times[1] < lo:
            return False
        if hi is not None and times[0] > hi:
            return False
    for prop, ops in (params.get("query") or {}).items():
        for op, wanted in ops.items():
            if not compare(op, property_of(item, prop), wanted):
                return False
    if params.get("filter") is not None:
        expr = params["filter"]
        if params.get("filter-lang", "cql2-text") == "cql2-text" and isinstance(expr, str):
            expr = cql2_text_to_json(expr)
        if not isinstance(expr, dict):
            raise BadRequest("filter must be CQL2")
        if not cql2_json_matches(expr, item):
            return False
    return True


def sort_items(items, sortby):
    for rule in reversed(sortby or []):
        field = rule["field"]
        desc = rule.get("direction", "asc") == "desc"
        present = [i for i in items if property_of(i, field) is not None]
        missing = [i for i in items if property_of(i, field) is None]
        present.sort(key=lambda i: property_of(i, field), reverse=desc)
        items = present + missing
    return items


def apply_fields(item, fields):
    if not fields:
        return item
    include = fields.get("include") or []
    exclude = fields.get("exclude") or []
    out = copy.deepcopy(item)
    if include:
        keep = {"id", "type"} | {f.split(".")[0] for f in include}
        out = {k: v for k, v in out.items() if k in keep}
        props = [f[len("properties."):] for f in include if f.startswith("properties.")]
        if props and "properties" not in include:
            out["properties"] = {k: v for k, v in item.get("properties", {}).items() if k in props}
    for f in exclude:
        if f.startswith("properties."):
            out.get("properties", {}).pop(f[len("properties."):], None)
        else:
            out.pop(f, None)
    return out


def run_search(params, offset, limit, cycle=False):
    found = [i for i in STORE.items if matches(i, params)]
    found = sort_items(found, params.get("sortby"))
    if cycle and found:
        page = [found[(offset + k) % len(found)] for k in range(limit)]
    else:
        page = found[offset:offset + limit]
    return [apply_fields(i, params.get("fields")) for i in page], len(found)


# --- request parameters ------------------------------------------------------------------------

def split_list(text):
    return [x for x in text.split(",") if x]


def params_from_query(q):
    p = {}
    if "collections" in q:
        p["collections"] = split_list(q["collections"])
    if "ids" in q:
        p["ids"] = split_list(q["ids"])
    if "bbox" in q:
        try:
            p["bbox"] = [float(x) for x in q["bbox"].split(",")]
        except ValueError:
            raise BadRequest("invalid bbox '%s'" % q["bbox"])
    for key in ("intersects", "query"):
        if key in q:
            try:
                p[key] = json.loads(q[key])
            except ValueError:
                raise BadRequest("invalid %s JSON" % key)
    if "datetime" in q:
        p["datetime"] = q["datetime"]
    if "limit" in q:
        p["limit"] = q["limit"]
    if "filter" in q:
        lang = q.get("filter-lang", "cql2-text")
        p["filter-lang"] = lang
        p["filter"] = json.loads(q["filter"]) if lang == "cql2-json" else q["filter"]
    if "sortby" in q:
        rules = []
        for f in split_list(q["sortby"]):
            desc = f.startswith("-")
            rules.append({"field": f.lstrip("+-"), "direction": "desc" if desc else "asc"})
        p["sortby"] = rules
    if "fields" in q:
        fs = split_list(q["fields"])
        p["fields"] = {"include": [f.lstrip("+") for f in fs if not f.startswith("-")],
                       "exclude": [f[1:] for f in fs if f.startswith("-")]}
    return p


def validate(p):
    """Checks the parameters of a search; returns its page size."""
    if "bbox" in p and (len(p["bbox"]) not in (4, 6) or not all(isinstance(x, (int, float)) for x in p["bbox"])):
        raise BadRequest("bbox must have 4 or 6 numbers")
    if "datetime" in p:
        parse_interval(p["datetime"])
    limit = p.get("limit", 10)
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise BadRequest("invalid limit")
    if limit < 1 or limit > 10000:
        raise BadRequest("limit must be in [1, 10000]")
    return limit


def encode_token(params, offset):
    raw = json.dumps({"p": params, "o": offset}, sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token):
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        doc = json.loads(raw)
        return doc["p"], int(doc["o"])
    except (ValueError, KeyError, TypeError):
        raise BadRequest("invalid token")


# --- HTTP --------------------------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "stacfs-stac-server/1"

    def log_message(self, fmt, *args):
        if os.environ.get("STAC_SERVER_VERBOSE"):
            sys.stderr.write("stac_server: " + (fmt % args) + "\n")

    # Plumbing.

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def send_bytes(self, status, data, content_type, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status, doc, content_type="application/json", extra=()):
        self.send_bytes(status, json.dumps(doc).encode(), content_type, extra)

    def mode_query(self, mode):
        return urllib.parse.urlencode([(k, mode[k]) for k in MODE_KEYS if k in mode])

    def link(self, path, mode, extra_query=""):
        q = self.mode_query(mode)
        if extra_query:
            q = q + "&" + extra_query if q else extra_query
        return self.base() + path + ("?" + q if q else "")

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        _last_request[0] = time.monotonic()
        try:
            self.route()
        except BadRequest as e:
            self.send_json(400, {"code": "BadRequest", "description": str(e)})
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        mode = {k: query[k] for k in MODE_KEYS if k in query}
        body = self.read_body()
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        if parts == ["_count"]:
            with _lock:
                value = _counters.get(query.get("key", ""), 0)
            return self.send_bytes(200, str(value).encode(), "text/plain")
        if parts == ["_last"]:
            with _lock:
                last = _last[0]
            return self.send_json(200, last)
        if parts and parts[0] == "files":
            return self.serve_file(parts[1:])
        if parts == []:
            return self.landing(mode)
        if parts == ["conformance"]:
            return self.send_json(200, {"conformsTo": self.conformance(mode)})
        if parts == ["collections"]:
            return self.collections(mode, query)
        if len(parts) == 2 and parts[0] == "collections":
            return self.collection(parts[1], mode)
        if len(parts) == 3 and parts[0] == "collections" and parts[2] == "items":
            if parts[1] not in STORE.collections:
                return self.send_json(404, {"code": "NotFound", "description": "no collection " + parts[1]})
            return self.search_page(mode, query, body, fixed_collection=parts[1])
        if parts == ["search"] and mode.get("nosearch") != "1":
            return self.search_page(mode, query, body)
        return self.send_json(404, {"code": "NotFound", "description": "no such endpoint " + url.path})

    def serve_file(self, parts):
        if STORE.data_dir is None or any(p in ("", ".", "..") for p in parts):
            return self.send_json(404, {"code": "NotFound"})
        path = os.path.join(STORE.data_dir, *parts)
        if not os.path.isfile(path):
            return self.send_json(404, {"code": "NotFound"})
        with open(path, "rb") as f:
            data = f.read()
        rng = self.headers.get("Range", "")
        if rng.startswith("bytes=") and "-" in rng:
            first, _, last = rng[6:].partition("-")
            first = int(first)
            last = min(int(last), len(data) - 1) if last else len(data) - 1
            if first >= len(data):
                return self.send_bytes(416, b"", "text/plain", [("Content-Range", "bytes */%d" % len(data))])
            return self.send_bytes(206, data[first:last + 1], "application/octet-stream",
                                   [("Content-Range", "bytes %d-%d/%d" % (first, last, len(data)))])
        return self.send_bytes(200, data, "application/octet-stream")

    # Catalog documents.

    def conformance(self, mode):
        if mode.get("nosearch") == "1":
            return [c for c in CONFORMANCE if "item-search" not in c]
        return CONFORMANCE

    def landing(self, mode):
        links = [
            {"rel": "self", "type": "application/json", "href": self.link("/", mode)},
            {"rel": "root", "type": "application/json", "href": self.link("/", mode)},
            {"rel": "conformance", "type": "application/json", "href": self.link("/conformance", mode)},
            {"rel": "data", "type": "application/json", "href": self.link("/collections", mode)},
        ]
        if mode.get("nosearch") != "1":
            for method in mode.get("methods", "GET,POST").split(","):
                links.append({"rel": "search", "type": "application/geo+json",
                              "href": self.link("/search", mode), "method": method})
        doc = {"type": "Catalog", "stac_version": "1.0.0", "id": "stacfs-test-api",
               "title": "stacfs test STAC API", "description": "tests/servers/stac_server.py",
               "links": links}
        if mode.get("conformance") != "link":
            doc["conformsTo"] = self.conformance(mode)
        self.send_json(200, doc)

    def collection_doc(self, cid, mode):
        doc = copy.deepcopy(STORE.collections[cid])
        doc["links"] = [
            {"rel": "self", "href": self.link("/collections/" + urllib.parse.quote(cid), mode)},
            {"rel": "items", "type": "application/geo+json",
             "href": self.link("/collections/" + urllib.parse.quote(cid) + "/items", mode)},
            {"rel": "root", "href": self.link("/", mode)},
        ]
        return doc

    def collections(self, mode, query):
        ids = sorted(STORE.collections)
        limit = int(query.get("limit", "2"))
        offset = int(query.get("token", "0"))
        page = ids[offset:offset + limit]
        links = [{"rel": "self", "href": self.link("/collections", mode)}]
        if offset + limit < len(ids):
            links.append({"rel": "next", "type": "application/json",
                          "href": self.link("/collections", mode,
                                            "limit=%d&token=%d" % (limit, offset + limit))})
        self.send_json(200, {"collections": [self.collection_doc(c, mode) for c in page],
                             "links": links})

    def collection(self, cid, mode):
        if cid not in STORE.collections:
            return self.send_json(404, {"code": "NotFound", "description": "no collection " + cid})
        self.send_json(200, self.collection_doc(cid, mode))

    # Search.

    def search_page(self, mode, query, body, fixed_collection=None):
        method = self.command
        try:
            logged_body = json.loads(body) if body else None
        except ValueError:
            logged_body = body.decode("utf-8", "replace")
        with _lock:
            _last[0] = {"method": method, "path": urllib.parse.urlsplit(self.path).path,
                        "query": {k: v for k, v in query.items() if k not in MODE_KEYS},
                        "body": logged_body}
        # The search: from a token, or from this request's parameters.
        if method == "POST":
            try:
                posted = json.loads(body or b"{}")
            except ValueError:
                raise BadRequest("body is not JSON")
            if not isinstance(posted, dict):
                raise BadRequest("body must be a JSON object")
            token = posted.pop("token", None) or query.get("token")
            if token:
                params, offset = decode_token(token)
                if mode.get("paging") == "post-merge":
                    if any(posted.get(k) != v for k, v in params.items()):
                        raise BadRequest("the next request lost parameters of the search "
                                         "(merge: true was not honoured)")
            else:
                params, offset = posted, 0
        else:
            if "token" in query:
                params, offset = decode_token(query["token"])
            else:
                params, offset = params_from_query(query), 0
        limit = validate(params)
        if fixed_collection is not None:
            params["collections"] = [fixed_collection]
        page_id = "%s:%s:%d" % (mode.get("key", "default"), method, offset)
        if self.fault(mode, page_id, offset):
            return
        cycle = mode.get("fault") == "growing_next"
        features, matched = run_search(params, offset, limit, cycle)
        doc = {"type": "FeatureCollection", "features": features, "numberMatched": matched,
               "numberReturned": len(features), "links": []}
        if mode.get("fault") == "bad_item" and features and offset == 0:
            doc["features"][0] = dict(doc["features"][0], bbox="oops")
        next_offset = offset + limit
        more = next_offset < matched or cycle or mode.get("fault") == "empty_last_next"
        if more:
            doc["links"].append(self.next_link(mode, method, params, limit, next_offset, body,
                                               fixed_collection))
        self.send_json(200, doc, "application/geo+json")

    def next_link(self, mode, method, params, limit, next_offset, body, fixed_collection):
        fault = mode.get("fault")
        path = urllib.parse.urlsplit(self.path).path
        if fault == "self_next":
            link = {"rel": "next", "href": self.base() + self.path}
            if method == "POST":
                link.update(method="POST", body=json.loads(body or b"{}"))
            return link
        token = encode_token(params, next_offset)
        extra = "token=" + token
        pad = ""
        if fault == "growing_next":
            pad = "pad=" + "x" * (1000 * (next_offset // limit))
            extra += "&" + pad
        paging = mode.get("paging", "get-token")
        if fixed_collection is not None or paging == "get-token" and method == "GET" or paging == "no-method":
            link = {"rel": "next", "type": "application/geo+json", "href": self.link(path, mode, extra)}
            if paging != "no-method":
                link["method"] = "GET"
        elif method == "POST" and paging in ("post-merge", "get-token"):
            # Merging needs a body to merge into: after a GET page, post-merge sends full bodies.
            link = {"rel": "next", "href": self.link(path, mode, pad), "method": "POST",
                    "body": {"token": token}, "merge": True}
        else:  # post-body
            full = dict(json.loads(body or b"{}")) if method == "POST" else {}
            full.pop("token", None)
            full.update({k: v for k, v in params.items() if k not in full})
            full["token"] = token
            link = {"rel": "next", "href": self.link(path, mode, pad), "method": "POST", "body": full}
        if fault == "foreign_next":
            link["href"] = link["href"].replace("http://127.0.0.1:", "http://127.0.0.2:")
        return link

    def fault(self, mode, page_id, offset):
        """Sends the fault's answer and returns True when this request is to fail."""
        fault = mode.get("fault")
        key = mode.get("key", "default")
        count(key)
        n = count(key + ":" + page_id)
        times = int(mode.get("times", "1"))
        if fault in ("429", "503"):
            if n <= times:
                self.send_json(int(fault), {"code": "Unavailable", "description": "fault " + fault},
                               extra=[("Retry-After", mode.get("retry_after", "1"))])
                return True
        elif fault == "html502":
            if n <= times:
                page = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                        "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                        "</body>\r\n</html>\r\n")
                self.send_bytes(502, page.encode(), "text/html")
                return True
        elif fault == "dropped":
            if n <= times:
                data = json.dumps({"type": "FeatureCollection", "features": [], "links": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/geo+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return True
        elif fault == "truncated" and offset > 0:
            data = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                                                                           "id": "x" * 200}]}).encode()
            self.send_bytes(200, data[:len(data) // 2], "application/geo+json")
            return True
        elif fault == "html200" and offset > 0:
            self.send_bytes(200, b"<!DOCTYPE html><html><body><h1>Please log in</h1></body></html>",
                            "text/html")
            return True
        return False


def watchdog(idle_exit_s, parent_pid):
    while True:
        time.sleep(0.5)
        if time.monotonic() - _last_request[0] > idle_exit_s:
            os._exit(0)
        if os.getppid() != parent_pid:  # our parent died; we were re-parented
            os._exit(0)


def main(argv):
    if len(argv) < 2 or not argv[1].isdigit():
        sys.stderr.write(__doc__)
        return 2
    port = int(argv[1])
    data_dir, synthetic, idle_exit_s = None, 0, 300.0
    i = 2
    while i < len(argv):
        if argv[i] == "--data" and i + 1 < len(argv):
            data_dir = argv[i + 1]
        elif argv[i] == "--synthetic" and i + 1 < len(argv):
            synthetic = int(argv[i + 1])
        elif argv[i] == "--idle-exit" and i + 1 < len(argv):
            idle_exit_s = float(argv[i + 1])
        else:
            sys.stderr.write("stac_server.py: unknown argument %s\n" % argv[i])
            return 2
        i += 2
    if data_dir:
        STORE.load_dir(data_dir, "http://127.0.0.1:%d" % port)
    STORE.add_synthetic(synthetic)
    STORE.finish()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=watchdog, args=(idle_exit_s, os.getppid()), daemon=True).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
