"""Dates and numbers as a Persian reader writes them: Jalali calendar, Persian digits.

The one place that formats dates for people: the digest, the web page, the terminal and the sample site
all use it (machines get ISO dates with ASCII digits).

jdatetime takes the locale per object (``locale="fa_IR"``), so nothing here touches the process-wide
``setlocale`` (which is not thread-safe and would leak into Airflow's other tasks).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jdatetime

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FA_LOCALE = "fa_IR"


def fa_digits(value: object) -> str:
    """``value`` as text with ASCII digits replaced by Persian ones (۰–۹)."""
    return str(value).translate(_FA_DIGITS)


def fa_number(value: int | float) -> str:
    """A count for people: Persian digits, Persian thousands separator (٬) and decimal point (٫)."""
    fractional = isinstance(value, float) and not value.is_integer()
    text = f"{value:,.1f}" if fractional else f"{int(value):,}"
    return fa_digits(text.replace(",", "٬").replace(".", "٫"))


def fa_percent(change: float | None) -> str:
    """A signed percentage change for people (``+۲۵٪``); empty when there is nothing to compare with."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return f"{sign}{fa_digits(round(abs(change)))}٪"


def _jalali(day: date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day, locale=_FA_LOCALE)


def jalali_long(day: date) -> str:
    """«شنبه ۳۰ آبان ۱۴۰۵»: weekday, day, month name and year of ``day`` in the Jalali calendar."""
    jd = _jalali(day)
    return f"{jd.strftime('%A')} {fa_digits(jd.day)} {jd.strftime('%B')} {fa_digits(jd.year)}"


def jalali_short(day: date) -> str:
    """«۱۴۰۵/۰۸/۳۰»: the Jalali date with Persian digits."""
    return fa_digits(_jalali(day).strftime("%Y/%m/%d"))


def jalali_medium(day: date) -> str:
    """«۳۰ آبان ۱۴۰۵»: day, month name and year, as cards and tables show a date."""
    jd = _jalali(day)
    return f"{fa_digits(jd.day)} {jd.strftime('%B')} {fa_digits(jd.year)}"


def jalali_day_month(day: date) -> str:
    """«۳۰ آبان»: short label for chart axes."""
    jd = _jalali(day)
    return f"{fa_digits(jd.day)} {jd.strftime('%B')}"


def jalali_iso(day: date) -> str:
    """``1405/08/30``: the Jalali date with ASCII digits, for JSON and file names."""
    return _jalali(day).strftime("%Y/%m/%d")


def day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """UTC start (inclusive) and end (exclusive) of the local calendar day ``day`` in ``timezone``.

    A Jalali day and its Gregorian date share the same midnight-to-midnight span, so the Tehran day that
    contains ``day`` is simply local midnight of ``day`` to local midnight of the next day.
    """
    tz = ZoneInfo(timezone)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def local_day(moment: datetime, timezone: str) -> date:
    """The calendar day of ``moment`` in ``timezone`` (naive datetimes are taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(ZoneInfo(timezone)).date()
