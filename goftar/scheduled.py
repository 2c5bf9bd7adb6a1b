"""What the Airflow DAGs run, as plain functions: the DAG files only wire these to a schedule.

Every function takes ``Settings`` and plain values (strings, dates, datetimes) and returns a small
JSON-able summary, so tasks stay thin, XComs stay tiny, and the same steps run from tests without Airflow.
Idempotence is keyed by content and by the data interval, never by the run's ``logical_date`` (which is
``None`` for manual and asset-triggered runs).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from goftar.errors import ConfigError

if TYPE_CHECKING:
    from goftar.model import Source
    from goftar.settings import Settings

log = logging.getLogger(__name__)

MAINTENANCE_OPERATIONS = ("merge_near_duplicates", "reindex")
ARCHIVE_KEEP_DAYS = 180
CRAWL_KEEP_DAYS = 30
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


# ------------------------------------------------------------------ ingest


def group_of(source: Source) -> str:
    """A source's group: its ``group`` tag, else its ``organisation`` tag, else its own name."""
    return source.tags.get("group") or source.tags.get("organisation") or source.name


def load_registry(settings: Settings) -> list[Source]:
    from crawlers.sources import load_sources

    return load_sources(settings.sources or None)


def source_groups(settings: Settings) -> list[str]:
    """The groups of the configured sources registry, sorted: one mapped ingest task each."""
    return sorted({group_of(s) for s in load_registry(settings)})


def ingest_group(
    settings: Settings, group: str, interval_start: datetime, interval_end: datetime
) -> dict[str, Any]:
    """Crawl one source group, then extract and index what was collected; returns a summary.

    The crawl output is named for the group and data interval, so a retry or a backfill of the same
    interval reuses a finished crawl file instead of crawling again, and ingestion skips articles whose
    content is already stored: reruns neither duplicate nor lose records.
    """
    from crawlers.runner import crawl
    from goftar import pipeline, retry
    from index import open_store

    sources = [s for s in load_registry(settings) if group_of(s) == group]
    if not sources:
        raise ConfigError(f"no source in group {group!r}; the registry changed since the run was planned")
    out = crawl_file(settings, group, interval_start, interval_end)
    done = out.with_suffix(".done")
    health = []
    if not done.exists():
        report = crawl(sources, out, settings, allow_private=settings.allow_private)
        health = report.health
        done.write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
    # Per group: mapped tasks of one run work side by side, each on its own retry files.
    retry_dir = out.parent / "retry"
    store = open_store(settings)
    try:
        pipeline.record_health(store, health)
        retried = retry.retry_pending(retry_dir, store, pipeline.failed_dir(settings))
        ingested = pipeline.ingest_file(out, store, retry_dir=retry_dir)
        pipeline.refresh_statuses(store, settings)
    finally:
        store.close()
    return {
        "group": group,
        "file": str(out),
        "crawled": bool(health),
        "seen": ingested.seen,
        "indexed": ingested.indexed,
        "skipped": ingested.skipped,
        "commitments": ingested.commitments,
        "failed": len(ingested.failed),
        "retried": retried.seen,
        "kept_for_retry": len(ingested.retry) + len(retried.retry),
    }


def crawl_file(settings: Settings, group: str, start: datetime, end: datetime) -> Path:
    """``GOFTAR_HOME/crawl/<group>/<start>--<end>.jsonl``: one file per group and data interval."""
    from goftar.model import stable_id

    # Persian group names become a stable ASCII slug plus a short hash (two names never share a folder).
    slug = f"{_SAFE.sub('-', group).strip('-') or 'group'}-{stable_id(group)[:8]}"
    stamp = f"{_utc_stamp(start)}--{_utc_stamp(end)}"
    return settings.crawl_dir / slug / f"{stamp}.jsonl"


def _utc_stamp(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# ------------------------------------------------------------------ digest


def digest_day(requested: str | None, interval_end: datetime | None, settings: Settings) -> date:
    """The day a digest run is for: ``requested`` (Jalali or Gregorian) when given, else the local day
    before the end of the data interval (a 07:00 Tehran run reports on yesterday)."""
    if requested and str(requested).strip():
        from nlp.dates import parse_jalali_or_gregorian

        try:
            return parse_jalali_or_gregorian(str(requested))
        except ValueError as exc:
            raise ConfigError(f"digest day {requested!r}: {exc}") from exc
    moment = interval_end or datetime.now(UTC)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(settings.timezone)).date() - timedelta(days=1)


def build_and_write_digest(settings: Settings, day: date) -> dict[str, Any]:
    """Build the digest of ``day`` and write it to ``GOFTAR_HOME/digests`` (rewriting is idempotent)."""
    from goftar.digest import build_digest, write_digest
    from index import open_store

    store = open_store(settings)
    try:
        digest = build_digest(store, day, settings)
    finally:
        store.close()
    paths = write_digest(digest, settings.digest_dir)
    return {
        "day": day.isoformat(),
        "empty": digest.is_empty,
        "commitments": digest.commitment_count,
        "paths": [str(p) for p in paths],
    }


def deliver_digest(settings: Settings, day: date, resend: bool = False) -> dict[str, Any]:
    """Mail the digest of ``day`` as written by ``build_and_write_digest`` (its JSON), once.

    A ``<day>.sent`` marker makes a retried or re-run task not mail the same day twice; ``resend``
    overrides it (the rebuild-a-past-day param).
    """
    from goftar.digest import Digest, send_digest

    if not settings.smtp_host:
        log.info("no SMTP server configured: the digest of %s is written, not mailed", day)
        return {"day": day.isoformat(), "sent": False, "reason": "no SMTP host"}
    source = settings.digest_dir / f"{day.isoformat()}.json"
    marker = source.with_suffix(".sent")
    if marker.exists() and not resend:
        return {"day": day.isoformat(), "sent": False, "reason": f"already mailed ({marker})"}
    try:
        digest = Digest.model_validate_json(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the digest to mail from {source}: {exc}") from exc
    send_digest(digest, settings)
    marker.write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
    return {"day": day.isoformat(), "sent": True}


# ------------------------------------------------------------------ maintenance


def recompute_statuses(settings: Settings, today: date | None = None) -> int:
    """Refresh open/due/overdue statuses as of ``today`` (local day); returns how many changed."""
    from index import open_store

    today = today or datetime.now(ZoneInfo(settings.timezone)).date()
    store = open_store(settings)
    try:
        return store.recompute_statuses(today)
    finally:
        store.close()


def run_store_maintenance(settings: Settings, operation: str) -> dict[str, Any]:
    """Run one store maintenance operation, ``merge_near_duplicates`` or ``reindex``; returns its report.

    Both backends implement both (``index.base.Store``): Elasticsearch reindexes into a new versioned
    index and then switches the alias; SQLite rebuilds its FTS tables in one transaction.
    """
    from index import open_store

    if operation not in MAINTENANCE_OPERATIONS:
        raise ConfigError(f"maintenance operation {operation!r}: use {' or '.join(MAINTENANCE_OPERATIONS)}")
    store = open_store(settings)
    try:
        result = store.merge_near_duplicates() if operation == "merge_near_duplicates" else store.reindex()
    finally:
        store.close()
    log.info("%s on the %s store: %s", operation, settings.backend, result)
    return {"operation": operation, "backend": settings.backend, "result": result}


# Crawl files not yet ingested (pending, retry) or kept for an operator (failed) are never pruned.
KEEP_DIRS = frozenset({"pending", "retry", "failed"})


def prune_files(
    directory: Path, patterns: tuple[str, ...], older_than: datetime, keep: frozenset[str] = frozenset()
) -> list[Path]:
    """Delete files under ``directory`` matching ``patterns`` last modified before ``older_than``,
    except under a folder named in ``keep``."""
    if not directory.is_dir():
        return []
    cutoff = older_than.timestamp()
    removed = []
    for pattern in patterns:
        for path in sorted(directory.rglob(pattern)):
            if keep.intersection(path.relative_to(directory).parts[:-1]):
                continue
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
    return removed


def prune_raw(
    settings: Settings,
    now: datetime | None = None,
    archive_days: int = ARCHIVE_KEEP_DAYS,
    crawl_days: int = CRAWL_KEEP_DAYS,
) -> dict[str, int]:
    """The retention policy: WARC archives older than ``archive_days`` and crawl JSON-lines files older
    than ``crawl_days`` are deleted (the store keeps the normalised articles; the archive only backs
    "what exactly did the page say" for recent items)."""
    now = now or datetime.now(UTC)
    warcs = prune_files(settings.archive_dir, ("*.warc.gz", "*.warc"), now - timedelta(days=archive_days))
    crawls = prune_files(
        settings.crawl_dir, ("*.jsonl", "*.done", "*.log"), now - timedelta(days=crawl_days), KEEP_DIRS
    )
    log.info("pruned %d archive and %d crawl files", len(warcs), len(crawls))
    return {"archives": len(warcs), "crawl_files": len(crawls)}


# ------------------------------------------------------------------ Airflow glue


SMTP_CONN_ID = "goftar_smtp"


def task_settings(smtp_conn_id: str | None = None) -> Settings:
    """Settings for a task: the environment, with SMTP taken from an Airflow Connection when one exists.

    Called inside tasks (never at parse time), so a Connection or secret backend is read per run.
    """
    from dataclasses import replace

    from goftar.settings import Settings

    settings = Settings.from_env()
    if smtp_conn_id is None:
        return settings
    conn = _airflow_connection(smtp_conn_id)
    if conn is None or not conn.host:
        return settings
    extra = conn.extra_dejson or {}
    return replace(
        settings,
        smtp_host=conn.host,
        smtp_port=int(conn.port or settings.smtp_port),
        smtp_user=conn.login or "",
        smtp_password=conn.password or "",
        smtp_starttls=str(extra.get("starttls", settings.smtp_starttls)).lower()
        in {"1", "true", "yes", "on"},
        digest_from=extra.get("from", settings.digest_from),
        digest_to=extra.get("to", settings.digest_to),
    )


def _airflow_connection(conn_id: str) -> Any:
    try:
        from airflow.sdk import Connection
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return None
    try:
        return Connection.get(conn_id)
    except AirflowNotFoundException:
        return None
