#!/usr/bin/python3
"""The measurements of scripts/bench/mount (run by that driver, which makes the inputs, starts
nginx and writes the references).

Every timed case runs in a fresh Python process (imports are not timed) and, for stacfs, on a fresh
mount, so that no reader starts with anything cached but the server's files in the OS page cache,
which every contender shares. Cases are interleaved run by run, so that drift of the machine
spreads over all of them; the table shows medians.

Usage:
  bench.py main STACFS REFS DATA_DIR WORK_DIR OUT_DIR RUNS
  bench.py worker full|point mount_dask|mount_nodask|fsspec|netcdf PATH [warm]
                                   (one timed case in a fresh process; prints JSON on stdout)
"""
import concurrent.futures
import glob
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

PYTHON = "/usr/bin/python3"
THREADS = 8
POINT = (45, 90)  # lat, lon index of the single-point time series


# ----------------------------------------------------------------------------------------------
# Worker: one timed case in a fresh process.

def fsspec_open(refs_path):
    import xarray
    with open(refs_path) as f:
        refs = json.load(f)
    # skip_instance_cache: a fresh ReferenceFileSystem and a fresh HTTP filesystem (no pooled
    # connections) every run, as a fresh mount has.
    return xarray.open_dataset(
        "reference://", engine="zarr",
        backend_kwargs={"consolidated": False,
                        "storage_options": {"fo": refs, "remote_protocol": "http",
                                            "remote_options": {"skip_instance_cache": True},
                                            "skip_instance_cache": True}})


def open_case(kind, arg):
    import xarray
    if kind == "mount_dask":       # what the issue asks: xarray.open_zarr(MOUNT)
        return xarray.open_zarr(arg)
    if kind == "mount_nodask":     # the same call as for fsspec, on the mount
        return xarray.open_dataset(arg, engine="zarr")
    if kind == "fsspec":
        return fsspec_open(arg)
    if kind == "netcdf":
        return xarray.open_mfdataset(sorted(glob.glob(os.path.join(arg, "*.nc"))))
    raise ValueError(kind)


def worker(argv):
    import numpy  # noqa: F401  (imported before timing)
    import xarray  # noqa: F401
    import zarr  # noqa: F401
    import fsspec  # noqa: F401
    import dask  # noqa: F401
    what, kind, arg = argv[0], argv[1], argv[2]
    warm = len(argv) > 3 and argv[3] == "warm"
    result = {}
    for label in (["cold", "warm"] if warm else ["cold"]):
        start = time.perf_counter()
        ds = open_case(kind, arg)
        if what == "full":
            values = ds["tas"].values if ds["tas"].chunks is None else ds["tas"].load().values
            check = float(values[-1, POINT[0], POINT[1]])
            shape = values.shape
        else:
            values = ds["tas"][:, POINT[0], POINT[1]].values
            check = float(values[-1])
            shape = values.shape
        seconds = time.perf_counter() - start
        ds.close()
        result[label] = seconds
        result["shape"] = list(shape)
        result["check"] = check
        del values, ds
    print(json.dumps(result))


# ----------------------------------------------------------------------------------------------
# Raw reads (run in the main process: standard library only).

def read_files(paths, threads):
    def one(path):
        with open(path, "rb", buffering=0) as f:
            n = 0
            while True:
                b = f.read(1 << 20)
                if not b:
                    return n
                n += len(b)
    start = time.perf_counter()
    if threads == 1:
        total = sum(one(p) for p in paths)
    else:
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            total = sum(pool.map(one, paths, chunksize=16))
    return time.perf_counter() - start, total


def get_ranges(ranges, threads):
    """ranges: [(url, offset, length)]. One keep-alive HTTP/1.1 connection per thread, GET with a
    Range header, strict 206 and length check — what the mount does per chunk, minus decoding."""
    def part(items):
        conns = {}
        n = 0
        for url, off, length in items:
            u = urllib.parse.urlsplit(url)
            conn = conns.get(u.netloc)
            if conn is None:
                conn = conns[u.netloc] = http.client.HTTPConnection(u.netloc, timeout=60)
            conn.request("GET", u.path, headers={"Range": f"bytes={off}-{off + length - 1}"})
            resp = conn.getresponse()
            body = resp.read()
            if resp.status != 206 or len(body) != length:
                raise RuntimeError(f"{url} {off}+{length}: HTTP {resp.status}, {len(body)} bytes")
            n += len(body)
        for c in conns.values():
            c.close()
        return n
    # Contiguous slices per thread keep each thread's accesses sequential, like the file reads.
    parts = [ranges[i * len(ranges) // threads:(i + 1) * len(ranges) // threads]
             for i in range(threads)]
    start = time.perf_counter()
    if threads == 1:
        total = part(ranges)
    else:
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            total = sum(pool.map(part, parts))
    return time.perf_counter() - start, total


def curl_ranges(ranges, work, parallel):
    """One curl process fed a config file of URL + range pairs (no process per request), reusing
    connections; with --parallel --parallel-max 8 it keeps 8 transfers in flight."""
    conf = os.path.join(work, "curl.conf")
    with open(conf, "w") as f:
        for url, off, length in ranges:
            f.write(f'url = "{url}"\nrange = "{off}-{off + length - 1}"\noutput = "/dev/null"\n')
    cmd = ["curl", "--silent", "--show-error", "--fail", "-K", conf]
    if parallel > 1:
        cmd[1:1] = ["--parallel", "--parallel-max", str(parallel)]
    start = time.perf_counter()
    # --parallel draws its progress meter even with --silent: stderr is kept for errors only.
    done = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"curl failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, sum(r[2] for r in ranges)


# ----------------------------------------------------------------------------------------------
# Mounts.

def unescape_mount_path(s):
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def is_mounted(path):
    with open("/proc/mounts") as f:
        return any(unescape_mount_path(line.split()[1]) == path for line in f)


class Mount:
    """`stacfs mount REFS MNT -f` as a child process; ready when /proc/mounts lists MNT."""
    count = 0

    def __init__(self, stacfs, refs, mnt, work, log_dir):
        Mount.count += 1
        self.mnt = mnt
        self.log_path = os.path.join(log_dir, f"mount-{Mount.count:03d}.log")
        self.pid_file = os.path.join(work, "stacfs.pid")
        self.log = open(self.log_path, "w")
        start = time.perf_counter()
        self.proc = subprocess.Popen([stacfs, "mount", refs, mnt, "-f", "-o", "cache_size=1G"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        with open(self.pid_file, "w") as f:   # for the driver's trap
            f.write(str(self.proc.pid))
        while not is_mounted(mnt):
            if self.proc.poll() is not None:
                raise RuntimeError(f"stacfs mount exited with {self.proc.returncode}; "
                                   f"log {self.log_path}:\n{open(self.log_path).read()}")
            if time.perf_counter() - start > 30:
                self.close()
                raise RuntimeError(f"stacfs mount not ready after 30 s; log {self.log_path}")
            time.sleep(0.01)
        self.ready_seconds = time.perf_counter() - start

    def cpu_seconds(self):
        """User + system CPU time of the stacfs process so far."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stats(self):
        with open(os.path.join(self.mnt, ".stacfs", "stats")) as f:
            return json.load(f)

    def close(self):
        if self.proc.poll() is None:
            for _ in range(50):
                if not is_mounted(self.mnt):
                    break
                if subprocess.run(["fusermount3", "-u", self.mnt], stderr=subprocess.DEVNULL).returncode == 0:
                    break
                time.sleep(0.1)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print(f"WARNING: stacfs (pid {self.proc.pid}) did not exit 30 s after unmount; "
                      "sending SIGTERM", file=sys.stderr)
                self.proc.terminate()
                self.proc.wait(timeout=10)
        self.log.close()
        try:
            os.unlink(self.pid_file)
        except FileNotFoundError:
            pass
        if self.proc.returncode not in (0, None):
            print(f"WARNING: stacfs exited with {self.proc.returncode}; log {self.log_path}",
                  file=sys.stderr)
        with open(self.log_path) as f:
            text = f.read().strip()
        return text


# ----------------------------------------------------------------------------------------------
# Main.

def run_worker(*args):
    out = subprocess.run([PYTHON, os.path.abspath(__file__), "worker", *args],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"worker {' '.join(args)} failed ({out.returncode}):\n"
                           f"{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def chunk_ranges(refs_path):
    with open(refs_path) as f:
        refs = json.load(f)["refs"]
    items = []
    for key, value in refs.items():
        if key.startswith("tas/") and not key.split("/")[-1].startswith(".z"):
            if not isinstance(value, list) or len(value) != 3:
                raise RuntimeError(f"{key}: expected [url, offset, length], got {value!r:.80}")
            items.append((tuple(int(i) for i in key.split("/")[1].split(".")), value))
    items.sort()
    return [key for key, _ in items], [tuple(v) for _, v in items]


def verify(stacfs, refs, data_dir, mnt, work, log_dir):
    """Outside timing: the mount's full read equals netCDF4-python on the local files, exactly."""
    import netCDF4
    import numpy as np
    import xarray
    m = Mount(stacfs, refs, mnt, work, log_dir)
    try:
        ds = xarray.open_zarr(mnt, decode_times=False)
        got = ds["tas"].values
        stats = m.stats()
        files = sorted(glob.glob(os.path.join(data_dir, "*.nc")))
        want, times = [], []
        for path in files:
            with netCDF4.Dataset(path) as nc:
                nc.set_auto_mask(False)
                want.append(nc["tas"][:])
                times.append(nc["time"][:])
                lat, lon = nc["lat"][:], nc["lon"][:]
        want = np.concatenate(want)
        problems = []
        if got.dtype != want.dtype or got.shape != want.shape:
            problems.append(f"tas: {got.dtype}{got.shape} vs netCDF {want.dtype}{want.shape}")
        elif not np.array_equal(got.view("u4"), want.view("u4")):
            bad = np.argwhere(got.view("u4") != want.view("u4"))
            problems.append(f"tas: {len(bad)} values differ, first at {bad[0].tolist()}")
        for name, ref in (("time", np.concatenate(times)), ("lat", lat), ("lon", lon)):
            if not np.array_equal(ds[name].values, ref):
                problems.append(f"{name} differs")
        ds.close()
    finally:
        log = m.close()
    return problems, stats, int(want.size), log


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def main(argv):
    stacfs, refs, data_dir, work, out_dir, runs = argv
    runs = int(runs)
    mnt = os.path.join(work, "mnt")
    os.makedirs(mnt, exist_ok=True)
    log_dir = os.path.join(out_dir, "logs")
    os.makedirs(log_dir, exist_ok=True)
    for old in glob.glob(os.path.join(log_dir, "mount-*.log")):
        os.unlink(old)
    load_start = loadavg()
    print(f"load average at start: {load_start} ({os.cpu_count()} CPUs); other work on the machine "
          "skews every figure", flush=True)
    keys, ranges = chunk_ranges(refs)
    raw_bytes = sum(r[2] for r in ranges)
    print(f"dataset: {len(glob.glob(os.path.join(data_dir, '*.nc')))} netCDF4 files, "
          f"{len(keys)} chunks of tas, {raw_bytes / 1e6:.1f} MB of compressed chunks; "
          f"{runs} runs per case", flush=True)

    # Every contender reads the same files from the OS page cache: warm it once.
    for path in glob.glob(os.path.join(data_dir, "*.nc")):
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass

    print("verifying the mount's full read against netCDF4-python (not timed)...", flush=True)
    problems, first_stats, nvalues, log = verify(stacfs, refs, data_dir, mnt, work, log_dir)
    if problems:
        print("MOUNT READ IS WRONG: " + "; ".join(problems))
        print(json.dumps(first_stats, indent=1))
        return 1
    print(f"  OK: {nvalues:,} values of tas and the time/lat/lon coordinates are identical")
    if log:
        print(f"  stacfs log (non-empty):\n{log[:2000]}")

    chunk_files = [os.path.join(mnt, "tas", ".".join(map(str, k))) for k in keys]
    samples = {}

    def add(case, value):
        samples.setdefault(case, []).append(value)

    mount_stats = {}
    mount_ready = []

    def on_mount(case, fn):
        m = Mount(stacfs, refs, mnt, work, log_dir)
        mount_ready.append(m.ready_seconds)
        try:
            cpu0 = m.cpu_seconds()
            result = fn()
            add(f"cpu/{case}", m.cpu_seconds() - cpu0)
            mount_stats.setdefault(case, []).append(m.stats())
        finally:
            log = m.close()
        if log:
            print(f"  [{case}] stacfs log:\n{log[:2000]}", flush=True)
        return result

    checks = {}
    for run in range(1, runs + 1):
        t0 = time.perf_counter()
        for what in ("full", "point"):
            for kind in ("mount_dask", "mount_nodask"):
                case = f"{what}/stacfs/{kind}"
                # The warm re-read on the same mount (all chunks in the page cache) is the floor
                # of the client's own cost (no file system can do better): full reads only.
                warm = ["warm"] if what == "full" else []
                r = on_mount(case, lambda: run_worker(what, kind, mnt, *warm))
                add(case, r["cold"])
                if "warm" in r:
                    add(f"{what}/stacfs/{kind}/warm", r["warm"])
                checks.setdefault(what, set()).add(r["check"])
            r = run_worker(what, "fsspec", refs)
            add(f"{what}/fsspec", r["cold"])
            checks[what].add(r["check"])
            r = run_worker(what, "netcdf", data_dir)
            add(f"{what}/netcdf", r["cold"])
            checks[what].add(r["check"])
        for threads in (1, THREADS):
            # Cold, then again on the same mount (page cache: the FUSE per-file cost alone).
            (s, n), (w, _) = on_mount(f"raw/stacfs/{threads}",
                                      lambda: (read_files(chunk_files, threads),
                                               read_files(chunk_files, threads)))
            if n != raw_bytes:
                raise RuntimeError(f"read {n} bytes from the chunk files, expected {raw_bytes}")
            add(f"raw/stacfs/{threads}", s)
            add(f"raw/stacfs/{threads}/warm", w)
            s, n = get_ranges(ranges, threads)
            add(f"raw/http/{threads}", s)
            s, n = curl_ranges(ranges, work, threads)
            add(f"raw/curl/{threads}", s)
        print(f"run {run}/{runs} done in {time.perf_counter() - t0:.0f} s", flush=True)
    for what, values in checks.items():
        if len(values) != 1:
            print(f"WARNING: the {what} read gave different last values across readers: {values}")

    med = {case: median(v) for case, v in samples.items()}
    return report(med, samples, raw_bytes, len(keys), runs, first_stats, mount_stats,
                  median(mount_ready), out_dir, {"start": load_start, "end": loadavg()})


def report(med, samples, raw_bytes, nchunks, runs, first_stats, mount_stats, ready, out_dir, load):
    rows = []   # (section, label, seconds, MB/s or None, ratio text)

    def ratio(x, ref):
        return x / ref if ref else float("nan")

    print()
    print(f"load average at start: {load['start']}, at end: {load['end']}")
    print(f"Medians of {runs} runs; ratio = other's time / stacfs open_zarr time "
          f"(> 1: stacfs faster); raw: throughput relative to stacfs at the same thread count.")
    hdr = f"{'case':58}{'seconds':>10}{'MB/s':>10}{'ratio':>10}"
    print(hdr)
    print("-" * len(hdr))
    for what, title in (("full", "full read of tas (3650×90×180 float32), xarray .load()"),
                        ("point", "point time series tas[:, 45, 90] (all 3650 chunks)")):
        print(title)
        base = med[f"{what}/stacfs/mount_dask"]
        entries = [(f"{what}/stacfs/mount_dask", "stacfs mount, xarray.open_zarr (dask)"),
                   (f"{what}/stacfs/mount_nodask", "stacfs mount, open_dataset(engine=zarr), no dask"),
                   (f"{what}/fsspec", "fsspec ReferenceFileSystem over HTTP, no dask"),
                   (f"{what}/netcdf", "xarray.open_mfdataset on local netCDF (dask)"),
                   (f"{what}/stacfs/mount_dask/warm", "  floor: open_zarr, 2nd read, same mount (page cache)"),
                   (f"{what}/stacfs/mount_nodask/warm", "  floor: no dask, 2nd read, same mount (page cache)")]
        for case, label in entries:
            if case not in med:
                continue
            s = med[case]
            r = ratio(s, base)
            print(f"  {label:56}{s:>10.3f}{raw_bytes / s / 1e6:>10.1f}{r:>9.2f}x")
            rows.append({"case": case, "label": label, "seconds": s,
                         "mb_per_s": raw_bytes / s / 1e6, "ratio_vs_stacfs": r,
                         "samples": samples[case]})
    print(f"raw bytes of all {nchunks} chunk files ({raw_bytes / 1e6:.1f} MB)")
    for threads in (1, THREADS):
        base = med[f"raw/stacfs/{threads}"]
        for case, label in ((f"raw/stacfs/{threads}", f"stacfs: read every chunk file, {threads} thread(s)"),
                            (f"raw/http/{threads}", f"http.client ranged GETs, {threads} thread(s)"),
                            (f"raw/curl/{threads}", "curl -K ranges, sequential" if threads == 1
                             else f"curl -K ranges --parallel --parallel-max {threads}")):
            s = med[case]
            mbs = raw_bytes / s / 1e6
            r = (raw_bytes / base) / (raw_bytes / s)   # stacfs MB/s relative to this one's
            print(f"  {label:56}{s:>10.3f}{mbs:>10.1f}{'' if case.startswith('raw/stacfs') else f'{r:>9.2f}x'}")
            rows.append({"case": case, "label": label, "seconds": s, "mb_per_s": mbs,
                         "stacfs_throughput_ratio": None if case.startswith("raw/stacfs") else r,
                         "samples": samples[case]})
        case = f"raw/stacfs/{threads}/warm"
        s = med[case]
        label = "  floor: stacfs again, same mount (page cache)"
        print(f"  {label:56}{s:>10.3f}{raw_bytes / s / 1e6:>10.1f}")
        rows.append({"case": case, "label": label, "seconds": s, "mb_per_s": raw_bytes / s / 1e6,
                     "samples": samples[case]})

    # Targets of the issue.
    targets = []

    def target(name, value, goal):
        ok = value >= goal
        targets.append({"target": name, "value": value, "goal": goal, "met": ok})
        print(f"  {'PASS' if ok else 'MISS'}  {name}: {value:.2f}x (target ≥ {goal}x)")

    print()
    print("targets (issue 6):")
    target("full read, fsspec time / stacfs open_zarr time",
           med["full/fsspec"] / med["full/stacfs/mount_dask"], 3)
    target("full read, fsspec time / stacfs open_dataset(no dask) time",
           med["full/fsspec"] / med["full/stacfs/mount_nodask"], 3)
    target("point series, fsspec time / stacfs open_zarr time",
           med["point/fsspec"] / med["point/stacfs/mount_dask"], 5)
    target("point series, fsspec time / stacfs open_dataset(no dask) time",
           med["point/fsspec"] / med["point/stacfs/mount_nodask"], 5)
    target("raw throughput, stacfs 1 thread / curl sequential",
           med["raw/curl/1"] / med["raw/stacfs/1"], 0.8)
    target(f"raw throughput, stacfs {THREADS} threads / curl --parallel-max {THREADS}",
           med[f"raw/curl/{THREADS}"] / med[f"raw/stacfs/{THREADS}"], 0.8)
    target(f"raw throughput, stacfs {THREADS} threads / http.client {THREADS} threads",
           med[f"raw/http/{THREADS}"] / med[f"raw/stacfs/{THREADS}"], 0.8)

    print()
    print("the floor (same read with every chunk in the kernel page cache: what a zero-cost file "
          "system would give) bounds the full-read ratio vs fsspec at "
          f"{med['full/fsspec'] / med['full/stacfs/mount_dask/warm']:.2f}x (open_zarr) and "
          f"{med['full/fsspec'] / med['full/stacfs/mount_nodask/warm']:.2f}x (no dask)")
    print()
    print(f"mount ready (stacfs mount -f until /proc/mounts lists it): median {ready * 1000:.0f} ms")
    print("stacfs CPU time (user+sys) per case, median s: " + ", ".join(
        f"{case[4:]} {v:.2f}" for case, v in med.items() if case.startswith("cpu/")))
    print("stacfs stats per case (median over runs; cold read, plus the warm re-read where there is one):")
    for case, lst in mount_stats.items():
        def m(get):
            vals = [get(x) for x in lst]
            vals = [v for v in vals if v is not None]
            return f"{median(vals):.0f}" if vals else "-"
        print(f"  {case:26} http requests {m(lambda x: x['http']['requests'])}, "
              f"cache hits {m(lambda x: x['cache']['hits'])}, misses {m(lambda x: x['cache']['misses'])}, "
              f"shared {m(lambda x: x['cache']['shared_fetches'])}, "
              f"prefetched {m(lambda x: x.get('prefetch', {}).get('chunks_requested'))}, "
              f"merged {m(lambda x: x.get('prefetch', {}).get('merged_requests'))}, "
              f"read p50/p99 {m(lambda x: x['read_latency_p50_us'])}/{m(lambda x: x['read_latency_p99_us'])} µs")
    print("stacfs stats after the first full read (open_zarr, fresh mount):")
    s = first_stats
    cache, http = s.get("cache", {}), s.get("http", {})
    print(f"  reads {s.get('reads')}, bytes_read {s.get('bytes_read')}, errors {s.get('errors')}, "
          f"read latency p50 {s.get('read_latency_p50_us')} µs, p99 {s.get('read_latency_p99_us')} µs")
    print(f"  cache hits {cache.get('hits')}, misses {cache.get('misses')}, "
          f"shared fetches {cache.get('shared_fetches')}, evictions {cache.get('evictions')}, "
          f"bytes {cache.get('bytes')}")
    print(f"  http requests {http.get('requests')}, retries {http.get('retries')}, "
          f"failed {http.get('failed')}, bytes received {http.get('bytes_received')}, "
          f"connections opened {http.get('connections_opened')}")
    known = {"cache", "http"}
    for name, section in s.items():
        if isinstance(section, dict) and name not in known:
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in section.items()))

    result = {"runs": runs, "load_average": load, "chunks": nchunks, "raw_bytes": raw_bytes,
              "mount_ready_seconds_median": ready, "rows": rows, "targets": targets,
              "stacfs_cpu_seconds_median": {c[4:]: v for c, v in med.items() if c.startswith("cpu/")},
              "stats_after_first_full_read": first_stats,
              "stats_per_case": mount_stats}
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
    chart(med, raw_bytes, os.path.join(out_dir, "bench-mount.png"), runs)
    print()
    print(f"wrote {os.path.join(out_dir, 'results.json')} and {os.path.join(out_dir, 'bench-mount.png')}")
    return 0


def chart(med, raw_bytes, path, runs):
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is not installed (python3-matplotlib): no chart")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5))
    names = ["stacfs\nopen_zarr", "stacfs\nno dask", "fsspec\nHTTP", "netCDF\nlocal"]
    kinds = ["stacfs/mount_dask", "stacfs/mount_nodask", "fsspec", "netcdf"]
    colors = ["tab:blue", "tab:cyan", "tab:orange", "tab:gray"]
    width = 0.38
    for i, (what, label) in enumerate((("full", "full read"), ("point", "point series"))):
        xs = [j + (i - 0.5) * width for j in range(len(kinds))]
        vals = [med[f"{what}/{k}"] for k in kinds]
        bars = ax1.bar(xs, vals, width, label=label, color=colors, alpha=1.0 if i == 0 else 0.55,
                       edgecolor="black", hatch=None if i == 0 else "//")
        ax1.bar_label(bars, fmt="%.2f", fontsize=8)
    for j, k in enumerate(kinds[:2]):   # the page-cache floor of the stacfs full reads
        floor = med.get(f"full/{k}/warm")
        if floor:
            x = j - 0.5 * width
            ax1.hlines(floor, x - width / 2, x + width / 2, colors="black", linestyles="dashed")
            ax1.annotate(f"floor {floor:.2f}", (x, floor), textcoords="offset points",
                         xytext=(0, -11), ha="center", fontsize=7)
    ax1.margins(y=0.12)
    ax1.set_xticks(range(len(kinds)), names)
    ax1.set_ylabel("seconds (median, lower is better)")
    ax1.set_title("xarray reads of 3,650 chunks (solid: full, hatched: point)")
    from matplotlib.patches import Patch
    ax1.legend(handles=[Patch(facecolor="white", edgecolor="black", label="full read"),
                        Patch(facecolor="white", edgecolor="black", hatch="//",
                              label="point series")], loc="upper right")
    rnames = ["stacfs\n1 thr", "http.client\n1 thr", "curl\nseq.", f"stacfs\n{THREADS} thr",
              f"http.client\n{THREADS} thr", f"curl\npar. {THREADS}"]
    rcases = ["raw/stacfs/1", "raw/http/1", "raw/curl/1", f"raw/stacfs/{THREADS}",
              f"raw/http/{THREADS}", f"raw/curl/{THREADS}"]
    rvals = [raw_bytes / med[c] / 1e6 for c in rcases]
    bars = ax2.bar(range(len(rcases)), rvals,
                   color=["tab:blue", "tab:orange", "tab:red"] * 2, edgecolor="black")
    ax2.bar_label(bars, fmt="%.0f", fontsize=8)
    ax2.margins(y=0.1)
    ax2.set_xticks(range(len(rcases)), rnames)
    ax2.set_ylabel("MB/s (median, higher is better)")
    ax2.set_title("raw chunk bytes: mount files vs ranged GETs")
    fig.suptitle(f"scripts/bench/mount — medians of {runs} runs, nginx on 127.0.0.1")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2:])
    elif len(sys.argv) == 8 and sys.argv[1] == "main":
        sys.exit(main(sys.argv[2:]))
    else:
        sys.exit(__doc__)
