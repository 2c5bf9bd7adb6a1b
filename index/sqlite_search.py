"""Search on the SQLite store: the matching set is computed once per search, then hits, total and facets.

A ``SearchQuery`` compiles to one FROM/WHERE (``_compile``): the FTS5 expression from ``index.query``
when there is text (with source/polarity filters added as FTS terms, see ``filter_token``), and the
filters as columns of the narrow ``commitments``/``statements``/``articles`` rows. That set is written
once into a temporary table holding, per match, its sort key and the facet columns; the total, the page
of hits and every facet are then read from that table instead of re-running the match for each (the
first version ran its FTS match eight times per search). Only a query with neither text nor filters
reads the tables directly. Highlighting is done in Python on the original text (FTS5's ``highlight()``
would mark the analysed text, which is not what people read).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from goftar.errors import ConfigError
from index import analysis
from index.base import Hit, SearchQuery, SearchResult
from index.query import ParsedQuery, highlight, parse, to_fts5
from index.sqlite_docs import (
    COMMITMENT_COLUMNS,
    COMMITMENT_FROM,
    STATEMENT_COLUMNS,
    STATEMENT_FROM,
    article_doc_from_row,
    commitment_from_row,
    statement_from_row,
)
from index.sqlite_write import filter_token

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 1000
MAX_FACET_SIZE = 100  # values per facet: the response stays small whatever the matching set
SNIPPET_CHARS = 320
MATCH_TABLE = "temp.search_match"
# The facet columns the match table carries (NULL where a document type lacks one).
_MATCH_COLUMNS = ("speaker_display", "source", "polarity", "status")
_MATCH_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {MATCH_TABLE} (rid INTEGER PRIMARY KEY, k, article_id TEXT, "
    + ", ".join(f"{c} TEXT" for c in _MATCH_COLUMNS)
    + ")"
)


@dataclass(frozen=True)
class _Spec:
    table: str
    fts: str
    article_col: str  # the column holding the article id
    hit_columns: str  # what a hit needs, read by rowid for the page of hits only
    hit_from: str  # ``c`` is the document type's table
    facets: tuple[str, ...]
    facet_columns: tuple[str, ...]  # of _MATCH_COLUMNS, those the table has
    filters: frozenset[str]


_COMMON = frozenset({"speaker", "organisation", "place", "source", "published"})
SPECS: dict[str, _Spec] = {
    "commitment": _Spec(
        "commitments",
        "commitment_fts",
        "article_id",
        COMMITMENT_COLUMNS,
        COMMITMENT_FROM,
        ("speaker", "source", "polarity", "status", "organisation", "place"),
        ("speaker_display", "source", "polarity", "status"),
        _COMMON | {"polarity", "status", "deadline"},
    ),
    "statement": _Spec(
        "statements",
        "statement_fts",
        "article_id",
        STATEMENT_COLUMNS,
        STATEMENT_FROM,
        ("speaker", "source", "organisation", "place"),
        ("speaker_display", "source"),
        _COMMON,
    ),
    "article": _Spec(
        "articles",
        "article_fts",
        "id",
        "c.json",
        "articles c",
        ("source", "organisation", "place"),
        ("source",),
        _COMMON - {"speaker"},
    ),
}
_FACET_COLUMNS = {
    "speaker": "speaker_display",
    "source": "source",
    "polarity": "polarity",
    "status": "status",
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
    """Run ``query`` on an open store connection; ``day_start`` maps a local day to its first UTC moment.

    The statements run in one read transaction, so total, hits and facets describe the same snapshot.
    """
    spec = check_query(query)
    parsed = parse(query.text)
    compiled = _compile(spec, query, parsed, day_start)
    key, ascending = _order(spec, query, compiled)
    conn.execute("BEGIN")
    try:
        if compiled.where:
            rel = _fill_match_table(conn, spec, query, compiled, key)
            total = conn.execute(f"SELECT count(*) FROM {MATCH_TABLE}").fetchone()[0]
        else:  # everything matches: read the table itself rather than copying it
            rel = _Relation(f"{spec.table} c", "c.rowid", key, f"c.{spec.article_col}", spec.facet_columns)
            total = conn.execute(f"SELECT count(*) FROM {spec.table}").fetchone()[0]
        hits, after = _hits(conn, spec, query, rel, ascending, parsed)
        facets = _facets(conn, spec, rel, query.facet_size) if query.facets and total else {}
    except BaseException:
        # An interrupted statement (time budget) may already have ended the transaction.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    if query.facets and not facets:
        facets = {name: [] for name in spec.facets}
    return SearchResult(total=total, hits=hits, facets=facets, next_search_after=after)


def check_query(query: SearchQuery) -> _Spec:
    """The spec of the query's document type, after checking its size, page and filters (both backends)."""
    spec = SPECS.get(query.doc_type)
    if spec is None:
        raise ConfigError(f"type {query.doc_type!r}: use commitment, statement or article")
    if not 1 <= query.size <= MAX_PAGE_SIZE or query.page < 1:
        raise ConfigError(f"page {query.page} of size {query.size}: size is 1–{MAX_PAGE_SIZE}, page from 1")
    if query.facets and not 1 <= query.facet_size <= MAX_FACET_SIZE:
        raise ConfigError(f"facet size {query.facet_size}: use 1–{MAX_FACET_SIZE} values per facet")
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


@dataclass(frozen=True)
class _Relation:
    """Where the matching set is read from: the match table, or a whole table when nothing filters."""

    source: str
    rowid: str
    key: str  # the sort key expression
    article_id: str
    columns: tuple[str, ...]  # facet columns available

    def column(self, name: str) -> str:
        return name if self.source == MATCH_TABLE else f"c.{name}"


def _fill_match_table(
    conn: sqlite3.Connection, spec: _Spec, query: SearchQuery, compiled: _Compiled, key: str
) -> _Relation:
    """Write the matching set (rowid, sort key, facet columns) into the temporary match table."""
    conn.execute(_MATCH_SCHEMA)
    conn.execute(f"DELETE FROM {MATCH_TABLE}")
    columns = spec.facet_columns if query.facets else ()
    names = ", ".join(["rid", "k", "article_id", *columns])
    values = ", ".join(["c.rowid", key, f"c.{spec.article_col}", *(f"c.{c}" for c in columns)])
    if compiled.ranked and not query.facets and compiled.where == [f"{spec.fts} MATCH ?"] and key == "f.rank":
        # Text only, ranked, no facets: the FTS table alone answers; no row of the table is read.
        sql = (
            f"INSERT INTO {MATCH_TABLE} (rid, k) SELECT f.rowid, f.rank FROM {spec.fts} f "
            f"WHERE {spec.fts} MATCH ?"
        )
    else:
        sql = f"INSERT INTO {MATCH_TABLE} ({names}) SELECT {values} {compiled.sql()}"
    conn.execute(sql, compiled.params)
    return _Relation(MATCH_TABLE, "rid", "k", "article_id", columns)


def _order(spec: _Spec, query: SearchQuery, compiled: _Compiled) -> tuple[str, bool]:
    """``(sort key expression, ascending)``; rowid breaks ties in the same direction."""
    if query.sort == "deadline" and spec.table == "commitments":
        return "coalesce(c.deadline_day, '9999-12-31')", True
    if query.sort == "relevance" and compiled.ranked:
        return "f.rank", True
    return "c.event_time", False


def _hits(
    conn: sqlite3.Connection,
    spec: _Spec,
    query: SearchQuery,
    rel: _Relation,
    ascending: bool,
    parsed: ParsedQuery,
) -> tuple[list[Hit], list[Any] | None]:
    """The page of hits: rowids and sort keys from the matching set, then documents for those only."""
    direction = "ASC" if ascending else "DESC"
    where: list[str] = []
    params: list[Any] = []
    offset = (query.page - 1) * query.size
    if query.search_after:
        if len(query.search_after) != 2:
            raise ConfigError("search_after is the [sort value, row] pair a previous page returned")
        where.append(f"({rel.key}, {rel.rowid}) {'>' if ascending else '<'} (?, ?)")
        params.extend(query.search_after)
        offset = 0
    page = conn.execute(
        f"SELECT {rel.rowid}, {rel.key} FROM {rel.source} WHERE {' AND '.join(where) or '1'} "
        f"ORDER BY {rel.key} {direction}, {rel.rowid} {direction} LIMIT ? OFFSET ?",
        [*params, query.size + 1, offset],
    ).fetchall()
    more = len(page) > query.size
    page = page[: query.size]
    if not page:
        return [], None
    marks = ",".join("?" * len(page))
    docs = {
        row[0]: row
        for row in conn.execute(
            f"SELECT c.rowid, {spec.hit_columns} FROM {spec.hit_from} WHERE c.rowid IN ({marks})",
            [r[0] for r in page],
        )
    }
    tokens = parsed.positive_tokens()
    ranked = rel.key == "k" and query.sort == "relevance" and parsed.groups
    hits = [
        _hit(query.doc_type, docs[rid], -float(k) if ranked and k is not None else 0.0, tokens)
        for rid, k in page
        if rid in docs
    ]
    after = [page[-1][1], page[-1][0]] if more else None
    return hits, after


def _hit(doc_type: Any, row: sqlite3.Row, score: float, tokens: set[str]) -> Hit:
    if doc_type == "commitment":
        doc = commitment_from_row(row["json"], row["status"], row["first_seen"], row["ref"])
        text = doc.get("evidence", "")
    elif doc_type == "statement":
        doc = statement_from_row(row["json"], row["ref"])
        text = doc.get("quote", "")
    else:
        doc = article_doc_from_row(row["json"])
        text = doc.get("text", "") or doc.get("title", "")
    return Hit(
        id=doc["id"],
        doc_type=doc_type,
        score=round(score, 4),
        doc=doc,
        highlight=highlight(text, tokens, limit=SNIPPET_CHARS),
    )


def _facets(
    conn: sqlite3.Connection, spec: _Spec, rel: _Relation, size: int
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value over the matching set: one pass for the columns, one for the entities."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in spec.facets}
    for name, column in _FACET_COLUMNS.items():
        # One GROUP BY per column: sorting on one short key each is twice as fast as one pass
        # grouping by all four (whose combinations are nearly as many as the rows).
        if column in rel.columns and name in counts:
            sql = f"SELECT {rel.column(column)}, count(*) FROM {rel.source} GROUP BY 1"
            counts[name].update({value: n for value, n in conn.execute(sql) if value})
    out = {name: _top(counts[name], size) for name in spec.facets if name not in _ENTITY_LABELS}
    out.update(_entity_facets(conn, rel, size))
    return {name: out[name] for name in spec.facets}


def _entity_facets(conn: sqlite3.Connection, rel: _Relation, size: int) -> dict[str, list[tuple[str, int]]]:
    """Organisations and places of the matches' articles, each counted once per matching document."""
    labels = {label: name for name, label in _ENTITY_LABELS.items()}
    sql = (
        "SELECT e.label, e.key, max(e.display), sum(x.n) FROM "
        f"(SELECT {rel.article_id} AS article_id, count(*) AS n FROM {rel.source} GROUP BY 1) x "
        f"JOIN entities e ON e.article_id = x.article_id AND e.label IN ({','.join('?' * len(labels))}) "
        "GROUP BY e.label, e.key"
    )
    found: dict[str, list[tuple[str, int]]] = {name: [] for name in labels.values()}
    for label, _key, display, n in conn.execute(sql, list(labels)):
        found[labels[label]].append((display, n))
    return {name: sorted(items, key=lambda item: (-item[1], item[0]))[:size] for name, items in found.items()}


def _top(counter: Counter[str], size: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:size]
