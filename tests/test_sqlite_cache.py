"""The SQLite store's result cache and sampled facets: what a researcher sees must not change, only speed.

A cached answer equals an uncached one, any write (from this store or another process) makes the
next search see it, pages and ``search_after`` read from the cached window agree with a fresh search,
and facets of a matching set larger than ``FACET_SAMPLE`` are estimates flagged as such.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import index.sqlite_search as sqlite_search
from index.base import SearchQuery, SearchTimeout
from index.sqlite import SqliteStore
from index.sqlite_cache import WINDOW, ResultCache
from tests.test_sqlite_concurrency import _articles

QUERIES = [
    SearchQuery(text="مترو"),
    SearchQuery(text="پارک OR بودجه", sort="date"),
    SearchQuery(text="ایستگاه -مترو", polarity="commit"),
    SearchQuery(sort="date"),
    SearchQuery(text="مترو", size=7, page=3),
    SearchQuery(text="مترو", sort="date", size=50, page=4),  # beyond the window
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "store.sqlite3"
    store = SqliteStore.open(file)
    assert store.upsert(_articles(250)).failed == []
    store.close()
    return file


@pytest.fixture
def store(path: Path) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(path)
    yield opened
    opened.close()


def _answer(store: SqliteStore, query: SearchQuery) -> tuple[Any, ...]:
    result = store.search(query)
    return result.total, [h.id for h in result.hits], [h.highlight for h in result.hits], result.facets


def test_cached_answers_equal_uncached_ones(path: Path, store: SqliteStore) -> None:
    uncached = SqliteStore.open(path, cache_entries=0)
    try:
        for query in QUERIES:
            first = _answer(store, query)
            assert _answer(store, query) == first == _answer(uncached, query)
        assert store.cache.hits >= len(QUERIES) - 1  # the deep page reuses total and facets only
    finally:
        uncached.close()


def test_pages_and_search_after_from_the_window_match_a_fresh_search(path: Path, store: SqliteStore) -> None:
    uncached = SqliteStore.open(path, cache_entries=0)
    try:
        seen: list[str] = []
        after = None
        while True:  # walk the whole result set, across the window's end
            query = SearchQuery(text="مترو", sort="date", size=40, search_after=after, facets=False)
            result = store.search(query)
            seen += [h.id for h in result.hits]
            after = result.next_search_after
            if after is None:
                break
        total = store.search(SearchQuery(text="مترو")).total
        assert total > WINDOW and len(seen) == len(set(seen)) == total
        for page in (1, 2, 5, total // 20 + 1):
            query = SearchQuery(text="مترو", sort="date", size=20, page=page)
            assert _answer(store, query) == _answer(uncached, query)
    finally:
        uncached.close()


def test_a_write_is_seen_by_the_next_search(store: SqliteStore) -> None:
    before = store.search(SearchQuery(text="مترو")).total
    store.search(SearchQuery(text="مترو"))  # now cached
    store.upsert(_articles(10, seed=99, first=5000))
    after = store.search(SearchQuery(text="مترو")).total
    assert after > before


def test_a_write_from_another_process_is_seen(path: Path, store: SqliteStore) -> None:
    before = _answer(store, SearchQuery(text="پارک"))
    other = SqliteStore.open(path)  # another process's connection to the same file
    try:
        other.upsert(_articles(10, seed=98, first=6000))
    finally:
        other.close()
    assert store.search(SearchQuery(text="پارک")).total > before[0]


def test_large_matching_sets_have_sampled_facets_flagged(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = SearchQuery(text="مترو")
    exact = store.search(query)
    assert not exact.facets_approximate and exact.to_json()["facets_approximate"] is False
    monkeypatch.setattr(sqlite_search, "FACET_SAMPLE", exact.total // 4)
    store.cache.clear()
    sampled = store.search(query)
    assert sampled.facets_approximate and sampled.to_json()["facets_approximate"] is True
    assert sampled.total == exact.total and [h.id for h in sampled.hits] == [h.id for h in exact.hits]
    # Estimates scaled to the total: every commitment has one polarity, so they sum to about the total.
    polarity = sum(n for _v, n in sampled.facets["polarity"])
    assert abs(polarity - exact.total) <= 0.02 * exact.total
    assert set(dict(sampled.facets["speaker"])) == set(dict(exact.facets["speaker"]))
    assert store.search(replace(query, facets=False)).facets_approximate is False
    # A facet the query fixes by a filter has one value, counted exactly even when the rest is sampled.
    fixed = store.search(replace(query, polarity="commit"))
    assert fixed.total > sqlite_search.FACET_SAMPLE and fixed.facets["polarity"] == [("commit", fixed.total)]


def test_one_query_asked_at_once_is_computed_once() -> None:
    cache = ResultCache()
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with cache.flight(("q",), wait=10):
            inside.set()
            time.sleep(0.3)
            order.append("first done")

    def second() -> None:
        inside.wait()
        with cache.flight(("q",), wait=10):
            order.append("second runs")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert order == ["first done", "second runs"]
    with cache.flight(("other",), wait=10):  # a different query does not wait
        pass


def test_a_cached_answer_needs_no_search_slot(path: Path) -> None:
    busy = SqliteStore.open(path, max_searches=1, search_budget=0.2)
    try:
        expected = _answer(busy, SearchQuery(text="مترو"))
        assert busy._searches.acquire(timeout=1)  # noqa: SLF001 — a long search is running
        try:
            assert _answer(busy, SearchQuery(text="مترو")) == expected  # served from the cache
            with pytest.raises(SearchTimeout, match="busy"):
                busy.search(SearchQuery(text="پارک"))  # a new query must wait for the slot
        finally:
            busy._searches.release()  # noqa: SLF001
    finally:
        busy.close()
