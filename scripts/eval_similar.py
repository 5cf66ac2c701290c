#!/usr/bin/env python3
"""`newsq similar` on en-reuters, judged by the editorial topic labels: P@10 is the share of the
first ten similar articles that share a label with the article, over 200 labelled articles
drawn with a fixed seed, against the baseline of searching the article's title with SQLite
FTS5 bm25 (`porter unicode61`, the title's words OR-ed, over title, excerpt and body). The
article itself is left out of both lists. Labels are never searched: the baseline's table has no
topics column, and newsq runs with `--rank topicsWeight=0`, so a match in the topics field adds
nothing to a score.

Usage: scripts/eval_similar.py --newsq PATH [--no-write]
Prints a Markdown table and, unless --no-write, puts it in EVALUATION.md under its heading.
"""
import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import replace_section  # noqa: E402
from eval_ranking import ROOT, SHARED, load_corpus  # noqa: E402

HEADING = "## Similar stories: `newsq similar` on en-reuters"
SAMPLE = 200


def baseline(articles: dict) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, excerpt, body, tokenize='porter unicode61')")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?)",
                           [(k, a["title"], a["excerpt"], a["body"]) for k, a in articles.items()])
    return connection


def baseline_ranking(connection: sqlite3.Connection, article_id: str, title: str) -> list[str]:
    terms = ['"' + w.replace('"', '""') + '"' for w in re.findall(r"\w+", title)]
    if not terms:
        return []
    rows = connection.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 11", [" OR ".join(terms)])
    return [r[0] for r in rows if r[0] != article_id][:10]


def newsq_ranking(newsq: str, db: Path, article_id: str) -> list[str]:
    done = subprocess.run([newsq, "similar", article_id, "--db", str(db), "--limit", "10", "--format", "json",
                           "--rank", "topicsWeight=0", "--now", "1988-01-01"], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"newsq similar {article_id}: {done.stderr.strip()}", file=sys.stderr)
        return []
    return [hit["id"] for hit in json.loads(done.stdout)["hits"]]


def precision(ranking: list[str], labels: set, articles: dict) -> float:
    return sum(1 for other in ranking[:10] if labels & set(articles[other]["topics"])) / 10


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    corpus = SHARED / "corpora/en-reuters"
    articles = load_corpus(corpus)
    labelled = sorted(k for k, a in articles.items() if a["topics"])
    sample = sorted(random.Random(20261206).sample(labelled, SAMPLE))
    connection = baseline(articles)
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "index.sqlite"
        subprocess.run([options.newsq, "index", str(corpus), "--db", str(db), "--quiet"], capture_output=True)
        scores = {"newsq similar": [], "FTS5 bm25, title words OR-ed": []}
        for article_id in sample:
            labels = set(articles[article_id]["topics"])
            scores["newsq similar"].append(precision(newsq_ranking(options.newsq, db, article_id), labels, articles))
            scores["FTS5 bm25, title words OR-ed"].append(
                precision(baseline_ranking(connection, article_id, articles[article_id]["title"]), labels, articles))
    lines = [HEADING, "",
             f"`scripts/eval_similar.py` (run by `scripts/eval`): {SAMPLE} labelled en-reuters articles drawn with a fixed "
             "seed; P@10 is the share of the first ten results that share an editorial topic label with the article (the "
             "article itself left out, labels never searched).", "",
             "| system | P@10 |", "|---|---:|"]
    lines += [f"| {name} | {sum(values) / len(values):.3f} |" for name, values in scores.items()]
    table = "\n".join(lines) + "\n"
    print(table)
    if not options.no_write:
        replace_section(ROOT / "EVALUATION.md", "similar", table)

if __name__ == "__main__":
    main()
