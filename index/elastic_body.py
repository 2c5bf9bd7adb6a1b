"""Request bodies of the Elasticsearch store: templates, mappings, search and digest queries.

Pure functions of their arguments, so ``tests/test_elastic_unit.py`` checks them without a server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from goftar.errors import ConfigError
from index import analysis
from index.base import SearchQuery
from index.query import ParsedQuery, Term, exact_value
from index.sqlite_search import check_query

INDEX_VERSION = 1
DOC_KINDS = ("commitments", "statements", "articles", "crawls")
TIMEZONE = "Asia/Tehran"

_KEYWORDS = (
    "id",
    "article_id",
    "story_id",
    "source",
    "polarity",
    "status",
    "speaker_id",
    "speaker_display",
    "org_keys",
    "org_ids",
    "org_names",
    "place_keys",
    "place_ids",
    "place_names",
    "entity_tags",
    "content_hash",
    "event_day",
)
_DATES = ("published", "first_seen", "event_time", "deadline_day", "deadline_start", "started")
_FACET_FIELDS = {
    "speaker": "speaker_display",
    "source": "source",
    "polarity": "polarity",
    "status": "status",
    "organisation": "org_names",
    "place": "place_names",
}


def component_template() -> dict[str, Any]:
    """Analysis settings shared by every index: ``goftar_fa`` for raw Persian, ``goftar_terms`` for ours."""
    return {
        "settings": {
            "analysis": {
                # ZWNJ is mapped explicitly (not left to the server's defaults): «واکسن‌ها» → «واکسن ها».
                "char_filter": {"goftar_zwnj": {"type": "mapping", "mappings": ["\\u200C=>\\u0020"]}},
                "filter": {"goftar_fa_stop": {"type": "stop", "stopwords": "_persian_"}},
                "analyzer": {
                    "goftar_fa": {
                        "type": "custom",
                        "char_filter": ["goftar_zwnj"],
                        "tokenizer": "standard",
                        "filter": [
                            "lowercase",
                            "decimal_digit",
                            "arabic_normalization",
                            "persian_normalization",
                            "goftar_fa_stop",
                            "persian_stem",
                        ],
                    },
                    # Our analysed text is already terms separated by spaces: split on spaces, nothing more.
                    "goftar_terms": {"type": "custom", "tokenizer": "whitespace"},
                },
            }
        }
    }


def mappings() -> dict[str, Any]:
    """Explicit mappings (dynamic off): keywords for filters/facets, dates, and the two text fields."""
    props: dict[str, Any] = {name: {"type": "keyword"} for name in _KEYWORDS}
    props |= {name: {"type": "date"} for name in _DATES}
    props |= {
        "body": {"type": "text", "analyzer": "goftar_terms"},
        "speaker_terms": {"type": "text", "analyzer": "goftar_terms"},
        "text": {"type": "text", "analyzer": "goftar_fa"},
        "title": {"type": "text", "analyzer": "goftar_fa"},
        "doc": {"type": "object", "enabled": False},
        "full": {"type": "object", "enabled": False},
    }
    return {"dynamic": False, "properties": props}


def index_template(prefix: str, kind: str) -> dict[str, Any]:
    """Keyword arguments of ``indices.put_index_template`` for one document kind."""
    return {
        "index_patterns": [f"{prefix}-{kind}-v*"],
        "composed_of": [f"{prefix}-analysis"],
        "priority": 200,
        "template": {"settings": {"number_of_shards": 1}, "mappings": mappings()},
        "meta": {"owner": "goftar", "version": INDEX_VERSION},
    }


def _phrase(term: Term) -> dict[str, Any]:
    return {"match_phrase": {"body": " ".join(term.tokens)}}


def _text_clauses(parsed: ParsedQuery) -> tuple[list[Any], list[Any]]:
    must = [
        {"bool": {"should": [_phrase(t) for t in group], "minimum_should_match": 1}}
        for group in parsed.groups
    ]
    return must, [_phrase(t) for t in parsed.excluded]


def _either(*clauses: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"should": list(clauses), "minimum_should_match": 1}}


def filters(query: SearchQuery) -> list[dict[str, Any]]:
    """The filter clauses of a query (same meaning as the SQLite store's WHERE clause)."""
    out: list[dict[str, Any]] = []
    exact = exact_value(query.speaker) if query.speaker else None
    if exact:
        out.append({"term": {"speaker_display": exact}})
    elif query.speaker:
        out.append(
            _either(
                {"term": {"speaker_id": query.speaker}},
                *(
                    {"match_phrase": {"speaker_terms": key}}
                    for key in analysis.key_spellings(query.speaker) or ["\u0000"]
                    if key
                ),
            )
        )
    for name, field in (("organisation", "org"), ("place", "place")):
        value = getattr(query, name)
        if value:
            out.append(
                _either(
                    {"terms": {f"{field}_keys": analysis.key_spellings(value)}},
                    {"term": {f"{field}_ids": value}},
                )
            )
    for name in ("source", "polarity", "status"):
        if getattr(query, name):
            out.append({"term": {name: getattr(query, name)}})
    if query.ids is not None:
        out.append({"ids": {"values": list(query.ids)}})
    published = {
        k: v.isoformat() for k, v in (("gte", query.published_from), ("lte", query.published_to)) if v
    }
    if published:
        out.append({"range": {"event_time": {**published, "time_zone": TIMEZONE, "format": "strict_date"}}})
    deadline = {k: v.isoformat() for k, v in (("gte", query.deadline_from), ("lte", query.deadline_to)) if v}
    if deadline:
        out.append({"range": {"deadline_day": deadline}})
    return out


def _sort(query: SearchQuery, ranked: bool) -> list[Any]:
    if query.sort == "deadline" and query.doc_type == "commitment":
        return [{"deadline_day": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
    if query.sort == "relevance" and ranked:
        return ["_score", {"id": "asc"}]
    return [{"event_time": "desc"}, {"id": "desc"}]


def search_body(query: SearchQuery, parsed: ParsedQuery) -> dict[str, Any]:
    """Keyword arguments of ``client.search`` for a query: bool query, sort, paging and facet aggregations."""
    spec = check_query(query)
    must, must_not = _text_clauses(parsed)
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "must_not": must_not, "filter": filters(query)}},
        "sort": _sort(query, bool(must)),
        "size": query.size,
        "track_total_hits": True,
    }
    if query.search_after:
        body["search_after"] = query.search_after
    else:
        body["from_"] = (query.page - 1) * query.size
    if query.facets:
        body["aggs"] = {
            name: {"terms": {"field": _FACET_FIELDS[name], "size": query.facet_size}} for name in spec.facets
        }
    return body


def new_in_query(start: datetime, end: datetime) -> dict[str, Any]:
    """ "New in [start, end)": published then and seen by its end, or (undated or published earlier) first
    seen then — the SQLite store's rule (``index.sqlite._new_in``)."""
    s, e = _utc(start), _utc(end)
    in_window = {"range": {"published": {"gte": s, "lt": e}}}
    published = {"bool": {"filter": [in_window, {"range": {"first_seen": {"lt": e}}}]}}
    seen = {
        "bool": {
            "filter": [{"range": {"first_seen": {"gte": s, "lt": e}}}],
            "should": [
                {"bool": {"must_not": [{"exists": {"field": "published"}}]}},
                {"range": {"published": {"lt": s}}},
            ],
            "minimum_should_match": 1,
        }
    }
    return {"bool": {"should": [published, seen], "minimum_should_match": 1}}


def _utc(value: datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


__all__ = ["ConfigError", "component_template", "filters", "index_template", "new_in_query", "search_body"]
