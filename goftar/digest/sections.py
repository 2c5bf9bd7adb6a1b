"""The digest as data: every section the HTML, text and JSON renderings show, already computed.

Renderers only format these objects; nothing here reads the store. Dates are Gregorian ``date``s with a
Jalali companion string so JSON consumers get both without a calendar library.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

SCHEMA_VERSION = 1


class SourceLink(BaseModel):
    url: str = ""
    title: str = ""
    source: str = ""
    published: datetime | None = None
    archive: str = ""  # the archived copy's address on the public server (GOFTAR_PUBLIC_URL), if any


class CommitmentItem(BaseModel):
    """One commitment as the digest shows it."""

    id: str
    quote: str
    action: str = ""
    speaker: str = ""
    organisation: str = ""
    polarity: str = "commit"
    negated: bool = False
    condition: str | None = None
    status: str = "open"
    deadline_text: str = ""
    deadline: date | None = None  # the last day of the resolved range
    deadline_jalali: str | None = None  # ASCII digits, e.g. 1405/09/10
    # When an earlier telling of the same promise gave another deadline: that one (the promise moved).
    previous_deadline_text: str = ""
    previous_deadline: date | None = None
    quantities: list[str] = Field(default_factory=list)
    story_id: str | None = None
    # Restated items, and deadline items that stand for several tellings of one story: how many earlier
    # commitments the story has, and when the first appeared (UTC).
    restatements: int = 0
    first_said: datetime | None = None
    link: SourceLink = Field(default_factory=SourceLink)
    first_link: SourceLink | None = None  # where the story was first told (restated and merged items)


class CommitmentGroup(BaseModel):
    """New commitments of one speaker on behalf of one organisation."""

    speaker: str
    organisation: str
    items: list[CommitmentItem]


class Metric(BaseModel):
    """A headline count and how it compares with the daily average of the previous 7 days."""

    key: str
    label: str  # Persian label for people
    value: int
    previous_avg: float | None = None
    change_pct: float | None = None  # None when the previous week had nothing to compare with


class EntityTrend(BaseModel):
    name: str
    label: str  # PER, ORG, LOC …
    count: int
    previous_avg: float = 0.0
    trend: str = "steady"  # "up", "down", "steady", "new"


class SourceRow(BaseModel):
    source: str
    articles: int
    previous_avg: float = 0.0


class SourceProblem(BaseModel):
    source: str
    problem: str  # "failed" or "empty"
    detail: str = ""  # the crawler's own message (technical, often English), when it gave one
    previous_avg: float = 0.0  # articles a day in the 7 days before: how quiet "empty" is


class WatchSection(BaseModel):
    name: str
    query: str
    filters: dict[str, str] = Field(default_factory=dict)
    recipients: list[str] = Field(default_factory=list)
    matches: list[CommitmentItem] = Field(default_factory=list)


class Digest(BaseModel):
    """Everything one day's digest says, for one Jalali day in the settings' time zone."""

    schema_version: int = SCHEMA_VERSION
    day: date
    day_jalali: str  # ASCII digits, e.g. 1405/08/30
    timezone: str
    window_start: datetime  # UTC, inclusive
    window_end: datetime  # UTC, exclusive
    generated: datetime
    headline: list[Metric] = Field(default_factory=list)
    new_commitments: list[CommitmentGroup] = Field(default_factory=list)
    due_soon: list[CommitmentItem] = Field(default_factory=list)
    overdue: list[CommitmentItem] = Field(default_factory=list)
    overdue_more: int = 0  # overdue promises not listed (only the OVERDUE_SHOWN most recently missed are)
    restated: list[CommitmentItem] = Field(default_factory=list)
    entities: dict[str, list[EntityTrend]] = Field(default_factory=dict)  # people / organisations / places
    sources: list[SourceRow] = Field(default_factory=list)
    source_problems: list[SourceProblem] = Field(default_factory=list)
    daily_commitments: dict[date, int] = Field(default_factory=dict)  # the chart's series, 30 days
    watches: list[WatchSection] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing new that day: no articles, commitments, restatements or watch matches."""
        volume = sum(row.articles for row in self.sources)
        return not (volume or self.new_commitments or self.restated or any(w.matches for w in self.watches))

    @property
    def commitment_count(self) -> int:
        return sum(len(group.items) for group in self.new_commitments)

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["empty"] = self.is_empty
        return data
