"""Publication time of a page: JSON-LD, meta tags, ``<time>``, then Persian date text; always returned in UTC.

Persian sites write dates as «۱۴۰۰/۰۷/۰۲ - ۱۲:۳۰», «۲ مهر ۱۴۰۰» or «دوشنبه ۱۴ مهرماه ۱۴۰۴»: Jalali dates
are converted with jdatetime; times without a zone are Asia/Tehran wall-clock times.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jdatetime
from parsel import Selector

from nlp.dates import MONTHS
from nlp.normalize import to_ascii_digits

log = logging.getLogger(__name__)

TEHRAN = ZoneInfo("Asia/Tehran")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = r"(?:\s*(?:-|،|,|ساعت|\|)?\s*(?:ساعت\s*)?(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::\d{2})?)?"
_NUMERIC = re.compile(r"(?<!\d)(?P<y>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?!\d)" + _TIME)
_NAMED = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*(?P<month>" + _MONTH_RE + r")(?:[\s\u200c]*ماه)?\s*(?P<y>\d{4})(?!\d)" + _TIME
)
META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


def local_to_utc(value: datetime) -> datetime:
    """A naive datetime is Tehran wall-clock time; an aware one is converted. Result is UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=TEHRAN)
    return value.astimezone(UTC)


def parse_iso(value: str) -> datetime | None:
    """ISO 8601 (``2021-09-17T10:30:00+04:30``, ``…Z``, a bare date) → UTC; None when it is not ISO."""
    value = to_ascii_digits(value.strip())
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1) if "T" not in value else value)
    except ValueError:
        return None
    if parsed.year < 1700:  # a Jalali year written in ISO shape
        return _jalali(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute)
    return local_to_utc(parsed)


def _jalali(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime | None:
    try:
        greg = jdatetime.datetime(y, m, d, hh, mm).togregorian()
    except ValueError:
        return None
    return local_to_utc(greg)


def parse_persian_date(text: str) -> datetime | None:
    """The first date written in Persian text (numeric or with a Jalali month name) → UTC, or None."""
    text = to_ascii_digits(text).replace("\u200c", " ")
    for pattern in (_NAMED, _NUMERIC):
        match = pattern.search(text)
        if not match:
            continue
        y, d = int(match["y"]), int(match["d"])
        m = MONTHS[match["month"]] if "month" in match.groupdict() and match["month"] else int(match["m"])
        hh, mm = int(match["hh"] or 0), int(match["mm"] or 0)
        if not (0 <= hh < 24 and 0 <= mm < 60):
            hh = mm = 0
        if y < 1700:
            found = _jalali(y, m, d, hh, mm)
        else:
            try:
                found = local_to_utc(datetime(y, m, d, hh, mm))
            except ValueError:
                found = None
        if found:
            return found
    return None


def parse_any(text: str) -> datetime | None:
    """ISO first, then Persian date text; RFC 822 (feeds) as a last resort."""
    found = parse_iso(text) or parse_persian_date(text)
    if found is None:
        from email.utils import parsedate_to_datetime

        try:
            found = local_to_utc(parsedate_to_datetime(text.strip()))
        except (TypeError, ValueError, IndexError):
            found = None
    return found


def _jsonld_dates(sel: Selector) -> list[str]:
    dates: list[str] = []
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data: Any = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    dates.append(node["datePublished"])
                stack.extend(v for k, v in node.items() if k == "@graph")
    return dates


def page_published(sel: Selector, date_selector: str | None = None) -> datetime | None:
    """Publication time of an HTML page (UTC), from the most reliable signal that is present."""
    candidates: list[str] = _jsonld_dates(sel)
    for name in META_NAMES:
        candidates += sel.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        ).getall()
    candidates += sel.xpath("//time/@datetime").getall()
    if date_selector:
        candidates += [" ".join(n.xpath(".//text()").getall()) for n in _select(sel, date_selector)]
    candidates += [" ".join(n.xpath(".//text()").getall()) for n in sel.css("time")]
    candidates += [
        " ".join(n.xpath(".//text()").getall())
        for n in sel.xpath('//*[contains(@class, "date") or contains(@class, "time")]')[:10]
    ]
    for candidate in candidates:
        found = parse_any(candidate) if candidate and candidate.strip() else None
        if found:
            return found
    return None


def _select(sel: Selector, query: str) -> list[Selector]:
    """CSS by default; XPath when the query starts like one."""
    return list(sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query))
