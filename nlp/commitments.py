"""Commitments: who promised what, by when, inside statements and reported plans.

A sentence is a commitment when, outside any condition («اگر ...،»), it holds a cue from
``data/commitment_cues.yaml``: future tense, a plan construction, a hope, an obligation, or a present
tense verb with a future marker («از امروز آغاز می‌کنیم») or a future deadline. Past achievements,
opinions and descriptions carry none of these and are left alone. One commitment per sentence; the
action is the clause around the cue.

The cue file is compiled in ``nlp.commitment_cues``; who acts and whether the speaker is the public is
``nlp.commitment_actors``; which dates bound the commitment is ``nlp.commitment_deadlines``; forecasts that
look like plans (the weather, quantities no office sets) are ``nlp.commitment_forecasts``; routines are
``nlp.routines``. Finding a sentence's cue is ``nlp.commitment_cue_search`` (its present-tense cues
``nlp.commitment_present``, its condition ``nlp.commitment_conditions``); the action around the cue is
``nlp.commitment_action``; promises that are history are ``nlp.commitment_history``; clauses that change
what a cue means (the speaker's own after outsiders', a meeting notice, a verbless line) are
``nlp.commitment_clauses``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from goftar.model import Commitment, Quantity, Speaker, Statement
from nlp.commitment_action import action_span, action_topics
from nlp.commitment_actors import (
    actor,
    asked,
    complaint,
    is_outsider,
    named,
    outsiders_clause,
    titles_beside,
)
from nlp.commitment_clauses import (
    NEXT_CLAUSE,
    extended_grace,
    grace_for_others,
    jussive,
    meeting_notice,
    own_clause_at,
    own_pledge,
    verbless,
)
from nlp.commitment_conditions import condition_span
from nlp.commitment_cue_search import find_cue
from nlp.commitment_cues import Cue, CueConfig, cue_config
from nlp.commitment_deadlines import (
    AHEAD,
    ahead_for_a_line,
    began,
    begun_spans,
    future_spans,
    not_done,
    not_event_day,
    not_in_names,
    not_said_on,
    pick_deadline,
    plan_bounds,
)
from nlp.commitment_history import (
    BROKEN,
    PAST_PERFECT,
    PROMISED_BEFORE,
    broken_after,
    grace_gone,
    told_before,
)
from nlp.commitment_present import judged_time
from nlp.dates import deadlines_in
from nlp.numbers import find_quantities
from nlp.routines import not_recurring, recurring_bounds
from nlp.speakers import key
from nlp.statements import DEMAND_VERBS, Found, sentence_spans

__all__ = [
    "Cue",
    "CueConfig",
    "action_span",
    "commitment_in",
    "condition_span",
    "cue_config",
    "find_commitments",
    "find_cue",
]


# The cue of a resolution that orders (see the cue file): the action is the clause after it.
_RESOLUTION = re.compile(r"(?:تصویب|مصوب)[ \u200c]\S+(?:[ \u200c]است)?(?:[ \u200c]که)?")


def commitment_in(
    sentence: str,
    offset: int,
    speaker: Speaker | None,
    published: date | None,
    statement: bool,
    promised: Cue | None = None,
    outsider: bool = False,
    role: str = "",
) -> Commitment | None:
    """The commitment of one sentence (``offset`` = its start in the document), or ``None``.

    ``promised``: the cue of the statement's reporting verb («قول داد»، «وعده داد») when that verb is
    itself a promise; the sentence is then a commitment even with no cue of its own (see
    :func:`find_commitments`). ``outsider``: the article names the speaker an outside expert, whose forecast
    binds no office (see ``complaint``). ``role``: the title the article gives the speaker beside the name.
    """
    dates = not_said_on(sentence, deadlines_in(sentence, published))
    future = future_spans(not_done(sentence, not_recurring(sentence, dates)), published)
    begun = begun_spans(dates, published) + recurring_bounds(sentence, dates)
    cue = find_cue(
        sentence,
        deadline_spans=future,
        in_statement=statement,
        begun=begun,
        bounds=plan_bounds(dates, future),
    )
    told = jussive(sentence, plan_bounds(dates, future)) if promised is None else None
    if told is not None and (cue is None or told.start < cue.start):
        # «شهروندان ... تا پایان آذر ... بفرستند و شهرداری تا ۱۵ دی ... پاسخ می‌دهد»: the first main clause's
        cue = told
    if promised is _ANNOUNCED and not (future_spans(dates, published) or AHEAD.search(sentence)):
        # an announcement («از ... خبر داد») is a plan only with a date or a time still to come («به زودی»)
        promised = None
    cond = condition_span(sentence)
    if cue is None and promised is not None and not sentence.rstrip().endswith(("؟", "?")):
        # The whole clause is what was promised: a cue of no width at its start, or after the
        # condition that opens it («قول داد اگر بودجه تصویب شود، ...»), which is then reported as such.
        at = cond[1] if cond is not None and not sentence[: cond[0]].strip() else 0
        cue = Cue(at, at, promised.polarity, promised.negated, promised.confidence)
    elif cue is not None and promised is not None and promised.polarity in ("hope", "demand"):
        # «ابراز امیدواری کرد که پل تا پایان سال افتتاح خواهد شد»: hoped for, not promised (so a demand).
        cue = Cue(cue.start, cue.end, promised.polarity, cue.negated, cue.confidence)
    line_ahead = ahead_for_a_line(dates, future, published)
    if cue is None and statement and cond is None and line_ahead and verbless(sentence):
        # «شهردار منطقه ۵:\n🔸 بازگشایی پل تا آخر آذر»: a bullet or headline with no verb names a deed and a
        # date still ahead; as the speaker's, it is what will be done (a past date or none is a report).
        cue = Cue(0, 0, "commit", False, _VERBLESS_CONFIDENCE)
    if cue is not None and own_pledge(sentence, cue, speaker, role):
        cue = Cue(cue.start, cue.end, "commit", cue.negated, cue.confidence)
    if cue is None and cond is None:
        cue = extended_grace(sentence, plan_bounds(dates, future))
    if cue is not None and grace_for_others(sentence, cue, speaker, role):
        # «مهلت ثبت نام تا جمعه است»: a deadline the office sets for the public binds them, not the office
        cue = Cue(cue.start, cue.end, "demand", False, cue.confidence)
    if cue is not None and cue.polarity in ("commit", "intend") and outsiders_clause(sentence, cue.start):
        own = own_clause_at(sentence, cue, speaker)
        return (
            None
            if own is None
            else _clause_from(sentence, own, offset, speaker, published, statement, outsider, role)
        )
    if (
        cue is None
        or BROKEN.search(sentence, cue.start)
        or complaint(sentence, cue, speaker, outsider)
        or grace_gone(sentence, cue)
        or judged_time(sentence, cue.start, cue.end)
    ):
        return None  # «... وعده دادند که ... اما این وعده عملی نشد»: a failed promise is history
    a_start, a_end = action_span(sentence, cue, cond)
    if PROMISED_BEFORE.search(sentence, a_start, cue.start):
        return None  # «قول داده بودیم پل تا مهر افتتاح شود»: a past promise, as «قرار بود»
    if meeting_notice(sentence[a_start:a_end], [d for s, e, d in dates if a_start <= s < a_end]):
        # «جلسه شورای ترافیک فردا برگزار می‌شود و طرح زوج و فرد از شنبه اجرا می‌شود»: the next clause's
        rest = NEXT_CLAUSE.match(sentence, a_end)
        at = rest.end() if rest else len(sentence)
        return _clause_from(sentence, at, offset, speaker, published, statement, outsider, role)
    ordered = _RESOLUTION.fullmatch(sentence[cue.start : cue.end]) is not None
    if ordered:
        # «شورا تصویب کرد که شهرداری ... ارائه کند»: what the resolution orders follows «که»
        a_start = max(a_start, len(sentence) - len(sentence[cue.end :].lstrip()))
    raw_action = sentence[a_start:a_end]
    action = raw_action.strip()
    cue_at = max(0, cue.start - a_start - (len(raw_action) - len(raw_action.lstrip())))  # in ``action``
    cue_at = len(action) if ordered else cue_at
    lead = len(raw_action) - len(raw_action.lstrip())  # ``action`` starts this far into ``raw_action``
    date_spans = [(s, e) for s, e, _d in dates]
    quantities: list[Quantity] = [
        q
        for s, e, q in find_quantities(sentence)
        if a_start <= s and e <= a_end and not any(ds <= s < de for ds, de in date_spans)
    ]
    dated = not_event_day(sentence, not_in_names(sentence, dates), sentence[cue.start : cue.end])
    # «از ابتدای امسال تاکنون ... و تا پایان سال ادامه دارد»: the period already running is no deadline
    dated = [(s, e, d) for s, e, d in dated if not began(d, published)] or dated
    deadline = pick_deadline(dated, (a_start, a_end), cond)
    confidence = cue.confidence + (0.05 if deadline else 0) + (0.05 if statement and speaker else 0)
    evidence_start = offset + len(sentence) - len(sentence.lstrip())
    return Commitment(
        speaker=speaker,
        actor=asked(sentence[cue.start : cue.end])
        or actor(action, cue, speaker, sentence[cue.start : cue.end], cue_at),
        action=action,
        evidence=sentence.strip(),
        polarity=cue.polarity,  # type: ignore[arg-type]
        negated=cue.negated,
        condition=sentence[cond[0] : cond[1]].strip() if cond and cond[1] <= cue.start else None,
        deadline=deadline,
        quantities=quantities,
        topics=action_topics(action, [(s - a_start - lead, e - a_start - lead) for s, e in date_spans]),
        start=offset + a_start,
        end=offset + a_end,
        confidence=round(min(confidence, 0.95), 2),
        evidence_start=evidence_start,
        evidence_end=evidence_start + len(sentence.strip()),
    )


_VERBLESS_CONFIDENCE = 0.5


def _clause_from(
    sentence: str,
    at: int,
    offset: int,
    speaker: Speaker | None,
    published: date | None,
    statement: bool,
    outsider: bool,
    role: str,
) -> Commitment | None:
    """The commitment of ``sentence`` from ``at`` on, with the whole sentence as its evidence, or ``None``."""
    if not sentence[at:].strip(' .!؟?«»"'):
        return None
    c = commitment_in(sentence[at:], offset + at, speaker, published, statement, None, outsider, role)
    if c is not None:
        c.evidence = sentence.strip()
        c.evidence_start = offset + len(sentence) - len(sentence.lstrip())
        c.evidence_end = c.evidence_start + len(c.evidence)
    return c


def find_commitments(
    text: str, statements: list[tuple[Statement, Found]], published: date | None
) -> list[Commitment]:
    """Commitments in statements, then in narrative sentences (reported plans, speaker ``None``).

    A sentence repeated in one article (releases often repeat a paragraph) gives one commitment.
    """
    out: list[Commitment] = []
    seen: set[str] = set()
    covered: list[tuple[int, int]] = []
    said: list[tuple[int, Speaker | None]] = []  # (where, who) of each statement, in text order
    for st, found in statements:
        covered.append((min(found.speaker_start or found.start, found.start), found.end))
        said.append((st.start, st.speaker))
        # «شهرداری قول داد تا پایان سال ده ایستگاه افتتاح کند»: the promise is the verb that reports
        # the clause, which has no cue of its own; it covers the clause it introduces (the first).
        if PAST_PERFECT.match(text, found.start):
            continue  # «X گفته بود که ...»: a statement made before the report, as «قول داده بود»
        promised = _promise_verb(st.reporting_verb)
        if promised is not None and told_before(text, found):
            promised = None
        titles = _titles(text, st.speaker)
        outsider, role = _outsider_titled(titles), " ".join(titles)
        for s, e in sentence_spans(text, st.start, st.end, split_quotes=True):
            broken = broken_after(text, e)
            c = (
                None
                if broken
                else commitment_in(text[s:e], s, st.speaker, published, True, promised, outsider, role)
            )
            if c is not None and _promised_by_speaker(promised) and c.actor is None and st.speaker:
                c.actor = st.speaker.display  # who promised does it (who announces or hopes may not)
            promised = None
            _add(out, seen, c)
    said.sort(key=lambda p: p[0])
    starts = [p[0] for p in said]
    for s, e in sentence_spans(text):
        if any(cs <= s < ce or s <= cs < e for cs, ce in covered):
            continue
        # A sentence with no reporting verb after a statement continues it («همچنین ... خواهد شد»).
        k = bisect_left(starts, s)
        speaker = said[k - 1][1] if k else None
        if not broken_after(text, e):
            titles = _titles(text, speaker)
            outsider, role = _outsider_titled(titles), " ".join(titles)
            _add(out, seen, commitment_in(text[s:e], s, speaker, published, False, None, outsider, role))
    out.sort(key=lambda c: c.start)
    return out


# «X از افتتاح ایستگاه جدید مترو تا پایان آذرماه خبر داد»: an announced event is a commitment (the
# annotation guide's «an announced future event») when the announcement puts it ahead, by a future date
# or a word such as «به زودی» (checked in ``commitment_in``).
_ANNOUNCED = Cue(0, 0, "commit", False, 0.7)
# «عضو شورا خواستار توقف ... شد», «از شهرداری خواست ...»: what was asked for is a demand.
_DEMANDED = Cue(0, 0, "demand", False, 0.6)


def _titles(text: str, speaker: Speaker | None) -> list[str]:
    """«علی کاظمی، تحلیلگر بازار مسکن، گفت»: the speaker's name keeps no title, the article gives it."""
    return titles_beside(text, named(speaker)) if speaker is not None else []


def _outsider_titled(titles: list[str]) -> bool:
    """Whether the article's title for the speaker makes them an outside expert or one of the public («رضا
    کریمی، مشاور املاک، گفت», «حسن رضایی، یکی از کسبه بازار، گفت»), whose plans bind no office."""
    return any(is_outsider(t) for t in titles)  # an expert's word at the head decides by ``is_expert``


def _promised_by_speaker(promised: Cue | None) -> bool:
    return promised is not None and promised is not _ANNOUNCED and promised.polarity == "commit"


def _promise_verb(verb: str | None) -> Cue | None:
    """The cue of a reporting verb that is itself a promise («قول داد»، «وعده دادند»), a hope («اظهار
    امیدواری کرد») or announces a plan («خبر داد», see ``_ANNOUNCED``), else ``None``."""
    if not verb:
        return None
    if re.fullmatch(r"خبر[ \u200c](?:داد|دادند|می[ \u200c]?دهد|می[ \u200c]?دهند)", verb):
        return _ANNOUNCED
    if verb in DEMAND_VERBS:
        return _DEMANDED
    cue = find_cue(verb)
    # «اظهار امیدواری کرد که ... حل شود»: the verb is the hope, the clause what is hoped for.
    return cue if cue is not None and cue.polarity in ("commit", "hope") and not cue.negated else None


def _add(out: list[Commitment], seen: set[str], c: Commitment | None) -> None:
    if c is None:
        return
    who = c.speaker.canonical_id or key(c.speaker.display) if c.speaker else ""
    k1, k2 = f"{who}|{key(c.action)}", f"e|{key(c.evidence)}"
    if k1 in seen or k2 in seen:
        return
    seen.update((k1, k2))
    out.append(c)
