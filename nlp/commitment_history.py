"""Promises that are history, not plans: made before the report, reported with their failure, or a
period of grace given long ago or every year."""

from __future__ import annotations

import re

from nlp.commitment_cues import Cue
from nlp.routines import RECURRING
from nlp.statements import Found

__all__ = ["BROKEN", "PAST_PERFECT", "PROMISED_BEFORE", "broken_after", "grace_gone", "told_before"]


# «قول داده بودیم که پل تا پایان مهر افتتاح خواهد شد», «شهرداری وعده داده بود ... آسفالت می‌شود»: in the
# clause of a past-perfect promise the future verb is what was promised then, a past plan (GUIDE: «قرار بود»).
# A clause of its own after it («... و این پل تا پایان آذر افتتاح خواهد شد») restates it and stays one.
PROMISED_BEFORE = re.compile(
    r"(?<![\w\u200c])(?:(?:قول|وعده|تعهد)[ \u200c]+(?:داده|کرده)|متعهد[ \u200c]+شده)[ \u200c]*"
    r"(?:بود|بودند|بودیم|بودم|بودید|بودی)(?![\w\u200c])"
)


# «سه ماه پیش», «سال گذشته», «پارسال» (not «پیش از عید»): long enough ago for the period to have run out
# (a grace given «هفته گذشته» may still run).
_GONE = re.compile(
    r"(?<![\w\u200c])(?:سال[ \u200c](?:گذشته|قبل)|پارسال|(?:ماه|سال)(?:[ \u200c]?ها)?[ \u200c](?:پیش|قبل))"
    r"(?![\w\u200c])(?![ \u200c]از(?![\w\u200c]))"
)
_GRACE = re.compile(r"(?:فرصت|مهلت)[ \u200c]")


def grace_gone(sentence: str, cue: Cue) -> bool:
    """«سال گذشته به پیمانکار سه ماه مهلت داده شد», «هر سال به کسبه یک ماه فرصت داده می‌شود»: a period of
    grace given long ago or every year sets no task now."""
    if not _GRACE.match(sentence, cue.start):
        return False
    return given_long_ago(sentence)


def given_long_ago(sentence: str) -> bool:
    """Whether ``sentence`` tells of a time long gone or a yearly turn (see ``grace_gone``)."""
    return bool(_GONE.search(sentence) or RECURRING.search(sentence))


# A promise reported as made earlier is news about an old promise, not a new one: the past perfect
# («قول داده بود»: the clause then opens with «بود») or a time before the report in its sentence («سال
# گذشته شهردار قول داد ...», whose «تا پایان سال» is not this year's end).
PAST_PERFECT = re.compile(r"\s*(?:بود|بودند|بودیم|بودم|بودید|بودی)(?![\w\u200c])")
_EARLIER = re.compile(
    r"(?<![\w\u200c])(?:(?:سال|ماه|هفته|دوره)(?:[ \u200c]?های)? (?:گذشته|قبل|پیش)|پارسال|پیش ?تر|"
    r"قبلا|قبلاً|در گذشته|ابتدای دوره|سال ?ها پیش)(?![\w\u200c])"
)


# A promise reported with its failure is history, as «قرار بود»: «... وعده دادند که ... اما این وعده عملی
# نشد», «وعده‌ای که هیچ‌گاه محقق نشد», «به قول خود عمل نکرد». The noun must name the promise: a failure
# of something else («پروژه انجام نشد») says nothing about the promise.
_FAILED = r"(?:عملی|محقق|اجرایی|اجرا|انجام|عمل|وفا)[ \u200c]?(?:نشد|نشدند|نشده|نگردید|نکرد|نکردند)"
# A resolution or law reported with its failure is history too: «... تصویب کردند که ...، اما این مصوبه هیچ‌گاه
# اجرا نشد», «... این مصوبه را نادیده گرفت».
BROKEN = re.compile(
    r"(?<![\w\u200c])(?:وعده|قول|تعهد|مصوبه|قانون)[\w\u200c]*\s(?:[^.!؟،,]{0,40}?\s)?"
    rf"(?:{_FAILED}|به[ \u200c]سرانجام[ \u200c]نرسید|تحقق[ \u200c]نیافت|نادیده[ \u200c]گرفت(?:ند)?)"
    r"(?![\w\u200c])"
)
# ... or in the next sentence, which points back at it: «... . اما این وعده هرگز محقق نشد.»
_POINTS_BACK = re.compile(
    r"[\s.!؟]*(?:(?:اما|ولی)\s*[،,]?\s*)?(?:این|آن|همین)\s+(?:وعده|قول|تعهد|مصوبه)[^.!؟\n]*"
)


def broken_after(text: str, end: int) -> bool:
    """Whether the sentence after ``end`` says the promise before it failed."""
    m = _POINTS_BACK.match(text, end)
    return m is not None and BROKEN.search(m.group()) is not None


def told_before(text: str, found: Found) -> bool:
    """Whether a reported promise was made before the report (see ``PAST_PERFECT``, ``_EARLIER``)."""
    if PAST_PERFECT.match(text, found.start):
        return True
    opening = found.speaker_start if found.speaker_start is not None else found.start
    sentence_start = max(text.rfind(mark, 0, opening) for mark in (".", "\n", "؟", "!", "؛")) + 1
    return bool(_EARLIER.search(text, sentence_start, found.start))
