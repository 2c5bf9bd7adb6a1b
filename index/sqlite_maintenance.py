"""Weekly maintenance of the SQLite store: rebuild the full-text index, merge near-duplicate stories.

Both run on the store's write connection inside one transaction each: readers (their own WAL
connections) keep seeing the old index or the old stories until the commit, never a half-done state.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from goftar.model import Commitment, Speaker, stable_id
from index.sqlite_docs import article_from_row
from index.sqlite_write import (
    BLOCK_BITS,
    FACET_OF,
    FACET_VALUES_SCHEMA,
    SOURCE_BLOCKS_SCHEMA,
    article_body,
    commitment_body,
    entity_key,
    filter_token,
    pack,
    speaker_columns,
    statement_body,
    unpack,
)
from nlp.tracking import StoryItem, plan_merges, speaker_key

log = logging.getLogger(__name__)

FTS_TABLES = ("article_fts", "statement_fts", "commitment_fts")
CHUNK = 2000  # rows read per step: bounded memory at a million rows


def _chunks(conn: sqlite3.Connection, sql: str) -> Iterator[list[sqlite3.Row]]:
    """Rows of ``sql`` (which must select ``rowid`` first and take ``:after``/``:n``) in rowid order."""
    after = 0
    while True:
        rows = conn.execute(sql, {"after": after, "n": CHUNK}).fetchall()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def reindex(conn: sqlite3.Connection) -> dict[str, Any]:
    """Rebuild the three FTS tables from the stored documents with the current ``index.analysis``,
    and the matching keys that analysis makes (``rekey``).

    The caller holds a write transaction. The tables are dropped and created again (so a changed
    tokenizer setting applies too), filled from the documents, and merged into one b-tree each.
    A document that cannot be read is logged and counted, not raised.
    """
    started = time.perf_counter()
    rekey(conn)
    renumber_commitments(conn, fts=False)  # the FTS tables are filled below with the new rowids
    report: dict[str, Any] = {"articles": 0, "statements": 0, "commitments": 0, "failed": 0}
    for table in FTS_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(body, tokenize='ascii')")
    _fill(conn, "article_fts", "articles", report, _article_rows(conn))
    _fill(conn, "statement_fts", "statements", report, _statement_rows(conn))
    _fill(conn, "commitment_fts", "commitments", report, _commitment_rows(conn))
    for table in FTS_TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


def renumber_commitments(conn: sqlite3.Connection, fts: bool = True) -> None:
    """Commitment rowids numbered again from 1 within their source's block (``sqlite_write.source_block``):
    rows, documents and, with ``fts``, the full-text rows (their bodies lose the source term older
    versions indexed). The caller holds a write transaction; rows keep their order within a source."""
    conn.execute(SOURCE_BLOCKS_SCHEMA)
    conn.execute(
        "INSERT INTO source_blocks (source, block) SELECT source, "
        "(SELECT coalesce(max(block), 0) FROM source_blocks) + row_number() OVER (ORDER BY source) "
        "FROM (SELECT DISTINCT source FROM commitments "
        "WHERE source NOT IN (SELECT source FROM source_blocks))"
    )
    conn.execute("CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    conn.execute(
        f"INSERT INTO temp.renumbered SELECT c.rowid, (b.block << {BLOCK_BITS}) + row_number() "
        "OVER (PARTITION BY c.source ORDER BY c.rowid) FROM commitments c JOIN source_blocks b USING (source)"
    )
    sign = ""
    if conn.execute("SELECT 1 FROM temp.renumbered WHERE old >= ? LIMIT 1", (1 << BLOCK_BITS,)).fetchone():
        # Rowids already in blocks could collide with the new ones while rows move: negative first.
        sign = "-"
        for table in ("commitments", "commitment_docs"):
            conn.execute(f"UPDATE {table} SET rowid = -rowid")
    for table in ("commitments", "commitment_docs"):
        conn.execute(
            f"UPDATE {table} SET rowid = (SELECT new FROM temp.renumbered WHERE old = {sign}{table}.rowid)"
        )
    if fts:
        _renumber_fts(conn)
    conn.execute("DROP TABLE temp.renumbered")


def _renumber_fts(conn: sqlite3.Connection) -> None:
    """``commitment_fts`` again under the renumbered rowids, from its own stored bodies (re-analysing a
    million documents takes minutes; moving their terms, seconds)."""
    conn.create_function("goftar_unsourced", 2, _without_source_term, deterministic=True)
    conn.execute(
        "CREATE TEMP TABLE moved_bodies AS SELECT r.new AS rid, goftar_unsourced(f.body, c.source) AS body "
        "FROM commitment_fts f JOIN temp.renumbered r ON r.old = f.rowid "
        "JOIN commitments c ON c.rowid = r.new"
    )
    conn.execute("DROP TABLE commitment_fts")
    conn.execute("CREATE VIRTUAL TABLE commitment_fts USING fts5(body, tokenize='ascii')")
    conn.execute(
        "INSERT INTO commitment_fts (rowid, body) SELECT rid, body FROM temp.moved_bodies ORDER BY rid"
    )
    conn.execute("INSERT INTO commitment_fts(commitment_fts) VALUES ('optimize')")
    conn.execute("DROP TABLE temp.moved_bodies")


def _without_source_term(body: str, source: str) -> str:
    """A commitment body without the source term schema 9 and older put last (``filter_token``)."""
    term = " " + filter_token("s", source)
    return body[: -len(term)] if body.endswith(term) else body


def rekey(conn: sqlite3.Connection) -> None:
    """Entity and speaker keys, and the facet refs built from them, again with the current analysis:
    the organisation, place and speaker filters compare them with the analysed filter value."""
    conn.create_function("goftar_key", 1, entity_key, deterministic=True)
    conn.create_function("goftar_speaker_key", 1, _speaker_key_of, deterministic=True)
    # Keys are made again by grouping: two names an older analysis keyed apart may now share a key
    # («شهرداری تهران», «شهرداریهای تهران»), and an article holds one row per label and key.
    conn.execute(
        "CREATE TEMP TABLE rekeyed AS SELECT article_rowid, label, goftar_key(display) AS key, "
        "min(display) AS display, max(canonical_id) AS canonical_id, sum(mentions) AS mentions "
        "FROM entities WHERE goftar_key(display) != '' GROUP BY article_rowid, label, goftar_key(display)"
    )
    conn.execute("DELETE FROM entities")
    conn.execute("INSERT INTO entities SELECT * FROM temp.rekeyed ORDER BY article_rowid")
    conn.execute("DROP TABLE temp.rekeyed")
    # An unreadable document keeps the key it had (coalesce): reindex reports it when it reads the text.
    conn.execute("UPDATE statements SET speaker_key = coalesce(goftar_speaker_key(json), speaker_key)")
    conn.execute(
        "UPDATE commitments SET speaker_key = coalesce((SELECT goftar_speaker_key(d.json) "
        "FROM commitment_docs d WHERE d.rowid = commitments.rowid), speaker_key)"
    )
    rebuild_facet_refs(conn)


def rebuild_facet_refs(conn: sqlite3.Connection) -> None:
    """``facet_values`` and every row's ``facet_refs`` again from ``entities`` (the caller holds a write
    transaction): one item per article, facet and key, as ``sqlite_write.facet_items`` makes them."""
    facet = " ".join(f"WHEN '{label}' THEN '{name}'" for label, name in FACET_OF.items())
    labels = ",".join(f"'{label}'" for label in FACET_OF)
    conn.execute(FACET_VALUES_SCHEMA)
    conn.execute(
        "CREATE TEMP TABLE article_facets AS SELECT article_rowid, min(label) AS label, key, "
        f"min(display) AS display FROM entities WHERE label IN ({labels}) "
        f"GROUP BY article_rowid, CASE label {facet} END, key"
    )
    conn.execute("DELETE FROM facet_values")
    conn.execute(
        "INSERT INTO facet_values (label, key, display) "
        "SELECT DISTINCT label, key, display FROM temp.article_facets ORDER BY label, key, display"
    )
    conn.execute("CREATE TEMP TABLE article_refs (article_rowid INTEGER PRIMARY KEY, refs TEXT)")
    conn.execute(
        "INSERT INTO temp.article_refs SELECT f.article_rowid, group_concat(v.id, ' ') "
        "FROM temp.article_facets f JOIN facet_values v USING (label, key, display) GROUP BY f.article_rowid"
    )
    tables = (("articles", "rowid"), ("statements", "article_rowid"), ("commitments", "article_rowid"))
    for table, rowid in tables:
        conn.execute(
            f"UPDATE {table} SET facet_refs = "
            f"(SELECT refs FROM temp.article_refs WHERE article_rowid = {table}.{rowid})"
        )
    conn.execute("DROP TABLE temp.article_facets")
    conn.execute("DROP TABLE temp.article_refs")


def _speaker_key_of(doc: str | bytes) -> str | None:
    """The speaker key of a stored document; NULL (the filter finds it by id only) when it is unreadable."""
    try:
        speaker = unpack(doc).get("speaker")
        return speaker_columns(Speaker.model_validate(speaker))[0] if speaker else ""
    except (ValueError, TypeError, AttributeError, zlib.error) as exc:
        log.warning("rekey: a document's speaker is unreadable (%s)", exc)
        return None


def _fill(
    conn: sqlite3.Connection,
    table: str,
    kind: str,
    report: dict[str, Any],
    bodies: Iterator[tuple[int, str | None]],
) -> None:
    batch: list[tuple[int, str]] = []
    for rowid, body in bodies:
        if body is None:
            report["failed"] += 1
            continue
        batch.append((rowid, body))
        if len(batch) >= CHUNK:
            conn.executemany(f"INSERT INTO {table} (rowid, body) VALUES (?, ?)", batch)
            report[kind] += len(batch)
            batch.clear()
    conn.executemany(f"INSERT INTO {table} (rowid, body) VALUES (?, ?)", batch)
    report[kind] += len(batch)


def _article_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str | None]]:
    sql = "SELECT rowid, id, json FROM articles WHERE rowid > :after ORDER BY rowid LIMIT :n"
    return _bodies(conn, sql, "article", lambda row: article_body(article_from_row(row[2])))


def _statement_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str | None]]:
    sql = (
        "SELECT rowid, id, json, speaker_display, source FROM statements WHERE rowid > :after "
        "ORDER BY rowid LIMIT :n"
    )
    return _bodies(
        conn, sql, "statement", lambda row: statement_body(json.loads(row[2])["quote"], row[3], row[4])
    )


def _commitment_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str | None]]:
    sql = (
        "SELECT c.rowid, c.id, d.json, c.source FROM commitments c JOIN commitment_docs d "
        "ON d.rowid = c.rowid WHERE c.rowid > :after ORDER BY c.rowid LIMIT :n"
    )
    return _bodies(conn, sql, "commitment", lambda row: commitment_body(_commitment(row[2])))


def _commitment(value: str | bytes) -> Commitment:
    doc = unpack(value)
    # Stores from v1 kept the article ref, first_seen and the like inside the document: not model fields.
    return Commitment.model_validate({k: v for k, v in doc.items() if k in Commitment.model_fields})


def _bodies(
    conn: sqlite3.Connection, sql: str, kind: str, build: Callable[[sqlite3.Row], str]
) -> Iterator[tuple[int, str | None]]:
    """``(rowid, analysed body)`` per row of ``sql`` (rowid, id, …); None for a row that cannot be read."""
    for rows in _chunks(conn, sql):
        for row in rows:
            try:
                yield row[0], build(row)
            except (ValueError, TypeError, KeyError, AttributeError, zlib.error) as exc:
                log.warning("reindex: cannot analyse %s %s, left out of the index: %s", kind, row[1], exc)
                yield row[0], None


# ---------------------------------------------------------------- stories


def duplicate_map(conn: sqlite3.Connection) -> dict[str, str]:
    """Article id → the id of the first copy it duplicates (from ``Article.duplicate_of``)."""
    out: dict[str, str] = {}
    sql = "SELECT rowid, id, json FROM articles WHERE rowid > :after ORDER BY rowid LIMIT :n"
    for rows in _chunks(conn, sql):
        for row in rows:
            doc = _readable("article", row[1], row[2])
            original = doc.get("duplicate_of")
            if original:
                out[row[1]] = stable_id(original)  # Article.id is the stable id of the canonical URL
    return out


def story_items(conn: sqlite3.Connection) -> Iterator[StoryItem]:
    """Every stored commitment as ``nlp.tracking.StoryItem``."""
    sql = (
        "SELECT c.rowid, c.id, c.article_id, c.story_id, c.event_time, d.json FROM commitments c "
        "JOIN commitment_docs d ON d.rowid = c.rowid WHERE c.rowid > :after ORDER BY c.rowid LIMIT :n"
    )
    for rows in _chunks(conn, sql):
        for _rowid, ident, article_id, story, when, value in rows:
            doc = _readable("commitment", ident, value)
            yield StoryItem(
                id=ident,
                article_id=article_id,
                story_id=story,
                speaker=speaker_key(doc.get("speaker")),
                action=str(doc.get("action") or doc.get("evidence") or ""),
                time=when,
            )


def _readable(kind: str, ident: str, value: str | bytes) -> dict[str, Any]:
    """The stored document, or ``{}`` (logged) when it cannot be read: it then keeps its story."""
    try:
        doc = unpack(value)
    except (ValueError, zlib.error) as exc:
        log.warning("merge: cannot read %s %s: %s", kind, ident, exc)
        return {}
    return doc if isinstance(doc, dict) else {}


def merge_near_duplicates(conn: sqlite3.Connection) -> dict[str, int]:
    """Give one story id to commitments that tell one promise (see ``nlp.tracking.plan_merges``).

    The caller holds a write transaction. The story id is changed on the row (what
    ``commitment_history`` selects by) and inside the stored document (what hits show).
    """
    duplicates = duplicate_map(conn)
    plan = plan_merges(list(story_items(conn)), duplicates)
    changes = list(plan.changes.items())
    for start in range(0, len(changes), CHUNK):
        chunk = dict(changes[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT c.rowid, c.id, d.json FROM commitments c JOIN commitment_docs d ON d.rowid = c.rowid "
            f"WHERE c.id IN ({marks})",
            list(chunk),
        ).fetchall()
        conn.executemany(
            "UPDATE commitments SET story_id = ? WHERE rowid = ?", [(chunk[r[1]], r[0]) for r in rows]
        )
        conn.executemany(
            "UPDATE commitment_docs SET json = ? WHERE rowid = ?",
            [(_with_story(r[2], chunk[r[1]]), r[0]) for r in rows],
        )
    report = plan.report(len(duplicates))
    log.info("merged stories: %s", report)
    return report


def _with_story(value: str | bytes, story_id: str) -> bytes | str:
    """The stored document with its new story id (an unreadable one is left as it is)."""
    doc = _readable("commitment", "", value)
    if not doc:
        return value
    doc["story_id"] = story_id
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return pack(text) if isinstance(value, bytes) else text
