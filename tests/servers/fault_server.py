#!/usr/bin/python3
"""fault_server.py: a deterministic HTTP/1.1 server with scripted faults, for stacfs tests.

Usage: fault_server.py PORT [--idle-exit SECONDS]
Binds 127.0.0.1:PORT only. Python standard library only. Exits by itself after SECONDS
(default 300) without a request, or when its parent process goes away, so a crashed test
never leaves it running.

URL grammar
-----------
  GET /obj/SIZE[/NAME]?[fault=FAULT][&times=N][&key=KEY][&secs=S][&retry_after=S]
                       [&retry_after_date=S]
      An object of SIZE bytes whose byte i is (i * 131 + 7) % 251. NAME is ignored (it lets
      tests use distinct URLs). Supports a single "Range: bytes=a-b" / "bytes=a-" / "bytes=-n"
      (206 + Content-Range; 416 + "Content-Range: bytes */SIZE" when unsatisfiable), an ETag
      ("obj-SIZE"), Content-Length and keep-alive.

      Every request increments the counter of KEY (default: the whole request target). The
      fault applies while that counter is <= N (`times`, default: always), so
      "fault=503&times=2" fails the first two requests and serves the third normally.

  FAULT is one of:
      500, 503, 429, 404, 408, 504, 401, 403   that status with a short text body
      html502              502 with an HTML page, like a proxy's
      retry_after=S        (extra parameter) adds "Retry-After: S" (delta-seconds) to the status
      retry_after_date=S   (extra parameter) adds Retry-After as an HTTP-date S seconds from now
      wrong_range          206 whose Content-Range (and bytes) are shifted one byte forward
      ignore_range         200 with the whole object, whatever the Range header says
      short                correct headers, half the body, then the connection is closed
      short_cl             206 with the right Content-Range but Content-Length and body of half
                           the range, connection kept alive (a consistent but short answer)
      long                 206 with the right Content-Range but 10 bytes more body than it says
      reset                correct headers, half the body, then a TCP reset (SO_LINGER 0)
      stall_before         sleep S seconds (secs=S, default 10) before sending anything
      stall_body           send headers and half the body, sleep S seconds, then the rest
      etag_change          normal content, but the ETag changes on every request

  GET /count?key=KEY     the number of requests counted for KEY so far, as decimal text
  GET /healthz           "ok" (used to wait for the server to start)
  Anything else          404
"""

import email.utils
import http.server
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse

_counters = {}
_counters_lock = threading.Lock()
_last_request = [time.monotonic()]


def byte_at(i):
    return (i * 131 + 7) % 251


def content(offset, length):
    # Built from one period of the 251-byte cycle: fast for large objects.
    period = bytes(byte_at(i) for i in range(251))
    start = offset % 251
    reps = (start + length) // 251 + 1
    return (period * reps)[start:start + length]


def count(key):
    with _counters_lock:
        _counters[key] = _counters.get(key, 0) + 1
        return _counters[key]


def parse_range(header, size):
    """Returns (first, last) for a satisfiable single range, 'unsatisfiable', or None (ignore)."""
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    spec = header[len("bytes="):].strip()
    first_text, sep, last_text = spec.partition("-")
    if not sep:
        return None
    try:
        if first_text == "":
            suffix = int(last_text)
            if suffix <= 0:
                return "unsatisfiable"
            return (max(0, size - suffix), size - 1) if size > 0 else "unsatisfiable"
        first = int(first_text)
        last = int(last_text) if last_text else size - 1
    except ValueError:
        return None
    if first >= size:
        return "unsatisfiable"
    if last < first:
        return None
    return (first, min(last, size - 1))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server_version = "stacfs-fault-server/1"

    def log_message(self, fmt, *args):
        if os.environ.get("FAULT_SERVER_VERBOSE"):
            sys.stderr.write("fault_server: " + (fmt % args) + "\n")

    def do_GET(self):
        _last_request[0] = time.monotonic()
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def send_simple(self, status, body, content_type="text/plain", extra=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = [p for p in url.path.split("/") if p]
        if parts == ["healthz"]:
            return self.send_simple(200, "ok")
        if parts == ["count"]:
            with _counters_lock:
                value = _counters.get(query.get("key", ""), 0)
            return self.send_simple(200, str(value))
        if len(parts) in (2, 3) and parts[0] == "obj" and parts[1].isdigit():
            return self.serve_object(int(parts[1]), query)
        return self.send_simple(404, "no such object\n")

    def serve_object(self, size, query):
        key = query.get("key", self.path)
        n = count(key)
        times = query.get("times")
        active = times is None or n <= int(times)
        fault = query.get("fault", "") if active else ""
        secs = float(query.get("secs", "10"))
        etag = '"obj-%d"' % size if fault != "etag_change" else '"obj-%d-v%d"' % (size, n)

        if fault in ("500", "503", "429", "404", "408", "504", "401", "403", "html502"):
            extra = []
            if "retry_after" in query:
                extra.append(("Retry-After", query["retry_after"]))
            if "retry_after_date" in query:
                when = time.time() + float(query["retry_after_date"])
                extra.append(("Retry-After", email.utils.formatdate(when, usegmt=True)))
            if fault == "html502":
                page = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                        "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
                return self.send_simple(502, page, "text/html", extra)
            return self.send_simple(int(fault), "fault %s\n" % fault, extra=extra)

        if fault == "stall_before":
            time.sleep(secs)

        rng = parse_range(self.headers.get("Range"), size)
        if fault == "ignore_range":
            rng = None
        if rng == "unsatisfiable":
            return self.send_simple(416, "range not satisfiable\n",
                                    extra=[("Content-Range", "bytes */%d" % size)])
        if rng is None:
            status, first, last = 200, 0, size - 1
        else:
            status, (first, last) = 206, rng
        length = last - first + 1 if size > 0 else 0
        body = content(first, length)
        announced_range = (first, last)
        announced_length = length

        if fault == "wrong_range" and status == 206:
            announced_range = (first + 1, last + 1)
            body = content(first + 1, length)
        elif fault == "short_cl":
            announced_length = length // 2
            body = body[:announced_length]
        elif fault == "long":
            body = content(first, length + 10)
            announced_length = len(body)

        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(announced_length))
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (*announced_range, size))
        self.end_headers()

        half = len(body) // 2
        if fault == "short":
            self.wfile.write(body[:half])
            self.close_connection = True
            return
        if fault == "reset":
            self.wfile.write(body[:half])
            # SO_LINGER with a zero timeout turns close() into a TCP RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault == "stall_body":
            self.wfile.write(body[:half])
            time.sleep(secs)
            self.wfile.write(body[half:])
            return
        self.wfile.write(body)


def watchdog(idle_exit_s, parent_pid):
    while True:
        time.sleep(0.5)
        if time.monotonic() - _last_request[0] > idle_exit_s:
            os._exit(0)
        if os.getppid() != parent_pid:  # our parent died; we were re-parented
            os._exit(0)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: fault_server.py PORT [--idle-exit SECONDS]\n")
        return 2
    port = int(argv[1])
    idle_exit_s = 300.0
    if len(argv) >= 4 and argv[2] == "--idle-exit":
        idle_exit_s = float(argv[3])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=watchdog, args=(idle_exit_s, os.getppid()), daemon=True).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
