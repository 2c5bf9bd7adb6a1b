"""Concurrent reads on the SQLite store and the search time budget, in the store and through the API.

Reads use one read-only connection per thread (WAL), writes one connection behind a lock; a search
runs within a time budget and is stopped with ``SearchTimeout`` (HTTP 503) past it.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from goftar.api import create_app
from goftar.model import Article, Commitment, Extraction, Speaker
from goftar.settings import Settings
from index.base import SearchQuery, SearchTimeout
from index.sqlite import SqliteStore

WORDS = ["مترو", "اتوبوس", "پارک", "بودجه", "ایستگاه", "آسفالت", "پل", "بیمارستان", "مدرسه", "واکسن"]
SPEAKERS = [Speaker(text=name, kind="person") for name in ("زاکانی", "چمران", "نجفی")]
QUERIES = [
    SearchQuery(text="مترو"),
    SearchQuery(text="«پل تازه»"),
    SearchQuery(text="پارک OR بودجه", sort="date"),
    SearchQuery(text="ایستگاه -مترو", polarity="commit"),
    SearchQuery(speaker="چمران", sort="date", size=50),
    SearchQuery(text="بیمارستان", doc_type="article"),
]


def _articles(n: int, seed: int = 7, first: int = 0) -> list[tuple[Article, Extraction]]:
    """``n`` articles of four commitments each, words drawn from a small vocabulary."""
    rng = random.Random(seed)
    out = []
    for i in range(first, first + n):
        sentences = [
            f"{' '.join(rng.sample(WORDS, 3))} {rng.choice(['پل تازه', 'خط نو'])} تا پایان سال ساخته می‌شود"
            for _ in range(4)
        ]
        text = ". ".join(sentences)
        url = f"https://example.org/news/{i}"
        article = Article(
            url=url,
            canonical_url=url,
            source=rng.choice(["isna", "hamshahri", "irna"]),
            title=sentences[0][:30],
            raw_text=text,
            text=text,
            published=datetime(2024, 7, 1, tzinfo=UTC) + timedelta(hours=i),
        )
        commitments, start = [], 0
        for sentence in sentences:
            start = text.index(sentence, start)  # the same sentence twice is two commitments
            commitments.append(
                Commitment(
                    speaker=rng.choice(SPEAKERS),
                    action=sentence,
                    evidence=sentence,
                    polarity=rng.choice(["commit", "intend"]),
                    start=start,
                    end=start + len(sentence),
                    article_id=article.id,
                )
            )
            start += len(sentence)
        out.append((article, Extraction(text=text, commitments=commitments)))
    return out


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("concurrency") / "store.sqlite3"
    store = SqliteStore.open(path)
    assert store.upsert(_articles(300)).failed == []
    store.close()
    return path


@pytest.fixture
def store(store_file: Path, tmp_path: Path) -> Iterator[SqliteStore]:
    copy = tmp_path / "store.sqlite3"
    copy.write_bytes(store_file.read_bytes())
    opened = SqliteStore.open(copy)
    yield opened
    opened.close()


def _answer(store: SqliteStore, query: SearchQuery) -> tuple[Any, ...]:
    result = store.search(query)
    return result.total, [h.id for h in result.hits], result.facets


def test_concurrent_searches_from_threads_return_the_serial_results(store: SqliteStore) -> None:
    expected = [_answer(store, q) for q in QUERIES]
    assert all(total > 0 for total, _ids, _facets in expected)
    wrong: list[str] = []
    errors: list[BaseException] = []
    used: list[Any] = []  # references kept: ids of live objects are unique
    start = threading.Barrier(8)

    def client(seed: int) -> None:
        order = list(range(len(QUERIES))) * 3
        random.Random(seed).shuffle(order)
        start.wait()
        try:
            for i in order:
                if _answer(store, QUERIES[i]) != expected[i]:
                    wrong.append(f"thread {seed}: query {i}")
            used.append(store._local.conn)  # noqa: SLF001 — the connection this thread read on
        except BaseException as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and wrong == []
    assert len({id(conn) for conn in used}) == 8  # each thread read on its own connection


def test_connections_of_finished_threads_are_closed(store: SqliteStore) -> None:
    for _ in range(6):
        worker = threading.Thread(target=store.search, args=(QUERIES[0],))
        worker.start()
        worker.join(timeout=60)
    assert len(store._readers) <= 2  # noqa: SLF001 — the last worker's, and none of the five before


def test_reads_do_not_wait_for_an_open_write_transaction(store: SqliteStore) -> None:
    before = _answer(store, QUERIES[0])
    seen: list[tuple[Any, ...]] = []

    class Abort(Exception):
        pass

    # A long write transaction, holding the write lock, rolled back at the end.
    with pytest.raises(Abort), store._tx() as conn:  # noqa: SLF001
        conn.execute("DELETE FROM commitments")
        reader = threading.Thread(target=lambda: seen.append(_answer(store, QUERIES[0])))
        reader.start()
        reader.join(timeout=30)
        assert not reader.is_alive(), "a search waited for the writer"
        raise Abort
    assert seen == [before]  # the reader saw the last committed state, not the uncommitted delete
    assert _answer(store, QUERIES[0]) == before


def test_searches_run_while_articles_are_written(store: SqliteStore) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        try:
            while not done.is_set():
                for q in QUERIES:
                    store.search(q)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    try:
        for batch in range(5):
            report = store.upsert(_articles(20, seed=batch, first=1000 + 20 * batch))
            assert report.failed == []
    finally:
        done.set()
        for t in readers:
            t.join(timeout=60)
    assert errors == []
    assert store.counts()["articles"] == 400 and store.counts()["commitments"] == 1600
    assert store.search(SearchQuery(text="مترو")).total == _answer(store, SearchQuery(text="مترو"))[0]


def test_a_search_over_its_budget_is_stopped(store: SqliteStore) -> None:
    store.search_budget = 0.0  # stopped at SQLite's first progress check
    with pytest.raises(SearchTimeout, match="budget of 0 s"):
        store.search(SearchQuery(text="پایان سال"))
    store.search_budget = 30.0
    assert store.search(SearchQuery(text="پایان سال")).total == 1200  # the connection is usable again


def test_a_busy_store_refuses_a_search_that_cannot_start_within_the_budget(
    store_file: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "busy.sqlite3"
    copy.write_bytes(store_file.read_bytes())
    busy = SqliteStore.open(copy, max_searches=1, search_budget=0.2)
    try:
        assert busy._searches.acquire(timeout=1)  # noqa: SLF001 — one search is running
        with pytest.raises(SearchTimeout, match="busy"):
            busy.search(SearchQuery(text="مترو"))
        busy._searches.release()  # noqa: SLF001
        assert busy.search(SearchQuery(text="مترو")).total > 0
    finally:
        busy.close()


def test_the_api_answers_503_with_a_clear_error_past_the_budget(
    store: SqliteStore, settings: Settings
) -> None:
    store.search_budget = 0.0
    with TestClient(create_app(settings, store)) as client:
        response = client.get("/api/search", params={"q": "پایان سال"})
        assert response.status_code == 503 and response.headers["retry-after"] == "1"
        body = response.json()
        assert body["error"] == "search_timeout" and "budget" in body["detail"]
        page = client.get("/", params={"q": "پایان سال"})
        assert page.status_code == 503 and "budget" in page.text
        store.search_budget = 30.0
        assert client.get("/api/search", params={"q": "پایان سال"}).json()["total"] == 1200
        bare = client.get("/api/search", params={"q": "پایان سال", "facets": "false"}).json()
        assert bare["total"] == 1200 and bare["facets"] == {} and len(bare["hits"]) == 20


def test_an_app_opening_its_own_store_applies_the_budget(store_file: Path, settings: Settings) -> None:
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    settings.db_path.write_bytes(store_file.read_bytes())
    with TestClient(create_app(settings, search_budget=0.0)) as client:
        assert client.get("/api/search", params={"q": "پایان سال"}).status_code == 503
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/search", params={"q": "پایان سال"}).status_code == 200
