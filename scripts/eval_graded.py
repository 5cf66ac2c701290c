#!/usr/bin/env python3
"""Scores the rankings on the graded development sets (eval/graded/<corpus>/, see its README.md).

Each set with qrels is scored for the systems its pool was made from (scripts/graded_pool.py):
newsq's default ranking with --now inside the archive's span and long after it, newsq's relevance
alone, and SQLite FTS5 bm25 with the words ANDed and ORed. nDCG@10 uses the grades as gains
(2^grade - 1); P@10 and MAP count an article graded 2 or 3 as relevant. An article retrieved but
never judged counts as not relevant; the table says how many of the top-10 results were unjudged,
a check that the pool is deep enough for the system. Queries without an article graded 2 or more
are not scored. Sets not judged yet are listed with their pool size.
Writes the section `graded` of EVALUATION.md (unless --no-write).

Usage: scripts/eval_graded.py --newsq PATH [--no-write] [--per-query]
"""
import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_ranking import NOW, ROOT, SHARED, load_corpus, metrics  # noqa: E402
from graded_pool import GRADED, INSIDE, all_rankings, index_corpus, newsq_rankings, read_tsv  # noqa: E402

DEPTH = 100
RELEVANT = 2
# Scored but not pooled (their unjudged count shows how well the pool covers them): the defaults
# these sets were made to question, and the recency a user asks for.
FORMER_DEFAULTS = ["--rank", "recencyFloor=0.3", "--rank", "recencyScaleDays=365", "--rank", "qualityBoost=0.5"]


def extra_systems(corpus: str) -> list[tuple[str, list[str]]]:
    return [(f"newsq former defaults, now inside ({INSIDE[corpus][:10]})", ["--now", INSIDE[corpus], *FORMER_DEFAULTS]),
            (f"newsq --recent, now inside ({INSIDE[corpus][:10]})", ["--now", INSIDE[corpus], "--recent"])]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text().splitlines():
        fields = line.split()
        if len(fields) == 4:
            qrels.setdefault(fields[0], {})[fields[2]] = int(fields[3])
    return qrels


def score(ranking: list[str], grades: dict[str, int]) -> tuple[float, float, float, int]:
    """nDCG@10 with graded gains, P@10 and AP with grade >= RELEVANT, and the unjudged among the top 10."""
    ndcg = metrics(ranking, grades)[0]
    binary = metrics(ranking, {doc: 1 for doc, grade in grades.items() if grade >= RELEVANT})
    return ndcg, binary[4], binary[1], sum(1 for doc in ranking[:10] if doc not in grades)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--per-query", action="store_true", help="also print nDCG@10 per query and system")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsq-graded-eval-"))

    table = ["| set | queries | system | nDCG@10 | P@10 | MAP | unjudged in top 10 |", "|---|---:|---|---:|---:|---:|---:|"]
    notes, per_query = [], []
    for corpus in sorted(INSIDE):
        queries = read_tsv(GRADED / corpus / "queries.tsv")
        pool_size = len((GRADED / corpus / "pool.tsv").read_text().splitlines())
        qrels_file = GRADED / corpus / "qrels"
        if not qrels_file.exists():
            notes.append(f"- **{corpus}**: {len(queries)} queries, {pool_size:,} pooled pairs, not judged yet.")
            continue
        qrels = read_qrels(qrels_file)
        pairs = sum(len(g) for g in qrels.values())
        grades = Counter(g for q in qrels.values() for g in q.values())
        scored = [qid for qid, _ in queries if any(g >= RELEVANT for g in qrels.get(qid, {}).values())]
        notes.append(f"- **{corpus}**: {len(queries)} queries, {pool_size:,} pooled pairs, {pairs:,} judged "
                     f"({', '.join(f'grade {g}: {grades[g]}' for g in range(4))}); {len(scored)} queries have an article "
                     f"graded {RELEVANT} or more and are scored.")
        articles = load_corpus(SHARED / "corpora" / corpus)
        db = index_corpus(args.newsq, corpus, workdir)
        systems = all_rankings(args.newsq, corpus, db, articles, DEPTH)
        for name, arguments in extra_systems(corpus):
            systems[name] = newsq_rankings(args.newsq, db, GRADED / corpus / "queries.tsv", arguments, DEPTH)
        for system, rankings in systems.items():
            rows = [score(rankings.get(qid, []), qrels[qid]) for qid in scored]
            ndcg, p10, ap = (sum(r[i] for r in rows) / len(rows) for i in range(3))
            unjudged, shown = sum(r[3] for r in rows), sum(min(10, len(rankings.get(qid, []))) for qid in scored)
            label = f"**{system}**" if system.startswith("newsq,") else system
            table.append(f"| {corpus} | {len(scored)} | {label} | {ndcg:.3f} | {p10:.3f} | {ap:.3f} | "
                         f"{unjudged} of {shown} ({unjudged / max(shown, 1):.1%}) |")
            per_query += [f"| {corpus} | {qid} | {system} | {row[0]:.3f} |" for qid, row in zip(scored, rows)]
    report = (f"## Ranking on graded development sets\n\nMade by `scripts/eval` on {time.strftime('%Y-%m-%d')} "
              f"(`scripts/eval_graded.py`). Queries, need statements, pools and blind 0–3 judgments are in `eval/graded/` "
              f"(its README.md says how they were made). nDCG@10 uses the grades as gains (2^grade − 1); P@10 and MAP "
              f"(over the top {DEPTH}) count grade {RELEVANT} or 3 as relevant; an unjudged article counts as not relevant. "
              f"\"now inside\" ranks with `--now` in the last third of the archive's dates, \"now after\" with {NOW[:10]}; "
              f"relevance alone is `--rank recencyFloor=1 --rank qualityBoost=0`; former defaults are `{' '.join(FORMER_DEFAULTS)}` "
              f"(α 0.3, scale 365 d, β 0.5); fts5-bm25 is SQLite FTS5 `porter unicode61` "
              f"with its default bm25 over the same fields (Chinese: one token per character, each query word a phrase).\n\n"
              + "\n".join(notes) + "\n\n" + "\n".join(table) + "\n")
    print(report)
    if args.per_query:
        print("| set | query | system | nDCG@10 |\n|---|---|---|---:|\n" + "\n".join(per_query))
    if not args.no_write:
        from bench import replace_section
        replace_section(ROOT / "EVALUATION.md", "graded", report)


if __name__ == "__main__":
    main()
