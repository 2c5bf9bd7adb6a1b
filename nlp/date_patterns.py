"""Recognising date and deadline expressions in Persian text: the patterns, and the bounds before them
(«تا», «از», «پس از») that decide whether an expression is a day, a deadline or a start.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from nlp.date_resolvers import (
    _HALVES,
    _PART_DAYS,
    _QUARTERS,
    _SLICES,
    _count,
    _day_month,
    _day_range,
    _duration,
    _fajr,
    _half,
    _month_part,
    _month_range,
    _month_slice,
    _nowruz,
    _numeric,
    _period_factory,
    _plus,
    _relative_day,
    _season,
    _wd_key,
    _weekday,
    _word_month,
    _year_part,
    _year_range,
)
from nlp.jalali import (
    _B,
    _E,
    _FEAST_NAMES,
    _SEASON_PARTS,
    _SP,
    _SP0,
    _UNIT,
    MONTHS,
    ORDINAL_DAYS,
    SEASONS,
    WEEKDAYS,
    Range,
    Resolver,
    _add_months,
    _alt,
    _bare_eid,
    _fold,
    _nowruz_eve,
    _nowruz_holidays,
    _school_year,
    _school_year_end,
    _yalda,
)
from nlp.numbers import ONES

# The logger of ``nlp.dates``, whose code this was: log settings and filters keyed on it keep working.
log = logging.getLogger("nlp.dates")

# Whole words only: «میدان نماز هفته آینده» has no «از», «روستا ۱۵ خرداد» no «تا».
BY_PREFIX = re.compile(
    r"(?<![\w\u200c])(?:حداکثر\s+)?(?:تا|لغایت|قبل\s+از|پیش\s+از|تا\s+قبل\s+از|تا\s+پیش\s+از)\s+(?:روز\s+)?$"
)
# «پس از نوروز», «بعد از عید»: a start bound too, kept whole in the text (it is not «از نوروز»); what it
# names has to be over first, so the period starts the day after it (see ``_after``).
# «کمتر از / بیش از دو ماه دیگر» compare a period: no start («بیش از» is no bound at all).
FROM_PREFIX = re.compile(
    r"(?<![\w\u200c])(?<!کمتر )(?<!بیش )(?<!بیشتر )(?P<after>(?:پس|بعد)\s+)?از\s+(?:روز\s+)?$"
)

_MONTH = f"(?P<month>{_alt(MONTHS)})"
_WORD_MONTHS = ("تیر", "مهر", "دی")  # also «arrow», «seal/kindness», «yesterday's» in running text
_PLAIN_MONTH = _alt(m for m in MONTHS if m not in _WORD_MONTHS)
# «بلوار ۲۹ بهمن», «خیابان ۱۷ شهریور», «میدان ۱۵ خرداد», «پل ۲۲ بهمن»: a date right after a street, square or
# station names the place (as «پل غدیر» names no feast); «این پل ۲۲ بهمن افتتاح می‌شود» says when it opens.
_PLACE_BEFORE = re.compile(
    r"(?<![\w\u200c])(?<!این )(?<!آن )(?<!همین )(?<!همان )"
    r"(?:بلوار|خیابان|میدان|پل|بزرگراه|اتوبان|کوچه|تقاطع|چهارراه|ایستگاه|فلکه|محله|شهرک|کوی)[\s\u200c]+$"
)
_NUMWORD = _alt(k for k in ONES if k != "صفر")
_NUMBER = rf"(?P<n>\d+(?:[./]\d+)?|(?:{_NUMWORD})(?:\s+و\s+(?:{_NUMWORD}|نیم))*)"
_DAY = rf"(?P<day>\d{{1,2}}(?:\s?ام|م)?|{_alt(ORDINAL_DAYS)})"
# A year written in figures: the Jalali years of this era (13xx, 14xx) or Gregorian ones (19xx, 20xx);
# «تا پایان سال ۱۰۰۰ دستگاه اتوبوس» counts buses, it names no year.
_YEAR_NUM = r"(?:[1۱][349۳۴۹]\d\d|[2۲][0۰]\d\d)"
# «۱۵ خرداد سال آینده»: «آینده» names next year only after «سال» («خرداد آینده» is the coming Khordad).
_NEXT_YEAR = r"(?<=سال[\s\u200c])(?:آینده|آتی|بعد|جاری)"
_YEAR = rf"(?:{_SP}(?:سال{_SP})?(?P<year>{_YEAR_NUM}|امسال|جاری|{_NEXT_YEAR}))?"
# «یک هفته بعد از عید فطر»: «بعد از» counts from an event, not from publication.
_FUTURE = rf"(?:آینده|آتی|بعد(?!{_SP}از{_E})|دیگر)"
# «شش ماه نخست سال آینده», «سه ماه اول سال»: a count before an ordinal is a part of a year (see ``_HALF``).
_NOT_PART = rf"(?!{_SP}(?:اول|نخست|دوم|سوم|چهارم|آخر|پایانی){_E})"
_HALF_UNIT = rf"(?P<half>{_SP}و{_SP}نیم)?"
# «کمتر از دو ماه دیگر», «در کمتر از یک هفته»: within the period, as «ظرف» is (not «از دو ماه دیگر», a start);
# «بیش از دو ماه دیگر» is an open lower bound, no date.
_LESS = rf"(?:در{_SP})?کمتر{_SP}از"
_NOT_MORE = r"(?<!بیش از )(?<!بیشتر از )"
# «فردا ساعت ۱۰», «شنبه ساعت ۸ صبح»: the hour belongs to the day it follows (it does not move the day).
_HOUR = rf"(?:{_SP}ساعت{_SP}\d{{1,2}}(?:[:/]\d{{2}})?(?:{_SP}(?:صبح|ظهر|عصر|شب|بعدازظهر))?(?![\d:/]))?"


# «امام جمعه», «نماز جمعه», «جمعه بازار», «جمعه‌ها(ی)»: a weekday in a name or a plural (a habit) names no day;
# one that says which week («خیابان امام جمعه آینده ...», «نماز جمعه این هفته») is the day.
_NOT_A_DAY = (
    "(?!(?:"
    + "|".join(rf"(?<={w}[ \u200c])" for w in ("امام", "نماز", "بازار", "خطبه", "خطیب"))
    + rf")جمعه(?!{_SP}(?:آینده|آتی|این|همین|هفته{_SP}(?:آینده|آتی|بعد|جاری))))"
)
# «جمعه بازار کتاب», «سه‌شنبه بازار نارمک»: a weekday before «بازار» names the market, not a day; after a
# bound («از شنبه بازار ماهی‌فروشان ... منتقل می‌شود», «تا جمعه بازار روز ...») it is the day the market moves.
_NOT_A_MARKET = rf"(?:(?<=از\s)|(?<=تا\s)|(?<=روز\s)|(?!(?:{_alt(WEEKDAYS)}){_SP}بازار{_E}))"
# «جمعه گذشته», «نماز جمعه هفته گذشته», «شنبه هفته قبل»: a day gone, no deadline («شنبه پیش رو» is ahead).
_GONE = rf"(?!{_SP}(?:هفته{_SP})?(?:گذشته|قبل(?!{_SP}از{_E})|پیش(?!{_SP}(?:رو|از){_E})){_E})"
# «شب جمعه» is Thursday night, «ساعت ۲۰ شب جمعه» too (see ``_eve``).
_EVE = re.compile(rf"(?<![\w\u200c])شب{_SP}$")
# «از ساعت ۲۲ تا ۵ صبح فردا»: an hour range that ends on the day is one range, overnight from the day before;
# «از ساعت ۸ صبح تا ۸ شب فردا»: the part of the day after an hour places the hour (8 in the evening is 20) and
# is no eve («شب جمعه» is).
_HOUR_PART = rf"صبح|ظهر|عصر|شب|بامداد|بعدازظهر|بعد{_SP}از{_SP}ظهر"
_HOUR_RANGE = re.compile(
    rf"(?<![\w\u200c])از{_SP}ساعت{_SP}(?P<h1>\d{{1,2}})(?:[:/]\d{{2}})?(?:{_SP}(?P<p1>{_HOUR_PART}))?"
    rf"{_SP}(?:تا|لغایت|الی){_SP}(?:ساعت{_SP})?(?P<h2>\d{{1,2}})(?:[:/]\d{{2}})?(?:{_SP}(?P<p2>{_HOUR_PART}))?"
    rf"{_SP}(?:روز{_SP})?$"
)
# «تا پایان روز جمعه», «تا ظهر پنجشنبه»: the part of the day before a weekday or «فردا» is part of it, so a
# «تا» before it bounds the whole (not «شب جمعه»: the night before Friday).
# «قبل از ظهر پنجشنبه», «پیش از ظهر فردا» are that day's forenoon, not a bound before the day's noon.
_DAY_PART_WORDS = (
    rf"(?:(?:پایان|آخر|انتهای)(?:{_SP}روز)?|صبح|ظهر|عصر|(?:بعد|قبل|پیش){_SP}?از{_SP}?ظهر|بعدازظهر)"
)
_DAY_PART = re.compile(rf"(?<![\w\u200c]){_DAY_PART_WORDS}{_SP}$")

# «از ساعت ۱۵ فردا», «ساعت ۸ صبح شنبه»: an hour written before the day belongs to it as one after it does
# (it does not move the day); the «از» or «تا» before the hour then bounds the whole.
_LEAD_HOUR = re.compile(
    rf"(?<![\w\u200c])ساعت{_SP}\d{{1,2}}(?:[:/]\d{{2}})?(?:{_SP}(?:صبح|ظهر|عصر|شب|بعدازظهر|بامداد))?{_SP}(?:روز{_SP})?$"
)


@dataclass(frozen=True)
class _Expr:
    start: int
    end: int
    kind: str  # kind when no prefix changes it
    resolve: Callable[[date | None], Range]
    before: bool = False  # «قبل از ۱۵ آبان»: by the day before


# ---------------------------------------------------------------- calendar helpers


_HALF_YEAR = (
    rf"(?:سال(?:{_SP}(?P<which>جاری|آینده|آتی|بعد))?(?:{_SP}(?P<year>{_YEAR_NUM}))?"
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
            rf"{_B}(?P<part>){_MONTH}(?:{_SP0}ماه(?:{_SP}(?:سال{_SP})?(?P<year>{_YEAR_NUM}|امسال|{_NEXT_YEAR}))?"
            rf"|{_SP}(?:سال{_SP})?(?P<year2>{_YEAR_NUM})){_E}"
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
            rf"(?:{_YEAR_WORDS}(?:{_SP}(?P<year>{_YEAR_NUM}))?){_E}{_OTHER_YEAR}"
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
    (re.compile(rf"{_B}(?P<part>)سال{_SP}(?P<year>{_YEAR_NUM})(?P<which>){_E}"), "on", _year_part),
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
            rf"{_B}{_NOT_A_DAY}{_NOT_A_MARKET}(?P<wd>{_alt(WEEKDAYS)})(?![\s\u200c]*های?{_E}){_GONE}"
            rf"(?:\u200c?ی(?={_SP}(?:هفته|این|همین|آینده|آتی)))?"
            # «شنبه بعد» is the coming Saturday, as «شنبه آینده» (not «شنبه بعد از ظهر»: its afternoon)
            rf"(?P<which>{_SP}(?:هفته{_SP}(?:آینده|آتی|بعد|جاری)|(?:این|همین){_SP}هفته|آینده|آتی"
            rf"|بعد(?!{_SP}از{_E})))?{_HOUR}{_E}"
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
            rf"(?:{_SP}(?:سال{_SP})?(?P<year>امسال|جاری|آینده|آتی|بعد|{_YEAR_NUM}))?{_E}"
        ),
        "on",
        _season,
    ),
    (
        re.compile(
            rf"{_B}دهه{_SP}(?:مبارک{_SP})?فجر(?:{_SP}(?:سال{_SP})?(?P<year>امسال|جاری|آینده|{_YEAR_NUM}))?{_E}"
        ),
        "on",
        _fajr,
    ),
    (
        re.compile(
            rf"{_B}{_NOT_MORE}(?:(?:حداکثر{_SP})?(?:ظرف|طی|در{_SP}مدت|در{_SP}عرض|{_LESS}|در|برای){_SP}(?:مدت{_SP})?)?"
            rf"{_NUMBER}{_SP}{_UNIT}{_HALF_UNIT}{_SP}(?P<fut>{_FUTURE}){_E}"
        ),
        "by",
        _duration,
    ),
    (
        re.compile(
            rf"{_B}(?:حداکثر{_SP})?(?P<within>ظرف|طی|در{_SP}مدت|در{_SP}عرض|{_LESS}){_SP}(?:مدت{_SP})?"
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
    folded = _fold(text)
    return _merge_ranges(folded, _merge_weekday(folded, _weekday_around(folded, _single_expressions(text))))


# «شنبه پیش از عید», «پنجشنبه قبل از شب یلدا», «از شنبه بعد از تعطیلات نوروز»: a bare weekday (after «از»,
# «تا» or «روز») then «پیش/قبل/پس/بعد از» a date is that weekday nearest before or after the date, not the
# date itself: the market opens on the Saturday, not on Nowruz.
_BARE_WEEKDAY = re.compile(rf"(?:(?:از|تا){_SP})?(?:روز{_SP})?(?P<wd>{_alt(WEEKDAYS)})")
_BEFORE_GAP = re.compile(rf"{_SP}(?:پیش|قبل){_SP}از{_SP}(?:روز{_SP})?")
_AFTER_START = re.compile(rf"(?:پس|بعد){_SP}از{_E}")


# «شنبه بعد از عید فطر», «پنجشنبه پیش از اربعین»: a weekday placed by a lunar occasion is not resolved, as the
# occasion is not (no Hijri calendar offline): it is no coming Saturday.
_LUNAR_AFTER = re.compile(
    rf"{_SP}(?:پیش|قبل|پس|بعد){_SP}از{_SP}(?:(?:روز|تعطیلات|ایام|مراسم|شب){_SP})?"
    rf"(?:عید{_SP}(?:سعید{_SP})?(?:فطر|قربان|اضحی|غدیر|مبعث)|اربعین|عاشورا|تاسوعا|قدر|نیمه{_SP}شعبان"
    rf"|شهادت|ولادت|(?:ماه{_SP}(?:مبارک{_SP})?)?(?:رمضان|محرم|صفر|رجب|شعبان)"
    rf"|دهه{_SP}(?:اول{_SP})?(?:محرم|صفر|کرامت|ولایت))"
)


def _weekday_around(folded: str, exprs: list[_Expr]) -> list[_Expr]:
    """Join a bare weekday with the date it is placed before or after (see ``_BARE_WEEKDAY``)."""
    out: list[_Expr] = []
    for e in exprs:
        if _BARE_WEEKDAY.fullmatch(folded, e.start, e.end) and _LUNAR_AFTER.match(folded, e.end):
            continue
        prev = out[-1] if out else None
        day = _BARE_WEEKDAY.fullmatch(folded, prev.start, prev.end) if prev else None
        gap = folded[prev.end : e.start] if prev else ""
        before = e.before and _BEFORE_GAP.fullmatch(gap) is not None
        after = not gap.strip() and _AFTER_START.match(folded, e.start) is not None
        if prev is None or day is None or not (before or after):
            out.append(e)
            continue
        index = WEEKDAYS[_wd_key(day["wd"])]
        kind = prev.kind if prev.kind in ("from", "by") else "on"
        out[-1] = _Expr(prev.start, e.end, kind, _nearest_weekday(e.resolve, index, before))
    return out


def _nearest_weekday(resolve: Resolver, index: int, before: bool) -> Resolver:
    """The weekday ``index`` (0 = Saturday) last before what ``resolve`` names begins, or (``before`` false,
    a resolver that already starts the day after, ``_after``) the first on or after its start."""

    def nearest(pub: date | None) -> Range:
        lo, _hi = resolve(pub)
        if lo is None:
            return None, None
        want = (index + 5) % 7  # Saturday is 5 in ``date.weekday``
        if before:
            d = lo - timedelta(days=1)
            d -= timedelta(days=(d.weekday() - want) % 7)
        else:
            d = lo + timedelta(days=(want - lo.weekday()) % 7)
        return d, d

    return nearest


def _merge_weekday(folded: str, exprs: list[_Expr]) -> list[_Expr]:
    """«پنجشنبه ۱۰ بهمن», «شنبه، ۱۵ اردیبهشت»: a weekday right before a date is part of it; the date
    decides."""
    out: list[_Expr] = []
    for e in exprs:
        prev = out[-1] if out else None
        if (
            prev
            and re.fullmatch(r"[\s\u200c]*،?[\s\u200c]*", folded[prev.end : e.start])
            # «تا پایان روز یکشنبه ۸ آذر»: the part of the day stays with the weekday it leads
            and re.fullmatch(
                rf"(?:از{_SP})?(?:{_DAY_PART_WORDS}{_SP})?(?:روز{_SP})?(?:{_alt(WEEKDAYS)})",
                folded[prev.start : prev.end],
            )
        ):
            kind = prev.kind if prev.kind in ("from", "by") else e.kind
            out[-1] = _Expr(prev.start, e.end, kind, e.resolve, prev.before or e.before)
        else:
            out.append(e)
    return out


_HOURED_EVE = re.compile(rf"از{_SP}ساعت{_SP}\d{{1,2}}(?:[:/]\d{{2}})?{_SP}شب{_SP}(?:{_alt(WEEKDAYS)})")


def _merge_ranges(folded: str, exprs: list[_Expr]) -> list[_Expr]:
    """«از ۲۵ اسفند تا ۱۳ فروردین» is one expression: from the first to the end of the second."""
    out: list[_Expr] = []
    for e in exprs:
        prev = out[-1] if out else None
        # «لغایت» and «الی» are the «تا» of official notices («از ۲۰ خرداد لغایت ۳۰ تیر»)
        # «از ساعت ۲۲ یکشنبه تا ۶ صبح دوشنبه»: an hour before the second day's part is the second end's
        # «از ساعت ۲۳ امشب تا ۵ بامداد فردا»: the hour's part of the day («بامداد», «شب») may follow it
        gap = (
            rf"{_SP}(?:تا|لغایت|الی){_SP}(?P<hour>(?:ساعت{_SP})?\d{{1,2}}(?:[:/]\d{{2}})?{_SP}"
            rf"(?P<part>(?:{_HOUR_PART}){_SP})?)?"
        )
        joined = re.fullmatch(gap, folded[prev.end : e.start]) if prev else None
        if (
            joined
            and joined["hour"]
            and not joined["part"]
            and not re.match(_DAY_PART_WORDS, folded[e.start : e.end])
        ):
            joined = None
        if prev and prev.kind == "from" and joined:
            first, second = prev.resolve, e.resolve
            # «از شنبه تا چهارشنبه» on a Tuesday crosses into the next week, not the next year; so does «از
            # شنبه تا پایان هفته» (the week the Saturday opens)
            to = folded[e.start : e.end]
            on_day = re.fullmatch(rf"(?:از{_SP})?(?:{_alt(WEEKDAYS)})", folded[prev.start : prev.end])
            week = re.fullmatch(_alt(WEEKDAYS), to) is not None or (on_day is not None and "هفته" in to)
            # «از ساعت ۲۲ یکشنبه تا ۶ صبح دوشنبه»: two weekdays with hours or parts of the day
            week = (
                week
                or (_ONE_DAY.fullmatch(folded[prev.start : prev.end]) and _ONE_DAY.fullmatch(to)) is not None
            )

            # «از ساعت ۲۳ شب پنجشنبه تا ۵ صبح جمعه» runs overnight into Friday: Thursday's night, no eve
            morning = re.match(r"صبح|بامداد", joined["part"] or to) is not None
            night = morning and _HOURED_EVE.fullmatch(folded, prev.start, prev.end) is not None

            def resolve(pub: date | None, first=first, second=second, week=week, night=night) -> Range:  # type: ignore[no-untyped-def]
                lo, _ = first(pub)
                _, hi = second(pub)
                if lo and hi and hi < lo:  # «از ۲۵ اسفند تا ۱۳ فروردین» crosses the new year
                    hi = hi + timedelta(days=7) if week else _add_months(hi, 12)
                if night and lo and hi and hi - lo == timedelta(days=2):
                    lo += timedelta(days=1)
                return lo, hi

            resolve.is_range = True  # type: ignore[attr-defined]
            out[-1] = _Expr(prev.start, e.end, "from", resolve)
        else:
            out.append(e)
    return out


# A weekday with its hour or part of the day and no month: «از ساعت ۲۲ یکشنبه», «صبح دوشنبه».
_ONE_DAY = re.compile(rf"(?!.*{_B}(?:{_alt(MONTHS)}){_E}).*{_B}(?:{_alt(WEEKDAYS)}).*")


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
        if factory is _day_month and not m["year"] and _PLACE_BEFORE.search(folded, 0, start):
            continue  # «پل ۲۲ بهمن ۱۴۰۵ افتتاح می‌شود» names its year: a date
        hours = _HOUR_RANGE.search(folded, 0, start) if factory in (_relative_day, _weekday) else None
        if hours is not None:  # checked first: the «شب» of «۸ شب فردا» is the hour's, not an eve
            h1, h2 = _clock(hours["h1"], hours["p1"]), _clock(hours["h2"], hours["p2"])
            if factory is _weekday and _evening_eve(hours["p1"], hours["p2"]):
                resolver = _eve(resolver)
            out.append(_Expr(hours.start(), end, "from", _overnight(resolver, h1, h2)))
            continue
        eve = _EVE.search(folded, 0, start) if factory is _weekday else None
        if eve is not None:
            resolver = _eve(resolver)
        if factory in (_relative_day, _weekday) and (hour := _LEAD_HOUR.search(folded, 0, start)):
            start = hour.start()  # «از ساعت ۱۵ فردا»: the hour before the day is part of it
        elif factory in (_relative_day, _weekday) and (part := _DAY_PART.search(folded, 0, start)):
            start = part.start()
        elif eve is not None:
            start = eve.start()
        if factory in (_relative_day, _weekday) and (hours := _HOUR_RANGE.search(folded, 0, start)):
            h1, h2 = _clock(hours["h1"], hours["p1"]), _clock(hours["h2"], hours["p2"])
            out.append(_Expr(hours.start(), end, "from", _overnight(resolver, h1, h2)))
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


def _eve(resolve: Resolver) -> Resolver:
    """«شب جمعه»: the evening before the day named (Thursday night)."""

    def eve(pub: date | None) -> Range:
        lo, hi = resolve(pub)
        day = timedelta(days=1)
        return (lo - day if lo else lo), (hi - day if hi else hi)

    return eve


def _evening_eve(p1: str | None, p2: str | None) -> bool:
    """«از ساعت ۲۱ تا ۲۳ شب جمعه» is Thursday night, as «ساعت ۲۰ شب جمعه» is: a range all in the evening;
    «از ساعت ۸ صبح تا ۸ شب جمعه» starts in the day, so it is Friday's."""
    return p2 == "شب" and p1 in (None, "شب")


def _clock(hour: str, part: str | None) -> int:
    """The hour on a 24-hour clock: «۸ شب» is 20, «۴ عصر» 16, «۸ صبح» and a bare «۲۲» as written."""
    h = int(hour)
    evening = part is not None and re.match(r"شب|عصر|بعد", part) is not None
    return h + 12 if evening and h < 12 else h


def _overnight(resolve: Resolver, h1: int, h2: int) -> Resolver:
    """«از ساعت ۲۲ تا ۵ صبح فردا»: from the day before when the first hour is later than the last."""

    def overnight(pub: date | None) -> Range:
        lo, hi = resolve(pub)
        return (lo - timedelta(days=1) if lo and h1 > h2 else lo), hi

    overnight.is_range = True  # type: ignore[attr-defined]
    return overnight


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
    return bool(re.match(rf"(?:حداکثر{_SP})?(?:ظرف|طی|{_LESS}|در|برای){_SP}", s))


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
