"""Crawler benchmark: a generated local news site of N article pages, crawled with politeness off.

Reports crawl throughput (pages/s through the whole Scrapy stack: robots.txt, sitemap, download, extraction,
dedup, WARC archive, seen store, JSON export, including the child process start) and extraction throughput
(pages/s of ``crawlers.extract.extract_page`` alone) beside plain ``trafilatura.extract`` on the same pages
in the same run.

    nice .venv/bin/python benchmarks/crawl.py --pages 5000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

import trafilatura

from crawlers.extract import extract_page
from crawlers.runner import crawl
from goftar.model import Source
from goftar.sample_site import serve
from goftar.settings import Settings

SENTENCES = [
    "شهردار در جلسه شورای شهر گفت: ساخت {n} بوستان محله‌ای تا پایان سال به پایان می‌رسد.",
    "معاون حمل و نقل اعلام کرد: {n} دستگاه اتوبوس برقی تا پایان ماه جاری وارد ناوگان می‌شود.",
    "مدیرعامل سازمان پسماند گفت: {n} مخزن زباله فرسوده تعویض خواهد شد.",
    "وی افزود: گزارش پیشرفت کار هر ماه به شورای شهر ارائه می‌شود.",
    "معاون خدمات شهری گفت: لایروبی {n} کیلومتر از مسیل‌ها تا ۱۵ آذر تمام می‌شود.",
    "شهرداری منطقه {n} از آغاز عملیات ساخت پارکینگ طبقاتی از هفته آینده خبر داد.",
    "رئیس سازمان آتش‌نشانی گفت: {n} ایستگاه جدید تا پایان سال ۱۴۰۵ ساخته می‌شود.",
    "مدیر برق شهرداری اعلام کرد: روشنایی {n} کوچه با لامپ‌های کم‌مصرف تأمین می‌شود.",
    "عضو شورای شهر خواستار شفافیت در قراردادهای پیمانکاری شد.",
    "معاون اجتماعی شهرداری گفت: {n} سرای محله جدید تا خرداد به بهره‌برداری می‌رسد.",
    "شهردار تأکید کرد: هیچ دانش‌آموزی نباید در کلاس ناایمن درس بخواند.",
    "مدیرعامل مترو گفت: تست گرم قطارهای خط {n} از هفته آینده آغاز می‌شود.",
    "به گفته وی، اعتبار این طرح {n} میلیارد تومان است و از محل درآمدهای پایدار تأمین می‌شود.",
    "کارشناسان شهری معتقدند این طرح بار ترافیکی محور شرقی را کاهش می‌دهد.",
    "شهروندان می‌توانند مشکلات را از طریق سامانه ۱۳۷ گزارش کنند.",
    "نصب {n} نیمکت جدید در پیاده‌روهای خیابان ولیعصر تا پایان هفته آینده تمام می‌شود.",
]


def _body(rng: random.Random, index: int) -> list[str]:
    chosen = rng.sample(SENTENCES, 8)
    paragraphs = [
        " ".join(s.format(n=rng.randint(2, 900)) for s in chosen[i : i + 2]) for i in range(0, 8, 2)
    ]
    return [
        f"این گزارش شماره {index} از پایگاه خبری شهرداری است و نشانی ثابت آن در بایگانی نگه داشته می‌شود."
    ] + paragraphs


def _page(index: int, rng: random.Random) -> str:
    title = f"گزارش شماره {index}: " + rng.choice(SENTENCES).format(n=index)[:60]
    paragraphs = "".join(f"<p>{p}</p>\n" for p in _body(rng, index))
    date = f'<meta property="article:published_time" content="2025-10-{1 + index % 28:02d}T09:30:00+03:30">'
    shape = index % 3
    if shape == 0:  # Nastooh-shaped
        inner = (
            f'<div class="rutitr">گزارش</div><h1 class="title">{title}</h1>'
            f'<p class="introtext">لید خبر {index}</p><div class="item-body"><div class="item-text">'
            f"{paragraphs}</div></div>"
        )
    elif shape == 1:  # Asam-shaped
        inner = (
            f'<h2 class="uptitle">گزارش</h2><h1 class="title">{title}</h1><p class="lead">لید خبر {index}</p>'
            f'<div class="article_body"><div id="echo_detail">{paragraphs}</div></div>'
        )
    else:  # no known family: the trafilatura path
        inner = f"<h1>{title}</h1>{paragraphs}"
    nav = "".join(f'<li><a href="/news/{(index + k) % 997}.html">خبر مرتبط</a></li>' for k in range(1, 6))
    return (
        f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{date}'
        f'</head><body><header><nav><a href="/">خانه</a></nav></header><main><article>{inner}</article>'
        f"<aside><ul>{nav}</ul></aside></main><footer>پایگاه نمونه</footer></body></html>"
    )


def generate_site(root: Path, pages: int, seed: int = 7) -> list[Path]:
    """Write ``pages`` article pages, a sitemap of them and robots.txt under ``root``."""
    rng = random.Random(seed)
    (root / "news").mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(pages):
        path = root / "news" / f"{index}.html"
        path.write_text(_page(index, rng), encoding="utf-8")
        files.append(path)
    urls = "".join(f"<url><loc>{{{{base}}}}/news/{i}.html</loc></url>" for i in range(pages))
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>",
        encoding="utf-8",
    )
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return files


def time_extraction(files: list[Path]) -> dict[str, float]:
    """Pages per second of our extractor and of plain trafilatura on the same HTML."""
    pages = [p.read_text(encoding="utf-8") for p in files]
    source = Source(name="bench", kind="article", start_urls=["http://bench.local/"])
    started = time.perf_counter()
    ours = [extract_page(html, f"http://bench.local/{i}", source) for i, html in enumerate(pages)]
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    plain = [trafilatura.extract(html) for html in pages]
    plain_s = time.perf_counter() - started
    return {
        "ours_pages_per_s": len(pages) / ours_s,
        "ours_extracted": sum(1 for page in ours if page is not None),
        "trafilatura_pages_per_s": len(pages) / plain_s,
        "trafilatura_extracted": sum(1 for text in plain if text),
    }


RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for crawl.md and crawl.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goftar-bench-") as tmp:
        root, home = Path(tmp) / "site", Path(tmp) / "home"
        files = generate_site(root, args.pages)
        settings = Settings.from_env(env={}, home=home, download_delay=0.0, log_level="WARNING")
        with serve(root) as base:
            source = Source(
                name="bench",
                kind="sitemap",
                start_urls=[f"{base}/sitemap.xml"],
                politeness={"concurrency": 16},
            )
            started = time.perf_counter()
            report = crawl([source], home / "bench.jsonl", settings, allow_private=True)
            crawl_s = time.perf_counter() - started
        figures = {
            "pages": args.pages,
            "crawl_seconds": round(crawl_s, 2),
            "crawl_pages_per_s": round(args.pages / crawl_s, 1),
            "articles_written": report.articles,
            "crawl_errors": report.health[0].errors,
            **{k: round(v, 1) for k, v in time_extraction(files).items()},
        }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    write_results(args.out, figures)


def write_results(out: Path, figures: dict[str, float | int]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(f"| {key} | {value} |" for key, value in figures.items())
    load = os.getloadavg()[0]
    (out / "crawl.md").write_text(
        f"# Crawl benchmark\n\nCommand: `.venv/bin/python benchmarks/crawl.py --pages {figures['pages']}` "
        f"({os.cpu_count()} CPUs, load average {load:.1f} at the end)\n\n| measure | value |\n| --- | --- |\n"
        f"{rows}\n",
        encoding="utf-8",
    )
    (out / "crawl.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
