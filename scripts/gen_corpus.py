#!/usr/bin/env python3
"""Writes a generated news archive in the newsq article format, for benchmarks at scale.

    scripts/gen-corpus N DIR [--seed S] [--zh-share 0.4] [--jobs J] [--builtin] [--check]

N articles, English and Chinese mixed (40% Chinese by default), published over five years
(2021-2025, `Z` and offset times), in DIR/YYYY/MM/ (DIR/YYYY/MM/DD/ when a month would hold more
than 4,000 files). Fields and sizes follow the real corpora in ../shared/corpora: quality spread
like en-powerapps (15% missing), heat, provider, topics, some related[], images and secured
blobs, a Markdown body on most articles, the odd CRLF file and BOM.

Text is sampled from ../shared where present (en-reuters and en-powerapps sentences and
headlines, zh-headlines, zh-peoples-daily sentences) and from a small built-in generator
otherwise (or with --builtin), plus made-up names so the vocabulary keeps growing with the
corpus as real archives do. The same N, seed and sources give byte-identical files, whatever
--jobs is: articles are made in chunks, each from its own seeded random generator.

Standard library only (PyYAML is used by --check, which parses a sample back).
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import os
import random
import re
import sys
import time
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from json.encoder import encode_basestring
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

CHUNK = 5_000                       # articles per seeded chunk (the unit of parallel work)
START = datetime(2021, 1, 1, tzinfo=timezone.utc)
SPAN_SECONDS = 5 * 365 * 86_400 + 86_400   # 2021-01-01 .. 2025-12-31 (one leap day)
MONTHS = 60
MAX_PER_MONTH_FOLDER = 4_000

# Quality percentiles of ../shared/corpora/en-powerapps (p0, p5, ..., p100), interpolated.
QUALITY_PERCENTILES = [0, 31, 37, 48, 54, 59, 64, 68, 71, 72, 72, 72, 72, 77, 86, 87, 87, 89, 98, 104, 189]

EN_PROVIDERS = [
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("BBC News", "bbc.co.uk"),
    ("The Guardian", "theguardian.com"), ("Bloomberg", "bloomberg.com"), ("Financial Times", "ft.com"),
    ("The Verge", "theverge.com"), ("TechCrunch", "techcrunch.com"), ("Ars Technica", "arstechnica.com"),
    ("ZDNet", "zdnet.com"), ("VentureBeat", "venturebeat.com"), ("Microsoft", "microsoft.com"),
    ("Neowin", "neowin.net"), ("Digital Journal", "digitaljournal.com"), ("Wired", "wired.com"),
    ("CNBC", "cnbc.com"), ("Politico", "politico.com"), ("South China Morning Post", "scmp.com"),
    ("Nikkei Asia", "asia.nikkei.com"), ("Electronic Design", "electronicdesign.com"),
    ("syncedreview", "syncedreview.com"), ("The Register", "theregister.com"),
]
ZH_PROVIDERS = [
    ("人民日报", "people.com.cn"), ("新华社", "xinhuanet.com"), ("新浪新闻", "sina.com.cn"),
    ("今日头条", "toutiao.com"), ("澎湃新闻", "thepaper.cn"), ("财新网", "caixin.com"),
    ("中国新闻网", "chinanews.com.cn"), ("环球时报", "huanqiu.com"), ("第一财经", "yicai.com"),
    ("36氪", "36kr.com"), ("界面新闻", "jiemian.com"), ("联合早报", "zaobao.com"),
]
EN_TOPICS = [
    "AI", "AI Ethics", "Regulation", "Semiconductors", "Cloud", "Security", "Markets", "Energy",
    "Oil", "Trade", "Economy", "Banking", "Crypto", "Climate", "Elections", "Health", "Space",
    "Power Apps", "Canvas apps", "Model-driven apps", "Portals", "Teams integration", "AI Builder",
    "earn", "acq", "money-fx", "grain", "crude", "interest", "ship", "coffee", "sugar", "gold",
]
ZH_TOPICS = [
    "人工智能", "监管", "财经", "科技", "体育", "娱乐", "教育", "房产", "时政", "游戏", "社会",
    "国际", "军事", "汽车", "旅游", "农业", "股票", "芯片", "新能源", "医疗", "文化", "数据安全",
]
TYPES = ["article"] * 96 + ["video"] * 3 + ["podcast"]
EN_OFFSETS = ["Z"] * 12 + ["-05:00", "-04:00", "-07:00", "+01:00", "+00:00", "-08:00", "+02:00", "+05:30"]
ZH_OFFSETS = ["Z"] * 5 + ["+08:00"] * 5

# Characters YAML does not allow in a double-quoted scalar even escaped the JSON way (C1 controls,
# YAML line breaks, BOM, non-characters), dropped from every source string once.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _UNSAFE.sub("", text).strip()


# A YAML double-quoted scalar: JSON's string escapes are all valid YAML escapes, and the
# characters JSON leaves raw but YAML would not accept were removed by `clean`. (The C encoder of
# json.dumps(text, ensure_ascii=False).)
quote = encode_basestring


# ---------------------------------------------------------------------------------------------
# Text sources

class Pools:
    """Strings to sample from: sentences and headlines per language, made-up names."""

    def __init__(self, en_sentences, en_headlines, zh_sentences, zh_headlines, names, source):
        self.en_sentences = en_sentences
        self.en_headlines = en_headlines
        self.zh_sentences = zh_sentences
        self.zh_headlines = zh_headlines
        self.names = names
        self.source = source
        # Zipf weights for made-up names: a few are everywhere, most occur once or twice.
        self.name_cum = list(accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(names))))


_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？])")


def _front_matter_and_body(text: str) -> tuple[str, str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    parts = text.split("\n---", 1)
    if not text.startswith("---") or len(parts) < 2:
        return "", text
    return parts[0], parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""


def _title(front: str) -> str | None:
    for line in front.splitlines():
        if line.startswith("title:"):
            value = line[6:].strip()
            if value.startswith('"'):
                try:
                    return json.loads(value)
                except ValueError:
                    return value.strip('"')
            return value.strip("'")
    return None


def _excerpt(front: str) -> str | None:
    for line in front.splitlines():
        if line.startswith("excerpt:"):
            value = line[8:].strip()
            try:
                return json.loads(value) if value.startswith('"') else value
            except ValueError:
                return None
    return None


def shared_available(shared: Path | None) -> bool:
    """Whether the real text sources are there (en-reuters and the Chinese headlines at least)."""
    return shared is not None and (shared / "corpora" / "en-reuters").is_dir() \
        and (shared / "data" / "zh-headlines").is_dir()


def load_shared(shared: Path) -> Pools | None:
    if not shared_available(shared):
        return None
    corpora, headlines = shared / "corpora", shared / "data" / "zh-headlines"
    en_sentences, en_headlines, zh_sentences, zh_headlines = [], [], [], []
    for name in ("en-reuters", "en-powerapps"):
        for path in sorted((corpora / name).rglob("*.md")):
            front, body = _front_matter_and_body(path.read_text(encoding="utf-8", errors="replace"))
            title = _title(front)
            if title:
                en_headlines.append(clean(title))
            text = body if body.strip() else (_excerpt(front) or "")
            for paragraph in text.split("\n"):
                paragraph = paragraph.strip().removesuffix(" REUTER").removesuffix("REUTER")
                for sentence in _EN_SENTENCE_END.split(paragraph):
                    sentence = clean(sentence)
                    if 30 <= len(sentence) <= 400 and not sentence.startswith(("<", "#", "|")):
                        en_sentences.append(sentence)
    zh_dir = corpora / "zh-peoples-daily"
    if zh_dir.is_dir():
        for path in sorted(zh_dir.rglob("*.md")):
            _, body = _front_matter_and_body(path.read_text(encoding="utf-8", errors="replace"))
            for paragraph in body.split("\n"):
                for sentence in _ZH_SENTENCE_END.split(paragraph.strip()):
                    sentence = clean(sentence)
                    if 8 <= len(sentence) <= 200:
                        zh_sentences.append(sentence)
    for path in sorted(headlines.iterdir()):
        with path.open(encoding="utf-8", errors="replace") as handle:
            if path.suffix == ".jsonl":
                for line in handle:
                    try:
                        zh_headlines.append(clean(json.loads(line)["sentence"]))
                    except (ValueError, KeyError):
                        pass
            else:
                header = handle.readline().rstrip("\n").split("\t")
                column = header.index("title") if "title" in header else 0
                for line in handle:
                    fields = line.rstrip("\n").split("\t")
                    if len(fields) > column:
                        zh_headlines.append(clean(fields[column]))
    zh_headlines = [h for h in zh_headlines if 4 <= len(h) <= 80]
    if not zh_sentences:            # zh-peoples-daily absent: headlines stand in for sentences
        zh_sentences = [h + "。" for h in zh_headlines]
    return Pools(en_sentences, en_headlines, zh_sentences, zh_headlines, made_up_names(), "../shared")


# The built-in generator: common words with a Zipf-like spread and made-up names for a long tail.
EN_WORDS = """the of and to in a is that for on said it with as was by at from be has have are
its this an which will not but he they were been more would their than year after also percent
new company market billion million government about its first two people over last into could
some other prices bank rates trade state officials week new oil shares growth data report
security court policy plan deal chief industry economy technology workers energy rules
investors analysts sales profit quarter earnings export exports imports tariffs chips
semiconductor regulation ai artificial intelligence model models cloud software users app apps
power platform service services network data privacy election minister president central
inflation interest demand supply production crude gas coal climate emissions carbon electric
vehicles battery factory china chinese europe european united states japan india russia brazil
germany france britain london beijing washington tokyo shanghai record higher lower rose fell
expected according statement announced agreed launched reported cut raised increase decline
strong weak sharply early late month months years today tuesday wednesday thursday friday
monday public private federal national global local international foreign domestic financial
capital investment fund funds stock stocks bond bonds yield currency dollar euro yen yuan
""".split()
ZH_WORDS = """中国 经济 发展 市场 企业 政府 国家 人民 工作 社会 建设 改革 开放 合作 技术 科技 创新
人工智能 监管 政策 数据 安全 公司 产品 服务 用户 平台 网络 金融 银行 投资 增长 消费 价格 生产 农业
粮食 教育 学生 学校 医疗 健康 文化 体育 比赛 球队 城市 地区 北京 上海 深圳 广州 国际 美国 日本 欧洲
世界 会议 领导 总书记 主席 部长 记者 报道 表示 认为 提出 推进 加强 提高 实现 完成 实施 管理 制度 法律
今年 去年 目前 同时 已经 正在 继续 进一步 全面 重要 主要 重大 新的 我们 他们 这个 一个 没有 可以 需要
芯片 半导体 汽车 新能源 电池 电动 能源 环境 气候 碳 排放 疫情 防控 旅游 房地产 住房 股市 基金 债券
""".split()
SYLLABLES = ("ka ro mi ne ta su li vo de ga pe zu ri an el or un ix ba co fe hu jo ky le mo na pi qu "
             "sa te vi wo xa ye zo bra cle dri flo gru pla sto tre vin").split()


def made_up_names(count: int = 60_000, seed: int = 7) -> list[str]:
    rng = random.Random(f"names:{seed}")
    names, seen = [], set()
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def builtin_pools(seed: int = 11) -> Pools:
    rng = random.Random(f"builtin:{seed}")
    names = made_up_names()
    en_cum = list(accumulate(1.0 / (r + 1) for r in range(len(EN_WORDS))))
    zh_cum = list(accumulate(1.0 / (r + 1) ** 0.8 for r in range(len(ZH_WORDS))))

    def en_words(k: int) -> list[str]:
        words = rng.choices(EN_WORDS, cum_weights=en_cum, k=k)
        if rng.random() < 0.5:
            words[rng.randrange(k)] = rng.choice(names[:5000])
        return words

    en_sentences = []
    for _ in range(30_000):
        words = en_words(rng.randint(8, 28))
        en_sentences.append(" ".join(words).capitalize() + rng.choice(".....?!"))
    en_headlines = [" ".join(w.capitalize() for w in en_words(rng.randint(5, 11))) for _ in range(8_000)]
    zh_sentences = []
    for _ in range(30_000):
        parts = ["".join(rng.choices(ZH_WORDS, cum_weights=zh_cum, k=rng.randint(3, 7)))
                 for _ in range(rng.randint(1, 4))]
        zh_sentences.append("，".join(parts) + rng.choice("。。。。！？"))
    zh_headlines = ["".join(rng.choices(ZH_WORDS, cum_weights=zh_cum, k=rng.randint(4, 9))) for _ in range(8_000)]
    return Pools(en_sentences, en_headlines, zh_sentences, zh_headlines, names, "built-in")


def load_pools(shared: Path | None) -> Pools:
    if shared is not None:
        pools = load_shared(shared)
        if pools is not None:
            return pools
    return builtin_pools()


# ---------------------------------------------------------------------------------------------
# Articles

def folder_depth(n: int) -> str:
    return "day" if n / MONTHS > MAX_PER_MONTH_FOLDER else "month"


_SLUG = re.compile(r"[^a-z0-9]+")


def _quality(rng: random.Random) -> int:
    x = rng.random() * (len(QUALITY_PERCENTILES) - 1)
    i = int(x)
    if i >= len(QUALITY_PERCENTILES) - 1:
        return QUALITY_PERCENTILES[-1]
    low, high = QUALITY_PERCENTILES[i], QUALITY_PERCENTILES[i + 1]
    return int(round(low + (high - low) * (x - i)))


def _stamp(rng: random.Random, offsets: list[str]) -> tuple[str, datetime, float]:
    """A publication time: its text, its local date (for the folder) and its epoch seconds."""
    seconds = rng.randrange(SPAN_SECONDS) // 60 * 60
    instant = START + timedelta(seconds=seconds)
    offset = rng.choice(offsets)
    if offset == "Z":
        return instant.strftime("%Y-%m-%dT%H:%M:%SZ"), instant, instant.timestamp()
    sign = 1 if offset[0] == "+" else -1
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])) * sign
    local = instant + delta
    return local.strftime("%Y-%m-%dT%H:%M:%S") + offset, local, instant.timestamp()


def _sentence_count(rng: random.Random, zh: bool) -> int:
    # A long-tailed body length: median ~7 English or ~8 Chinese sentences, now and then 60+.
    median = 8 if zh else 7
    return max(1, min(90, int(rng.lognormvariate(math.log(median), 0.75))))


def _pick_name(rng: random.Random, pools: Pools) -> str:
    return pools.names[bisect_right(pools.name_cum, rng.random() * pools.name_cum[-1])]


def _sentences(rng: random.Random, pools: Pools, zh: bool, count: int) -> list[str]:
    source = pools.zh_sentences if zh else pools.en_sentences
    start = rng.randrange(len(source))
    # Runs of consecutive sentences read like one story; a few jumps mix stories.
    out = []
    while len(out) < count:
        run = min(count - len(out), rng.randint(2, 6))
        out.extend(source[(start + k) % len(source)] for k in range(run))
        start = rng.randrange(len(source))
    if not zh and rng.random() < 0.6:   # a made-up name (people, companies) in English stories
        k = rng.randrange(len(out))
        out[k] = f"{_pick_name(rng, pools)} {rng.choice(['said', 'says', 'reported', 'added'])}: {out[k]}"
    elif zh and rng.random() < 0.3:
        k = rng.randrange(len(out))
        out[k] = f"{_pick_name(rng, pools)}公司表示，{out[k]}"
    return out


def _excerpt_of(sentences: list[str], zh: bool, rng: random.Random) -> str:
    limit = rng.randint(120, 300) if not zh else rng.randint(60, 110)
    text = ("" if zh else " ").join(sentences[:3])
    return text if len(text) <= limit else text[:limit].rstrip() + ("…" if zh else " […]")


def _body(sentences: list[str], zh: bool, rng: random.Random) -> tuple[str, str]:
    """The Markdown body, and its text as newsq indexes it (for the baselines)."""
    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.randint(1, 3)
        paragraphs.append(("" if zh else " ").join(sentences[i:i + k]))
        i += k
    plain = list(paragraphs)
    if len(paragraphs) > 4 and rng.random() < 0.3:
        heading = sentences[rng.randrange(len(sentences))][:60]
        at = rng.randint(1, len(paragraphs) - 1)
        paragraphs.insert(at, "## " + heading)
        plain.insert(at, heading)
    p = rng.randrange(len(paragraphs))
    if rng.random() < 0.2 and not paragraphs[p].startswith("## "):
        if rng.random() < 0.5:
            paragraphs[p] = f"**{paragraphs[p]}**"
        else:
            paragraphs[p] += f" [More](https://example.net/ref/{rng.randrange(10**9)})"
            plain[p] += " More"
    return "\n\n".join(paragraphs), "\n\n".join(plain)


def _blob(rng: random.Random, length: int) -> str:
    return base64.b64encode(rng.randbytes(length * 3 // 4)).decode("ascii")


def make_article(i: int, rng: random.Random, pools: Pools, zh_share: float, depth: str):
    """One article: (relative path, file text, text row for the baselines)."""
    zh = rng.random() < zh_share
    headlines = pools.zh_headlines if zh else pools.en_headlines
    title = headlines[rng.randrange(len(headlines))]
    if rng.random() < 0.25:             # headlines recur in news; keep most titles distinct
        title = f"{title}（{rng.randint(2, 99)}）" if zh else f"{title}: {_pick_name(rng, pools)}"
    stamp, local, epoch = _stamp(rng, ZH_OFFSETS if zh else EN_OFFSETS)
    provider = rng.choice(ZH_PROVIDERS if zh else EN_PROVIDERS)
    has_body = rng.random() < 0.85
    sentences = _sentences(rng, pools, zh, _sentence_count(rng, zh) if has_body else rng.randint(1, 3))
    excerpt = _excerpt_of(sentences, zh, rng)
    body, plain_body = _body(sentences, zh, rng) if has_body else ("", "")
    kind = rng.choice(TYPES)
    quality = _quality(rng) if rng.random() < 0.85 else None
    heat = quality if quality is not None and rng.random() < 0.8 else -1
    topic_count = rng.choice([0, 1, 1, 2, 2, 2, 3, 4])
    topics = rng.sample(ZH_TOPICS if zh else EN_TOPICS, topic_count)
    if zh and rng.random() < 0.3:
        topics.append(rng.choice(EN_TOPICS[:6]))

    if zh:
        slug = f"zh-{i}"
    else:
        slug = _SLUG.sub("-", title.lower()).strip("-")[:48].rstrip("-")
        slug = f"{slug}-{i}" if slug else f"en-{i}"
    folder = f"{local:%Y/%m}" if depth == "month" else f"{local:%Y/%m/%d}"
    relative = f"{folder}/{local:%d}-{slug}.md"
    url = f"https://{provider[1]}/{local:%Y/%m/%d}/{slug}"

    out = ["---\n"]
    if rng.random() < 0.7:
        out.append("category: news\n")
    out.append(f"title: {quote(title)}\nexcerpt: {quote(excerpt)}\npublishedDateTime: {stamp}\n")
    if rng.random() < 0.4:
        out.append(f"originalUrl: {quote(url + '?utm_source=feed')}\n")
    out.append(f"webUrl: {quote(url)}\ntype: {kind}\n")
    if quality is not None:
        out.append(f"quality: {quality}\n")
    out.append(f"heat: {heat}\n")
    if rng.random() < 0.5:
        out.append(f"published: {'true' if rng.random() < 0.8 else 'false'}\n")
    out.append(f"\nprovider:\n  name: {quote(provider[0])}\n  domain: {provider[1]}\n")
    if topic_count == 0 and rng.random() < 0.5:
        out.append("\ntopics: []\n" if rng.random() < 0.5 else "\ntopics:\n")
    elif topics:
        out.append("\ntopics:\n" + "".join(f"  - {quote(t)}\n" for t in topics))
    if rng.random() < 0.35:
        out.append("\nimages:\n")
        for _ in range(rng.randint(1, 2)):
            out.append(f"  - url: \"https://cdn.{provider[1]}/img/{rng.randrange(10**12):x}.jpg\"\n"
                       f"    width: {rng.choice([640, 800, 1200, 1280])}\n    height: {rng.choice([360, 450, 675, 720])}\n"
                       "    isCached: true\n")
    related_text = []
    if rng.random() < 0.15:
        out.append("\nrelated:\n")
        for _ in range(rng.randint(1, 3)):
            r_title = headlines[rng.randrange(len(headlines))]
            r_excerpt = _excerpt_of(_sentences(rng, pools, zh, 2), zh, rng)
            r_stamp, _, _ = _stamp(rng, ZH_OFFSETS if zh else EN_OFFSETS)
            r_provider = rng.choice(ZH_PROVIDERS if zh else EN_PROVIDERS)
            related_text += [r_title, r_excerpt]
            out.append(f"  - title: {quote(r_title)}\n    excerpt: {quote(r_excerpt)}\n"
                       f"    publishedDateTime: {r_stamp}\n"
                       f"    webUrl: \"https://{r_provider[1]}/story/{rng.randrange(10**9)}\"\n    type: article\n"
                       f"    provider:\n      name: {quote(r_provider[0])}\n      domain: {r_provider[1]}\n")
            if rng.random() < 0.7:
                out.append(f"    quality: {_quality(rng)}\n")
    if rng.random() < 0.2:
        out.append(f"\nsecured: \"{_blob(rng, rng.randint(400, 800))};{_blob(rng, 22)}==\"\n")
    out.append("---\n")
    if body:
        out.append("\n" + body + "\n")
    text = "".join(out)
    if rng.random() < 0.005:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.002:
        text = "\ufeff" + text

    row = ["zh" if zh else "en", epoch, title, excerpt, plain_body, "\n".join(topics), provider[0],
           "\n".join(related_text)]
    return relative, text, row


# ---------------------------------------------------------------------------------------------
# Writing

_POOLS: Pools | None = None


def _chunk(args) -> tuple[int, int, int, int]:
    """Writes articles [start, end) of chunk `index`; returns (index, files, bytes, Chinese)."""
    index, start, end, n, seed, zh_share, out_dir, text_dir = args
    pools = _POOLS
    rng = random.Random(f"newsq-gen:{seed}:{index}")
    depth = folder_depth(n)
    root = Path(out_dir)
    made: set[str] = set()
    size = chinese = 0
    rows = []
    for i in range(start, end):
        relative, text, row = make_article(i, rng, pools, zh_share, depth)
        folder = relative.rsplit("/", 1)[0]
        if folder not in made:
            os.makedirs(root / folder, exist_ok=True)
            made.add(folder)
        data = text.encode("utf-8")
        with open(root / relative, "wb") as handle:
            handle.write(data)
        size += len(data)
        chinese += row[0] == "zh"
        if text_dir:
            rows.append(json.dumps(row, ensure_ascii=False))
    if text_dir:
        Path(text_dir, f"{index:06d}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return index, end - start, size, chinese


def generate(n: int, out_dir: Path, seed: int = 1, zh_share: float = 0.4, jobs: int | None = None,
             shared: Path | None = DEFAULT_SHARED, text_dir: Path | None = None, log=print) -> dict:
    """Writes the corpus; with text_dir, also each article's searchable text as JSON lines
    (`[lang, epoch, title, excerpt, body, topics, provider, related]`, one file per chunk)."""
    global _POOLS
    started = time.perf_counter()
    _POOLS = load_pools(shared)
    log(f"text from {_POOLS.source}: {len(_POOLS.en_sentences)} English and {len(_POOLS.zh_sentences)} "
        f"Chinese sentences, {len(_POOLS.en_headlines)} + {len(_POOLS.zh_headlines)} headlines "
        f"({time.perf_counter() - started:.1f} s)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if text_dir:
        text_dir.mkdir(parents=True, exist_ok=True)
    tasks = [(c, s, min(s + CHUNK, n), n, seed, zh_share, str(out_dir), str(text_dir) if text_dir else None)
             for c, s in enumerate(range(0, n, CHUNK))]
    jobs = jobs or os.cpu_count() or 1
    files = size = chinese = 0
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.imap_unordered(_chunk, tasks)
            for done, (_, f, b, z) in enumerate(results, 1):
                files, size, chinese = files + f, size + b, chinese + z
                if done % 20 == 0:
                    log(f"  {files} articles ...")
    else:
        for task in tasks:
            _, f, b, z = _chunk(task)
            files, size, chinese = files + f, size + b, chinese + z
    seconds = time.perf_counter() - started
    log(f"wrote {files} articles ({size / 1e6:.1f} MB, {chinese / max(files, 1):.0%} Chinese) "
        f"to {out_dir} in {seconds:.1f} s")
    return {"files": files, "bytes": size, "chinese": chinese, "seconds": seconds, "source": _POOLS.source}


def check(out_dir: Path, sample: int = 300) -> None:
    """Parses a sample of the files back with PyYAML and checks the fields newsq reads."""
    import yaml
    paths = sorted(out_dir.rglob("*.md"))
    step = max(1, len(paths) // sample)
    for path in paths[::step]:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        front = text.split("\n---\n", 1)[0][4:]
        data = yaml.safe_load(front)
        assert isinstance(data["title"], str) and data["title"], path
        assert isinstance(data["excerpt"], str), path
        assert isinstance(data["publishedDateTime"], (str, datetime)), path
        assert isinstance(data.get("quality", 0), int), path
        assert data["provider"]["name"] and data["provider"]["domain"], path
    counts = {}
    for folder in {p.parent for p in paths}:
        counts[folder] = sum(1 for _ in folder.iterdir())
    print(f"checked {len(paths[::step])} of {len(paths)} files with PyYAML; "
          f"largest folder holds {max(counts.values())} files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("dir", type=Path, help="output directory (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zh-share", type=float, default=0.4, help="share of Chinese articles (default 0.4)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--builtin", action="store_true", help="use the built-in text generator, not ../shared")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="where ../shared is")
    parser.add_argument("--check", action="store_true", help="parse a sample back with PyYAML afterwards")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.dir.exists() and any(args.dir.iterdir()):
        parser.error(f"{args.dir} is not empty")
    generate(args.n, args.dir, seed=args.seed, zh_share=args.zh_share, jobs=args.jobs,
             shared=None if args.builtin else args.shared, log=lambda m: print(m, file=sys.stderr))
    if args.check:
        check(args.dir)


if __name__ == "__main__":
    main()
