"""The functions the DAG tasks call (goftar.scheduled), without Airflow: day resolution, mail-once,
retention, and crawl files keyed by data interval."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from digest_data import DAY, filled_store

from goftar.errors import ConfigError
from goftar.scheduled import (
    build_and_write_digest,
    crawl_file,
    deliver_digest,
    digest_day,
    prune_raw,
    run_store_maintenance,
)
from goftar.settings import Settings


def test_digest_day_from_params_or_the_tehran_morning(settings: Settings) -> None:
    assert digest_day("۱۴۰۵/۰۸/۳۰", None, settings) == DAY
    assert digest_day("2026-11-21", None, settings) == DAY
    # The 07:00 Tehran run (03:30 UTC) reports on the day before.
    assert digest_day("", datetime(2026, 11, 22, 3, 30, tzinfo=UTC), settings) == DAY
    # 22:00 UTC is already the next day in Tehran.
    assert digest_day(None, datetime(2026, 11, 21, 22, 0, tzinfo=UTC), settings) == DAY
    with pytest.raises(ConfigError, match="1405/13/01"):
        digest_day("1405/13/01", None, settings)


def test_crawl_file_is_keyed_by_group_and_interval(settings: Settings) -> None:
    start = datetime(2026, 11, 21, 8, tzinfo=UTC)
    a = crawl_file(settings, "شهرداری تهران", start, start + timedelta(hours=1))
    assert a == crawl_file(settings, "شهرداری تهران", start, start + timedelta(hours=1))
    assert a != crawl_file(settings, "شورای شهر", start, start + timedelta(hours=1))
    assert a != crawl_file(settings, "شهرداری تهران", start + timedelta(hours=1), start + timedelta(hours=2))
    assert a.name == "20261121T080000Z--20261121T090000Z.jsonl" and a.parent.parent == settings.crawl_dir


def test_a_day_is_mailed_once_unless_resent(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    filled_store(settings).close()
    written = build_and_write_digest(settings, DAY)
    assert written["commitments"] == 4 and not written["empty"]
    sent: list[date] = []
    monkeypatch.setattr("goftar.digest.send_digest", lambda digest, *_args, **_kw: sent.append(digest.day))
    mail = replace(settings, smtp_host="127.0.0.1", digest_to="a@example.org")
    assert deliver_digest(mail, DAY)["sent"] is True
    assert deliver_digest(mail, DAY)["sent"] is False  # a retry does not mail twice
    assert deliver_digest(mail, DAY, resend=True)["sent"] is True
    assert sent == [DAY, DAY]
    assert deliver_digest(settings, DAY) == {"day": "2026-11-21", "sent": False, "reason": "no SMTP host"}


def test_prune_keeps_recent_raw_files(settings: Settings) -> None:
    settings.archive_dir.mkdir(parents=True)
    (settings.crawl_dir / "g").mkdir(parents=True)
    old_warc, new_warc = settings.archive_dir / "a.warc.gz", settings.archive_dir / "b.warc.gz"
    old_crawl, other = settings.crawl_dir / "g" / "x.jsonl", settings.archive_dir / "notes.txt"
    # Not yet ingested, or kept for an operator: old as they are, they must survive.
    unfinished = [
        settings.crawl_dir / "pending" / "run.jsonl",
        settings.crawl_dir / "g" / "retry" / "retry-2-x.jsonl",
        settings.crawl_dir / "failed" / "retry-5-y.jsonl",
    ]
    for path in unfinished:
        path.parent.mkdir(parents=True, exist_ok=True)
    for path in (old_warc, new_warc, old_crawl, other, *unfinished):
        path.write_text("x")
    for path, days in ((old_warc, 200), (old_crawl, 40), (other, 999), *((p, 400) for p in unfinished)):
        stamp = time.time() - days * 86400
        os.utime(path, (stamp, stamp))
    assert prune_raw(settings) == {"archives": 1, "crawl_files": 1}
    assert sorted(p.name for p in settings.archive_dir.iterdir()) == ["b.warc.gz", "notes.txt"]
    assert not old_crawl.exists()
    assert all(path.exists() for path in unfinished)


def test_store_maintenance_merges_and_reindexes_the_store(settings: Settings) -> None:
    from index.base import SearchQuery
    from index.sqlite import SqliteStore

    store = filled_store(settings)
    counts = store.counts()
    before = store.search(SearchQuery(text="پارکینگ", size=50))
    store.close()
    merged = run_store_maintenance(settings, "merge_near_duplicates")
    assert merged["operation"] == "merge_near_duplicates" and merged["backend"] == "sqlite"
    assert set(merged["result"]) >= {"commitments_changed", "stories_merged", "duplicate_articles"}
    again = run_store_maintenance(settings, "merge_near_duplicates")["result"]
    assert again["commitments_changed"] == 0  # idempotent: a retried task changes nothing
    rebuilt = run_store_maintenance(settings, "reindex")["result"]
    assert rebuilt["commitments"] == counts["commitments"] and rebuilt["failed"] == 0
    store = SqliteStore.open(settings.db_path)
    after = store.search(SearchQuery(text="پارکینگ", size=50))
    assert store.counts()["commitments"] == counts["commitments"]
    store.close()
    assert {h.id for h in after.hits} == {h.id for h in before.hits} and after.total > 0
    with pytest.raises(ConfigError, match="vacuum"):
        run_store_maintenance(settings, "vacuum")
