#!/usr/bin/env python3
"""Calibrates recency and quality on the graded development sets (eval/graded/, issue 23 item 2).

For each set, each query's candidates are fetched from newsq ONCE: its top DEPTH by relevance alone
(`--rank recencyFloor=1 --rank qualityBoost=0 --explain`: R of each hit), with each article's date
and quality percentile q̂ read from the index. Scores are then recomputed offline for a grid of
shapes and parameters:
- mult: the current factor, score = R · (α + (1 − α)·G(age)) · (1 + β·q̂); α ≥ 0.9 is the
  "near-tie breaker" shape;
- add: a bounded additive bonus, score = (R + λ·R_max·G(age)) · (1 + β·q̂), R_max the query's best
  relevance (its first full match), so the bonus is a fixed share of the top score whatever the query.
G is newsq's Gaussian decay (offset 7 d, decay 0.5, scale from the grid); a missing date counts as
G = decay and a missing quality as q̂ = 0.5, as in newsq. Full matches rank before relaxed ones.

Each figure is measured with `now` at 1/2, 2/3 and the end of the archive's dates and long after
it (NOW). "live": the archive as it was at `now` (articles published after it are left out, of the
candidates and of the judgments), the situation of a live archive; "whole": every article, those
after `now` counting as age 0, as `newsq --now` does and as scripts/eval_graded.py scores.
Queries are split by their order in queries.tsv: even positions tune, odd ones are held out.
Defaults are chosen on the tuning half only; every figure is given for tune, held-out and all.
The offline scores are first checked against newsq's own for its defaults and for `--recent`.

Writes the full grid to bench-out/calibration/grid.csv and the section `calibration` of
EVALUATION.md (unless --no-write).

Usage: scripts/calibrate_ranking.py --newsq PATH [--no-write] [--workdir DIR [--reuse]]
"""
import argparse
import csv
import itertools
import json
import math
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_graded import RELEVANT, read_qrels, score  # noqa: E402
from eval_ranking import NOW, ROOT, SHARED, fts5_database, fts5_ranking, load_corpus  # noqa: E402
from graded_pool import GRADED, INSIDE, RELEVANCE_ALONE, index_corpus, read_tsv  # noqa: E402

DEPTH = 300
DAY = 86_400.0
OFFSET, DECAY = 7.0, 0.5
ALPHAS = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0]
SCALES = [30, 90, 365, 730]
BETAS = [0.0, 0.1, 0.25, 0.5]
LAMBDAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5]
CURRENT = ("mult", 0.9, 730, 0.1)  # newsq's defaults (RankingParameters)
FORMER = ("mult", 0.3, 365, 0.5)  # the defaults these sets were made to question
RECENT = ("mult", 0.3, 365, 0.1)  # newsq --recent (RecencySignal) on the defaults
RELEVANCE = ("mult", 1.0, 365, 0.0)
NOWS = ["1/2", "2/3", "end", "after"]
HALVES = ["tune", "held-out", "all"]
OUT = ROOT / "bench-out/calibration"
ASKED_LOSS = (0.05, 0.10)  # recency asked: nDCG@10 below relevance alone by at most this on the mean, and on any set and date (tuning half)
# Signals that the user asks for recent articles (proposed; see the report).
RECENCY_WORDS = ["latest", "recent", "recently", "newest", "breaking", "this week", "today", "yesterday",
                 "最新", "近期", "最近", "近日", "日前", "本周", "今天", "今日"]


def seconds(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def day(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d")


def label(config: tuple) -> str:
    shape, strength, scale, beta = config
    if config == RELEVANCE:
        return "relevance alone"
    knob = f"α={strength:g}" if shape == "mult" else f"λ={strength:g}"
    return f"{shape} {knob} scale={scale}d β={beta:g}"


def grid() -> list[tuple]:
    configs = [("mult", a, s, b) for a, s, b in itertools.product(ALPHAS, SCALES, BETAS) if a < 1 or s == 365]
    configs += [("add", lam, s, b) for lam, s, b in itertools.product(LAMBDAS, SCALES, BETAS)]
    return configs + [c for c in (CURRENT, FORMER, RECENT) if c not in configs]


def articles_of(db: Path) -> dict[str, tuple]:
    """Each article's (published seconds or None, quality percentile or None), as newsq ranks them."""
    with sqlite3.connect(db) as connection:
        return {row[0]: (row[1], row[2]) for row in connection.execute("SELECT id, published, quality_rank FROM articles")}


def run_batch(newsq: str, db: Path, queries_file: Path, arguments: list[str]) -> dict[str, list[dict]]:
    out = subprocess.run([newsq, "batch", str(queries_file), "--db", str(db), "--format", "jsonl", *arguments],
                         capture_output=True, text=True, check=True)
    hits: dict[str, list[dict]] = {}
    for line in out.stdout.splitlines():
        hit = json.loads(line)
        hits.setdefault(hit["qid"], []).append(hit)
    return hits


def relevance(explanation: dict) -> float:
    """R of a hit's explanation; a relaxed hit's score tree sits one level down, under its placement."""
    for child in explanation["children"]:
        if child["name"] == "relevance":
            return child["value"]
    return relevance(explanation["children"][0])


def candidates(newsq: str, db: Path, queries_file: Path, info: dict) -> tuple[dict, dict]:
    """Per query, its candidates (id, R, relaxed, published, q̂) in relevance-alone order, and whether
    every full match is among them (then the top 10 of any setting is exact for the full matches)."""
    hits = run_batch(newsq, db, queries_file, ["--explain", "--limit", str(DEPTH), "--now", NOW, *RELEVANCE_ALONE])
    result, complete = {}, {}
    for qid, rows in hits.items():
        result[qid] = [(h["id"], relevance(h["explanation"]),
                        h["relaxed"], *info[h["id"]]) for h in rows]
        complete[qid] = len(rows) < DEPTH or rows[-1]["relaxed"]
    return result, complete


def rank(cands: list[tuple], config: tuple, now: float, live: bool) -> list[tuple[str, float, float | None]]:
    """(id, score, age in days) best first, recomputed offline."""
    shape, strength, scale, beta = config
    variance = -(scale * scale) / (2 * math.log(DECAY))
    full = [c[1] for c in cands if not c[2]]
    r_max = max(full) if full else max((c[1] for c in cands), default=0)
    scored = []
    for position, (doc, r, relaxed, published, qrank) in enumerate(cands):
        if live and published is not None and published > now:
            continue
        age = None if published is None else max(0.0, (now - published) / DAY)
        g = DECAY if age is None else math.exp(-max(0.0, age - OFFSET) ** 2 / (2 * variance))
        q = 1 + beta * (0.5 if qrank is None else qrank)
        s = r * (strength + (1 - strength) * g) * q if shape == "mult" else (r + strength * r_max * g) * q
        scored.append((relaxed, -s, position, doc, s, age))
    scored.sort()
    return [(doc, s, age) for _, _, _, doc, s, age in scored]


def measure(rankings: dict[str, list], qrels: dict, dates: dict, now: float, live: bool, qids: list[str]) -> tuple:
    """Mean nDCG@10, mean age of the top 10 (days), unjudged in the top 10, queries scored."""
    ndcgs, ages, unjudged = [], [], 0
    for qid in qids:
        grades = {d: g for d, g in qrels.get(qid, {}).items() if not live or dates.get(d) is None or dates[d] <= now}
        if not any(g >= RELEVANT for g in grades.values()):
            continue
        top = rankings.get(qid, [])
        ndcgs.append(score([d for d, *_ in top], grades)[0])
        top_ages = [a for _, _, a in top[:10] if a is not None]
        if top_ages:
            ages.append(sum(top_ages) / len(top_ages))
        unjudged += sum(1 for d, *_ in top[:10] if d not in grades)
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    return mean(ndcgs), mean(ages), unjudged, len(ndcgs)


def verify(newsq: str, db: Path, queries_file: Path, cands: dict, complete: dict, now_iso: str,
           config: tuple = CURRENT, arguments: tuple = ()) -> tuple[int, int, float]:
    """Queries whose top 10 newsq (with `arguments`) and the offline recomputation (`config`) give in
    the same order, of those whose full matches are all candidates; and the largest score difference."""
    own = run_batch(newsq, db, queries_file, ["--limit", "10", "--now", now_iso, *arguments])
    same, checked, worst = 0, 0, 0.0
    for qid, hits in own.items():
        if not complete.get(qid) or any(h["relaxed"] for h in hits):
            continue
        mine = rank(cands[qid], config, seconds(now_iso), live=False)[:10]
        checked += 1
        same += [h["id"] for h in hits] == [d for d, *_ in mine]
        worst = max([worst] + [abs(h["score"] - s) / max(h["score"], 1e-9) for h, (_, s, _) in zip(hits, mine)])
    return same, checked, worst


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--workdir", help="where the indexes go (kept, and brought up to date when run again)")
    parser.add_argument("--reuse", action="store_true", help="report again from the measurements of the last run in --workdir")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="newsq-calibration-"))
    workdir.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.reuse:
        report_and_write(args, *pickle.load(open(workdir / "calibration.pickle", "rb")))
        return
    configs = grid()
    results = {}  # (corpus, now label, mode, half, config) -> (nDCG, age, unjudged, queries)
    context = {}
    for corpus in sorted(INSIDE):
        queries_file = GRADED / corpus / "queries.tsv"
        queries = read_tsv(queries_file)
        qrels = read_qrels(GRADED / corpus / "qrels")
        db = index_corpus(args.newsq, corpus, workdir)
        info = articles_of(db)
        dates = {doc: value[0] for doc, value in info.items()}
        cands, complete = candidates(args.newsq, db, queries_file, info)
        first, last = min(d for d in dates.values() if d), max(d for d in dates.values() if d)
        nows = {"1/2": first + (last - first) / 2, "2/3": first + (last - first) * 2 / 3, "end": last, "after": seconds(NOW)}
        halves = {"tune": [q for i, (q, _) in enumerate(queries) if i % 2 == 0],
                  "held-out": [q for i, (q, _) in enumerate(queries) if i % 2 == 1], "all": [q for q, _ in queries]}
        print(f"{corpus}: checking the offline scores against newsq's ...", file=sys.stderr)
        checks = [(day(seconds(iso)), name, *verify(args.newsq, db, queries_file, cands, complete, iso, config, arguments))
                  for iso in (INSIDE[corpus], NOW)
                  for name, config, arguments in (("defaults", CURRENT, ()), ("--recent", RECENT, ("--recent",)))]
        print(f"{corpus}: fts5-bm25 OR ...", file=sys.stderr)
        connection = fts5_database(load_corpus(SHARED / "corpora" / corpus), chinese=corpus.startswith("zh-"))
        fts5 = {qid: fts5_ranking(connection, query, "OR", 100, corpus.startswith("zh-")) for qid, query in queries}
        print(f"{corpus}: {len(configs)} settings x {len(nows)} dates ...", file=sys.stderr)
        for (now_label, now), mode in itertools.product(nows.items(), ["live", "whole"]):
            live = mode == "live"
            fts5_ranked = {qid: [(d, 0.0, None if dates[d] is None else max(0.0, (now - dates[d]) / DAY)) for d in docs
                                 if not live or dates[d] is None or dates[d] <= now] for qid, docs in fts5.items()}
            for half, qids in halves.items():
                results[(corpus, now_label, mode, half, "fts5-bm25 OR")] = measure(fts5_ranked, qrels, dates, now, live, qids)
            for config in configs:
                rankings = {qid: rank(c, config, now, live) for qid, c in cands.items()}
                for half, qids in halves.items():
                    results[(corpus, now_label, mode, half, config)] = measure(rankings, qrels, dates, now, live, qids)
        context[corpus] = {"nows": {k: day(v) for k, v in nows.items()}, "checks": checks, "queries": len(queries),
                           "complete": sum(complete.values()), "cands": cands, "qrels": qrels, "queries_text": dict(queries),
                           "now_end": nows["end"]}
    pickle.dump((results, context, configs), open(workdir / "calibration.pickle", "wb"))
    report_and_write(args, results, context, configs)


def report_and_write(args: argparse.Namespace, results: dict, context: dict, configs: list) -> None:
    write_grid(results)
    report = make_report(results, context, configs)
    print(report)
    if not args.no_write:
        from bench import replace_section
        replace_section(ROOT / "EVALUATION.md", "calibration", report)


def write_grid(results: dict) -> None:
    with open(OUT / "grid.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["set", "now", "mode", "half", "shape", "alpha_or_lambda", "scale_days", "beta", "ndcg10", "mean_age_top10_days", "unjudged_top10", "queries"])
        for (corpus, now, mode, half, config), (ndcg, age, unjudged, count) in results.items():
            fields = [config, "", "", ""] if isinstance(config, str) else list(config)
            writer.writerow([corpus, now, mode, half, *fields, f"{ndcg:.4f}", f"{age:.1f}", unjudged, count])
    print(f"wrote {OUT / 'grid.csv'}", file=sys.stderr)


def choose(results: dict, configs: list, corpora: list, mean_loss: float, worst_loss: float) -> tuple | None:
    """On the tuning half, live: nDCG@10 below relevance alone's by at most worst_loss on every set and
    date, and by at most mean_loss on the mean over the sets and dates; among those, the freshest
    top 10 (mean over the sets and the dates inside the span of the top 10's mean age relative to
    relevance alone's). None when no setting qualifies."""
    best, best_key = None, None
    for position, config in enumerate(configs):
        deltas, ratios = [], []
        for corpus, now in itertools.product(corpora, NOWS):
            ndcg, age = results[(corpus, now, "live", "tune", config)][:2]
            base_ndcg, base_age = results[(corpus, now, "live", "tune", RELEVANCE)][:2]
            deltas.append(ndcg - base_ndcg)
            if now != "after":
                ratios.append(age / base_age if base_age else 1.0)
        ok = min(deltas) >= -worst_loss - 1e-12 and sum(deltas) / len(deltas) >= -mean_loss - 1e-12
        key = (sum(ratios) / len(ratios), position)
        if ok and (best_key is None or key < best_key):
            best, best_key = config, key
    return best


def flips(context: dict, config: tuple, corpora: list) -> tuple[int, int, tuple | None]:
    """Pairs of one query at the end of the archive (live): an article graded 3 that matches at least
    as well (R) as a newer one graded 0 or 1 among the top 20 by relevance. Returns how many pairs the
    setting ranks the newer one first, of how many, and the pair with the largest age gap so ranked."""
    flipped, total, example = 0, 0, None
    for corpus in corpora:
        c = context[corpus]
        for qid, cands in c["cands"].items():
            grades = c["qrels"].get(qid, {})
            top = [x for x in cands[:20] if not x[2] and x[3] is not None and x[3] <= c["now_end"]]
            order = {doc: i for i, (doc, *_) in enumerate(rank(top, config, c["now_end"], live=True))}
            for old, new in itertools.product(top, top):
                if grades.get(old[0]) == 3 and grades.get(new[0], 9) <= 1 and new[3] > old[3] and old[1] >= new[1]:
                    total += 1
                    if order[new[0]] < order[old[0]]:
                        flipped += 1
                        gap = (new[3] - old[3]) / DAY
                        if example is None or gap > example[0]:
                            example = (gap, corpus, qid, c["queries_text"][qid], old, new)
    return flipped, total, example


def make_report(results: dict, context: dict, configs: list) -> str:
    corpora = sorted(context)
    mult = [c for c in configs if c[0] == "mult" and c[1] < 0.9]
    near = [c for c in configs if c[0] == "mult" and 0.9 <= c[1] < 1]
    add = [c for c in configs if c[0] == "add"]
    normal = {name: choose(results, family, corpora, 0.0, 0.0) for name, family in
              [("multiplicative, α < 0.9", mult), ("near-tie factor, α ≥ 0.9", near), ("additive bonus", add)]}
    recommended = choose(results, configs, corpora, 0.0, 0.0)
    asked = choose(results, configs, corpora, *ASKED_LOSS)
    asked_mult = choose(results, mult, corpora, *ASKED_LOSS)
    systems = [("relevance alone", RELEVANCE), ("former defaults", FORMER), ("**newsq defaults**", CURRENT),
               ("**newsq --recent**", RECENT)]
    systems += [(f"best {name}", config) for name, config in normal.items() if config not in (None, recommended)]
    missing = [f'of the family "{name}"' for name, config in normal.items() if config is None]
    systems += [(name, config) for name, config in [("recommended", recommended), ("recency asked", asked),
                                                     ("recency asked, multiplicative", asked_mult)]
                if config is not None and config not in [c for _, c in systems]]
    systems += [("fts5-bm25 OR", "fts5-bm25 OR")]

    def cell(corpus, now, mode, half, config):
        ndcg, age = results[(corpus, now, mode, half, config)][:2]
        return f"{ndcg:.3f} · {age:,.0f} d"

    lines = [f"## Calibration of recency and quality\n\nMade by `scripts/eval` on {time.strftime('%Y-%m-%d')} "
             f"(`scripts/calibrate_ranking.py`; the full grid of {len(configs)} settings × sets × dates × halves is in "
             f"`bench-out/calibration/grid.csv`). Each query's top {DEPTH} by newsq's relevance alone are scored again offline "
             f"for each setting: **mult** is the current `R · (α + (1 − α)·G) · (1 + β·q̂)` (α ≥ 0.9: a factor near 1 that only "
             f"breaks near-ties); **add** is `(R + λ·R_max·G) · (1 + β·q̂)`, R_max the query's best relevance; G is newsq's Gaussian "
             f"decay (offset {OFFSET:g} d, decay {DECAY}) with the scale given. `now` is at 1/2, 2/3 and the end of each archive's "
             f"dates, and {NOW[:10]} (after). **Live**: the archive as it stood at `now` (later articles and their judgments left out). "
             f"Queries alternate between a tuning half (1st, 3rd, ...) and a held-out half; the settings below were chosen on the "
             f"tuning half only: the freshest top 10 (mean age relative to relevance alone's, over the sets and the dates inside "
             f"the span) whose nDCG@10 is at least relevance alone's on every set and date (recency asked: at most "
             f"{ASKED_LOSS[0]} below on the mean over the sets and dates, {ASKED_LOSS[1]} on any)."
             + (f" No setting {' or '.join(missing)} qualified." if missing else "") + "\n"]
    def summary(config, half):
        parts = []
        for corpus in corpora:
            rows = [(results[(corpus, n, "live", half, config)], results[(corpus, n, "live", half, RELEVANCE)]) for n in NOWS]
            delta = sum(r[0] - b[0] for r, b in rows) / len(rows)
            ratio = sum(r[1] / b[1] for r, b in rows[:-1]) / (len(rows) - 1)
            parts.append(f"{corpus} {delta:+.3f} nDCG@10, top 10 {1 - ratio:.0%} younger")
        return "; ".join(parts)
    for name, config in [("Recommended", recommended), ("Recency asked", asked), ("Recency asked, multiplicative", asked_mult),
                         ("newsq defaults", CURRENT), ("newsq --recent", RECENT), ("Former defaults", FORMER)]:
        if config is None:
            lines.append(f"- {name}: no setting qualified.")
            continue
        lines.append(f"- {name} ({label(config)}) against relevance alone, held-out half, live, mean over the dates: "
                     f"{summary(config, 'held-out')} (tuning half: {summary(config, 'tune')}).")
    lines.append("")
    lines.append("Check of the offline scores: newsq's own top 10 (its defaults, and `--recent`) against the recomputation "
                 "(queries whose full matches all are candidates and whose top 10 has no relaxed match):\n")
    for corpus in corpora:
        c = context[corpus]
        parts = [f"`--now {d}` {name}: {same} of {checked} the same order, largest score difference {worst:.1e} (relative)"
                 for d, name, same, checked, worst in c["checks"]]
        lines.append(f"- {corpus} ({c['complete']} of {c['queries']} queries with every full match among the candidates; "
                     f"dates {', '.join(f'{k} = {v}' for k, v in c['nows'].items())}): " + "; ".join(parts) + ".")
    lines.append("\nHeld-out half, live: nDCG@10 · mean age of the top 10 (days from `now`):\n")
    lines.append("| set | system | setting | " + " | ".join(f"now {n}" for n in NOWS) + " |")
    lines.append("|---|---|---|" + "---:|" * len(NOWS))
    for corpus in corpora:
        for name, config in systems:
            setting = config if isinstance(config, str) else label(config)
            lines.append(f"| {corpus} | {name} | {setting} | " + " | ".join(cell(corpus, n, "live", "held-out", config) for n in NOWS) + " |")
    lines.append("\nMean over the four dates, live, each half (nDCG@10; age: mean top-10 age in days, all queries, over the three "
                 "dates inside the span; "
                 "unjudged: articles in the top 10 that were never judged, all queries and dates):\n")
    lines.append("| set | system | nDCG@10 tune | nDCG@10 held-out | nDCG@10 all | age inside | unjudged |")
    lines.append("|---|---|---:|---:|---:|---:|---:|")
    for corpus in corpora:
        for name, config in systems:
            rows = {h: [results[(corpus, n, "live", h, config)] for n in NOWS] for h in HALVES}
            mean = {h: sum(r[0] for r in rows[h]) / len(NOWS) for h in HALVES}
            age = sum(r[1] for r in rows["all"][:-1]) / (len(NOWS) - 1)
            unjudged, shown = sum(r[2] for r in rows["all"]), sum(min(10, r[3] * 10) for r in rows["all"])
            lines.append(f"| {corpus} | {name} | {mean['tune']:.3f} | {mean['held-out']:.3f} | {mean['all']:.3f} | {age:,.0f} | {unjudged} |")
    lines.append("\nThe same, held-out half, **whole** archive (later articles kept at age 0, as `newsq --now` ranks them and "
                 "`scripts/eval_graded.py` scores them):\n")
    lines.append("| set | system | " + " | ".join(f"now {n}" for n in NOWS) + " |")
    lines.append("|---|---|" + "---:|" * len(NOWS))
    for corpus in corpora:
        for name, config in systems:
            lines.append(f"| {corpus} | {name} | " + " | ".join(cell(corpus, n, "whole", "held-out", config) for n in NOWS) + " |")
    lines.append("\nAn old article that answers exactly against a newer one that merely mentions the words (pairs of one query "
                 "among its top 20 by relevance, at the end of each archive, live: graded 3 and older, against graded 0–1, newer "
                 "and no more relevant); how often each setting puts the newer one first:\n")
    for name, config in systems[:-1]:
        flipped, total, example = flips(context, config, corpora)
        lines.append(f"- {name}: {flipped} of {total} pairs")
        if example and name in ("former defaults", "**newsq --recent**"):
            gap, corpus, qid, query, old, new = example
            order = {}
            for other_name, other in systems[:-1]:
                ranked = [d for d, *_ in rank([old, new], other, context[corpus]["now_end"], live=True)]
                order[other_name] = "old first" if ranked[0] == old[0] else "new first"
            lines.append(f"  - e.g. {corpus} {qid} \"{query}\": `{old[0]}` (grade 3, R {old[1]:.2f}) against `{new[0]}` "
                         f"(grade {context[corpus]['qrels'][qid][new[0]]}, R {new[1]:.2f}), {gap:,.0f} days newer: "
                         + ", ".join(f"{k} {v}" for k, v in order.items()))
    lines.append("\nRecency signals: `--recent` (a batch line's `\"recent\": true`, `/api/search?recent=true`) ranks with "
                 f"{label(RECENT)}; `--sort date` lists newest first; `--since`/`--until` only filter. Proposed, not built: "
                 f"a query word among {', '.join(RECENCY_WORDS)} as the same signal (the word then not a search term).\n")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
