"""Which dates of a sentence bound a commitment: the future ones, those that began before publication,
the day a statement was made or a meeting held, a date inside a plan's name, and the one picked as the
deadline.
"""

from __future__ import annotations

import re
from datetime import date

from goftar.model import Deadline
from nlp.commitment_cues import TOKEN, alternation, cue_words, verb_like
from nlp.statements import reporting_verb_pattern


def pick_deadline(
    found: list[tuple[int, int, Deadline]], action: tuple[int, int], cond: tuple[int, int] | None
) -> Deadline | None:
    inside = [(s, d) for s, e, d in found if action[0] <= s and e <= action[1]]
    if not inside:
        inside = [(s, d) for s, e, d in found if cond is None or not (cond[0] <= s < cond[1])]
    bounded = [(s, d) for s, d in inside if d.kind in ("by", "within", "from")]
    chosen = bounded or inside
    # «لایحه بودجه سال ۱۴۰۴ ... روز ۱۲ آذر تقدیم می‌شود»: the year names the topic, the date the act.
    specific = [(s, d) for s, d in chosen if not whole_year(d)]
    chosen = specific or chosen
    return chosen[0][1] if chosen else None


# «طرح استقبال از بهار», «جشنواره زمستانی»: a time word inside the name of a plan or event names it.
_NAME_HEAD = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(cue_words()['name_heads'])})"
    r"(?:[ \u200c]+[^\s،,.:؛«»]+){0,3}[ \u200c]+$"
)


def not_in_names(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop a date that sits inside a plan's name when the sentence gives another one («طرح استقبال از
    بهار از ۲۰ اسفند ۱۴۰۳ تا ۱۵ فروردین ۱۴۰۴ ...»: the range, not «از بهار», is when it runs)."""

    def named(s: int) -> bool:
        m = _NAME_HEAD.search(sentence, max(0, s - 60), s)
        # the name runs from its head to the date, over no other date («طرح ... از بهار از ۲۰ اسفند»)
        return m is not None and not any(m.start() < e2 <= s for s2, e2, _d in dates if s2 != s)

    kept = [(s, e, d) for s, e, d in dates if not named(s)]
    return kept if kept else dates


def whole_year(d: Deadline) -> bool:
    return d.kind == "on" and d.start is not None and d.end is not None and (d.end - d.start).days >= 360


def future_spans(found: list[tuple[int, int, Deadline]], published: date | None) -> list[tuple[int, int]]:
    """Spans of the dates that lie ahead of publication (or bound a period from it)."""
    out = []
    for s, e, d in found:
        ahead = published is not None and d.end is not None and d.end >= published and d.kind == "on"
        # «تا پایان سال ۱۴۰۱» in a 1403 article is a deadline that has passed: it gives nothing future sense.
        last = d.end or d.start
        passed = (
            published is not None
            and last is not None
            and last < published
            and not _THIS_WEEK.fullmatch(d.text)
        )
        if (d.kind in ("by", "within", "from") and not passed and not began(d, published)) or ahead:
            out.append((s, e))
    return out


def began(d: Deadline, published: date | None) -> bool:
    """A period «از ...» that began before publication («از ابتدای مهر تاکنون», «از ابتدای امسال تا امروز»):
    what runs in it is a statistic or a description, not a plan. A range that ends ahead («از ۲۵ اسفند تا
    ۱۳ فروردین» on 26 Esfand) is still partly to come."""
    if d.kind != "from" or published is None or d.start is None or d.start >= published:
        return False
    if _THIS_WEEK.fullmatch(d.text):
        return False  # «از این هفته ... منتقل می‌شود»: a change told in the week it starts, starting now
    return d.end is None or d.end <= published


# The week of publication began at most six days before it: a change «از این هفته» is news of now, as «از
# امروز» is; «از این هفته تاکنون ... جمع‌آوری شده است» still counts up to now (a perfect, «تاکنون»).
_THIS_WEEK = re.compile(r"از[ \u200c]+(?:این|همین)[ \u200c]+هفته")


def begun_spans(found: list[tuple[int, int, Deadline]], published: date | None) -> list[tuple[int, int]]:
    return [(s, e) for s, e, d in found if began(d, published)]


def plan_bounds(
    dates: list[tuple[int, int, Deadline]], future: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the future dates that bound a plan: «از ...», «تا ...», «ظرف ...», not «پس از ...»."""
    ahead = set(future)
    return [
        (s, e)
        for s, e, d in dates
        if (s, e) in ahead and d.kind in ("by", "from", "within") and not d.text.startswith(("پس", "بعد"))
    ]


# A clause that ends in a perfect («از این هفته آغاز شده است», «از ابتدای ماه اجرا شده‌اند») tells what has
# begun: its date gives no other verb of the sentence future sense («۲۶ پایگاه فعال است و خدمات سیار نیز از
# این هفته آغاز شده است» was a commitment through «فعال است»).
_PERFECT_END = re.compile(
    r"(?:شده|کرده|گرفته|داده|یافته|رسیده|آمده|رفته|بوده|گشته|گردیده|نموده|داشته)[ \u200c]?"
    r"(?:است|اند|ایم|بود|بودند|بودیم)\s*$"
)
_CLAUSE_END = re.compile(r"[.،,؛!?؟\n]")


def clause_done(sentence: str, at: int) -> bool:
    """Whether the clause going on at ``at`` ends in a perfect verb (see ``_PERFECT_END``)."""
    return _PERFECT_END.search(_own_clause(_CLAUSE_END.split(sentence[at:], 1)[0])) is not None


def _own_clause(rest: str) -> str:
    """``rest`` up to a «و» right after a verb: in «تا پایان سال به بهره‌برداری می‌رسد و شهرداری ... اعتبار
    اختصاص داده است» the perfect belongs to the next clause, not to the one the date is in."""
    tokens = list(TOKEN.finditer(rest))
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if tok.group() == "و" and verb_like(prev.group()):
            return rest[: prev.end()]
    return rest


def not_done(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop the dates (and, in ``_present_cue``, the time markers) of a clause that tells what has begun."""
    return [(s, e, d) for s, e, d in dates if not clause_done(sentence, e)]


def not_said_on(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop the day a statement was made: a date in the clause of a reporting verb, before the verb
    («... در جلسه روز سه‌شنبه تصریح کرد: ...»). «عوارض ارزش افزوده» reports nothing (the pattern skips it):
    the date before it stays the deadline («تا پایان هفته گزارش عوارض ارزش افزوده را ...»)."""
    verb = reporting_verb_pattern().search(sentence)
    if verb is None or not dates:
        return dates
    return [
        (s, e, d)
        for s, e, d in dates
        if not (e <= verb.start() and not re.search(r"[:«»\"]", sentence[e : verb.start()]))
    ]


# «در جلسه روز یکشنبه شورا مقرر شد ...»: the day of a meeting or ceremony, when a past verb reports what it
# decided, is when the act took place, not a deadline («در جلسه یکشنبه آینده بررسی می‌شود» still is one).
_EVENT_DAY = re.compile(rf"(?:{alternation(cue_words()['event_nouns'])})(?:[ \u200c]روز)?[ \u200c]*$")
_PAST_ACT = re.compile(r"(?:شد|شدند|کرد|کردند|گردید|نمود|نمودند)(?:[ \u200c]است)?(?:[ \u200c]که)?$")


def not_event_day(
    sentence: str, dates: list[tuple[int, int, Deadline]], cue_text: str
) -> list[tuple[int, int, Deadline]]:
    """Drop the day of the meeting whose past resolution is the cue (see ``_EVENT_DAY``)."""
    if not _PAST_ACT.search(cue_text.strip()):
        return dates
    return [
        (s, e, d)
        for s, e, d in dates
        if not (_EVENT_DAY.search(sentence[max(0, s - 20) : s]) and not AHEAD.search(d.text))
    ]


def ahead_for_a_line(
    dates: list[tuple[int, int, Deadline]], future: list[tuple[int, int]], published: date | None
) -> bool:
    """Whether a verbless line names a time wholly ahead: a bound («تا آخر آذر», «از ابتدای دی») or a day or
    period that has not begun; not a season under way («کاشت نهال در پاییز امسال» reports it) nor a whole
    year, which in a line with no verb names what a noun is about («بودجه سال آینده»)."""
    spans = set(future)
    for s, e, d in dates:
        if (s, e) not in spans or whole_year(d):
            continue
        if d.kind != "on" or (published is not None and d.start is not None and d.start >= published):
            return True
    return False


# «به زودی», «آینده»: a time still to come (an announcement is a plan with one; ``commitment_in``).
AHEAD = re.compile(
    r"(?<![\w\u200c])(?:به[ \u200c]?زودی|آینده|آتی|پیش[ \u200c]?رو|از این پس|از فردا|از امروز)(?![\w\u200c])"
)
