#!/usr/bin/env python3
"""Chinese evaluation: segmentation against gold, search against a substring oracle.

The query set is built deterministically from the People's Daily gold segmentation: frequent,
mid-frequency and rare words of 2-6 characters, strings that cross a word boundary (words that
sit inside longer words, or touch across one), dates and numbers with units, and traditional and
full-width variants of some of them. The truth for a query is every article whose normalized
text (NFKC, case folded, traditional -> simplified with newsq's own table) contains the
normalized query, numbers matched whole (`1月` is not in `11月`).
"""
import argparse
import collections
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "zh-peoples-daily"
GOLD = SHARED / "data" / "seg-gold"
HAN = re.compile(r"^[\u3400-\u9fff]+$")


# --- normalization, the oracle's side -------------------------------------------------------

def load_simplified_table() -> dict[str, str]:
    text = (ROOT / "Sources" / "CNewsqICU" / "han_simplified_pairs.h").read_text()
    return {chr(int(a, 16)): chr(int(b, 16)) for a, b in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", text)}


SIMPLIFIED = load_simplified_table()
TRADITIONAL = {}
for trad, simp in sorted(SIMPLIFIED.items()):
    TRADITIONAL.setdefault(simp, trad)


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(SIMPLIFIED.get(c, c) for c in text)


def to_full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# --- segmentation ---------------------------------------------------------------------------

def spans(words: list[str]) -> set[tuple[int, int]]:
    result, position = set(), 0
    for word in words:
        result.add((position, position + len(word)))
        position += len(word)
    return result


def segmentation_scores(newsq: str) -> list[dict]:
    sets = [("PKU", GOLD / "pku_test_gold.utf8"), ("MSR", GOLD / "msr_test_gold.utf8"),
            ("People's Daily 1998-01", GOLD / "peoples-daily-199801.gold.utf8")]
    rows = []
    for name, gold_path in sets:
        gold_lines = [line.split() for line in gold_path.read_text(encoding="utf-8").splitlines()]
        gold_lines = [words for words in gold_lines if words]
        raw = "\n".join("".join(words) for words in gold_lines) + "\n"
        out = subprocess.run([newsq, "analyze", "--segments"], input=raw, capture_output=True, text=True, check=True)
        predicted_lines = out.stdout.splitlines()
        assert len(predicted_lines) == len(gold_lines), name
        correct = predicted = gold = 0
        for gold_words, predicted_line in zip(gold_lines, predicted_lines):
            g, p = spans(gold_words), spans(predicted_line.split())
            correct += len(g & p)
            predicted += len(p)
            gold += len(g)
        precision, recall = correct / predicted, correct / gold
        rows.append({"set": name, "precision": precision, "recall": recall,
                     "f1": 2 * precision * recall / (precision + recall), "words": gold})
    return rows


# --- the corpus and the query set -----------------------------------------------------------

def load_articles() -> dict[str, dict]:
    articles = {}
    for path in sorted(CORPUS.glob("*.md")):
        raw = path.read_text(encoding="utf-8")
        _, front, body = raw.split("---\n", 2)
        meta = yaml.safe_load(front)
        fields = [meta.get("title") or "", meta.get("excerpt") or "", body,
                  (meta.get("provider") or {}).get("name") or "", "\n".join(meta.get("topics") or [])]
        articles[path.stem] = {"fields": fields, "normalized": "\n".join(normalize(f) for f in fields)}
    return articles


def build_queries(seed: int = 1998) -> list[tuple[str, str]]:
    """(category, query) pairs, deterministic for a seed."""
    rng = random.Random(seed)
    lines = [line.split() for line in (GOLD / "peoples-daily-199801.gold.utf8").read_text(encoding="utf-8").splitlines()]
    counts = collections.Counter(w for words in lines for w in words if HAN.match(w) and 2 <= len(w) <= 6)
    ranked = [w for w, _ in counts.most_common()]
    queries = []
    queries += [("frequent word", w) for w in rng.sample(ranked[:300], 25)]
    queries += [("mid-frequency word", w) for w in rng.sample(ranked[300:3000], 25)]
    rare = [w for w, c in counts.items() if 3 <= c <= 10]
    queries += [("rare word", w) for w in rng.sample(sorted(rare), 20)]
    long_words = sorted(w for w in counts if len(w) >= 4 and counts[w] >= 3)
    queries += [("4-6 character word", w) for w in rng.sample(long_words, 10)]
    # Strings that cross a word boundary: end of one word + start of the next.
    crossing = []
    for words in rng.sample(lines, 4000):
        for a, b in zip(words, words[1:]):
            if HAN.match(a) and HAN.match(b) and len(a) >= 2 and len(b) >= 2:
                crossing.append(a[-1] + b[:1] if rng.random() < 0.5 else a[-1] + b[:2])
    queries += [("crosses a word boundary", q) for q in rng.sample(sorted(set(crossing)), 20)]
    # Words inside longer words: a 2-character word that also occurs inside a longer gold word.
    inside = sorted({w for w in ranked[:2000] if len(w) == 2 and any(w in longer for longer in long_words[:3000] if longer != w)})
    queries += [("inside longer words", w) for w in rng.sample(inside, 10)]
    queries += [("date or number", q) for q in ["1998年", "１９９８年", "1月", "１２月３１日", "二○○○年", "10%", "ＷＴＯ", "wto"]]
    base = [q for _, q in queries if any(c in TRADITIONAL for c in q)]
    queries += [("traditional form", "".join(TRADITIONAL.get(c, c) for c in q)) for q in rng.sample(base, 15)]
    return queries


# --- engines --------------------------------------------------------------------------------

def newsq_hits(newsq: str, db: str, query: str) -> tuple[set[str], float]:
    start = time.perf_counter()
    out = subprocess.run([newsq, "search", query, "--db", db, "--format", "json", "--limit", "10000"],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        return set(), elapsed
    return {hit["id"] for hit in json.loads(out.stdout)["hits"]}, elapsed


def baseline_database(articles: dict, tokenizer: str) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, excerpt, body, provider, topics, tokenize='{tokenizer}')")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [(k, *a["fields"]) for k, a in articles.items()])
    return connection


def baseline_hits(connection: sqlite3.Connection, query: str) -> set[str]:
    try:
        return {row[0] for row in connection.execute("SELECT id FROM t WHERE t MATCH ?", ['"' + query.replace('"', '""') + '"'])}
    except sqlite3.OperationalError:
        return set()


def oracle_matches(needle: str, text: str) -> bool:
    """Substring search, except that numbers match whole: `1月` (January) is not in `11月`."""
    if not (needle[0].isdigit() or needle[-1].isdigit()):
        return needle in text
    pattern = ("(?<![0-9])" if needle[0].isdigit() else "") + re.escape(needle) + ("(?![0-9])" if needle[-1].isdigit() else "")
    return re.search(pattern, text) is not None


def score(truth: set[str], found: set[str]) -> tuple[float, float]:
    recall = len(truth & found) / len(truth) if truth else 1.0
    precision = len(truth & found) / len(found) if found else (1.0 if not truth else 0.0)
    return recall, precision


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-segmentation", action="store_true", help="only the search evaluation (for older builds)")
    args = parser.parse_args()

    segmentation = []
    if not args.skip_segmentation:
        print("segmentation ...", file=sys.stderr)
        segmentation = segmentation_scores(args.newsq)

    print("loading articles and building the query set ...", file=sys.stderr)
    articles = load_articles()
    queries = build_queries()
    workdir = tempfile.mkdtemp(prefix="newsq-eval-")
    db = f"{workdir}/pd.sqlite"
    subprocess.run([args.newsq, "index", str(CORPUS), "--db", db, "--quiet"], check=True)
    baselines = {"unicode61": baseline_database(articles, "unicode61"), "trigram": baseline_database(articles, "trigram")}

    print(f"running {len(queries)} queries ...", file=sys.stderr)
    rows, latencies = [], []
    for category, query in queries:
        truth = {k for k, a in articles.items() if oracle_matches(normalize(query), a["normalized"])}
        found, elapsed = newsq_hits(args.newsq, db, query)
        latencies.append(elapsed * 1000)
        row = {"category": category, "query": query, "truth": len(truth), "newsq": score(truth, found), "found": len(found)}
        for name, connection in baselines.items():
            row[name] = score(truth, baseline_hits(connection, query))
        rows.append(row)

    engines = ["newsq", "unicode61", "trigram"]

    def overall(selected: list[dict], engine: str) -> tuple[float, float, float]:
        recalls = [r[engine][0] for r in selected]
        precisions = [r[engine][1] for r in selected]
        return sum(recalls) / len(recalls), sum(precisions) / len(precisions), min(recalls)

    lines = ["## Chinese analysis and search", "",
             f"Made by `scripts/eval` on {time.strftime('%Y-%m-%d')} (release build, ../shared data). "
             "Recall and precision are averaged over queries (macro); min recall is the worst query.", "",
             "## Word segmentation (ICU, as newsq uses it) against gold", "",
             "| gold set | words | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for s in segmentation:
        lines.append(f"| {s['set']} | {s['words']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += ["", "For reference (../shared/README.md): ICU 72 PKU .767/.824/.795, MSR .750/.837/.791; "
              "jieba (HMM off) PKU .859/.814/.836. newsq's search does not depend on these figures: "
              "queries match Chinese by character pairs (see README).", "",
              f"## Chinese search against a substring oracle (zh-peoples-daily, {len(articles)} articles, {len(queries)} queries)", "",
              "| queries | n | newsq recall | newsq precision | newsq min recall | unicode61 recall | unicode61 precision | trigram recall | trigram precision |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    categories = list(dict.fromkeys(r["category"] for r in rows)) + ["all"]
    for category in categories:
        selected = rows if category == "all" else [r for r in rows if r["category"] == category]
        n = overall(selected, "newsq")
        u = overall(selected, "unicode61")
        t = overall(selected, "trigram")
        label = f"**{category}**" if category == "all" else category
        lines.append(f"| {label} | {len(selected)} | {n[0]:.3f} | {n[1]:.3f} | {n[2]:.3f} | {u[0]:.3f} | {u[1]:.3f} | {t[0]:.3f} | {t[1]:.3f} |")
    latencies.sort()
    lines += ["", f"newsq latency per query (whole process, `--limit 10000`): p50 {latencies[len(latencies)//2]:.0f} ms, "
              f"p95 {latencies[int(len(latencies)*0.95)]:.0f} ms.", "",
              "### Per query", "", "| category | query | truth | newsq found | newsq R | newsq P | unicode61 R | trigram R |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['category']} | {r['query']} | {r['truth']} | {r['found']} | {r['newsq'][0]:.2f} | "
                     f"{r['newsq'][1]:.2f} | {r['unicode61'][0]:.2f} | {r['trigram'][0]:.2f} |")
    report = "\n".join(lines) + "\n"
    summary = "\n".join(lines[: lines.index("### Per query")])
    print(summary)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench import replace_section
        replace_section(ROOT / "EVALUATION.md", "chinese", report.replace("\n## ", "\n### ").replace("\n### Per query", "\n#### Per query"))


if __name__ == "__main__":
    main()
