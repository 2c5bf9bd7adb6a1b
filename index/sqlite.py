"""The default store: one SQLite file (WAL) with FTS5 over text analysed in Python (``index.analysis``).

Layout: ``articles``, ``entities`` (one row per article × label × entity), ``statements``,
``commitments`` (the searchable columns beside the JSON document in ``commitment_docs``; rowids in a block
per source, ``source_blocks``, so that a source filter is a rowid range), ``facet_values``, ``crawl_health``,
and one FTS5 table per document type whose rowid is the row's rowid. The FTS5 tables use the ``ascii``
tokenizer on purpose: analysis already split the text into terms separated by spaces, and ``ascii`` treats
every non-ASCII character as part of a token, so Persian terms reach the index untouched.

Times are stored as UTC text (``YYYY-MM-DD HH:MM:SS``, sorts as it compares); "days" (daily counts,
published-range filters) are days in the store's time zone (``GOFTAR_TZ``, Asia/Tehran by default).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from goftar.errors import StoreError
from goftar.model import Article, CrawlHealth, Extraction
from index import sqlite_bulk, sqlite_maintenance
from index.base import (
    DEFAULT_SEARCH_BUDGET,
    IndexReport,
    OverdueSplit,
    SearchQuery,
    SearchResult,
    SearchTimeout,
)
from index.sqlite_cache import DEFAULT_ENTRIES, ResultCache
from index.sqlite_docs import (
    COMMITMENT_COLUMNS,
    COMMITMENT_FROM,
    article_doc_from_row,
    article_from_row,
    commitment_from_row,
    iso_utc,
)
from index.sqlite_search import run_search, search_cache_key
from index.sqlite_write import (
    FACET_VALUES_SCHEMA,
    SOURCE_BLOCKS_SCHEMA,
    WRITER_PRAGMAS,
    Batch,
    Prepared,
    finish,
    prepare,
    unpack,
    utc_text,
    write,
)
from nlp.tracking import DUE_DAYS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 10
ENTITY_LABELS_FOR_DIGEST = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRO")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    published TEXT,
    first_seen TEXT NOT NULL,
    event_time TEXT NOT NULL,
    event_day TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    ref TEXT,  -- what a commitment or statement hit shows of its article (compact JSON)
    facet_refs TEXT,  -- the article's organisations and places: ids in facet_values (sqlite_write.facet_refs)
    json BLOB NOT NULL  -- packed JSON (zstd, or raw deflate from v2–v4: see sqlite_write.pack); text from v1
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, event_time);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_first_seen ON articles(first_seen);
CREATE INDEX IF NOT EXISTS articles_event ON articles(event_time);

-- Children point at their article by its rowid, not its id: ids are hashes, so an index on them takes
-- each insert to a random page (a page written to the WAL per row at a million rows), while new
-- articles' rowids only grow and their index entries land on the last page.
CREATE TABLE IF NOT EXISTS entities (
    article_rowid INTEGER NOT NULL,
    label TEXT NOT NULL,
    key TEXT NOT NULL,
    display TEXT NOT NULL,
    canonical_id TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, label, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_label_key ON entities(label, key, article_rowid);
CREATE INDEX IF NOT EXISTS entities_label_cid ON entities(label, canonical_id);

CREATE TABLE IF NOT EXISTS statements (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    article_rowid INTEGER NOT NULL,
    source TEXT NOT NULL,
    event_time TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_display TEXT,
    speaker_id TEXT,
    json TEXT NOT NULL,
    facet_refs TEXT
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_rowid);
CREATE INDEX IF NOT EXISTS statements_event ON statements(event_time);

-- Only the indexes filters, sorts and digest queries need: each one costs time on every insert.
-- The row holds only what filters, sorts and facets read (~200 bytes): a search visiting thousands of
-- matches reads few pages. The document is in commitment_docs, read for the page of hits only.
CREATE TABLE IF NOT EXISTS commitments (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    article_rowid INTEGER NOT NULL,
    story_id TEXT,
    source TEXT NOT NULL,
    published TEXT,
    first_seen TEXT NOT NULL,
    event_time TEXT NOT NULL,
    event_day TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_display TEXT,
    speaker_id TEXT,
    polarity TEXT NOT NULL,
    status TEXT NOT NULL,
    deadline_day TEXT,
    deadline_start TEXT,
    facet_refs TEXT
);
CREATE TABLE IF NOT EXISTS commitment_docs (rowid INTEGER PRIMARY KEY, json BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS commitments_article ON commitments(article_rowid);
CREATE INDEX IF NOT EXISTS commitments_story ON commitments(story_id);
CREATE INDEX IF NOT EXISTS commitments_event ON commitments(event_time);
CREATE INDEX IF NOT EXISTS commitments_deadline ON commitments(deadline_day);
CREATE INDEX IF NOT EXISTS commitments_source ON commitments(source, event_time);

CREATE TABLE IF NOT EXISTS crawl_health (
    source TEXT NOT NULL,
    started TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (source, started)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS crawl_health_started ON crawl_health(started);

-- One row: bumped by every write transaction, so cached search results know when they are stale.
CREATE TABLE IF NOT EXISTS store_meta (one INTEGER PRIMARY KEY CHECK (one = 1), generation INTEGER NOT NULL);
INSERT OR IGNORE INTO store_meta (one, generation) VALUES (1, 0);

{FACET_VALUES_SCHEMA};
{SOURCE_BLOCKS_SCHEMA};

CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(body, tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS statement_fts USING fts5(body, tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS commitment_fts USING fts5(body, tokenize='ascii');
"""


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a store written by an older version to ``SCHEMA_VERSION`` (in place, one transaction)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'commitments'").fetchone():
        return  # a new store: the schema creates everything
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read inside the write transaction: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            # Opening it would set its version back to ours and let this version misread what it wrote.
            raise StoreError(
                f"this SQLite store was written by a newer version of Goftar (schema {version}; this one "
                f"reads up to {SCHEMA_VERSION}): upgrade Goftar, or set GOFTAR_HOME to another folder"
            )
        if version < 2:
            log.info("migrating the SQLite store to schema version 2")
            _migrate_v1_to_v2(conn)
        # v3 added store_meta (the write generation), created by the schema script: nothing to move.
        if version < 4:
            log.info("migrating the SQLite store to schema version 4 (facet columns: a minute per 1M rows)")
            _migrate_to_v4(conn)
        if version < 5:
            log.info("migrating the SQLite store to schema version 5 (article rowids on child rows)")
            _migrate_to_v5(conn)
        if version < 6:
            log.info("migrating the SQLite store to schema version 6 (no due day for start-only deadlines)")
            _migrate_to_v6(conn)
        if version < 7:
            # Facilities count among places, and analysis keeps a final ی that hazm's dictionary has
            # («شهرداری» is not «شهردار»): keys, facet refs and the full-text index are built again.
            log.info("migrating the SQLite store to schema version 7 (search terms again: minutes per 1M)")
            sqlite_maintenance.reindex(conn)  # facet refs by id (v9) and rowids in blocks (v10) too
            conn.execute("PRAGMA user_version = 7")
        else:
            if version < 9:
                log.info("migrating the SQLite store to schema version 9 (facet refs by id: a minute per 1M)")
                sqlite_maintenance.rebuild_facet_refs(conn)
            if version < 10:
                log.info(
                    "migrating the SQLite store to schema version 10 (commitment rowids in blocks per "
                    "source: a minute per 1M)"
                )
                sqlite_maintenance.renumber_commitments(conn)
        # v8: commitment and statement documents no longer repeat their row's id (readers add it from the
        # row; older documents keep theirs): nothing to move, but a v7 reader would show them without ids.
        if version < SCHEMA_VERSION and version >= 3:
            # Rows moved (v7, v10): search results other processes cached are stale.
            conn.execute("UPDATE store_meta SET generation = generation + 1")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migrate_v1_to_v2(conn: sqlite3.Connection) -> None:
    """v1 kept each commitment's JSON, article ref included, on its row: move it to ``commitment_docs``.

    The v1 documents still hold their ref and Jalali dates; readers overwrite both with equal values.
    """
    for sql in (
        "ALTER TABLE articles ADD COLUMN ref TEXT",
        "UPDATE articles SET ref = (SELECT json_extract(c.json, '$.article') FROM commitments c "
        "WHERE c.article_id = articles.id LIMIT 1)",
        "UPDATE articles SET ref = (SELECT json_extract(s.json, '$.article') FROM statements s "
        "WHERE s.article_id = articles.id LIMIT 1) WHERE ref IS NULL",
        "CREATE TABLE commitment_docs (rowid INTEGER PRIMARY KEY, json BLOB NOT NULL)",
        "INSERT INTO commitment_docs (rowid, json) SELECT rowid, json FROM commitments",
        "ALTER TABLE commitments DROP COLUMN json",
        "PRAGMA user_version = 2",
    ):
        conn.execute(sql)


def _migrate_to_v4(conn: sqlite3.Connection) -> None:
    """v4 keeps each article's organisations and places on its rows too (``sqlite_write.facet_refs``)."""
    item = "e.label || char(31) || e.key || char(31) || e.display"
    refs = (
        f"(SELECT group_concat({item}, char(30)) FROM entities e WHERE e.article_id = {{}} "
        "AND e.label IN ('ORG', 'LOC'))"
    )
    for table, column in (("articles", "id"), ("statements", "article_id"), ("commitments", "article_id")):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN facet_refs TEXT")
        conn.execute(f"UPDATE {table} SET facet_refs = {refs.format(f'{table}.{column}')}")
    conn.execute("PRAGMA user_version = 4")


def _migrate_to_v5(conn: sqlite3.Connection) -> None:
    """v5 links entities, statements and commitments to their article by rowid (see the schema)."""
    conn.execute(
        "CREATE TABLE entities_v5 (article_rowid INTEGER NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL, "
        "display TEXT NOT NULL, canonical_id TEXT, mentions INTEGER NOT NULL, "
        "PRIMARY KEY (article_rowid, label, key)) WITHOUT ROWID"
    )
    conn.execute(
        "INSERT INTO entities_v5 SELECT a.rowid, e.label, e.key, e.display, e.canonical_id, e.mentions "
        "FROM entities e JOIN articles a ON a.id = e.article_id ORDER BY a.rowid"
    )
    conn.execute("DROP TABLE entities")  # its indexes go with it; the schema script makes the new ones
    conn.execute("ALTER TABLE entities_v5 RENAME TO entities")
    for table in ("statements", "commitments"):
        conn.execute(f"DROP INDEX IF EXISTS {table}_article")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN article_rowid INTEGER NOT NULL DEFAULT 0")
        # An orphan row (its article gone) keeps 0, which joins no article, as its text id joined none.
        conn.execute(
            f"UPDATE {table} SET article_rowid = "
            f"coalesce((SELECT rowid FROM articles WHERE id = {table}.article_id), 0)"
        )
    conn.execute("PRAGMA user_version = 5")


# A start-only deadline has no due day (``nlp.tracking.due_day``): open, whatever an older rule made of
# its start (up to v5, and the recompute before v6, marked it due or overdue).
OPEN_START_ONLY = (
    "UPDATE commitments SET status = 'open' "
    "WHERE deadline_day IS NULL AND deadline_start IS NOT NULL AND status IN ('due', 'overdue')"
)


def _migrate_to_v6(conn: sqlite3.Connection) -> None:
    """Up to v5 a deadline with a start only («از امروز») had its start as due day (``deadline_day``);
    now it has none (``nlp.tracking.due_day``). Only such rows have ``deadline_day = deadline_start``
    (or a one-day range, which keeps its day): their documents say which."""

    def end_of(doc: bytes | str) -> str | None:
        end = (unpack(doc).get("deadline") or {}).get("end")
        return str(end)[:10] if end else None

    conn.create_function("deadline_end", 1, end_of)
    conn.execute(
        "UPDATE commitments SET deadline_day = (SELECT deadline_end(d.json) FROM commitment_docs d "
        "WHERE d.rowid = commitments.rowid) "
        "WHERE deadline_start IS NOT NULL AND deadline_day = deadline_start"
    )
    conn.execute(OPEN_START_ONLY)  # their v5 status came from the start
    conn.execute("PRAGMA user_version = 6")


class SqliteStore:
    """``index.base.Store`` on one SQLite file; safe to share between threads.

    Writes go through one connection behind one lock. Reads use one read-only connection per thread
    (WAL lets them run beside each other and beside the writer), so concurrent API requests do not
    queue behind each other. A search runs at most ``search_budget`` seconds (SQLite's progress
    handler interrupts it, raising ``SearchTimeout``); at most ``max_searches`` run at once, so a
    burst of requests shares the CPU between a few searches instead of slowing all of them down.
    An in-memory store has no file to share: its reads use the write connection.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        timezone: str = "Asia/Tehran",
        path: Path | str | None = None,
        search_budget: float = DEFAULT_SEARCH_BUDGET,
        max_searches: int | None = None,
        queue_wait: float | None = None,
        cache_entries: int = DEFAULT_ENTRIES,
        bulk_writer: bool = True,
    ) -> None:
        self._conn = conn  # the write connection
        self._lock = threading.RLock()
        self.tz = ZoneInfo(timezone)
        self._timezone = timezone
        self._path = None if path is None or str(path) == ":memory:" else Path(path).resolve()
        # Large batches are written by a child process (index.sqlite_bulk); an in-memory store has no
        # file for it to open.
        self._bulk_enabled = bulk_writer and self._path is not None
        self._bulk: sqlite_bulk.BulkWriter | None = None
        self._local = threading.local()
        self._readers: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {}  # by thread id
        self._readers_lock = threading.Lock()
        self._closed = False
        self.search_budget = search_budget
        # How long a search may wait for one of the ``max_searches`` slots before the store says it is
        # busy (default twice the budget): a burst queues briefly instead of failing at once.
        self.queue_wait = queue_wait
        self._searches = threading.BoundedSemaphore(max_searches or max(2, 2 * (os.cpu_count() or 1)))
        # Results of recent queries for the current store generation (0 entries turns it off).
        self.cache = ResultCache(cache_entries)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        timezone: str = "Asia/Tehran",
        search_budget: float = DEFAULT_SEARCH_BUDGET,
        max_searches: int | None = None,
        queue_wait: float | None = None,
        cache_entries: int = DEFAULT_ENTRIES,
        bulk_writer: bool = True,
    ) -> SqliteStore:
        """Open (creating if needed) the store at ``path``; ``":memory:"`` gives a throw-away store.

        ``search_budget``: seconds one search may run before it is stopped (``SearchTimeout``);
        ``max_searches``: searches running at once (default twice the CPUs); ``queue_wait``: seconds a
        search waits for its turn before ``SearchTimeout`` says the store is busy (default twice the budget);
        ``cache_entries``: queries whose results are kept for the current store generation (0: none);
        ``bulk_writer``: write batches of ``sqlite_bulk.MIN_ROWS`` rows or more in a child process.
        """
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            conn.row_factory = sqlite3.Row
            for pragma in WRITER_PRAGMAS:
                conn.execute(pragma)
            _migrate(conn)
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite store at {path}: {exc}") from exc
        return cls(
            conn,
            timezone=timezone,
            path=path,
            search_budget=search_budget,
            max_searches=max_searches,
            queue_wait=queue_wait,
            cache_entries=cache_entries,
            bulk_writer=bulk_writer,
        )

    def close(self) -> None:
        with self._lock, self._readers_lock:
            self._stop_bulk()
            self._closed = True
            for _thread, reader in self._readers.values():
                reader.close()
            self._readers.clear()
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                # Inside the transaction: a reader sees the new rows and the new generation together.
                self._conn.execute("UPDATE store_meta SET generation = generation + 1")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """This thread's read-only connection (the write connection, locked, for an in-memory store)."""
        if self._path is None:
            with self._lock:
                yield self._conn
            return
        reader = getattr(self._local, "conn", None)
        if reader is None:
            reader = self._local.conn = self._open_reader()
        yield reader

    def _open_reader(self) -> sqlite3.Connection:
        assert self._path is not None
        with self._readers_lock:
            if self._closed:
                raise StoreError("the store is closed")
            # Thread pools retire idle threads (anyio's after 10 s): their connections are closed here,
            # so a long-running server keeps about one connection per live thread.
            for ident, (thread, old) in list(self._readers.items()):
                if not thread.is_alive():
                    old.close()
                    del self._readers[ident]
            try:
                reader = sqlite3.connect(
                    f"{self._path.as_uri()}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
                )
                reader.row_factory = sqlite3.Row
                reader.execute("PRAGMA busy_timeout=5000")
                # Smaller than the writer's cache: there is one reader per thread, and the mmap below
                # shares the OS page cache between all of them.
                reader.execute("PRAGMA cache_size=-32768")
                reader.execute("PRAGMA temp_store=MEMORY")
                reader.execute("PRAGMA mmap_size=2147483648")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open a reader on the SQLite store at {self._path}: {exc}") from exc
            self._readers[threading.get_ident()] = (threading.current_thread(), reader)
            return reader

    def _rows(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self._reading() as conn:
            return conn.execute(sql, params).fetchall()

    def day_start_utc(self, day: date) -> str:
        """The UTC text of the first moment of ``day`` in the store's time zone."""
        return utc_text(datetime(day.year, day.month, day.day, tzinfo=self.tz))

    # ---------------------------------------------------------------- writing

    def upsert(self, items: list[tuple[Article, Extraction]]) -> IndexReport:
        """Store articles with their entities, statements and commitments; one transaction per batch.

        An article already stored keeps its ``first_seen``; its old statements and commitments are
        replaced by the new extraction's. An item that cannot be stored is reported, not raised.
        A large batch is written by the store's writer process while the next rows are prepared here
        (``index.sqlite_bulk``); either way the batch is committed when this returns.
        """
        report = IndexReport()
        prepared: list[Prepared] = []
        chunks = self._prepared_chunks(items, prepared, report)
        if self._for_the_child(items):
            with self._lock:
                try:
                    self._bulk_writer().write_batch(chunks)
                except sqlite_bulk.BulkWriteError as exc:
                    log.warning("batch write failed (%s); writing its articles one by one", exc)
                    return self._upsert_each(prepared, report)
                except sqlite_bulk.BulkWriterGone as exc:
                    # Nothing of the batch was committed: it is written below, as a small batch is.
                    log.warning("%s; this store writes in its own process from now on", exc)
                    self._stop_bulk()
                    self._bulk_enabled = False
                else:
                    return _counted(report, prepared)
        for _chunk in chunks:  # prepare the rest (all of a small batch; what the child never saw)
            pass
        return self._write_prepared(prepared, report)

    def upsert_many(
        self,
        batches: Iterable[list[tuple[Article, Extraction]]],
        on_batch: Callable[[IndexReport], None] | None = None,
    ) -> IndexReport:
        """``upsert`` every batch in turn, one transaction each; the reports added up.

        For bulk loads. Large batches overlap: the writer process commits batch k while this process
        prepares batch k+1 — with one ``upsert`` per batch, this process waits through every commit
        (FTS5 writes the batch's terms then: ~100 ms per 1,000 commitments at a million). ``on_batch``
        gets each batch's report once the batch is committed, in order. Other threads' writes to the
        store wait until this returns; ``batches`` must not write to the store itself.
        """
        total = IndexReport()

        def done(report: IndexReport) -> None:
            total.add(report)
            if on_batch is not None:
                on_batch(report)

        with self._lock:
            sent: _Sent | None = None  # the batch whose commit the child has not answered yet
            try:
                for items in batches:
                    if not self._for_the_child(items):
                        if sent is not None:
                            done(self._settle(sent))
                            sent = None
                        done(self.upsert(items))
                    else:
                        sent = self._send_after(items, sent, done)
                if sent is not None:
                    done(self._settle(sent))
                    sent = None
            finally:
                if sent is not None:  # ``batches`` raised: the batch already sent is committed
                    self._settle(sent)
        return total

    def _send_after(
        self, items: list[tuple[Article, Extraction]], sent: _Sent | None, done: Callable[[IndexReport], None]
    ) -> _Sent | None:
        """Send a batch to the writer process, then settle the one sent before it (see ``upsert_many``)."""
        if sent is not None and not sent.writer.alive:
            # The writer died holding ``sent``: settle it first (written here), so that this batch never
            # goes to a new writer while ``sent``'s answer is awaited from the old one.
            done(self._settle(sent))
            sent = None
        if not self._for_the_child(items):  # settling may have turned the writer process off
            done(self.upsert(items))
            return None
        writer = self._bulk_writer()
        batch = _Sent(writer)
        chunks = self._prepared_chunks(items, batch.prepared, batch.report)
        try:
            writer.send_writes(chunks)  # the child commits ``sent`` meanwhile
            if sent is not None:
                try:
                    writer.committed()
                except sqlite_bulk.BulkWriteError as exc:
                    # ``sent`` was rolled back: it is written here, article by article, and then this
                    # batch, so that a later version of an article is not overwritten by an earlier one.
                    log.warning("batch write failed (%s); writing its articles one by one", exc)
                    writer.send_rollback()
                    done(self._upsert_each(sent.prepared, sent.report))
                    done(self._write_prepared(batch.prepared, batch.report))
                    return None
                done(_counted(sent.report, sent.prepared))
            writer.send_commit()
        except sqlite_bulk.BulkWriterGone as exc:
            # Whether ``sent`` was committed is unknown: both batches are written here, in order
            # (writing an article again replaces it with the same rows).
            log.warning("%s; this store writes in its own process from now on", exc)
            self._stop_bulk()
            self._bulk_enabled = False
            for _chunk in chunks:
                pass
            if sent is not None:
                done(self._write_prepared(sent.prepared, sent.report))
            done(self._write_prepared(batch.prepared, batch.report))
            return None
        return batch

    def _settle(self, sent: _Sent) -> IndexReport:
        """Wait for the commit of a batch sent by ``upsert_many``; write it here if the writer failed."""
        try:
            sent.writer.committed()  # that writer, dead or alive: a new one would never answer for it
        except sqlite_bulk.BulkWriteError as exc:
            log.warning("batch write failed (%s); writing its articles one by one", exc)
            return self._upsert_each(sent.prepared, sent.report)
        except sqlite_bulk.BulkWriterGone as exc:
            log.warning("%s; this store writes in its own process from now on", exc)
            self._stop_bulk()
            self._bulk_enabled = False
            return self._write_prepared(sent.prepared, sent.report)
        return _counted(sent.report, sent.prepared)

    def _for_the_child(self, items: list[tuple[Article, Extraction]]) -> bool:
        """Whether the batch is large enough to be written by the writer process (``index.sqlite_bulk``)."""
        return self._bulk_enabled and len(items) + _child_rows(items) >= sqlite_bulk.MIN_ROWS

    def _prepared_chunks(
        self, items: list[tuple[Article, Extraction]], prepared: list[Prepared], report: IndexReport
    ) -> Iterator[list[Prepared]]:
        """Prepare items lazily, a chunk at a time, keeping each in ``prepared``; failures are reported."""
        chunk: list[Prepared] = []
        for article, extraction in items:
            try:
                item = prepare(article, extraction)
            except (ValueError, TypeError, AttributeError) as exc:
                log.warning("cannot index article %s: %s", article.url, exc)
                report.failed.append((article.id, f"{type(exc).__name__}: {exc}"))
                continue
            prepared.append(item)
            chunk.append(item)
            if len(chunk) == sqlite_bulk.CHUNK_ARTICLES:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _write_prepared(self, prepared: list[Prepared], report: IndexReport) -> IndexReport:
        try:
            with self._tx() as conn:
                batch = Batch()  # this transaction's (see sqlite_write.Batch)
                for item in prepared:
                    write(conn, item, self.tz, batch)
                finish(conn, batch)
        except sqlite3.Error as exc:
            log.warning("batch write failed (%s); writing its articles one by one", exc)
            return self._upsert_each(prepared, report)
        return _counted(report, prepared)

    def _bulk_writer(self) -> sqlite_bulk.BulkWriter:
        if self._bulk is None or not self._bulk.alive:
            assert self._path is not None
            self._bulk = sqlite_bulk.BulkWriter(self._path, self._timezone)
        return self._bulk

    def _stop_bulk(self) -> None:
        if self._bulk is not None:
            self._bulk.close()
            self._bulk = None

    def _upsert_each(self, prepared: list[Prepared], report: IndexReport) -> IndexReport:
        """The slow path after a failed batch: one transaction per article, failures reported."""
        for item in prepared:
            try:
                with self._tx() as conn:
                    write(conn, item, self.tz)
            except sqlite3.Error as exc:
                log.warning("cannot store article %s: %s", item.url, exc)
                report.failed.append((item.article_id, f"{type(exc).__name__}: {exc}"))
            else:
                _count(report, item)
        return report

    def record_crawl(self, health: CrawlHealth) -> None:
        """Store what one crawl of one source produced (the same source and start replaces)."""
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO crawl_health (source, started, json) VALUES (?,?,?)",
                (health.source, utc_text(health.started), json.dumps(health.to_json(), ensure_ascii=False)),
            )

    def recompute_statuses(self, today: date) -> int:
        """Set open/due/overdue from deadlines as of ``today``; returns how many commitments changed.

        ``nlp.tracking.status_for``'s rule: overdue when the due day (the deadline's last day) is
        before today, due when it is within ``DUE_DAYS``, else open. Fulfilled commitments and those
        with no due day are left as they are.
        """
        rule = (
            "CASE WHEN deadline_day < :t THEN 'overdue' WHEN deadline_day <= :soon THEN 'due' ELSE 'open' END"
        )
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE commitments SET status = {rule} "
                f"WHERE deadline_day IS NOT NULL AND status != 'fulfilled' AND status != {rule}",
                {"t": today.isoformat(), "soon": (today + timedelta(days=DUE_DAYS)).isoformat()},
            )
            changed = cur.rowcount
            return changed + conn.execute(OPEN_START_ONLY).rowcount

    # ---------------------------------------------------------------- reading

    def search(self, query: SearchQuery) -> SearchResult:
        """Full-text search with filters, facets, highlights and paging (see ``index.sqlite_search``).

        Raises ``SearchTimeout`` when the search cannot start, or does not finish, within the budget.
        """
        budget = self.search_budget
        wait = 2 * budget if self.queue_wait is None else self.queue_wait
        # The same query asked by several clients at once is computed once: the others wait for it
        # and then read its cached result. Only computing a matching set takes one of the search
        # slots: a cached answer (a page of documents) is served beside the running searches.
        with self.cache.flight(search_cache_key(query), wait), self._reading() as conn:
            clock = _Clock(budget)
            return _bounded(
                conn,
                clock,
                lambda: run_search(
                    conn, query, self.day_start_utc, self.cache, lambda: self._search_slot(clock, wait)
                ),
            )

    @contextmanager
    def _search_slot(self, clock: _Clock, wait: float) -> Iterator[None]:
        """One of the ``max_searches`` slots, waited for up to ``wait`` s; the budget starts on entry."""
        if not self._searches.acquire(timeout=wait):
            raise SearchTimeout(f"the store is busy: no search could start within {wait:g} s; try again")
        try:
            clock.restart()
            yield
        finally:
            self._searches.release()

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True when the article is stored with this content hash (a rerun can skip it)."""
        rows = self._rows(
            "SELECT 1 FROM articles WHERE id = ? AND content_hash = ?", (article_id, content_hash)
        )
        return bool(rows)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT json FROM articles WHERE id = ?", (article_id,))
        return article_from_row(rows[0]["json"]) if rows else None

    def get_article_doc(self, article_id: str) -> dict[str, Any] | None:
        """The article as an article hit shows it (no raw text)."""
        rows = self._rows("SELECT json FROM articles WHERE id = ?", (article_id,))
        return article_doc_from_row(rows[0]["json"]) if rows else None

    def get_commitment(self, commitment_id: str) -> dict[str, Any] | None:
        rows = self._rows(f"SELECT {_DOC} WHERE c.id = ?", (commitment_id,))
        return commitment_row_doc(rows[0]) if rows else None

    def commitment_history(self, story_id: str) -> list[dict[str, Any]]:
        """Every commitment of one story (a promise and its restatements), oldest first."""
        rows = self._rows(
            f"SELECT {_DOC} WHERE c.story_id = ? ORDER BY {STORY_ORDER}",
            (story_id,),
        )
        return [commitment_row_doc(r) for r in rows]

    def commitment_histories(self, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """``commitment_history`` of each story in ``story_ids``, read in chunks of ``HISTORY_CHUNK``."""
        out: dict[str, list[dict[str, Any]]] = {}
        unique = sorted(set(story_ids))
        for at in range(0, len(unique), HISTORY_CHUNK):
            chunk = unique[at : at + HISTORY_CHUNK]
            rows = self._rows(
                f"SELECT c.story_id AS story_key, {_DOC} WHERE c.story_id IN ({','.join('?' * len(chunk))}) "
                f"ORDER BY c.story_id, {STORY_ORDER}",
                tuple(chunk),
            )
            for r in rows:
                out.setdefault(r["story_key"], []).append(commitment_row_doc(r))
        return out

    # ---------------------------------------------------------------- digest queries

    def commitments_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Commitments new in [start, end): published then, or (undated / published earlier) first seen
        then."""
        where, params = _new_in("", start, end)
        # Commitments share their article's published/first_seen: select through the indexed articles.
        rows = self._rows(
            f"SELECT {_DOC} WHERE c.article_rowid IN (SELECT rowid FROM articles WHERE {where}) "
            "ORDER BY c.event_time, c.rowid",
            params,
        )
        return [commitment_row_doc(r) for r in rows]

    def due_between(self, start: date, end: date) -> list[dict[str, Any]]:
        """Unfulfilled commitments whose deadline's last day is in [start, end] (inclusive), soonest first."""
        rows = self._rows(
            f"SELECT {_DOC} WHERE c.deadline_day >= ? AND c.deadline_day <= ? "
            "AND c.status != 'fulfilled' ORDER BY c.deadline_day, c.event_time",
            (start.isoformat(), end.isoformat()),
        )
        return [commitment_row_doc(r) for r in rows]

    def overdue(self, on: date) -> list[dict[str, Any]]:
        """Unfulfilled commitments whose deadline's last day is before ``on``, most recently missed first."""
        rows = self._rows(
            f"SELECT {_DOC} WHERE c.deadline_day < ? AND c.status != 'fulfilled' "
            "ORDER BY c.deadline_day DESC, c.event_time, c.id",
            (on.isoformat(),),
        )
        return [commitment_row_doc(r) for r in rows]

    def overdue_split(self, on: date, known_before: datetime, limit: int) -> OverdueSplit:
        """``overdue`` as the digest reads it (``OverdueSplit``): whole documents only for the first
        ``limit`` commitments alone in their story and for those whose story has others."""
        overdue = "c.deadline_day < :on AND c.status != 'fulfilled'"
        # story_id NULL matches no other row: a commitment without a story is alone in it.
        others = "EXISTS (SELECT 1 FROM commitments o WHERE o.story_id = c.story_id AND o.rowid != c.rowid)"
        alone = f"{overdue} AND c.first_seen < :seen AND NOT {others}"
        order = "ORDER BY c.deadline_day DESC, c.event_time, c.id"  # as ``overdue``
        params = {"on": on.isoformat(), "seen": utc_text(known_before), "n": max(0, limit)}
        with self._reading() as conn:
            conn.execute("BEGIN")  # one snapshot for the three reads: a batch committed between them
            try:  # would be counted in one and missing from another
                read = conn.execute
                total = read(f"SELECT count(*) FROM commitments c WHERE {alone}", params).fetchone()[0]
                first = read(f"SELECT {_DOC} WHERE {alone} {order} LIMIT :n", params).fetchall()
                shared = read(f"SELECT {_DOC} WHERE {overdue} AND {others} {order}", params).fetchall()
            finally:
                conn.execute("COMMIT")
        return OverdueSplit(
            alone=[commitment_row_doc(r) for r in first],
            alone_total=total,
            shared=[commitment_row_doc(r) for r in shared],
        )

    def restated_in(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Commitments new in [start, end) that restate an earlier one (same ``story_id``).

        Each doc carries ``restates`` (how many earlier commitments the story has) and ``first_seen_story``
        (when the story's first commitment was published or seen).
        """
        where, params = _new_in("", start, end)
        rows = self._rows(
            f"SELECT {COMMITMENT_COLUMNS}, count(o.rowid) AS restates, min(o.event_time) AS story_start "
            f"FROM {COMMITMENT_FROM} JOIN commitments o ON o.story_id = c.story_id AND o.rowid != c.rowid "
            f"AND (o.event_time < c.event_time OR (o.event_time = c.event_time AND o.rowid < c.rowid)) "
            f"WHERE c.story_id IS NOT NULL AND c.article_rowid IN (SELECT rowid FROM articles WHERE {where}) "
            "GROUP BY c.rowid ORDER BY c.event_time, c.rowid",
            params,
        )
        out = []
        for r in rows:
            doc = commitment_row_doc(r)
            doc["restates"] = r["restates"]
            doc["first_seen_story"] = iso_utc(r["story_start"])
            out.append(doc)
        return out

    def top_entities(self, start: datetime, end: datetime, limit: int = 10) -> list[dict[str, Any]]:
        """People, organisations and places most mentioned in articles new in [start, end).

        Each item: ``text``, ``label``, ``canonical_id``, ``articles`` (how many articles) and
        ``mentions``; ordered by articles then mentions.
        """
        where, params = _new_in("a.", start, end)
        labels = ",".join("?" * len(ENTITY_LABELS_FOR_DIGEST))
        rows = self._rows(
            "SELECT e.label, e.key, max(e.display) AS text, max(e.canonical_id) AS cid, "
            "count(*) AS articles, sum(e.mentions) AS mentions FROM articles a "
            f"JOIN entities e ON e.article_rowid = a.rowid WHERE {where} AND e.label IN ({labels}) "
            "GROUP BY e.label, e.key ORDER BY articles DESC, mentions DESC, text LIMIT ?",
            (*params, *ENTITY_LABELS_FOR_DIGEST, limit),
        )
        return [
            {
                "text": r["text"],
                "label": r["label"],
                "canonical_id": r["cid"],
                "articles": r["articles"],
                "mentions": r["mentions"],
            }
            for r in rows
        ]

    def source_volume(self, start: datetime, end: datetime) -> dict[str, int]:
        """Articles new in [start, end) per source."""
        where, params = _new_in("", start, end)
        rows = self._rows(
            f"SELECT source, count(*) AS n FROM articles WHERE {where} "
            "GROUP BY source ORDER BY n DESC, source",
            params,
        )
        return {r["source"]: r["n"] for r in rows}

    def daily_counts(self, start: date, end: date) -> dict[date, int]:
        """Commitments new in each day of [start, end] (store time zone), zeros included.

        "New in a day" is ``commitments_in``'s rule (``_new_in``), so a day's bar on the digest's chart
        matches that day's list: an article published earlier but first seen that day counts then too.
        """
        days = [start + timedelta(days=i) for i in range(max((end - start).days + 1, 0))]
        counts: dict[date, int] = {}
        for day in days:
            # One query per day: a local first-seen day is not stored (only UTC times are), and
            # ``_new_in`` takes a day's bounds, so the rule stays in one place.
            after = day + timedelta(days=1)
            begin = datetime(day.year, day.month, day.day, tzinfo=self.tz)
            where, params = _new_in("", begin, datetime(after.year, after.month, after.day, tzinfo=self.tz))
            rows = self._rows(
                "SELECT count(*) FROM commitments "
                f"WHERE article_rowid IN (SELECT rowid FROM articles WHERE {where})",
                params,
            )
            counts[day] = int(rows[0][0])
        return counts

    def crawl_health(self, start: datetime, end: datetime) -> list[CrawlHealth]:
        """Crawls started in [start, end), oldest first."""
        rows = self._rows(
            "SELECT json FROM crawl_health WHERE started >= ? AND started < ? ORDER BY started, source",
            (utc_text(start), utc_text(end)),
        )
        return [CrawlHealth.model_validate(json.loads(r["json"])) for r in rows]

    # ---------------------------------------------------------------- maintenance

    def reindex(self) -> dict[str, Any]:
        """Rebuild the full-text index from the stored documents with the current analysis.

        One transaction (searches keep using the old index until it commits), then ``PRAGMA
        optimize`` so the planner's statistics follow. Returns how many documents were indexed.
        """
        with self._tx() as conn:
            report = sqlite_maintenance.reindex(conn)
        with self._lock:
            self._conn.execute("PRAGMA optimize")
        log.info("reindexed the SQLite store: %s", report)
        return report

    def merge_near_duplicates(self) -> dict[str, int]:
        """Give one story id to commitments telling one promise: copies of one release
        (``Article.duplicate_of``) and the same speaker's similar actions (``nlp.tracking``).
        Idempotent; returns how many commitments changed story and how many stories were merged."""
        with self._tx() as conn:
            return sqlite_maintenance.merge_near_duplicates(conn)

    def counts(self) -> dict[str, int]:
        """How many of each thing the store holds."""
        queries = {
            "articles": "SELECT count(*) FROM articles",
            "statements": "SELECT count(*) FROM statements",
            "commitments": "SELECT count(*) FROM commitments",
            "entities": "SELECT count(*) FROM entities",
            "stories": "SELECT count(DISTINCT story_id) FROM commitments",
            "sources": "SELECT count(DISTINCT source) FROM articles",
            "crawls": "SELECT count(*) FROM crawl_health",
        }
        return {name: self._rows(sql)[0][0] for name, sql in queries.items()}


_DOC = f"{COMMITMENT_COLUMNS} FROM {COMMITMENT_FROM}"
# A story's commitments oldest first: by event time, a tie (one release run by two agencies at the same
# minute) by who was seen first, as the Elasticsearch backend orders them; then arrival and text order.
STORY_ORDER = "c.event_time, c.first_seen, c.article_rowid, c.rowid"
HISTORY_CHUNK = 500  # story ids per query: well under SQLite's 32,766 bound parameters
PROGRESS_STEPS = 10_000  # SQLite VM steps between deadline checks (well under a millisecond)


class _Clock:
    """The deadline of one search: ``budget`` seconds from its start (restarted once it has a slot)."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.restart()

    def restart(self) -> None:
        self.deadline = time.monotonic() + self.budget

    def expired(self) -> bool:
        return time.monotonic() > self.deadline


def _bounded(conn: sqlite3.Connection, clock: _Clock, run: Any) -> Any:
    """``run()`` on ``conn``, interrupted by SQLite once the clock's deadline has passed."""
    conn.set_progress_handler(clock.expired, PROGRESS_STEPS)
    try:
        return run()
    except sqlite3.OperationalError as exc:
        if clock.expired() or "interrupted" in str(exc):
            raise SearchTimeout(
                f"the search took longer than its budget of {clock.budget:g} s and was stopped; "
                "narrow it with more words or filters"
            ) from exc
        raise StoreError(f"search failed: {exc}") from exc
    finally:
        conn.set_progress_handler(None, 0)
        if conn.in_transaction:  # an interrupted statement may leave the read transaction open
            conn.execute("ROLLBACK")


@dataclass
class _Sent:
    """A batch of ``upsert_many``: the writer process it went to, what was prepared of it, its report."""

    writer: sqlite_bulk.BulkWriter
    prepared: list[Prepared] = field(default_factory=list)
    report: IndexReport = field(default_factory=IndexReport)


def _child_rows(items: list[tuple[Article, Extraction]]) -> int:
    return sum(len(extraction.statements) + len(extraction.commitments) for _a, extraction in items)


def _counted(report: IndexReport, prepared: list[Prepared]) -> IndexReport:
    for item in prepared:
        _count(report, item)
    return report


def _count(report: IndexReport, item: Prepared) -> None:
    report.articles += 1
    report.statements += len(item.statements)
    report.commitments += len(item.commitments)


def commitment_row_doc(row: sqlite3.Row) -> dict[str, Any]:
    """The stored commitment document with its current status, first-seen time and article ref."""
    return commitment_from_row(row["json"], row["status"], row["first_seen"], row["ref"], row["id"])


def _new_in(prefix: str, start: datetime, end: datetime) -> tuple[str, tuple[str, ...]]:
    """WHERE clause of "new in [start, end)": published then and already seen by its end, or undated/earlier
    and first seen then. An article is new in one window only: the later of its publication and first
    sighting (one published on the 1st and crawled on the 3rd is new on the 3rd; counting it on the 1st too
    made the digest's chart and trends count it twice)."""
    s, e = utc_text(start), utc_text(end)
    p = prefix
    where = (
        f"(({p}published >= ? AND {p}published < ? AND {p}first_seen < ?) "
        f"OR (({p}published IS NULL OR {p}published < ?) AND {p}first_seen >= ? AND {p}first_seen < ?))"
    )
    return where, (s, e, e, s, s, e)
