#!/usr/bin/env python3
"""Index each corpus with the release newsq, time it, and check a few searches.

Figures: wall time, articles/s, MB/s of article files, peak resident memory of the index
process, database size relative to the text, a no-op re-index, and search latency.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"

QUERIES = {
    "corpus": ["AI regulation", "人工智能 监管", "export controls", "chips -nvidia", "監管"],
    "en-powerapps": ["AI Builder", "power apps portals", "canvas app", "dataverse OR cds"],
    "en-reuters": ["cocoa", "oil prices", "\"interest rates\"", "bank -japan", "grain exports"],
    "zh-peoples-daily": ["经济", "經濟", "１９９８年", "1998年", "改革 开放"],
}


def corpus_bytes(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run_timed(cmd: list[str], env: dict) -> tuple[float, int, int, str]:
    """Runs cmd; returns seconds, its own peak RSS in kB (from wait4), exit status, stderr."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return elapsed, usage.ru_maxrss, proc.returncode, err.read().decode("utf-8", "replace")


def measure(newsq: str, name: str, path: Path, workdir: Path) -> dict:
    db = workdir / f"{name}.sqlite"
    env = dict(os.environ, NO_COLOR="1")
    files, size = corpus_bytes(path)
    seconds, peak_kb, status, stderr = run_timed([newsq, "index", str(path), "--db", str(db), "--quiet"], env)
    if status not in (0, 2):
        raise SystemExit(f"indexing {name} failed: {stderr}")
    failed = len([line for line in stderr.splitlines() if line.strip()])
    noop_seconds, _, _, _ = run_timed([newsq, "index", str(path), "--db", str(db), "--quiet"], env)
    db_bytes = sum(p.stat().st_size for p in workdir.glob(f"{name}.sqlite*") if p.is_file() and not p.name.endswith(".lock"))
    latencies = []
    hits = {}
    for query in QUERIES.get(name, []):
        for _ in range(5):
            start = time.perf_counter()
            out = subprocess.run([newsq, "search", query, "--db", str(db), "--format", "json", "--limit", "10"],
                                 env=env, capture_output=True, text=True)
            latencies.append((time.perf_counter() - start) * 1000)
        data = json.loads(out.stdout)
        hits[query] = {"total": data["total"], "top": [h["id"] for h in data["hits"][:3]]}
    return {
        "corpus": name, "files": files, "mb": size / 1e6, "failed": failed,
        "seconds": seconds, "articles_s": files / seconds, "mb_s": size / 1e6 / seconds,
        "peak_mb": peak_kb / 1024, "db_mb": db_bytes / 1e6, "db_ratio": db_bytes / size,
        "noop_s": noop_seconds,
        "search_p50_ms": statistics.median(latencies) if latencies else 0,
        "search_max_ms": max(latencies) if latencies else 0,
        "hits": hits,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave BENCHMARKS.md alone")
    args = parser.parse_args()

    corpora = [("corpus", ROOT / "corpus")]
    if SHARED.is_dir():
        corpora += [(p.name, p) for p in sorted(SHARED.iterdir()) if p.is_dir()]
    else:
        print("../shared/corpora is not here: measuring the sample corpus only", file=sys.stderr)

    workdir = Path(tempfile.mkdtemp(prefix="newsq-bench-"))
    rows = []
    try:
        for name, path in corpora:
            print(f"indexing {name} ...", file=sys.stderr)
            rows.append(measure(args.newsq, name, path, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    header = ("| corpus | files | MB | failed | index s | articles/s | MB/s | peak RSS MB | db MB | db ÷ text | "
              "no-op re-index s | search p50 ms | search max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [header]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['files']} | {r['mb']:.1f} | {r['failed']} | {r['seconds']:.2f} | "
                     f"{r['articles_s']:.0f} | {r['mb_s']:.2f} | {r['peak_mb']:.0f} | {r['db_mb']:.1f} | "
                     f"{r['db_ratio']:.2f} | {r['noop_s']:.2f} | {r['search_p50_ms']:.0f} | {r['search_max_ms']:.0f} |")
    table = "\n".join(lines)
    checks = []
    for r in rows:
        for query, result in r["hits"].items():
            checks.append(f"- `{r['corpus']}`: `{query}` → {result['total']} hits; top: {', '.join(result['top'])}")
    machine = f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}"
    report = (f"Measured {time.strftime('%Y-%m-%d')} on {machine} by `scripts/bench` (release build). "
              "Search latency is per `newsq search` process (start-up included), 5 runs per query.\n\n"
              f"{table}\n\nSearch checks:\n\n" + "\n".join(checks) + "\n")
    print(report)
    if not args.no_write:
        replace_section(ROOT / "BENCHMARKS.md", "corpora", "## Indexing and search per corpus\n\n" + report)


def replace_section(path: Path, name: str, text: str) -> None:
    """Replaces the generated section `name` of path, keeping everything else (notes, history)."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    current = path.read_text() if path.exists() else f"# {path.stem.title()}\n"
    block = f"{start}\n{text}{end}"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
