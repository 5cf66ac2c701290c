#!/usr/bin/env python3
"""Did-you-mean on typos made from real query words: the words of five letters or more of the graded
queries of en-reuters and en-powerapps (eval/graded/*/queries.tsv) and of the Reuters topic queries,
each given one random edit (a letter dropped, doubled, replaced, or two neighbours swapped; fixed
seed). Only typos that match no article are kept, as a user would meet them. Reports the share where
newsq's first suggestion is the intended word, and where it suggests nothing.

Usage: scripts/eval_suggestions.py --newsq PATH [--no-write]
Prints a Markdown table and, unless --no-write, puts it in EVALUATION.md under its heading.
"""
import argparse
import json
import random
import re
import string
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import replace_section  # noqa: E402
from eval_ranking import ROOT, SHARED, TOPIC_QUERIES  # noqa: E402

HEADING = "## Did you mean: suggestions for typos"
CORPORA = {"en-reuters": "1988-01-01", "en-powerapps": "2026-11-28"}


def typo(word: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(word))  # the first letter stays: people rarely mistype it
    kind = rng.choice(["drop", "double", "replace", "swap"])
    if kind == "drop":
        return word[:position] + word[position + 1:]
    if kind == "double":
        return word[:position] + word[position] + word[position:]
    if kind == "replace":
        return word[:position] + rng.choice([c for c in string.ascii_lowercase if c != word[position]]) + word[position + 1:]
    position = min(position, len(word) - 2)
    return word[:position] + word[position + 1] + word[position] + word[position + 2:]


def query_words(corpus: str) -> list[str]:
    texts = [line.split("\t", 1)[1] for line in (ROOT / "eval/graded" / corpus / "queries.tsv").read_text().splitlines() if "\t" in line]
    if corpus == "en-reuters":
        texts += list(TOPIC_QUERIES.values())
    return sorted({w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text) if len(w) >= 5})


def search(newsq: str, db: Path, text: str, now: str) -> dict:
    done = subprocess.run([newsq, "search", text, "--db", str(db), "--format", "json", "--strict", "--limit", "1", "--now", now],
                          capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else {}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for corpus, now in CORPORA.items():
            db = Path(work) / f"{corpus}.sqlite"
            subprocess.run([options.newsq, "index", str(SHARED / "corpora" / corpus), "--db", str(db), "--quiet"], capture_output=True)
            rng = random.Random(20261206)
            tried = right = silent = 0
            for word in query_words(corpus):
                if search(options.newsq, db, word, now).get("total", 0) == 0:
                    continue  # the intended word itself must be in the archive
                wrong = typo(word, rng)
                answer = search(options.newsq, db, wrong, now)
                if answer.get("total", 1) != 0:
                    continue  # a typo that is itself a word of the archive is not a typo to a search engine
                tried += 1
                suggestion = (answer.get("didYouMean") or "").lower()
                right += suggestion == word
                silent += not suggestion
            rows.append((corpus, tried, right, silent))
    lines = [HEADING, "",
             "`scripts/eval_suggestions.py` (run by `scripts/eval`): one random edit (a letter dropped, doubled, replaced, or two "
             "neighbours swapped; the first letter kept; fixed seed) to each query word of five letters or more of the graded "
             "queries (and, for en-reuters, the topic queries), kept when the typo matches no article.", "",
             "| corpus | typos | intended word suggested first | no suggestion |", "|---|---:|---:|---:|"]
    lines += [f"| {corpus} | {tried} | {right / max(tried, 1):.3f} ({right}) | {silent / max(tried, 1):.3f} ({silent}) |"
              for corpus, tried, right, silent in rows]
    table = "\n".join(lines) + "\n"
    print(table)
    if not options.no_write:
        replace_section(ROOT / "EVALUATION.md", "suggestions", table)

if __name__ == "__main__":
    main()
