"""Load on `newsq serve` over loopback: concurrent clients send the batch benchmark's query mix
to /api/search for a bounded time while an index run adds articles, and the same mix runs in
one `newsq batch` process for comparison. Reports latency percentiles and requests/s, and
writes them to BENCHMARKS.md (section `serve`) unless --no-write.

Usage: bench_serve.py --newsq PATH [--clients 32] [--seconds 30] [--no-write] [--baseline PATH --baseline-label TEXT]
"""
import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the query mix and BENCHMARKS.md sections are shared)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora" / bench.BATCH_CORPUS
FALLBACK_QUERIES = ["ai regulation", "oil prices", "central bank", "chips", "export controls", "人工智能",
                    "inflation OR rates", "\"interest rates\"", "opec -gas", "芯片"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def start_server(newsq, db):
    process = subprocess.Popen([newsq, "serve", "--db", str(db), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("newsq serve did not start")
    return process, int(found.group(1))


def load(port, queries, clients, seconds):
    latencies, failures, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def client(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, index = [], [], number
        while time.monotonic() < stop:
            query = queries[index % len(queries)]
            index += clients
            path = "/api/search?" + urllib.parse.urlencode({"q": query, "limit": 10})
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(f"{response.status} {query}")
            except (OSError, http.client.HTTPException) as error:
                bad.append(f"{error} {query}")
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures, time.monotonic() - began


def measure(newsq, files, name, queries, args):
    """One server run under load with an index run writing, then the batch over the same index."""
    work = Path(tempfile.mkdtemp(prefix="newsq-bench-serve-"))
    try:
        # Nine tenths indexed before the load, the rest by an index run during it.
        corpus = work / "corpus"
        corpus.mkdir()
        held_back = files[len(files) * 9 // 10:]
        def link(path):
            target = corpus / (path.relative_to(ROOT / "corpus") if name == "corpus" else path.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
        for path in files[:len(files) * 9 // 10]:
            link(path)
        db = work / "index.sqlite"
        indexed = subprocess.run([newsq, "index", str(corpus), "--db", str(db)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # 2: some files could not be read (en-reuters has a few bad dates); the rest is indexed.
        if indexed.returncode not in (0, 2):
            raise SystemExit(f"newsq index failed ({indexed.returncode}): {indexed.stderr[-2000:]}")
        server, port = start_server(newsq, db)
        try:
            def index_more():
                time.sleep(min(2, args.seconds / 4))
                for path in held_back:
                    link(path)
                subprocess.run([newsq, "index", str(corpus), "--db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            writer = threading.Thread(target=index_more)
            writer.start()
            load_before = os.getloadavg()[0]
            latencies, failures, wall = load(port, queries, args.clients, args.seconds)
            writer.join()
        finally:
            server.terminate()
            server.wait()

        batch_file = work / "queries.tsv"
        batch_file.write_text("".join(f"{i}\t{q}\n" for i, q in enumerate(queries, 1)), encoding="utf-8")
        began = time.perf_counter()
        subprocess.run([newsq, "batch", str(batch_file), "--db", str(db), "--format", "json", "--limit", "10",
                        "--output", str(work / "batch.json")], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        batch_seconds = time.perf_counter() - began
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return latencies, failures, wall, load_before, batch_seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--baseline", help="another newsq binary measured first, in the same run")
    parser.add_argument("--baseline-label", default="baseline")
    args = parser.parse_args()

    if SHARED.exists():
        files, name = sorted(SHARED.glob("*.md")), bench.BATCH_CORPUS
        queries = bench.batch_queries(SHARED)
    else:
        files, name = sorted((ROOT / "corpus").rglob("*.md")), "corpus"
        queries = FALLBACK_QUERIES
    runners = [(f"newsq serve ({args.baseline_label}), /api/search", args.baseline)] if args.baseline else []
    runners.append(("newsq serve, /api/search", args.newsq))
    rows, all_failures, loads = [], [], []
    for label, newsq in runners:
        latencies, failures, wall, load_before, batch_seconds = measure(newsq, files, name, queries, args)
        ms = [1000 * value for value in latencies]
        rows.append(f"| {label} | {args.clients} | {len(ms)} | {len(failures)} | {len(ms) / wall:.0f} | "
                    f"{percentile(ms, 0.5):.1f} | {percentile(ms, 0.95):.1f} | {percentile(ms, 0.99):.1f} |\n")
        all_failures += failures
        loads.append(f"{load_before:.1f}")
    failures = all_failures
    load_before = " and ".join(loads)

    table = ("| runner | clients | requests | failed | requests/s | p50 ms | p95 ms | p99 ms |\n"
             "|---|---:|---:|---:|---:|---:|---:|---:|\n" + "".join(rows) +
             f"| one newsq batch process (json) | 1 | {len(queries)} | 0 | {len(queries) / batch_seconds:.0f} | | | |\n")
    report = (f"## newsq serve under load (issue 21)\n\n`scripts/bench-serve`: {args.clients} clients (Python threads, "
              f"keep-alive connections) send the batch query mix ({len(queries)} queries over `{name}`, "
              f"{len(files)} articles) to `/api/search?limit=10` for {args.seconds:.0f} s over loopback, while "
              f"an index run adds the last tenth of the articles; then the same queries in one `newsq batch` "
              f"process. Load average before: {load_before}. The client shares the machine's cores with the "
              f"server, so requests/s is a floor."
              + (f" The first row is `--baseline` ({args.baseline_label}), measured in the same run just before."
                 if args.baseline else "") + "\n\n" + table)
    if failures:
        report += "\nFailures (first 5): " + "; ".join(failures[:5]) + "\n"
    print(report)
    if not args.no_write:
        bench.replace_section(ROOT / "BENCHMARKS.md", "serve", report)
    if failures:
        raise SystemExit(f"{len(failures)} requests failed")


if __name__ == "__main__":
    main()
