"""Terminal rendering of search results (the web page and digest have their own templates)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.table import Table

from goftar.jalali import jalali_short
from index.base import SearchResult


def fa_date(value: str | date | None, tz: str | None = None) -> str:
    """A date as a Persian reader writes it: Jalali, Persian digits (e.g. «۱۴۰۰/۰۷/۱۰»); a moment (an
    ISO date-time, stored in UTC) by its day in ``tz``, the day the date filters count it on."""
    if not value:
        return ""
    if isinstance(value, str):
        moment = datetime.fromisoformat(value) if "T" in value else None
        if moment is not None and tz and moment.tzinfo:
            return jalali_short(moment.astimezone(ZoneInfo(tz)).date())
        return jalali_short(date.fromisoformat(value[:10]))
    return jalali_short(value)


def _speaker(doc: dict[str, Any]) -> str:
    speaker = doc.get("speaker") or {}
    return speaker.get("canonical_name") or speaker.get("text") or ""


def _deadline(doc: dict[str, Any]) -> str:
    deadline = doc.get("deadline") or {}
    if not deadline:
        return ""
    end, start = deadline.get("end"), deadline.get("start")
    if end:
        return f"{deadline.get('text', '')} ({fa_date(end)} · {end})"
    if start:  # only a start («از امروز»): no due day, so the day is shown as a start, not as a deadline
        return f"{deadline.get('text', '')} (from {fa_date(start)} · {start})"
    return deadline.get("text", "")


def _title(result: SearchResult, page: int, size: int | None) -> str:
    """«N hits», and with the page size which of them this page shows (or that the page is past the end)."""
    if size is None or not result.total:
        return f"{result.total} hits"
    last = -(-result.total // size)
    if page > last:
        return f"{result.total} hits; page {page} is past the last page ({last}): use --page 1–{last}"
    first = (page - 1) * size + 1
    return f"{result.total} hits · {first}–{first + len(result.hits) - 1} · page {page} of {last}"


def hits_table(
    result: SearchResult, *, page: int = 1, size: int | None = None, timezone: str | None = None
) -> Table:
    """The page of hits as a table; ``page`` and ``size`` (the query's) put the page in the title;
    publication days are those of ``timezone`` (GOFTAR_TZ)."""
    table = Table(title=_title(result, page, size), show_lines=True)
    for column in ("speaker", "commitment / quote", "deadline", "source", "published"):
        table.add_column(column, overflow="fold")
    for hit in result.hits:
        doc = hit.doc
        article = doc.get("article") or {}
        table.add_row(
            _speaker(doc),
            doc.get("evidence") or doc.get("quote") or doc.get("title") or "",
            _deadline(doc),
            f"{article.get('source', doc.get('source', ''))}\n{article.get('url', doc.get('url', ''))}",
            fa_date(article.get("published") or doc.get("published"), timezone),
        )
    return table
