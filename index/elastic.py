"""The Elasticsearch store (official client 9.x), for corpora beyond one SQLite file.

Layout, per document kind (``commitments``, ``statements``, ``articles``, ``crawls``):
- a component template ``{prefix}-analysis`` with our analyzers, and a composable index template
  ``{prefix}-{kind}`` (index pattern ``{prefix}-{kind}-v*``) holding the mappings;
- a versioned index ``{prefix}-{kind}-v{N}`` behind the alias ``{prefix}-{kind}``: ``migrate`` builds
  ``v{N+1}``, reindexes, and swaps the alias in one atomic call, so searches never see a gap (writes
  meanwhile are refused and retried by the next run rather than lost).

Fields: ``body`` holds the output of ``index.analysis`` (whitespace analyzer), so queries mean exactly
what they mean on SQLite; ``text`` holds the raw quote with our ``goftar_fa`` analyzer (built from
documented filters, ZWNJ mapped explicitly, so behaviour does not change with the server's own
``persian`` analyzer). Highlights are built client-side by ``index.query.highlight`` on the stored
quote, identical to the SQLite backend. Ids are the model's content ids: a rerun overwrites.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from goftar.errors import StoreError
from goftar.model import Article, CrawlHealth, Extraction, stable_id
from goftar.settings import Settings
from index import analysis
from index.base import (
    DEFAULT_SEARCH_BUDGET,
    IndexReport,
    OverdueSplit,
    SearchQuery,
    SearchResult,
    SearchTimeout,
    split_overdue,
    upsert_each,
)
from index.elastic_body import (
    DOC_KINDS,
    INDEX_VERSION,
    component_template,
    index_template,
    new_in_query,
    search_body,
)
from index.elastic_docs import TZ, article_actions, hits_from
from index.query import parse
from nlp.tracking import DUE_DAYS

log = logging.getLogger(__name__)

BULK_RETRIES = 5
MAX_DIGEST_ROWS = 10_000
SCAN_PAGE = 1000
HISTORY_CHUNK = 500  # story ids per ``terms`` query (the server's limit is 65,536)
# A story's commitments oldest first, ties by who was seen first (as ``sqlite.STORY_ORDER``); the id
# makes the order total for ``search_after``.
STORY_SORT: list[dict[str, str]] = [{"event_time": "asc"}, {"first_seen": "asc"}, {"id": "asc"}]


class ElasticStore:
    """``index.base.Store`` on Elasticsearch; ``refresh`` makes writes visible before returning."""

    def __init__(
        self,
        client: Any,
        prefix: str,
        *,
        refresh: bool | str = "wait_for",
        bulk_backoff: float = 1.0,
        search_budget: float = DEFAULT_SEARCH_BUDGET,
    ) -> None:
        self.es, self.prefix, self.refresh = client, prefix, refresh
        self.bulk_backoff = bulk_backoff  # first wait before retrying 429s; doubles on each retry
        self.search_budget = search_budget  # seconds a search may take (server-side and on the wire)

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticStore:
        """Connect to ``GOFTAR_ES_URL`` (API key from ``GOFTAR_ES_API_KEY``) and make sure indices exist."""
        from elasticsearch import Elasticsearch

        try:
            # A timed-out bulk request is sent again by the transport: every action carries its id, so a
            # retry overwrites instead of duplicating.
            client = Elasticsearch(
                settings.es_url,
                api_key=settings.es_api_key or None,
                request_timeout=30,
                retry_on_timeout=True,
                max_retries=3,
            )
            store = cls(client, settings.es_prefix)
            store.ensure()
        except Exception as exc:  # noqa: BLE001 — any transport/API error means the store cannot open
            raise StoreError(f"cannot open Elasticsearch at {settings.redacted()['es_url']}: {exc}") from exc
        return store

    def alias(self, kind: str) -> str:
        return f"{self.prefix}-{kind}"

    # ---------------------------------------------------------------- layout

    def ensure(self) -> None:
        """Put the templates (idempotent) and create ``v{INDEX_VERSION}`` behind each missing alias."""
        self.es.cluster.put_component_template(name=f"{self.prefix}-analysis", template=component_template())
        for kind in DOC_KINDS:
            self.es.indices.put_index_template(name=self.alias(kind), **index_template(self.prefix, kind))
            if not self.es.indices.exists_alias(name=self.alias(kind)):
                index = f"{self.alias(kind)}-v{INDEX_VERSION}"
                self.es.indices.create(index=index, aliases={self.alias(kind): {"is_write_index": True}})

    def migrate(self, kind: str, version: int) -> None:
        """Reindex ``kind`` into ``v{version}`` (new templates apply) and swap the alias atomically.

        A write that reached the old index after the copy began would vanish at the switch, so the old
        index is write-blocked first: such writes are refused (403 ``cluster_block_exception``),
        reported per document and kept for the next run (``goftar.retry``) instead of lost. Searches
        go on. If the copy fails the block is lifted again; a reindex killed outright leaves it, and
        the next ``reindex`` (which rebuilds from the blocked index) ends it.
        """
        alias, new = self.alias(kind), f"{self.alias(kind)}-v{version}"
        old = list(self.es.indices.get_alias(name=alias).keys())
        if self.es.indices.exists(index=new):  # left by an interrupted reindex: rebuilt from scratch
            self.es.indices.delete(index=new)
        self.es.indices.create(index=new)
        for index in old:
            self.es.indices.add_block(index=index, block="write")
        try:
            self.es.reindex(
                source={"index": alias}, dest={"index": new}, wait_for_completion=True, refresh=True
            )
            actions = [{"remove": {"index": i, "alias": alias}} for i in old]
            actions.append({"add": {"index": new, "alias": alias, "is_write_index": True}})
            self.es.indices.update_aliases(actions=actions)
        except BaseException:
            for index in old:
                self.es.indices.put_settings(index=index, settings={"index.blocks.write": False})
            raise
        for index in old:
            self.es.indices.delete(index=index)

    def index_version(self, kind: str) -> int:
        """The version ``N`` of the index ``{prefix}-{kind}-v{N}`` the alias points at (highest if many)."""
        names = list(self.es.indices.get_alias(name=self.alias(kind)).keys())
        versions = [int(n.rsplit("-v", 1)[1]) for n in names if n.rsplit("-v", 1)[-1].isdigit()]
        if not versions:
            raise StoreError(f"alias {self.alias(kind)} points at no versioned index: {names}")
        return max(versions)

    def reindex(self) -> dict[str, Any]:
        """Rebuild every kind into a new versioned index (current templates and analyzers apply), then
        switch its alias in one atomic call (``migrate``): searches see the old index until the switch."""
        self.ensure()  # the templates the new indices are created from
        report: dict[str, Any] = {"indices": {}}
        for kind in DOC_KINDS:
            version = self.index_version(kind)
            self.migrate(kind, version + 1)
            report["indices"][kind] = f"{self.alias(kind)}-v{version} → {self.alias(kind)}-v{version + 1}"
            report[kind if kind != "crawls" else "crawl_health"] = int(
                self.es.count(index=self.alias(kind))["count"]
            )
        log.info("reindexed Elasticsearch: %s", report)
        return report

    def merge_near_duplicates(self) -> dict[str, int]:
        """Same as the SQLite store: commitments telling one promise get one story id (see
        ``nlp.tracking.plan_merges``); the story id is updated on the document and inside ``doc``."""
        from nlp.tracking import StoryItem, plan_merges, speaker_key

        duplicates = {
            src["id"]: stable_id(src["full"]["duplicate_of"])
            for src in self._scan("articles", ["id", "full.duplicate_of"])
            if (src.get("full") or {}).get("duplicate_of")
        }
        items = [
            StoryItem(
                id=src["id"],
                article_id=src.get("article_id", ""),
                story_id=src.get("story_id"),
                speaker=speaker_key((src.get("doc") or {}).get("speaker")),
                action=str((src.get("doc") or {}).get("action") or ""),
                time=str(src.get("event_time") or ""),
            )
            for src in self._scan(
                "commitments", ["id", "article_id", "story_id", "event_time", "doc.speaker", "doc.action"]
            )
        ]
        plan = plan_merges(items, duplicates)
        actions = [
            {
                "_op_type": "update",
                "_index": self.alias("commitments"),
                "_id": ident,
                "doc": {"story_id": story, "doc": {"story_id": story}},
            }
            for ident, story in sorted(plan.changes.items())
        ]
        failed = self.bulk(actions) if actions else []
        report = plan.report(len(duplicates))
        report["failed"] = len(failed)
        log.info("merged stories: %s", report)
        return report

    def _scan(self, kind: str, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every document of ``kind`` (only ``fields`` of its source), paged with ``search_after``."""
        after: list[Any] | None = None
        while True:
            page = self.es.search(
                index=self.alias(kind),
                query={"match_all": {}},
                sort=[{"id": "asc"}],
                size=SCAN_PAGE,
                source_includes=fields,
                **({"search_after": after} if after else {}),
            )["hits"]["hits"]
            yield from (h["_source"] for h in page)
            if len(page) < SCAN_PAGE:
                return
            after = page[-1]["sort"]

    def drop(self) -> None:
        """Delete every index and template of this prefix (tests, and ``goftar`` resets)."""
        self.es.indices.delete(index=f"{self.prefix}-*", ignore_unavailable=True, allow_no_indices=True)
        for kind in DOC_KINDS:
            self.es.indices.delete_index_template(name=self.alias(kind), ignore_unavailable=True)
        self.es.cluster.delete_component_template(name=f"{self.prefix}-analysis", ignore_unavailable=True)

    def close(self) -> None:
        self.es.close()

    # ---------------------------------------------------------------- writing

    def upsert_many(
        self,
        batches: Iterable[list[tuple[Article, Extraction]]],
        on_batch: Callable[[IndexReport], None] | None = None,
    ) -> IndexReport:
        """``upsert`` every batch in turn (``streaming_bulk`` already keeps the connection busy)."""
        return upsert_each(self, batches, on_batch)

    def upsert(self, items: list[tuple[Article, Extraction]]) -> IndexReport:
        """Index articles and their children with ``streaming_bulk``; per-item failures are reported."""
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        report = IndexReport()
        try:
            first_seen = self._first_seen([a.id for a, _ in items])
        except (TransportError, ApiError) as exc:  # the server is unreachable: report, do not crash the run
            log.warning("Elasticsearch unavailable, %d articles not indexed: %s", len(items), exc)
            report.failed.extend((a.id, f"{type(exc).__name__}: {exc}") for a, _ in items)
            return report
        actions: list[dict[str, Any]] = []
        for article, extraction in items:
            try:
                actions.extend(article_actions(self.prefix, article, extraction, first_seen.get(article.id)))
            except (ValueError, TypeError, AttributeError) as exc:
                report.failed.append((article.id, f"{type(exc).__name__}: {exc}"))
                continue
            report.articles += 1
            report.statements += len(extraction.statements)
            report.commitments += len(extraction.commitments)
        try:
            self._delete_children([a.id for a, _ in items])
        except (TransportError, ApiError) as exc:
            log.warning("Elasticsearch unavailable, %d articles not indexed: %s", len(items), exc)
            report.failed.extend((a.id, f"{type(exc).__name__}: {exc}") for a, _ in items)
            report.articles = report.statements = report.commitments = 0
            return report
        failed = self.bulk(actions)
        report.failed.extend(failed)
        self._forget_incomplete(actions, {ident for ident, _ in failed}, report)
        return report

    def _forget_incomplete(self, actions: list[dict[str, Any]], bad: set[str], report: IndexReport) -> None:
        """Drop the article document of an article whose children were refused, so that the next run
        (which skips stored articles) indexes it again instead of leaving it incomplete for good."""
        articles = {str(a.get("article_id") or a["_id"]) for a in actions if str(a["_id"]) in bad}
        for article_id in sorted(articles):
            report.articles -= 1
            try:
                self.es.options(ignore_status=404).delete(index=self.alias("articles"), id=article_id)
            except Exception as exc:  # noqa: BLE001 — best effort; the failure is already reported
                log.warning("could not withdraw incomplete article %s: %s", article_id, exc)

    def bulk(self, actions: list[dict[str, Any]]) -> list[tuple[str, str]]:
        """Send actions, retrying 429s with backoff; returns ``(id, reason)`` of those that failed."""
        from elastic_transport import TransportError
        from elasticsearch import helpers

        failed: list[tuple[str, str]] = []
        answered: set[str] = set()
        try:
            for ok, item in helpers.streaming_bulk(
                self.es,
                actions,
                chunk_size=500,
                max_retries=BULK_RETRIES,
                initial_backoff=self.bulk_backoff,
                raise_on_error=False,
                raise_on_exception=False,
                refresh=self.refresh,
            ):
                op: dict[str, Any] = next(iter(item.values()), {})
                answered.add(str(op.get("_id")))
                if not ok:
                    reason = op.get("error")
                    reason = reason if isinstance(reason, str) else json.dumps(reason, ensure_ascii=False)
                    failed.append((str(op.get("_id")), reason[:500]))
        except TransportError as exc:  # timed out or unreachable after the transport's own retries
            failed.extend(
                (str(a["_id"]), f"{type(exc).__name__}: {exc}"[:500])
                for a in actions
                if str(a["_id"]) not in answered
            )
        for ident, reason in failed:
            log.warning("Elasticsearch refused %s: %s", ident, reason)
        return failed

    def _first_seen(self, article_ids: list[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        found = self.es.mget(index=self.alias("articles"), ids=article_ids, source_includes=["first_seen"])
        return {d["_id"]: d["_source"]["first_seen"] for d in found["docs"] if d.get("found")}

    def _delete_children(self, article_ids: list[str]) -> None:
        # Re-extraction may drop or move spans: the old children go before the new ones are written.
        if article_ids:
            self.es.delete_by_query(
                index=[self.alias("statements"), self.alias("commitments")],
                query={"terms": {"article_id": article_ids}},
                refresh=True,
                conflicts="proceed",
            )

    def record_crawl(self, health: CrawlHealth) -> None:
        doc = {"source": health.source, "started": health.started.isoformat(), "doc": health.to_json()}
        self.es.index(
            index=self.alias("crawls"),
            id=f"{health.source}@{health.started.isoformat()}",
            document=doc,
            refresh=self.refresh,
        )

    def recompute_statuses(self, today: date) -> int:
        """``nlp.tracking.status_for``'s rule, as in the SQLite store: overdue, due within a week, else
        open; fulfilled commitments are left as they are, and one with no due day is open if an older
        rule made it due or overdue (a start-only deadline)."""
        script = {
            "lang": "painless",
            "params": {"t": today.isoformat(), "soon": (today + timedelta(days=DUE_DAYS)).isoformat()},
            "source": (
                "String d = ctx._source.deadline_day; "
                "String v = d == null ? 'open' : d.compareTo(params.t) < 0 ? 'overdue' "
                ": d.compareTo(params.soon) <= 0 ? 'due' : 'open'; "
                "if (v == ctx._source.status) { ctx.op = 'noop' } else { ctx._source.status = v; "
                "ctx._source.doc.status = v }"
            ),
        }
        stale_start_only = {
            "bool": {
                "must_not": [{"exists": {"field": "deadline_day"}}],
                "filter": [{"terms": {"status": ["due", "overdue"]}}],
            }
        }
        query = {
            "bool": {
                "should": [{"exists": {"field": "deadline_day"}}, stale_start_only],
                "minimum_should_match": 1,
                "must_not": [{"term": {"status": "fulfilled"}}],
            }
        }
        result = self.es.update_by_query(
            index=self.alias("commitments"), query=query, script=script, refresh=True, conflicts="proceed"
        )
        return int(result.get("updated", 0))

    # ---------------------------------------------------------------- reading

    def search(self, query: SearchQuery) -> SearchResult:
        """Search with the same query language, filters, facets and paging as the SQLite store."""
        from elastic_transport import ConnectionTimeout

        parsed = parse(query.text)
        body = search_body(query, parsed)
        budget = self.search_budget
        try:
            # The server stops the search at the budget (and says so); the client waits a little longer.
            response = self.es.options(request_timeout=budget + 1).search(
                index=self.alias(f"{query.doc_type}s"), timeout=f"{int(budget * 1000)}ms", **body
            )
        except ConnectionTimeout as exc:
            raise SearchTimeout(f"the search took longer than its budget of {budget:g} s") from exc
        if response.get("timed_out"):
            raise SearchTimeout(
                f"the search took longer than its budget of {budget:g} s and was stopped; "
                "narrow it with more words or filters"
            )
        return hits_from(response, query, parsed)

    def has_article(self, article_id: str, content_hash: str) -> bool:
        doc = self._get("articles", article_id)
        return bool(doc and doc.get("content_hash") == content_hash)

    def get_article(self, article_id: str) -> Article | None:
        doc = self._get("articles", article_id)
        return Article.model_validate(doc["full"]) if doc else None

    def get_commitment(self, commitment_id: str) -> dict[str, Any] | None:
        doc = self._get("commitments", commitment_id)
        return _with_status(doc) if doc else None

    def _get(self, kind: str, ident: str) -> dict[str, Any] | None:
        found = self.es.mget(index=self.alias(kind), ids=[ident])["docs"][0]
        return found["_source"] if found.get("found") else None

    def commitment_history(self, story_id: str) -> list[dict[str, Any]]:
        return self._docs({"term": {"story_id": story_id}}, STORY_SORT)

    def commitment_histories(self, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """``commitment_history`` of each story: a ``terms`` query per ``HISTORY_CHUNK`` ids, paged with
        ``search_after`` (a chunk's stories may hold more than one page of commitments)."""
        out: dict[str, list[dict[str, Any]]] = {}
        unique = sorted(set(story_ids))
        for at in range(0, len(unique), HISTORY_CHUNK):
            query = {"terms": {"story_id": unique[at : at + HISTORY_CHUNK]}}
            after: list[Any] | None = None
            while True:
                page = self.es.search(
                    index=self.alias("commitments"),
                    query=query,
                    sort=STORY_SORT,
                    size=MAX_DIGEST_ROWS,
                    **({"search_after": after} if after else {}),
                )["hits"]["hits"]
                for hit in page:
                    out.setdefault(str(hit["_source"]["story_id"]), []).append(_with_status(hit["_source"]))
                if len(page) < MAX_DIGEST_ROWS:
                    break
                after = page[-1]["sort"]
        return out

    def _docs(
        self, query: dict[str, Any], sort: list[Any], kind: str = "commitments"
    ) -> list[dict[str, Any]]:
        """Every document the query matches, in pages of ``MAX_DIGEST_ROWS`` (``search_after``): the
        digest counts what it does not list (overdue promises: «و N وعدهٔ دیگر»), so no page may be cut."""
        if not any("id" in key for key in sort):
            sort = [*sort, {"id": "asc"}]  # search_after needs a total order
        out: list[dict[str, Any]] = []
        after: list[Any] | None = None
        while True:
            page = self.es.search(
                index=self.alias(kind),
                query=query,
                sort=sort,
                size=MAX_DIGEST_ROWS,
                **({"search_after": after} if after else {}),
            )["hits"]["hits"]
            out.extend(_with_status(h["_source"]) for h in page)
            if len(page) < MAX_DIGEST_ROWS:
                return out
            after = page[-1]["sort"]

    # ---------------------------------------------------------------- digest queries

    def commitments_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return self._docs(new_in_query(start, end), [{"event_time": "asc"}, {"id": "asc"}])

    def due_between(self, start: date, end: date) -> list[dict[str, Any]]:
        query = {
            "bool": {
                "filter": [{"range": {"deadline_day": {"gte": start.isoformat(), "lte": end.isoformat()}}}],
                "must_not": [{"term": {"status": "fulfilled"}}],
            }
        }
        return self._docs(query, [{"deadline_day": "asc"}, {"event_time": "asc"}])

    def overdue(self, on: date) -> list[dict[str, Any]]:
        query = {
            "bool": {
                "filter": [{"range": {"deadline_day": {"lt": on.isoformat()}}}],
                "must_not": [{"term": {"status": "fulfilled"}}],
            }
        }
        return self._docs(query, [{"deadline_day": "desc"}, {"event_time": "asc"}])

    def overdue_split(self, on: date, known_before: datetime, limit: int) -> OverdueSplit:
        return split_overdue(self, on, known_before, limit)

    def restated_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        new = [d for d in self.commitments_in(start, end) if d.get("story_id")]
        stories = sorted({d["story_id"] for d in new})
        if not stories:
            return []
        members = self._docs({"terms": {"story_id": stories}}, [{"event_time": "asc"}, {"id": "asc"}])
        out = []
        for doc in new:
            story = [m for m in members if m["story_id"] == doc["story_id"]]
            position = next(i for i, m in enumerate(story) if m["id"] == doc["id"])
            if position:
                first = story[0]
                out.append(
                    {
                        **doc,
                        "restates": position,
                        "first_seen_story": first["article"].get("published") or first.get("first_seen"),
                    }
                )
        return out

    def top_entities(self, start: datetime, end: datetime, limit: int = 10) -> list[dict[str, Any]]:
        aggs = {"entities": {"terms": {"field": "entity_tags", "size": limit * 3}}}
        response = self.es.search(
            index=self.alias("articles"), query=new_in_query(start, end), size=0, aggs=aggs
        )
        out = []
        for bucket in response["aggregations"]["entities"]["buckets"]:
            label, _key, text, cid = bucket["key"].split("\x1f")
            out.append(
                {
                    "text": text,
                    "label": label,
                    "canonical_id": cid or None,
                    "articles": bucket["doc_count"],
                    "mentions": bucket["doc_count"],
                }
            )
        out.sort(key=lambda e: (-e["articles"], e["text"]))
        return out[:limit]

    def source_volume(self, start: datetime, end: datetime) -> dict[str, int]:
        aggs = {"sources": {"terms": {"field": "source", "size": 1000}}}
        response = self.es.search(
            index=self.alias("articles"), query=new_in_query(start, end), size=0, aggs=aggs
        )
        return {b["key"]: b["doc_count"] for b in response["aggregations"]["sources"]["buckets"]}

    def daily_counts(self, start: date, end: date) -> dict[date, int]:
        """Commitments new in each day of [start, end] (Tehran days), zeros included.

        "New in a day" is ``new_in_query``, the rule of ``commitments_in``: a commitment published earlier
        and first seen that day counts then too, so the digest's bar for a day matches its list.
        """
        days = [start + timedelta(days=i) for i in range(max((end - start).days + 1, 0))]
        if not days:
            return {}
        filters = {day.isoformat(): new_in_query(*_local_day(day)) for day in days}
        response = self.es.search(
            index=self.alias("commitments"),
            query=new_in_query(_local_day(days[0])[0], _local_day(days[-1])[1]),
            size=0,
            aggs={"days": {"filters": {"filters": filters}}},
        )
        buckets = response["aggregations"]["days"]["buckets"]
        return {day: int(buckets[day.isoformat()]["doc_count"]) for day in days}

    def crawl_health(self, start: datetime, end: datetime) -> list[CrawlHealth]:
        query = {"range": {"started": {"gte": start.isoformat(), "lt": end.isoformat()}}}
        response = self.es.search(
            index=self.alias("crawls"),
            query=query,
            size=MAX_DIGEST_ROWS,
            sort=[{"started": "asc"}, {"source": "asc"}],
        )
        return [CrawlHealth.model_validate(h["_source"]["doc"]) for h in response["hits"]["hits"]]

    def counts(self) -> dict[str, int]:
        def count(kind: str) -> int:
            return int(self.es.count(index=self.alias(kind))["count"])

        stories = self.es.search(
            index=self.alias("commitments"), size=0, aggs={"n": {"cardinality": {"field": "story_id"}}}
        )
        sources = self.es.search(
            index=self.alias("articles"), size=0, aggs={"n": {"cardinality": {"field": "source"}}}
        )
        return {
            "articles": count("articles"),
            "statements": count("statements"),
            "commitments": count("commitments"),
            "entities": 0,
            "stories": stories["aggregations"]["n"]["value"],
            "sources": sources["aggregations"]["n"]["value"],
            "crawls": count("crawls"),
        }


def _with_status(source: dict[str, Any]) -> dict[str, Any]:
    doc = dict(source["doc"])
    doc["status"] = source.get("status", doc.get("status"))
    doc["first_seen"] = source.get("first_seen")
    return doc


def _local_day(day: date) -> tuple[datetime, datetime]:
    """The bounds of ``day`` in the time zone event days are stored in (``elastic_docs.TZ``)."""
    return datetime.combine(day, time.min, TZ), datetime.combine(day + timedelta(days=1), time.min, TZ)


__all__ = ["ElasticStore", "analysis"]
