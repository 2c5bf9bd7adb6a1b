"""How the web page shows things to Persian readers: Jalali dates, Persian digits, labels, safe links."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

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
    """The value as text with Persian digits (for people; machines keep ASCII)."""
    return fa_digits(value)


def _as_date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def jalali(value: str | date | None) -> str:
    """«۳۰ اسفند ۱۴۰۳» for a Gregorian date or ISO string; empty when there is none."""
    day = _as_date(value)
    if day is None:
        return ""
    return jalali_medium(day)


def gregorian(value: str | date | None) -> str:
    """ISO Gregorian day (ASCII digits) shown beside the Jalali one."""
    day = _as_date(value)
    return day.isoformat() if day else ""


def safe_url(value: str | None) -> str | None:
    """The URL when it is http(s); crawled links could be ``javascript:`` and must not be rendered."""
    if not value:
        return None
    return value if urlsplit(value).scheme in {"http", "https"} else None
