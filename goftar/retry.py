"""Articles that could not be extracted or indexed are kept and tried again, never dropped.

The crawler records every URL it fetched and will not fetch it again, so an article whose extraction
raised or whose write the store refused (Elasticsearch answering 429 or timing out past its retries,
a locked or full disk) exists nowhere else once its crawl file is filed away. ``ingest`` lists such
articles in ``IngestReport.retry``; ``requeue`` writes them to ``<folder>/retry-<attempt>-<stamp>.jsonl``
and the next run's ``retry_pending`` ingests those files again (forced past the "already stored" check,
since part of an article may have been written). After ``RETRY_LIMIT`` attempts an article is moved to
``GOFTAR_HOME/crawl/failed/`` with the reasons, for an operator, and no longer retried.

A run killed while retrying leaves the retry file in place (it is deleted only after its articles were
ingested or requeued): ingesting it twice is harmless, since writes are idempotent.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from goftar.model import Article

if TYPE_CHECKING:
    from goftar.pipeline import IngestReport
    from index.base import Store

log = logging.getLogger(__name__)

RETRY_LIMIT = 5
_RETRY_NAME = re.compile(r"retry-(\d+)-[\w.]+\.jsonl")


def requeue(articles: list[Article], folder: Path, attempt: int = 1) -> Path | None:
    """Write ``articles`` to a new retry file in ``folder`` (atomically); ``None`` when there are none."""
    if not articles:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"retry-{attempt}-{stamp}.jsonl"
    _write_lines(path, [a.model_dump_json() for a in articles])
    log.warning(
        "%d articles kept for another attempt (%d of %d) in %s", len(articles), attempt, RETRY_LIMIT, path
    )
    return path


def retry_pending(folder: Path, store: Store, failed_dir: Path) -> IngestReport:
    """Ingest the retry files in ``folder`` again; what fails again is requeued or, at the limit, filed."""
    from goftar.pipeline import IngestReport, add_report, ingest, read_articles

    total = IngestReport()
    for path in sorted(folder.glob("retry-*.jsonl")) if folder.is_dir() else []:
        match = _RETRY_NAME.fullmatch(path.name)
        attempt = int(match.group(1)) if match else RETRY_LIMIT
        lines = IngestReport()
        report = ingest(read_articles(path, lines), store, force=True)
        report.bad_lines = lines.bad_lines
        if report.retry and attempt >= RETRY_LIMIT:
            _file_failures(report, failed_dir / path.name)
        elif report.retry:
            requeue([article for article, _reason in report.retry], folder, attempt + 1)
        path.unlink()
        add_report(total, report)
    return total


def _file_failures(report: IngestReport, path: Path) -> None:
    lines = [
        json.dumps({"article": json.loads(a.model_dump_json()), "reason": reason}, ensure_ascii=False)
        for a, reason in report.retry
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_lines(path, lines)
    log.error(
        "%d articles failed %d times and are no longer retried; they are kept in %s",
        len(report.retry),
        RETRY_LIMIT,
        path,
    )


def _write_lines(path: Path, lines: list[str]) -> None:
    tmp = path.with_suffix(".part")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(path)
