"""Search on the SQLite store: the matching set is computed once per search, then hits, total and facets.

A ``SearchQuery`` compiles to one FROM/WHERE (``_compile``): the FTS5 expression from ``index.query``
when there is text (with the source filter as a rowid range of FTS5 for commitments, see
``sqlite_write.source_block``, and as an FTS term for the others, see ``filter_token``), and the
filters as columns of the narrow ``commitments``/``statements``/``articles`` rows. The matching set's
rowids and sort keys are written once into a temporary table; the total and the first ``WINDOW`` ids in
result order are read from it, and the facets in one aggregate read of the facet columns of every
match, or of a fixed pseudo-random sample of ``FACET_SAMPLE`` matches when there are more (estimates,
flagged ``facets_approximate``). A query with neither text nor filters reads the tables directly.
With the store's ``ResultCache`` (``index.sqlite_cache``) all this is kept per query and store
generation, and a repeated query only reads its page of documents. Highlighting is done in Python on
the original text (FTS5's ``highlight()`` would mark the analysed text, which is not what people read).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from goftar.errors import ConfigError
from index import analysis
from index.base import ENTITY_FILTERS, Hit, SearchQuery, SearchResult
from index.query import ParsedQuery, exact_value, highlight, parse, to_fts5
from index.sqlite_cache import WINDOW, CachedResult, ResultCache, cache_key
from index.sqlite_docs import (
    COMMITMENT_COLUMNS,
    COMMITMENT_FROM,
    STATEMENT_COLUMNS,
    STATEMENT_FROM,
    article_doc_from_row,
    commitment_from_row,
    statement_from_row,
)
from index.sqlite_write import FACET_OF, block_range, filter_token

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 1000
MAX_FACET_SIZE = 100  # values per facet: the response stays small whatever the matching set
SNIPPET_CHARS = 320
FACET_SAMPLE = 10_000  # matches whose facets are counted exactly; larger sets are sampled
MATCH_TABLE = "temp.search_match"
# The matching set: rowid, sort key and, when the fill reads the documents' rows anyway (filters), their
# facet columns f0… and entity refs, so that the facets are counted without reading each row again.
_MATCH_SCHEMA = f"CREATE TABLE IF NOT EXISTS {MATCH_TABLE} (rid INTEGER PRIMARY KEY, k, f0, f1, f2, f3, refs)"
# A multiplicative hash of a rowid: sampling on it does not follow the order rows were written in
# (an article's commitments have consecutive rowids). A commitment's rowid is its source's block above
# 2**32 and a number within it (``sqlite_write.BLOCK_BITS``): both are mixed in, each kept small enough
# that the product stays within 64-bit integers (SQLite turns an overflowing product into a float).
_HASH = "(((({0} & 2147483647) + ({0} >> 32) * 7919) * 2654435761) & 4294967295)"
# A row is sampled when its hash is in the lowest 1/step of the range: the high bits of a multiplicative
# hash are mixed, its low bits are not (``hash % step`` kept every step-th rowid when step was a power
# of two, so a polarity that alternated within articles was counted as all or nothing).
_SAMPLED = "{hash} < " + str(1 << 32) + " / {step}"
# The source filter of a commitment search with text (see ``sqlite_write.source_block``).
_ROWID_RANGE = "f.rowid BETWEEN ? AND ?"


@dataclass(frozen=True)
class _Spec:
    table: str
    fts: str
    article_col: str  # the column holding the article's rowid
    hit_columns: str  # what a hit needs, read by rowid for the page of hits only
    hit_from: str  # ``c`` is the document type's table
    facets: tuple[str, ...]
    filters: frozenset[str]
    source_blocks: bool = False  # rowids in blocks per source (commitments: ``sqlite_write.source_block``)


_COMMON = frozenset({"speaker", "organisation", "place", "source", "published"})
SPECS: dict[str, _Spec] = {
    "commitment": _Spec(
        "commitments",
        "commitment_fts",
        "article_rowid",
        COMMITMENT_COLUMNS,
        COMMITMENT_FROM,
        ("speaker", "source", "polarity", "status", "organisation", "place"),
        _COMMON | {"polarity", "status", "deadline"},
        source_blocks=True,
    ),
    "statement": _Spec(
        "statements",
        "statement_fts",
        "article_rowid",
        STATEMENT_COLUMNS,
        STATEMENT_FROM,
        ("speaker", "source", "organisation", "place"),
        _COMMON,
    ),
    "article": _Spec(
        "articles",
        "article_fts",
        "rowid",
        "c.json",
        "articles c",
        ("source", "organisation", "place"),
        _COMMON - {"speaker"},
    ),
}
_FACET_COLUMNS = {
    "speaker": "speaker_display",
    "source": "source",
    "polarity": "polarity",
    "status": "status",
}


@dataclass
class _Compiled:
    source: str  # FROM … (with the FTS join when there is text)
    where: list[str]
    params: list[Any]
    ranked: bool

    def sql(self) -> str:
        return f"{self.source} WHERE {' AND '.join(self.where) or '1'}"


def run_search(
    conn: sqlite3.Connection,
    query: SearchQuery,
    day_start: Callable[[date], str],
    cache: ResultCache | None = None,
    admit: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> SearchResult:
    """Run ``query`` on an open store connection; ``day_start`` maps a local day to its first UTC moment.

    The statements run in one read transaction, so total, hits and facets describe the same snapshot.
    With ``cache``, a query whose matching set was computed at the same store generation reads only its
    page of documents (see ``index.sqlite_cache``); computing a matching set runs inside ``admit()``
    (the store's bound on searches running at once).
    """
    spec = check_query(query)
    parsed = parse(query.text)
    ckey = cache_key(query, parsed)
    conn.execute("BEGIN")
    try:
        generation = _generation(conn) if cache is not None else None
        entry = cache.get(ckey, generation) if cache is not None and generation is not None else None
        page = _page_from(entry, query) if entry is not None else None
        windowed = page is not None
        if entry is None or page is None:
            known = entry
            with admit():
                entry, page, windowed = _compute(conn, spec, query, parsed, day_start, known, generation or 0)
            if cache is not None and generation is not None and entry is not known:
                cache.put(ckey, entry)
        # Hits are kept with the entry for the window's rows only (deep pages would grow it unbounded).
        hits, after = _hits(conn, spec, query, page, parsed, entry.hits if windowed else {})
    except BaseException:
        # An interrupted statement (time budget) may already have ended the transaction.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    facets = entry.facets or {}
    if query.facets and not facets:
        facets = {name: [] for name in spec.facets}
    return SearchResult(
        total=entry.total,
        hits=hits,
        facets=facets,
        next_search_after=after,
        facets_approximate=entry.facets_approximate and query.facets,
    )


def search_cache_key(query: SearchQuery) -> tuple[Any, ...]:
    """The result-cache key of a query (raises ``ConfigError`` for a query that cannot be parsed)."""
    return cache_key(query, parse(query.text))


def _generation(conn: sqlite3.Connection) -> int | None:
    """The store's write generation as this transaction sees it (``None`` on a store without one)."""
    try:
        row = conn.execute("SELECT generation FROM store_meta").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else None


def _page_from(entry: CachedResult, query: SearchQuery) -> list[tuple[int, Any]] | None:
    """The page (one row more than asked, to know if more follow) from a cached window, if it holds it."""
    if query.search_after:
        return None
    start = (query.page - 1) * query.size
    stop = start + query.size + 1
    if stop <= len(entry.window) or entry.complete:
        return entry.window[start:stop]
    return None


def _compute(
    conn: sqlite3.Connection,
    spec: _Spec,
    query: SearchQuery,
    parsed: ParsedQuery,
    day_start: Callable[[date], str],
    known: CachedResult | None,
    generation: int,
) -> tuple[CachedResult, list[tuple[int, Any]], bool]:
    """Find the matching set: total, facets (unless ``known`` has them), the window and the page.

    Returns the entry (``known`` itself when only a page beyond its window was read), the page and
    whether the page came from the entry's window.
    """
    compiled = _compile(spec, query, parsed, day_start, _source_rows(conn, spec, query))
    key, ascending = _order(spec, query, compiled)
    if compiled.where:
        rel = _fill_match_table(conn, spec, query, compiled, key)
        total = conn.execute(f"SELECT count(*) FROM {MATCH_TABLE}").fetchone()[0]
    else:  # everything matches: read the table itself rather than copying it
        rel = _Relation(f"{spec.table} c", "c.rowid", key)
        total = conn.execute(f"SELECT count(*) FROM {spec.table}").fetchone()[0]
    offset = (query.page - 1) * query.size
    window: list[tuple[int, Any]] = []
    windowed = not query.search_after and offset + query.size + 1 <= WINDOW
    if windowed:
        window = _ordered(conn, rel, ascending, WINDOW, 0, None)
        page = window[offset : offset + query.size + 1]
    else:
        page = _ordered(conn, rel, ascending, query.size + 1, offset, query.search_after)
    if known is not None and known.facets is not None:
        facets, approximate = known.facets, known.facets_approximate
    elif query.facets and total:
        facets, approximate = _facets(conn, spec, rel, total, query.facet_size, _fixed(query))
    else:
        facets, approximate = None, False
    if known is not None and not windowed:
        return known, page, False
    entry = CachedResult(generation, total, facets, approximate, window, windowed and len(window) < WINDOW)
    return entry, page, windowed


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


def _source_rows(conn: sqlite3.Connection, spec: _Spec, query: SearchQuery) -> tuple[int, int] | None:
    """The rowid range of the source filter's block, for a type that has blocks (empty if it has none)."""
    if not (spec.source_blocks and query.source):
        return None
    row = conn.execute("SELECT block FROM source_blocks WHERE source = ?", (query.source,)).fetchone()
    return block_range(row[0]) if row else (1, 0)


def _compile(
    spec: _Spec,
    query: SearchQuery,
    parsed: ParsedQuery,
    day_start: Callable[[date], str],
    source_rows: tuple[int, int] | None,
) -> _Compiled:
    """The query as FROM/WHERE; ``source_rows``: the source filter's rowid range (``_source_rows``)."""
    positive, negative = to_fts5(parsed)
    if positive:
        if source_rows is None:
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
    _add_filters(out, spec, query, day_start, source_rows if out.ranked else None)
    return out


def _filter_terms(spec: _Spec, query: SearchQuery) -> str:
    """The source filter as an FTS term too (see ``filter_token``); the column filter stays, exact.

    Only a selective filter pays as a term: FTS5's bm25 reads the whole posting list of every term of
    the query to weigh it, and a polarity's list holds half the store (50 ms at a million commitments,
    more than checking the polarity column of the word's matches).
    """
    return f' AND "{filter_token("s", query.source)}"' if query.source else ""


def _add_filters(
    out: _Compiled,
    spec: _Spec,
    q: SearchQuery,
    day_start: Callable[[date], str],
    source_rows: tuple[int, int] | None,
) -> None:
    def add(sql: str, *params: Any) -> None:
        out.where.append(sql)
        out.params.extend(params)

    exact = exact_value(q.speaker) if q.speaker else None
    if exact:
        add("c.speaker_display = ?", exact)
    elif q.speaker:
        keys = [key for key in analysis.key_spellings(q.speaker) if key]
        # Whole words, as Elasticsearch's match_phrase on the speaker's terms: «رضا» is not in «علیرضا».
        likes = " OR ".join(["' ' || c.speaker_key || ' ' LIKE ? ESCAPE '\\'"] * len(keys)) or "0"
        add(f"(c.speaker_id = ? OR {likes})", q.speaker, *(f"% {_like_escaped(key)} %" for key in keys))
    for name, labels in ENTITY_FILTERS.items():
        value = getattr(q, name)
        if value:
            keys = analysis.key_spellings(value)
            add(
                f"c.{spec.article_col} IN (SELECT article_rowid FROM entities WHERE label IN "
                f"({','.join('?' * len(labels))}) AND (key IN ({','.join('?' * len(keys))}) "
                "OR canonical_id = ?))",
                *labels,
                *keys,
                value,
            )
    if source_rows is not None:
        add(_ROWID_RANGE, *source_rows)  # exact: a block holds one source's rows
    elif q.source:
        add("c.source = ?", q.source)
    for name in ("polarity", "status"):
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
    if q.ids is not None:
        add("c.id IN (SELECT value FROM json_each(?))", json.dumps(list(q.ids)))


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class _Relation:
    """Where the matching set is read from: the match table, or a whole table when nothing filters."""

    source: str
    rowid: str
    key: str  # the sort key expression
    carried: tuple[str, ...] = ()  # facets whose columns the match table holds, in order (f0, f1, …)


def _fill_match_table(
    conn: sqlite3.Connection, spec: _Spec, query: SearchQuery, compiled: _Compiled, key: str
) -> _Relation:
    """Write the matching set (rowid and sort key) into the temporary match table."""
    conn.execute(_MATCH_SCHEMA)
    conn.execute(f"DELETE FROM {MATCH_TABLE}")
    fts_only = all(where in (f"{spec.fts} MATCH ?", _ROWID_RANGE) for where in compiled.where)
    carried: tuple[str, ...] = ()
    if compiled.ranked and fts_only and key == "f.rank":
        # Text (and a source's rowid range) only, ranked: the FTS table alone answers; no row is read.
        sql = (
            f"INSERT INTO {MATCH_TABLE} (rid, k) SELECT f.rowid, f.rank FROM {spec.fts} f "
            f"WHERE {' AND '.join(compiled.where)}"
        )
    else:
        # A text query with filters reads each match's row: its facet columns come along (a filtered
        # word query at a million commitments: facets 5.4 → 3.1 ms, the fill 0.9 ms more), where counting
        # them later would look every row up again. Only there: its matches arrive in rowid order, so the
        # match table is appended to (a deadline range's arrive in deadline order: copying 25,000 rows'
        # columns into the b-tree cost more than the lookups of the 10,000 its facets sample), and the
        # FTS-only path reads no row at all (a one-word query's facets sample 10,000 of 80,000 matches).
        carried = _facet_names(spec) if query.facets and compiled.ranked else ()
        columns = "".join(f", f{i}" for i in range(len(carried))) + (", refs" if carried else "")
        values = "".join(f", c.{_FACET_COLUMNS[name]}" for name in carried) + (
            ", c.facet_refs" if carried else ""
        )
        sql = f"INSERT INTO {MATCH_TABLE} (rid, k{columns}) SELECT c.rowid, {key}{values} {compiled.sql()}"
    conn.execute(sql, compiled.params)
    return _Relation(MATCH_TABLE, "rid", "k", carried)


def _facet_names(spec: _Spec) -> tuple[str, ...]:
    """The spec's facets that are columns of its table (the others come from ``facet_refs``)."""
    return tuple(name for name in spec.facets if name in _FACET_COLUMNS)


def _order(spec: _Spec, query: SearchQuery, compiled: _Compiled) -> tuple[str, bool]:
    """``(sort key expression, ascending)``; rowid breaks ties in the same direction."""
    if query.sort == "deadline" and spec.table == "commitments":
        return "coalesce(c.deadline_day, '9999-12-31')", True
    if query.sort == "relevance" and compiled.ranked:
        return "f.rank", True
    return "c.event_time", False


def _ordered(
    conn: sqlite3.Connection,
    rel: _Relation,
    ascending: bool,
    limit: int,
    offset: int,
    search_after: list[Any] | None,
) -> list[tuple[int, Any]]:
    """``(rowid, sort key)`` of matches in result order; rowid breaks ties in the same direction."""
    direction = "ASC" if ascending else "DESC"
    where: list[str] = []
    params: list[Any] = []
    if search_after:
        if len(search_after) != 2:
            raise ConfigError("search_after is the [sort value, row] pair a previous page returned")
        where.append(f"({rel.key}, {rel.rowid}) {'>' if ascending else '<'} (?, ?)")
        params.extend(search_after)
        offset = 0
    rows = conn.execute(
        f"SELECT {rel.rowid}, {rel.key} FROM {rel.source} WHERE {' AND '.join(where) or '1'} "
        f"ORDER BY {rel.key} {direction}, {rel.rowid} {direction} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def _hits(
    conn: sqlite3.Connection,
    spec: _Spec,
    query: SearchQuery,
    page: list[tuple[int, Any]],
    parsed: ParsedQuery,
    built: dict[int, Hit],
) -> tuple[list[Hit], list[Any] | None]:
    """The page's documents (``page`` holds one row more than asked when more follow).

    ``built`` holds the hits this query already built (its cache entry's): only the others are read
    and highlighted, and then added to it.
    """
    more = len(page) > query.size
    page = page[: query.size]
    if not page:
        return [], None
    missing = [rid for rid, _k in page if rid not in built]
    if missing:
        marks = ",".join("?" * len(missing))
        rows = conn.execute(
            f"SELECT c.rowid, {spec.hit_columns} FROM {spec.hit_from} WHERE c.rowid IN ({marks})", missing
        )
        tokens, phrases = parsed.marks()
        # Only a text query sorted by relevance has FTS5's rank as its key (lower is better).
        ranked = query.sort == "relevance" and bool(parsed.groups)
        keys = dict(page)
        for row in rows:
            k = keys[row[0]]
            score = -float(k) if ranked and k is not None else 0.0
            built[row[0]] = _hit(query.doc_type, row, score, tokens, phrases)
    hits = [built[rid] for rid, _k in page if rid in built]
    after = [page[-1][1], page[-1][0]] if more else None
    return hits, after


def _hit(
    doc_type: Any, row: sqlite3.Row, score: float, tokens: set[str], phrases: set[tuple[str, ...]]
) -> Hit:
    if doc_type == "commitment":
        doc = commitment_from_row(row["json"], row["status"], row["first_seen"], row["ref"], row["id"])
        text = doc.get("evidence", "")
    elif doc_type == "statement":
        doc = statement_from_row(row["json"], row["ref"], row["id"])
        text = doc.get("quote", "")
    else:
        doc = article_doc_from_row(row["json"])
        text = doc.get("text", "") or doc.get("title", "")
    return Hit(
        id=doc["id"],
        doc_type=doc_type,
        score=round(score, 4),
        doc=doc,
        highlight=highlight(text, tokens, limit=SNIPPET_CHARS, phrases=phrases),
    )


def _fixed(query: SearchQuery) -> dict[str, str]:
    """Facets whose one value the query fixes by an equality filter: their count is the total."""
    return {name: value for name in ("source", "polarity", "status") if (value := getattr(query, name))}


def _facets(
    conn: sqlite3.Connection,
    spec: _Spec,
    rel: _Relation,
    total: int,
    size: int,
    fixed: dict[str, str],
) -> tuple[dict[str, list[tuple[str, int]]], bool]:
    """Counts per facet value over the matching set, and whether they are estimates.

    Up to ``FACET_SAMPLE`` matches every match is counted. Beyond, a fixed pseudo-random sample of
    about that many (a hash of the rowid, so the same query samples the same rows) is counted and the
    counts scaled to the total: counting a million matches' facets takes seconds, and the ten largest
    values of a sample of ten thousand are within about a percent of the exact ones.

    One aggregate read of the (sampled) matches returns each facet column as a JSON array and the
    entity refs concatenated; Python counts them in C (``json.loads``, ``Counter``): about half the time
    of copying the sample to a temporary table and grouping each column there (a filtered word query at
    a million commitments: 47 → 37 ms of CPU in all).
    """
    step = max(1, -(-total // FACET_SAMPLE))
    names = [name for name in _facet_names(spec) if name not in fixed]
    if rel.carried:  # the match table holds the columns
        column = {name: f"f{i}" for i, name in enumerate(rel.carried)}
        table, refs_column, where = MATCH_TABLE, "refs", "1"
        if step > 1:
            where = _SAMPLED.format(hash=_HASH.format("rid"), step=step)
    else:
        column = {name: f"c.{_FACET_COLUMNS[name]}" for name in names}
        table, refs_column = f"{spec.table} c", "c.facet_refs"
        if rel.source == MATCH_TABLE:
            keep = "" if step == 1 else f" WHERE {_SAMPLED.format(hash=_HASH.format('rid'), step=step)}"
            where = f"c.rowid IN (SELECT rid FROM {MATCH_TABLE}{keep})"
        else:
            where = "1" if step == 1 else _SAMPLED.format(hash=_HASH.format("c.rowid"), step=step)
    arrays = "".join(f", json_group_array({column[name]})" for name in names)
    sql = f"SELECT count(*), group_concat({refs_column}, ' '){arrays} FROM {table} WHERE {where}"
    row = conn.execute(sql).fetchone()
    sampled, refs = row[0], row[1]
    scale = total / sampled if step > 1 and sampled else 1.0
    out = {
        name: _top(Counter(v for v in json.loads(values) if v), size)
        for name, values in zip(names, row[2:], strict=True)
    }
    out.update(_entity_facets(conn, refs, size))
    counts = {name: [(v, round(n * scale)) for v, n in out[name]] for name in out}
    counts.update({name: [(value, total)] for name, value in fixed.items() if name in spec.facets})
    return {name: counts[name] for name in spec.facets}, step > 1


def _entity_facets(conn: sqlite3.Connection, refs: str | None, size: int) -> dict[str, list[tuple[str, int]]]:
    """Organisations and places in the matches' concatenated ``facet_refs`` (ids of ``facet_values``),
    each counted once per document (an article's refs are on each of its rows: see
    ``index.sqlite_write.facet_refs``)."""
    # Split once and counted in C; each distinct value is then read once, however many documents name
    # it. (A GROUP BY on the refs was three times slower: SQLite sorted them; so was reading them row by
    # row into a Python loop.)
    named = Counter(refs.split()) if refs else Counter()
    found: dict[str, list[tuple[str, int]]] = {name: [] for name in ENTITY_FILTERS}
    if not named:
        return found
    rows = conn.execute(
        "SELECT id, label, key, display FROM facet_values WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(ref) for ref in named]),),
    )
    counts: Counter[tuple[str, str]] = Counter()
    display: dict[tuple[str, str], str] = {}
    for ref, label, key, shown in rows:
        if label not in FACET_OF:
            continue
        # By facet and key: a place tagged LOC in one article and FAC in another is one value.
        value = (FACET_OF[label], key)
        counts[value] += named[str(ref)]
        if shown > display.get(value, ""):  # the same display whatever the order of rows
            display[value] = shown
    for (name, key), n in counts.items():
        found[name].append((display[name, key], n))
    return {name: sorted(items, key=lambda item: (-item[1], item[0]))[:size] for name, items in found.items()}


def _top(counter: Counter[str], size: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:size]
