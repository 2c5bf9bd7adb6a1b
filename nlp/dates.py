"""Persian date and deadline expressions, resolved against an article's publication date.

Jalali arithmetic uses jdatetime per call (no global locale). A day-and-month with no year («۱۰ مهر ماه»)
means the next such date on or after publication; weeks start on Saturday, as in Iran. ``Deadline.text``
is the expression as written; a leading «تا» / «قبل از» only says *by* and is carried by ``kind="by"``,
while «از», «ظرف», «طی» change which dates are meant and stay in the text (see the dev-set GUIDE.md).

This module is the entry point: it turns recognised expressions into ``Deadline``s, choosing the year of a
bound by tense and recency. The calendar and holidays are in ``nlp.jalali``, the patterns that recognise
expressions in ``nlp.date_patterns``, and what each pattern's match means in ``nlp.date_resolvers``.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

import jdatetime

from goftar.model import Deadline
from nlp.date_patterns import BY_PREFIX, FROM_PREFIX, _Expr, _expressions, find_date_expressions
from nlp.date_resolvers import _numeric_date, _tense_after
from nlp.jalali import (
    _SP,
    _SP0,
    MONTHS,
    ORDINAL_DAYS,
    SEASONS,
    UNIT_DAYS,
    WEEKDAYS,
    Range,
    Resolver,
    _add_months,
    _alt,
    _fold,
    _month_len,
    tehran_date,
)

# What callers import from here, wherever it now lives (the entry point stays ``nlp.dates``).
__all__ = [
    "BY_PREFIX",
    "FROM_PREFIX",
    "MONTHS",
    "ORDINAL_DAYS",
    "SEASONS",
    "UNIT_DAYS",
    "WEEKDAYS",
    "Range",
    "Resolver",
    "deadlines_in",
    "find_date_expressions",
    "parse_jalali_or_gregorian",
    "resolve_deadline",
]

log = logging.getLogger(__name__)


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
# What a past verb may move back: a month, a season or a part of one («از ابتدای مهر»), not a weekday.
_YEARLY_NAME = re.compile(rf"{_alt(MONTHS)}|{_alt(SEASONS)}")


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
    pub = tehran_date(published)
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
