#!/usr/bin/env python3
"""newsq on generated archives of growing size, next to the engines a user could pick instead.

For each corpus (an English-only and a Chinese-only one for the per-language throughput targets,
then the mixed 60/40 sizes), with the release newsq:

- index time (wall and CPU), articles/s, MB/s of files and of text, peak RSS (wait4 rusage),
  database size ÷ text size, a no-op re-index, a re-index after 1% of the files changed;
- query latency p50/p95/p99 for a query mix, per `newsq search` process, and in one process
  (`newsq batch --timings`: each search's own time, start-up excluded);

and on the same text (the searchable fields newsq indexes, from the generator):

- SQLite FTS5 `porter unicode61` through Python's sqlite3: the speed limit of the SQLite path;
- ICU segmentation alone (`newsq analyze --segments`, one process): the tokenizer's limit;
- tantivy (the tantivy Python package, default tokenizer), when installed.

Writes the tables to BENCHMARKS.md (section `scale`) unless --no-write, and the raw figures to
bench-out/scale.json. Corpora are cached under $TMPDIR/newsq-bench-scale, keyed by size, seed,
Chinese share, text source and the generator's own hash. Run it through scripts/bench-scale.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus  # noqa: E402
from bench import ROOT, replace_section  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "newsq-bench-scale"
NOW = "2026-01-01T00:00:00Z"         # every search measures ages from here (the corpus ends 2025)
NOW_EPOCH = 1767225600
YEAR = 365 * 86_400
FIELDS = ["title", "excerpt", "body", "topics", "provider", "related"]
HZ = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------
# Corpora

def corpus_dir(cache: Path, n: int, seed: int, zh_share: float, shared: Path | None) -> tuple[Path, str]:
    source = "shared" if gen_corpus.shared_available(shared) else "builtin"
    digest = hashlib.sha1(Path(gen_corpus.__file__).read_bytes()).hexdigest()[:8]
    stem = f"n{n}-seed{seed}-zh{round(zh_share * 100)}-{source}"
    return cache / f"{stem}-{digest}", stem


def ensure_corpus(cache: Path, n: int, seed: int, zh_share: float, shared: Path | None) -> Path:
    """The cached corpus directory (corpus/, texts/, meta.json), generated when missing."""
    path, stem = corpus_dir(cache, n, seed, zh_share, shared)
    if (path / "READY").exists() and not (path / "DIRTY").exists():
        log(f"reusing {path}")
        return path
    for old in cache.glob(f"{stem}-*"):       # older generator versions, or an interrupted run
        shutil.rmtree(old, ignore_errors=True)
    info = gen_corpus.generate(n, path / "corpus", seed=seed, zh_share=zh_share, shared=shared,
                               text_dir=path / "texts", log=log)
    info["text"] = text_stats(path / "texts")
    (path / "meta.json").write_text(json.dumps(info))
    (path / "READY").touch()
    return path


def iter_chunks(texts: Path):
    """Lists of text rows `[lang, epoch, title, excerpt, body, topics, provider, related]`."""
    for path in sorted(texts.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            yield [json.loads(line) for line in handle if line.strip()]


def row_bytes(row) -> int:
    return sum(len(field.encode("utf-8")) for field in row[2:8])


def text_stats(texts: Path) -> dict:
    stats = {"en": 0, "zh": 0, "en_articles": 0, "zh_articles": 0}
    for rows in iter_chunks(texts):
        for row in rows:
            stats[row[0]] += row_bytes(row)
            stats[row[0] + "_articles"] += 1
    stats["total"] = stats["en"] + stats["zh"]
    return stats


# ---------------------------------------------------------------------------------------------
# The query mix, chosen from the corpus's own first chunk (the same for every mixed size)

_WORD = re.compile(r"[a-z]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_STOP = set("the of and to in a is that for on said it with as was by at from be has have are its "
            "this an which will not but he they were been more would their than also".split())


def make_queries(texts: Path, newsq: str, sample: int = 5_000) -> list[dict]:
    rows = next(iter_chunks(texts))[:sample]
    total = len(rows)
    en_df, pair_df, zh_df = Counter(), Counter(), Counter()
    names = {name.lower() for name in gen_corpus.made_up_names()}
    chinese = []
    for row in rows:
        text = " ".join(row[2:8])
        tokens = _WORD.findall(text.lower())
        en_df.update(set(tokens))
        if row[0] == "en":
            pair_df.update({(a, b) for a, b in zip(tokens, tokens[1:])
                            if len(a) >= 4 and len(b) >= 4 and a not in _STOP and b not in _STOP})
        else:
            chinese.append(" ".join(row[2:5]).replace("\n", " ").replace("\r", " "))
    # Chinese words as ICU cuts them (so the queries are words, not strings across words).
    segmented = subprocess.run([newsq, "analyze", "--segments"], input="\n".join(chinese) + "\n",
                               capture_output=True, text=True, check=True).stdout.splitlines()
    for line in segmented:
        zh_df.update({w for w in line.split() if 2 <= len(w) <= 4 and _HAN.fullmatch(w)})

    def closest(counter: Counter, share: float, ok=lambda w: True, avoid=()) -> str:
        target = share * total
        return min((w for w in counter if ok(w) and w not in avoid), key=lambda w: (abs(counter[w] - target), w))

    real = lambda w: w not in names  # noqa: E731
    half = closest(en_df, 0.5, lambda w: len(w) >= 3)
    common = closest(en_df, 0.05, lambda w: len(w) >= 5 and real(w))
    common2 = closest(en_df, 0.03, lambda w: len(w) >= 5 and real(w), avoid={common})
    rare_candidates = sorted(w for w, df in en_df.items() if df == 1 and len(w) >= 7 and real(w)) \
        or sorted(w for w, df in en_df.items() if df == min(en_df.values()))     # the built-in text: a name
    rare = rare_candidates[len(rare_candidates) // 2]
    phrase = max(sorted(pair_df), key=lambda p: pair_df[p])
    near = max(sorted(p for p in pair_df if p != phrase and phrase[0] not in p), key=lambda p: pair_df[p])
    zh2 = closest(zh_df, 0.08, lambda w: len(w) == 2)
    zh3 = closest(zh_df, 0.01, lambda w: len(w) == 3)
    zh4 = closest(zh_df, 0.003, lambda w: len(w) == 4)

    def q(label, text, fts5, tantivy, since=False, lang=None):
        args = [text] + (["--since", "1y"] if since else []) + (["--lang", lang] if lang else [])
        return {"label": label, "query": " ".join(args), "newsq": args, "fts5": fts5, "tantivy": tantivy,
                "since": NOW_EPOCH - YEAR if since else None, "lang": lang}

    return [
        q(f"half-corpus word ({en_df[half] / total:.0%})", half, f'"{half}"', half),
        q(f"common word ({en_df[common] / total:.0%})", common, f'"{common}"', common),
        q("rare word", rare, f'"{rare}"', rare),
        q("two words", f"{common} {common2}", f'"{common}" "{common2}"', f"{common} {common2}"),
        q("phrase", f'"{phrase[0]} {phrase[1]}"', f'"{phrase[0]} {phrase[1]}"', f'"{phrase[0]} {phrase[1]}"'),
        q("OR", f"{common} OR {rare}", f'"{common}" OR "{rare}"', f"{common} OR {rare}"),
        q("NEAR", f"NEAR({near[0]} {near[1]}, 5)", f'NEAR("{near[0]}" "{near[1]}", 5)', f'"{near[0]} {near[1]}"~5'),
        q(f"Chinese 2 chars (~{zh_df[zh2] / total:.0%})", zh2, f'"{zh2}"', zh2),
        q("Chinese 3 chars", zh3, f'"{zh3}"', zh3),
        q("Chinese 4 chars", zh4, f'"{zh4}"', zh4),
        q("common word, last year", common, f'"{common}"', common, since=True),
        q("Chinese, --lang zh", zh2, f'"{zh2}"', zh2, lang="zh"),
    ]


# ---------------------------------------------------------------------------------------------
# Measuring processes

def cpu_busy_seconds() -> float:
    with open("/proc/stat") as handle:
        fields = handle.readline().split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / HZ


# A small launcher between this (large) Python process and the measured command: a child's
# ru_maxrss starts from the memory of the process it was forked from, so a command forked straight
# from here would report this process's size when that is the larger. The launcher is small.
_LAUNCHER = """
import os, sys, time, json
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
               "status": os.waitstatus_to_exitcode(status)}, out)
"""


def run(cmd: list[str], env: dict | None = None, stdin=None, stdout=subprocess.DEVNULL) -> dict:
    """Runs cmd; wall seconds, its CPU seconds and peak RSS (wait4), exit status, stderr, and the
    CPU that other processes used meanwhile (in cores): this machine is shared."""
    busy = cpu_busy_seconds()
    with tempfile.NamedTemporaryFile(suffix=".json") as report, tempfile.TemporaryFile() as err:
        proc = subprocess.run([sys.executable, "-S", "-E", "-c", _LAUNCHER, report.name, *cmd],
                              env=env, stdin=stdin, stdout=stdout, stderr=err)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        try:
            result = json.loads(Path(report.name).read_text())
        except ValueError:
            raise SystemExit(f"could not run {cmd[0]} (launcher status {proc.returncode}): {stderr}")
    busy = cpu_busy_seconds() - busy
    result["others"] = max(0.0, (busy - result["cpu"]) / result["seconds"]) if result["seconds"] > 0 else 0.0
    result["stderr"] = stderr
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(values: list[float]) -> dict:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "p99": percentile(values, 99),
            "n": len(values)}


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file() and not p.name.endswith(".lock"))


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------
# newsq

def newsq_search(newsq: str, db: Path, args: list[str], env: dict) -> tuple[float, dict]:
    cmd = [newsq, "search", *args, "--db", str(db), "--format", "json", "--limit", "10", "--now", NOW]
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    ms = (time.perf_counter() - start) * 1000
    if out.returncode != 0:
        raise SystemExit(f"newsq search failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr}")
    return ms, json.loads(out.stdout)


def tiny_index(newsq: str, work: Path, env: dict) -> Path:
    """A one-article index: `newsq search` on it costs process start-up and set-up only."""
    tiny = work / "tiny"
    (tiny / "2025" / "01").mkdir(parents=True, exist_ok=True)
    (tiny / "2025" / "01" / "01-tiny.md").write_text(
        '---\ntitle: "Tiny"\nexcerpt: "One article."\npublishedDateTime: 2025-01-01T00:00:00Z\n---\nSaid.\n')
    db = work / "tiny.sqlite"
    status = run([newsq, "index", str(tiny), "--db", str(db), "--quiet"], env)
    if status["status"] != 0:
        raise SystemExit(f"indexing the one-article corpus failed: {status['stderr']}")
    return db


def change_one_percent(corpus: Path) -> list[tuple[Path, bytes]]:
    """Rewrites every 100th file (sorted paths) with a changed title; returns the originals."""
    paths = sorted(corpus.rglob("*.md"))[50::100]
    originals = []
    for path in paths:
        data = path.read_bytes()
        changed = data.replace(b'\ntitle: "', b'\ntitle: "Revised: ', 1)
        assert changed != data, path
        originals.append((path, data))
        path.write_bytes(changed)
    return originals


def measure_newsq(newsq: str, cache_entry: Path, work: Path, queries: list[dict] | None, runs: int,
                  tiny: Path) -> dict:
    corpus = cache_entry / "corpus"
    meta = json.loads((cache_entry / "meta.json").read_text())
    db = work / "newsq.sqlite"
    env = dict(os.environ, NO_COLOR="1")
    log(f"  newsq index ({meta['files']} articles) ...")
    first = run([newsq, "index", str(corpus), "--db", str(db), "--quiet"], env)
    if first["status"] not in (0, 2):
        raise SystemExit(f"newsq index failed ({first['status']}): {first['stderr'][-2000:]}")
    failed = len([line for line in first["stderr"].splitlines() if line.strip() and not line.startswith("warning:")])
    size = db_bytes(db)
    log(f"  {first['seconds']:.1f} s, peak {first['peak_mb']:.0f} MB; no-op re-index ...")
    noop = run([newsq, "index", str(corpus), "--db", str(db), "--quiet"], env)
    (cache_entry / "DIRTY").touch()
    originals = change_one_percent(corpus)
    log(f"  re-index after changing {len(originals)} files ...")
    try:
        changed = run([newsq, "index", str(corpus), "--db", str(db), "--quiet"], env)
    finally:
        for path, data in originals:
            path.write_bytes(data)
        (cache_entry / "DIRTY").unlink()
    result = {
        "files": meta["files"], "file_bytes": meta["bytes"], "text_bytes": meta["text"]["total"], "failed": failed,
        "index": {k: v for k, v in first.items() if k != "stderr"}, "db_bytes": size,
        "noop_s": noop["seconds"], "noop_peak_mb": noop["peak_mb"], "changed_s": changed["seconds"],
        "changed_files": len(originals),
        "failures_sample": first["stderr"].splitlines()[:5],
    }
    if queries:
        result.update(measure_queries(newsq, db, queries, runs, tiny, env))
    return result


def measure_queries(newsq: str, db: Path, queries: list[dict], runs: int, tiny: Path, env: dict) -> dict:
    """Latency of the query mix on an index, per `newsq search` process, and its start-up share."""
    result = {}
    if queries:
        log(f"  {len(queries)} queries × {runs} runs ...")
        per_query = {}
        for query in queries:                                           # warm-up, and the hit counts
            _, data = newsq_search(newsq, db, query["newsq"], env)
            per_query[query["label"]] = {"ms": [], "total": data["total"], "relaxed": data.get("relaxedTotal", 0)}
        startup = []
        for _ in range(runs):       # rounds, each with a start-up sample, so machine load hits both alike
            startup.append(newsq_search(newsq, tiny, ["said"], env)[0])
            for query in queries:
                per_query[query["label"]]["ms"].append(newsq_search(newsq, db, query["newsq"], env)[0])
        result["startup_ms"] = statistics.median(startup)
        every = [ms for q in per_query.values() for ms in q["ms"]]
        result["latency"] = summary(every)
        result["latency_net"] = summary([max(0.0, ms - result["startup_ms"]) for ms in every])
        inprocess = measure_in_process(newsq, db, queries, runs, env)
        for label, times in inprocess.items():
            per_query[label]["inprocess_ms"] = times
        result["latency_inprocess"] = summary([ms for times in inprocess.values() for ms in times])
        result["queries"] = per_query
    return result


def batch_line(query: dict, qid: str) -> str:
    """The query as a `newsq batch` JSON line: its text, and its options as the line's keys."""
    args = query["newsq"]
    line = {"qid": qid, "query": args[0]}
    options = dict(zip(args[1::2], args[2::2]))
    for option, key in (("--since", "since"), ("--lang", "lang")):
        if option in options:
            line[key] = options[option]
    return json.dumps(line, ensure_ascii=False)


def measure_in_process(newsq: str, db: Path, queries: list[dict], runs: int, env: dict) -> dict:
    """Each query's search time inside one `newsq batch` process (`--timings`): a warm-up round,
    then `runs` rounds of the whole mix, so no query runs twice in a row."""
    with tempfile.TemporaryDirectory() as work:
        lines = [batch_line(q, f"{index}-{round}") for round in range(runs + 1) for index, q in enumerate(queries)]
        batch = Path(work) / "mix.jsonl"
        batch.write_text("\n".join(lines) + "\n")
        timings = Path(work) / "timings.tsv"
        out = subprocess.run([newsq, "batch", str(batch), "--db", str(db), "--format", "jsonl", "--limit", "10",
                              "--now", NOW, "--timings", str(timings), "-q"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if out.returncode != 0:
            raise SystemExit(f"newsq batch failed ({out.returncode}): {out.stderr[-2000:]}")
        times = {q["label"]: [] for q in queries}
        for row in timings.read_text().splitlines():
            qid, ms = row.split("\t")
            index, round = (int(part) for part in qid.split("-"))
            if round > 0:
                times[queries[index]["label"]].append(float(ms))
        return times


def measure_icu(newsq: str, cache_entry: Path, work: Path, max_mb: float) -> dict:
    """`newsq analyze --segments` over the articles' text, one article a line, in one process."""
    lines = work / "icu-input.txt"
    written = articles = 0
    with lines.open("w", encoding="utf-8") as handle:
        for rows in iter_chunks(cache_entry / "texts"):
            for row in rows:
                line = " ".join(f for f in row[2:8] if f).replace("\n", " ").replace("\r", " ") + "\n"
                handle.write(line)
                written += len(line.encode("utf-8"))
                articles += 1
            if written > max_mb * 1e6:
                break
    log(f"  ICU segmentation of {written / 1e6:.0f} MB ...")
    with lines.open("rb") as stdin:
        result = run([newsq, "analyze", "--segments"], dict(os.environ), stdin=stdin)
    lines.unlink()
    if result["status"] != 0:
        raise SystemExit(f"newsq analyze --segments failed: {result['stderr'][-2000:]}")
    return {"bytes": written, "articles": articles, "seconds": result["seconds"], "cpu": result["cpu"],
            "mb_s": written / 1e6 / result["seconds"], "others": result["others"]}


def measure_baseline(kind: str, python: str, cache_entry: Path, work: Path, queries: list[dict] | None,
                     runs: int) -> dict:
    """Runs one baseline in its own process (so its peak RSS is its own)."""
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps(queries or []))
    out = work / f"{kind}.json"
    log(f"  {kind} baseline ...")
    result = run([python, __file__, "--baseline", kind, "--texts", str(cache_entry / "texts"),
                  "--work", str(work / kind), "--queries", str(queries_file), "--runs", str(runs),
                  "--out", str(out)], dict(os.environ))
    if result["status"] != 0:
        log(f"  {kind} baseline failed: {result['stderr'][-1500:]}")
        return {"error": result["stderr"].strip().splitlines()[-1] if result["stderr"].strip() else "failed"}
    data = json.loads(out.read_text())
    data["peak_mb"] = result["peak_mb"]
    data["others"] = result["others"]
    shutil.rmtree(work / kind, ignore_errors=True)
    return data


# ---------------------------------------------------------------------------------------------
# Baselines (run as `bench_scale.py --baseline fts5|tantivy ...`)

def dry_pass(texts: Path) -> tuple[float, float, int]:
    """Reading and decoding the text rows alone (wall and CPU seconds): subtracted from the
    baselines' index times."""
    start, cpu = time.perf_counter(), time.process_time()
    count = sum(len(rows) for rows in iter_chunks(texts))
    return time.perf_counter() - start, time.process_time() - cpu, count


def timed_queries(queries: list[dict], runs: int, execute) -> dict:
    out = {}
    for query in queries:
        total = execute(query)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            execute(query)
            samples.append((time.perf_counter() - start) * 1000)
        out[query["label"]] = {"ms": samples, "total": total}
    return out


def baseline_fts5(texts: Path, work: Path, queries: list[dict], runs: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    db = work / "fts5.sqlite"
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(title, excerpt, body, topics, provider, related, "
                "lang UNINDEXED, published UNINDEXED, tokenize='porter unicode61')")
    dry, dry_cpu, count = dry_pass(texts)
    start, cpu = time.perf_counter(), time.process_time()
    for rows in iter_chunks(texts):
        con.execute("BEGIN")
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        ((r[2], r[3], r[4], r[5], r[6], r[7], r[0], r[1]) for r in rows))
        con.execute("COMMIT")
    seconds = time.perf_counter() - start - dry
    cpu = time.process_time() - cpu - dry_cpu
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def execute(query: dict) -> int:
        where, params = "t MATCH ?", [query["fts5"]]
        if query["since"]:
            where, params = where + " AND published >= ?", params + [query["since"]]
        if query["lang"]:
            where, params = where + " AND lang = ?", params + [query["lang"]]
        total = con.execute(f"SELECT count(*) FROM t WHERE {where}", params).fetchone()[0]
        con.execute(f"SELECT rowid, highlight(t, 0, '<mark>', '</mark>'), "
                    f"snippet(t, -1, '<mark>', '</mark>', '…', 12) FROM t WHERE {where} "
                    "ORDER BY rank LIMIT 10", params).fetchall()
        return total

    result = {"articles": count, "seconds": seconds, "cpu": cpu, "dry_s": dry, "db_bytes": db_bytes(db),
              "sqlite": sqlite3.sqlite_version, "queries": timed_queries(queries, runs, execute)}
    con.close()
    return result


def baseline_tantivy(texts: Path, work: Path, queries: list[dict], runs: int) -> dict:
    import tantivy
    work.mkdir(parents=True, exist_ok=True)
    builder = tantivy.SchemaBuilder()
    for field in FIELDS:
        builder.add_text_field(field, stored=field == "title")
    builder.add_text_field("lang", tokenizer_name="raw")
    builder.add_integer_field("published", indexed=True, fast=True)
    index = tantivy.Index(builder.build(), path=str(work))
    dry, dry_cpu, count = dry_pass(texts)
    start, cpu = time.perf_counter(), time.process_time()
    writer = index.writer()
    for rows in iter_chunks(texts):
        for r in rows:
            writer.add_document(tantivy.Document(
                title=r[2], excerpt=r[3], body=r[4], topics=r[5], provider=r[6], related=r[7],
                lang=r[0], published=int(r[1])))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start - dry
    cpu = time.process_time() - cpu - dry_cpu
    index.reload()
    searcher = index.searcher()

    def execute(query: dict) -> int:
        text = query["tantivy"]
        if query["since"]:
            text = f"({text}) AND published:>={query['since']}"
        if query["lang"]:
            text = f"({text}) AND lang:{query['lang']}"
        parsed = index.parse_query(text, default_field_names=FIELDS, conjunction_by_default=True)
        found = searcher.search(parsed, 10, count=True)
        for _, address in found.hits:
            searcher.doc(address)
        return found.count

    version = getattr(tantivy, "__version__", "")
    return {"articles": count, "seconds": seconds, "cpu": cpu, "dry_s": dry, "db_bytes": dir_bytes(work),
            "version": version, "queries": timed_queries(queries, runs, execute)}


# ---------------------------------------------------------------------------------------------
# Report

def mb(n: float) -> str:
    return f"{n / 1e6:,.1f}" if n < 10e9 else f"{n / 1e9:,.1f} G"


def fmt_latency(lat: dict | None) -> str:
    if not lat:
        return "—"
    return f"{lat['p50']:.0f} / {lat['p95']:.0f} / {lat['p99']:.0f}"


def fmt_ms(v: float) -> str:
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def baseline_latency(b: dict | None) -> dict | None:
    if not b or "queries" not in b or not b["queries"]:
        return None
    return summary([ms for q in b["queries"].values() for ms in q["ms"]])


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.machine()}"


def render(results: list[dict], command: str, started: str, seconds: float,
           queries: list[dict], icu_max_mb: float) -> str:
    lines = [
        f"Measured {started} on {machine()}, by `{command}` in {seconds / 60:.0f} min (release build; SQLite "
        f"{sqlite3.sqlite_version}). The machine is shared with other engineers' builds and tests: "
        "**other CPU** is what other processes used (in cores, out of "
        f"{os.cpu_count()}) while newsq indexed, so wall times are pessimistic when it is high; CPU s is "
        "newsq's own user + system time.",
        "",
        "Corpora: `scripts/gen-corpus N DIR --seed 1` (articles in YYYY/MM/ folders, text sampled from "
        f"{results[0]['source'] if results else '../shared'}); `en` and `zh` rows are one language only, the "
        "others 60% English / 40% Chinese. Text MB is the searchable text (title, excerpt, body, topics, "
        "provider, related), the same text every baseline indexes.",
        "",
        "### newsq",
        "",
        "| corpus | articles | files MB | text MB | index s | CPU s | other CPU | articles/s | files MB/s | "
        "text MB/s | peak RSS MB (no-op) | db MB | db ÷ text | no-op re-index s | 1% changed s | "
        "search ms p50 / p95 / p99 (per process) | start-up ms | in one process |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n = r["newsq"]
        i = n["index"]
        search = (f"{fmt_latency(n['latency'])} | {n['startup_ms']:.0f} | "
                  f"{fmt_latency(n.get('latency_inprocess') or n['latency_net'])}"
                  if n.get("latency") else "— | — | —")
        lines.append(
            f"| {r['name']} | {n['files']:,} | {mb(n['file_bytes'])} | {mb(n['text_bytes'])} | {i['seconds']:.1f} | "
            f"{i['cpu']:.1f} | {i['others']:.1f} | {n['files'] / i['seconds']:,.0f} | "
            f"{n['file_bytes'] / 1e6 / i['seconds']:.2f} | {n['text_bytes'] / 1e6 / i['seconds']:.2f} | "
            f"{i['peak_mb']:.0f} ({n['noop_peak_mb']:.0f}) | {mb(n['db_bytes'])} | {n['db_bytes'] / n['text_bytes']:.2f} | "
            f"{n['noop_s']:.2f} | {n['changed_s']:.2f} | {search} |")
    lines += [
        "",
        f"Search: {len(queries)} queries (below) × {results[-1].get('runs', '?')} runs after a warm-up, "
        "each a `newsq search --format json --limit 10 --now "
        f"{NOW}` process, p50 / p95 / p99 over all queries and runs; start-up is the median time of the same "
        "command on a one-article index (process start, ICU and SQLite set-up; sampled in every round of runs). "
        "\"In one process\": the same mix as one `newsq batch --timings` file (a warm-up round, then the same "
        "number of rounds, the queries interleaved), each search's own time from the query to its page of hits, "
        "as the baselines' in-process queries are timed. "
        "Failed files: "
        + ", ".join(f"{r['name']} {r['newsq']['failed']}" for r in results) + ".",
        "",
        "### Baselines on the same text",
        "",
        "| corpus | FTS5 index s (CPU s) | FTS5 text MB/s | newsq ÷ FTS5 speed, wall (CPU) | FTS5 db MB (÷ text) | "
        "FTS5 ms p50 / p95 / p99 | ICU segmentation MB/s | newsq ÷ ICU speed, wall (CPU) | tantivy index s (CPU s) | "
        "tantivy text MB/s | tantivy MB (÷ text) | tantivy ms p50 / p95 / p99 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n, f, icu, tv = r["newsq"], r.get("fts5") or {}, r.get("icu") or {}, r.get("tantivy") or {}
        text = n["text_bytes"]
        newsq_speed = text / 1e6 / n["index"]["seconds"]
        newsq_cpu = n["index"]["cpu"]
        cells = [r["name"]]
        if "seconds" in f:
            fts_speed = text / 1e6 / f["seconds"]
            cells += [f"{f['seconds']:.1f} ({f['cpu']:.1f})", f"{fts_speed:.2f}",
                      f"{newsq_speed / fts_speed:.2f} ({f['cpu'] / newsq_cpu:.2f})",
                      f"{mb(f['db_bytes'])} ({f['db_bytes'] / text:.2f})", fmt_latency(baseline_latency(f))]
        else:
            cells += ["—"] * 5
        if "mb_s" in icu:
            icu_cpu_ratio = (icu["cpu"] / icu["bytes"]) / (newsq_cpu / text)
            cells += [f"{icu['mb_s']:.2f}", f"{newsq_speed / icu['mb_s']:.2f} ({icu_cpu_ratio:.2f})"]
        else:
            cells += ["—"] * 2
        if "seconds" in tv:
            cells += [f"{tv['seconds']:.1f} ({tv['cpu']:.1f})", f"{text / 1e6 / tv['seconds']:.2f}",
                      f"{mb(tv['db_bytes'])} ({tv['db_bytes'] / text:.2f})", fmt_latency(baseline_latency(tv))]
        else:
            cells += [tv.get("error", "not installed")[:40]] + ["—"] * 3
        lines.append("| " + " | ".join(cells) + " |")
    tv_version = next((r["tantivy"].get("version") for r in results if r.get("tantivy") and "version" in r["tantivy"]), "")
    lines += [
        "",
        "FTS5: a contentful `fts5(..., tokenize='porter unicode61')` table through Python's `sqlite3`, rows in "
        "one transaction per 5,000, time net of reading the rows; its queries are the mix as FTS5 "
        "expressions (count, then the top 10 by `bm25` with `highlight` and `snippet`), in-process. "
        "ICU: `newsq analyze --segments` reading the text, one article a line"
        + f" (at most the first {icu_max_mb:.0f} MB of it)"
        + ", in one process: segmentation only, no folding, no Chinese pairs, no SQLite. "
        f"{tv_version or 'tantivy'}: the Python package, default tokenizer and writer (all cores), in-process queries "
        "with the default query parser (AND by default, the title stored); neither it nor `unicode61` "
        "segments Chinese, which is why their Chinese hit counts below are near zero. A ratio above 1 means "
        "newsq is faster; the wall ratio is the one the targets name, the CPU ratio (the baseline's CPU "
        "seconds over newsq's, for the same text) is less sensitive to the load of the shared machine but "
        "charges newsq for its second core.",
        "",
    ]
    mixed = [r for r in results if r["newsq"].get("queries")]
    if mixed:
        largest = mixed[-1]
        header = "| query | kind | " + " | ".join(f"newsq {r['name']}: hits, p50 ms (in one process)" for r in mixed) \
            + f" | FTS5 {largest['name']}: hits, p50 ms | tantivy {largest['name']}: hits, p50 ms |"
        lines += ["### The query mix", "", header, "|---|---|" + "---:|" * (len(mixed) + 2)]
        for query in queries:
            label = query["label"]
            cells = [f"`{query['query']}`", label]
            for r in mixed:
                qd = r["newsq"]["queries"][label]
                med = statistics.median(qd["ms"])
                relaxed = f" (+{qd['relaxed']:,} relaxed)" if qd.get("relaxed") else ""
                inside = (statistics.median(qd["inprocess_ms"]) if qd.get("inprocess_ms")
                          else max(0, med - r["newsq"]["startup_ms"]))
                cells.append(f"{qd['total'] - qd.get('relaxed', 0):,}{relaxed}, {fmt_ms(med)} ({fmt_ms(inside)})")
            for key in ("fts5", "tantivy"):
                b = largest.get(key) or {}
                if b.get("queries"):
                    qd = b["queries"][label]
                    cells.append(f"{qd['total']:,}, {fmt_ms(statistics.median(qd['ms']))}")
                else:
                    cells.append("—")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += targets(results), ""
    return "\n".join(lines)


def targets(results: list[dict]) -> str:
    by_name = {r["name"]: r for r in results}

    def speed(r):
        return r["newsq"]["text_bytes"] / 1e6 / r["newsq"]["index"]["seconds"]

    rows = []
    en = by_name.get("en")
    if en and en.get("fts5", {}).get("seconds"):
        ratio = speed(en) / (en["newsq"]["text_bytes"] / 1e6 / en["fts5"]["seconds"])
        cpu = en["fts5"]["cpu"] / en["newsq"]["index"]["cpu"]
        rows.append(("English indexing ≥ 80% of FTS5 `porter unicode61` MB/s",
                     f"{ratio:.0%} wall ({cpu:.0%} by CPU time), `en` row", ratio >= 0.8))
    zh = by_name.get("zh")
    if zh and zh.get("icu"):
        ratio = speed(zh) / zh["icu"]["mb_s"]
        cpu = (zh["icu"]["cpu"] / zh["icu"]["bytes"]) / (zh["newsq"]["index"]["cpu"] / zh["newsq"]["text_bytes"])
        rows.append(("Chinese indexing ≥ 1.5× single-threaded ICU segmentation",
                     f"{ratio:.2f}× wall ({cpu:.2f}× by CPU time), `zh` row", ratio >= 1.5))
    mixed = [r for r in results if r["name"] not in ("en", "zh")]
    million = next((r for r in mixed if r["newsq"]["files"] >= 1_000_000), None)
    if million:
        i = million["newsq"]["index"]
        rows.append(("1M articles indexed < 10 min, peak memory < 500 MB",
                     f"{i['seconds'] / 60:.1f} min, {i['peak_mb']:.0f} MB", i["seconds"] < 600 and i["peak_mb"] < 500))
    elif mixed:
        r = mixed[-1]
        i = r["newsq"]["index"]
        minutes = i["seconds"] * 1_000_000 / r["newsq"]["files"] / 60
        memory = ""
        if len(mixed) > 1:          # peak RSS grows with the number of files: a straight line through two sizes
            a, b = mixed[-2]["newsq"], r["newsq"]
            slope = (b["index"]["peak_mb"] - a["index"]["peak_mb"]) / (b["files"] - a["files"])
            memory = f", ~{b['index']['peak_mb'] + slope * (1_000_000 - b['files']):.0f} MB"
        rows.append(("1M articles indexed < 10 min, peak memory < 500 MB",
                     f"1M not run; {r['name']}: {i['seconds']:.0f} s, peak {i['peak_mb']:.0f} MB; "
                     f"extrapolated linearly to 1M: ~{minutes:.0f} min{memory}", None))
    hundred = next((r for r in mixed if r["newsq"]["files"] == 100_000), None)
    if hundred:
        rows.append(("No-op re-index of 100k < 3 s", f"{hundred['newsq']['noop_s']:.2f} s", hundred["newsq"]["noop_s"] < 3))
    top = million or (mixed[-1] if mixed else None)
    if top and top["newsq"].get("latency"):
        lat = top["newsq"]["latency"]
        inside = top["newsq"].get("latency_inprocess")
        net = inside or top["newsq"]["latency_net"]
        rows.append((f"Query p95 ≤ 50 ms at 1M for the mix",
                     f"at {top['name']}: {net['p95']:.0f} ms in one process"
                     + ("" if inside else " (less start-up)") + f", {lat['p95']:.0f} ms per process",
                     (net["p95"] <= 50) if million else None))
    out = ["### Issue 7's targets", "", "| target | measured | met |", "|---|---|---|"]
    verdict = {True: "yes", False: "no", None: "not measured"}
    out += [f"| {t} | {m} | {verdict[ok]} |" for t, m, ok in rows]
    return "\n".join(out)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="newsq at scale, next to FTS5, ICU and tantivy.")
    parser.add_argument("--newsq", help="the release newsq binary")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="mixed corpus sizes (comma separated)")
    parser.add_argument("--lang-size", type=int, default=20_000,
                        help="size of the English-only and Chinese-only corpora (0: skip them)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per query")
    parser.add_argument("--icu-max-mb", type=float, default=150, help="cap on the text segmented by the ICU baseline")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--builtin", action="store_true", help="generate text with the built-in generator only")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print the tables, leave BENCHMARKS.md alone")
    parser.add_argument("--merge", action="store_true",
                        help="keep the rows of the previous run (bench-out/scale.json) that this run does not measure")
    parser.add_argument("--keep-index", type=Path, metavar="DIR",
                        help="keep each newsq index as DIR/NAME.sqlite (for a later --latency-only)")
    parser.add_argument("--latency-only", type=Path, metavar="DIR",
                        help="only re-measure the query mix on the indexes kept in DIR; implies --merge")
    # Internal: one baseline in a child process.
    parser.add_argument("--baseline", choices=["fts5", "tantivy"], help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.baseline:
        queries = json.loads(args.queries.read_text())
        run_baseline = baseline_fts5 if args.baseline == "fts5" else baseline_tantivy
        args.out.write_text(json.dumps(run_baseline(args.texts, args.work, queries, args.runs)))
        return
    if not args.newsq:
        parser.error("--newsq is required")

    started, clock = time.strftime("%Y-%m-%d"), time.perf_counter()
    shown = [a for i, a in enumerate(sys.argv[1:]) if a != "--newsq" and not a.startswith("--newsq=")
             and (i == 0 or sys.argv[i] != "--newsq")]
    command = " ".join(["scripts/bench-scale", *shown])
    shared = None if args.builtin else gen_corpus.DEFAULT_SHARED
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    specs = []
    if args.lang_size:
        specs += [("en", args.lang_size, 0.0), ("zh", args.lang_size, 1.0)]
    specs += [(f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M", n, 0.4) for n in sizes]
    have_tantivy = True
    try:
        import tantivy  # noqa: F401
    except ImportError:
        have_tantivy = False
        log("tantivy is not installed: its baseline is left out (scripts/bench-scale installs it)")

    args.cache.mkdir(parents=True, exist_ok=True)
    work_root = Path(tempfile.mkdtemp(prefix="work-", dir=args.cache))
    results, queries = [], None
    out_json = ROOT / "bench-out" / "scale.json"
    previous = {"results": [], "commands": []}
    if (args.merge or args.latency_only) and out_json.exists():
        previous = json.loads(out_json.read_text())
        previous.setdefault("commands", [])
        queries = previous.get("queries")
    commands = previous["commands"] + [command]
    try:
        tiny = tiny_index(args.newsq, work_root, dict(os.environ, NO_COLOR="1"))
        if args.latency_only:
            results = remeasure_latency(args, previous["results"], sizes, queries, tiny)
            specs = []
        for name, n, zh_share in specs:
            log(f"== {name}: {n} articles, {zh_share:.0%} Chinese")
            entry = ensure_corpus(args.cache, n, args.seed, zh_share, shared)
            mixed = zh_share not in (0.0, 1.0)
            if mixed and queries is None:
                queries = make_queries(entry / "texts", args.newsq)
                log("query mix: " + "; ".join(q["query"] for q in queries))
            work = work_root / name
            work.mkdir()
            measured_queries = queries if mixed else None
            result = {"name": name, "n": n, "zh_share": zh_share, "runs": args.runs,
                      "source": "../shared" if gen_corpus.shared_available(shared) else "the built-in generator",
                      "newsq": measure_newsq(args.newsq, entry, work, measured_queries, args.runs, tiny)}
            if args.keep_index:
                args.keep_index.mkdir(parents=True, exist_ok=True)
                shutil.move(str(work / "newsq.sqlite"), str(args.keep_index / f"{name}.sqlite"))
            (work / "newsq.sqlite").unlink(missing_ok=True)
            # Saved before the baselines too, so an interrupted run keeps newsq's figures.
            results.append(result)
            save_results(out_json, queries, merged(previous["results"], results), commands)
            if args.no_baselines:
                # The other engines did not change: keep what an earlier run measured of them.
                earlier = next((r for r in previous["results"] if r["name"] == name), {})
                result.update({k: earlier[k] for k in ("icu", "fts5", "tantivy") if k in earlier})
            else:
                result["icu"] = measure_icu(args.newsq, entry, work, args.icu_max_mb)
                result["fts5"] = measure_baseline("fts5", sys.executable, entry, work, measured_queries, args.runs)
                if have_tantivy:
                    result["tantivy"] = measure_baseline("tantivy", sys.executable, entry, work, measured_queries, args.runs)
            shutil.rmtree(work, ignore_errors=True)
            save_results(out_json, queries, merged(previous["results"], results), commands)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)

    results = merged(previous["results"], results)
    save_results(out_json, queries, results, commands)
    report = render(results, "; then ".join(dict.fromkeys(commands)), started, time.perf_counter() - clock,
                    queries or [], args.icu_max_mb)
    print(report)
    if not args.no_write:
        replace_section(ROOT / "BENCHMARKS.md", "scale", "## At scale: generated archives (issue 7)\n\n" + report)


def merged(previous: list[dict], fresh: list[dict]) -> list[dict]:
    """The previous rows with the fresh ones in their place; en, zh, then by size."""
    rows = {r["name"]: r for r in previous}
    rows.update({r["name"]: r for r in fresh})
    return sorted(rows.values(), key=lambda r: (r["zh_share"] not in (0.0, 1.0), r["n"], r["zh_share"]))


def save_results(out_json: Path, queries, results: list[dict], commands: list[str]) -> None:
    out_json.parent.mkdir(exist_ok=True)
    out_json.write_text(json.dumps({"queries": queries, "results": results, "commands": commands}, indent=1))


def remeasure_latency(args, previous: list[dict], sizes: list[int], queries, tiny: Path) -> list[dict]:
    """The query mix again on kept indexes (after a change to searching only); other figures stay."""
    if not queries:
        raise SystemExit("--latency-only needs the query mix of an earlier run in bench-out/scale.json")
    env = dict(os.environ, NO_COLOR="1")
    fresh = []
    for row in previous:
        if row["n"] not in sizes or row["zh_share"] in (0.0, 1.0):
            continue
        db = args.latency_only / f"{row['name']}.sqlite"
        if not db.exists():
            raise SystemExit(f"no kept index {db}: run with --keep-index {args.latency_only} first")
        log(f"== {row['name']}: query mix on {db}")
        row = json.loads(json.dumps(row))
        row["newsq"].update(measure_queries(args.newsq, db, queries, args.runs, tiny, env))
        fresh.append(row)
    return fresh


if __name__ == "__main__":
    main()
