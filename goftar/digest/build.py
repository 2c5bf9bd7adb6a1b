"""Assemble one day's digest from the store: the only module of the digest that queries it.

The day is a local calendar day in ``settings.timezone`` (Asia/Tehran): its bounds are Tehran midnights
converted to UTC, which is what the store's ``*_in`` queries take. Comparisons are with the daily average
of the 7 days before.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from goftar.digest.sections import (
    CommitmentGroup,
    CommitmentItem,
    Digest,
    EntityTrend,
    Metric,
    SourceLink,
    SourceProblem,
    SourceRow,
    WatchSection,
)
from goftar.digest.stories import StoryHistory, deadline_list, due_day_of, overdue_list, restated_list
from goftar.errors import ConfigError
from goftar.jalali import day_bounds, jalali_iso

if TYPE_CHECKING:
    from goftar.settings import Settings
    from index.base import Store

log = logging.getLogger(__name__)

WEEK = 7
CHART_DAYS = 30
DUE_DAYS = 7
# The overdue list grows with every missed promise (tens of thousands on a large store): the digest shows
# the most recently missed and says how many more there are.
OVERDUE_SHOWN = 50
TOP_ENTITIES = 5
ENTITY_GROUPS = {"people": ("PER",), "organisations": ("ORG",), "places": ("LOC", "FAC")}


def build_digest(store: Store, day: date, settings: Settings) -> Digest:
    """Everything the digest of ``day`` (a local day in ``settings.timezone``) shows, read from ``store``.

    Raises ConfigError when ``day`` is too close to the ends of the calendars for its 30-day chart and
    7-day windows (e.g. 9999-12-31), or outside what the Jalali calendar library handles.
    """
    _check_day(day)
    start, end = day_bounds(day, settings.timezone)
    week_start, _ = day_bounds(day - timedelta(days=WEEK), settings.timezone)
    restated_docs = store.restated_in(start, end)
    restated_ids = {str(doc.get("id")) for doc in restated_docs}
    new_docs = [doc for doc in store.commitments_in(start, end) if str(doc.get("id")) not in restated_ids]
    history = StoryHistory(store, end)  # a past day's digest sees only what the store had by its end
    due, _ = deadline_list(history, store.due_between(day, day + timedelta(days=DUE_DAYS)), end)
    split = store.overdue_split(day, end, OVERDUE_SHOWN)
    overdue, overdue_total = overdue_list(history, split, end, OVERDUE_SHOWN)
    archive = settings.archive_url  # links to archived copies when GOFTAR_PUBLIC_URL is set
    digest = Digest(
        day=day,
        day_jalali=jalali_iso(day),
        timezone=settings.timezone,
        window_start=start,
        window_end=end,
        generated=datetime.now(UTC),
        new_commitments=group_commitments(to_items(new_docs, archive)),
        due_soon=_as_of(to_items(due, archive), "due"),
        overdue=_as_of(to_items(overdue, archive), "overdue"),
        overdue_more=overdue_total - len(overdue),
        restated=to_items(restated_list(history, restated_docs), archive),
        daily_commitments=_daily_series(store, day),
    )
    digest.entities = entity_trends(
        store.top_entities(start, end, limit=TOP_ENTITIES * 6),
        store.top_entities(week_start, start, limit=TOP_ENTITIES * 30),
    )
    volume, previous_volume = store.source_volume(start, end), store.source_volume(week_start, start)
    digest.sources = source_rows(volume, previous_volume)
    digest.source_problems = source_problems(store.crawl_health(start, end), volume, previous_volume)
    digest.headline = _headline(store, digest, volume, previous_volume, week_start, start)
    new_ids = tuple(str(doc["id"]) for doc in (*new_docs, *restated_docs))  # = commitments_in(start, end)
    digest.watches = _watch_sections(store, settings, (start, end), new_ids)
    return digest


def _check_day(day: date) -> None:
    try:
        for edge in (day - timedelta(days=CHART_DAYS), day + timedelta(days=DUE_DAYS + 1)):
            jalali_iso(edge)
    except (OverflowError, ValueError) as exc:
        raise ConfigError(
            f"no digest for {day.isoformat()}: the day is outside the supported calendar"
        ) from exc


ArchiveUrl = Callable[[dict[str, Any]], str | None]


def to_items(docs: Iterable[dict[str, Any]], archive_url: ArchiveUrl | None = None) -> list[CommitmentItem]:
    """Digest items from the store's commitment documents; a malformed document is logged and skipped.
    ``archive_url``: an article ref's archived-copy address (``Settings.archive_url``), if any."""
    items = []
    for doc in docs:
        try:
            items.append(commitment_item(doc, archive_url))
        except (ValidationError, TypeError, ValueError, AttributeError) as exc:
            log.warning("digest: skipped malformed commitment %s: %s", doc.get("id"), str(exc)[:200])
    return items


def commitment_item(doc: dict[str, Any], archive_url: ArchiveUrl | None = None) -> CommitmentItem:
    """One store document (``index.base.commitment_doc`` shape) as a digest item."""
    speaker = doc.get("speaker") or {}
    deadline = doc.get("deadline") or {}
    article = doc.get("article") or {}
    due_day = due_day_of(deadline)
    previous = doc.get("previous_deadline") or {}
    previous_day = due_day_of(previous)
    return CommitmentItem(
        id=str(doc.get("id") or ""),
        quote=doc.get("evidence") or doc.get("quote") or doc.get("action") or "",
        action=doc.get("action") or "",
        speaker=speaker.get("canonical_name") or speaker.get("text") or "",
        organisation=_organisation(doc, speaker),
        polarity=doc.get("polarity") or "commit",
        negated=bool(doc.get("negated")),
        condition=doc.get("condition"),
        status=doc.get("status") or "open",
        deadline_text=deadline.get("text") or "",
        deadline=due_day,
        deadline_jalali=jalali_iso(due_day) if due_day else None,
        previous_deadline_text=previous.get("text") or "",
        previous_deadline=previous_day,
        quantities=[q.get("text") or str(q.get("value", "")) for q in doc.get("quantities") or []],
        story_id=doc.get("story_id"),
        restatements=int(doc.get("restates") or 0),
        first_said=doc.get("first_seen_story"),
        link=source_link(article, archive_url),
        first_link=source_link(doc["first_article"]) if doc.get("first_article") else None,
    )


def source_link(article: dict[str, Any], archive_url: ArchiveUrl | None = None) -> SourceLink:
    """The article reference of a store document as the digest links it (with its archived copy when
    ``archive_url`` gives one: researchers cite the copy, the source page may change or vanish)."""
    return SourceLink(
        url=article.get("url") or "",
        title=article.get("title") or "",
        source=article.get("source") or "",
        published=article.get("published"),
        archive=(archive_url(article) if archive_url else None) or "",
    )


def _organisation(doc: dict[str, Any], speaker: dict[str, Any]) -> str:
    # The actor is who has to deliver (usually an organisation); a speaker that is itself an
    # organisation («شهرداری تهران اعلام کرد») is its own organisation.
    if doc.get("organisation"):
        return str(doc["organisation"])
    actor = str(doc.get("actor") or "")
    # In a first-person promise («... می‌کنیم») the extractor names the speaker as the actor: that is
    # the speaker, not an organisation, and would split one speaker's promises into two groups. Whole
    # words: «شهردار» (the mayor, speaking) is not in «شهرداری تهران» (the municipality, acting).
    if actor and not _same_person(actor, (speaker.get("text"), speaker.get("canonical_name"))):
        return actor
    if speaker.get("kind") == "org":
        return speaker.get("canonical_name") or speaker.get("text") or ""
    return ""


def _same_person(actor: str, names: tuple[str | None, ...]) -> bool:
    """Whether the actor is one of the speaker's names, or the words of one are all among the other's
    («زاکانی» and «علیرضا زاکانی»; «شهردار» and «شهردار تهران»)."""
    from index import analysis

    words = set(analysis.terms(actor))
    for name in names:
        other = set(analysis.terms(name or ""))
        if words and other and (words <= other or other <= words):
            return True
    return False


def _as_of(items: list[CommitmentItem], status: str) -> list[CommitmentItem]:
    # Stored statuses are refreshed by the weekly maintenance run; the digest states them as of its day.
    for item in items:
        if item.status != "fulfilled":
            item.status = status
    return items


def group_commitments(items: list[CommitmentItem]) -> list[CommitmentGroup]:
    """Items grouped by (speaker, organisation); biggest groups first, then by name."""
    groups: dict[tuple[str, str], list[CommitmentItem]] = defaultdict(list)
    for item in items:
        groups[(item.speaker, item.organisation)].append(item)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [
        CommitmentGroup(speaker=speaker, organisation=org, items=sorted(group, key=_by_deadline))
        for (speaker, org), group in ordered
    ]


def _by_deadline(item: CommitmentItem) -> tuple[date, str]:
    return (item.deadline or date.max, item.id)


def _daily_series(store: Store, day: date) -> dict[date, int]:
    """Commitments per local day (store time zone) for the chart: each of the last 30 days, zeros included."""
    first = day - timedelta(days=CHART_DAYS - 1)
    counts = store.daily_counts(first, day)
    return {
        first + timedelta(days=i): int(counts.get(first + timedelta(days=i), 0)) for i in range(CHART_DAYS)
    }


# The press itself is not who was in the news: an outlet is named in the attribution of almost every
# item («به گزارش پایگاه خبری شهرداری …», «به نقل از خبرگزاری ایسنا»), and topped the demo's organisations
# with 18 of 28 articles. The source filter and the per-source table say which outlet reported what.
_PRESS = re.compile(r"^(?:خبرگزاری|پایگاه (?:خبری|اطلاع[‌ ]?رسانی)|روزنامه|هفته[‌ ]?نامه|سایت|کانال|شبکه خبر)")


def entity_trends(today: list[dict[str, Any]], week: list[dict[str, Any]]) -> dict[str, list[EntityTrend]]:
    """Top people, organisations and places of the day, each compared with its daily average last week;
    news outlets are left out (``_PRESS``)."""
    previous = {_entity_key(row): _count(row) / WEEK for row in week}
    out: dict[str, list[EntityTrend]] = {}
    for group, labels in ENTITY_GROUPS.items():
        rows = [
            row
            for row in today
            if (row.get("label") or "") in labels and _count(row) > 0 and not _PRESS.match(_entity_name(row))
        ]
        rows.sort(key=lambda row: (-_count(row), _entity_name(row)))
        out[group] = [_trend(row, previous.get(_entity_key(row), 0.0)) for row in rows[:TOP_ENTITIES]]
    return out


def _entity_name(row: dict[str, Any]) -> str:
    # One line: a mention that ran across the headline/body break kept its "\n\n", which split the
    # plain-text digest's list in two.
    return " ".join(str(row.get("canonical_name") or row.get("name") or row.get("text") or "").split())


def _entity_key(row: dict[str, Any]) -> tuple[str, str]:
    return (str(row.get("canonical_id") or row.get("id") or _entity_name(row)), str(row.get("label") or ""))


def _count(row: dict[str, Any]) -> int:
    # "Most in the news" counts articles, not repeated mentions within one article.
    return int(row.get("count") or row.get("articles") or row.get("mentions") or 0)


def _trend(row: dict[str, Any], previous_avg: float) -> EntityTrend:
    count = _count(row)
    if previous_avg == 0:
        trend = "new"
    elif count >= previous_avg * 1.5 and count - previous_avg >= 1:
        trend = "up"
    elif count <= previous_avg / 1.5:
        trend = "down"
    else:
        trend = "steady"
    return EntityTrend(
        name=_entity_name(row),
        label=str(row.get("label") or ""),
        count=count,
        previous_avg=round(previous_avg, 2),
        trend=trend,
    )


def source_rows(volume: dict[str, int], previous: dict[str, int]) -> list[SourceRow]:
    """Articles per source that day (and its daily average last week), busiest first."""
    names = {name for name, n in volume.items() if n} | {name for name, n in previous.items() if n}
    rows = [
        SourceRow(
            source=name, articles=volume.get(name, 0), previous_avg=round(previous.get(name, 0) / WEEK, 2)
        )
        for name in names
    ]
    return sorted(rows, key=lambda row: (-row.articles, row.source))


def source_problems(
    health: list[Any], volume: dict[str, int], previous: dict[str, int]
) -> list[SourceProblem]:
    """Sources whose crawls failed, came back empty, or that went silent after a productive week.

    A crawl whose links were all stored already (by another source listing the same articles, or by
    itself earlier) is alive and had nothing new: no alarm, whatever last week's average."""
    runs: dict[str, list[Any]] = defaultdict(list)
    for record in health:
        runs[record.source].append(record)
    problems: dict[str, SourceProblem] = {}
    alive = {name for name, records in runs.items() if any(r.seen and not r.errors for r in records)}
    for name, records in runs.items():
        if any(r.items for r in records) or volume.get(name) or name in alive:
            continue
        failed = [r for r in records if r.errors]
        detail = next((r.message for r in failed if r.message), "") or ""
        problems[name] = SourceProblem(
            source=name,
            problem="failed" if failed else "empty",
            detail=detail,
            previous_avg=_avg(previous, name),
        )
    for name, count in previous.items():
        if count and not volume.get(name) and name not in problems and name not in alive:
            problems[name] = SourceProblem(source=name, problem="empty", previous_avg=_avg(previous, name))
    return sorted(problems.values(), key=lambda p: (p.problem != "failed", p.source))


def _avg(previous: dict[str, int], name: str) -> float:
    return round(previous.get(name, 0) / WEEK, 2)


def _headline(
    store: Store,
    digest: Digest,
    volume: dict[str, int],
    previous_volume: dict[str, int],
    week_start: datetime,
    start: datetime,
) -> list[Metric]:
    week_commitments = store.commitments_in(week_start, start)
    week_restated = store.restated_in(week_start, start)
    pairs = [
        ("articles", "خبرها", sum(volume.values()), sum(previous_volume.values())),
        ("commitments", "تعهدهای تازه", digest.commitment_count, len(week_commitments) - len(week_restated)),
        ("restated", "تعهدهای تکرارشده", len(digest.restated), len(week_restated)),
    ]
    metrics = [_metric(key, label, value, week_total) for key, label, value, week_total in pairs]
    metrics.append(Metric(key="due_soon", label="سررسید در ۷ روز آینده", value=len(digest.due_soon)))
    overdue = len(digest.overdue) + digest.overdue_more
    metrics.append(Metric(key="overdue", label="گذشته از سررسید", value=overdue))
    return metrics


def _metric(key: str, label: str, value: int, week_total: int) -> Metric:
    avg = week_total / WEEK
    change = None if avg == 0 else (value - avg) / avg * 100
    return Metric(key=key, label=label, value=value, previous_avg=round(avg, 2), change_pct=change)


def _watch_sections(
    store: Store, settings: Settings, window: tuple[datetime, datetime], new_ids: tuple[str, ...]
) -> list[WatchSection]:
    from goftar.watches import load_watches, match_watch

    start, end = window
    sections = []
    for watch in load_watches(settings):
        sections.append(
            WatchSection(
                name=watch.name,
                query=watch.query,
                filters=watch.filters,
                recipients=watch.recipients,
                matches=to_items(match_watch(store, watch, start, end, new_ids), settings.archive_url),
            )
        )
    return sections
