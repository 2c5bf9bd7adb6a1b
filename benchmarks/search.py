"""Benchmark of the SQLite store: indexing throughput and search latency beside a naive LIKE scan.

Generates a synthetic corpus of N commitments (four per article) in realistic municipal-news Persian
(sentences assembled from the vocabulary below, written for this benchmark) into a JSON-lines file kept
under ``--corpus-dir`` (generated once, reused by later runs), indexes it with ``SqliteStore.upsert``
and times five query shapes through ``SqliteStore.search`` (the full path the API uses: hits,
highlights, total and facets), with the result cache off and then on, and, in the same run on the same
file, a naive ``LIKE '%…%'`` scan over the stored JSON answering the same question.

    nice .venv/bin/python benchmarks/search.py --sizes 100000 1000000 --work /tmp/goftar-bench
    nice .venv/bin/python benchmarks/search.py --sizes 1000000 --runs 50 --reuse /tmp/goftar-load

``--reuse DIR`` times the stores ``DIR/bench-N.sqlite3`` an earlier run built (with ``--work DIR``)
instead of indexing again. Writes a Markdown table and the raw figures to ``benchmarks/results/``
(``search.md``; ``search_latency.md`` for a ``--reuse`` run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from goftar.model import Article, Extraction, stable_id  # noqa: E402
from index.base import SearchQuery  # noqa: E402
from index.sqlite import SqliteStore  # noqa: E402
from index.sqlite_search import FACET_SAMPLE  # noqa: E402
from index.sqlite_write import unpack  # noqa: E402

PER_ARTICLE = 4
BATCH_ARTICLES = 250
# Batches read into memory before a stretch of indexing is timed (40 × 250 articles: ~40k commitments).
WINDOW_BATCHES = 40
SOURCES = [
    "hamshahri",
    "isna",
    "irna",
    "mehr",
    "tasnim",
    "fars",
    "ilna",
    "ettelaat",
    "shahrvand",
    "tehrannews",
    "mashhadnews",
    "isfahanziba",
]
SPEAKERS = [
    ("محمد احمدی", "person"),
    ("زهرا رضایی", "person"),
    ("حسین کریمی", "person"),
    ("مریم حسینی", "person"),
    ("علی موسوی", "person"),
    ("فاطمه محمدی", "person"),
    ("رضا جعفری", "person"),
    ("سارا کاظمی", "person"),
    ("مهدی نوری", "person"),
    ("نرگس صادقی", "person"),
    ("امیر قاسمی", "person"),
    ("لیلا عباسی", "person"),
    ("شهردار تهران", "role"),
    ("سخنگوی شورای شهر", "role"),
    ("معاون حمل‌ونقل شهرداری", "role"),
    ("مدیرعامل مترو", "role"),
    ("رئیس شورای شهر", "role"),
    ("استاندار", "role"),
    ("فرماندار", "role"),
    ("مدیرکل آتش‌نشانی", "role"),
    ("معاون خدمات شهری", "role"),
    ("رئیس سازمان پارک‌ها", "role"),
]
ORGS = [
    "شهرداری تهران",
    "شورای شهر تهران",
    "شرکت بهره‌برداری مترو",
    "سازمان آتش‌نشانی",
    "سازمان پارک‌ها و فضای سبز",
    "شرکت آب و فاضلاب",
    "سازمان حمل‌ونقل و ترافیک",
    "وزارت بهداشت",
    "شرکت واحد اتوبوسرانی",
    "سازمان مدیریت پسماند",
    "شهرداری مشهد",
    "شهرداری اصفهان",
]
PLACES = [
    "تهران",
    "مشهد",
    "اصفهان",
    "شیراز",
    "تبریز",
    "کرج",
    "قم",
    "اهواز",
    "رشت",
    "کرمان",
    "یزد",
    "منطقه ۲۲",
    "میدان آزادی",
    "بزرگراه همت",
    "خیابان ولیعصر",
    "محله نارمک",
]
OBJECTS = [
    "خط ۷ مترو",
    "۱۰ بیمارستان جدید",
    "پل عابر پیاده",
    "واکسن‌های آنفلوآنزا",
    "بوستان محله‌ای",
    "ایستگاه آتش‌نشانی",
    "اتوبوس‌های برقی",
    "تصفیه‌خانه فاضلاب",
    "پارکینگ طبقاتی",
    "مسکن استیجاری",
    "سامانه دوچرخه اشتراکی",
    "کتابخانه عمومی",
    "مدارس فرسوده",
    "خیابان‌های محلی",
    "ناوگان تاکسی",
    "شبکه جمع‌آوری آب باران",
    "سرای محله",
    "زمین‌های ورزشی",
    "ایستگاه‌های اتوبوس",
    "نمایشگاه کتاب",
    "آسفالت معابر",
    "روشنایی بزرگراه",
    "درمانگاه شبانه‌روزی",
    "پسماند خشک",
    "فضای سبز حاشیه شهر",
]
VERBS = [
    "افتتاح می‌شود",
    "به بهره‌برداری می‌رسد",
    "تحویل داده خواهد شد",
    "بازسازی می‌شود",
    "توزیع می‌کنیم",
    "تکمیل خواهد شد",
    "راه‌اندازی می‌کنیم",
    "آغاز خواهد شد",
    "نوسازی می‌شود",
    "در اختیار شهروندان قرار می‌گیرد",
]
DEADLINES = [
    ("تا پایان سال", 120),
    ("تا پایان خرداد", 60),
    ("تا ۱۵ مرداد", 40),
    ("تا دو ماه آینده", 60),
    ("در سال آینده", 365),
    ("تا پایان هفته", 7),
    ("تا شش ماه دیگر", 180),
    ("تا پایان تابستان", 90),
]
FILLERS = [
    "با وجود کمبود بودجه",
    "در جلسه علنی شورا",
    "به گفته مسئولان",
    "برای رفاه شهروندان",
    "پس از تصویب لایحه",
    "با همکاری بخش خصوصی",
    "در پی شکایت ساکنان",
    "طبق برنامه پنج‌ساله",
    "با اعتبار ۲۰۰ میلیارد تومان",
    "در نشست خبری امروز",
]
POLARITIES = ["commit"] * 6 + ["intend"] * 2 + ["hope", "demand"]
QUERY_WORDS = [
    "واکسن",
    "مترو",
    "بیمارستان",
    "پارکینگ",
    "دوچرخه",
    "کتابخانه",
    "مدارس",
    "تاکسی",
    "درمانگاه",
    "آسفالت",
    "اتوبوس",
    "بوستان",
    "پسماند",
    "فاضلاب",
    "مسکن",
    "آتش‌نشانی",
]
QUERY_PHRASES = [
    "«پایان سال»",
    "«خط ۷ مترو»",
    "«پل عابر پیاده»",
    "«مسکن استیجاری»",
    "«سرای محله»",
    "«کمبود بودجه»",
    "«بخش خصوصی»",
    "«نمایشگاه کتاب»",
]
START = datetime(2022, 1, 1, tzinfo=UTC)
SPAN_MINUTES = 4 * 365 * 24 * 60
ORDERS = ("arrival", "random")
ORDER_TEXT = {
    "arrival": "articles in arrival order (publication dates rising, up to two days out of order)",
    "random": "articles in random date order (a backfill in no order: every date index written at random)",
}


def _sentence(rng: random.Random) -> tuple[str, tuple[str, str], str, int]:
    speaker = rng.choice(SPEAKERS)
    obj, verb = rng.choice(OBJECTS), rng.choice(VERBS)
    deadline, days = rng.choice(DEADLINES)
    place = rng.choice(PLACES)
    filler = rng.choice(FILLERS)
    text = f"{speaker[0]} گفت {filler} {obj} در {place} {deadline} {verb}"
    return text, speaker, deadline, days


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _published(i: int, n_articles: int, rng: random.Random, order: str) -> datetime:
    """When article ``i`` of ``n_articles`` was published, over four years.

    ``arrival``: in the order a crawl delivers news, dates rising with ``i`` up to two days out of order
    (sources interleave, some publish late). ``random``: any date for any ``i``, a backfill in no order;
    the worst case for the store, whose date indexes then take every insert at a random leaf.
    """
    if order == "random":
        return START + timedelta(minutes=rng.randrange(SPAN_MINUTES))
    return START + timedelta(minutes=i * SPAN_MINUTES // n_articles + rng.randrange(2 * 24 * 60))


def _article(i: int, rng: random.Random, published: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """One article and its extraction as the JSON of ``Article`` / ``Extraction`` (plain dicts: building
    pydantic objects here made generating a million commitments slower than indexing them)."""
    sentences = [_sentence(rng) for _ in range(PER_ARTICLE)]
    text = ". ".join(s[0] for s in sentences) + "."
    source = SOURCES[i % len(SOURCES)]
    url = f"https://{source}.example/news/{i}"
    article_id = stable_id(url)  # Article.id
    article = {
        "url": url,
        "canonical_url": url,
        "source": source,
        "title": sentences[0][0][:60],
        "raw_text": text,
        "text": text,
        "published": None if i % 20 == 0 else _iso(published),
        "fetched": _iso(published + timedelta(minutes=rng.randrange(6 * 60))),
        "archive": f"{source}-{published:%Y%m%d}.warc.gz#{i * 4096}",
    }
    commitments, offset = [], 0
    for sentence, (who, kind), deadline_text, days in sentences:
        due = published.date() + timedelta(days=days + rng.randrange(30))
        commitments.append(
            {
                "speaker": {"text": who, "kind": kind, "canonical_name": who if kind == "person" else None},
                "action": sentence.split(" گفت ", 1)[1],
                "evidence": sentence,
                "polarity": rng.choice(POLARITIES),
                "deadline": {"text": deadline_text, "end": due.isoformat(), "kind": "by"},
                "start": offset,
                "end": offset + len(sentence),
                "article_id": article_id,
                "story_id": f"story-{i % 50_000}" if i % 7 == 0 else None,
            }
        )
        offset += len(sentence) + 2
    entities = [{"text": org, "label": "ORG", "start": 0, "end": 1} for org in rng.sample(ORGS, 2)]
    entities.append({"text": rng.choice(PLACES), "label": "LOC", "start": 0, "end": 1})
    return article, {"text": text, "entities": entities, "commitments": commitments}


def generate(path: Path, n_commitments: int, seed: int = 1403, order: str = "arrival") -> None:
    """Write a synthetic corpus of ``n_commitments`` (deterministic) as JSON lines: article TAB extraction.
    ``order``: see :func:`_published`."""
    rng = random.Random(seed)
    tmp = path.with_suffix(".part")
    n_articles = n_commitments // PER_ARTICLE
    with tmp.open("w", encoding="utf-8") as out:
        for i in range(n_articles):
            article, extraction = _article(i, rng, _published(i, n_articles, rng, order))
            out.write(
                json.dumps(article, ensure_ascii=False)
                + "\t"
                + json.dumps(extraction, ensure_ascii=False)
                + "\n"
            )
    tmp.rename(path)


def corpus(path: Path) -> Iterator[list[tuple[Article, Extraction]]]:
    """Batches of model objects read from a corpus file (what the pipeline hands ``upsert``)."""
    batch: list[tuple[Article, Extraction]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            article, extraction = line.rstrip("\n").split("\t")
            batch.append((Article.model_validate_json(article), Extraction.model_validate_json(extraction)))
            if len(batch) == BATCH_ARTICLES:
                yield batch
                batch = []
    if batch:
        yield batch


def _cpu_ticks() -> tuple[int, int]:
    """(steal, total) jiffies of all CPUs: the share a hypervisor took from this machine's cores."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0, 0
    ticks = [int(f) for f in fields]
    return (ticks[7] if len(ticks) > 7 else 0), sum(ticks[:8])


def windows(path: Path, size: int = WINDOW_BATCHES) -> Iterator[list[list[tuple[Article, Extraction]]]]:
    """The corpus's batches, ``size`` at a time, read into model objects before they are timed."""
    window: list[list[tuple[Article, Extraction]]] = []
    for batch in corpus(path):
        window.append(batch)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


def build(
    path: Path, corpus_path: Path, n: int, writer_process: bool = True, per_batch: bool = False
) -> dict[str, float]:
    """Index the corpus into a fresh store at ``path``: seconds (wall and CPU) spent indexing, and size.

    Batches go to ``upsert_many`` (the bulk path: the next batch is prepared while the last commits),
    or with ``per_batch`` one ``upsert`` call each (what the pipeline does with a crawl's batches).
    Reading the corpus file is not timed: it is read a window of batches at a time before indexing it.
    CPU time counts the store's writer process too (``index.sqlite_bulk``; ``writer_process=False``
    writes in this process, for comparison), and the share of CPU time the hypervisor stole is kept:
    on a shared host it is the difference between two runs of the same code.
    """
    store = SqliteStore.open(path, bulk_writer=writer_process)
    upsert_s = upsert_cpu = 0.0
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    steal_before = _cpu_ticks()
    t0 = time.perf_counter()
    for window in windows(corpus_path):
        t, c = time.perf_counter(), time.process_time()
        reports = [store.upsert(batch) for batch in window] if per_batch else [store.upsert_many(window)]
        upsert_s += time.perf_counter() - t
        upsert_cpu += time.process_time() - c
        for report in reports:
            assert not report.failed, report.failed[:3]
    steal_after = _cpu_ticks()
    steal = (steal_after[0] - steal_before[0]) / max(1, steal_after[1] - steal_before[1])
    store._stop_bulk()  # noqa: SLF001 — ends the writer process, so its CPU time is counted below
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    upsert_cpu += (children.ru_utime - children_before.ru_utime) + (
        children.ru_stime - children_before.ru_stime
    )
    t = time.perf_counter()
    conn = store._conn  # noqa: SLF001
    conn.execute("INSERT INTO commitment_fts(commitment_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    optimise_s = time.perf_counter() - t
    total_s = time.perf_counter() - t0
    size_mb = path.stat().st_size / 1e6
    # The naive design for comparison: each commitment's JSON as plain text with its filter columns,
    # scanned with LIKE. Built after timing and sizing, in the same file.
    conn.create_function("unpack_text", 1, lambda v: json.dumps(unpack(v), ensure_ascii=False))
    conn.executescript(
        "CREATE TABLE naive AS SELECT c.rowid AS rid, c.source, c.polarity, c.status, c.speaker_display, "
        "c.event_time, unpack_text(d.json) AS json FROM commitments c JOIN commitment_docs d USING (rowid);"
    )
    store.close()
    return {
        "upsert_s": upsert_s,
        "upsert_cpu_s": upsert_cpu,
        "steal": steal,
        "writer_process": writer_process,
        "per_batch": per_batch,
        "optimise_s": optimise_s,
        "total_s": total_s,
        "size_mb": size_mb,
    }


@dataclass
class Shape:
    name: str
    ours: Callable[[int], SearchQuery]
    naive: Callable[[sqlite3.Connection, int], object]


def _like(
    conn: sqlite3.Connection, where: str, params: list[object], order: str = "event_time DESC"
) -> object:
    total = conn.execute(f"SELECT count(*) FROM naive WHERE {where}", params).fetchone()[0]
    rows = conn.execute(f"SELECT json FROM naive WHERE {where} ORDER BY {order} LIMIT 20", params).fetchall()
    return total, [json.loads(r[0]) for r in rows]


def _like_facets(conn: sqlite3.Connection, word: str) -> object:
    return [
        conn.execute(
            f"SELECT {col}, count(*) FROM naive WHERE json LIKE ? GROUP BY {col}", [f"%{word}%"]
        ).fetchall()
        for col in ("speaker_display", "source", "polarity", "status")
    ]


def _window(i: int) -> tuple[date, date]:
    start = date(2022, 3, 1) + timedelta(days=(i * 37) % 1200)
    return start, start + timedelta(days=30)


SHAPES = [
    Shape(
        "one word",
        lambda i: SearchQuery(text=QUERY_WORDS[i % len(QUERY_WORDS)]),
        lambda c, i: _like(c, "json LIKE ?", [f"%{QUERY_WORDS[i % len(QUERY_WORDS)]}%"]),
    ),
    Shape(
        "phrase",
        lambda i: SearchQuery(text=QUERY_PHRASES[i % len(QUERY_PHRASES)]),
        lambda c, i: _like(c, "json LIKE ?", [f"%{QUERY_PHRASES[i % len(QUERY_PHRASES)].strip('«»')}%"]),
    ),
    Shape(
        "word + two filters",
        lambda i: SearchQuery(
            text=QUERY_WORDS[i % len(QUERY_WORDS)], source=SOURCES[i % len(SOURCES)], polarity="commit"
        ),
        lambda c, i: _like(
            c,
            "json LIKE ? AND source = ? AND polarity = ?",
            [f"%{QUERY_WORDS[i % len(QUERY_WORDS)]}%", SOURCES[i % len(SOURCES)], "commit"],
        ),
    ),
    Shape(
        "facet counts only",
        lambda i: SearchQuery(text=QUERY_WORDS[i % len(QUERY_WORDS)], size=1),
        lambda c, i: _like_facets(c, QUERY_WORDS[i % len(QUERY_WORDS)]),
    ),
    Shape(
        "deadline range",
        lambda i: SearchQuery(deadline_from=_window(i)[0], deadline_to=_window(i)[1], sort="deadline"),
        lambda c, i: _like(
            c,
            "json_extract(json, '$.deadline.end') BETWEEN ? AND ?",
            [d.isoformat() for d in _window(i)],
            "json_extract(json, '$.deadline.end')",
        ),
    ),
]


def _percentiles(samples: list[float]) -> dict[str, float]:
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def measure(path: Path, runs: int, naive_runs: int) -> dict[str, dict[str, dict[str, float]]]:
    """Latency percentiles (ms) of each shape on the store at ``path``: first pass (result cache off, the
    store just opened: pages are read from the OS cache into SQLite's), computed (the same queries again
    with the result cache still off: what a new query costs a running server, whose pages are warm),
    cached (with the result cache on, as a server answers repeated queries) and the naive scan."""
    # A budget far above any latency measured: on a busy shared host a slow search is a figure to
    # report, not an error that ends the run.
    store = SqliteStore.open(path, cache_entries=0, search_budget=600)
    cached = SqliteStore.open(path, search_budget=600)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for shape in SHAPES:
        first, _cpu = _timed(store, shape, runs)
        before = _cpu_ticks()
        ours, ours_cpu = _timed(store, shape, runs)
        after = _cpu_ticks()
        for i in range(runs):  # fill the cache: every query of the shape once
            cached.search(shape.ours(i))
        warm, _cpu = _timed(cached, shape, runs)
        naive = []
        for i in range(naive_runs):
            t = time.perf_counter()
            shape.naive(store._conn, i)  # noqa: SLF001
            naive.append(time.perf_counter() - t)
        out[shape.name] = {
            "first": _percentiles(first),
            "fts5": _percentiles(ours),
            "fts5_cpu": _percentiles(ours_cpu),
            "steal": (after[0] - before[0]) / max(1, after[1] - before[1]),
            "cached": _percentiles(warm),
            "like": _percentiles(naive),
            "runs": {"fts5": runs, "like": naive_runs},
        }
        print(
            f"  {shape.name}: fts5 p95 {out[shape.name]['fts5']['p95']:.1f} ms, "
            f"cached p95 {out[shape.name]['cached']['p95']:.1f} ms, "
            f"LIKE p95 {out[shape.name]['like']['p95']:.1f} ms",
            file=sys.stderr,
        )
    store.close()
    cached.close()
    return out


def _timed(store: SqliteStore, shape: Shape, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each search. On a shared host CPU time is what the search costs without
    the waits for a core another guest (or the hypervisor) holds; wall time is what a user waits."""
    samples, cpu = [], []
    for i in range(runs):
        t, c = time.perf_counter(), time.process_time()
        store.search(shape.ours(i))
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return samples, cpu


def table(n: int, built: dict[str, float] | None, latency: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table of one corpus size (``built`` is None when an existing store was reused)."""
    runs = next(iter(latency.values()))["runs"]
    lines = [
        f"### {n:,} commitments ({n // PER_ARTICLE:,} articles)",
        "",
        _indexing(n, built),
        "",
        f"Latency in ms: {runs['fts5']} searches per shape through SqliteStore.search with the result "
        "cache off, twice: the first pass on a store just opened (its pages not yet in SQLite's cache), "
        "then FTS5 = the same searches again (what a new query costs a running server); cached = the same "
        "queries with the result cache on (what a repeated query costs); naive LIKE scan over the same "
        f"commitments stored as plain JSON text, {runs['like']} runs per shape. FTS5 CPU = the CPU time "
        "of the same searches (what they cost without waiting for a core); steal = the share of CPU time "
        "the hypervisor took from this machine during them.",
        "",
        "| query shape | first pass p50 | p95 | FTS5 p50 | p95 | p99 | FTS5 CPU p50 | p95 | steal "
        "| cached p50 | p95 | p99 | LIKE p50 | p95 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for name, row in latency.items():
        f, c, n_ = row["fts5"], row["cached"], row["like"]
        cold = row.get("first", {"p50": float("nan"), "p95": float("nan")})
        cpu = row.get("fts5_cpu", {"p50": float("nan"), "p95": float("nan")})
        lines.append(
            f"| {name} | {cold['p50']:.1f} | {cold['p95']:.1f} | "
            f"{f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | "
            f"{cpu['p50']:.1f} | {cpu['p95']:.1f} | {100 * row.get('steal', 0):.0f}% | "
            f"{c['p50']:.1f} | {c['p95']:.1f} | {c['p99']:.1f} | "
            f"{n_['p50']:.0f} | {n_['p95']:.0f} | {n_['p99']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def _indexing(n: int, built: dict[str, float] | None) -> str:
    if built is None:
        return "Indexing: not measured in this run (an existing store was reused, `--reuse`)."
    rate = n / built["upsert_s"]
    return (
        f"Store: {built['size_mb']:.0f} MB ({built['size_mb'] * 1e6 / n:,.0f} bytes per commitment, articles "
        f"included). Indexing: {rate:,.0f} commitments/s wall indexing ({built['upsert_s']:.1f} s; "
        f"{n / built['upsert_cpu_s']:,.0f}/s of CPU time, writer process included), "
        f"{n / built['total_s']:,.0f}/s wall including "
        f"reading the corpus file into model objects and FTS optimise ({built['total_s']:.1f} s). "
        f"Load average {built.get('load', 0):.1f} on {os.cpu_count()} cores while indexing; "
        f"{100 * built.get('steal', 0):.0f}% of CPU time stolen by the hypervisor; "
        f"{'with' if built.get('writer_process', True) else 'without'} the writer process, "
        f"{'one upsert per batch' if built.get('per_batch') else 'batches streamed to upsert_many'}; "
        f"{ORDER_TEXT[built.get('order', 'random')]}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=200, help="timed searches per shape")
    parser.add_argument("--naive-runs", type=int, default=20, help="timed LIKE scans per shape at 100k")
    parser.add_argument("--work", type=Path, default=None, help="folder for the store files (default: temp)")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=Path("/tmp/goftar-bench"),
        help="generated corpora, kept for reruns",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        default=None,
        help="folder of stores built by an earlier run (bench-N.sqlite3): time searches on them, no indexing",
    )
    parser.add_argument(
        "--order",
        choices=ORDERS,
        default="arrival",
        help="articles in the order a crawl delivers them (dates rising) or in random date order",
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--keep", action="store_true", help="keep the built stores (for --reuse, load.py)")
    parser.add_argument(
        "--in-process", action="store_true", help="index without the store's writer process (for comparison)"
    )
    parser.add_argument("--per-batch", action="store_true", help="one upsert per batch, not upsert_many")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="goftar-bench-"))
    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared; load average at start "
        f"{os.getloadavg()[0]:.1f}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"ms per search() call (hits + highlights + total + facets; facets of more than "
        f"{FACET_SAMPLE:,} matches are estimated from a sample of that size).\n\n"
    )
    report, raw = [header], {}
    for n in args.sizes:
        if args.reuse:
            path, built = _reused(args.reuse / f"bench-{n}.sqlite3"), None
        else:
            path = work / f"bench-{n}.sqlite3"
            built = _build_size(n, path, args.corpus_dir, args.order, not args.in_process, args.per_batch)
        # The naive scan reads every row: at 1M a run takes seconds, so fewer runs there.
        naive_runs = max(3, args.naive_runs * 100_000 // n)
        latency = measure(path, args.runs, naive_runs)
        report.append(table(n, built, latency))
        raw[n] = {"build": built, "latency": latency}
        print(report[-1])
        # Written after each size, so a long 1M run leaves the 100k table behind if it is stopped.
        # A reused store's run has no indexing figures: it does not replace the full run's files.
        stem = "search_latency" if args.reuse else "search"
        (args.out / f"{stem}.md").write_text("\n".join(report), encoding="utf-8")
        (args.out / f"{stem}.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
        if not args.reuse and not args.keep:
            path.unlink(missing_ok=True)


def _build_size(
    n: int, path: Path, corpus_dir: Path, order: str, writer_process: bool = True, per_batch: bool = False
) -> dict[str, float]:
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):  # an old WAL would be replayed
        stale.unlink(missing_ok=True)
    corpus_path = corpus_dir / f"corpus-{order}-{n}.jsonl"
    if not corpus_path.exists():
        corpus_dir.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        generate(corpus_path, n, order=order)
        print(f"generated {corpus_path} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    print(f"indexing {n:,} commitments into {path}", file=sys.stderr)
    built = build(path, corpus_path, n, writer_process, per_batch)
    built["load"] = os.getloadavg()[1]
    built["order"] = order
    print(f"  {n / built['upsert_s']:,.0f} commitments/s", file=sys.stderr)
    return built


def _reused(path: Path) -> Path:
    """A store an earlier run built (and kept): it must hold the naive table that run adds."""
    if not path.exists():
        raise SystemExit(f"--reuse: no store at {path}")
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'naive'").fetchone():
            raise SystemExit(f"--reuse: {path} has no naive table (build it with this script)")
    print(f"reusing {path}", file=sys.stderr)
    return path


if __name__ == "__main__":
    main()
