#!/usr/bin/env python3
"""Snippets that cut a match: over every query of the evaluation sets and of the README.

A snippet holds a cut match when a highlight in it is only part of one of the query's phrases
(`…中共中央总书记[江]…` for 江泽民, `…domestic [interest]…` for "interest rates"), or when one
of the query's phrases stands whole in it without a highlight. The queries are those of
scripts/eval_ranking.py (cranfield, reuters-topics, known items in English and Chinese) and
scripts/eval_zh.py, run on the corpora they are made for, and the README's `newsq search`
examples on corpus/; each query's first 10 hits are checked (`newsq batch`, JSON Lines).
Phrases are read simply: quoted strings, else words; exclusions, field scopes, groups in
parentheses, NEAR and prefixes are left out, since their matches are not all highlighted.
"""
import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_ranking  # noqa: E402
import eval_zh  # noqa: E402

ROOT = eval_ranking.ROOT
HAN = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"\d+(?:[.,]\d+)*|[\w'’]+")


def phrases(query: str) -> list[str]:
    """The query's phrases, normalized; none for a query with NEAR."""
    if "NEAR(" in query:
        return []
    found = [p for p in re.findall(r'"([^"]+)"', query)]
    # A group matches, and is highlighted, only as a whole.
    for word in re.sub(r"\([^()]*\)", " ", re.sub(r'"[^"]*"', " ", query)).split():
        if word in ("OR", "AND", "NOT") or word.startswith("-") or ":" in word or word.endswith("*"):
            continue
        found.append(word)
    return [p for p in (eval_zh.normalize(p) for p in found) if WORD.search(p) and "(" not in p and ")" not in p]


def same_word(a: str, b: str) -> bool:
    """Equal, or close enough for the stemmer to have made them one (rate, rates)."""
    if a == b:
        return True
    common = len(next((a[:i] for i in range(min(len(a), len(b)), 0, -1) if a[:i] == b[:i]), ""))
    return common >= 3 and common >= min(len(a), len(b)) - 2


def holds(words: list[str], part: list[str]) -> bool:
    return any(all(same_word(w, p) for w, p in zip(words[i:i + len(part)], part)) for i in range(len(words) - len(part) + 1))


def is_cut(highlight: str, phrase: str) -> bool:
    """Whether `highlight` is a proper part of `phrase` and holds no whole phrase."""
    if HAN.search(phrase):
        return highlight in phrase and len(highlight) < len(phrase)
    words, parts = WORD.findall(highlight), WORD.findall(phrase)
    return 0 < len(words) < len(parts) and holds(parts, words)


def stands_in(phrase: str, text: str) -> bool:
    """Whether `phrase` stands whole in `text`: words whole, numbers whole."""
    if HAN.search(phrase):
        before = "(?<![0-9])" if phrase[0].isdigit() else "(?<![a-z])" if phrase[0].isascii() and phrase[0].isalpha() else ""
        after = "(?![0-9])" if phrase[-1].isdigit() else "(?![a-z])" if phrase[-1].isascii() and phrase[-1].isalpha() else ""
        return re.search(before + re.escape(phrase) + after, text) is not None
    pattern = r"[^\w'’]+".join(re.escape(w) for w in WORD.findall(phrase))
    # A word is whole between other characters than letters, apostrophes and inner dots (`r.a.e.`).
    return re.search(r"(?<![\w'’])(?<!\w\.)" + pattern + r"(?![\w'’])(?!\.\w)", text) is not None


def holds_whole(highlight: str, phrase: str) -> bool:
    """Whether a highlight holds the phrase, in any form the stemmer gives the same."""
    if HAN.search(phrase):
        return phrase in highlight
    return holds(WORD.findall(highlight), WORD.findall(phrase))


def cut_matches(snippet: str, query: str) -> list[str]:
    """What is wrong with a snippet (marked with <mark>), one line a problem."""
    wanted = phrases(query)
    problems = []
    for index, run in enumerate(re.split(r"</?mark>", snippet)):
        text = eval_zh.normalize(run)
        if index % 2 == 1:
            if not any(holds_whole(text, p) for p in wanted) \
                    and any(is_cut(text.strip(), p) for p in wanted):
                problems.append(f"part of a phrase highlighted: [{run}]")
        else:
            problems += [f"{p} not highlighted" for p in wanted if stands_in(p, text)]
    return problems


def readme_queries() -> list[str]:
    queries = []
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for line in (line for page in pages for line in page.read_text().splitlines()):
        if line.startswith("$ newsq search "):
            words = []
            for argument in shlex.split(line[len("$ newsq search "):], comments=True):
                if argument.startswith("--") or argument == "|":
                    break
                words.append(argument)
            queries.append(" ".join(words))
    return sorted(set(queries))


def run_batch(newsq: str, db: Path, queries: list[tuple[str, str]], workdir: Path) -> list[dict]:
    batch = workdir / "snippet-queries.jsonl"
    batch.write_text("".join(json.dumps({"qid": str(i), "query": q}) + "\n" for i, (_, q) in enumerate(queries)))
    out = subprocess.run([newsq, "batch", str(batch), "--db", str(db), "--format", "jsonl", "--limit", "10",
                          "--now", eval_ranking.NOW, "--quiet"], capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--workdir", help="keep the indexes here, and use those already there")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="newsq-snippet-eval-"))
    workdir.mkdir(parents=True, exist_ok=True)

    shared = eval_ranking.SHARED / "corpora"
    reuters = eval_ranking.load_corpus(shared / "en-reuters")
    powerapps = eval_ranking.load_corpus(shared / "en-powerapps")
    daily = eval_ranking.load_corpus(shared / "zh-peoples-daily")
    if (workdir / "cranfield").exists():
        shutil.rmtree(workdir / "cranfield")
    cranfield_dir, cranfield_queries, _ = eval_ranking.cranfield(workdir)
    sets = [
        ("cranfield", cranfield_dir, cranfield_queries),
        ("reuters-topics", shared / "en-reuters", eval_ranking.reuters_topics(reuters)[0]),
        ("known-item-en (reuters)", shared / "en-reuters", eval_ranking.known_items(reuters, 100, chinese=False, seed=7)[0]),
        ("known-item-en (powerapps)", shared / "en-powerapps", eval_ranking.known_items(powerapps, 100, chinese=False, seed=8)[0]),
        ("known-item-zh (peoples-daily)", shared / "zh-peoples-daily", eval_ranking.known_items(daily, 100, chinese=True, seed=9)[0]),
        ("chinese search (peoples-daily)", shared / "zh-peoples-daily", eval_zh.build_queries()),
        ("README examples (corpus/)", ROOT / "corpus", [(str(i), q) for i, q in enumerate(readme_queries())]),
    ]
    databases: dict[Path, Path] = {}
    rows, examples = [], []
    for name, directory, queries in sets:
        if directory not in databases:
            databases[directory] = workdir / f"{len(databases)}.sqlite"
            if not databases[directory].exists():
                print(f"indexing {directory.name} ...", file=sys.stderr)
                subprocess.run([args.newsq, "index", str(directory), "--db", str(databases[directory]), "--quiet"], capture_output=True)
        hits = run_batch(args.newsq, databases[directory], queries, workdir)
        cut = 0
        for hit in hits:
            problems = cut_matches(hit.get("snippet", ""), hit["query"])
            if problems:
                cut += 1
                if cut <= 5:
                    examples.append(f"{name}, {hit['query']!r}, {hit['id']}: {'; '.join(problems)}: {hit['snippet']}")
        rows.append((name, len(queries), len(hits), cut))

    total_hits, total_cut = sum(r[2] for r in rows), sum(r[3] for r in rows)
    lines = ["## Snippets that cut a match", "",
             f"Made by `scripts/eval` on {time.strftime('%Y-%m-%d')}: the first 10 hits of every query; a snippet "
             "counts when a highlight in it is only part of a phrase of the query, or a phrase stands in it whole "
             "without a highlight (scripts/eval_snippets.py).", "",
             "| queries | n | snippets | with a cut match |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {n} | {hits} | {cut} |" for name, n, hits, cut in rows]
    lines += [f"| **all** | {sum(r[1] for r in rows)} | {total_hits} | **{total_cut}** |", ""]
    report = "\n".join(lines)
    print(report)
    print(f"snippets holding a cut match: {total_cut} of {total_hits}")
    for example in examples:
        print("  " + example, file=sys.stderr)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench import replace_section
        replace_section(ROOT / "EVALUATION.md", "snippets", report)


if __name__ == "__main__":
    main()
