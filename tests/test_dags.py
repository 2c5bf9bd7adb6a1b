"""The Airflow DAGs: they import cleanly and fast, do no work at parse time, and run end to end with
``dag.test()`` against the fixture site / fixture store and the SQLite backend."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.dag_import import DAGS, measure  # noqa: E402

# Airflow reads its configuration once, at import: point it at a throw-away home before importing it.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="goftar-airflow-test-"))
# at exit, not in a fixture: the environment must point here before any test module imports Airflow
atexit.register(shutil.rmtree, _AIRFLOW_HOME, ignore_errors=True)
for key, value in {
    "AIRFLOW_HOME": str(_AIRFLOW_HOME),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_AIRFLOW_HOME / 'airflow.db'}",
}.items():
    os.environ[key] = value  # never the developer's own Airflow home and database

pytest.importorskip("airflow", reason="apache-airflow is not installed (uv sync --extra airflow)")

pytestmark = [pytest.mark.airflow, pytest.mark.slow]
EXPECTED = {"goftar_ingest", "goftar_daily_digest", "goftar_maintenance"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


@pytest.fixture(scope="module")
def airflow_db():
    from airflow.utils import db

    db.initdb()


def test_dagbag_imports_without_errors_or_cycles(dagbag) -> None:
    assert dagbag.import_errors == {}
    assert set(dagbag.dags) == EXPECTED
    for dag in dagbag.dags.values():
        assert dag.catchup is False and dag.tags and "goftar" in dag.tags
        assert dag.start_date.tzinfo is not None
        for task in dag.tasks:  # no task reaches itself downstream
            seen, stack = set(), list(task.downstream_list)
            while stack:
                nxt = stack.pop()
                assert nxt.task_id != task.task_id, f"cycle through {dag.dag_id}.{task.task_id}"
                if nxt.task_id not in seen:
                    seen.add(nxt.task_id)
                    stack.extend(nxt.downstream_list)


def test_schedules_are_in_tehran_time(dagbag) -> None:
    digest = dagbag.dags["goftar_daily_digest"]
    assert "0 7 * * *" in str(digest.timetable) and "Asia/Tehran" in str(digest.timetable)
    assert set(digest.params.keys()) >= {"day", "send", "resend"}
    assert "0 * * * *" in str(dagbag.dags["goftar_ingest"].timetable)


@pytest.mark.parametrize("dag_file", DAGS, ids=lambda p: p.name)
def test_dag_file_parses_fast_and_lazily(dag_file: Path) -> None:
    result = measure(dag_file, dict(os.environ))
    assert result["heavy"] == [], f"{dag_file.name} imports heavy modules at parse time: {result['heavy']}"
    assert result["dag"] < 1.0, f"{dag_file.name} took {result['dag']:.2f}s to parse"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_digest_dag_end_to_end(dagbag, airflow_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiosmtpd.controller import Controller
    from digest_data import DAY, filled_store
    from test_digest_deliver import Inbox

    from goftar.settings import Settings

    monkeypatch.setenv("GOFTAR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GOFTAR_ES_URL", raising=False)
    filled_store(Settings.from_env()).close()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setenv("GOFTAR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("GOFTAR_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("GOFTAR_SMTP_STARTTLS", "false")
    monkeypatch.setenv("GOFTAR_DIGEST_TO", "analyst@example.org")
    try:
        run = dagbag.dags["goftar_daily_digest"].test(run_conf={"day": "۱۴۰۵/۰۸/۳۰"})
    finally:
        controller.stop()
    assert str(run.state) == "success"
    digests = tmp_path / "home" / "digests"
    assert {p.name for p in digests.glob(f"{DAY.isoformat()}.*")} >= {
        f"{DAY.isoformat()}.{ext}" for ext in ("html", "txt", "json", "png", "sent")
    }
    ((rcpts, msg),) = inbox.messages
    assert rcpts == ["analyst@example.org"] and "۳۰ آبان ۱۴۰۵" in msg["Subject"]


def test_ingest_dag_end_to_end(dagbag, airflow_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from goftar.sample_site import serve
    from goftar.scheduled import ingest_group, source_groups
    from goftar.settings import Settings
    from index import open_store

    monkeypatch.setenv("GOFTAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GOFTAR_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("GOFTAR_DOWNLOAD_DELAY", "0")
    monkeypatch.delenv("GOFTAR_ES_URL", raising=False)
    with serve() as base:
        registry = tmp_path / "sources.yaml"
        registry.write_text(
            "sources:\n"
            f"  - {{name: sample-feed, kind: feed, start_urls: ['{base}/rss.xml'], allow_private: true,"
            " tags: {group: feeds}}\n"
            f"  - {{name: sample-listing, kind: listing, start_urls: ['{base}/news/'], allow_private: true,"
            " max_pages: 5, tags: {group: listings}}\n",
            encoding="utf-8",
        )
        monkeypatch.setenv("GOFTAR_SOURCES", str(registry))
        settings = Settings.from_env()
        assert source_groups(settings) == ["feeds", "listings"]
        run = dagbag.dags["goftar_ingest"].test()
        assert str(run.state) == "success"
        store = open_store(settings)
        counts = store.counts()
        store.close()
        assert counts["articles"] > 0 and counts["commitments"] > 0
        assert {"feeds", "listings"} == {
            p.name.rsplit("-", 1)[0] for p in settings.crawl_dir.iterdir() if p.is_dir() and p.name != "logs"
        }
        # A retry of the same data interval reuses its crawl file and stores nothing twice.
        # Both groups crawl the same site and its seen-URL store: whichever ran first holds the articles.
        crawl_file = next(p for p in settings.crawl_dir.glob("*/*.jsonl") if p.stat().st_size)
        group = crawl_file.parent.name.rsplit("-", 1)[0]
        start, end = (
            datetime.strptime(s, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) for s in crawl_file.stem.split("--")
        )
        again = ingest_group(settings, group, start, end)
        assert again["crawled"] is False and again["indexed"] == 0 and again["skipped"] == again["seen"] > 0
        store = open_store(settings)
        assert store.counts() == counts
        store.close()


def test_maintenance_dag_end_to_end(
    dagbag, airflow_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digest_data import filled_store

    from goftar.settings import Settings

    monkeypatch.setenv("GOFTAR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GOFTAR_ES_URL", raising=False)
    settings = Settings.from_env()
    store = filled_store(settings)
    # A release and its copy from another outlet, each given its own story at ingest.
    import search_corpus as sc

    from goftar.model import Extraction

    article, extraction = sc.vaccine_article()
    url = "https://mehr.example/news/vaccine-copy"
    copy = article.model_copy(
        update={"url": url, "canonical_url": url, "duplicate_of": article.canonical_url}
    )
    twin = extraction.commitments[0].model_copy(update={"article_id": copy.id, "story_id": "s-copy"})
    store.upsert([(article, extraction), (copy, Extraction(text=extraction.text, commitments=[twin]))])
    store.close()
    settings.archive_dir.mkdir(parents=True)
    old, new = settings.archive_dir / "goftar-old.warc.gz", settings.archive_dir / "goftar-new.warc.gz"
    for path in (old, new):
        path.write_bytes(b"warc")
    stale = time.time() - timedelta(days=400).total_seconds()
    os.utime(old, (stale, stale))
    run = dagbag.dags["goftar_maintenance"].test()
    assert str(run.state) == "success"
    assert not old.exists() and new.exists()
    from index.sqlite import SqliteStore

    store = SqliteStore.open(settings.db_path)
    statuses = {doc["evidence"][:6]: doc["status"] for doc in store.overdue(datetime.now(UTC).date())}
    story = [d["article"]["url"] for d in store.commitment_history("s-vaccine")]
    from index.base import SearchQuery

    found = store.search(SearchQuery(text="واکسن")).total  # the rebuilt index answers
    store.close()
    assert story == [article.url, url]  # merged: one story, two sources
    assert found == 2
    assert statuses and set(statuses.values()) == {"overdue"}  # recomputed as of the run's day
