#!/usr/bin/env python3
"""Index each corpus with the release newsq, time it, and check a few searches.

Figures: wall time, articles/s, MB/s of article files, peak resident memory of the index
process, database size relative to the text, a no-op re-index, and search latency; then a
batch of 1,000 queries over en-reuters in one `newsq batch` process (queries/s).
"""
import argparse
import json
import os
import random
import re
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
    # Warnings (an article sharing its URL with another) are not failures: both are indexed.
    failed = len([line for line in stderr.splitlines() if line.strip() and not line.startswith("warning:")])
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


BATCH_CORPUS = "en-reuters"
BATCH_QUERIES = 1000
BATCH_SEED = 1987
# Words too common in newswire headlines to make a query worth timing.
BATCH_STOPWORDS = set("""about after against also among and are from has have into its more than that
the their this to was were what when will with year says said sets pct mln dlrs cts shr qtr net
for inc corp ltd not new""".split())


def batch_queries(corpus: Path) -> list[str]:
    """1,000 queries made the same way on every run: 1 to 3 words of one headline drawn
    (seeded) from the corpus, so the words go together as a user's would, with a few phrases,
    OR and exclusions."""
    titles = []
    for path in sorted(corpus.glob("*.md")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("title:"):
                    words = [w for w in re.findall(r"[a-z]{3,}", line[6:].lower()) if w not in BATCH_STOPWORDS]
                    if words:
                        titles.append(list(dict.fromkeys(words)))
                    break
    rng = random.Random(BATCH_SEED)
    queries = []
    while len(queries) < BATCH_QUERIES:
        words = rng.choice(titles)
        picked = words[:1] if len(words) == 1 else rng.sample(words, min(len(words), rng.choice([1, 2, 2, 3])))
        shape = rng.random()
        if len(picked) >= 2 and shape < 0.1:
            queries.append(f'"{picked[0]} {picked[1]}"' + "".join(f" {w}" for w in picked[2:]))
        elif len(picked) >= 2 and shape < 0.2:
            queries.append(" OR ".join(picked))
        elif len(picked) >= 2 and shape < 0.25:
            queries.append(" ".join(picked[:-1]) + f" -{picked[-1]}")
        else:
            queries.append(" ".join(picked))
    return queries


def measure_batch(newsq: str, db: Path, corpus: Path, workdir: Path) -> dict:
    """Times `newsq batch` over the generated queries: one process, one open index."""
    queries = batch_queries(corpus)
    path = workdir / "batch-queries.tsv"
    path.write_text("".join(f"{i}\t{q}\n" for i, q in enumerate(queries, 1)), encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    runs = {}
    cores = os.cpu_count() or 1
    for fmt, jobs in (("trec", 1), ("jsonl", 1), ("trec", cores)):
        out = workdir / f"batch.{fmt}"
        cmd = [newsq, "batch", str(path), "--db", str(db), "--format", fmt, "--limit", "10",
               "--now", "1987-12-31", "--jobs", str(jobs), "--output", str(out), "--force"]
        load = os.getloadavg()[0]
        seconds, peak_kb, status, stderr = run_timed(cmd, env)
        if status != 0:
            raise SystemExit(f"newsq batch failed ({status}): {stderr}")
        runs[(fmt, jobs)] = {"seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": out.stat().st_size, "load": load}
    trec = (workdir / "batch.trec").read_text(encoding="utf-8").splitlines()
    answered = {line.split()[0] for line in trec}
    return {"queries": len(queries), "runs": runs, "hits": len(trec), "answered": len(answered),
            "examples": queries[:6]}


def batch_report(result: dict) -> str:
    lines = ["| format | --jobs | queries | wall s | queries/s | peak RSS MB | output MB | load before |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for (fmt, jobs), run in result["runs"].items():
        lines.append(f"| {fmt} | {jobs} | {result['queries']} | {run['seconds']:.2f} | {result['queries'] / run['seconds']:.0f} | "
                     f"{run['peak_mb']:.0f} | {run['bytes'] / 1e6:.2f} | {run['load']:.1f} |")
    examples = ", ".join(f"`{q}`" for q in result["examples"])
    return (f"`newsq batch` over `{BATCH_CORPUS}`: {result['queries']} queries (1–3 words from its titles, seed "
            f"{BATCH_SEED}, some phrases, OR and exclusions; for example {examples}), top 10 each, in one process "
            "with one open index. Wall time includes start-up, opening the index and writing the output file; "
            "`load before` is the machine's 1-minute load average when the run started (other work on the "
            "same cores slows it, and hides what more `--jobs` can gain).\n\n"
            + "\n".join(lines)
            + f"\n\n{result['answered']} of {result['queries']} queries have hits; {result['hits']} hits in all. "
            "The same queries one `newsq search` process each would pay start-up and opening the index every "
            "time (the search p50 in the table above).\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave BENCHMARKS.md alone")
    parser.add_argument("--batch-only", action="store_true",
                        help=f"only time `newsq batch` over {BATCH_CORPUS} and update that section of BENCHMARKS.md")
    args = parser.parse_args()

    if args.batch_only:
        run_batch_only(args)
        return

    corpora = [("corpus", ROOT / "corpus")]
    if SHARED.is_dir():
        corpora += [(p.name, p) for p in sorted(SHARED.iterdir()) if p.is_dir()]
    else:
        print("../shared/corpora is not here: measuring the sample corpus only", file=sys.stderr)

    workdir = Path(tempfile.mkdtemp(prefix="newsq-bench-"))
    rows = []
    batch = None
    try:
        for name, path in corpora:
            print(f"indexing {name} ...", file=sys.stderr)
            rows.append(measure(args.newsq, name, path, workdir))
            if name == BATCH_CORPUS:
                print(f"timing newsq batch over {name} ...", file=sys.stderr)
                batch = measure_batch(args.newsq, workdir / f"{name}.sqlite", path, workdir)
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
    if batch:
        print(batch_report(batch))
    if not args.no_write:
        replace_section(ROOT / "BENCHMARKS.md", "corpora", "## Indexing and search per corpus\n\n" + report)
        if batch:
            replace_section(ROOT / "BENCHMARKS.md", "batch", f"{BATCH_HEADING}\n\n{batch_report(batch)}")


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


BATCH_HEADING = "## Batch queries"


def run_batch_only(args: argparse.Namespace) -> None:
    corpus = SHARED / BATCH_CORPUS
    if not corpus.is_dir():
        print(f"../shared/corpora/{BATCH_CORPUS} is not here: skipping the batch benchmark", file=sys.stderr)
        return
    workdir = Path(tempfile.mkdtemp(prefix="newsq-bench-"))
    try:
        db = workdir / f"{BATCH_CORPUS}.sqlite"
        print(f"indexing {BATCH_CORPUS} ...", file=sys.stderr)
        _, _, status, stderr = run_timed([args.newsq, "index", str(corpus), "--db", str(db), "--quiet"], dict(os.environ))
        if status not in (0, 2):
            raise SystemExit(f"indexing {BATCH_CORPUS} failed: {stderr}")
        print(f"timing newsq batch over {BATCH_CORPUS} ...", file=sys.stderr)
        report = batch_report(measure_batch(args.newsq, db, corpus, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report = (f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, {os.uname().sysname} "
              f"{os.uname().machine} by `scripts/bench` (release build). " + report)
    print(report)
    if not args.no_write:
        replace_section(ROOT / "BENCHMARKS.md", "batch", f"{BATCH_HEADING}\n\n{report}")


if __name__ == "__main__":
    main()
