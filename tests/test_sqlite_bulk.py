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


# ----------------------------------------------------------------------------- a stream of batches


def _stream() -> list[list[tuple[Article, Extraction]]]:
    """Three large batches around a small one (written in this process, between two sent ones)."""
    return [
        _articles(6, first=0),
        _articles(7, seed=9, first=6),
        _articles(1, seed=3, first=13),
        _articles(5, seed=4, first=14),
    ]


def test_a_stream_stores_what_one_upsert_per_batch_stores(tmp_path: Path) -> None:
    batches = _stream()
    dumps = []
    for many in (True, False):
        path = tmp_path / f"{many}.sqlite3"
        store = SqliteStore.open(path)
        if many:
            reports: list = []
            total = store.upsert_many(iter(batches), on_batch=reports.append)
            assert [r.articles for r in reports] == [len(b) for b in batches]  # each batch, in order
            assert total.articles == sum(map(len, batches)) and total.failed == []
            assert total.commitments == sum(len(e.commitments) for b in batches for _a, e in b)
        else:
            for batch in batches:
                store.upsert(batch)
        hits = store.search(SearchQuery(text="پل", speaker="زاکانی")).hits
        assert hits
        store.close()
        dumps.append(_dump(path))
    assert dumps[0] == dumps[1]


def _edited(item: tuple[Article, Extraction], title: str) -> tuple[Article, Extraction]:
    article, extraction = item
    return article.model_copy(update={"title": title}), extraction


def test_a_failed_batch_in_a_stream_is_rewritten_before_the_next(store: SqliteStore) -> None:
    store._conn.execute(
        "CREATE TRIGGER no_bad BEFORE INSERT ON commitments WHEN NEW.source = 'irna' "
        "BEGIN SELECT RAISE(ABORT, 'irna is refused'); END"
    )
    first, second = _articles(8, first=0), _articles(8, seed=9, first=8)
    shared = next(item for item in first if item[0].source != "irna")
    first = [_edited(item, "نسخهٔ نخست") if item is shared else item for item in first]
    second = [*second, _edited(shared, "نسخهٔ دوم")]  # the same article again, newer
    bad = {a.id for a, e in [*first, *second] if a.source == "irna" and e.commitments}
    total = store.upsert_many([first, second])
    assert bad and {article_id for article_id, _reason in total.failed} == bad
    # the first batch, rolled back by the writer, was rewritten here before the second: the newer
    # version of the shared article is what the store keeps
    assert store.get_article(shared[0].id).title == "نسخهٔ دوم"
    assert store.counts()["articles"] == len({a.id for a, _e in [*first, *second]} - bad)


def test_a_writer_dying_in_a_stream_loses_nothing(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = sqlite_bulk.BulkWriter.send_writes
    calls = {"n": 0}

    def dies_in_the_second_batch(self: sqlite_bulk.BulkWriter, chunks: Iterable[list]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            self._proc.kill()
            self._proc.wait()
        original(self, chunks)

    monkeypatch.setattr(sqlite_bulk.BulkWriter, "send_writes", dies_in_the_second_batch)
    batches = _stream()
    total = store.upsert_many(batches)
    assert total.failed == [] and total.articles == sum(map(len, batches))
    assert store.counts()["articles"] == total.articles
    assert store.counts()["commitments"] == total.commitments
    assert store._bulk is None  # written here from then on


def test_a_stream_whose_source_breaks_keeps_what_was_sent(store: SqliteStore) -> None:
    def batches() -> Iterator[list[tuple[Article, Extraction]]]:
        yield _articles(6, first=0)
        raise OSError("the corpus file went away")

    with pytest.raises(OSError):
        store.upsert_many(batches())
    assert store.counts()["articles"] == 6  # the batch sent before the failure was committed
    report = store.upsert(_articles(6, seed=9, first=6))  # and the write lock was released
    assert report.failed == [] and store.counts()["articles"] == 12


@pytest.mark.timeout(120, method="thread")  # the bug was a read that never returns: end the run, not hang
def test_a_writer_dying_between_batches_of_a_stream_loses_nothing(store: SqliteStore) -> None:
    # killed after a batch's commit was sent and before the next batch: the next must not go to a new
    # writer while the old one's answer is awaited (that waited for ever)
    def batches() -> Iterator[list[tuple[Article, Extraction]]]:
        yield _articles(6, first=0)
        assert store._bulk is not None
        store._bulk._proc.kill()
        store._bulk._proc.wait()
        yield _articles(7, seed=9, first=6)
        yield _articles(5, seed=4, first=13)

    total = store.upsert_many(batches())
    assert total.failed == [] and total.articles == 18
    assert store.counts()["articles"] == 18
    assert store.counts()["commitments"] == total.commitments


@pytest.mark.parametrize("writer_process", [True, False])
def test_an_article_written_twice_in_one_batch_is_indexed_once_as_its_last_version(
    tmp_path: Path, writer_process: bool
) -> None:
    # Commitments' full-text rows wait for the end of the transaction (sqlite_write.Batch): a second
    # version of an article in the same batch must replace the first's waiting rows, not add to them.
    mixed = _articles(12, seed=5, first=0)  # three sources, interleaved
    first = next(item for item in mixed if item[1].commitments)
    batch = [*mixed, _edited(first, "نسخهٔ دوم")]
    store = SqliteStore.open(tmp_path / "s.sqlite3", bulk_writer=writer_process)
    assert not store.upsert(batch).failed
    conn = store._conn  # noqa: SLF001
    rows = {r for (r,) in conn.execute("SELECT rowid FROM commitments")}
    assert rows == {r for (r,) in conn.execute("SELECT rowid FROM commitment_fts")}
    conn.execute("INSERT INTO commitment_fts(commitment_fts) VALUES ('integrity-check')")
    evidence = first[1].commitments[0].evidence
    hits = store.search(SearchQuery(text=f"«{evidence}»", size=50)).hits
    assert [hit.id for hit in hits].count(first[1].commitments[0].id) == 1
    assert store.get_article(first[0].id).title == "نسخهٔ دوم"
    store.close()


def test_a_commit_that_fails_in_the_writer_is_answered_and_the_batch_written_here(store: SqliteStore) -> None:
    # The batch's FTS rows are written at its commit (sqlite_write.finish): a failure there must reach the
    # caller, which then writes the batch article by article, instead of waiting for an answer for ever.
    first, second = _articles(6, first=0), _articles(8, seed=9, first=6)
    assert not store.upsert(first).failed
    conn = store._conn  # noqa: SLF001
    source = next(a.source for a, e in second if e.commitments)
    (block,) = conn.execute("SELECT block FROM source_blocks WHERE source = ?", (source,)).fetchone()
    (top,) = conn.execute("SELECT max(rowid) FROM commitments WHERE rowid >> 32 = ?", (block,)).fetchone()
    conn.execute("INSERT INTO commitment_fts (rowid, body) VALUES (?, 'stray')", (top + 1,))
    report = store.upsert(second)
    # every article of that source with commitments meets the stray row; the others are written
    bad = {a.id for a, e in second if a.source == source and e.commitments}
    assert {article_id for article_id, _reason in report.failed} == bad
    assert store.counts()["articles"] == len(first) + len(second) - len(bad)
