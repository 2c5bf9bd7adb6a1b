"""Documents as the SQLite store returns them, rebuilt from what it stores.

The store keeps each document once and without what can be derived (see ``index.sqlite_write``): a
commitment's or statement's article ref lives on its article's row, Jalali dates are recomputed here,
and an article's raw text is omitted when it equals the normalised text. What comes out is the same
document as ``index.base.commitment_doc`` / ``statement_doc`` / ``article_doc`` build.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from goftar.model import Article, jalali_date
from index.base import article_doc
from index.sqlite_write import unpack

# SQL pieces: a commitment's stored document with its current status and its article's ref.
COMMITMENT_COLUMNS = "d.json, c.status, c.first_seen, a.ref, c.id"
COMMITMENT_FROM = (
    "commitments c JOIN commitment_docs d ON d.rowid = c.rowid JOIN articles a ON a.rowid = c.article_rowid"
)
STATEMENT_COLUMNS = "c.json, a.ref, c.id"
STATEMENT_FROM = "statements c JOIN articles a ON a.rowid = c.article_rowid"


@lru_cache(maxsize=1 << 16)
def _jalali_of_day(iso: str) -> str | None:
    return jalali_date(date.fromisoformat(iso))


@lru_cache(maxsize=1 << 16)
def _jalali_of_moment(iso: str) -> str | None:
    return jalali_date(datetime.fromisoformat(iso))


def iso_utc(value: str | None) -> str | None:
    """The store's UTC text (``YYYY-MM-DD HH:MM:SS``) as ISO 8601 with its offset."""
    return value.replace(" ", "T") + "+00:00" if value else None


def ref_doc(ref: str | None) -> dict[str, Any] | None:
    """The ``article`` part of a hit: where it came from, with the Jalali publication day (a new dict)."""
    return dict(_ref_doc(ref)) if ref else None


@lru_cache(maxsize=1 << 12)
def _ref_doc(ref: str) -> dict[str, Any]:
    # An article's commitments share its ref: a digest reading 100k overdue commitments parsed each ref
    # and converted its day to Jalali (~40 µs) a commitment at a time, a third of reading them.
    out: dict[str, Any] = json.loads(ref)
    if "published_jalali" not in out:
        out["published_jalali"] = _jalali_of_moment(out["published"]) if out.get("published") else None
    return out


def commitment_from_row(
    json_value: str | bytes, status: str, first_seen: str, ref: str | None, ident: str | None = None
) -> dict[str, Any]:
    """A stored commitment as ``commitment_doc`` builds it, with its current status and first-seen time.

    ``ident``: the row's id, which documents written since schema v8 do not repeat (see ``sqlite_write``).
    """
    doc: dict[str, Any] = _with_id(unpack(json_value), ident)
    deadline = doc.get("deadline")
    if deadline is not None:
        deadline["start_jalali"] = _jalali_of_day(deadline["start"]) if deadline.get("start") else None
        deadline["end_jalali"] = _jalali_of_day(deadline["end"]) if deadline.get("end") else None
    doc["status"] = status
    doc["first_seen"] = iso_utc(first_seen)
    doc["article"] = ref_doc(ref) or doc.get("article")
    return doc


def statement_from_row(json_value: str | bytes, ref: str | None, ident: str | None = None) -> dict[str, Any]:
    """A stored statement as ``statement_doc`` builds it (``ident``: see :func:`commitment_from_row`)."""
    doc: dict[str, Any] = _with_id(unpack(json_value), ident)
    doc["article"] = ref_doc(ref) or doc.get("article")
    return doc


def _with_id(doc: dict[str, Any], ident: str | None) -> dict[str, Any]:
    # First, where model_dump puts it; a document written before schema v8 carries the same id itself.
    return {"id": ident, **doc} if ident is not None else doc


def article_from_row(json_value: str | bytes) -> Article:
    """The stored article, with its raw text restored when it was not stored (it equalled the text)."""
    data = unpack(json_value)
    data.setdefault("raw_text", data.get("text", ""))
    return Article.model_validate(data)


def article_doc_from_row(json_value: str | bytes) -> dict[str, Any]:
    """An article as an article hit shows it (``index.base.article_doc``)."""
    return article_doc(article_from_row(json_value))
