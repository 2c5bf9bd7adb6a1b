"""Benchmark of the SQLite store: indexing throughput and search latency beside a naive LIKE scan.

Generates a synthetic corpus of N commitments (four per article) in realistic municipal-news Persian
(sentences assembled from the vocabulary below, written for this benchmark), indexes it with
``SqliteStore.upsert`` and times five query shapes through ``SqliteStore.search`` (the full path the
API uses: hits, highlights, total and facets) and, in the same run on the same file, a naive
``LIKE '%…%'`` scan over the stored JSON answering the same question.

    nice .venv/bin/python benchmarks/search.py --sizes 100000 1000000

Writes a Markdown table and the raw figures to ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from goftar.model import Article, Commitment, Deadline, Entity, Extraction, Speaker  # noqa: E402
from index.base import SearchQuery  # noqa: E402
from index.sqlite import SqliteStore  # noqa: E402

PER_ARTICLE = 4
BATCH_ARTICLES = 250
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


def _sentence(rng: random.Random) -> tuple[str, tuple[str, str], str, int]:
    speaker = rng.choice(SPEAKERS)
    obj, verb = rng.choice(OBJECTS), rng.choice(VERBS)
    deadline, days = rng.choice(DEADLINES)
    place = rng.choice(PLACES)
    filler = rng.choice(FILLERS)
    text = f"{speaker[0]} گفت {filler} {obj} در {place} {deadline} {verb}"
    return text, speaker, deadline, days


def _article(i: int, rng: random.Random) -> tuple[Article, Extraction]:
    published = START + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60))
    sentences = [_sentence(rng) for _ in range(PER_ARTICLE)]
    text = ". ".join(s[0] for s in sentences) + "."
    source = SOURCES[i % len(SOURCES)]
    url = f"https://{source}.example/news/{i}"
    article = Article(
        url=url,
        canonical_url=url,
        source=source,
        title=sentences[0][0][:60],
        raw_text=text,
        text=text,
        published=None if i % 20 == 0 else published,
        fetched=published,
        archive=f"{source}-{published:%Y%m%d}.warc.gz#{i * 4096}",
    )
    commitments, offset = [], 0
    for sentence, (who, kind), deadline_text, days in sentences:
        due = published.date() + timedelta(days=days + rng.randrange(30))
        commitments.append(
            Commitment(
                speaker=Speaker(text=who, kind=kind, canonical_name=who if kind == "person" else None),  # type: ignore[arg-type]
                action=sentence.split(" گفت ", 1)[1],
                evidence=sentence,
                polarity=rng.choice(POLARITIES),  # type: ignore[arg-type]
                deadline=Deadline(text=deadline_text, end=due, kind="by"),
                start=offset,
                end=offset + len(sentence),
                article_id=article.id,
                story_id=f"story-{i % 50_000}" if i % 7 == 0 else None,
            )
        )
        offset += len(sentence) + 2
    entities = [Entity(text=org, label="ORG", start=0, end=1) for org in rng.sample(ORGS, 2)]
    entities.append(Entity(text=rng.choice(PLACES), label="LOC", start=0, end=1))
    return article, Extraction(text=text, entities=entities, commitments=commitments)


def corpus(n_commitments: int, seed: int = 1403) -> Iterator[list[tuple[Article, Extraction]]]:
    """Batches of synthetic articles holding ``n_commitments`` commitments in all (deterministic)."""
    rng = random.Random(seed)
    articles = n_commitments // PER_ARTICLE
    for start in range(0, articles, BATCH_ARTICLES):
        yield [_article(i, rng) for i in range(start, min(start + BATCH_ARTICLES, articles))]


def build(path: Path, n: int) -> dict[str, float]:
    """Index ``n`` commitments into a fresh store at ``path``; seconds spent in upsert and in total."""
    store = SqliteStore.open(path)
    upsert_s, t0 = 0.0, time.perf_counter()
    for batch in corpus(n):
        t = time.perf_counter()
        report = store.upsert(batch)
        upsert_s += time.perf_counter() - t
        assert not report.failed, report.failed[:3]
    t = time.perf_counter()
    store._conn.execute("INSERT INTO commitment_fts(commitment_fts) VALUES ('optimize')")  # noqa: SLF001
    store._conn.execute("ANALYZE")  # noqa: SLF001
    optimise_s = time.perf_counter() - t
    total_s = time.perf_counter() - t0
    store.close()
    return {
        "upsert_s": upsert_s,
        "optimise_s": optimise_s,
        "total_s": total_s,
        "size_mb": path.stat().st_size / 1e6,
    }


@dataclass
class Shape:
    name: str
    ours: Callable[[int], SearchQuery]
    naive: Callable[[sqlite3.Connection, int], object]


def _like(
    conn: sqlite3.Connection, where: str, params: list[object], order: str = "event_time DESC"
) -> object:
    total = conn.execute(f"SELECT count(*) FROM commitments WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT json FROM commitments WHERE {where} ORDER BY {order} LIMIT 20", params
    ).fetchall()
    return total, [json.loads(r[0]) for r in rows]


def _like_facets(conn: sqlite3.Connection, word: str) -> object:
    return [
        conn.execute(
            f"SELECT {col}, count(*) FROM commitments WHERE json LIKE ? GROUP BY {col}", [f"%{word}%"]
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
    """Latency percentiles (ms) of each shape, ours and the naive scan, on the store at ``path``."""
    store = SqliteStore.open(path)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for shape in SHAPES:
        store.search(shape.ours(0))  # warm the page cache like a running server
        ours = []
        for i in range(runs):
            t = time.perf_counter()
            store.search(shape.ours(i))
            ours.append(time.perf_counter() - t)
        naive = []
        for i in range(naive_runs):
            t = time.perf_counter()
            shape.naive(store._conn, i)  # noqa: SLF001
            naive.append(time.perf_counter() - t)
        out[shape.name] = {"fts5": _percentiles(ours), "like": _percentiles(naive)}
        print(
            f"  {shape.name}: fts5 p95 {out[shape.name]['fts5']['p95']:.1f} ms, "
            f"LIKE p95 {out[shape.name]['like']['p95']:.1f} ms",
            file=sys.stderr,
        )
    store.close()
    return out


def table(n: int, built: dict[str, float], latency: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table of one corpus size."""
    rate = n / built["upsert_s"]
    lines = [
        f"### {n:,} commitments ({n // PER_ARTICLE:,} articles), {built['size_mb']:.0f} MB",
        "",
        f"Indexing: {rate:,.0f} commitments/s in upsert ({built['upsert_s']:.1f} s), "
        f"{n / built['total_s']:,.0f}/s including generation and FTS optimise ({built['total_s']:.1f} s).",
        "",
        "| query shape | FTS5 p50 | p95 | p99 | LIKE p50 | p95 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in latency.items():
        f, n_ = row["fts5"], row["like"]
        lines.append(
            f"| {name} | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | "
            f"{n_['p50']:.0f} | {n_['p95']:.0f} | {n_['p99']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=200, help="timed searches per shape")
    parser.add_argument("--naive-runs", type=int, default=20, help="timed LIKE scans per shape")
    parser.add_argument("--work", type=Path, default=None, help="folder for the store files (default: temp)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="goftar-bench-"))
    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared; load average at start "
        f"{os.getloadavg()[0]:.1f}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"ms per search() call (hits + highlights + total + facets).\n\n"
    )
    report, raw = [header], {}
    for n in args.sizes:
        path = work / f"bench-{n}.sqlite3"
        path.unlink(missing_ok=True)
        print(f"indexing {n:,} commitments into {path}", file=sys.stderr)
        built = build(path, n)
        print(f"  {n / built['upsert_s']:,.0f} commitments/s", file=sys.stderr)
        latency = measure(path, args.runs, args.naive_runs)
        report.append(table(n, built, latency))
        raw[n] = {"build": built, "latency": latency}
        print(report[-1])
        # Written after each size, so a long 1M run leaves the 100k table behind if it is stopped.
        (args.out / "search.md").write_text("\n".join(report), encoding="utf-8")
        (args.out / "search.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
