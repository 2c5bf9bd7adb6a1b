"""The pipeline as plain functions: crawl → normalise/extract → index. The CLI and the DAGs call these.

Idempotence: article ids come from canonical URLs and commitment ids from (article, offsets), and an
article whose collected text is unchanged is skipped, so a rerun neither duplicates nor drops records.

Crash safety: ``run`` crawls into ``GOFTAR_HOME/crawl/pending/`` and moves the file up to ``crawl/`` only
once it is ingested. A run killed at any point leaves its crawl there (whole, or as part files), and the
next ``run`` ingests it first: the crawler will not fetch those URLs again, so nothing else would.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from goftar import retry
from goftar.model import Article, Commitment, CrawlHealth, Extraction

if TYPE_CHECKING:
    from crawlers.runner import CrawlReport
    from goftar.model import Source
    from goftar.settings import Settings
    from index.base import Store

log = logging.getLogger(__name__)

BATCH = 50
Progress = Callable[[int], None]


@dataclass
class IngestReport:
    seen: int = 0
    skipped: int = 0  # unchanged since the last run
    indexed: int = 0
    commitments: int = 0
    statements: int = 0
    bad_lines: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Articles to try again (see ``goftar.retry``), with why they failed.
    retry: list[tuple[Article, str]] = field(default_factory=list)


def read_articles(path: Path, report: IngestReport | None = None) -> Iterator[Article]:
    """Articles from a crawl's JSON-lines file; a malformed line is logged and skipped."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield Article.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                log.warning("%s:%d: skipped a malformed article line: %s", path, lineno, str(exc)[:200])
                if report is not None:
                    report.bad_lines += 1


def process(article: Article) -> tuple[Article, Extraction]:
    """Normalise and extract one article; stamps the article id on what was found."""
    from nlp.extract import extract

    body = "\n\n".join(part for part in (article.title, article.lead, article.raw_text) if part)
    extraction = extract(body, article.published or article.fetched)
    if article.title:
        _drop_headline_retold(extraction)
    for item in (*extraction.statements, *extraction.commitments):
        item.article_id = article.id
    return article.model_copy(update={"text": extraction.text}), extraction


def _drop_headline_retold(extraction: Extraction) -> None:
    """A headline's commitment that the body tells again is one promise, kept as the body tells it.

    The headline is the first paragraph and usually names no speaker; kept, it was a second commitment
    in a story of its own («گوینده نامعلوم»). Told again means: the same numbers («خط ۷» is not «خط ۱۰»)
    and actions at least ``RETOLD`` alike by ``nlp.tracking.similarity`` — twice the bar that links
    restatements across articles (0.25), because here two different promises sit side by side.
    """
    from nlp.tracking import similarity

    title_end = extraction.text.find("\n\n")
    if title_end < 0:
        return
    body = [c for c in extraction.commitments if c.start > title_end]

    def retold(c: Commitment) -> bool:
        return any(
            _same_numbers(c.action, b.action) and similarity(c.action, b.action) >= RETOLD for b in body
        )

    extraction.commitments = [c for c in extraction.commitments if c.start > title_end or not retold(c)]


RETOLD = 0.5
_NUMBER = re.compile(r"\d+(?:[٬,]\d{3})*")


def _same_numbers(a: str, b: str) -> bool:
    """No number of one contradicts the other: the numbers of one are among the other's («۱٬۰۰۰» is
    «1000»), so the body may add a district or a year the headline left out, but «خط ۷» is not «خط ۱۰»."""
    x, y = _numbers(a), _numbers(b)
    return x <= y or y <= x


def _numbers(text: str) -> set[int]:
    return {int(re.sub(r"[٬,]", "", run)) for run in _NUMBER.findall(text)}


def _link_stories(store: Store, extraction: Extraction, batch: list[tuple[Article, Extraction]]) -> None:
    """Give restated commitments the story id of what the same speaker promised before.

    "Before" is what the store holds and what this batch holds but has not written yet: the same
    promise often comes in twice in one crawl (a release and an agency's report of it).
    """
    from index.base import SearchQuery, commitment_doc
    from nlp.tracking import assign_stories

    speakers = {c.speaker.display for c in extraction.commitments if c.speaker}
    previous: list[dict] = [
        commitment_doc(c, art)
        for art, ext in batch
        for c in ext.commitments
        if c.speaker and c.speaker.display in speakers
    ]
    for speaker in sorted(speakers):
        result = store.search(SearchQuery(speaker=speaker, sort="date", size=200, facets=False))
        previous.extend(hit.doc for hit in result.hits)
    assign_stories(extraction.commitments, previous)


def ingest(
    articles: Iterable[Article], store: Store, *, progress: Progress | None = None, force: bool = False
) -> IngestReport:
    """Extract and index articles not already stored with the same content (all of them with ``force``).

    Articles whose extraction raised or whose write the store reported failed are listed in
    ``report.retry``: the caller keeps them for another attempt (``goftar.retry``).
    """
    report = IngestReport()
    batch: list[tuple[Article, Extraction]] = []
    for article in articles:
        report.seen += 1
        if not force and store.has_article(article.id, article.content_hash):
            report.skipped += 1
        else:
            _ingest_one(article, store, batch, report)
        if len(batch) >= BATCH:
            _flush(store, batch, report)
        if progress:
            progress(1)
    _flush(store, batch, report)
    return report


def _ingest_one(
    article: Article, store: Store, batch: list[tuple[Article, Extraction]], report: IngestReport
) -> None:
    try:
        article, extraction = process(article)
        _link_stories(store, extraction, batch)
    except Exception as exc:  # noqa: BLE001 — one bad document must not stop the run; it is reported
        log.exception("extraction failed for %s", article.url)
        reason = f"{type(exc).__name__}: {exc}"
        report.failed.append((article.url, reason))
        report.retry.append((article, reason))
        return
    batch.append((article, extraction))


def _flush(store: Store, batch: list[tuple[Article, Extraction]], report: IngestReport) -> None:
    if not batch:
        return
    result = store.upsert(batch)
    report.indexed += result.articles
    report.commitments += result.commitments
    report.statements += result.statements
    report.failed.extend(result.failed)
    if result.failed:
        report.retry.extend(_owners(batch, result.failed))
    batch.clear()


def _owners(
    batch: list[tuple[Article, Extraction]], failed: list[tuple[str, str]]
) -> list[tuple[Article, str]]:
    """The articles of the batch that a store's failures name (by article, statement or commitment id)."""
    owner: dict[str, Article] = {}
    for article, extraction in batch:
        owner[article.id] = article
        owner.update((item.id, article) for item in (*extraction.statements, *extraction.commitments))
    reasons: dict[str, tuple[Article, list[str]]] = {}
    for ident, reason in failed:
        article = owner.get(ident)
        if article is None:
            log.error("the store reported a failure for %s, which is not in the batch", ident)
            continue
        reasons.setdefault(article.id, (article, []))[1].append(reason)
    return [(article, "; ".join(why)[:2000]) for article, why in reasons.values()]


def ingest_file(
    path: Path, store: Store, *, progress: Progress | None = None, retry_dir: Path | None = None
) -> IngestReport:
    """Ingest a crawl's JSON-lines file; with ``retry_dir``, what failed is kept there for another attempt."""
    report_lines = IngestReport()
    report = ingest(read_articles(path, report_lines), store, progress=progress)
    report.bad_lines = report_lines.bad_lines
    if retry_dir is not None:
        retry.requeue([article for article, _reason in report.retry], retry_dir)
    return report


def crawl_to_file(
    sources: list[Source],
    settings: Settings,
    *,
    allow_private: bool = False,
    label: str = "run",
    directory: Path | None = None,
) -> CrawlReport:
    """Run the spiders of ``sources`` into a fresh JSON-lines file under ``directory`` (GOFTAR_HOME/crawl)."""
    from crawlers.runner import crawl

    directory = directory or settings.crawl_dir
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    out = directory / f"{label}-{stamp}.jsonl"
    return crawl(sources, out, settings, allow_private=allow_private)


def pending_dir(settings: Settings) -> Path:
    """Crawl output of ``run`` not yet (fully) ingested."""
    return settings.crawl_dir / "pending"


def retry_dir(settings: Settings) -> Path:
    """Articles of ``run`` whose extraction or indexing failed, to be tried again (``goftar.retry``)."""
    return settings.crawl_dir / "retry"


def failed_dir(settings: Settings) -> Path:
    """Articles that failed ``retry.RETRY_LIMIT`` times, kept with their reasons for an operator."""
    return settings.crawl_dir / "failed"


def _ingested(path: Path, settings: Settings) -> None:
    # Moved, not deleted: the crawl files are the record of what was collected.
    path.replace(settings.crawl_dir / path.name)


def recover_pending(settings: Settings, store: Store, *, progress: Progress | None = None) -> IngestReport:
    """Ingest what killed runs left in the pending folder (whole crawl files, then part files), then
    the articles kept for another attempt."""
    from crawlers.runner import collect_parts

    total = IngestReport()
    add_report(total, retry.retry_pending(retry_dir(settings), store, failed_dir(settings)))
    pending = pending_dir(settings)
    if not pending.is_dir():
        return total
    for work in sorted(pending.glob("*.parts")):
        lines = collect_parts(work, pending / (work.name.removesuffix(".parts") + ".jsonl"))
        log.warning("recovered %d articles from the interrupted crawl %s", lines, work.name)
    for path in sorted(pending.glob("*.jsonl")):
        log.warning("ingesting %s, left by an interrupted run", path.name)
        add_report(total, ingest_file(path, store, progress=progress, retry_dir=retry_dir(settings)))
        _ingested(path, settings)
    return total


def add_report(total: IngestReport, part: IngestReport) -> None:
    """Add ``part``'s counts and failures to ``total``."""
    for name in ("seen", "skipped", "indexed", "commitments", "statements", "bad_lines"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failed.extend(part.failed)
    total.retry.extend(part.retry)


def refresh_statuses(store: Store, settings: Settings) -> int:
    """Set open/due/overdue as of today (the local day): extraction stated them as of each article's
    publication, and a researcher filtering by status means today's. Returns how many changed."""
    return store.recompute_statuses(datetime.now(ZoneInfo(settings.timezone)).date())


def record_health(store: Store, health: Iterable[CrawlHealth]) -> None:
    for item in health:
        store.record_crawl(item)


def run(
    sources: list[Source],
    settings: Settings,
    store: Store,
    *,
    allow_private: bool = False,
    progress: Progress | None = None,
) -> tuple[CrawlReport, IngestReport]:
    """Crawl, then extract and index what was collected; crawl health is recorded in the store.

    What an interrupted earlier run collected is ingested first; the report counts it too.
    """
    report = recover_pending(settings, store, progress=progress)
    crawl_report = crawl_to_file(
        sources, settings, allow_private=allow_private, directory=pending_dir(settings)
    )
    record_health(store, crawl_report.health)
    add_report(report, ingest_file(crawl_report.out, store, progress=progress, retry_dir=retry_dir(settings)))
    _ingested(crawl_report.out, settings)
    refresh_statuses(store, settings)
    moved = settings.crawl_dir / crawl_report.out.name
    return dataclasses.replace(crawl_report, out=moved), report
