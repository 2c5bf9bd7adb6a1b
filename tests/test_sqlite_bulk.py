"""Large batches written by the store's writer process (``index.sqlite_bulk``): the same rows as writing
in-process, and nothing lost or duplicated when the writer fails or dies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from goftar.model import Article, Extraction
from index import sqlite_bulk
from index.base import SearchQuery
from index.sqlite import SqliteStore
from tests.search_corpus import corpus
from tests.test_sqlite_concurrency import _articles

# Tables compared row by row (FTS5 keeps its text in *_content; its segments are derived from it).
TABLES = (
    "articles",
    "article_fts_content",
    "entities",
    "statements",
    "statement_fts_content",
    "commitments",
    "commitment_docs",
    "commitment_fts_content",
    "store_meta",
)


@pytest.fixture(autouse=True)
def small_batches_go_to_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_bulk, "MIN_ROWS", 10)
    monkeypatch.setattr(sqlite_bulk, "CHUNK_ARTICLES", 3)  # several messages per batch


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(tmp_path / "bulk.sqlite3")
    yield opened
    opened.close()


def _batches() -> list[list[tuple[Article, Extraction]]]:
    return [corpus() + _articles(10), _articles(12, seed=8, first=10)]


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        # entities has no rowid (WITHOUT ROWID): its rows are compared as a sorted list
        columns = {t: "*" if t == "entities" else "rowid, *" for t in TABLES}
        return {t: sorted(conn.execute(f"SELECT {columns[t]} FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def test_the_writer_process_stores_what_writing_in_process_stores(tmp_path: Path) -> None:
    dumps, answers = [], []
    batches = _batches()  # built once: an article's fetch time is when it was built
    for bulk in (True, False):
        path = tmp_path / f"{bulk}.sqlite3"
        store = SqliteStore.open(path, bulk_writer=bulk)
        for batch in batches:
            report = store.upsert(batch)
            assert report.failed == [] and report.articles == len(batch)
        assert (store._bulk is not None) is bulk
        hits = store.search(SearchQuery(text="واکسن", speaker="زاکانی")).hits
        answers.append([(h.id, h.highlight) for h in hits])
        store.close()
        dumps.append(_dump(path))
    assert answers[0] and answers[0] == answers[1]
    assert dumps[0]["commitments"] and dumps[0] == dumps[1]


def test_a_rerun_through_the_writer_neither_duplicates_nor_drops(store: SqliteStore) -> None:
    batch = _batches()[0]
    first = store.upsert(batch)
    counts = store.counts()
    again = store.upsert(batch)
    assert (again.articles, again.commitments) == (first.articles, first.commitments)
    assert store.counts() == counts and counts["commitments"] == first.commitments > 0


def test_a_small_batch_is_written_in_process(store: SqliteStore) -> None:
    store.upsert(corpus()[:1])
    assert store._bulk is None
    assert store.search(SearchQuery(text="واکسن")).total >= 1


def test_a_writer_killed_between_batches_is_started_again(store: SqliteStore) -> None:
    first, second = _batches()
    store.upsert(first)
    assert store._bulk is not None
    store._bulk._proc.kill()
    store._bulk._proc.wait()
    report = store.upsert(second)
    assert report.failed == [] and store._bulk is not None and store._bulk.alive
    assert store.counts()["articles"] == len(first) + len(second)


def test_a_writer_dying_mid_batch_loses_nothing(store: SqliteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    original = sqlite_bulk.BulkWriter.write_batch

    def dies_after_one_chunk(self: sqlite_bulk.BulkWriter, chunks: Iterable[list]) -> None:
        def killing() -> Iterator[list]:
            for i, chunk in enumerate(chunks):
                if i == 1:
                    self._proc.kill()
                    self._proc.wait()
                yield chunk

        original(self, killing())

    monkeypatch.setattr(sqlite_bulk.BulkWriter, "write_batch", dies_after_one_chunk)
    batch = _batches()[0]
    report = store.upsert(batch)
    assert report.failed == [] and report.articles == len(batch)
    # Written once, in this process, with no trace of the dead writer's uncommitted rows.
    assert store.counts()["articles"] == len(batch)
    assert store.counts()["commitments"] == report.commitments
    assert store._bulk is None


def test_an_sqlite_error_in_the_writer_costs_only_the_bad_article(store: SqliteStore) -> None:
    store._conn.execute(
        "CREATE TRIGGER no_bad BEFORE INSERT ON commitments WHEN NEW.source = 'irna' "
        "BEGIN SELECT RAISE(ABORT, 'irna is refused'); END"
    )
    batch = _batches()[0]
    bad = {a.id for a, e in batch if a.source == "irna" and e.commitments}
    report = store.upsert(batch)
    assert bad and {article_id for article_id, _reason in report.failed} == bad
    assert all("irna is refused" in reason for _id, reason in report.failed)
    assert store.counts()["articles"] == len(batch) - len(bad)


def test_a_batch_abandoned_by_the_caller_releases_the_write_lock(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import sqlite as sqlite_module

    calls = {"n": 0}
    original = sqlite_module.prepare

    def breaks_on_the_fifth(article: Article, extraction: Extraction) -> object:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyError("a bug, not bad input")
        return original(article, extraction)

    monkeypatch.setattr(sqlite_module, "prepare", breaks_on_the_fifth)
    with pytest.raises(KeyError):
        store.upsert(_batches()[0])
    assert store.counts()["articles"] == 0  # the child's rows were rolled back, not committed
    monkeypatch.setattr(sqlite_module, "prepare", original)
    report = store.upsert(_batches()[1])
    assert report.failed == [] and store.counts()["articles"] == len(_batches()[1])
