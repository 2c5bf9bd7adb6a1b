"""Terminal rendering of search results (the web page and digest have their own templates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.table import Table

from goftar.jalali import jalali_short
from index.base import SearchResult


def fa_date(value: str | date | None) -> str:
    """A date as a Persian reader writes it: Jalali, Persian digits (e.g. «۱۴۰۰/۰۷/۱۰»)."""
    if not value:
        return ""
    return jalali_short(date.fromisoformat(value[:10]) if isinstance(value, str) else value)


def _speaker(doc: dict[str, Any]) -> str:
    speaker = doc.get("speaker") or {}
    return speaker.get("canonical_name") or speaker.get("text") or ""


def _deadline(doc: dict[str, Any]) -> str:
    deadline = doc.get("deadline") or {}
    if not deadline:
        return ""
    resolved = deadline.get("end") or deadline.get("start")
    return f"{deadline.get('text', '')} ({fa_date(resolved)} · {resolved})" if resolved else deadline["text"]


def hits_table(result: SearchResult) -> Table:
    table = Table(title=f"{result.total} hits", show_lines=True)
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
            fa_date(article.get("published") or doc.get("published")),
        )
    return table
