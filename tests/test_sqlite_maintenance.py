"""SQLite-specific maintenance: ``reindex`` rebuilds the FTS tables from the stored documents with the
current analysis (so an improved analyser applies to what is already stored), in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import search_corpus as sc

from index import analysis, sqlite_write
from index.base import SearchQuery
from index.sqlite import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(tmp_path / "store.sqlite3")
    assert opened.upsert(sc.corpus()).failed == []
    yield opened
    opened.close()


def _found(store: SqliteStore, text: str, doc_type: str = "commitment") -> int:
    return store.search(SearchQuery(text=text, doc_type=doc_type)).total  # type: ignore[arg-type]


def test_reindex_restores_a_lost_full_text_index(store: SqliteStore) -> None:
    with store._tx() as conn:  # noqa: SLF001 — simulate an index that lost its rows
        for table in ("article_fts", "statement_fts", "commitment_fts"):
            conn.execute(f"DELETE FROM {table}")
    assert _found(store, "واکسن") == 0
    report = store.reindex()
    assert (report["articles"], report["statements"], report["commitments"], report["failed"]) == (4, 1, 5, 0)
    assert _found(store, "واکسن") == 2 and _found(store, "واکسن", "article") == 2
    assert _found(store, "واکسن", "statement") == 1
    assert _found(store, "مترو", "article") == 1  # the source filter terms are back too
    assert store.search(SearchQuery(text="واکسن", source="isna")).total == 1


def test_reindex_applies_an_improved_analyser_to_stored_documents(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A changed analyser (here: texts about hospitals are also indexed under «واکسن»).
    original = analysis.analyze

    def improved(text: str) -> str:
        out = original(text)
        return out + " واکسن" if "بیمارستان" in text else out

    assert _found(store, "واکسن") == 2
    monkeypatch.setattr(analysis, "analyze", improved)
    assert sqlite_write.analysis.analyze is improved
    store.reindex()
    # The hospital commitment is now found by «واکسن» too: the stored document was analysed again.
    hits = store.search(SearchQuery(text="واکسن", size=10)).hits
    assert len(hits) == 3 and any("بیمارستان" in h.doc["evidence"] for h in hits)


def test_a_failed_reindex_leaves_the_old_index(store: SqliteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> str:
        raise RuntimeError("analyser crashed")

    monkeypatch.setattr(analysis, "analyze", broken)
    with pytest.raises(RuntimeError):
        store.reindex()
    monkeypatch.undo()
    assert _found(store, "واکسن") == 2  # rolled back: the old FTS tables are intact
    assert store.counts()["commitments"] == 5


def test_an_unreadable_document_is_reported_and_the_rest_reindexed(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    with store._tx() as conn:  # noqa: SLF001 — one commitment document damaged on disk
        conn.execute(
            "UPDATE commitment_docs SET json = x'00ff00' WHERE rowid = "
            "(SELECT rowid FROM commitments WHERE source = 'isna' AND polarity = 'intend')"
        )
    report = store.reindex()
    assert report["failed"] == 1 and report["commitments"] == 4
    assert "reindex: cannot analyse commitment" in caplog.text
    assert _found(store, "واکسن") == 2 and _found(store, "بیمارستان") == 0
    assert store.merge_near_duplicates()["commitments_changed"] == 0  # merging skips it too


def test_reindex_keeps_the_facets_a_write_gave(store: SqliteStore) -> None:
    # One place tagged FAC in one mention and LOC (Arabic yeh) in another: the refs written with the
    # article and those reindex rebuilds in SQL name it the same way, once.
    bridge, extraction = sc.old_article()
    twice = [*extraction.entities, sc._entity(bridge, "میدان انقلاب", "LOC")]
    twice[-1] = twice[-1].model_copy(update={"text": "ميدان انقلاب"})
    store.upsert([(bridge, extraction.model_copy(update={"entities": twice}))])
    query = SearchQuery(text="پل")
    before = store.search(query).facets["place"]
    assert len([v for v, _n in before if "انقلاب" in v]) == 1
    store.reindex()
    store.cache.clear()
    assert store.search(query).facets["place"] == before
