"""Export of any result set to CSV or JSON Lines: UTF-8, Persian text (and its ZWNJ) exactly as stored.

``iter_hits`` walks a whole result set page by page with ``search_after`` (no deep offsets); the writers
take any iterable of hits, so the CLI, the API and scripts share them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, TextIO

from index.base import Hit, SearchQuery, Store

EXPORT_PAGE = 500
# The address of an article's archived copy from its ref (``doc["article"]``, or an article document):
# the ``archive`` field is a path on the server, which whoever reads the export cannot open.
ArchiveUrl = Callable[[Mapping[str, Any]], str | None]

COLUMNS: dict[str, list[str]] = {
    "commitment": [
        "id",
        "speaker",
        "speaker_id",
        "polarity",
        "status",
        "evidence",
        "raw_evidence",
        "action",
        "deadline_text",
        "deadline_start",
        "deadline_end",
        "deadline_end_jalali",
        "story_id",
        "confidence",
        "source",
        "title",
        "url",
        "published",
        "published_jalali",
        "archive",
        "archive_url",
    ],
    "statement": [
        "id",
        "speaker",
        "speaker_id",
        "quote",
        "raw_quote",
        "reporting_verb",
        "direct",
        "source",
        "title",
        "url",
        "published",
        "published_jalali",
        "archive",
        "archive_url",
    ],
    "article": [
        "id",
        "title",
        "source",
        "url",
        "published",
        "published_jalali",
        "author",
        "archive",
        "archive_url",
    ],
}
# Spreadsheet programs run cells starting with these as formulas; crawled text must not (CWE-1236).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iter_hits(store: Store, query: SearchQuery, limit: int | None = None) -> Iterator[Hit]:
    """Every hit of ``query`` (up to ``limit``), fetched ``EXPORT_PAGE`` at a time with search_after."""
    page = replace(query, size=EXPORT_PAGE, page=1, facets=False, search_after=None)
    sent = 0
    while True:
        result = store.search(page)
        for hit in result.hits:
            if limit is not None and sent >= limit:
                return
            yield hit
            sent += 1
        if result.next_search_after is None or not result.hits:
            return
        page = replace(page, search_after=result.next_search_after)


def flat_row(hit: Hit, archive_url: ArchiveUrl | None = None) -> dict[str, Any]:
    """One hit as a flat row of the export columns of its type (``archive_url`` fills that column)."""
    doc = hit.doc
    article = doc.get("article") or {}
    speaker = doc.get("speaker") or {}
    deadline = doc.get("deadline") or {}
    row: dict[str, Any] = {
        **{k: v for k, v in doc.items() if not isinstance(v, dict | list)},
        "speaker": speaker.get("canonical_name") or speaker.get("text"),
        "speaker_id": speaker.get("canonical_id"),
        "deadline_text": deadline.get("text"),
        "deadline_start": deadline.get("start"),
        "deadline_end": deadline.get("end"),
        "deadline_end_jalali": deadline.get("end_jalali"),
    }
    if article:
        for key in ("source", "title", "url", "published", "published_jalali", "archive"):
            row[key] = article.get(key)
    row["id"] = hit.id
    row["archive_url"] = _archive_url(hit, archive_url)
    return {col: row.get(col) for col in COLUMNS[hit.doc_type]}


def _archive_url(hit: Hit, archive_url: ArchiveUrl | None) -> str | None:
    ref = hit.doc.get("article") or hit.doc
    return archive_url(ref) if archive_url is not None and ref.get("archive") else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(
    hits: Iterable[Hit],
    out: TextIO,
    *,
    bom: bool = False,
    doc_type: str | None = None,
    archive_url: ArchiveUrl | None = None,
) -> int:
    """Write hits as CSV (header from the first hit's type, or ``doc_type``'s: an empty result set is
    still a CSV file with its header); ``bom`` helps Excel read UTF-8. Returns how many rows."""
    writer: Any = None
    count = 0
    if bom:
        out.write("\ufeff")
    for hit in hits:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=COLUMNS[hit.doc_type], lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in flat_row(hit, archive_url).items()})
        count += 1
    if writer is None and doc_type in COLUMNS:
        csv.DictWriter(out, fieldnames=COLUMNS[doc_type], lineterminator="\n").writeheader()
    return count


def jsonl_line(hit: Hit, archive_url: ArchiveUrl | None = None) -> str:
    """One hit as a JSON line: the whole stored document plus id, type, score, highlight and the address
    of the archived copy (``archive_url``, null when unknown)."""
    record = {"id": hit.id, "type": hit.doc_type, "score": hit.score, "highlight": hit.highlight, **hit.doc}
    record["archive_url"] = _archive_url(hit, archive_url)
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(hits: Iterable[Hit], out: TextIO, *, archive_url: ArchiveUrl | None = None) -> int:
    """Write hits as JSON Lines (UTF-8, not ``\\u`` escapes). Returns how many were written."""
    count = 0
    for hit in hits:
        out.write(jsonl_line(hit, archive_url))
        count += 1
    return count
