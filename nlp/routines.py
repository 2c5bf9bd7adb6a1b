"""Routines: sentences that tell what recurs («هر سال تا پایان آذر لایحه بودجه ارائه می‌شود»), whose dates
say when it happens each time rather than a deadline ahead (``nlp.commitments`` drops them).
"""

from __future__ import annotations

import re

from goftar.model import Deadline
from nlp.commitment_cues import alternation, cue_words

_WORDS = cue_words()["routine"]  # the word lists: ``routine`` in data/commitment_cues.yaml

# Words of a routine: «هر سال», «همه‌ساله», «روزانه», «هر زمستان», «زمستان‌ها». In «ما هر سال در فصل
# زمستان برف‌روبی را انجام می‌دهیم» the season says when the routine recurs, not when something will be done.
RECURRING = re.compile(
    rf"(?<![\w\u200c])(?:هر[ \u200c]?(?:{alternation(_WORDS['every'])})"
    rf"|(?:{alternation(_WORDS['seasons'])})[ \u200c]ها|همه[ \u200c]?(?:{alternation(_WORDS['all'])})|"
    rf"{alternation(_WORDS['words'])})(?![\w\u200c])"
)


def not_recurring(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop the plain dates («در زمستان») of a sentence that describes a routine, and the bounds that recur
    with it (``recurring_bounds``); other bounds («از فردا», «تا پایان سال ۱۴۰۵») still give it future
    sense."""
    if not RECURRING.search(sentence):
        return dates
    again = recurring_bounds(sentence, dates)
    return [(s, e, d) for s, e, d in dates if d.kind != "on" and (s, e) not in again]


# «هر سال تا پایان آذر لایحه بودجه ارائه می‌شود»: a bound that names a place in the routine's cycle (a month
# or season in a yearly routine, «پایان ماه» in a monthly one, a weekday in a weekly one) comes round again:
# it is when the routine happens, not a deadline ahead. Named as this time's («امسال هم مانند هر سال تا پایان
# آذر», «مانند هر سال، ... تا پایان آذر», «تا پایان آذر ۱۴۰۵», «از شنبه آینده») it is one.
_YEARLY_ROUTINE = re.compile(
    rf"(?<![\w\u200c])(?:هر[ \u200c]?(?:{alternation(_WORDS['yearly_every'])})"
    rf"|(?:{alternation(_WORDS['seasons'])})[ \u200c]ها|همه[ \u200c]?ساله"
    rf"|{alternation(_WORDS['yearly_words'])})"
    r"(?![\w\u200c])"
)
_MONTHLY_ROUTINE = re.compile(
    rf"(?<![\w\u200c])(?:هر[ \u200c]?ماه|{alternation(_WORDS['monthly_words'])})(?![\w\u200c])"
)
_WEEKLY_ROUTINE = re.compile(
    rf"(?<![\w\u200c])(?:هر[ \u200c]?هفته|{alternation(_WORDS['weekly_words'])})(?![\w\u200c])"
)
_THIS_TIME = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(_WORDS['this_time'])}"
    rf"|(?:{alternation(_WORDS['like'])})[ \u200c]+(?:هر[ \u200c]?سال|سال[ \u200c]?های[ \u200c]"
    r"(?:گذشته|قبل|پیش)))(?![\w\u200c])"
)
# «جشنواره سالانه گل و گیاه از ۱۵ آذر ...», «گزارش سالانه عملکرد», «نشست ماهانه شورا»: after the name of an
# event or a document the word says which one, not that the sentence tells a routine.
_OCCASIONS = frozenset(_WORDS["occasions"])
# «ما همیشه به قول خود عمل کرده‌ایم و این پل تا پایان آذر افتتاح می‌شود»: a routine word in a clause of its
# own (ended by a verb before «و», by a perfect before «که»: «همیشه گفته‌ایم که ...», or by «؛») says nothing
# of the bound in the next one. A comma does not end one: «هر سال، پس از تصویب بودجه، از ابتدای دی ...».
_OWN_CLAUSE = re.compile(
    r"؛|(?<![^\s\u200c])(?:(?:ایم|اند|است|کرده|شده|بود|بودند|نیست)\s+و|(?:ایم|اند|کرده|شده)\s+که)(?![\w\u200c])"
)
_INSTANCE = re.compile(
    rf"[0-9۰-۹]{{4}}|(?<![\w\u200c])(?:{alternation(_WORDS['instance'])}|بعد(?![ \u200c]از))"
    r"(?![\w\u200c])"
)
_MONTH_NAME = re.compile(r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند")
_WEEKDAY = re.compile(r"شنبه|جمعه")  # «یکشنبه» ... «پنجشنبه» end in «شنبه»


def recurring_bounds(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int]]:
    """Spans of the bounds that recur with the routine the sentence describes (see ``_YEARLY_ROUTINE``)."""
    if _THIS_TIME.search(sentence):
        return []
    out = []
    for s, e, d in dates:
        if d.kind == "on" or _INSTANCE.search(d.text):
            continue
        routines = (_YEARLY_ROUTINE, _MONTHLY_ROUTINE, _WEEKLY_ROUTINE)
        yearly, monthly, weekly = (_routine(r, sentence, s) for r in routines)
        in_month = "ماه" in d.text and not _MONTH_NAME.search(d.text)
        if yearly or (monthly and in_month) or (weekly and _WEEKDAY.search(d.text)):
            out.append((s, e))
    return out


def _routine(pattern: re.Pattern[str], sentence: str, at: int) -> bool:
    """Whether ``pattern`` tells a routine in the clause of the bound at ``at`` (see ``_OCCASIONS``)."""
    ends = [m.start() for m in _OWN_CLAUSE.finditer(sentence)]
    start = max((x for x in ends if x < at), default=0)
    end = min((x for x in ends if x > at), default=len(sentence))
    found = pattern.finditer(sentence)
    return any(start <= m.start() < end and not _names_occasion(sentence, m) for m in found)


def _names_occasion(sentence: str, m: re.Match[str]) -> bool:
    """«جشنواره سالانه», «بودجه سالانه»: an adjective of frequency after an occasion (``_OCCASIONS``); an
    adverb («لایحه بودجه همیشه ...», «شهرداری سالانه ...») is not one."""
    before = sentence[: m.start()].split()
    return _ADJECTIVE_ROUTINE.fullmatch(m.group()) is not None and bool(before) and before[-1] in _OCCASIONS


_ADJECTIVE_ROUTINE = re.compile(alternation(_WORDS["adjectives"]))
