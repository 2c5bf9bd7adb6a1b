"""Documents the Elasticsearch store writes (bulk actions) and reads back (hits → ``SearchResult``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from goftar.model import Article, Extraction
from index import analysis
from index.base import (
    ENTITY_FILTERS,
    Hit,
    SearchQuery,
    SearchResult,
    article_doc,
    article_ref,
    commitment_doc,
    statement_doc,
)
from index.query import ParsedQuery, highlight
from index.sqlite_search import SNIPPET_CHARS
from index.sqlite_write import commitment_body, entity_key, speaker_columns
from nlp.tracking import due_day

TZ = ZoneInfo("Asia/Tehran")
_FIELD_OF = {"organisation": "org", "place": "place"}
_ENTITY_FIELDS = {label: _FIELD_OF[name] for name, labels in ENTITY_FILTERS.items() for label in labels}


def _iso(value: datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def _entity_fields(extraction: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {
        f"{f}_{k}": [] for f in _ENTITY_FIELDS.values() for k in ("keys", "ids", "names")
    }
    out["entity_tags"] = []
    for ent in extraction.entities:
        name = ent.canonical_name or ent.text
        key = entity_key(name)
        if not key:
            continue
        tag = "\x1f".join((ent.label, key, name, ent.canonical_id or ""))
        if tag not in out["entity_tags"]:
            out["entity_tags"].append(tag)
        field = _ENTITY_FIELDS.get(ent.label)
        if field and key not in out[f"{field}_keys"]:
            out[f"{field}_keys"].append(key)
            out[f"{field}_names"].append(name)
            if ent.canonical_id:
                out[f"{field}_ids"].append(ent.canonical_id)
    return out


def article_actions(
    prefix: str, article: Article, extraction: Extraction, first_seen: str | None
) -> list[dict[str, Any]]:
    """Bulk ``index`` actions for one article and its children; ids are content ids (reruns overwrite)."""
    seen = first_seen or _iso(article.fetched)
    published = _iso(article.published) if article.published else None
    event_time = published or seen
    day = datetime.fromisoformat(event_time).astimezone(TZ).date().isoformat()
    common = {
        "source": article.source,
        "published": published,
        "first_seen": seen,
        "event_time": event_time,
        "event_day": day,
        **_entity_fields(extraction),
    }
    ref = article_ref(article)
    actions = [
        {
            "_index": f"{prefix}-articles",
            "_id": article.id,
            "id": article.id,
            **common,
            "content_hash": article.content_hash,
            "title": article.title,
            "text": article.text,
            "body": analysis.analyze(
                f"{article.title}\n{article.lead or ''}\n{article.text or article.raw_text}"
            ),
            "doc": article_doc(article),
            "full": article.to_json(),
        }
    ]
    for statement in extraction.statements:
        statement = statement.model_copy(update={"article_id": article.id})
        key, display, sid = speaker_columns(statement.speaker)
        actions.append(
            {
                "_index": f"{prefix}-statements",
                "_id": statement.id,
                "id": statement.id,
                "article_id": article.id,
                **common,
                "speaker_terms": key,
                "speaker_display": display,
                "speaker_id": sid,
                "text": statement.quote,
                "body": analysis.analyze(f"{statement.quote}\n{display or ''}"),
                "doc": statement_doc(statement, article, ref),
            }
        )
    for commitment in extraction.commitments:
        commitment = commitment.model_copy(update={"article_id": article.id})
        key, display, sid = speaker_columns(commitment.speaker)
        deadline = commitment.deadline
        due = due_day(deadline)
        actions.append(
            {
                "_index": f"{prefix}-commitments",
                "_id": commitment.id,
                "id": commitment.id,
                "article_id": article.id,
                "story_id": commitment.story_id,
                **common,
                "speaker_terms": key,
                "speaker_display": display,
                "speaker_id": sid,
                "polarity": commitment.polarity,
                "status": commitment.status,
                "deadline_day": due.isoformat() if due else None,
                "deadline_start": deadline.start.isoformat() if deadline and deadline.start else None,
                "text": commitment.evidence,
                "body": commitment_body(commitment),
                "doc": commitment_doc(commitment, article, ref),
            }
        )
    return actions


def _hit(
    source: dict[str, Any],
    raw: dict[str, Any],
    query: SearchQuery,
    marks: tuple[set[str], set[tuple[str, ...]]],
) -> Hit:
    doc = dict(source["doc"])
    if query.doc_type == "commitment":
        doc["status"] = source.get("status", doc.get("status"))
        doc["first_seen"] = source.get("first_seen")
        text = doc.get("evidence", "")
    elif query.doc_type == "statement":
        text = doc.get("quote", "")
    else:
        text = doc.get("text", "") or doc.get("title", "")
    return Hit(
        id=raw["_id"],
        doc_type=query.doc_type,
        score=round(float(raw.get("_score") or 0.0), 4),
        doc=doc,
        highlight=highlight(text, marks[0], limit=SNIPPET_CHARS, phrases=marks[1]),
    )


def hits_from(response: dict[str, Any], query: SearchQuery, parsed: ParsedQuery) -> SearchResult:
    """A search response as a ``SearchResult`` (highlights built like the SQLite store's)."""
    raw_hits = response["hits"]["hits"]
    marks = parsed.marks()
    hits = [_hit(h["_source"], h, query, marks) for h in raw_hits]
    total = response["hits"]["total"]["value"]
    facets = {
        name: [(b["key"], b["doc_count"]) for b in agg["buckets"]]
        for name, agg in (response.get("aggregations") or {}).items()
    }
    seen = (query.page - 1) * query.size if not query.search_after else None
    more = len(raw_hits) == query.size and (seen is None or seen + len(raw_hits) < total)
    after = raw_hits[-1]["sort"] if more and raw_hits and "sort" in raw_hits[-1] else None
    return SearchResult(total=total, hits=hits, facets=facets, next_search_after=after)
