#!/usr/bin/env python3
"""Where `newsq index` spends its instructions, English and Chinese, next to SQLite FTS5.

Copies a fixed slice of real articles (the first N files, by name, of en-reuters and of
zh-peoples-daily) to a temporary directory, indexes each slice under
`valgrind --tool=callgrind --separate-threads=no` (the workers and the writer summed), and sorts
every instruction into a bucket (reading and YAML, markup stripping, ICU segmentation, folding,
...). Prints a Markdown table, then the baseline: FTS5 `porter unicode61` indexing the same
English text through Python's sqlite3, also under callgrind, so newsq's instructions per MB can
be compared with FTS5's.

How instructions become buckets: a function named by a rule below takes its own (exclusive)
instructions; a function no rule names (ICU, SQLite and Swift standard library internals)
charges its instructions to its callers' buckets, in proportion to what each caller spent in it
(callgrind keeps caller → callee edges, not whole stacks). Debian's libsqlite3 is stripped, so
its internal functions have no names: SQLite's work is sorted by who called into it, and the
FTS5 porter stemmer cannot be told apart from FTS5 adding each token to its in-memory hash
(both run inside the tokenizer callback). The baseline, run once with `porter unicode61` and
once with `unicode61`, measures what porter alone costs on the same text.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SLICES = {"en": "en-reuters", "zh": "zh-peoples-daily"}
TEXT_COLUMNS = ("title", "excerpt", "body", "topics", "provider", "related")

# Buckets, in the order the table lists them.
READ = "reading files, front matter (YAML), article fields"
MARKUP = "markup stripping (Markdown/HTML)"
SEGMENT = "ICU segmentation (ubrk, break engines)"
FOLD = "folding (NFKC, case, traditional → simplified)"
PAIRS = "Chinese pairs and positions (HanRun)"
ANALYZER = "analyzer glue (Swift: tokens, language guess)"
REPLAY = "token replay (NewsqTokenizer, TokenReplay)"
PORTER = "porter + FTS5 adding each token (inside the tokenizer callback)"
SQLITE = "SQLite statements: `articles` rows + FTS5 segments, b-trees, commit"
GRDB = "GRDB statement glue (Swift)"
WRITER = "writer glue (Indexer, docids, rows)"
COUNTS = "term counts (TermCountTracker, TermStatistics, fts5vocab)"
MERGE = "final merge (FTS5 optimize)"
RUNTIME = "Swift runtime + allocation (retain/release, malloc/free)"
METADATA = "Swift type metadata, conformance lookups (dynamic casts)"
LOADER = "dynamic linking at start-up (ld.so)"
OTHER = "other (start-up, walker, thread pool, ...)"
ORDER = [READ, MARKUP, SEGMENT, FOLD, PAIRS, ANALYZER, REPLAY, PORTER, SQLITE, GRDB, WRITER, COUNTS,
         MERGE, RUNTIME, METADATA, LOADER, OTHER]

# (pattern on the demangled name, bucket): the first match names the function. A `label` rule
# also hands its bucket down to the unnamed code it calls; an `own` rule only takes its own
# instructions, and the code below it keeps its callers' buckets (allocation, GRDB).
LABEL_RULES = [
    (r"optimizeFullTextIndex", MERGE),
    (r"TermCountTracker|TermStatistics|refreshTermStatistics", COUNTS),
    (r"NewsqTokenizer|TokenReplay|tokenizeText|PreanalysedText\.tokens", REPLAY),
    (r"HanRun", PAIRS),
    (r"\bnq_fold|nq_simplified_han|normalize_into_other|has_accentable|build_simplified_table|"
     r"TokenFolder|unorm2_|u_foldCase|u_strFoldCase|ucase_|Normalizer2|ReorderingBuffer", FOLD),
    (r"nq_word_breaker|ubrk_|BreakIterator|BreakEngine|BreakCache|DictionaryMatcher|utext_|"
     r"WordSegmenter", SEGMENT),
    (r"MarkupStripper|InlineStripper|HTMLTag|HTMLEntities", MARKUP),
    (r"^\$s4Yams|\byaml_|SimpleFrontMatter|FrontMatter|YAMLShapeGuard|ArticleParser|FileReading|"
     r"PlainTextFile|FieldText|DateParsing|CorpusFile|ExactID|^(__libc_|__GI___libc_)?read$|"
     r"Indexer\.outcome|Indexer\.BatchRead|ArticleRow", READ),
    (r"Analyzer|AnalyzerPool|LanguageGuess|Language\.guess|WholeWords|WordKind|\bToken\b", ANALYZER),
    (r"Indexer\.(apply|finish|prepare|knownFiles|duplicateURLs|writingOrder|removeArticle|removeFromFullText)|"
     r"DocidAllocator|ArticleStore|ChronologicalDocids", WRITER),
]
OWN_RULES = [
    (r"swift_conformsToProtocol|ConformanceCandidate|swift::equalContexts|swift_getTypeByMangledName|"
     r"swift_getGenericMetadata|swift_dynamicCast|swift_checkMetadataState|swift::Demangle|MetadataCache", METADATA),
    (r"^swift_|^_swift_|^__tls_get_addr|^(__libc_)?(malloc|free|calloc|realloc|cfree)$|^_int_(malloc|free|realloc)|"
     r"^malloc_consolidate|^tcache_|^unlink_chunk|^operator (new|delete)|^sysmalloc|^_?int_memalign", RUNTIME),
    (r"^\$s4GRDB", GRDB),
]
# Code in these objects takes its own instructions, whoever calls it (an own rule).
OBJECT_RULES = [(r"/ld-linux[^/]*$", LOADER)]
# Unnamed SQLite code takes its callers' bucket through this map (anything else → SQLITE).
SQLITE_MAP = {REPLAY: PORTER, COUNTS: COUNTS, MERGE: MERGE}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Reading callgrind's output

NAMED = re.compile(r"^\((\d+)\)(?: (.*))?$")


def parse_callgrind(path: Path):
    """Exclusive instructions per (object, function) and inclusive instructions per call edge."""
    names: dict[str, dict[str, str]] = {"ob": {}, "fn": {}}
    exclusive: dict[tuple, int] = defaultdict(int)
    edges: dict[tuple, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    ob = fn = cfob = cfn = None
    in_call = False
    total = 0

    def name(kind: str, value: str) -> str:
        match = NAMED.match(value)
        if not match:
            return value
        if match.group(2) is not None:
            names[kind][match.group(1)] = match.group(2)
        return names[kind].get(match.group(1), value)

    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            head = line[:1]
            if head.isdigit() or head in "+-*":
                parts = line.split()
                cost = int(parts[1]) if len(parts) > 1 else 0
                if in_call:
                    # A call's object is named only when it differs from the caller's.
                    edges[(ob, fn)][(cfob or ob, cfn)] += cost
                    in_call, cfob = False, None
                else:
                    exclusive[(ob, fn)] += cost
                continue
            if line.startswith(("summary:", "totals:")):
                total = max(total, int(line.split()[1]))
                continue
            key, _, value = line.rstrip("\n").partition("=")
            if key == "ob":
                ob = name("ob", value)
            elif key == "fn":
                fn, cfob, cfn = name("fn", value), None, None
            elif key in ("cob", "cfob"):
                cfob = name("ob", value)
            elif key == "cfn":
                cfn = name("fn", value)
            elif key == "calls":
                in_call = True
    return exclusive, edges, total


def demangle(symbols: list[str]) -> dict[str, str]:
    """Swift names as `swift demangle --simplified` prints them (the others unchanged)."""
    swift = sorted({s for s in symbols if s.startswith(("$s", "_$s", "$S"))})
    if not swift or not shutil.which("swift"):
        return {}
    out = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(swift), capture_output=True,
                         text=True).stdout.splitlines()
    return dict(zip(swift, out)) if len(out) == len(swift) else {}


# ---------------------------------------------------------------------------------------------
# Instructions into buckets

def classify(name: str, mangled: str = ""):
    """(bucket of its own instructions, bucket it hands down), either None. The demangled
    names omit modules: a rule naming a module matches the mangled name (`$s4GRDB`)."""
    def matches(pattern: str) -> bool:
        # Only module rules read the mangled name, whose signature names other types too.
        return bool(re.search(pattern, mangled if pattern.startswith("^\\$s") else name))

    for pattern, bucket in OWN_RULES:
        if matches(pattern):
            return bucket, None
    for pattern, bucket in LABEL_RULES:
        if matches(pattern):
            return bucket, bucket
    return None, None


def buckets_of(exclusive, edges) -> dict[str, int]:
    nodes = set(exclusive) | set(edges) | {callee for calls in edges.values() for callee in calls}
    plain = demangle([fn for _, fn in nodes if fn])
    callers: dict[tuple, list[tuple[tuple, int]]] = defaultdict(list)
    for caller, calls in edges.items():
        for callee, cost in calls.items():
            if callee != caller and cost > 0:
                callers[callee].append((caller, cost))

    own, label = {}, {}
    for node in nodes:
        fn = plain.get(node[1], node[1] or "")
        own[node], label[node] = classify(fn, node[1] or "")
        for pattern, bucket in OBJECT_RULES:
            if not own[node] and re.search(pattern, node[0] or ""):
                own[node] = bucket

    memo: dict[tuple, dict[str, float]] = {}
    busy: set[tuple] = set()

    def mix(node) -> dict[str, float]:
        """The buckets `node`'s unnamed work belongs to, as shares summing to 1."""
        if label[node]:
            return {label[node]: 1.0}
        if node in memo:
            return memo[node]
        busy.add(node)
        shares: dict[str, float] = defaultdict(float)
        weight = 0
        for caller, cost in callers.get(node, []):
            if caller in busy:
                continue
            for bucket, share in mix(caller).items():
                shares[bucket] += share * cost
            weight += cost
        busy.discard(node)
        result = {b: s / weight for b, s in shares.items()} if weight else {OTHER: 1.0}
        memo[node] = result
        return result

    sys.setrecursionlimit(100_000)
    totals: dict[str, float] = defaultdict(float)
    for node, cost in exclusive.items():
        if own[node]:
            totals[own[node]] += cost
            continue
        in_sqlite = "libsqlite3" in (node[0] or "")
        for bucket, share in mix(node).items():
            if in_sqlite:
                bucket = SQLITE_MAP.get(bucket, SQLITE)
            totals[bucket] += cost * share
    return {bucket: round(cost) for bucket, cost in totals.items()}


# ---------------------------------------------------------------------------------------------
# Runs

# The last steps of a run get a callgrind file each (`--dump-before` their entry), so the SQLite
# work of the term count and of the merge is not mixed with the batches' statements.
PHASES = ("*optimizeFullTextIndex*", "*refreshTermStatistics*")


def callgrind(command: list[str], out: Path, phases=()) -> float:
    start = time.perf_counter()
    subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=no", f"--callgrind-out-file={out}",
                    *(f"--dump-before={phase}" for phase in phases), *command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def profile(out: Path) -> tuple[dict[str, int], int]:
    """Buckets and total instructions over every part callgrind wrote for `out`."""
    buckets: dict[str, int] = defaultdict(int)
    total = 0
    for part in sorted(out.parent.glob(out.name + "*")):
        exclusive, edges, part_total = parse_callgrind(part)
        for bucket, cost in buckets_of(exclusive, edges).items():
            buckets[bucket] += cost
        total += part_total
    return buckets, total


def copy_slice(source: Path, target: Path, count: int) -> int:
    target.mkdir(parents=True)
    files = sorted(p for p in source.iterdir() if p.is_file())[:count]
    for path in files:
        shutil.copy2(path, target / path.name)
    return sum(p.stat().st_size for p in files)


def text_of(db: Path) -> list[list[str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return [list(row) for row in con.execute(f"SELECT {', '.join(TEXT_COLUMNS)} FROM articles ORDER BY docid")]


def native_run(newsq: str, corpus: Path, db: Path) -> dict:
    """One run outside valgrind: wall and CPU seconds."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([newsq, "index", str(corpus), "--db", str(db), "--quiet"], check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu}


def perf_stat(newsq: str, corpus: Path, db: Path) -> str:
    """`perf stat`'s instruction count when this machine exposes the counter, else why not."""
    if not shutil.which("perf"):
        return "perf is not installed"
    probe = subprocess.run(["perf", "stat", "-x,", "-e", "instructions", "true"], capture_output=True, text=True)
    if probe.returncode != 0 or "not supported" in probe.stderr or "<not" in probe.stderr:
        return "perf stat: the instructions counter is not available on this machine (virtual CPU)"
    result = subprocess.run(["perf", "stat", "-x,", "-e", "instructions,task-clock", newsq, "index", str(corpus),
                             "--db", str(db), "--quiet"], capture_output=True, text=True)
    return "perf stat: " + "; ".join(line for line in result.stderr.splitlines() if line.strip())


BASELINE = r"""
import json, sqlite3, sys
mode, texts, db = sys.argv[1], sys.argv[2], sys.argv[3]
rows = json.load(open(texts, encoding="utf-8"))
if mode != "dry":
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(title, excerpt, body, topics, provider, related, "
                f"tokenize='{mode}')")
    con.execute("BEGIN")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")
    con.close()
"""


def baseline(texts: Path, work: Path) -> dict:
    """FTS5's instructions for the same text: each tokenizer's run minus a run that only loads the rows."""
    script = work / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    result = {}
    for mode in ("dry", "porter unicode61", "unicode61"):
        out = work / f"baseline-{mode.replace(' ', '-')}.out"
        db = work / f"baseline-{mode.replace(' ', '-')}.sqlite"
        callgrind([sys.executable, str(script), mode, str(texts), str(db)], out)
        result[mode] = parse_callgrind(out)[2]
    return {"porter unicode61": result["porter unicode61"] - result["dry"],
            "unicode61": result["unicode61"] - result["dry"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsq", required=True)
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--files", type=int, default=2000, help="files per corpus (the first, by name)")
    parser.add_argument("--keep", type=Path, help="keep the callgrind files here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsq-profile-index."))
    try:
        # Valgrind 3.19 gives up on the DWARF 5 of a `-Xswiftc -g` build; the symbol table, which
        # names the functions, survives `--strip-debug`.
        newsq = str(work / "newsq")
        subprocess.run(["objcopy", "--strip-debug", args.newsq, newsq], check=True)
        rows, notes, per_mb = {}, [], {}
        for lang, name in SLICES.items():
            corpus = work / lang / "corpus"
            file_bytes = copy_slice(args.shared / "corpora" / name, corpus, args.files)
            native = native_run(newsq, corpus, work / lang / "native.sqlite")
            perf = perf_stat(newsq, corpus, work / lang / "perf.sqlite")
            out = work / lang / "callgrind.out"
            log(f"{lang}: callgrind on newsq index of {args.files} files ...")
            seconds = callgrind([newsq, "index", str(corpus), "--db", str(work / lang / "index.sqlite"),
                                 "--quiet"], out, PHASES)
            buckets, total = profile(out)
            texts = text_of(work / lang / "index.sqlite")
            text_bytes = sum(len(field.encode("utf-8")) for row in texts for field in row)
            (work / lang / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
            rows[lang] = {"total": total, "buckets": buckets, "text_mb": text_bytes / 1e6,
                          "articles": len(texts)}
            per_mb[lang] = total / (text_bytes / 1e6)
            notes.append(f"{lang}: {name}, first {args.files} files ({file_bytes / 1e6:.1f} MB of files, "
                         f"{len(texts):,} articles, {text_bytes / 1e6:.2f} MB of searchable text); "
                         f"natively {native['wall']:.2f} s wall, {native['cpu']:.2f} s CPU; "
                         f"{total / 1e6:,.0f} M instructions under callgrind ({seconds:.0f} s); {perf}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                for part in out.parent.glob(out.name + "*"):
                    shutil.copy2(part, args.keep / part.name.replace("callgrind", f"callgrind-{lang}"))

        # What any run costs whatever its size (loading, Swift metadata, schema, ICU data): one file.
        one = work / "one"
        copy_slice(args.shared / "corpora" / SLICES["en"], one / "corpus", 1)
        callgrind([newsq, "index", str(one / "corpus"), "--db", str(one / "index.sqlite"), "--quiet"],
                  one / "callgrind.out")
        fixed = sum(parse_callgrind(part)[2] for part in one.glob("callgrind.out*"))

        log("baseline: FTS5 on the same English text ...")
        fts5 = baseline(work / "en" / "texts.json", work / "en")
        en_mb = rows["en"]["text_mb"]

        print("| bucket | English M instr | English % | Chinese M instr | Chinese % |")
        print("|---|---:|---:|---:|---:|")
        for bucket in ORDER:
            cells = []
            for lang in SLICES:
                cost, total = rows[lang]["buckets"].get(bucket, 0), rows[lang]["total"]
                cells += [f"{cost / 1e6:,.0f}", f"{100 * cost / total:.1f}"]
            print(f"| {bucket} | " + " | ".join(cells) + " |")
        totals = [c for lang in SLICES for c in (f"**{rows[lang]['total'] / 1e6:,.0f}**", "100")]
        print("| **total** | " + " | ".join(totals) + " |")
        per = [c for lang in SLICES for c in (f"{per_mb[lang] / 1e6:,.0f}", "")]
        print("| M instr per MB of text | " + " | ".join(per) + " |")
        net = [c for lang in SLICES
               for c in (f"{(rows[lang]['total'] - fixed) / rows[lang]['text_mb'] / 1e6:,.0f}", "")]
        print("| the same, net of a one-file run | " + " | ".join(net) + " |")
        print()
        fts5_mb = fts5["porter unicode61"] / en_mb
        porter = fts5["porter unicode61"] - fts5["unicode61"]
        print(f"Baseline, same English text: FTS5 `porter unicode61` {fts5['porter unicode61'] / 1e6:,.0f} M "
              f"instructions ({fts5_mb / 1e6:,.0f} M per MB), `unicode61` {fts5['unicode61'] / 1e6:,.0f} M, "
              f"so porter alone {porter / 1e6:,.0f} M; newsq English costs {per_mb['en'] / fts5_mb:.1f}× "
              f"FTS5 `porter unicode61`'s instructions per MB "
              f"({(rows['en']['total'] - fixed) / en_mb / fts5_mb:.1f}× net of a one-file run).")
        print()
        print(f"A run of one file (start-up, Swift metadata, schema, ICU data): {fixed / 1e6:,.0f} M instructions. "
              "All threads summed (`--separate-threads=no`): the workers' and the writer's instructions together.")
        print()
        for note in notes:
            print(f"- {note}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
