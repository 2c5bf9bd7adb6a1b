"""The domain model shared by crawlers, NLP, index, digest and API.

Every object is a pydantic model: typed, validated on the way in, and serialisable to JSON with
``model_dump(mode="json")``. Offsets (``start``/``end``) always index the *normalised* text of the
document they were found in (``Article.text`` / ``Extraction.text``).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any, Literal

import jdatetime
from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

SourceKind = Literal["feed", "sitemap", "listing", "telegram", "article"]
EntityLabel = Literal[
    "PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "ROLE", "DATE", "TIME", "QUANTITY", "MONEY", "PERCENT"
]
Polarity = Literal["commit", "intend", "hope", "demand"]
CommitmentStatus = Literal["open", "due", "overdue", "fulfilled", "unknown"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def jalali_date(value: date | datetime | None) -> str | None:
    """ISO-shaped Jalali date (``1400/07/10``) of a Gregorian date; ASCII digits, for machines.

    Datetimes are converted in Asia/Tehran, where a Persian reader's day starts.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        from zoneinfo import ZoneInfo

        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        value = aware.astimezone(ZoneInfo("Asia/Tehran")).date()
    return jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")


def stable_id(*parts: str) -> str:
    """A short deterministic id: the same inputs give the same id on every run (idempotent upserts)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        # Computed fields are written by model_dump; drop them on the way back in so JSON round-trips.
        if isinstance(data, dict):
            computed = cls.model_computed_fields
            return {k: v for k, v in data.items() if k not in computed}
        return data

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Source(_Model):
    """One entry of the sources registry."""

    name: str
    kind: SourceKind
    start_urls: list[str]
    allowed_domains: list[str] = Field(default_factory=list)
    language: str = "fa"
    cms: str | None = None
    selectors: dict[str, str] = Field(default_factory=dict)
    politeness: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    max_pages: int | None = None
    max_age_days: int | None = None
    allow_private: bool = False
    verified: bool = False


class Article(_Model):
    """One crawled document (a news article or a Telegram post)."""

    url: str
    canonical_url: str
    source: str
    title: str = ""
    published: datetime | None = None  # UTC
    raw_text: str
    text: str = ""  # normalised
    fetched: datetime = Field(default_factory=utcnow)
    author: str | None = None
    lead: str | None = None
    tags: list[str] = Field(default_factory=list)
    archive: str | None = None  # "warc-file#offset" of the raw response, when archived
    source_tags: dict[str, str] = Field(default_factory=dict)
    duplicate_of: str | None = None  # canonical URL of the first copy of a near-duplicate release
    views: int | None = None  # Telegram posts: view count shown on the channel preview

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return stable_id(self.canonical_url)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        # Hash of what was collected (not of our normalisation, which may improve between releases):
        # an unchanged page re-crawled has the same hash, so reruns skip it.
        return content_hash(self.raw_text)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def published_jalali(self) -> str | None:
        return jalali_date(self.published)


class Entity(_Model):
    """An entity mention; ``value`` holds a normalised value for DATE/QUANTITY/MONEY/PERCENT."""

    text: str
    label: EntityLabel
    start: int
    end: int
    canonical_id: str | None = None
    canonical_name: str | None = None
    value: Any = None


class Speaker(_Model):
    """Who speaks: as written (``text``) and, when resolved, the canonical person or organisation."""

    text: str
    kind: Literal["person", "role", "org", "pronoun", "unknown"] = "unknown"
    canonical_id: str | None = None
    canonical_name: str | None = None

    @property
    def display(self) -> str:
        return self.canonical_name or self.text


class Statement(_Model):
    quote: str  # normalised (the text searches and offsets use)
    speaker: Speaker | None = None
    reporting_verb: str | None = None
    direct: bool = False
    start: int
    end: int
    article_id: str | None = None
    # The quote exactly as the source wrote it (its letters, diacritics, spacing and ZWNJs, before
    # normalisation): what a researcher cites. None in documents stored before it was kept.
    raw_quote: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return stable_id(self.article_id or "", str(self.start), str(self.end))


class Deadline(_Model):
    """A deadline as written, and the date range it resolves to (inclusive), when it resolves."""

    text: str
    start: date | None = None
    end: date | None = None
    kind: Literal["by", "from", "on", "within", "unknown"] = "unknown"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def start_jalali(self) -> str | None:
        return jalali_date(self.start)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def end_jalali(self) -> str | None:
        return jalali_date(self.end)


class Quantity(_Model):
    text: str
    value: float
    unit: str | None = None


class Commitment(_Model):
    speaker: Speaker | None = None
    actor: str | None = None
    action: str
    evidence: str  # the sentence, normalised; its span is evidence_start..evidence_end
    polarity: Polarity = "commit"
    negated: bool = False
    condition: str | None = None
    deadline: Deadline | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    start: int
    end: int
    confidence: float = 0.5
    article_id: str | None = None
    story_id: str | None = None  # links restatements of one promise across articles
    status: CommitmentStatus = "open"
    evidence_start: int | None = None
    evidence_end: int | None = None
    raw_evidence: str | None = None  # the sentence exactly as the source wrote it (see Statement.raw_quote)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return stable_id(self.article_id or "", str(self.start), str(self.end))


class Extraction(_Model):
    """What the NLP stage finds in one document; the JSON printed by ``goftar extract``."""

    text: str
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)


class CrawlHealth(_Model):
    """What one crawl of one source produced; the digest reports sources that failed or went empty."""

    source: str
    started: datetime
    finished: datetime | None = None
    items: int = 0
    errors: int = 0
    empty: int = 0  # pages fetched whose extraction found no usable body (a redesign shows up here)
    seen: int = 0  # links it found that were already stored (by it or another source): alive, nothing new
    message: str | None = None
