"""Writing to the SQLite store in two steps: ``prepare`` (pure Python, may fail on bad input) and
``write`` (SQL only).

Preparing every item of a batch before the transaction starts means a bad item is skipped without a
savepoint per article (savepoints copy every touched page to a sub-journal: they cost more than the
inserts themselves), and the transaction holds the write lock only while rows are written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import Any

from goftar.model import Article, Commitment, Extraction, Speaker
from index import analysis
from index.base import article_ref, commitment_doc, statement_doc


def utc_text(value: datetime) -> str:
    """A datetime as the store's UTC text; naive datetimes are taken to be UTC."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def local_day(value: str, tz: tzinfo) -> str:
    """The day (ISO) in ``tz`` of a stored UTC text."""
    moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return moment.astimezone(tz).date().isoformat()


@lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """The matching key of a name (speaker, organisation, place): its index terms, space-separated."""
    return analysis.analyze(name)


def filter_token(kind: str, value: str) -> str:
    """A term standing for a filter value (``kind`` is ``s`` source, ``p`` polarity), stored in the FTS body.

    With it FTS5 intersects the word's and the filter's posting lists itself, instead of the query
    visiting every row that has the word to check its source: the filtered word query stays fast at
    a million rows. Hex keeps any value within the ``ascii`` tokenizer's token characters.
    """
    return f"zz{kind}{value.encode('utf-8').hex()}"


def commitment_body(commitment: Commitment, source: str) -> str:
    """The analysed text a commitment is found by: the quote, who said it, the actor and topics.

    The action is usually a span of the quote; it is indexed only when it is not, so words are not
    counted twice by the ranking.
    """
    speaker = commitment.speaker
    parts = [
        commitment.evidence,
        speaker.text if speaker else "",
        speaker.canonical_name if speaker else "",
        commitment.actor or "",
        *commitment.topics,
    ]
    if commitment.action not in commitment.evidence:
        parts.append(commitment.action)
    text = analysis.analyze(" ".join(p for p in parts if p))
    return f"{text} {filter_token('s', source)} {filter_token('p', commitment.polarity)}"


def speaker_columns(speaker: Speaker | None) -> tuple[str, str | None, str | None]:
    """``(key, display, canonical id)``: the key holds the terms of the text and of the canonical name."""
    if speaker is None:
        return "", None, None
    names = [speaker.text, speaker.canonical_name or ""]
    return " | ".join(entity_key(n) for n in names if n), speaker.display, speaker.canonical_id


@dataclass
class Prepared:
    """Everything one article writes, computed before the transaction."""

    article: Article
    published: str | None
    fetched: str
    article_json: str
    article_body: str
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    statements: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)  # (row, fts body)
    commitments: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)


def prepare(article: Article, extraction: Extraction) -> Prepared:
    """Rows for one article; raises ``ValueError``/``TypeError`` on input that cannot be stored."""
    ref = article_ref(article)  # once per article: it holds a Jalali date, slow to compute
    out = Prepared(
        article=article,
        published=utc_text(article.published) if article.published else None,
        fetched=utc_text(article.fetched),
        article_json=json.dumps(article.to_json(), ensure_ascii=False),
        article_body=analysis.analyze(
            f"{article.title}\n{article.lead or ''}\n{article.text or article.raw_text}"
        )
        + " "
        + filter_token("s", article.source),
        entities=_entity_rows(article.id, extraction),
    )
    for statement in extraction.statements:
        if statement.article_id != article.id:
            statement = statement.model_copy(update={"article_id": article.id})
        key, display, sid = speaker_columns(statement.speaker)
        row = (
            statement.id,
            article.id,
            article.source,
            key,
            display,
            sid,
            json.dumps(statement_doc(statement, article, ref), ensure_ascii=False),
        )
        body = analysis.analyze(f"{statement.quote}\n{display or ''}")
        out.statements.append((row, f"{body} {filter_token('s', article.source)}"))
    for commitment in extraction.commitments:
        if commitment.article_id != article.id:
            commitment = commitment.model_copy(update={"article_id": article.id})
        out.commitments.append(
            (_commitment_row(commitment, article, ref), commitment_body(commitment, article.source))
        )
    return out


def _entity_rows(article_id: str, extraction: Extraction) -> list[tuple[Any, ...]]:
    merged: dict[tuple[str, str], list[Any]] = {}
    for ent in extraction.entities:
        display = ent.canonical_name or ent.text
        key = entity_key(display)
        if key:
            merged.setdefault((ent.label, key), [display, ent.canonical_id, 0])[2] += 1
    return [(article_id, label, key, d, cid, n) for (label, key), (d, cid, n) in merged.items()]


def _commitment_row(commitment: Commitment, article: Article, ref: dict[str, Any]) -> tuple[Any, ...]:
    key, display, sid = speaker_columns(commitment.speaker)
    deadline = commitment.deadline
    due = (deadline.end or deadline.start) if deadline else None
    start = deadline.start if deadline else None
    doc = json.dumps(commitment_doc(commitment, article, ref), ensure_ascii=False)
    return (
        commitment.id,
        article.id,
        commitment.story_id,
        article.source,
        key,
        display,
        sid,
        commitment.polarity,
        commitment.status,
        due.isoformat() if due else None,
        start.isoformat() if start else None,
        doc,
    )


def write(conn: sqlite3.Connection, item: Prepared, tz: tzinfo) -> None:
    """Write one prepared article inside the caller's transaction, replacing what it had before."""
    article = item.article
    row = conn.execute("SELECT rowid, first_seen FROM articles WHERE id = ?", (article.id,)).fetchone()
    first_seen = row[1] if row else item.fetched  # first seen is kept from the first insert
    event_time = item.published or first_seen
    when = (item.published, first_seen, event_time, local_day(event_time, tz))
    if row:
        _delete_children(conn, article.id, row[0])
    rowid = conn.execute(
        "INSERT INTO articles (id, source, published, first_seen, event_time, event_day, content_hash, json) "
        "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET source=excluded.source, "
        "published=excluded.published, event_time=excluded.event_time, event_day=excluded.event_day, "
        "content_hash=excluded.content_hash, json=excluded.json RETURNING rowid",
        (article.id, article.source, *when, article.content_hash, item.article_json),
    ).fetchone()[0]
    conn.execute("INSERT INTO article_fts (rowid, body) VALUES (?, ?)", (rowid, item.article_body))
    conn.executemany(
        "INSERT INTO entities (article_id, label, key, display, canonical_id, mentions) VALUES (?,?,?,?,?,?)",
        item.entities,
    )
    for values, body in item.statements:
        got = conn.execute(
            "INSERT INTO statements (id, article_id, source, speaker_key, speaker_display, speaker_id, json, "
            "event_time) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING RETURNING rowid",
            (*values, event_time),
        ).fetchone()
        if got:  # None: the same span twice in one extraction, the first is kept
            conn.execute("INSERT INTO statement_fts (rowid, body) VALUES (?, ?)", (got[0], body))
    for values, body in item.commitments:
        got = conn.execute(
            "INSERT INTO commitments (id, article_id, story_id, source, speaker_key, speaker_display, "
            "speaker_id, polarity, status, deadline_day, deadline_start, json, published, first_seen, "
            "event_time, event_day) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING "
            "RETURNING rowid",
            (*values, *when),
        ).fetchone()
        if got:
            conn.execute("INSERT INTO commitment_fts (rowid, body) VALUES (?, ?)", (got[0], body))


def _delete_children(conn: sqlite3.Connection, article_id: str, article_rowid: int) -> None:
    conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_rowid,))
    for table in ("statement", "commitment"):
        conn.execute(
            f"DELETE FROM {table}_fts WHERE rowid IN (SELECT rowid FROM {table}s WHERE article_id = ?)",
            (article_id,),
        )
        conn.execute(f"DELETE FROM {table}s WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
