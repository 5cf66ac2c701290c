#!/usr/bin/env python3
"""Ranking evaluation on judged development sets, newsq against plain FTS5 bm25.

Sets (all built deterministically from ../shared):
- cranfield: the classic collection, as a sanity check of the harness (BM25 reaches MAP ~0.4);
- reuters-topics: a query written for each of 25 Reuters editorial labels, judged by the label;
- known-item-en / known-item-zh: one target article per query, the query taken from its title.

Engines, in the same run:
- newsq: the full ranking (relevance x recency x quality), `newsq eval`;
- newsq-bm25: newsq's relevance alone (--rank recencyFloor=1 --rank qualityBoost=0);
- fts5-bm25: SQLite FTS5 `porter unicode61`, default bm25(), words OR-ed, on the same fields.
Ages are measured from a pinned date so the figures do not move with the calendar.
"""
import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NOW = "2026-11-28T00:00:00Z"
STOPWORDS = set("a an and are as at be by for from has have in is it its of on or that the to was were will with said says "
                "after over new up down us u.s. inc corp co ltd pct mln".split())
TOPIC_QUERIES = {
    "earn": "quarterly earnings net profit", "acq": "acquisition merger takeover", "money-fx": "foreign exchange currency",
    "grain": "grain", "crude": "crude oil", "trade": "trade deficit", "interest": "interest rates",
    "ship": "shipping vessels port", "wheat": "wheat", "corn": "corn maize", "sugar": "sugar", "gnp": "gross national product",
    "coffee": "coffee", "veg-oil": "vegetable oil", "gold": "gold", "nat-gas": "natural gas", "money-supply": "money supply",
    "livestock": "cattle hogs livestock", "cpi": "consumer prices inflation", "copper": "copper", "jobs": "unemployment jobs",
    "cocoa": "cocoa", "rice": "rice", "iron-steel": "steel", "cotton": "cotton",
}


def read_article(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    meta = yaml.safe_load(front) or {}
    return {"title": meta.get("title") or "", "excerpt": meta.get("excerpt") or "", "body": body,
            "topics": meta.get("topics") or [], "provider": (meta.get("provider") or {}).get("name") or ""}


def load_corpus(directory: Path) -> dict[str, dict]:
    return {str(p.relative_to(directory).with_suffix("")): read_article(p) for p in sorted(directory.rglob("*.md"))}


def cranfield(workdir: Path) -> tuple[Path, list, dict]:
    directory = workdir / "cranfield"
    directory.mkdir()
    text = (SHARED / "data/cranfield/cran.all.1400").read_text()
    for record in text.split(".I ")[1:]:
        number = record.split("\n", 1)[0].strip()
        fields = dict(re.findall(r"\.([TAWB])\n(.*?)(?=\n\.[TAWB]\n|\Z)", record, re.S))
        title = " ".join(fields.get("T", "").split()) or f"Cranfield {number}"
        body = fields.get("W", "")
        (directory / f"{number}.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n{body}\n")
    queries = []
    for ordinal, record in enumerate((SHARED / "data/cranfield/cran.qry").read_text().split(".I ")[1:], start=1):
        query = " ".join(record.split(".W", 1)[1].split())
        queries.append((str(ordinal), query))
    qrels: dict[str, dict[str, int]] = {}
    for line in (SHARED / "data/cranfield/cranqrel").read_text().split("\n"):
        fields = line.split()
        if len(fields) >= 3 and 1 <= int(fields[2]) <= 4:
            qrels.setdefault(fields[0], {})[fields[1]] = 5 - int(fields[2])  # 1 is the most relevant
    return directory, queries, qrels


def reuters_topics(articles: dict) -> tuple[list, dict]:
    queries, qrels = [], {}
    for number, (label, query) in enumerate(TOPIC_QUERIES.items(), start=1):
        queries.append((f"T{number}", query))
        qrels[f"T{number}"] = {aid: 1 for aid, a in articles.items() if label in a["topics"]}
    return queries, qrels


def known_items(articles: dict, count: int, chinese: bool, seed: int) -> tuple[list, dict]:
    rng = random.Random(seed)
    queries, qrels = [], {}
    for aid in rng.sample(sorted(articles), count * 3):
        title = articles[aid]["title"]
        if chinese:
            runs = [r for r in re.findall(r"[\u4e00-\u9fff]{2,}", title) if len(r) >= 2]
            if not runs:
                continue
            pieces = []
            for run in sorted(runs, key=len, reverse=True)[:2]:
                length = min(len(run), rng.choice([2, 3, 4]))
                start = rng.randrange(0, len(run) - length + 1)
                pieces.append(run[start:start + length])
            query = " ".join(pieces)
        else:
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", title) if w.lower() not in STOPWORDS and len(w) > 2]
            if len(words) < 2:
                continue
            query = " ".join(rng.sample(words, min(3, len(words))))
        qid = f"K{len(queries) + 1}"
        queries.append((qid, query))
        qrels[qid] = {aid: 1}
        if len(queries) == count:
            break
    return queries, qrels


def write_judgments(workdir: Path, name: str, queries: list, qrels: dict) -> tuple[Path, Path]:
    query_file, qrels_file = workdir / f"{name}.queries", workdir / f"{name}.qrels"
    query_file.write_text("".join(f"{q}\t{text}\n" for q, text in queries))
    qrels_file.write_text("".join(f"{q} 0 {doc} {grade}\n" for q, docs in qrels.items() for doc, grade in docs.items()))
    return query_file, qrels_file


def newsq_eval(newsq: str, db: Path, files: tuple[Path, Path], extra: list[str]) -> list[float]:
    out = subprocess.run([newsq, "eval", str(files[0]), str(files[1]), "--db", str(db), "--json", "--now", NOW, *extra],
                         capture_output=True, text=True, check=True)
    mean = json.loads(out.stdout)["mean"]
    return [mean[k] for k in ("ndcgAt10", "averagePrecision", "recallAt100", "reciprocalRankAt10", "precisionAt10")]


def metrics(ranking: list[str], grades: dict[str, int]) -> list[float]:
    import math
    relevant = {k: g for k, g in grades.items() if g > 0}
    found, precision_sum, first, dcg = 0, 0.0, None, 0.0
    for index, doc in enumerate(ranking):
        if doc in relevant:
            found += 1
            precision_sum += found / (index + 1)
            first = first or index + 1
            if index < 10:
                dcg += (2 ** relevant[doc] - 1) / math.log2(index + 2)
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return [dcg / ideal if ideal else 0, precision_sum / len(relevant) if relevant else 0,
            sum(1 for d in ranking[:100] if d in relevant) / len(relevant) if relevant else 0,
            (1 / first if first and first <= 10 else 0), sum(1 for d in ranking[:10] if d in relevant) / 10]


def fts5_database(articles: dict, chinese: bool = False) -> sqlite3.Connection:
    """SQLite FTS5 `porter unicode61` over the articles' fields; with chinese, each Han character is its own token."""
    def text(value: str) -> str:
        return re.sub(r"([\u3400-\u9fff])", r" \1 ", value) if chinese else value
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, excerpt, body, topics, provider, tokenize='porter unicode61')")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                           [(k, text(a["title"]), text(a["excerpt"]), text(a["body"]), text("\n".join(a["topics"])), text(a["provider"]))
                            for k, a in articles.items()])
    return connection


def fts5_ranking(connection: sqlite3.Connection, query: str, operator: str = "OR", limit: int = 100, chinese: bool = False) -> list[str]:
    """The ids of the best `limit` matches by FTS5's default bm25(), the query's words joined by `operator` (OR or AND);
    with chinese, each space-separated piece of the query is a phrase of its characters."""
    if chinese:
        terms = ['"' + " ".join(re.findall(r"\w", piece)) + '"' for piece in query.split() if re.search(r"\w", piece)]
    else:
        terms = ['"' + w.replace('"', '""') + '"' for w in re.findall(r"\w+", query)]
    expression = f" {operator} ".join(terms) or '""'
    try:
        return [r[0] for r in connection.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", [expression, limit])]
    except sqlite3.OperationalError:
        return []


def fts5_eval(articles: dict, queries: list, qrels: dict) -> list[float]:
    connection = fts5_database(articles)
    rows = [metrics(fts5_ranking(connection, query), qrels[qid]) for qid, query in queries if qid in qrels]
    return [sum(column) / len(rows) for column in zip(*rows)]


def development_sets(workdir: Path) -> list[tuple[str, Path, list, dict]]:
    """The judged development sets: name, the directory of its articles, its queries and its qrels."""
    sets = []
    directory, queries, qrels = cranfield(workdir)
    sets.append(("cranfield", directory, queries, qrels))
    reuters_dir = SHARED / "corpora/en-reuters"
    reuters = load_corpus(reuters_dir)
    sets.append(("reuters-topics", reuters_dir, *reuters_topics(reuters)))
    sets.append(("known-item-en (reuters)", reuters_dir, *known_items(reuters, 100, chinese=False, seed=7)))
    powerapps_dir = SHARED / "corpora/en-powerapps"
    powerapps = load_corpus(powerapps_dir)
    sets.append(("known-item-en (powerapps)", powerapps_dir, *known_items(powerapps, 100, chinese=False, seed=8)))
    daily_dir = SHARED / "corpora/zh-peoples-daily"
    daily = load_corpus(daily_dir)
    sets.append(("known-item-zh (peoples-daily)", daily_dir, *known_items(daily, 100, chinese=True, seed=9)))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsq-rank-eval-"))

    sets = development_sets(workdir)

    corpora = {"cranfield": None}
    databases: dict[Path, Path] = {}
    lines = ["| set | queries | engine | nDCG@10 | MAP | Recall@100 | MRR@10 | P@10 |", "|---|---:|---|---:|---:|---:|---:|---:|"]
    for name, directory, queries, qrels in sets:
        if directory not in databases:
            db = workdir / f"{len(databases)}.sqlite"
            print(f"indexing {directory.name} ...", file=sys.stderr)
            subprocess.run([args.newsq, "index", str(directory), "--db", str(db), "--quiet"], capture_output=True)
            databases[directory] = db
        files = write_judgments(workdir, re.sub(r"\W+", "-", name), queries, qrels)
        articles = load_corpus(directory)
        results = {
            "newsq": newsq_eval(args.newsq, databases[directory], files, []),
            "newsq-bm25": newsq_eval(args.newsq, databases[directory], files, ["--rank", "recencyFloor=1", "--rank", "qualityBoost=0"]),
            "fts5-bm25": fts5_eval(articles, queries, qrels),
        }
        judged = sum(1 for q, _ in queries if q in qrels)
        for engine, values in results.items():
            label = f"**{engine}**" if engine == "newsq" else engine
            lines.append(f"| {name} | {judged} | {label} | " + " | ".join(f"{v:.3f}" for v in values) + " |")
    table = "\n".join(lines)
    report = (f"## Ranking on judged development sets\n\nMade by `scripts/eval` on {time.strftime('%Y-%m-%d')}; ages from {NOW}. "
              "fts5-bm25 is SQLite FTS5 `porter unicode61` with its default bm25 over the same fields, query words OR-ed.\n\n"
              f"{table}\n")
    print(report)
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import replace_section
    replace_section(ROOT / "EVALUATION.md", "ranking", report)


if __name__ == "__main__":
    main()
