"""Jalali calendar: the month, weekday, ordinal-day and season words, the spacing they are matched with,
digit folding, day arithmetic (jdatetime per call, no global locale; weeks start on Saturday, as in Iran),
and the days that come every year (Nowruz and its holidays, Yalda, the school year, a bare «عید»).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime

# One character for one character, so offsets found in the folded copy index the original text.
_FOLD = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يك", "01234567890123456789یک")

MONTHS = {
    "فروردین": 1,
    "اردیبهشت": 2,
    "خرداد": 3,
    "تیر": 4,
    "مرداد": 5,
    "امرداد": 5,
    "شهریور": 6,
    "مهر": 7,
    "آبان": 8,
    "آذر": 9,
    "دی": 10,
    "بهمن": 11,
    "اسفند": 12,
}
# Index in the Persian week (Saturday = 0).
WEEKDAYS = {
    "شنبه": 0,
    "یکشنبه": 1,
    "یک‌شنبه": 1,
    "یک شنبه": 1,
    "دوشنبه": 2,
    "دو‌شنبه": 2,
    "دو شنبه": 2,
    "سه‌شنبه": 3,
    "سه شنبه": 3,
    "سهشنبه": 3,
    "چهارشنبه": 4,
    "چهار‌شنبه": 4,
    "چهار شنبه": 4,
    "پنجشنبه": 5,
    "پنج‌شنبه": 5,
    "پنج شنبه": 5,
    "جمعه": 6,
}
ORDINAL_DAYS = {
    "اول": 1,
    "یکم": 1,
    "دوم": 2,
    "سوم": 3,
    "چهارم": 4,
    "پنجم": 5,
    "ششم": 6,
    "هفتم": 7,
    "هشتم": 8,
    "نهم": 9,
    "دهم": 10,
    "یازدهم": 11,
    "دوازدهم": 12,
    "سیزدهم": 13,
    "چهاردهم": 14,
    "پانزدهم": 15,
    "شانزدهم": 16,
    "هفدهم": 17,
    "هجدهم": 18,
    "نوزدهم": 19,
    "بیستم": 20,
    "سی‌ام": 30,
    "سیام": 30,
    "سی ام": 30,
}
UNIT_DAYS = {"روز": 1, "هفته": 7}
_UNIT = r"(?P<unit>ساعت|روز|هفته|ماه|سال)"
SEASONS = {"بهار": 1, "تابستان": 4, "پاییز": 7, "پائیز": 7, "زمستان": 10}  # first Jalali month
_SEASON_PARTS = ["پایان", "آخر", "انتهای", "ابتدای", "آغاز", "اول", "اوایل", "اوائل", "اواخر"]

# Word edges. A ZWNJ may sit at an edge (normalisers sometimes join «هم‌سال آینده»); longer
# expressions that start earlier («یک‌شنبه» before «شنبه») win the overlap anyway.
_B = r"(?<!\w)"
_E = r"(?!\w)"
_SP = r"[\s\u200c]+"
_SP0 = r"[\s\u200c]*"  # «مهرماه» is written solid too: «{_SP}?» would still need a space


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)).replace(r"\ ", _SP) for w in words), key=len, reverse=True))


Range = tuple[date | None, date | None]
Resolver = Callable[[date | None], Range]  # a date expression's days, given the publication day


def tehran_date(published: date | datetime | None) -> date | None:
    """The day of ``published`` in Tehran (a naive datetime is taken as UTC); a ``date`` or ``None`` as is."""
    if published is None or not isinstance(published, datetime):
        return published
    aware = published if published.tzinfo else published.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo("Asia/Tehran")).date()


def _jalali(d: date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=d)


def _month_len(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _g(year: int, month: int, day: int) -> date:
    return jdatetime.date(year, month, min(day, _month_len(year, month))).togregorian()


def _add_months(d: date, months: int) -> date:
    j = _jalali(d)
    total = j.month - 1 + months
    year, month = j.year + total // 12, total % 12 + 1
    return _g(year, month, j.day)


def _year_of(pub: date, year: str | None) -> int | None:
    """The Jalali year a phrase names: explicit, «امسال»/«جاری», or None when unsaid."""
    if year and year.isdigit():
        return int(year)
    if year in ("امسال", "جاری"):
        return _jalali(pub).year
    if year in ("آینده", "آتی", "بعد"):
        return _jalali(pub).year + 1
    return None


def _next_on_or_after(pub: date, month: int, day: int) -> date:
    year = _jalali(pub).year
    candidate = _g(year, month, day)
    return candidate if candidate >= pub else _g(year + 1, month, day)


def _week_start(d: date) -> date:
    return d - timedelta(days=(d.weekday() + 2) % 7)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


# ---------------------------------------------------------------- days that come every year


def _next_yearly(month: int, day: int, days_before: int = 0) -> Callable[[re.Match[str]], Resolver]:
    """A resolver for a day that comes every year: the next Jalali ``month``/``day`` on or after
    publication, ``days_before`` days earlier."""

    def factory(_m: re.Match[str]) -> Resolver:
        def resolve(pub: date | None) -> Range:
            if pub is None:
                return None, None
            d = _next_on_or_after(pub, month, day) - timedelta(days=days_before)
            return d, d

        return resolve

    return factory


# «آغاز سال تحصیلی», «بازگشایی مدارس»: 1 Mehr, the next one.
_school_year = _next_yearly(7, 1)
# «تا شب عید»: the last day of the year, before the next Nowruz.
_nowruz_eve = _next_yearly(1, 1, days_before=1)
# «شب یلدا»: the night of 30 Azar.
_yalda = _next_yearly(9, 30)

# A bare «عید» in municipal news is Nowruz («تا عید» = by 1 Farvardin), unless the text speaks of a lunar
# feast (its name after «عید» is not matched; ``_LUNAR_TEXT`` anywhere in the sentence) or one is near: in
# Ramadan «تا عید» is Eid al-Fitr. The feasts are placed by the tabular Islamic calendar, in three lines
# rather than a library: no library follows Iran's calendar (set by sighting the moon), and a day or two
# either way does not change whether a feast is within 45 days.
_LUNAR_TEXT = re.compile(r"رمضان|فطر|قربان|اضحی|غدیر|مبعث|روزه|محرم|شعبان|رجب|ذی[ \u200c]?الحجه|حج(?!\w)")
# «پل غدیر», «خیابان رمضان», «بلوار مبعث»: a lunar word naming a place is no feast.
_PLACE_BEFORE = re.compile(r"(?:پل|خیابان|بلوار|میدان|بزرگراه|تقاطع|کوچه|شهرک|بوستان|ایستگاه)[ \u200c]+$")
_FEAST_NAMES = r"فطر|قربان|اضحی|غدیر|مبعث|سعید|مبارک|پاک|کریسمس|میلاد|ولادت|بزرگ|نوروز|الله|باستانی|اکبر"
_LUNAR_NEAR = timedelta(days=45)


def _islamic_to_date(year: int, month: int, day: int) -> date:
    """A day of the tabular (arithmetic) Islamic calendar as a Gregorian date."""
    jdn = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return date.fromordinal(jdn - 1721425)


def _lunar_text(text: str) -> bool:
    """Whether ``text`` speaks of a lunar feast or month, past the places named after one."""
    return any(not _PLACE_BEFORE.search(text, 0, m.start()) for m in _LUNAR_TEXT.finditer(text))


def _lunar_feasts(around: date) -> list[date]:
    """Eid al-Fitr (1 Shawwal) and Eid al-Adha (10 Dhu al-Hijja) of the Hijri years around ``around``."""
    year = (around.toordinal() + 1721425 - 1948439) * 30 // 10631 + 1
    return [_islamic_to_date(y, m, d) for y in (year - 1, year, year + 1) for m, d in ((10, 1), (12, 10))]


# Only a bound makes a bare «عید» a date: «در ایام عید ... سفر می‌کنند» speaks of the holiday season; «تا عید»,
# «بعد از عید» name its day (a routine, «معمولا پس از عید ...», is left to ``_YEARLY``).
_EID_BOUND = re.compile(r"(?:تا|(?:پیش|قبل|پس|بعد)[ \u200c]از)[ \u200c]$")
# «هر سال پیش از عید قیمت‌ها افزایش می‌یابد»: a yearly routine, no day ahead.
_YEARLY = re.compile(
    r"(?<![\w\u200c])(?:هر[ \u200c]?سال|همه[ \u200c]?ساله|هرساله|معمولا|معمولاً|همیشه)(?![\w\u200c])"
)


def _bare_eid(m: re.Match[str]) -> Callable[[date | None], Range]:
    if _lunar_text(m.string):
        raise ValueError("«عید» in a text about a lunar feast may be that feast")
    if not _EID_BOUND.search(m.string, 0, m.start()) or _YEARLY.search(m.string):
        raise ValueError("a bare «عید» with no bound, or every year, is the holiday season, not a day")

    def resolve(pub: date | None) -> Range:
        if pub is None:
            return None, None
        if any(pub <= f <= pub + _LUNAR_NEAR for f in _lunar_feasts(pub)):
            return None, None  # a lunar feast is near: «عید» may be it
        d = _next_on_or_after(pub, 1, 1)
        return d, d

    return resolve


# «تعطیلات نوروز», «تعطیلات عید»: the holidays of Nowruz, 1 to 4 Farvardin, so «پس از تعطیلات نوروز» is from
# 5 Farvardin (as «پس از نوروز» is from 2 Farvardin) and «تا پایان تعطیلات نوروز» by 4 Farvardin. Holidays
# under way at publication are this year's. A bare «عید» in it follows ``_bare_eid``.
_HOLIDAYS_LAST = 4


def _nowruz_holidays(m: re.Match[str]) -> Callable[[date | None], Range]:
    bare_eid = _bare_eid(m) if "نوروز" not in m.group() else None  # raises as «عید» alone would
    year, end_only = m["year"], bool(m["part"])

    def resolve(pub: date | None) -> Range:
        if year is not None:
            first = jdatetime.date(int(year), 1, 1).togregorian()
        elif pub is None or (bare_eid is not None and bare_eid(pub) == (None, None)):
            return None, None
        else:
            first = _next_on_or_after(pub - timedelta(days=_HOLIDAYS_LAST - 1), 1, 1)
        last = first + timedelta(days=_HOLIDAYS_LAST - 1)
        return (last if end_only else first), last

    return resolve


def _school_year_end(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«پایان سال تحصیلی جاری»: 31 Khordad, when the school year that began in Mehr ends; «۱۴۰۳-۱۴۰۴»
    names the school year by both its years (it ends in the second)."""
    which, y2 = m["which"] or "", m["y2"]

    def resolve(pub: date | None) -> Range:
        if y2:
            d = _g(int(y2), 3, 31)
        elif pub is None:
            return None, None
        else:
            d = _next_on_or_after(pub, 3, 31)
            if which in ("آینده", "آتی", "بعد"):
                d = _g(_jalali(d).year + 1, 3, 31)
        return d, d

    return resolve
