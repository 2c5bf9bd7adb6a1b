"""The storage-and-search interface both backends implement (SQLite default, Elasticsearch at scale).

Contract (tests/test_store_contract.py runs the same suite on every backend):
- ``search`` raises ``SearchTimeout`` (a ``StoreError``) when it runs past the store's time budget.
- ``reindex`` and ``merge_near_duplicates`` are the weekly maintenance (``goftar_maintenance`` DAG).
- ``upsert`` is idempotent: ids are derived from content (``Article.id``, ``Commitment.id``), so a rerun
  updates instead of duplicating, and an article re-extracted replaces its old statements/commitments.
- ``search`` returns commitments (default) or statements/articles, with facets, highlights and paging.
- The digest queries (``commitments_in``, ``due_between``, ``top_entities``, ``source_volume``,
  ``crawl_health``) are what ``goftar digest`` reads; they take UTC datetimes / dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal, Protocol

from goftar.errors import StoreError
from goftar.model import Article, Commitment, CrawlHealth, Extraction, Statement, jalali_date

DEFAULT_SEARCH_BUDGET = 5.0  # seconds one search may run before the store stops it
# The entity labels behind the organisation and place filters and facets. Facilities (a highway, a metro
# station, a park) are where municipal promises happen: places to a researcher, as in the digest.
ENTITY_FILTERS: dict[str, tuple[str, ...]] = {"organisation": ("ORG",), "place": ("LOC", "FAC")}


class SearchTimeout(StoreError):
    """A search did not start or finish within the store's time budget and was stopped (API: 503)."""


DocType = Literal["commitment", "statement", "article"]
Sort = Literal["relevance", "date", "deadline"]


@dataclass
class SearchQuery:
    text: str = ""  # words, «phrases» or "phrases", OR (or «یا»), -exclusion (or NOT)
    doc_type: DocType = "commitment"
    speaker: str | None = None
    organisation: str | None = None
    place: str | None = None
    source: str | None = None
    polarity: str | None = None
    status: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    sort: Sort = "relevance"
    page: int = 1
    size: int = 20
    search_after: list[Any] | None = None
    facets: bool = True  # False skips facet counting (cheaper when only hits are wanted)
    facet_size: int = 10
    # Only these documents (by id), or all when None: a saved search run over the day's new commitments
    # (``goftar.watches``), which its published range cannot select — an article crawled days late.
    ids: tuple[str, ...] | None = None


@dataclass
class Hit:
    id: str
    doc_type: DocType
    score: float
    doc: dict[str, Any]  # the commitment/statement/article as JSON, plus article url/title/source/published
    highlight: str = ""  # snippet with <mark>…</mark> around matches (escaped text otherwise)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    next_search_after: list[Any] | None = None
    # True when the facet counts are estimates from a sample of a very large matching set (SQLite
    # counts facets exactly up to ``index.sqlite_search.FACET_SAMPLE`` matches); ``total`` is exact.
    facets_approximate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "hits": [
                {"id": h.id, "type": h.doc_type, "score": h.score, "highlight": h.highlight, **h.doc}
                for h in self.hits
            ],
            "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()},
            "facets_approximate": self.facets_approximate,
            "next_search_after": self.next_search_after,
        }


@dataclass
class IndexReport:
    articles: int = 0
    statements: int = 0
    commitments: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)

    def add(self, other: IndexReport) -> None:
        """Count ``other`` (another batch's report) in this one."""
        self.articles += other.articles
        self.statements += other.statements
        self.commitments += other.commitments
        self.failed.extend(other.failed)


@dataclass
class OverdueSplit:
    """Overdue commitments as the digest reads them (``Store.overdue_split``), in ``overdue``'s order.

    A commitment whose story has no other commitment is listed as it is (nothing restates or postpones
    it): of those the store returns only the first ``limit`` known before the digest's end, and how many
    there are. Only the others need their stories' histories to be judged, and are returned whole.
    """

    alone: list[dict[str, Any]]
    alone_total: int
    shared: list[dict[str, Any]]


class Store(Protocol):
    def upsert(self, items: list[tuple[Article, Extraction]]) -> IndexReport: ...
    def upsert_many(
        self,
        batches: Iterable[list[tuple[Article, Extraction]]],
        on_batch: Callable[[IndexReport], None] | None = None,
    ) -> IndexReport:
        """``upsert`` every batch in turn (a bulk load); ``on_batch`` gets each batch's report once it is
        stored, in order; the reports added up are returned."""
        ...

    def search(self, query: SearchQuery) -> SearchResult: ...
    def get_article(self, article_id: str) -> Article | None: ...
    def get_commitment(self, commitment_id: str) -> dict[str, Any] | None: ...
    def commitment_history(self, story_id: str) -> list[dict[str, Any]]: ...
    def commitment_histories(self, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """``commitment_history`` of many stories in a few queries: story id → its commitments, oldest
        first (stories without commitments are left out)."""
        ...

    def has_article(self, article_id: str, content_hash: str) -> bool: ...

    # digest queries
    def commitments_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]: ...
    def due_between(self, start: date, end: date) -> list[dict[str, Any]]: ...
    def overdue(self, on: date) -> list[dict[str, Any]]: ...
    def overdue_split(self, on: date, known_before: datetime, limit: int) -> OverdueSplit:
        """``overdue(on)`` split for the digest (see ``OverdueSplit``): reading a hundred thousand missed
        promises to show fifty cost the digest seconds per 100k commitments."""
        ...

    def restated_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]: ...
    def top_entities(self, start: datetime, end: datetime, limit: int = 10) -> list[dict[str, Any]]: ...
    def source_volume(self, start: datetime, end: datetime) -> dict[str, int]: ...
    def daily_counts(self, start: date, end: date) -> dict[date, int]: ...

    # crawl health
    def record_crawl(self, health: CrawlHealth) -> None: ...
    def crawl_health(self, start: datetime, end: datetime) -> list[CrawlHealth]: ...

    # maintenance
    def recompute_statuses(self, today: date) -> int: ...
    def reindex(self) -> dict[str, Any]:
        """Rebuild the search index from the stored documents (SQLite: FTS tables in one transaction;
        Elasticsearch: a new versioned index per kind, then an atomic alias switch)."""
        ...

    def merge_near_duplicates(self) -> dict[str, int]:
        """Give one ``story_id`` to commitments telling one promise (copies of one release, the same
        speaker's similar actions); idempotent; reports how many commitments and stories merged."""
        ...

    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


_jalali = lru_cache(maxsize=1 << 16)(jalali_date)


def article_ref(article: Article) -> dict[str, Any]:
    """Where a statement or commitment came from: what a hit shows beside the quote."""
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "published_jalali": article.published_jalali,
        "archive": article.archive,
    }


def commitment_doc(
    commitment: Commitment, article: Article, ref: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The flat document both backends store for a commitment: the commitment plus where it came from.

    ``ref`` is ``article_ref(article)`` when the caller already has it (one per article, not per commitment).
    """
    # Same document as ``commitment.to_json()``, with the Jalali dates from a cache: converting them
    # was a quarter of the indexing time.
    doc = commitment.model_dump(mode="json", exclude={"deadline": {"start_jalali", "end_jalali"}})
    if commitment.deadline is not None:
        doc["deadline"]["start_jalali"] = _jalali(commitment.deadline.start)
        doc["deadline"]["end_jalali"] = _jalali(commitment.deadline.end)
    doc["article"] = ref if ref is not None else article_ref(article)
    return doc


def statement_doc(
    statement: Statement, article: Article, ref: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The document both backends store for a statement: the statement plus where it came from."""
    doc = statement.to_json()
    doc["article"] = ref if ref is not None else article_ref(article)
    return doc


def article_doc(article: Article) -> dict[str, Any]:
    """The document an article hit carries: the article without its raw (un-normalised) text."""
    doc = article.to_json()
    doc.pop("raw_text", None)
    return doc


def split_overdue(store: Store, on: date, known_before: datetime, limit: int) -> OverdueSplit:
    """``Store.overdue_split`` from ``overdue`` and ``commitment_histories`` (what a backend without a
    cheaper way does: it reads every overdue commitment)."""
    docs = store.overdue(on)
    stories = store.commitment_histories(sorted({str(d["story_id"]) for d in docs if d.get("story_id")}))
    shared = [d for d in docs if len(stories.get(str(d.get("story_id")), [])) > 1]
    ids = {d.get("id") for d in shared}
    alone = [d for d in docs if d.get("id") not in ids and _seen_before(d, known_before)]
    return OverdueSplit(alone=alone[:limit], alone_total=len(alone), shared=shared)


def _seen_before(doc: dict[str, Any], moment: datetime) -> bool:
    seen = doc.get("first_seen")
    return seen is None or datetime.fromisoformat(str(seen).replace("Z", "+00:00")) < moment


def upsert_each(
    store: Store,
    batches: Iterable[list[tuple[Article, Extraction]]],
    on_batch: Callable[[IndexReport], None] | None = None,
) -> IndexReport:
    """``upsert_many`` as one ``upsert`` per batch, for a store with nothing to overlap."""
    total = IndexReport()
    for batch in batches:
        report = store.upsert(batch)
        total.add(report)
        if on_batch is not None:
            on_batch(report)
    return total


def unknown_source_note(store: Store, source: str) -> str | None:
    """Why a search with this source filter finds nothing, when no source has that name (names match
    exactly, so «ISNA» finds nothing of «isna»): the store's source names (the CLI prints it, the API
    returns it in ``notes``). None when the store has the source."""
    ever = datetime(1, 1, 2, tzinfo=UTC), datetime(9999, 12, 30, tzinfo=UTC)
    names = sorted(store.source_volume(*ever))  # every source with an article, not a facet's top values
    if source in names:
        return None
    return f"no source is named {source!r}; the store's sources: {', '.join(names[:20]) or 'none yet'}"
