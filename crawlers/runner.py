"""Run the spiders of a list of sources and collect their articles into one JSON-lines file.

Scrapy runs in a child process (``python -m crawlers.runner JOB``): the Twisted reactor cannot be
restarted, and the CLI, the tests and Airflow call ``crawl`` many times in one process.

The child writes its part files into ``<out>.parts/`` beside ``out`` (not a temporary folder), so what a
killed crawl collected survives for ``collect_parts`` to recover; the child dies with its parent.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from goftar.errors import CrawlError
from goftar.model import CrawlHealth, Source
from goftar.settings import SECRET_FIELDS, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlReport:
    """What a crawl produced: the JSON-lines file, per-source health, and how many articles it holds."""

    out: Path
    health: list[CrawlHealth]
    articles: int


def crawl(
    sources: list[Source],
    out: Path,
    settings: Settings,
    *,
    allow_private: bool = False,
    timeout: float | None = None,
) -> CrawlReport:
    """Crawl ``sources`` into ``out`` (one ``Article.to_json()`` per line); state lives in ``settings.home``.

    Pages that fail are logged and counted in the health of their source; ``CrawlError`` is raised only
    when the crawl could not run at all (the child process crashed or timed out).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    log_dir = settings.crawl_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    work = parts_dir(out)
    work.mkdir(parents=True, exist_ok=True)
    job = {
        "sources": [s.to_json() for s in sources],
        "settings": _child_settings(settings),
        "allow_private": allow_private,
        "work": str(work),
    }
    (work / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    log_file = log_dir / f"{out.stem}.log"
    _run_child(work / "job.json", log_file, timeout)
    health = [CrawlHealth(**h) for h in json.loads((work / "health.json").read_text(encoding="utf-8"))]
    articles = collect_parts(work, out)
    for h in health:
        log.info("crawled %s: %d items, %d errors, %d empty", h.source, h.items, h.errors, h.empty)
    return CrawlReport(out=out, health=health, articles=articles)


def _child_settings(settings: Settings) -> dict[str, Any]:
    """The settings the child needs, as JSON; secrets are blanked (the job file sits in /tmp)."""
    out: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        out[f.name] = "" if f.name in SECRET_FIELDS else str(value) if isinstance(value, Path) else value
    return out


def _run_child(job: Path, log_file: Path, timeout: float | None) -> None:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with open(log_file, "ab") as log_fh:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "crawlers.runner", str(job)],
                env=env,
                stdout=log_fh,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise CrawlError(f"crawl timed out after {timeout}s; log: {log_file}") from exc
    if result.returncode != 0 or not (job.parent / "health.json").exists():
        tail = log_file.read_text(encoding="utf-8", errors="replace")[-1500:]
        raise CrawlError(f"crawl process failed (exit {result.returncode}); log: {log_file}\n{tail}")


def parts_dir(out: Path) -> Path:
    """Where the child writes the part files of the crawl whose output is ``out``."""
    return out.with_name(out.stem + ".parts")


def _part_index(path: Path) -> int:
    return int(path.stem.split("-")[1])


def collect_parts(work: Path, out: Path) -> int:
    """Concatenate the part files of ``work`` into ``out`` (atomically) and remove ``work``.

    Also used to recover the parts of a crawl that was killed: a torn last line is left for the
    reader, which logs and skips malformed lines. Returns the number of lines written.
    """
    parts = sorted(work.glob("part-*.jsonl"), key=_part_index)
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for part in parts:
            for line in part.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    fh.write(line + "\n")
                    count += 1
    os.replace(tmp, out)
    shutil.rmtree(work, ignore_errors=True)
    return count


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this child when its parent dies, so no orphan crawl keeps writing."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: an orphan finishes its crawl, which is harmless
        pass


# --- the child process ------------------------------------------------------------------------------
def _health(source: Source, stats: dict[str, Any]) -> dict[str, Any]:
    if "start_time" not in stats:  # the crawler never started (bad settings, import error): say so
        now = datetime.now(UTC)
        return CrawlHealth(
            source=source.name,
            started=now,
            finished=now,
            errors=1,
            message="crawler did not start; see the crawl log",
        ).to_json()
    errors = int(stats.get("goftar/errors", 0)) + sum(
        int(v) for k, v in stats.items() if k.startswith("spider_exceptions/")
    )
    message = stats.get("goftar/last_error")
    if stats.get("goftar/not_modified") and not stats.get("item_scraped_count"):
        message = message or "feed not modified since last crawl"
    started = stats.get("start_time") or datetime.now(UTC)
    return CrawlHealth(
        source=source.name,
        started=started,
        finished=stats.get("finish_time") or datetime.now(UTC),
        items=int(stats.get("item_scraped_count", 0)),
        errors=errors,
        empty=int(stats.get("goftar/empty", 0)),
        seen=int(stats.get("goftar/skipped_seen", 0)),
        message=message,
    ).to_json()


def _child_main(job_path: Path) -> None:
    from scrapy.crawler import Crawler, CrawlerProcess

    from crawlers.settings import base_settings, source_settings
    from crawlers.spiders import SPIDERS

    _die_with_parent()
    job = json.loads(job_path.read_text(encoding="utf-8"))
    settings = Settings(**{**job["settings"], "home": Path(job["settings"]["home"])})
    sources = [Source(**s) for s in job["sources"]]
    work = Path(job["work"])
    process = CrawlerProcess(base_settings() | {"LOG_LEVEL": settings.log_level})
    crawlers: list[tuple[Source, Crawler]] = []
    for index, source in enumerate(sources):
        part = work / f"part-{index}.jsonl"
        # Per-source settings (politeness overrides, its own feed file) ride on a subclass's
        # custom_settings: the documented per-spider door, applied when the crawler is created.
        base_cls = SPIDERS[source.kind]
        spider_cls = type(
            f"{base_cls.__name__}_{index}",
            (base_cls,),
            {
                "custom_settings": source_settings(
                    settings, source, part, allow_private=job["allow_private"]
                ),
            },
        )
        crawler = process.create_crawler(spider_cls)
        process.crawl(crawler, source=source)
        crawlers.append((source, crawler))
    if crawlers:
        process.start()
    health = [
        _health(source, crawler.stats.get_stats() if crawler.stats else {}) for source, crawler in crawlers
    ]
    (work / "health.json").write_text(json.dumps(health, ensure_ascii=False, default=str), encoding="utf-8")


if __name__ == "__main__":
    _child_main(Path(sys.argv[1]))
