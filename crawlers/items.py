"""The one item every spider yields: an article (or Telegram post) plus the raw response it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ArticleItem:
    """What a spider found; the pipelines dedup, archive and turn it into a ``goftar.model.Article``.

    ``body``/``status``/``headers``/``response_url`` are the raw response, kept only until archived.
    """

    url: str
    canonical_url: str
    source: str
    title: str
    raw_text: str
    published: datetime | None = None
    author: str | None = None
    lead: str | None = None
    tags: list[str] = field(default_factory=list)
    source_tags: dict[str, str] = field(default_factory=dict)
    views: int | None = None
    duplicate_of: str | None = None
    archive: str | None = None
    response_url: str = ""
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
