"""How the web page shows things to Persian readers: Jalali dates, Persian digits, labels, safe links."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from goftar.jalali import fa_digits, jalali_medium

POLARITY = {"commit": "تعهد", "intend": "قصد", "hope": "امید", "demand": "مطالبه"}
STATUS = {
    "open": "باز",
    "due": "موعد نزدیک",
    "overdue": "گذشته از موعد",
    "fulfilled": "انجام‌شده",
    "unknown": "نامعلوم",
}
FACETS = {
    "speaker": "گوینده",
    "source": "منبع",
    "polarity": "نوع",
    "status": "وضعیت",
    "organisation": "سازمان",
    "place": "مکان",
}


def persian_digits(value: object) -> str:
    """The value as text with Persian digits (for people; machines keep ASCII); a count of thousands is
    grouped with the Arabic thousands separator, as Persian text writes it («۲۵۰٬۰۰۰»)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1000:
        return fa_digits(f"{value:,}".replace(",", "\u066c"))
    return fa_digits(value)


def _as_date(value: str | date | None, tz: str | None = None) -> date | None:
    """The day of a date, or of a moment in ``tz`` (the store keeps moments in UTC: an article published
    at 01:30 in Tehran is stored the evening before, and is filtered, exported and shown on its own day)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(tz)).date() if tz and value.tzinfo else value.date()
    return value


def jalali(value: str | date | None, tz: str | None = None) -> str:
    """«۳۰ اسفند ۱۴۰۳» for a Gregorian date or ISO string (a moment: its day in ``tz``); empty when none."""
    day = _as_date(value, tz)
    if day is None:
        return ""
    return jalali_medium(day)


def gregorian(value: str | date | None, tz: str | None = None) -> str:
    """ISO Gregorian day (ASCII digits) shown beside the Jalali one."""
    day = _as_date(value, tz)
    return day.isoformat() if day else ""


def safe_url(value: str | None) -> str | None:
    """The URL when it is http(s); crawled links could be ``javascript:`` and must not be rendered."""
    if not value:
        return None
    return value if urlsplit(value).scheme in {"http", "https"} else None
