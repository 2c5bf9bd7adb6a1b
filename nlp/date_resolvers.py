"""Resolvers of date expressions: one factory per pattern of ``nlp.date_patterns``, turning a match into
the days it names given the publication day, and the reading of the verb after a bound (its tense) that
chooses the year of a month named without one.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from datetime import date, timedelta

import jdatetime

from nlp.jalali import (
    _SP,
    MONTHS,
    ORDINAL_DAYS,
    SEASONS,
    UNIT_DAYS,
    WEEKDAYS,
    Range,
    _add_months,
    _g,
    _jalali,
    _month_len,
    _next_on_or_after,
    _week_start,
    _year_of,
)
from nlp.numbers import parse_quantity

# The logger of ``nlp.dates``, whose code this was: log settings and filters keyed on it keep working.
log = logging.getLogger("nlp.dates")


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
        if not 1 <= mo <= 12:
            raise ValueError(f"{y}/{mo:02d}/{d:02d} is not a Jalali date (a year has 12 months)")
        if not 1 <= d <= _month_len(y, mo):
            raise ValueError(
                f"{y}/{mo:02d}/{d:02d} is not a Jalali date (month {mo} of {y} has {_month_len(y, mo)} days)"
            )
        return jdatetime.date(y, mo, d).togregorian()
    try:
        return date(y, mo, d)
    except ValueError as exc:  # Python's own words («day is out of range for month») name no date
        raise ValueError(f"{y}-{mo:02d}-{d:02d} is not a Gregorian date ({exc})") from exc


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
        elif which and ("این" in which or "همین" in which or "جاری" in which):
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
