"""Writing to the SQLite store in two steps: ``prepare`` (pure Python, may fail on bad input) and
``write`` (SQL only).

Preparing every item of a batch before the transaction starts means a bad item is skipped without a
savepoint per article (savepoints copy every touched page to a sub-journal: they cost more than the
inserts themselves), and the transaction holds the write lock only while rows are written.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import Any

import zstandard
from pydantic import BaseModel

from goftar.model import Article, Commitment, Extraction, Speaker
from index import analysis
from index.base import ENTITY_FILTERS
from nlp.tracking import due_day

# Every connection that writes (the store's, and the bulk writer process's) is set up the same way.
WRITER_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    # Checkpoint every 256 MB of WAL rather than 4 MB: a page rewritten by several batches is copied back
    # once. Each batch of a bulk load dirties index pages all over the store (ids are hashes, deadlines
    # and stories spread): at a million commitments a batch of 1,000 wrote ~16 MB of WAL, and the same
    # leaf pages again in the next batches. 64 MB → 256 MB: 2,835–3,540 → 3,974–4,593 commitments/s
    # inserting 160k into a 1M store (alternating runs, benchmarks/results/search.md notes; a whole 1M
    # build from empty gained less, 3,664 → 3,776/s); 512 MB and 1 GB were no better.
    "PRAGMA wal_autocheckpoint=65536",
    # After a checkpoint the WAL file is cut back to 64 MB instead of keeping its high-water size.
    "PRAGMA journal_size_limit=67108864",
    "PRAGMA busy_timeout=5000",
    "PRAGMA cache_size=-262144",  # 256 MiB: the b-trees of 1M commitments stay in memory
    "PRAGMA temp_store=MEMORY",
    "PRAGMA mmap_size=2147483648",  # reads share the OS page cache between processes
)


def utc_text(value: datetime) -> str:
    """A datetime as the store's UTC text; naive datetimes are taken to be UTC."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    # isoformat is several times faster than strftime; years are 4 digits here.
    return aware.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat(sep=" ")


def local_day(value: str, tz: tzinfo) -> str:
    """The day (ISO) in ``tz`` of a stored UTC text."""
    moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return moment.astimezone(tz).date().isoformat()


@lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """The matching key of a name (speaker, organisation, place): its index terms, space-separated."""
    return analysis.analyze(name)


@lru_cache(maxsize=4096)
def filter_token(kind: str, value: str) -> str:
    """A term standing for a filter value (``kind`` ``s``: the source), stored in the FTS body.

    With it FTS5 intersects the word's and the filter's posting lists itself, instead of the query
    visiting every row that has the word to check its source: the filtered word query stays fast at
    a million rows. Hex keeps any value within the ``ascii`` tokenizer's token characters.
    """
    return f"zz{kind}{value.encode('utf-8').hex()}"


# A sentence ends at a terminator followed by space, or at a line break. Splitting there never splits a
# word, so analysing a text sentence by sentence gives the same terms as analysing it whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?؟])\s+|\n+")
_TERMINATORS = ".!?؟ "


def analyze_sentences(text: str, memo: dict[str, str] | None = None) -> str:
    """``analysis.analyze(text)``, a sentence at a time, each sentence's terms remembered in ``memo``.

    A commitment's evidence and a statement's quote are usually sentences of their article: with the
    article's ``memo`` they are not analysed a second time (analysis was a third of preparing a row).
    """
    if memo is None:
        return analysis.analyze(text)
    out = []
    for piece in _SENTENCE_BREAK.split(text):
        key = piece.rstrip(_TERMINATORS)  # punctuation yields no terms: «… می‌کنیم» and «… می‌کنیم.» meet
        terms = memo.get(key)
        if terms is None:
            terms = memo[key] = analysis.analyze(key)
        if terms:
            out.append(terms)
    return " ".join(out)


def commitment_body(commitment: Commitment, memo: dict[str, str] | None = None) -> str:
    """The analysed text a commitment is found by: the quote, who said it, the actor and topics.

    The action is usually a span of the quote; it is indexed only when it is not, so words are not
    counted twice by the ranking. ``memo``: see :func:`analyze_sentences`. No source term: a commitment's
    source is the block its rowid is in (``source_block``).
    """
    speaker = commitment.speaker
    parts = [
        speaker.text if speaker else "",
        speaker.canonical_name if speaker else "",
        commitment.actor or "",
        *commitment.topics,
    ]
    if commitment.action not in commitment.evidence:
        parts.append(commitment.action)
    terms = [analyze_sentences(commitment.evidence, memo), analysis.analyze(" ".join(p for p in parts if p))]
    return " ".join(filter(None, terms))


def article_body(article: Article, memo: dict[str, str] | None = None) -> str:
    """The analysed text an article is found by: title, lead and text, plus its source's filter term."""
    whole = f"{article.title}\n{article.lead or ''}\n{article.text or article.raw_text}"
    text = analyze_sentences(whole, memo)
    return f"{text} {filter_token('s', article.source)}"


def statement_body(
    quote: str, speaker_display: str | None, source: str, memo: dict[str, str] | None = None
) -> str:
    """The analysed text a statement is found by: the quote and who said it, plus the source's term."""
    terms = [analyze_sentences(quote, memo), analysis.analyze(speaker_display or "")]
    return " ".join([*filter(None, terms), filter_token("s", source)])


def speaker_columns(speaker: Speaker | None) -> tuple[str, str | None, str | None]:
    """``(key, display, canonical id)``: the key holds the terms of the text and of the canonical name."""
    if speaker is None:
        return "", None, None
    names = [speaker.text, speaker.canonical_name or ""]
    return " | ".join(entity_key(n) for n in names if n), speaker.display, speaker.canonical_id


# zstd's magic number opens every frame. zlib's raw deflate never starts with it: 0x28 would be a stored,
# non-final block with padding bits set, and zlib writes padding as zeros. So one byte string says which.
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_codecs = threading.local()  # zstandard's (de)compressor objects must not be shared between threads


def pack(text: str | bytes) -> bytes:
    """A stored document: UTF-8 JSON as a zstd frame at level 1 (Persian UTF-8 shrinks to about half).

    zstd rather than zlib, measured on the benchmark corpus: 10 µs a document instead of 40 for
    a ratio of 0.47 instead of 0.44; compressing was a fifth of the CPU time of indexing.
    """
    compressor = getattr(_codecs, "compressor", None)
    if compressor is None:
        compressor = _codecs.compressor = zstandard.ZstdCompressor(level=1)
    return compressor.compress(text if isinstance(text, bytes) else text.encode("utf-8"))


def unpack(value: str | bytes) -> Any:
    """The JSON of a stored document: a zstd frame, raw deflate (stores written by v2–v4) or, in stores
    written before v2, plain text."""
    if isinstance(value, str):
        return json.loads(value)
    if value.startswith(_ZSTD_MAGIC):
        decompressor = getattr(_codecs, "decompressor", None)
        if decompressor is None:
            decompressor = _codecs.decompressor = zstandard.ZstdDecompressor()
        return json.loads(decompressor.decompress(value))
    return json.loads(zlib.decompress(value, -15))


def json_bytes(model: BaseModel, exclude: Any = None) -> bytes:
    """``model.model_dump_json(exclude=…)`` as the UTF-8 bytes pydantic builds, not decoded to ``str``.

    The document goes to the writer process and is compressed there: as ``str`` it was encoded to UTF-8
    to be pickled, decoded again by the writer and encoded once more to be compressed (~5% of the
    writer's time in a bulk load, measured with perf).
    """
    return model.__pydantic_serializer__.to_json(model, exclude=exclude)


# One encoder for every article ref: ``json.dumps`` with options builds a new encoder per call.
_compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# Derived fields are not stored: the article ref comes from the ``articles`` row (once per article,
# not per commitment) and the Jalali deadlines are recomputed on reading (cached), see ``sqlite_docs``.
# Nor is the id, the row's own column: pydantic calls a computed field's Python property for each dump,
# and hashing the id again there doubled the cost of dumping a commitment (26 → 14 µs measured).
_COMMITMENT_EXCLUDE: dict[str, Any] = {"id": True, "deadline": {"start_jalali", "end_jalali"}}
_STATEMENT_EXCLUDE = frozenset({"id"})
_ARTICLE_COMPUTED = frozenset({"id", "content_hash", "published_jalali"})


@dataclass
class Prepared:
    """Everything one article writes, computed before the transaction."""

    source: str
    url: str
    article_id: str
    content_hash: str
    published: str | None
    fetched: str
    article_json: bytes  # a zstd frame (``pack``), as are the commitments' docs: see ``prepare``
    article_ref: str
    article_body: str
    facet_items: tuple[tuple[str, str, str], ...] = ()  # see ``facet_items``
    entities: list[tuple[Any, ...]] = field(default_factory=list)  # (label, key, display, canonical id, n)
    statements: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)  # (row, fts body)
    commitments: list[tuple[tuple[Any, ...], bytes, str]] = field(default_factory=list)  # (row, doc, body)


def prepare(article: Article, extraction: Extraction) -> Prepared:
    """Rows for one article; raises ``ValueError``/``TypeError`` on input that cannot be stored.

    The stored documents are compressed here, not in ``write``: in bulk indexing this runs in the
    store's process and ``write`` in the writer process, which is the busier of the two. Paired runs
    (benchmarks/results/search.md, session 13): 120k commitments into the 1M store 4,489 / 4,185 →
    4,669 / 5,014 per s (writer CPU 192 / 210 → 173 / 166 µs a commitment); 120k from empty 5,531 /
    6,039 → 5,885 / 7,075 per s. The caller's CPU did not rise by as much as it took over: it pickles
    half the bytes.
    """
    article_id = article.id  # a computed property: hashing it once, not once per use
    ref = {
        "id": article_id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "archive": article.archive,
    }
    # raw_text is stored only when the normaliser changed it (readers restore it from text).
    exclude = _ARTICLE_COMPUTED | ({"raw_text"} if article.raw_text == article.text else set())
    memo: dict[str, str] = {}  # sentence -> terms, shared by the article's bodies
    out = Prepared(
        source=article.source,
        url=article.url,
        article_id=article_id,
        content_hash=article.content_hash,
        published=utc_text(article.published) if article.published else None,
        fetched=utc_text(article.fetched),
        article_json=pack(json_bytes(article, exclude)),
        article_ref=_compact_json(ref),
        article_body=article_body(article, memo),
        entities=_entity_rows(extraction),
    )
    out.facet_items = facet_items(out.entities)
    seen: set[str] = set()
    for statement in extraction.statements:
        if statement.article_id != article_id:
            statement = statement.model_copy(update={"article_id": article_id})
        sid_ = statement.id
        if sid_ in seen:  # the same span twice in one extraction: the first is kept
            continue
        seen.add(sid_)
        key, display, sid = speaker_columns(statement.speaker)
        doc = statement.model_dump_json(exclude=_STATEMENT_EXCLUDE)  # short, stored as text
        row = (sid_, article_id, article.source, key, display, sid, doc)
        out.statements.append((row, statement_body(statement.quote, display, article.source, memo)))
    seen.clear()
    for commitment in extraction.commitments:
        if commitment.article_id != article_id:
            commitment = commitment.model_copy(update={"article_id": article_id})
        cid = commitment.id
        if cid in seen:
            continue
        seen.add(cid)
        row = _commitment_row(cid, commitment, article_id, article.source)
        doc = pack(json_bytes(commitment, _COMMITMENT_EXCLUDE))
        out.commitments.append((row, doc, commitment_body(commitment, memo)))
    return out


# The entity facets (organisation, place) of a search count the entities of each match's article.
# Joining a sample of ten thousand matches to ``entities`` costs 40+ ms at a million commitments (two
# text-key seeks per article); a copy of the article's facet entities on each row is read with the row.
# The copy names each value by its integer id in ``facet_values``: a search concatenates and counts the
# refs of thousands of matches, and «12 40» is a tenth of the text of «ORG␟key␟display» items. A value no
# row names any more stays in the table (a few bytes; ``sqlite_maintenance.rekey`` rebuilds it).
# Entity label → the facet it counts in (ENTITY_FILTERS read the other way).
FACET_OF = {label: name for name, labels in ENTITY_FILTERS.items() for label in labels}
FACET_VALUES_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS facet_values (id INTEGER PRIMARY KEY, label TEXT NOT NULL, "
    "key TEXT NOT NULL, display TEXT NOT NULL, UNIQUE (label, key, display))"
)


def facet_items(entity_rows: list[tuple[Any, ...]]) -> tuple[tuple[str, str, str], ...]:
    """The article's organisations and places as ``(label, key, display)``: one per facet and key, so
    a place tagged LOC in one mention and FAC in another counts once."""
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for label, key, display, _cid, _n in entity_rows:
        facet = FACET_OF.get(label)
        if facet is not None:
            # The smallest label and display, as ``sqlite_maintenance.rekey`` picks them in SQL.
            old = best.get((facet, key), (label, display))
            best[facet, key] = (min(old[0], label), min(old[1], display))
    return tuple((label, key, display) for (_f, key), (label, display) in best.items())


def facet_refs(
    conn: sqlite3.Connection, items: tuple[tuple[str, str, str], ...], known: dict[tuple[str, str, str], int]
) -> str | None:
    """The ids of ``items`` in ``facet_values`` (adding the new ones), space-separated, as rows store them.

    ``known`` caches ids for one write transaction (a few organisations recur in every article: 9 µs a
    lookup); it must not outlive the transaction, whose ids a rollback or a later rebuild takes back.
    """
    ids = []
    for item in items:
        found = known.get(item)
        if found is None:
            row = conn.execute(
                "SELECT id FROM facet_values WHERE label = ? AND key = ? AND display = ?", item
            ).fetchone()
            if row is None:
                sql = "INSERT INTO facet_values (label, key, display) VALUES (?,?,?)"
                row = (conn.execute(sql, item).lastrowid,)
            found = known[item] = row[0]
        ids.append(str(found))
    return " ".join(ids) or None


def _entity_rows(extraction: Extraction) -> list[tuple[Any, ...]]:
    merged: dict[tuple[str, str], list[Any]] = {}
    for ent in extraction.entities:
        display = ent.canonical_name or ent.text
        key = entity_key(display)
        if key:
            merged.setdefault((ent.label, key), [display, ent.canonical_id, 0])[2] += 1
    return [(label, key, d, cid, n) for (label, key), (d, cid, n) in merged.items()]


def _commitment_row(cid: str, commitment: Commitment, article_id: str, source: str) -> tuple[Any, ...]:
    key, display, sid = speaker_columns(commitment.speaker)
    deadline = commitment.deadline
    due = due_day(deadline)
    start = deadline.start if deadline else None
    return (
        cid,
        article_id,
        commitment.story_id,
        source,
        key,
        display,
        sid,
        commitment.polarity,
        commitment.status,
        due.isoformat() if due else None,
        start.isoformat() if start else None,
    )


@dataclass
class Batch:
    """What the writes of one transaction share; :func:`finish` it before the commit.

    ``facet_ids`` caches ``facet_values`` ids (see ``facet_refs``). ``commitment_fts`` holds the
    commitments' full-text rows until the end: FTS5 keeps a transaction's new rows in memory only while
    their rowids rise, and writes a segment to disk each time one falls. Articles of several sources
    arrive mixed and each source has its own block of rowids (``source_block``), so written as they come
    the rows of a batch of 250 articles went to disk in a hundred small segments (2.7× the time of one
    in a 20k-row test); written in rowid order at the end, in one.
    """

    facet_ids: dict[tuple[str, str, str], int] = field(default_factory=dict)
    commitment_fts: dict[int, str] = field(default_factory=dict)  # rowid → body
    # A source's next commitment rowid, once read in this transaction (two queries an article less; the
    # transaction holds the write lock, so nobody else takes rowids meanwhile).
    next_commitment: dict[str, tuple[int, int]] = field(default_factory=dict)  # → (next, block's last)


def finish(conn: sqlite3.Connection, batch: Batch) -> None:
    """Write what the batch's ``write`` calls left for the end of the transaction."""
    conn.executemany(
        "INSERT INTO commitment_fts (rowid, body) VALUES (?, ?)", sorted(batch.commitment_fts.items())
    )
    batch.commitment_fts.clear()


def write(conn: sqlite3.Connection, item: Prepared, tz: tzinfo, batch: Batch | None = None) -> None:
    """Write one prepared article inside the caller's transaction, replacing what it had before.

    ``batch``: the transaction's shared state, which the caller must ``finish`` before committing;
    without it, the article is written whole now.

    Child rows get explicit rowids (the transaction holds the write lock, so ``max(rowid)`` is stable):
    each table is then filled by one ``executemany`` instead of an insert-and-read-back per row.
    """
    row = conn.execute("SELECT rowid, first_seen FROM articles WHERE id = ?", (item.article_id,)).fetchone()
    first_seen = row[1] if row else item.fetched  # first seen is kept from the first insert
    event_time = item.published or first_seen
    when = (item.published, first_seen, event_time, local_day(event_time, tz))
    refs = facet_refs(conn, item.facet_items, {} if batch is None else batch.facet_ids)
    values = (
        item.source,
        *when,
        item.content_hash,
        item.article_ref,
        refs,
        item.article_json,
    )
    # Two plain statements, not an upsert with RETURNING: RETURNING makes SQLite open a statement
    # savepoint, and FTS5 writes its pending rows out as a new segment at every savepoint — one tiny
    # segment per article and table, merged again and again (3.4× slower in a 20k-row test).
    rowid: int
    if row:
        rowid = row[0]
        _delete_children(conn, rowid, batch)
        conn.execute(
            "UPDATE articles SET source=?, published=?, first_seen=?, event_time=?, event_day=?, "
            "content_hash=?, ref=?, facet_refs=?, json=? WHERE rowid = ?",
            (*values, rowid),
        )
    else:
        rowid = conn.execute(
            "INSERT INTO articles (source, published, first_seen, event_time, event_day, content_hash, "
            "ref, facet_refs, json, id) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (*values, item.article_id),
        ).lastrowid  # type: ignore[assignment]  # set by every successful INSERT
    conn.execute("INSERT INTO article_fts (rowid, body) VALUES (?, ?)", (rowid, item.article_body))
    conn.executemany(
        "INSERT INTO entities (article_rowid, label, key, display, canonical_id, mentions) "
        "VALUES (?,?,?,?,?,?)",
        [(rowid, *entity) for entity in item.entities],
    )
    if item.statements:
        first = _next_rowid(conn, "statements")
        conn.executemany(
            "INSERT INTO statements (rowid, id, article_id, source, speaker_key, speaker_display, "
            "speaker_id, json, event_time, facet_refs, article_rowid) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(first + i, *values, event_time, refs, rowid) for i, (values, _b) in enumerate(item.statements)],
        )
        conn.executemany(
            "INSERT INTO statement_fts (rowid, body) VALUES (?, ?)",
            [(first + i, body) for i, (_v, body) in enumerate(item.statements)],
        )
    if item.commitments:
        first = _commitment_rowids(conn, item.source, len(item.commitments), batch)
        conn.executemany(
            "INSERT INTO commitments (rowid, id, article_id, story_id, source, speaker_key, speaker_display, "
            "speaker_id, polarity, status, deadline_day, deadline_start, published, first_seen, "
            "event_time, event_day, facet_refs, article_rowid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(first + i, *values, *when, refs, rowid) for i, (values, _d, _b) in enumerate(item.commitments)],
        )
        conn.executemany(
            "INSERT INTO commitment_docs (rowid, json) VALUES (?, ?)",
            [(first + i, doc) for i, (_v, doc, _b) in enumerate(item.commitments)],
        )
        bodies = [(first + i, body) for i, (_v, _d, body) in enumerate(item.commitments)]
        if batch is None:
            conn.executemany("INSERT INTO commitment_fts (rowid, body) VALUES (?, ?)", bodies)
        else:
            batch.commitment_fts.update(bodies)


def _next_rowid(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()[0])


# A commitment's rowid is ``block << BLOCK_BITS | n``: each source has a block of rowids
# (``source_blocks``), so a search filtered by source asks FTS5 for a rowid range. FTS5 then reads only
# that stretch of the word's posting list, and its bm25 weighs the word alone: with a source term in
# every body instead, it intersected the word's list with the source's (83k entries per source at a
# million commitments) and read that whole list again to weigh it. Matching, ranking and the polarity
# check of the filtered word query at 1M: 16.8 → 8.8 ms (benchmarks/results/search.md, session 10).
BLOCK_BITS = 32
SOURCE_BLOCKS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS source_blocks (source TEXT PRIMARY KEY, block INTEGER NOT NULL UNIQUE)"
)


def block_range(block: int) -> tuple[int, int]:
    """The first and last commitment rowid of a source's block."""
    return block << BLOCK_BITS, ((block + 1) << BLOCK_BITS) - 1


def source_block(conn: sqlite3.Connection, source: str) -> int:
    """The source's block of commitment rowids, given one (the next number) if it has none yet."""
    row = conn.execute("SELECT block FROM source_blocks WHERE source = ?", (source,)).fetchone()
    if row:
        return int(row[0])
    # Blocks from 1: no blocked rowid is below 2**32, so renumbering old rowids never collides.
    conn.execute(
        "INSERT INTO source_blocks (source, block) SELECT ?, coalesce(max(block), 0) + 1 FROM source_blocks",
        (source,),
    )
    return int(conn.execute("SELECT block FROM source_blocks WHERE source = ?", (source,)).fetchone()[0])


def _commitment_rowids(conn: sqlite3.Connection, source: str, count: int, batch: Batch | None) -> int:
    """The first of ``count`` new consecutive commitment rowids in the source's block."""
    known = batch.next_commitment.get(source) if batch is not None else None
    if known is None:
        low, high = block_range(source_block(conn, source))
        last = conn.execute("SELECT max(rowid) FROM commitments WHERE rowid BETWEEN ? AND ?", (low, high))
        top = last.fetchone()[0]
        known = ((top if top is not None else low) + 1, high)
    first, high = known
    if first + count - 1 > high:
        # 4 billion rowids a source: a rewrite takes new ones, so only a store rewritten that often ends here.
        raise sqlite3.OperationalError(
            "this source has used up its block of commitment rowids: run `goftar reindex` to renumber them"
        )
    if batch is not None:
        batch.next_commitment[source] = (first + count, high)
    return first


def _delete_children(conn: sqlite3.Connection, article_rowid: int, batch: Batch | None) -> None:
    if batch is not None and batch.commitment_fts:
        # Rows this transaction wrote for the article are not in the FTS table yet: they are dropped here.
        rows = conn.execute("SELECT rowid FROM commitments WHERE article_rowid = ?", (article_rowid,))
        for (rowid,) in rows:
            batch.commitment_fts.pop(rowid, None)
    conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_rowid,))
    conn.execute(
        "DELETE FROM commitment_docs WHERE rowid IN (SELECT rowid FROM commitments WHERE article_rowid = ?)",
        (article_rowid,),
    )
    for table in ("statement", "commitment"):
        conn.execute(
            f"DELETE FROM {table}_fts WHERE rowid IN (SELECT rowid FROM {table}s WHERE article_rowid = ?)",
            (article_rowid,),
        )
        conn.execute(f"DELETE FROM {table}s WHERE article_rowid = ?", (article_rowid,))
    conn.execute("DELETE FROM entities WHERE article_rowid = ?", (article_rowid,))
