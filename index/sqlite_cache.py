"""A small cache of search results on the SQLite store, valid for one store generation.

What a search costs is finding and counting its matching set (ranking every match, counting facets):
at a million commitments that is 0.3–3 s for a common word, while reading and highlighting one page
of hits is a few milliseconds. Like Solr's query-result cache and Elasticsearch's request cache, this
keeps, per query (analysed terms, filters, sort, facet options; not the page), the total, the facets
and the ordered ids of the first ``WINDOW`` matches, so the next request for that query, or its next
pages, only reads its page of documents; the hits of the window, once built, are kept too.

Freshness: every write transaction of the store bumps ``store_meta.generation`` (``SqliteStore._tx``);
a search reads the generation inside its own read transaction and uses only entries of that
generation, so it never returns results older than the snapshot it reads.

While one thread computes a query, others asking for the same query wait for it (``flight``) instead
of running the same expensive search side by side.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from index.base import Hit, SearchQuery
from index.query import ParsedQuery

WINDOW = 200  # match ids kept per query: ten pages of 20
DEFAULT_ENTRIES = 128  # at most this many queries × the hits of their pages read so far


@dataclass(frozen=True)
class CachedResult:
    """What a query's matching set gives, independent of the page."""

    generation: int
    total: int
    facets: dict[str, list[tuple[str, int]]] | None  # None when the query asked for none
    facets_approximate: bool
    window: list[tuple[int, Any]]  # (rowid, sort key) of the first matches, in order
    complete: bool  # the window holds every match
    # Hits already built (document read, snippet highlighted) by rowid, added to as pages are read.
    # Callers share these documents: they treat hits as read-only (copy before changing one).
    hits: dict[int, Hit] = field(default_factory=dict)


def cache_key(query: SearchQuery, parsed: ParsedQuery) -> tuple[Any, ...]:
    """The key of a query's matching set: its analysed terms and everything but the page."""
    terms = (
        tuple(tuple(t.tokens for t in group) for group in parsed.groups),
        tuple(t.tokens for t in parsed.excluded),
    )
    return (
        query.doc_type,
        terms,
        query.speaker,
        query.organisation,
        query.place,
        query.source,
        query.polarity,
        query.status,
        query.published_from,
        query.published_to,
        query.deadline_from,
        query.deadline_to,
        query.ids,
        query.sort,
        query.facet_size if query.facets else 0,
    )


class ResultCache:
    """A thread-safe LRU of ``CachedResult`` by ``cache_key``; entries of older generations are misses."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self.entries = entries
        self._items: OrderedDict[tuple[Any, ...], CachedResult] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[tuple[Any, ...], _Flight] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...], generation: int) -> CachedResult | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is None or entry.generation != generation:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple[Any, ...], entry: CachedResult) -> None:
        if self.entries <= 0:
            return
        with self._lock:
            old = self._items.get(key)
            if old is not None and old.generation > entry.generation:
                return  # a search of a newer snapshot already stored its result
            self._items[key] = entry
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    @contextmanager
    def flight(self, key: tuple[Any, ...], wait: float) -> Iterator[None]:
        """Run the body for one key at a time: later callers wait (up to ``wait`` s in all) for the
        running one, then run theirs, usually reading what it cached.

        When the running one fails (a search over its time budget), the next waiter takes its place
        alone instead of every waiter starting the same expensive search at once. Past ``wait`` a
        caller runs anyway; the store's search slots still bound how many searches run.
        """
        deadline = time.monotonic() + wait
        mine: _Flight | None = None
        while True:
            with self._lock:
                running = self._flights.get(key)
                if running is None:
                    mine = self._flights[key] = _Flight()
                    break
            if not running.done.wait(max(0.0, deadline - time.monotonic())) or running.ok:
                break  # waited long enough, or the result is cached: run without leading
        try:
            yield
            if mine is not None:
                mine.ok = True
        finally:
            if mine is not None:
                with self._lock:
                    del self._flights[key]
                mine.done.set()


@dataclass
class _Flight:
    """A query being computed: ``done`` is set when it ends, ``ok`` when it ended with a result."""

    done: threading.Event = field(default_factory=threading.Event)
    ok: bool = False
