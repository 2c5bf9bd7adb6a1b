"""Commitments: who promised what, by when, inside statements and reported plans.

A sentence is a commitment when, outside any condition («اگر ...،»), it holds a cue from
``data/commitment_cues.yaml``: future tense, a plan construction, a hope, an obligation, or a present
tense verb with a future marker («از امروز آغاز می‌کنیم») or a future deadline. Past achievements,
opinions and descriptions carry none of these and are left alone. One commitment per sentence; the
action is the clause around the cue.

The cue file is compiled in ``nlp.commitment_cues``; who acts and whether the speaker is the public is
``nlp.commitment_actors``; which dates bound the commitment is ``nlp.commitment_deadlines``; forecasts that
look like plans (the weather, quantities no office sets) are ``nlp.commitment_forecasts``; routines are
``nlp.routines``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from goftar.model import Commitment, Deadline, Quantity, Speaker, Statement
from nlp.commitment_actors import actor, asked, complaint, is_expert, named, outsiders_clause, titles_beside
from nlp.commitment_cues import (
    TOKEN,
    VERB_END,
    Cue,
    CueConfig,
    CueSpec,
    alternation,
    cue_config,
    cue_words,
    squeeze,
    verb_like,
)
from nlp.commitment_deadlines import (
    AHEAD,
    ahead_for_a_line,
    began,
    begun_spans,
    clause_done,
    future_spans,
    not_done,
    not_event_day,
    not_in_names,
    not_said_on,
    pick_deadline,
    plan_bounds,
)
from nlp.commitment_forecasts import (
    clause_start,
    comparative_forecast,
    quantity_change,
    quantity_forecast,
    weather_verb,
)
from nlp.dates import deadlines_in
from nlp.jalali import MONTHS, SEASONS, WEEKDAYS
from nlp.numbers import find_quantities
from nlp.routines import RECURRING, not_recurring, recurring_bounds
from nlp.speakers import key, words
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

CONDITION = re.compile(
    r"(?<![\w\u200c])(?:اگر|چنانچه|درصورتی[ \u200c]?که|در[ \u200c]صورتی[ \u200c]?که|در[ \u200c]صورت"
    r"|به[ \u200c]شرط|مشروط[ \u200c](?:به|بر))"
    r"\s[^،,؛:]*"
)


def condition_span(sentence: str) -> tuple[int, int] | None:
    """The «اگر ...» clause of a sentence, up to the comma that ends it, or (with no comma) to the end of
    its noun phrase («در صورت تامین اعتبار») or of its verb («اگر اعتبار برسد»)."""
    m = CONDITION.search(sentence)
    if m is None:
        return None
    if sentence[m.end() :].strip():
        return m.start(), m.end()
    return m.start(), _unclosed_end(sentence, m)


# With no comma after it, a condition would run to the end of the sentence and hide the main verb («این
# پروژه در صورت تامین اعتبار تا پایان سال افتتاح خواهد شد» had no commitment).
_NP_CONDITION = re.compile(r"در[ \u200c]صورت$|به[ \u200c]شرط$|مشروط[ \u200c](?:به|بر)$")
_COND_STOP = frozenset(cue_words()["condition_stop"])
_SUBJUNCTIVE = re.compile(
    r"(?:ن|ب)?(?:\w+[ \u200c])?(?:شود|شوند|باشد|باشند|کند|کنند|یابد|گردد|دهد|دهند|رسد|آید|ماند|گیرد)"
    r"|ب\w{2,}(?:د|ند)"
)


def _unclosed_end(sentence: str, m: re.Match[str]) -> int:
    head = m.group().split()
    opener = " ".join(head[:2]) if len(head) > 1 and _NP_CONDITION.search(" ".join(head[:2])) else head[0]
    end = m.start() + len(opener)
    tokens = list(TOKEN.finditer(sentence, end))
    if _NP_CONDITION.search(opener.replace("\u200c", " ")):
        for k, t in enumerate(tokens):
            if t.group() in _COND_STOP or k >= 2 or VERB_END.search(t.group()) or t.group().startswith("می"):
                break
            end = t.end()
        return end
    verb = next((t for t in tokens if _SUBJUNCTIVE.fullmatch(t.group())), None)
    return verb.end() if verb is not None else m.end()


def find_cue(
    sentence: str,
    future_deadline: bool = False,
    deadline_spans: Sequence[tuple[int, int]] = (),
    in_statement: bool = False,
    begun: Sequence[tuple[int, int]] = (),
    bounds: Sequence[tuple[int, int]] = (),
) -> Cue | None:
    """The first commitment cue of ``sentence`` outside its condition, or ``None``.

    ``deadline_spans`` are future dates of the sentence (they make ``future_deadline`` true);
    ``in_statement`` allows a first-person present plan with no time marker («... منتشر می‌کنیم»);
    ``begun`` are periods that give no future: begun before publication («از ابتدای مهر») or recurring in a
    routine («هر سال از ابتدای آذر»); a marker in one gives no future either. ``bounds`` are the future
    dates that bound a plan («از ابتدای آذر», «تا پایان سال»): they make a third-person preverb verb one.
    """
    if sentence.rstrip().endswith(("؟", "?")):
        return None
    cfg = cue_config()
    cond = condition_span(sentence)

    def outside(m: re.Match[str]) -> bool:
        return cond is None or not (cond[0] <= m.start() < cond[1])

    found: list[Cue] = []
    for spec in cfg.specs:
        m = next(
            (
                m
                for m in spec.pattern.finditer(sentence)
                if outside(m)
                and _not_regret(spec, sentence, m)
                and not _estimate(spec, sentence, m)
                and not comparative_forecast(spec, sentence, m)
                and not quantity_forecast(spec, sentence, m)
                and not _about_the_talk(spec, sentence, m, cfg)
            ),
            None,
        )
        if m:
            found.append(Cue(m.start(), m.end(), spec.polarity, spec.negated, spec.confidence))
    # «سه سال دیگر زمان لازم است»: an estimate's «است» is no present verb that its date makes a plan
    needs = [m.span() for c in cfg.specs for m in c.pattern.finditer(sentence) if _estimate(c, sentence, m)]

    def not_needed(m: re.Match[str]) -> bool:
        return outside(m) and not any(s <= m.start() < e for s, e in needs)

    present = _present_cue(
        sentence, cfg, not_needed, future_deadline or bool(deadline_spans), deadline_spans, begun, bounds
    )
    if present is not None and (not found or present[1]):
        found.append(present[0])  # a weak cue: before a plan cue only when its time marker precedes it
    refusal = next(
        (
            m
            for m in cfg.refusal.finditer(sentence)
            if outside(m)
            and not _past_first_plural(m)
            and squeeze(m.group()) not in cfg.not_refusals
            and not _after_word(sentence, m, cfg.opinion_nouns)
        ),
        None,
    )
    if refusal is not None:
        refused = Cue(refusal.start(), refusal.end(), "commit", True, cfg.refusal_confidence, refusal=True)
        found.append(refused)
    if not found and in_statement:
        plan = _plan_cue(sentence, cfg, outside) or _assurance_cue(sentence, cfg, outside)
        if plan is not None:
            found.append(plan)
    # The first cue is the main clause's; a later «باید» in «... اجرا می‌شود و رانندگان باید ...» is not.
    return min(found, key=lambda c: (c.start, -c.confidence)) if found else None


def _about_the_talk(spec: CueSpec, sentence: str, m: re.Match[str], cfg: CueConfig) -> bool:
    """«نمی‌خواهم وارد جزئیات شوم», «نمی‌خواهیم از کسی نام ببریم»: what the speaker will not say in the
    interview, not what the city will not do."""
    if not (spec.negated and spec.polarity == "intend"):
        return False
    return squeeze(sentence[m.end() : m.end() + 40]).startswith(cfg.meta_talk)


# «۵ سال زمان لازم است», «۲۰۰۰ میلیارد تومان اعتبار لازم است تا ...», «زمان بیشتری لازم است»: what a job
# needs, named right before «لازم است» with its amount (a number, or «بیشتری», «زیادی») and with no clause
# of its own after it, is an estimate, not an obligation on anyone. Without an amount the noun is what a
# deed is done in or to («همراه داشتن زنجیر در این زمان لازم است», «مدیریت درست منابع لازم است», «کاهش
# هزینه لازم است»): those are demands, as is «لازم است شهرداری ... ارائه کند».
_NEED = cue_words()["need"]  # the word lists: ``need`` in data/commitment_cues.yaml
_NEED_NOUN = f"(?:{alternation(_NEED['nouns'])})"
_NEED_UNIT = f"(?:{alternation(_NEED['units'])})"
_NEED_NUMBER = rf"(?:[0-9۰-۹][0-9۰-۹/.,٫٬]*|{alternation(_NEED['numbers'])})"
_NEED_AMOUNT = f"(?:{alternation(_NEED['amounts'])})"
_NEEDED = re.compile(
    rf"(?<![\w\u200c]){_NEED_NUMBER}(?:[ \u200c]+(?:و[ \u200c]+)?{_NEED_NUMBER})*[ \u200c]+"
    rf"(?:{_NEED_UNIT}[ \u200c]+(?:دیگر[ \u200c]+)?(?:{_NEED_NOUN}[ \u200c]+)?|{_NEED_NOUN}[ \u200c]+)$"
    rf"|(?<![\w\u200c]){_NEED_NOUN}[ \u200c]+{_NEED_AMOUNT}[ \u200c]+$"
)
_NEED_ENDS = re.compile(r"\s*(?:$|[.،,؛!]|(?:تا|که|و|اما|ولی)(?![\w\u200c]))")


def _estimate(spec: CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """Whether a demand cue «لازم است» follows what is needed (see ``_NEEDED``)."""
    if spec.polarity != "demand" or not squeeze(m.group()).startswith("لازم"):
        return False
    needed = _NEEDED.search(sentence, 0, m.start())
    return needed is not None and _NEED_ENDS.match(sentence, m.end()) is not None


def _after_word(sentence: str, m: re.Match[str], nouns: frozenset[str]) -> bool:
    """Whether the word before ``m`` is one of ``nouns``."""
    prev = sentence[: m.start()].split()
    return bool(prev) and prev[-1] in nouns


def _not_regret(spec: CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """False for «باید ... می‌شد»: a past verb in the clause after a demand regrets the past."""
    if spec.polarity != "demand":
        return True
    clause = re.split(r"[،,؛:.!؟]", sentence[m.end() :], maxsplit=1)[0]
    return cue_config().past.search(clause) is None


def _past_first_plural(m: re.Match[str]) -> bool:
    """«می‌کردیم», «نمی‌رفتیم»: a past imperfective, not a present."""
    return cue_config().past.fullmatch(m.group()) is not None


# «از ابتدای طرح تاکنون»: a marker whose period runs up to now counts what has happened (a statistic).
_SINCE = re.compile(
    r"[^،,؛:.!؟]{0,30}?(?<![\w\u200c])"
    r"(?:تا[ \u200c]?کنون|تا[ \u200c]به[ \u200c](?:حال|امروز)|تا[ \u200c](?:حالا|الان|امروز))"
    r"(?![\w\u200c])"
)
_LUNAR_BOUND = re.compile(r"(?:تا|پیش از|قبل از|بعد از|پس از)[ \u200c]")


def _present_cue(
    sentence: str,
    cfg: CueConfig,
    outside: Callable[[re.Match[str]], bool],
    future: bool,
    deadline_spans: Sequence[tuple[int, int]],
    begun: Sequence[tuple[int, int]] = (),
    bounds: Sequence[tuple[int, int]] = (),
) -> tuple[Cue, bool] | None:
    """A present-tense verb given future sense by a marker or a future date in the sentence, and
    whether that marker comes before it (then it leads the sentence). A third-person verb with a preverb
    counts only with one of ``bounds`` (see ``_PREVERB_THIRD``)."""
    markers = [
        (m.start(), m.end())
        for m in cfg.markers.finditer(sentence)
        if outside(m)
        and not clause_done(sentence, m.end())
        # a lunar bound recurs yearly: in a routine («هر سال پس از ماه رمضان») it gives no future
        and not (_LUNAR_BOUND.match(m.group()) and RECURRING.search(sentence))
        and not any(s <= m.start() < e for s, e in begun)
        and not _SINCE.match(sentence, m.end())
    ]
    if not (future or markers):
        return None
    forecasts = [(f.start(), f.end()) for f in cfg.forecast.finditer(sentence)]
    # «نمی‌دانم این پروژه تا پایان سال تمام می‌شود یا نه»: what follows not knowing is no plan
    unsure = next(
        (t.start() for t in TOKEN.finditer(sentence) if squeeze(t.group()) in cfg.not_refusals), None
    )
    thirds = _preverb_thirds(sentence) if bounds else []
    found = [*cfg.present.finditer(sentence), *thirds]
    verbs = [
        m
        for m in sorted(found, key=lambda v: v.start())
        if outside(m)
        and _is_present(sentence, m, cfg)
        and not any(s <= m.start() < e for s, e in forecasts)
        and not _after_word(sentence, m, cfg.opinion_nouns)
        and (unsure is None or m.start() < unsure)
        and not weather_verb(sentence, m)
        and not quantity_change(sentence, m.start(), m.end())
    ]
    if not verbs:
        return None
    triggers = [*markers, *deadline_spans]
    # The verb a marker or date comes before: in «... ستودنی است و تا مهر سال آینده ... تمام می‌شود» the
    # date gives «تمام می‌شود» its future, not the «است» of the first clause.
    timed = [v for v in verbs if any(s < v.end() for s, _e in triggers)]
    verb = timed[0] if timed else verbs[0]
    # «ساخته می‌شود و در نظر داریم تا پایان سال ...»: the date belongs to the later clause.
    leads = not triggers or bool(timed)
    negated = _NEGATIVE.match(verb.group()) is not None
    preverb = any(verb.start() == t.start() for t in thirds)
    return Cue(verb.start(), verb.end(), "commit", negated, cfg.present_confidence, preverb=preverb), leads


# «کارگران از ابتدای آذر به کار بازمی‌گردند», «طرح از اول دی به اجرا درمی‌آید»: the cue file's present tense
# takes a verb with a preverb in the first person only, as in the third it mostly describes or forecasts
# («مسافران پس از نوروز بازمی‌گردند», «به زودی فصل سرما فرامی‌رسد»). With a bound still ahead that sets it
# («از ...», «تا ...», «ظرف ...»; not «پس از ...», which only orders events) it is a plan as any present verb
# is, by an office: a member of the public's («مطمئنم تا پایان سال آب به خانه‌ها برنمی‌گردد») is a forecast
# (``complaint``). «برمی‌آید» (it appears), «برمی‌خورد» (runs into), «فرامی‌رسد» (a season comes) promise
# nothing.
_PREVERB_THIRD = re.compile(r"(?<![\w\u200c])(?:بر|در|باز|فرا|وا)ن?می[ \u200c]?\w+(?:د|ند)(?![\w\u200c])")
_PREVERB_NOT = re.compile(
    "(?:"
    + "|".join(
        rf"{preverb}ن?می[ \u200c]?(?:{alternation(stems)})"
        for preverb, stems in cue_words()["preverb_not"].items()
    )
    + ")"
)
_NEGATIVE = re.compile(r"(?:بر|در|باز|فرا|وا)?نمی")
# Before the verb in its sentence: weather («از هفته آینده هوای سرد به استان بازمی‌گردد», «موج سرما ...
# فرامی‌گیرد»: a forecast, whoever says it); a cause or a past («علت این تاخیر به کمبود بودجه ...
# برمی‌گردد»: it goes back to); a hedge or an opinion («احتمالا پیمانکار ... برمی‌گردد», «فکر می‌کنم ... آب
# بازنمی‌گردد»). None of them is an office's plan.
_FORECAST_WORDS = cue_words()["preverb_forecast"]  # ``preverb_forecast`` in data/commitment_cues.yaml
_PREVERB_FORECAST = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(_FORECAST_WORDS['weather'])}"
    rf"|(?<!همین )(?<!این )(?<!به )(?:{alternation(_FORECAST_WORDS['causes'])})"
    rf"|{alternation(_FORECAST_WORDS['origins'])}|{alternation(_FORECAST_WORDS['hedges'])})(?![\w\u200c])"
)


def _preverb_thirds(sentence: str) -> list[re.Match[str]]:
    return [
        m
        for m in _PREVERB_THIRD.finditer(sentence)
        if not _PREVERB_NOT.match(m.group()) and not _PREVERB_FORECAST.search(sentence, 0, m.start())
    ]


def _assurance_cue(sentence: str, cfg: CueConfig, outside: Callable[[re.Match[str]], bool]) -> Cue | None:
    """«هیچ پروژه‌ای نیمه‌تمام رها نمی‌شود», «این پل قطعا افتتاح می‌شود»: a speaker's assurance about an event
    (a passive or change verb after it) is a commitment with no time word; a routine is not one."""
    if any(p.search(sentence) for p in (RECURRING, cfg.plan_habitual, cfg.assurance_not)):
        return None
    a = next((m for m in cfg.assurance.finditer(sentence) if outside(m)), None)
    if a is None:
        return None
    verb = next((v for v in cfg.present.finditer(sentence, a.end()) if outside(v)), None)
    if verb is None or not _is_present(sentence, verb, cfg):
        return None
    before = sentence[: verb.start()].split()
    if not before:
        return None
    deed = cfg.assurance_verbs.search(verb.group()) is not None and squeeze(before[-1]) in cfg.deeds
    if not deed and not _left_without(before[-1], verb.group()):
        return None  # «قطعا بارندگی بیشتر می‌شود», «هیچ مشکلی حل نمی‌شود»: a forecast or a view, no deed
    negated = verb.group().startswith("نمی")
    if a.group().startswith("هیچ") and not negated:
        return None  # «هیچ» assures with a negated verb only
    return Cue(verb.start(), verb.end(), "commit", negated, cfg.assurance_confidence, assured=True)


# «هیچ محله‌ای بی‌آب نمی‌ماند», «هیچ نامه‌ای بی‌پاسخ نمی‌ماند»: no one is left without a service is the office's
# assurance that it gives it (a negated «ماندن» after a «بی‌» word); «... ثابت نمی‌ماند» is a maxim.
_LEFT_WITHOUT = re.compile(r"نمی[ \u200c]?مان(?:د|ند)")


def _left_without(word: str, verb: str) -> bool:
    return bool(_LEFT_WITHOUT.fullmatch(verb)) and re.match(r"بی[ \u200c]?\w{2,}$", word) is not None


def _is_present(sentence: str, m: re.Match[str], cfg: CueConfig) -> bool:
    """Not «میلیارد», not the «است» of a perfect («کاشته شده است»), not a past imperfective."""
    word = m.group()
    if squeeze(word) in cfg.not_verbs or squeeze(word) in cfg.not_refusals:
        return False  # «نمی‌گویم ...», «نمی‌دانم ...»: saying or knowing, no act in the present
    if word in ("است", "هستند"):
        before = sentence[: m.start()].rstrip(" \u200c")
        return not re.search(r"\wه$", before)
    return cfg.past.fullmatch(word) is None


def _plan_cue(sentence: str, cfg: CueConfig, outside: Callable[[re.Match[str]], bool]) -> Cue | None:
    if cfg.plan_habitual.search(sentence):
        return None
    for m in cfg.plan.finditer(sentence):
        if not outside(m) or squeeze(m.group()) in cfg.plan_not_verbs or _past_first_plural(m):
            continue
        prev = sentence[: m.start()].split()
        if prev and prev[-1] in cfg.plan_not_nouns:
            continue
        return Cue(m.start(), m.end(), "commit", False, cfg.plan_confidence)
    return None


def action_span(sentence: str, cue: Cue, cond: tuple[int, int] | None) -> tuple[int, int]:
    """The clause around the cue: back to punctuation or a «و» after a verb, forward to the same."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(sentence)]
    start = 0 if cond is None or cond[1] > cue.start else cond[1]
    for i in range(len(tokens) - 1, -1, -1):
        s, e, tok = tokens[i]
        if e > cue.start or s < start:
            continue
        gap = sentence[e : tokens[i + 1][0]] if i + 1 < len(tokens) else ""
        # «در مناطق ۴، ۷ و ۹ ... افتتاح می‌شود»: a list comma does not open the action.
        if re.search(r"[،,؛:]", gap) and not (re.search(r"[،,]", gap) and _is_list_comma(tokens, i + 1)):
            start = tokens[i + 1][0]
            break
        if tok == "و" and i > 0 and VERB_END.search(tokens[i - 1][2]) and not _noun_pair(tokens, i):
            start = tokens[i + 1][0]
            break
    end = len(sentence)
    seen_verb = False
    for i, (s, e, tok) in enumerate(tokens):
        if s < cue.end:
            seen_verb = seen_verb or (e > cue.start and bool(VERB_END.search(tok)))
            continue
        gap = sentence[tokens[i - 1][1] : s] if i > 0 else ""
        # A comma ends the action only once its verb has come («باید در تعامل با ...، ... بالا ببریم»).
        if re.search(r"[،,؛:]", gap) and seen_verb and not _is_list_comma(tokens, i):
            end = tokens[i - 1][1]
            break
        seen_verb = seen_verb or bool(VERB_END.search(tok)) or tok.startswith("می")
        if (
            tok == "و"
            and verb_like(tokens[i - 1][2])
            and tokens[i - 1][1] >= cue.end
            and not _noun_pair(tokens, i)
        ):
            end = tokens[i - 1][1]
            break
    while start < len(sentence) and sentence[start] in ' «»"،,؛:':
        start += 1
    while end > cue.end and sentence[end - 1] in ' «»".!؟?،,؛:':
        end -= 1
    return start, max(end, cue.end)


def _noun_pair(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the «و» at ``i`` joins a pair such as «ساخت و ساز», «داد و ستد»: its first word ends like a
    verb, but no clause ends there."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    return f"{tokens[i - 1][2]} و {tokens[i + 1][2]}" in cue_config().noun_pairs


def _is_list_comma(tokens: list[tuple[int, int, str]], i: int) -> bool:
    # «سه جزء شهر، شهروند و شهرداری را»: a comma between nouns does not end the clause.
    return (
        i + 1 < len(tokens) and tokens[i + 1][2] == "و" or (i + 2 < len(tokens) and tokens[i + 2][2] == "و")
    )


def _topics(action: str, dated: Sequence[tuple[int, int]] = ()) -> list[str]:
    """What the promise is about: the content words of ``action``, not those of its date expressions
    (``dated``, spans in ``action``) nor date words elsewhere («پایان», «آذر», «هفته»; ``topic_dates``)."""
    stop = _stopwords()
    out: list[str] = []
    for m in TOKEN.finditer(action):
        tok = m.group()
        plain = tok.replace("\u200c", "")
        if any(s <= m.start() < e for s, e in dated):
            continue
        if len(plain) < 3 or plain in stop or tok in stop or VERB_END.search(tok) or tok.startswith("می"):
            continue
        if re.search(r"\d|[۰-۹]", tok) or tok in out:
            continue
        out.append(tok)
    return out[:5]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from hazm import stopwords_list

    extra = set(cue_words()["topic_stop"]) | set(cue_words()["topic_dates"])
    # a month or weekday outside a date expression («آذر» in «آذر و دی») names when, never what
    calendar = {w.replace(" ", "\u200c") for w in (*MONTHS, *WEEKDAYS, *SEASONS)}
    dropped = extra | calendar
    return frozenset(stopwords_list()) | dropped | {w.replace("\u200c", "") for w in dropped}


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
    if cue is None and statement and cond is None and line_ahead and _verbless(sentence):
        # «شهردار منطقه ۵:\n🔸 بازگشایی پل تا آخر آذر»: a bullet or headline with no verb names a deed and a
        # date still ahead; as the speaker's, it is what will be done (a past date or none is a report).
        cue = Cue(0, 0, "commit", False, _VERBLESS_CONFIDENCE)
    if cue is not None and _own_pledge(sentence, cue, speaker, role):
        cue = Cue(cue.start, cue.end, "commit", cue.negated, cue.confidence)
    if cue is not None and cue.polarity in ("commit", "intend") and outsiders_clause(sentence, cue.start):
        at = _own_clause_at(sentence, cue, speaker)
        return (
            None
            if at is None
            else _clause_from(sentence, at, offset, speaker, published, statement, outsider, role)
        )
    if (
        cue is None
        or _BROKEN.search(sentence, cue.start)
        or complaint(sentence, cue, speaker, outsider)
        or _grace_gone(sentence, cue)
    ):
        return None  # «... وعده دادند که ... اما این وعده عملی نشد»: a failed promise is history
    a_start, a_end = action_span(sentence, cue, cond)
    if _PROMISED_BEFORE.search(sentence, a_start, cue.start):
        return None  # «قول داده بودیم پل تا مهر افتتاح شود»: a past promise, as «قرار بود»
    if _meeting_notice(sentence[a_start:a_end], [d for s, e, d in dates if a_start <= s < a_end]):
        # «جلسه شورای ترافیک فردا برگزار می‌شود و طرح زوج و فرد از شنبه اجرا می‌شود»: the next clause's
        rest = _NEXT_CLAUSE.match(sentence, a_end)
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
        topics=_topics(action, [(s - a_start - lead, e - a_start - lead) for s, e in date_spans]),
        start=offset + a_start,
        end=offset + a_end,
        confidence=round(min(confidence, 0.95), 2),
        evidence_start=evidence_start,
        evidence_end=evidence_start + len(sentence.strip()),
    )


_VERBLESS_CONFIDENCE = 0.5
# «قول داده بودیم که پل تا پایان مهر افتتاح خواهد شد», «شهرداری وعده داده بود ... آسفالت می‌شود»: in the
# clause of a past-perfect promise the future verb is what was promised then, a past plan (GUIDE: «قرار بود»).
# A clause of its own after it («... و این پل تا پایان آذر افتتاح خواهد شد») restates it and stays one.
_PROMISED_BEFORE = re.compile(
    r"(?<![\w\u200c])(?:(?:قول|وعده|تعهد)[ \u200c]+(?:داده|کرده)|متعهد[ \u200c]+شده)[ \u200c]*"
    r"(?:بود|بودند|بودیم|بودم|بودید|بودی)(?![\w\u200c])"
)

# After what experts or the public say, a clause of the speaker's own: «کارشناسان معتقدند ترافیک ... بیشتر
# می‌شود، اما شورا تا پایان دی ... تصویب می‌کند», «به گفته کارشناسان، ...؛ بنابراین آرامستان جدید ... احداث
# خواهد شد», «... و ما تا پایان هفته ... تمام می‌کنیم».
_OWN_CLAUSE = re.compile(
    r"(?:[،,؛]\s*|\s+و\s+)(?=(?:اما|ولی|لیکن|با[ \u200c]این[ \u200c]حال|بنابراین|به[ \u200c]همین[ \u200c]دلیل"
    r"|از[ \u200c]این[ \u200c]رو|لذا|ما)(?![\w\u200c]))"
)


def _own_clause_at(sentence: str, cue: Cue, speaker: Speaker | None) -> int | None:
    """Where the speaker's own clause starts after the outsiders' one that holds ``cue`` (see
    ``_OWN_CLAUSE``), or ``None``."""
    m = _OWN_CLAUSE.search(sentence, cue.end)
    if m is None or (speaker is None and sentence.startswith("ما", m.end())):
        return None  # with no speaker, «... و ما ...» goes on with the public who spoke
    return m.end()


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


# A meeting notice with a verb (GUIDE; ``meeting_held`` in the cue file): a clause that opens with a meeting,
# a session or a ceremony and whose deed is that it is held. A day («فردا ساعت ۱۰», «روز شنبه») says when it
# takes place; a bound («تا پایان هفته جلسه‌ای ... برگزار می‌شود») is what the speaker undertakes, so stays one.
_HELD_WORDS = cue_words()["meeting_held"]
_MEETING = re.compile(rf"(?:[^\s،,]+[ \u200c]+)?(?:{alternation(_HELD_WORDS['meetings'])})(?![\w\u200c])")
_WORK = re.compile(rf"(?<![\w\u200c])(?:{alternation(_HELD_WORDS['works'])})(?![\w\u200c])")
_HELD = re.compile(
    r"(?<![\w\u200c])برگزار[ \u200c]+(?:ن?می[ \u200c]?(?:شود|شوند|گردد|گردند|کنیم|کند|کنند)|خواهد|خواهند"
    r"|خواهیم|شود|شوند|گردد)(?![\w\u200c])"
)
_NEXT_CLAUSE = re.compile(r"[\s،,؛]*(?:و[ \u200c]+)?")


def _meeting_notice(clause: str, dated: Sequence[Deadline]) -> bool:
    held = _HELD.search(clause)
    if held is None or any(d.kind in ("by", "within") for d in dated):
        return False
    return _MEETING.match(clause) is not None and _WORK.search(clause) is None


# «شهرداری متعهد است تا ...» is what binds the municipality: a demand when the council or a governor says it,
# the municipality's own pledge (``commit``) when it or its official does («شهردار کرمان», «معاون خدمات شهری
# شهرداری»): the office named is the speaker's (its name, or the office of the title, is in the speaker's).
_THIRD_PLEDGE = re.compile(r"متعهد[ \u200c](?:است|هستند|می[ \u200c]?شود|می[ \u200c]?شوند)")


def _own_pledge(sentence: str, cue: Cue, speaker: Speaker | None, role: str) -> bool:
    if (
        speaker is None
        or cue.polarity != "demand"
        or not _THIRD_PLEDGE.fullmatch(sentence[cue.start : cue.end])
    ):
        return False
    subject = sentence[clause_start(sentence, cue.start) : cue.start].split()[:2]
    if not subject or subject[0] not in words()["org_heads"]:
        return False
    who = " ".join([speaker.text, speaker.display, role]).replace("\u200c", " ")
    # «شهرداری کرمان» is «شهردار کرمان»'s office, «شورای شهر» the «رئیس شورای شهر»'s
    return all(w.removesuffix("ی").replace("\u200c", " ") in who for w in subject)


_PREVERB_VERB = re.compile(r"(?:بر|در|باز|فرا|وا)?ن?(?:می|خواه)[ \u200c]?\w")


def _verbless(sentence: str) -> bool:
    """Whether ``sentence`` has no verb: no present, future or perfect form anywhere and, as a Persian clause
    ends in its verb, no past one at its end («ساخت ۵ پارک تا پایان سال» opens with a verbal noun)."""
    cfg = cue_config()
    tokens = TOKEN.findall(sentence)
    if sentence.rstrip().endswith((":", "؟", "?")):
        return False  # a question, or a line that introduces a list («برنامه‌های هفته آینده:»)
    lexical = [t for t in tokens if re.search(r"[^\W\d_]", t)]  # past a bullet's number («۱-»)
    opener = squeeze(lexical[0]) if lexical else ""
    # «اجرای طرح»: the ezafe after a vowel (not the «ی» of «تعطیلی», «برگزاری»: an event, not the deed)
    if not ({opener, re.sub("(?<=ا)ی$", "", opener)} & (cfg.deeds | cfg.line_deeds)):
        return False  # «بررسی لایحه در جلسه یکشنبه آینده»: an agenda; «ترافیک سنگین تا آخر هفته»: a forecast
    if not tokens or cfg.present.search(sentence) or cfg.past.search(sentence):
        return False
    if any(VERB_END.search(t) or _PREVERB_VERB.match(t) for t in tokens):
        return False
    last = re.sub(r"^ن", "", tokens[-1])
    stems = cfg.past_stems
    return not any(last == st or last == st + end for st in stems for end in ("ند", "یم", "م", "ه", "ید"))


# «سه ماه پیش», «سال گذشته», «پارسال» (not «پیش از عید»): long enough ago for the period to have run out
# (a grace given «هفته گذشته» may still run).
_GONE = re.compile(
    r"(?<![\w\u200c])(?:سال[ \u200c](?:گذشته|قبل)|پارسال|(?:ماه|سال)(?:[ \u200c]?ها)?[ \u200c](?:پیش|قبل))"
    r"(?![\w\u200c])(?![ \u200c]از(?![\w\u200c]))"
)
_GRACE = re.compile(r"(?:فرصت|مهلت)[ \u200c]")


def _grace_gone(sentence: str, cue: Cue) -> bool:
    """«سال گذشته به پیمانکار سه ماه مهلت داده شد», «هر سال به کسبه یک ماه فرصت داده می‌شود»: a period of
    grace given long ago or every year sets no task now."""
    if not _GRACE.match(sentence, cue.start):
        return False
    return bool(_GONE.search(sentence) or RECURRING.search(sentence))


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
        if _PAST_PERFECT.match(text, found.start):
            continue  # «X گفته بود که ...»: a statement made before the report, as «قول داده بود»
        promised = _promise_verb(st.reporting_verb)
        if promised is not None and _told_before(text, found):
            promised = None
        titles = _titles(text, st.speaker)
        outsider, role = any(is_expert(t) for t in titles), " ".join(titles)
        for s, e in sentence_spans(text, st.start, st.end, split_quotes=True):
            broken = _broken_after(text, e)
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
        if not _broken_after(text, e):
            titles = _titles(text, speaker)
            outsider, role = any(is_expert(t) for t in titles), " ".join(titles)
            _add(out, seen, commitment_in(text[s:e], s, speaker, published, False, None, outsider, role))
    out.sort(key=lambda c: c.start)
    return out


# A promise reported as made earlier is news about an old promise, not a new one: the past perfect
# («قول داده بود»: the clause then opens with «بود») or a time before the report in its sentence («سال
# گذشته شهردار قول داد ...», whose «تا پایان سال» is not this year's end).
_PAST_PERFECT = re.compile(r"\s*(?:بود|بودند|بودیم|بودم|بودید|بودی)(?![\w\u200c])")
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
_BROKEN = re.compile(
    r"(?<![\w\u200c])(?:وعده|قول|تعهد|مصوبه|قانون)[\w\u200c]*\s(?:[^.!؟،,]{0,40}?\s)?"
    rf"(?:{_FAILED}|به[ \u200c]سرانجام[ \u200c]نرسید|تحقق[ \u200c]نیافت|نادیده[ \u200c]گرفت(?:ند)?)"
    r"(?![\w\u200c])"
)
# ... or in the next sentence, which points back at it: «... . اما این وعده هرگز محقق نشد.»
_POINTS_BACK = re.compile(
    r"[\s.!؟]*(?:(?:اما|ولی)\s*[،,]?\s*)?(?:این|آن|همین)\s+(?:وعده|قول|تعهد|مصوبه)[^.!؟\n]*"
)


def _broken_after(text: str, end: int) -> bool:
    """Whether the sentence after ``end`` says the promise before it failed."""
    m = _POINTS_BACK.match(text, end)
    return m is not None and _BROKEN.search(m.group()) is not None


def _told_before(text: str, found: Found) -> bool:
    """Whether a reported promise was made before the report (see ``_PAST_PERFECT``, ``_EARLIER``)."""
    if _PAST_PERFECT.match(text, found.start):
        return True
    opening = found.speaker_start if found.speaker_start is not None else found.start
    sentence_start = max(text.rfind(mark, 0, opening) for mark in (".", "\n", "؟", "!", "؛")) + 1
    return bool(_EARLIER.search(text, sentence_start, found.start))


# «X از افتتاح ایستگاه جدید مترو تا پایان آذرماه خبر داد»: an announced event is a commitment (the
# annotation guide's «an announced future event») when the announcement puts it ahead, by a future date
# or a word such as «به زودی» (checked in ``commitment_in``).
_ANNOUNCED = Cue(0, 0, "commit", False, 0.7)
# «عضو شورا خواستار توقف ... شد», «از شهرداری خواست ...»: what was asked for is a demand.
_DEMANDED = Cue(0, 0, "demand", False, 0.6)


def _titles(text: str, speaker: Speaker | None) -> list[str]:
    """«علی کاظمی، تحلیلگر بازار مسکن، گفت»: the speaker's name keeps no title, the article gives it."""
    return titles_beside(text, named(speaker)) if speaker is not None else []


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
