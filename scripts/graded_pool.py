#!/usr/bin/env python3
"""Pools the graded development sets (eval/graded/<corpus>/) the way TREC test collections are pooled.

For each corpus of ../shared, the queries of eval/graded/<corpus>/queries.tsv run on several systems:
newsq's default ranking with --now inside the archive's span and long after it, newsq's relevance
alone, and SQLite FTS5 bm25 with the words ANDed and ORed. The union of each system's top DEPTH is
the query's pool, written to eval/graded/<corpus>/pool.tsv sorted by article id (never by system or
rank). A blind judging sheet per query goes to bench-out/graded/<corpus>/judge-<qid>.md: the need,
the query and, for each pooled article under an opaque item number, only its title, excerpt and
the start of its body (80 words, 200 characters of Chinese); key-<qid>.tsv maps the item numbers to ids. Grades go to
eval/graded/<corpus>/qrels (see eval/graded/README.md).

Usage: scripts/graded_pool.py --newsq PATH [--corpus NAME ...] [--depth 20]
"""
import argparse
import hashlib
import html
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_ranking import NOW, ROOT, SHARED, fts5_database, fts5_ranking, load_corpus  # noqa: E402

GRADED = ROOT / "eval/graded"
SHEETS = ROOT / "bench-out/graded"
# --now inside each archive's span (in the last third of its dates), as for a live archive.
INSIDE = {"en-powerapps": "2023-06-01T00:00:00Z", "en-reuters": "1987-10-01T00:00:00Z", "zh-peoples-daily": "1998-01-22T00:00:00Z"}
RELEVANCE_ALONE = ["--rank", "recencyFloor=1", "--rank", "qualityBoost=0"]
BODY_WORDS = 80
BODY_CHARS_HAN = 200  # Chinese has no spaces between words: about as much text as 80 English words


def systems(corpus: str) -> list[tuple[str, str, list[str]]]:
    """(name, kind, newsq arguments or the FTS5 operator) of each system pooled and scored."""
    return [
        (f"newsq, now inside ({INSIDE[corpus][:10]})", "newsq", ["--now", INSIDE[corpus]]),
        (f"newsq, now after ({NOW[:10]})", "newsq", ["--now", NOW]),
        ("newsq relevance alone", "newsq", ["--now", NOW, *RELEVANCE_ALONE]),
        ("fts5-bm25 AND", "fts5", ["AND"]),
        ("fts5-bm25 OR", "fts5", ["OR"]),
    ]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    return [tuple(line.split("\t", 1)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def index_corpus(newsq: str, corpus: str, workdir: Path) -> Path:
    db = workdir / f"{corpus}.sqlite"
    print(f"indexing {corpus} ...", file=sys.stderr)
    done = subprocess.run([newsq, "index", str(SHARED / "corpora" / corpus), "--db", str(db), "--quiet"], capture_output=True)
    if done.returncode not in (0, 2):  # 2: some files could not be read (a few of en-reuters's dates are malformed)
        sys.exit(f"newsq index {corpus} failed: {done.stderr.decode()[-500:]}")
    return db


def newsq_rankings(newsq: str, db: Path, queries_file: Path, arguments: list[str], limit: int) -> dict[str, list[str]]:
    out = subprocess.run([newsq, "batch", str(queries_file), "--db", str(db), "--format", "trec", "--limit", str(limit), *arguments],
                         capture_output=True, text=True, check=True)
    rankings: dict[str, list[str]] = {}
    for line in out.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            rankings.setdefault(fields[0], []).append(fields[2])
    return rankings


def all_rankings(newsq: str, corpus: str, db: Path, articles: dict, limit: int) -> dict[str, dict[str, list[str]]]:
    """Each system's ranking (ids, best first, at most limit) of each query of the corpus's set."""
    queries_file = GRADED / corpus / "queries.tsv"
    queries = read_tsv(queries_file)
    chinese = corpus.startswith("zh-")
    connection = fts5_database(articles, chinese=chinese)
    result = {}
    for name, kind, arguments in systems(corpus):
        if kind == "newsq":
            result[name] = newsq_rankings(newsq, db, queries_file, arguments, limit)
        else:
            result[name] = {qid: fts5_ranking(connection, query, arguments[0], limit, chinese) for qid, query in queries}
    return result


def plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def sheet_entry(number: int, article: dict) -> str:
    title, excerpt, body = plain(article["title"]), plain(article["excerpt"]), plain(article["body"])
    if re.search(r"[\u3400-\u9fff]", body):
        start = body[:BODY_CHARS_HAN] + (" …" if len(body) > BODY_CHARS_HAN else "")
    else:
        words = body.split()
        start = " ".join(words[:BODY_WORDS]) + (" …" if len(words) > BODY_WORDS else "")
    lines = [f"### {number}. {title}"]
    # An excerpt that is only the body's first sentences would be read twice.
    if excerpt and not body.startswith(" ".join(excerpt.split()[:-1])[:200]):
        lines.append(f"Excerpt: {excerpt}")
    if start:
        lines.append(f"Body: {start}")
    return "\n".join(lines) + "\n"


def write_pool(corpus: str, rankings: dict[str, dict[str, list[str]]], articles: dict, depth: int) -> int:
    queries = read_tsv(GRADED / corpus / "queries.tsv")
    needs = dict(read_tsv(GRADED / corpus / "needs.tsv"))
    sheets = SHEETS / corpus
    sheets.mkdir(parents=True, exist_ok=True)
    pool_lines, pairs = [], 0
    for qid, query in queries:
        pool = sorted({doc for ranking in rankings.values() for doc in ranking.get(qid, [])[:depth]})
        pairs += len(pool)
        pool_lines += [f"{qid}\t{doc}\n" for doc in pool]
        # Item numbers in a fixed pseudo-random order: ids begin with the date, so their order would tell it.
        order = pool[:]
        random.Random(int(hashlib.sha256(f"{corpus}/{qid}".encode()).hexdigest(), 16)).shuffle(order)
        entries = [sheet_entry(number, articles[doc]) for number, doc in enumerate(order, start=1)]
        (sheets / f"judge-{qid}.md").write_text(
            f"# {qid}: {query}\n\nNeed: {needs[qid]}\n\nGrades: 0 not relevant, 1 mentions the topic, 2 substantially about the need, "
            f"3 exactly what the need asks for.\n\n" + "\n".join(entries), encoding="utf-8")
        (sheets / f"key-{qid}.tsv").write_text("".join(f"{n}\t{doc}\n" for n, doc in enumerate(order, start=1)), encoding="utf-8")
    (GRADED / corpus / "pool.tsv").write_text("".join(pool_lines), encoding="utf-8")
    print(f"{corpus}: {len(queries)} queries, {pairs} pooled pairs; sheets in {sheets}", file=sys.stderr)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--corpus", action="append", choices=sorted(INSIDE))
    parser.add_argument("--depth", type=int, default=20)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsq-graded-pool-"))
    for corpus in args.corpus or sorted(INSIDE):
        articles = load_corpus(SHARED / "corpora" / corpus)
        db = index_corpus(args.newsq, corpus, workdir)
        write_pool(corpus, all_rankings(args.newsq, corpus, db, articles, args.depth), articles, args.depth)


if __name__ == "__main__":
    main()
