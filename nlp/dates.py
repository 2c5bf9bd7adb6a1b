"""Persian date and deadline expressions, resolved against an article's publication date.

Jalali arithmetic uses jdatetime per call (no global locale). A day-and-month with no year («۱۰ مهر ماه»)
means the next such date on or after publication; weeks start on Saturday, as in Iran. ``Deadline.text``
is the expression as written; a leading «تا» / «قبل از» only says *by* and is carried by ``kind="by"``,
while «از», «ظرف», «طی» change which dates are meant and stay in the text (see the dev-set GUIDE.md).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime

from goftar.model import Deadline
from nlp.numbers import ONES, parse_quantity

log = logging.getLogger(__name__)

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
# Whole words only: «میدان نماز هفته آینده» has no «از», «روستا ۱۵ خرداد» no «تا».
BY_PREFIX = re.compile(
    r"(?<![\w\u200c])(?:حداکثر\s+)?(?:تا|لغایت|قبل\s+از|پیش\s+از|تا\s+قبل\s+از|تا\s+پیش\s+از)\s+(?:روز\s+)?$"
)
# «پس از نوروز», «بعد از عید»: a start bound too, kept whole in the text (it is not «از نوروز»); what it
# names has to be over first, so the period starts the day after it (see ``_after``).
FROM_PREFIX = re.compile(r"(?<![\w\u200c])(?P<after>(?:پس|بعد)\s+)?از\s+(?:روز\s+)?$")

# Word edges. A ZWNJ may sit at an edge (normalisers sometimes join «هم‌سال آینده»); longer
# expressions that start earlier («یک‌شنبه» before «شنبه») win the overlap anyway.
_B = r"(?<!\w)"
_E = r"(?!\w)"
_SP = r"[\s\u200c]+"
_SP0 = r"[\s\u200c]*"  # «مهرماه» is written solid too: «{_SP}?» would still need a space


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)).replace(r"\ ", _SP) for w in words), key=len, reverse=True))


_MONTH = f"(?P<month>{_alt(MONTHS)})"
_WORD_MONTHS = ("تیر", "مهر", "دی")  # also «arrow», «seal/kindness», «yesterday's» in running text
_PLAIN_MONTH = _alt(m for m in MONTHS if m not in _WORD_MONTHS)
_NUMWORD = _alt(k for k in ONES if k != "صفر")
_NUMBER = rf"(?P<n>\d+(?:[./]\d+)?|(?:{_NUMWORD})(?:\s+و\s+(?:{_NUMWORD}|نیم))*)"
_DAY = rf"(?P<day>\d{{1,2}}(?:\s?ام|م)?|{_alt(ORDINAL_DAYS)})"
# «۱۵ خرداد سال آینده»: «آینده» names next year only after «سال» («خرداد آینده» is the coming Khordad).
_NEXT_YEAR = r"(?<=سال[\s\u200c])(?:آینده|آتی|بعد|جاری)"
_YEAR = rf"(?:{_SP}(?:سال{_SP})?(?P<year>\d{{4}}|امسال|جاری|{_NEXT_YEAR}))?"
# «یک هفته بعد از عید فطر»: «بعد از» counts from an event, not from publication.
_FUTURE = rf"(?:آینده|آتی|بعد(?!{_SP}از{_E})|دیگر)"
# «شش ماه نخست سال آینده», «سه ماه اول سال»: a count before an ordinal is a part of a year (see ``_HALF``).
_NOT_PART = rf"(?!{_SP}(?:اول|نخست|دوم|سوم|چهارم|آخر|پایانی){_E})"
_HALF_UNIT = rf"(?P<half>{_SP}و{_SP}نیم)?"
# «فردا ساعت ۱۰», «شنبه ساعت ۸ صبح»: the hour belongs to the day it follows (it does not move the day).
_HOUR = rf"(?:{_SP}ساعت{_SP}\d{{1,2}}(?:[:/]\d{{2}})?(?:{_SP}(?:صبح|ظهر|عصر|شب|بعدازظهر))?(?![\d:/]))?"

Range = tuple[date | None, date | None]
Resolver = Callable[[date | None], Range]  # a date expression's days, given the publication day


@dataclass(frozen=True)
class _Expr:
    start: int
    end: int
    kind: str  # kind when no prefix changes it
    resolve: Callable[[date | None], Range]
    before: bool = False  # «قبل از ۱۵ آبان»: by the day before


# ---------------------------------------------------------------- calendar helpers


def _tehran_date(published: date | datetime | None) -> date | None:
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


def _day_number(raw: str) -> int:
    raw = re.sub(r"\s?ام$|م$", "", raw) if raw[:1].isdigit() else raw
    return int(raw) if raw.isdigit() else ORDINAL_DAYS[raw]


def _count(raw: str) -> float:
    raw = raw.replace("/", ".")
    try:
        return float(raw)
    except ValueError:
        q = parse_quantity(raw + " روز")
        return q.value if q else 1.0


# ---------------------------------------------------------------- resolvers per pattern


def _day_month(m: re.Match[str]) -> Callable[[date | None], Range]:
    day, month, year = _day_number(m["day"]), MONTHS[m["month"]], m["year"]

    def resolve(pub: date | None) -> Range:
        if year and year.isdigit() and not 1 <= day <= _month_len(int(year), month):
            # «۳۱ اسفند ۱۴۰۳» names no day: keep the text, resolve nothing, and say so.
            log.warning(
                "%r (%s/%02d/%02d) is not a date: that month has %d days; deadline left unresolved",
                m[0],
                year,
                month,
                day,
                _month_len(int(year), month),
            )
            return None, None
        if year and year.isdigit():
            d = _g(int(year), month, day)
        elif pub is None:
            return None, None
        else:
            y = _year_of(pub, year)
            d = _g(y, month, day) if y else _next_on_or_after(pub, month, day)
        return d, d

    return resolve


def _numeric(m: re.Match[str]) -> Callable[[date | None], Range]:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])

    def resolve(_pub: date | None) -> Range:
        value = _numeric_date(y, mo, d)
        return value, value

    return resolve


def _numeric_date(y: int, mo: int, d: int) -> date:
    if y < 1700:
        if not 1 <= mo <= 12 or not 1 <= d <= _month_len(y, mo):
            raise ValueError(
                f"{y}/{mo:02d}/{d:02d} is not a Jalali date (month {mo} has "
                f"{_month_len(y, mo) if 1 <= mo <= 12 else 'no'} days)"
            )
        return jdatetime.date(y, mo, d).togregorian()
    return date(y, mo, d)


_PART_DAYS = {
    "اوایل": (1, 10),
    "اوائل": (1, 10),
    "اواسط": (11, 20),
    "اواخر": (21, 31),
    "ابتدای": (1, 1),
    "اول": (1, 1),
    "آغاز": (1, 1),
    "شروع": (1, 1),
    "نیمه": (15, 15),
    "پایان": (31, 31),
    "آخر": (31, 31),
    "انتهای": (31, 31),
    "انتها": (31, 31),
}


def _month_year(pub: date | None, year: str | None, month: int, last_day: int) -> int | None:
    """The Jalali year of a month named with ``year`` (digits, a year word, or none: the coming one, whose
    ``last_day`` is not past at ``pub``); None when that needs a publication day and there is none."""
    if year and year.isdigit():
        return int(year)
    if pub is None:
        return None
    y = _year_of(pub, year) or _jalali(pub).year
    return y + 1 if not year and _g(y, month, last_day) < pub else y


def _year_range(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«طی سال‌های ۱۴۰۴ تا ۱۴۰۶»: from the first day of the first year to the last day of the second."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < y1:
        raise ValueError("a range of years that runs backwards")

    def resolve(_pub: date | None) -> Range:
        return _g(y1, 1, 1), _g(y2, 12, 31)

    return resolve


def _month_part(m: re.Match[str]) -> Callable[[date | None], Range]:
    month, year = MONTHS[m["month"]], m["year"]
    lo, hi = _PART_DAYS.get(m["part"] or "", (1, 31))

    def resolve(pub: date | None) -> Range:
        y = _month_year(pub, year, month, hi)
        return (None, None) if y is None else (_g(y, month, lo), _g(y, month, hi))

    return resolve


def _word_month(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«تا دی ... تمام می‌شود»: the month, when the first verb of its clause is a present or a future."""
    if _clause_tense(m.string, m.end()) not in ("present", "future"):
        raise ValueError("«تیر/مهر/دی» with no present or future verb after it may be a word, not a month")
    return _month_part(m)


def _year_part(m: re.Match[str]) -> Callable[[date | None], Range]:
    part, which, year = m["part"], m["which"] or "", m["year"]

    def resolve(pub: date | None) -> Range:
        if year and year.isdigit():
            y = int(year)
        elif pub is None:
            return None, None
        else:
            y = _jalali(pub).year + (1 if which in ("آینده", "آتی", "بعد") else 0)
        if part in ("پایان", "آخر", "انتهای", "انتها", "اواخر"):
            return (_g(y, 12, 1) if part == "اواخر" else _g(y, 12, 31)), _g(y, 12, 31)
        if part in ("ابتدای", "اول", "آغاز", "اوایل", "اوائل"):
            return _g(y, 1, 1), (_g(y, 1, 31) if part.startswith("او") and part != "اول" else _g(y, 1, 1))
        if part == "اواسط":  # «اواسط سال آینده»: its middle season, not the whole year
            return _g(y, 4, 1), _g(y, 6, 31)
        return _g(y, 1, 1), _g(y, 12, 31)

    return resolve


def _weekday(m: re.Match[str]) -> Callable[[date | None], Range]:
    index, which = WEEKDAYS[_wd_key(m["wd"])], m["which"]

    def resolve(pub: date | None) -> Range:
        if pub is None:
            return None, None
        start = _week_start(pub)
        if which and ("آینده" in which or "آتی" in which or "بعد" in which) and "هفته" in which:
            d = start + timedelta(days=7 + index)
        elif which and ("این" in which or "جاری" in which):
            d = start + timedelta(days=index)
        else:  # «یکشنبه» / «یکشنبه آینده»: the next one after publication
            d = start + timedelta(days=index)
            if d <= pub:
                d += timedelta(days=7)
        return d, d

    return resolve


def _wd_key(raw: str) -> str:
    squeezed = re.sub(_SP, " ", raw)
    for key in WEEKDAYS:
        if re.sub(_SP, " ", key) == squeezed:
            return key
    return squeezed


def _relative_day(m: re.Match[str]) -> Callable[[date | None], Range]:
    offset = {"امروز": 0, "امشب": 0, "فردا": 1, "پسفردا": 2}[re.sub(_SP, "", m["rd"])]

    def resolve(pub: date | None) -> Range:
        if pub is None:
            return None, None
        d = pub + timedelta(days=offset)
        return d, d

    return resolve


def _period(m: re.Match[str]) -> Callable[[date | None], Range]:
    unit, which, part = m["unit"], m["which"], m["part"]
    ahead = 0 if which in ("جاری", "این", "همین", None) else 1

    def resolve(pub: date | None) -> Range:
        if pub is None:
            return None, None
        if unit == "هفته":
            s = _week_start(pub) + timedelta(days=7 * ahead)
            e = s + timedelta(days=6)
        else:
            j = _jalali(pub)
            s = _add_months(_g(j.year, j.month, 1), ahead)
            js = _jalali(s)
            e = _g(js.year, js.month, 31)
        if part:
            return e, e
        return s, e

    return resolve


def _plus(day: date, n: float, unit: str) -> date:
    """``day`` and ``n`` of ``unit`` (ساعت، روز، هفته، ماه، سال)."""
    if unit == "ساعت":  # «ظرف ۷۲ ساعت»: by the end of the day the hours run out
        return day + timedelta(days=math.ceil(n / 24))
    if unit in UNIT_DAYS:
        return day + timedelta(days=round(n * UNIT_DAYS[unit]))
    if unit == "ماه":
        return _add_months(day, round(n)) if n == int(n) else day + timedelta(days=round(30 * n))
    return _add_months(day, round(12 * n))


def _duration(m: re.Match[str]) -> Callable[[date | None], Range]:
    # «یک سال و نیم», «دو ماه و نیم»: the half follows the unit
    n, unit = _count(m["n"]) + (0.5 if m["half"] else 0), m["unit"]

    def resolve(pub: date | None) -> Range:
        if pub is None:
            return None, None
        return pub, _plus(pub, n, unit)

    resolve.is_duration = True  # type: ignore[attr-defined]
    return resolve


def _nowruz(m: re.Match[str]) -> Callable[[date | None], Range]:
    year = re.search(r"1[34]\d\d", m.group())  # «نوروز ۱۴۰۸»: that year's, not the next one

    def resolve(pub: date | None) -> Range:
        if year is not None:
            d = jdatetime.date(int(year.group()), 1, 1).togregorian()
            return d, d
        if pub is None:
            return None, None
        d = _next_on_or_after(pub, 1, 1)
        return d, d

    return resolve


def _period_factory(m: re.Match[str]) -> Callable[[date | None], Range]:
    # «هفته آینده», «ماه جاری», «پایان ماه», «این هفته»: «this»/«next» may come before or after.
    which = m["w2"] or m["which"]
    if not (which or m["part"]):
        raise ValueError("a bare «ماه»/«هفته» names no period")  # «در ماه نخست»
    fake = {"unit": m["unit"], "which": which, "part": m["part"]}
    return _period(fake)  # type: ignore[arg-type]


def _named_year(pub: date, year: str | None, month: int, last_day: int) -> int:
    """Jalali year of a named period: explicit, «امسال», «آینده», else the next one not yet over."""
    if year and year.isdigit():
        return int(year)
    y = _jalali(pub).year
    if year in ("آینده", "آتی", "بعد"):
        return y + 1
    if year in ("امسال", "جاری"):
        return y
    return y if _g(y, month, last_day) >= pub else y + 1


def _season(m: re.Match[str]) -> Callable[[date | None], Range]:
    first = SEASONS[m["season"]]
    part, year = m["part"], m["year"]

    def resolve(pub: date | None) -> Range:
        if pub is None and not (year and year.isdigit()):
            return None, None
        y = _named_year(pub, year, first + 2, 29) if pub else int(year)  # type: ignore[arg-type]
        lo, hi = _g(y, first, 1), _g(y, first + 2, 31)
        if part in ("پایان", "آخر", "انتهای"):
            return hi, hi
        if part in ("ابتدای", "آغاز", "اول"):
            return lo, lo
        if part in ("اوایل", "اوائل"):
            return lo, _g(y, first, 31)
        if part == "اواخر":
            return _g(y, first + 2, 1), hi
        return lo, hi

    return resolve


def _fajr(m: re.Match[str]) -> Callable[[date | None], Range]:
    year = m["year"]

    def resolve(pub: date | None) -> Range:  # 12–22 Bahman
        if pub is None and not (year and year.isdigit()):
            return None, None
        y = _named_year(pub, year, 11, 22) if pub else int(year)  # type: ignore[arg-type]
        return _g(y, 11, 12), _g(y, 11, 22)

    return resolve


_HALVES = {"اول": 0, "نخست": 0, "دوم": 1, "آخر": 1, "پایانی": 1}
_QUARTERS = {"اول": 0, "نخست": 0, "دوم": 1, "سوم": 2, "چهارم": 3, "پایانی": 3, "آخر": 3}


def _half(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«نیمه دوم سال», «سه ماهه سوم ۱۴۰۳», «نیمه اول خرداد»: a half or a quarter of a year, or a half of
    a month."""
    part, month, year = m["part"], m["month"], m["year"] or m["bare"] or m["this"]
    which = m["which"] or ""
    half = _HALVES.get(m["h"] or m["h6"] or "")

    def resolve(pub: date | None) -> Range:
        if not (year and year.isdigit()) and pub is None:
            return None, None
        if month is not None:
            mo = MONTHS[month]
            lo_day, hi_day = (1, 15) if half == 0 else (16, 31)
            y = _year_of(pub, year) if pub else int(year)  # type: ignore[arg-type]
            if y is None:
                y = _jalali(pub).year  # type: ignore[arg-type]
                y += 1 if _g(y, mo, hi_day) < pub else 0  # type: ignore[operator]
            lo, hi = _g(y, mo, lo_day), _g(y, mo, hi_day)
        else:
            y = int(year) if year and year.isdigit() else _jalali(pub).year  # type: ignore[arg-type]
            y += 1 if which in ("آینده", "آتی", "بعد") else 0
            first, months = (6 * half + 1, 6) if half is not None else (3 * _QUARTERS[m["q"]] + 1, 3)
            lo, hi = _g(y, first, 1), _g(y, first + months - 1, 31)
        if part in ("پایان", "آخر", "انتهای"):
            return hi, hi
        if part in ("ابتدای", "آغاز"):
            return lo, lo
        return lo, hi

    return resolve


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
_FEAST_NAMES = r"فطر|قربان|اضحی|غدیر|مبعث|سعید|مبارک|پاک|کریسمس|میلاد|ولادت|بزرگ|نوروز|الله|باستانی|اکبر"
_LUNAR_NEAR = timedelta(days=45)


def _islamic_to_date(year: int, month: int, day: int) -> date:
    """A day of the tabular (arithmetic) Islamic calendar as a Gregorian date."""
    jdn = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return date.fromordinal(jdn - 1721425)


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
    if _LUNAR_TEXT.search(m.string):
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


def _day_range(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«از ۱۰ تا ۲۰ خرداد»: the month named once for both days."""
    second, first_day = _day_month(m), int(m["d1"])

    def resolve(pub: date | None) -> Range:
        _, hi = second(pub)
        if hi is None:
            return None, None
        j = _jalali(hi)
        lo = _g(j.year, j.month, first_day)
        return (lo, hi) if lo <= hi else (None, None)

    resolve.is_range = True  # type: ignore[attr-defined]
    return resolve


def _month_range(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«از مهر تا آذر»: the first day of one month to the last of the other, the coming range unless a
    year is named (in a range «مهر», «تیر» and «دی» are months, not words)."""
    first, last, year = MONTHS[m["m1"]], MONTHS[m["m2"]], m["year"]

    def resolve(pub: date | None) -> Range:
        y = _month_year(pub, year, last, 31)
        return (None, None) if y is None else (_g(y - 1 if first > last else y, first, 1), _g(y, last, 31))

    resolve.is_range = True  # type: ignore[attr-defined]
    return resolve


_SLICES = {"اول": 0, "نخست": 0, "دوم": 1, "سوم": 2, "چهارم": 3, "آخر": -1, "پایانی": -1}


def _month_slice(m: re.Match[str]) -> Callable[[date | None], Range]:
    """«هفته دوم خرداد», «دهه سوم مهر»: seven or ten days of a month («دوم خرداد» alone is a day)."""
    size = 7 if m["unit"] == "هفته" else 10
    k, month, year = _SLICES[m["ord"]], MONTHS[m["month"]], m["year"]

    def resolve(pub: date | None) -> Range:
        if not (year and year.isdigit()) and pub is None:
            return None, None
        y = _year_of(pub, year) if pub else int(year)  # type: ignore[arg-type]
        last = _month_len(y or _jalali(pub).year, month)  # type: ignore[arg-type]
        lo = last - size + 1 if k < 0 else size * k + 1
        hi = last if k < 0 or (size == 10 and k == 2) else min(lo + size - 1, last)
        if y is None:
            y = _jalali(pub).year  # type: ignore[arg-type]
            y += 1 if _g(y, month, hi) < pub else 0  # type: ignore[operator]
        return _g(y, month, lo), _g(y, month, hi)

    return resolve


_HALF_YEAR = (
    rf"(?:سال(?:{_SP}(?P<which>جاری|آینده|آتی|بعد))?(?:{_SP}(?P<year>\d{{4}}))?"
    rf"|(?P<this>امسال)|(?P<bare>1[34]\d\d))"
)
_HALF = (
    rf"{_B}(?:(?P<part>پایان|آخر|انتهای|ابتدای|آغاز){_SP})?"
    rf"(?:نیمه{_SP}(?P<h>اول|نخست|دوم)|شش{_SP0}ماهه?{_SP}(?P<h6>{_alt(_HALVES)})"
    rf"|سه{_SP0}ماهه?{_SP}(?P<q>{_alt(_QUARTERS)})){_SP}"
    rf"(?:{_HALF_YEAR}|{_MONTH}(?:{_SP0}ماه)?){_E}"
)

# «بهمن», «آذر», «آبان», «شهریور» are given names too: «از بهمن رضایی، مدیر منطقه، تشکر می‌کنم», «از بهمن
# کریمی و همکارانش تشکر می‌کنم», «از بهمن نوری که مسئول پروژه است می‌خواهیم ...». A name is followed by a
# surname, a comma and a title or another name («پس از بهمن رضایی، علی کریمی ...»), or, within its clause
# and before any other verb, by what one asks of or thanks a person for. A month is followed by what
# happens from or until it («از بهمن اجرا می‌شود»), also by a noun of asking with no verb of its own («از
# بهمن ثبت درخواست تسهیلات آغاز می‌شود») or by a list («از بهمن مترو، اتوبوس و تاکسی ...»).
_TITLE_AFTER_NAME = (
    r"(?:مدیر|معاون|رئیس|رییس|شهردار|عضو|سخنگو|دبیر|مسئول|مسوول|کارشناس|فرماندار|استاندار|بخشدار|دهیار"
    r"|نماینده|مشاور|سرپرست|فرمانده|قائم|همکار|که)"
)
_ASKED = (
    r"(?:(?:تشکر|قدردانی|سپاسگزاری|سپاس|خواهش|دلجویی)(?![\w\u200c])"
    rf"|(?:دعوت|درخواست|تقاضا|انتظار|توقع|گلایه|انتقاد|سوال|سؤال){_SP}(?:ن?می[ \u200c]?)?"
    rf"(?:کرد|کن|شد|شو|نمود|داشت|دار|به{_SP}عمل)"
    r"|(?:ن?می[ \u200c]?(?:خواه|پرس)|خواست|پرسید|شنید)(?![\w\u200c]*ها))"
)
_NAME_WORD = r"[^\s،,.:؛]+"
# a word (or a ZWNJ-joined part of one) of the clause before the verb of asking: not a present verb, nor
# another «از» (the one asked there: «از بهمن از شهروندان درخواست می‌شود ...»)
_CLAUSE_WORD = r"(?!(?:ن?می|خواهد)[ \u200c]?|از(?![\w\u200c]))[^\s\u200c،,.:؛؟!]+"
_NOT_A_LIST = rf"(?!{_SP0}{_NAME_WORD}{_SP0}(?:و{_E}|[،,]))"  # «مترو، اتوبوس و تاکسی» is a list
_GIVEN_NAME = (
    rf"(?!{_SP}{_NAME_WORD}[ \u200c]*[،,]{_SP0}(?:{_TITLE_AFTER_NAME}|{_NOT_A_LIST}))"
    rf"(?!(?:{_SP}{_CLAUSE_WORD}){{0,8}}?{_SP}{_ASKED})"
)

# «پایان ماه رمضان» is the end of a lunar month, not of this one (lunar dates are not resolved).
_LUNAR = rf"{_SP}(?:مبارک|رمضان|محرم|صفر|رجب|شعبان|ذی)"
_YEAR_WORDS = rf"(?:سال(?:{_SP}(?P<which>جاری|آینده|آتی|بعد))?|(?P<this>امسال))"
# «سال تحصیلی», «سال زراعی», «سال میلادی»: years that do not end in Esfand, so «پایان سال» is not theirs
# (the school year's end is read by ``_school_year_end``; no deadline is better than a wrong one).
_OTHER_YEAR = rf"(?!{_SP}(?:تحصیلی|زراعی|آبی|میلادی|قمری|مدرسه|دانشگاهی))"
_PATTERNS: list[tuple[re.Pattern[str], str, Callable[[re.Match[str]], Callable[[date | None], Range]]]] = [
    (re.compile(rf"{_B}(?P<y>\d{{4}})[/\-.](?P<mo>\d{{1,2}})[/\-.](?P<d>\d{{1,2}})(?!\d)"), "on", _numeric),
    (
        re.compile(
            rf"{_B}از{_SP}(?P<d1>\d{{1,2}}){_SP}(?:تا|لغایت|الی){_SP}{_DAY}{_SP}{_MONTH}(?:{_SP0}ماه)?{_YEAR}{_E}"
        ),
        "from",
        _day_range,
    ),
    (
        re.compile(
            rf"{_B}از{_SP}(?P<m1>{_alt(MONTHS)})(?:{_SP0}ماه)?{_SP}(?:تا|لغایت|الی){_SP}"
            rf"(?:پایان{_SP})?(?P<m2>{_alt(MONTHS)})(?:{_SP0}ماه)?{_YEAR}{_E}"
        ),
        "from",
        _month_range,
    ),
    (re.compile(_HALF), "on", _half),
    # «۱۵/۸/۱۴۰۳»: day first, as some sites write it (only with a Jalali year of this era)
    (re.compile(rf"{_B}(?P<d>\d{{1,2}})[/\-.](?P<mo>\d{{1,2}})[/\-.](?P<y>1[34]\d\d)(?!\d)"), "on", _numeric),
    (
        re.compile(
            rf"{_B}(?P<unit>هفته|دهه){_SP}(?P<ord>{_alt(_SLICES)}){_SP}{_MONTH}(?:{_SP0}ماه)?{_YEAR}{_E}"
        ),
        "on",
        _month_slice,
    ),
    (re.compile(rf"{_B}{_DAY}{_SP}{_MONTH}(?:{_SP0}ماه)?{_YEAR}{_E}"), "on", _day_month),
    (
        re.compile(rf"{_B}(?P<part>{_alt(_PART_DAYS)}){_SP}{_MONTH}(?:{_SP0}ماه)?{_YEAR}{_E}"),
        "on",
        _month_part,
    ),
    (
        re.compile(
            rf"{_B}(?P<part>){_MONTH}(?:{_SP0}ماه(?:{_SP}(?:سال{_SP})?(?P<year>\d{{4}}|امسال|{_NEXT_YEAR}))?"
            rf"|{_SP}(?:سال{_SP})?(?P<year2>\d{{4}})){_E}"
        ),
        "on",
        _month_part,
    ),
    # «خرداد آینده» (the coming one), «آبان سال آینده», «اسفند امسال»: a month named with its year needs no
    # «ماه»; «تا خرداد», «از بهمن»: after «تا» or «از», a month whose name is no other word («تیر», «مهر»,
    # «دی» are) is one, unless it is a given name (``_GIVEN_NAME``).
    (
        re.compile(
            rf"{_B}(?P<part>){_MONTH}(?:{_SP0}ماه)?{_SP}"
            rf"(?:(?P<next>آینده|آتی)|(?:سال{_SP})?(?P<year>امسال|جاری|{_NEXT_YEAR}|1[34]\d\d)){_E}"
        ),
        "on",
        _month_part,
    ),
    (
        re.compile(rf"(?<=(?:تا|از) )(?P<part>)(?P<month>{_PLAIN_MONTH})(?P<year>){_E}{_GIVEN_NAME}"),
        "on",
        _month_part,
    ),
    # «تا دی», «قبل از مهر»: a month that is also a word is one only after a bound of «by» whose clause goes
    # on in a present or future verb («پل تا دی تمام می‌شود»); «از مهر شما» (kindness) and «تا دی» told in
    # the past are left alone (see ``_word_month``).
    (
        re.compile(
            rf"(?:(?<=تا )|(?<=قبل از )|(?<=پیش از ))(?P<part>)(?P<month>{_alt(_WORD_MONTHS)})(?P<year>)"
            rf"{_E}(?!{_SP0}(?:و|ماه|را|شما|تو|او|ما|چراغ|برق|دروازه){_E}){_GIVEN_NAME}"
        ),
        "on",
        _word_month,
    ),
    (
        re.compile(
            rf"{_B}(?P<part>پایان|آخر|انتهای|انتها|اواخر|اواسط|ابتدای|آغاز|اوایل|اوائل){_SP}"
            rf"(?:{_YEAR_WORDS}(?:{_SP}(?P<year>\d{{4}}))?){_E}{_OTHER_YEAR}"
        ),
        "on",
        _year_part,
    ),
    (
        re.compile(
            rf"{_B}(?:پایان|آخر|انتهای|انتها|اتمام|خاتمه){_SP}سال{_SP}تحصیلی"
            rf"(?:{_SP}(?P<which>جاری|آینده|آتی|بعد)|{_SP}(?P<y1>1[34]\d\d){_SP0}[-–/]{_SP0}(?P<y2>1[34]\d\d))?{_E}"
        ),
        "on",
        _school_year_end,
    ),
    (
        re.compile(
            rf"{_B}(?:طی{_SP})?سال{_SP0}(?:ها|های){_SP}(?P<y1>1[34]\d\d){_SP}(?:تا|الی|لغایت){_SP}(?P<y2>1[34]\d\d){_E}"
        ),
        "on",
        _year_range,
    ),
    (re.compile(rf"{_B}(?P<part>)سال{_SP}(?P<year>\d{{4}})(?P<which>){_E}"), "on", _year_part),
    # «تا پایان ۱۴۰۳»: a bare year after «پایان» (only a year of this era: «پایان ۵۰۰ متر» is not one)
    (
        re.compile(
            rf"{_B}(?P<part>پایان|آخر|انتهای|انتها|اواخر|ابتدای|آغاز|اوایل|اوائل){_SP}(?P<year>1[34]\d\d)(?P<which>){_E}"
        ),
        "on",
        _year_part,
    ),
    (
        re.compile(rf"{_B}(?P<part>)(?:سال{_SP}(?P<which>آینده|آتی|بعد)|امسال|سال{_SP}جاری)(?P<year>){_E}"),
        "on",
        _year_part,
    ),
    (
        re.compile(
            rf"{_B}(?P<wd>{_alt(WEEKDAYS)})(?P<which>{_SP}(?:هفته{_SP}(?:آینده|آتی|بعد|جاری)|"
            rf"این{_SP}هفته|آینده|آتی))?{_HOUR}{_E}"
        ),
        "on",
        _weekday,
    ),
    (re.compile(rf"{_B}(?P<rd>امروز|امشب|فردا|پس{_SP}?فردا){_HOUR}{_E}"), "on", _relative_day),
    (
        re.compile(
            rf"{_B}(?<!چند[ \u200c])(?<!چندین[ \u200c])(?:(?P<part>پایان|آخر|انتهای){_SP})?"
            rf"(?:(?P<which>این|همین){_SP})?(?P<unit>هفته|ماه)(?!{_LUNAR})"
            rf"(?:{_SP}(?P<w2>جاری|آینده|آتی|بعد(?!{_SP}از{_E})))?{_E}"
        ),
        "on",
        _period_factory,
    ),
    (
        re.compile(
            rf"{_B}(?:(?P<part>{_alt(_SEASON_PARTS)}){_SP})?(?:فصل{_SP})?(?P<season>{_alt(SEASONS)})"
            rf"(?:{_SP}(?:سال{_SP})?(?P<year>امسال|جاری|آینده|آتی|بعد|\d{{4}}))?{_E}"
        ),
        "on",
        _season,
    ),
    (
        re.compile(
            rf"{_B}دهه{_SP}(?:مبارک{_SP})?فجر(?:{_SP}(?:سال{_SP})?(?P<year>امسال|جاری|آینده|\d{{4}}))?{_E}"
        ),
        "on",
        _fajr,
    ),
    (
        re.compile(
            rf"{_B}(?:(?:حداکثر{_SP})?(?:ظرف|طی|در{_SP}مدت|در{_SP}عرض|در|برای){_SP}(?:مدت{_SP})?)?"
            rf"{_NUMBER}{_SP}{_UNIT}{_HALF_UNIT}{_SP}(?P<fut>{_FUTURE}){_E}"
        ),
        "by",
        _duration,
    ),
    (
        re.compile(
            rf"{_B}(?:حداکثر{_SP})?(?P<within>ظرف|طی|در{_SP}مدت|در{_SP}عرض){_SP}(?:مدت{_SP})?"
            rf"{_NUMBER}{_SP}{_UNIT}{_HALF_UNIT}{_E}{_NOT_PART}"
        ),
        "within",
        _duration,
    ),
    # «شهرداری یک ماه فرصت دارد تا ...», «۱۰ روز مهلت داده شد»: a period of grace runs from publication
    # («۶ ماه زمان می‌برد» is how long a job takes, no grace)
    (
        re.compile(rf"{_B}(?P<within>){_NUMBER}{_SP}{_UNIT}{_HALF_UNIT}(?={_SP}(?:فرصت|مهلت){_E})"),
        "within",
        _duration,
    ),
    # A year after «نوروز» is a Jalali year of this era (13xx, 14xx): «تا عید نوروز ۱۰۰۰ اتوبوس» counts buses.
    (
        re.compile(
            rf"{_B}(?P<part>(?:پایان|آخر|اتمام){_SP})?(?:تعطیلات|ایام){_SP}(?:(?:عید{_SP})?نوروز(?:ی)?|عید)"
            rf"(?:{_SP}(?:سال{_SP})?(?P<year>1[34]\d\d))?{_E}(?!{_SP}(?:{_FEAST_NAMES}){_E})"
        ),
        "on",
        _nowruz_holidays,
    ),
    (re.compile(rf"{_B}(?:عید{_SP})?نوروز(?:{_SP}(?:سال{_SP})?1[34]\d\d)?{_E}"), "on", _nowruz),
    (re.compile(rf"{_B}شب{_SP}عید(?:{_SP}نوروز)?{_E}"), "on", _nowruz_eve),
    (re.compile(rf"{_B}شب{_SP}یلدا{_E}"), "on", _yalda),
    (
        re.compile(
            rf"{_B}عید(?:{_SP}(?:امسال|سال{_SP}جاری))?{_E}(?!{_SP}(?:{_FEAST_NAMES}){_E})(?!{_SP0}[-–])"
        ),
        "on",
        _bare_eid,
    ),
    (
        re.compile(rf"{_B}(?:(?:آغاز|شروع){_SP}سال{_SP}تحصیلی(?:{_SP}جدید)?|بازگشایی{_SP}مدارس){_E}"),
        "on",
        _school_year,
    ),
]


def _fold(text: str) -> str:
    return text.translate(_FOLD)


_Factory = Callable[[re.Match[str]], Callable[[date | None], Range]]


def _raw_matches(folded: str) -> list[tuple[int, int, str, re.Match[str], _Factory]]:
    found = []
    for pattern, kind, factory in _PATTERNS:
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                found.append((m.start(), m.end(), kind, m, factory))
    # Earliest first, longest first; greedy keeps non-overlapping spans.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, re.Match[str], _Factory]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def _expressions(text: str) -> list[_Expr]:
    return _merge_ranges(_fold(text), _merge_weekday(_fold(text), _single_expressions(text)))


def _merge_weekday(folded: str, exprs: list[_Expr]) -> list[_Expr]:
    """«پنجشنبه ۱۰ بهمن», «شنبه، ۱۵ اردیبهشت»: a weekday right before a date is part of it; the date
    decides."""
    out: list[_Expr] = []
    for e in exprs:
        prev = out[-1] if out else None
        if (
            prev
            and re.fullmatch(r"[\s\u200c]*،?[\s\u200c]*", folded[prev.end : e.start])
            and re.fullmatch(rf"(?:از{_SP})?(?:روز{_SP})?(?:{_alt(WEEKDAYS)})", folded[prev.start : prev.end])
        ):
            kind = prev.kind if prev.kind in ("from", "by") else e.kind
            out[-1] = _Expr(prev.start, e.end, kind, e.resolve, prev.before or e.before)
        else:
            out.append(e)
    return out


def _merge_ranges(folded: str, exprs: list[_Expr]) -> list[_Expr]:
    """«از ۲۵ اسفند تا ۱۳ فروردین» is one expression: from the first to the end of the second."""
    out: list[_Expr] = []
    for e in exprs:
        prev = out[-1] if out else None
        # «لغایت» and «الی» are the «تا» of official notices («از ۲۰ خرداد لغایت ۳۰ تیر»)
        joined = re.fullmatch(rf"{_SP}(?:تا|لغایت|الی){_SP}", folded[prev.end : e.start]) if prev else None
        if prev and prev.kind == "from" and joined:
            first, second = prev.resolve, e.resolve
            # «از شنبه تا چهارشنبه» on a Tuesday crosses into the next week, not the next year; so does «از
            # شنبه تا پایان هفته» (the week the Saturday opens)
            to = folded[e.start : e.end]
            on_day = re.fullmatch(rf"(?:از{_SP})?(?:{_alt(WEEKDAYS)})", folded[prev.start : prev.end])
            week = re.fullmatch(_alt(WEEKDAYS), to) is not None or (on_day is not None and "هفته" in to)

            def resolve(pub: date | None, first=first, second=second, week=week) -> Range:  # type: ignore[no-untyped-def]
                lo, _ = first(pub)
                _, hi = second(pub)
                if lo and hi and hi < lo:  # «از ۲۵ اسفند تا ۱۳ فروردین» crosses the new year
                    hi = hi + timedelta(days=7) if week else _add_months(hi, 12)
                return lo, hi

            resolve.is_range = True  # type: ignore[attr-defined]
            out[-1] = _Expr(prev.start, e.end, "from", resolve)
        else:
            out.append(e)
    return out


def _single_expressions(text: str) -> list[_Expr]:
    folded = _fold(text)
    out = []
    for start, end, kind, m, factory in _raw_matches(folded):
        if "fut" in m.re.groupindex:
            kind = "within" if _has_within(m.group()) else "on"
        if "year2" in m.re.groupindex and m["year2"]:
            m = _with_year(m)
        try:
            resolver = factory(m)
        except (KeyError, ValueError) as exc:
            log.debug("skipping date expression %r: %s", m.group(), exc)
            continue
        prefix = folded[max(0, start - 30) : start]
        by = BY_PREFIX.search(prefix)
        if kind == "on" and by:
            kind = "by"
            before = bool(re.search(r"(?:قبل|پیش)\s+از", by.group()))
            out.append(_Expr(start, end, kind, resolver, before))
            continue
        elif kind == "on" and (since := FROM_PREFIX.search(prefix)) is not None:
            start = start - len(since.group())
            offset = _OFFSET.search(folded[max(0, start - 30) : start]) if since["after"] else None
            if offset is not None:  # «دو هفته پس از نوروز»: that day, not a start
                start -= len(offset.group())
                resolver = _later(
                    resolver, _count(offset["n"]) + (0.5 if offset["half"] else 0), offset["unit"]
                )
            else:
                kind = "from"
                resolver = _after(resolver) if since["after"] else resolver
        out.append(_Expr(start, end, kind, resolver))
    return out


# A period before «پس از / بعد از» counts from what is named: «دو هفته پس از نوروز», «ده روز بعد از ۱۵ آذر».
_OFFSET = re.compile(rf"{_B}{_NUMBER}{_SP}{_UNIT}{_HALF_UNIT}{_SP}$")


def _later(resolve: Resolver, n: float, unit: str) -> Resolver:
    """``n`` ``unit`` after what ``resolve`` names ends: one day («دو هفته پس از نوروز» is 15 Farvardin)."""

    def later(pub: date | None) -> Range:
        _lo, hi = resolve(pub)
        if hi is None:
            return None, None
        day = _plus(hi, n, unit)
        return day, day

    return later


def _after(resolve: Resolver) -> Resolver:
    """«پس از نوروز», «بعد از آذر»: from the day after what is named ends (1 Dey for «بعد از آذر»)."""

    def after(pub: date | None) -> Range:
        lo, hi = resolve(pub)
        if hi is None:
            return lo, hi
        return hi + timedelta(days=1), hi + timedelta(days=1)

    return after


def _has_within(s: str) -> bool:
    return bool(re.match(rf"(?:حداکثر{_SP})?(?:ظرف|طی|در|برای){_SP}", s))


class _YearMatch:
    """A match whose ``year`` group reads from ``year2`` («مهر ۱۴۰۰» written without «ماه»)."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        return self._m["year2"] if key == "year" else self._m[key]


def _with_year(m: re.Match[str]) -> re.Match[str]:
    return _YearMatch(m)  # type: ignore[return-value]


def find_date_expressions(text: str) -> list[tuple[int, int]]:
    """Spans of date and deadline expressions in ``text`` (as ``Deadline.text`` would cover them)."""
    return [(e.start, e.end) for e in _expressions(text)]


def _deadline(text: str, expr: _Expr, pub: date | None) -> Deadline:
    try:
        lo, hi = expr.resolve(pub)
    except ValueError as exc:
        log.info("date expression %r does not resolve: %s", text[expr.start : expr.end], exc)
        lo, hi = None, None
    named = text[expr.start : expr.end]
    lo, hi = _just_gone(lo, hi, pub, expr.kind, named, _tense_after(text, expr.end), expr.before)
    if (
        expr.kind == "on"
        and lo is not None
        and hi is not None
        and expr.resolve is not None
        and getattr(expr.resolve, "is_duration", False)
    ):
        lo = hi  # «دو هفته دیگر» alone is a point in time, not a span
    if expr.before and hi is not None and not re.match(r"(?:پایان|آخر|انتها|اواخر)", named):
        # «قبل از ۱۵ آبان» is done by the 14th; before a span, by the day before it opens («پیش از تعطیلات
        # نوروز» by 29 Esfand, not by the holidays' third day)
        hi = (lo if lo is not None else hi) - timedelta(days=1)
        lo = min(lo, hi) if lo is not None else lo
    if expr.kind == "by":
        lo = pub if pub and hi and pub <= hi else lo
    elif expr.kind == "from" and not getattr(expr.resolve, "is_range", False):
        hi = None
    return Deadline(text=text[expr.start : expr.end], start=lo, end=hi, kind=expr.kind)  # type: ignore[arg-type]


# A year named in the expression: then no other year is meant («از ابتدای مهر ۱۴۰۴», «از اول دی امسال»); a
# part of the year itself («تا پایان سال» in Farvardin) is this year's.
_YEAR_NAMED = re.compile(r"\d{4}|[۰-۹]{4}|سال|جاری|آینده|آتی|بعد|گذشته|قبل|پیش")
# How far back a date with no year may lie: «از ابتدای مهر» in Aban is the Mehr just gone (the time since
# then) and «تا پایان مهر ... ۴۰ درصد است» counts up to its end; ten months ahead is not what a bare month
# means. A «from» period is placed by its start, any other by its end.
_RECENT = timedelta(days=92)
# An end («تا پایان شهریور») is placed a year back only when just gone: in Azar, «خط ۱۰ تا پایان شهریور
# افتتاح می‌شود» promises the next Shahrivar; «تا پایان مهر ... ۴۰ درصد است» in Aban counts to its end.
_RECENT_END = timedelta(days=45)
# A start told in the future may lag its day by this much in the news (see ``_just_begun``).
_JUST_BEGUN = timedelta(days=15)


# The verb of the clause a bound opens says which occurrence a month with no year is: in Azar «از شهریور
# آغاز می‌شود», «... خواهد شد» is the coming Shahrivar, «از شهریور آغاز شد» the one gone. The first verb after
# the bound decides («از مهر آغاز شد و تا پایان سال ادامه خواهد داشت» began in the last Mehr). A present that
# starts nothing («از ابتدای مهر روزانه ۱۲۰۰ تن پسماند جمع‌آوری می‌شود», in Aban) may count since then: it is
# left to the recency rule of ``_just_gone``.
_TENSE = re.compile(
    r"(?<![\w\u200c])(?:"
    r"(?P<future>ن?خواه(?:د|ند|یم|م))"
    r"|(?P<present>ن?می[ \u200c]\w+|شود|شوند|کند|کنند|کنیم|گردد|گردند)"
    r"|(?P<past>(?:شد|شدند|کرد|کردند|کردیم|گردید|گردیدند|نمود|نمودند|یافت|یافتند|خورد|بود|بودند)"
    r"|(?:شده|کرده|گرفته|خورده|یافته|گردیده)(?:[ \u200c]?(?:است|اند|بود|بودند))?)"
    r")(?![\w\u200c])"
)
# A present (or subjunctive) of starting something is future: what has begun is told in a perfect.
_STARTS = re.compile(r"(?:آغاز|شروع|کلید|افتتاح|راه[ \u200c]?اندازی|بازگشایی)[ \u200c]+$")
_CLAUSE_STOP = re.compile(r"[.؛!؟?\n]")
# What a past verb may move back: a month, a season or a part of one («از ابتدای مهر»), not a weekday.
_YEARLY_NAME = re.compile(rf"{_alt(MONTHS)}|{_alt(SEASONS)}")


# A clause opened after the bound by a subordinator is told in the past whatever its time («از بهمن و پس از
# آنکه مجوزها صادر شد آغاز می‌شود», «از بهمن که فصل بارش تمام شد، ... آغاز می‌شود»): its verb is not the
# bound's. A bound inside such a clause («پروژه‌ای که از اسفند کلید خورد») keeps the verb that closes it.
_SUBORDINATOR = re.compile(
    r"(?<![\w\u200c])(?:(?:آن|این)\u200c?که|که|اگر|چنانچه|وقتی|هرگاه|هنگامی|زمانی)(?![\w\u200c])"
)
# A participle with no auxiliary tells a past only at the end of its clause («از بهمن آغاز شده و ...»);
# before a form of «شدن» it is a passive's («تحویل گرفته نمی‌شود», «در نظر گرفته خواهد شد») and before
# anything else an adjective («عوارض تعیین شده در مصوبه ... دریافت می‌شود»).
_BARE_PARTICIPLE = re.compile(r"(?:شده|کرده|گرفته|خورده|یافته|گردیده)$")
_CLAUSE_END = re.compile(r"\s*(?:[،,؛:.!?؟»)\n]|و(?![\w\u200c])|$)")


def _tense_after(text: str, end: int) -> str | None:
    """«future» or «past» by the first verb after ``end`` in its sentence (see ``_TENSE``), else ``None``."""
    stop = _CLAUSE_STOP.search(text, end)
    limit = stop.start() if stop else len(text)
    pos = end
    while (m := _TENSE.search(text, pos, limit)) is not None:
        subordinate = _SUBORDINATOR.search(text, pos, m.start()) is not None
        pos = m.end()
        if subordinate or (
            _BARE_PARTICIPLE.search(m.group()) and not _CLAUSE_END.match(text, m.end(), limit)
        ):
            continue
        if m.lastgroup == "present":
            return "future" if _STARTS.search(text, 0, m.start()) else None
        return m.lastgroup
    return None


def _clause_tense(text: str, end: int) -> str | None:
    """The group («future», «present», «past») of the first main verb after ``end`` in its clause."""
    stop = re.compile(r"[.؛!؟?\n،,]").search(text, end)
    m = _TENSE.search(text, end, stop.start() if stop else len(text))
    if m is None or _SUBORDINATOR.search(text, end, m.start()):
        return None
    return m.lastgroup


def _just_gone(
    lo: date | None,
    hi: date | None,
    pub: date | None,
    kind: str,
    named: str,
    tense: str | None = None,
    before: bool = False,
) -> Range:
    """``(lo, hi)`` of a bound («از ...», «تا ...») a year earlier when the next occurrence is ten months or
    more ahead and the last one (its start for «from», its end for «by») lies at most ``_RECENT`` (for «by»,
    ``_RECENT_END``; for «قبل از», whose day is the one before it opens, its start) before ``pub``. A plain
    date keeps the next occurrence (see the module docstring). ``tense`` (``_tense_after``) overrides: a
    future verb keeps the next occurrence (unless a start just gone, ``_just_begun``), and a past one puts a
    start in a month or season still ahead a year back («از اسفند آغاز شد» in Azar)."""
    ref = lo if kind == "from" or before else (hi or lo)
    if kind not in ("from", "by") or pub is None or lo is None or ref is None or _YEAR_NAMED.search(named):
        return lo, hi
    if tense == "future":
        return _just_begun(lo, hi, pub) if kind == "from" else (lo, hi)
    if tense == "past" and kind == "from" and lo > pub and _YEARLY_NAME.search(_fold(named)):
        return _add_months(lo, -12), (_add_months(hi, -12) if hi is not None else None)
    earlier = _add_months(ref, -12)
    recent = _RECENT if kind == "from" else _RECENT_END
    if not (pub - recent <= earlier < pub and ref - earlier > timedelta(days=300)):
        return lo, hi
    return _add_months(lo, -12), (_add_months(hi, -12) if hi is not None else None)


def _just_begun(lo: date, hi: date | None, pub: date) -> Range:
    """A start with a future verb a year ahead whose last occurrence began at most ``_JUST_BEGUN`` before
    ``pub`` is that one: «از ابتدای دی ... اجرا خواهد شد» on 5 Dey tells of this Dey, just begun (the news
    lags the start), not of the next year's."""
    earlier = _add_months(lo, -12)
    if not (pub - _JUST_BEGUN <= earlier <= pub and lo - earlier > timedelta(days=300)):
        return lo, hi
    return earlier, (_add_months(hi, -12) if hi is not None else None)


def deadlines_in(text: str, published: date | datetime | None) -> list[tuple[int, int, Deadline]]:
    """Every date expression of ``text`` resolved: ``(start, end, Deadline)``."""
    pub = _tehran_date(published)
    return [(e.start, e.end, _deadline(text, e, pub)) for e in _expressions(text)]


def resolve_deadline(text: str, published: date | datetime | None) -> Deadline | None:
    """The deadline ``text`` states, resolved against ``published``; ``None`` when it states none.

    When several expressions occur, a bounded one (by / within / from) wins over a plain date, and
    otherwise the first one does. Without a publication date, relative expressions keep their text
    but have no dates.
    """
    found = deadlines_in(text, published)
    if not found:
        return None
    bounded = [d for _s, _e, d in found if d.kind in ("by", "within", "from")]
    return bounded[0] if bounded else found[0][2]


def parse_jalali_or_gregorian(s: str) -> date:
    """A date from a CLI argument: «۱۴۰۰/۰۷/۱۰», ``1400-07-10``, ``2021-10-02`` or «۱۰ مهر ۱۴۰۰».

    Years before 1700 are Jalali. Raises ``ValueError`` naming the problem for non-dates such as
    «۳۱ اسفند ۱۴۰۳» (Esfand never has 31 days).
    """
    # Pasted dates carry direction marks and spaces around the separators: «‏۱۴۰۳ / ۰۵ / ۰۱».
    folded = _fold(re.sub(r"[\u200e\u200f\u202a-\u202e]", "", s).strip())
    m = re.fullmatch(r"(?P<y>\d{4})\s*[/\-.]\s*(?P<mo>\d{1,2})\s*[/\-.]\s*(?P<d>\d{1,2})", folded)
    if m:
        try:
            return _numeric_date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError as exc:
            raise ValueError(f"{s!r} is not a valid date: {exc}") from exc
    m = re.fullmatch(rf"(?P<d>\d{{1,2}}){_SP}(?P<mo>{_alt(MONTHS)})(?:{_SP0}ماه)?{_SP}(?P<y>\d{{4}})", folded)
    if m:
        y, mo, d = int(m["y"]), MONTHS[m["mo"]], int(m["d"])
        if not 1 <= d <= _month_len(y, mo):
            raise ValueError(f"{s!r} is not a date: {m['mo']} {y} has {_month_len(y, mo)} days")
        return jdatetime.date(y, mo, d).togregorian()
    raise ValueError(f"{s!r} is not a date; use 1400/07/10, 1400-07-10, 2021-10-02 or «۱۰ مهر ۱۴۰۰»")
