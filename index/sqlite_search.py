"""Search on the SQLite store: a ``SearchQuery`` compiled to one WHERE clause, then hits, total and facets.

The FTS5 expression comes from ``index.query``; filters are plain columns (indexed) or, for organisation
and place, the article's entities. Highlighting is done in Python on the original text (FTS5's own
``highlight()`` would mark the analysed text, which is not what people read).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from goftar.errors import ConfigError
from index import analysis
from index.base import Hit, SearchQuery, SearchResult
from index.query import ParsedQuery, highlight, parse, to_fts5
from index.sqlite_write import filter_token

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 1000
SNIPPET_CHARS = 320
DocBuilder = Callable[[sqlite3.Row], dict[str, Any]]


@dataclass(frozen=True)
class _Spec:
    table: str
    fts: str
    article_col: str
    columns: str  # what a hit needs, besides rowid
    facets: tuple[str, ...]
    filters: frozenset[str]


_COMMON = frozenset({"speaker", "organisation", "place", "source", "published"})
SPECS: dict[str, _Spec] = {
    "commitment": _Spec(
        "commitments",
        "commitment_fts",
        "article_id",
        "c.json, c.status, c.first_seen",
        ("speaker", "source", "polarity", "status", "organisation", "place"),
        _COMMON | {"polarity", "status", "deadline"},
    ),
    "statement": _Spec(
        "statements",
        "statement_fts",
        "article_id",
        "c.json",
        ("speaker", "source", "organisation", "place"),
        _COMMON,
    ),
    "article": _Spec(
        "articles",
        "article_fts",
        "id",
        "c.json",
        ("source", "organisation", "place"),
        _COMMON - {"speaker"},
    ),
}
_FACET_COLUMNS = {
    "speaker": "c.speaker_display",
    "source": "c.source",
    "polarity": "c.polarity",
    "status": "c.status",
}
_ENTITY_LABELS = {"organisation": "ORG", "place": "LOC"}


@dataclass
class _Compiled:
    source: str  # FROM … (with the FTS join when there is text)
    where: list[str]
    params: list[Any]
    ranked: bool

    def sql(self) -> str:
        return f"{self.source} WHERE {' AND '.join(self.where) or '1'}"


def run_search(
    conn: sqlite3.Connection, query: SearchQuery, day_start: Callable[[date], str]
) -> SearchResult:
    """Run ``query`` on an open store connection; ``day_start`` maps a local day to its first UTC moment."""
    spec = check_query(query)
    parsed = parse(query.text)
    compiled = _compile(spec, query, parsed, day_start)
    total = conn.execute(f"SELECT count(*) {compiled.sql()}", compiled.params).fetchone()[0]
    hits, after = _hits(conn, spec, query, compiled, parsed)
    facets = _facets(conn, spec, compiled, query.facet_size) if query.facets else {}
    return SearchResult(total=total, hits=hits, facets=facets, next_search_after=after)


def check_query(query: SearchQuery) -> _Spec:
    """The spec of the query's document type, after checking its size, page and filters (both backends)."""
    spec = SPECS.get(query.doc_type)
    if spec is None:
        raise ConfigError(f"type {query.doc_type!r}: use commitment, statement or article")
    if not 1 <= query.size <= MAX_PAGE_SIZE or query.page < 1:
        raise ConfigError(f"page {query.page} of size {query.size}: size is 1–{MAX_PAGE_SIZE}, page from 1")
    used = {
        "speaker": query.speaker,
        "organisation": query.organisation,
        "place": query.place,
        "source": query.source,
        "polarity": query.polarity,
        "status": query.status,
        "published": query.published_from or query.published_to,
        "deadline": query.deadline_from or query.deadline_to,
    }
    wrong = sorted(name for name, value in used.items() if value and name not in spec.filters)
    if wrong:
        raise ConfigError(f"filter {', '.join(wrong)} does not apply to {query.doc_type} results")
    return spec


def _compile(
    spec: _Spec, query: SearchQuery, parsed: ParsedQuery, day_start: Callable[[date], str]
) -> _Compiled:
    positive, negative = to_fts5(parsed)
    if positive:
        positive += _filter_terms(spec, query)
        match = f"({positive}) NOT ({negative})" if negative else positive
        # CROSS JOIN keeps the FTS table outermost: otherwise the planner may walk an index of the
        # filters and run the MATCH once per row.
        out = _Compiled(
            f"FROM {spec.fts} f CROSS JOIN {spec.table} c ON c.rowid = f.rowid",
            [f"{spec.fts} MATCH ?"],
            [match],
            True,
        )
    else:
        out = _Compiled(f"FROM {spec.table} c", [], [], False)
        if negative:
            out.where.append(f"c.rowid NOT IN (SELECT rowid FROM {spec.fts} WHERE {spec.fts} MATCH ?)")
            out.params.append(negative)
    _add_filters(out, spec, query, day_start)
    return out


def _filter_terms(spec: _Spec, query: SearchQuery) -> str:
    """Source/polarity filters as FTS terms too (see ``filter_token``); the column filters stay, exact."""
    terms = ""
    if query.source:
        terms += f' AND "{filter_token("s", query.source)}"'
    if query.polarity and spec.table == "commitments":
        terms += f' AND "{filter_token("p", query.polarity)}"'
    return terms


def _add_filters(out: _Compiled, spec: _Spec, q: SearchQuery, day_start: Callable[[date], str]) -> None:
    def add(sql: str, *params: Any) -> None:
        out.where.append(sql)
        out.params.extend(params)

    if q.speaker:
        key = analysis.analyze(q.speaker)
        pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        add("(c.speaker_id = ? OR (? != '' AND c.speaker_key LIKE ? ESCAPE '\\'))", q.speaker, key, pattern)
    for name, label in _ENTITY_LABELS.items():
        value = getattr(q, name)
        if value:
            add(
                f"c.{spec.article_col} IN (SELECT article_id FROM entities WHERE label = ? "
                "AND (key = ? OR canonical_id = ?))",
                label,
                analysis.analyze(value),
                value,
            )
    for name in ("source", "polarity", "status"):
        value = getattr(q, name)
        if value:
            add(f"c.{name} = ?", value)
    if q.published_from:
        add("c.event_time >= ?", day_start(q.published_from))
    if q.published_to:
        add("c.event_time < ?", day_start(q.published_to + timedelta(days=1)))
    if q.deadline_from:
        add("c.deadline_day >= ?", q.deadline_from.isoformat())
    if q.deadline_to:
        add("c.deadline_day <= ?", q.deadline_to.isoformat())


def _order(spec: _Spec, query: SearchQuery, compiled: _Compiled) -> tuple[str, bool]:
    """``(sort key expression, ascending)``; rowid breaks ties in the same direction."""
    if query.sort == "deadline" and spec.table == "commitments":
        return "coalesce(c.deadline_day, '9999-12-31')", True
    if query.sort == "relevance" and compiled.ranked:
        return "f.rank", True
    return "c.event_time", False


def _hits(
    conn: sqlite3.Connection, spec: _Spec, query: SearchQuery, compiled: _Compiled, parsed: ParsedQuery
) -> tuple[list[Hit], list[Any] | None]:
    key, ascending = _order(spec, query, compiled)
    direction = "ASC" if ascending else "DESC"
    where, params = list(compiled.where), list(compiled.params)
    offset = (query.page - 1) * query.size
    if query.search_after:
        if len(query.search_after) != 2:
            raise ConfigError("search_after is the [sort value, row] pair a previous page returned")
        where.append(f"({key}, c.rowid) {'>' if ascending else '<'} (?, ?)")
        params.extend(query.search_after)
        offset = 0
    score = "-f.rank" if compiled.ranked else "0.0"
    sql = (
        f"SELECT c.rowid AS rid, {spec.columns}, {key} AS sort_key, {score} AS score "
        f"{compiled.source} WHERE {' AND '.join(where) or '1'} "
        f"ORDER BY {key} {direction}, c.rowid {direction} LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*params, query.size + 1, offset]).fetchall()
    more = len(rows) > query.size
    rows = rows[: query.size]
    tokens = parsed.positive_tokens()
    hits = [_hit(query.doc_type, row, tokens) for row in rows]
    after = [rows[-1]["sort_key"], rows[-1]["rid"]] if more and rows else None
    return hits, after


def _hit(doc_type: Any, row: sqlite3.Row, tokens: set[str]) -> Hit:
    doc = json.loads(row["json"])
    if doc_type == "commitment":
        doc["status"] = row["status"]
        doc["first_seen"] = row["first_seen"].replace(" ", "T") + "+00:00"
        text = doc.get("evidence", "")
    elif doc_type == "statement":
        text = doc.get("quote", "")
    else:
        doc.pop("raw_text", None)
        text = doc.get("text", "") or doc.get("title", "")
    return Hit(
        id=doc["id"],
        doc_type=doc_type,
        score=round(float(row["score"] or 0.0), 4),
        doc=doc,
        highlight=highlight(text, tokens, limit=SNIPPET_CHARS),
    )


def _facets(
    conn: sqlite3.Connection, spec: _Spec, compiled: _Compiled, size: int
) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name in spec.facets:
        if name in _ENTITY_LABELS:
            sql = (
                f"SELECT max(e.display) AS v, count(*) AS n {compiled.source} "
                f"JOIN entities e ON e.article_id = c.{spec.article_col} AND e.label = ? "
                f"WHERE {' AND '.join(compiled.where) or '1'} GROUP BY e.key ORDER BY n DESC, v LIMIT ?"
            )
            params = [_ENTITY_LABELS[name], *compiled.params, size]
        else:
            col = _FACET_COLUMNS[name]
            sql = (
                f"SELECT {col} AS v, count(*) AS n {compiled.source} "
                f"WHERE {' AND '.join([*compiled.where, f'{col} IS NOT NULL', f'{col} != ?'])} "
                f"GROUP BY {col} ORDER BY n DESC, v LIMIT ?"
            )
            params = [*compiled.params, "", size]
        out[name] = [(r["v"], r["n"]) for r in conn.execute(sql, params).fetchall()]
    return out
