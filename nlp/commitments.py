"""Commitments: who promised what, by when, inside statements and reported plans.

A sentence is a commitment when, outside any condition («اگر ...،»), it holds a cue from
``data/commitment_cues.yaml``: future tense, a plan construction, a hope, an obligation, or a present
tense verb with a future marker («از امروز آغاز می‌کنیم») or a future deadline. Past achievements,
opinions and descriptions carry none of these and are left alone. One commitment per sentence; the
action is the clause around the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from goftar.model import Commitment, Deadline, Quantity, Speaker, Statement
from nlp.dates import deadlines_in
from nlp.numbers import find_quantities
from nlp.routines import RECURRING, not_recurring, recurring_bounds
from nlp.speakers import key, words
from nlp.statements import DEMAND_VERBS, Found, reporting_verb_pattern, sentence_spans

DATA = Path(__file__).resolve().parent / "data"
CONDITION = re.compile(
    r"(?<![\w\u200c])(?:اگر|چنانچه|درصورتی[ \u200c]?که|در[ \u200c]صورتی[ \u200c]?که|در[ \u200c]صورت"
    r"|به[ \u200c]شرط|مشروط[ \u200c](?:به|بر))"
    r"\s[^،,؛:]*"
)
_VERB_END = re.compile(
    r"(?:کنیم|کنند|کند|کنم|شود|شوند|شویم|دهیم|دهد|دهند|باشد|باشیم|ببریم|بریم|رسانیم|"
    r"گیریم|گیرد|یابد|یابیم|کرد|کردیم|کردند|شد|شده|است|هستیم|بود|بودیم|داد|دادند|"
    r"داشتند|دارد|داریم|ببینیم|ساخت|سازیم|نیست|نیستند|نیستیم|کنیم\.)$"
)
_TOKEN = re.compile(r"[^\s،,؛:.!?؟«»]+")


@dataclass(frozen=True)
class Cue:
    start: int  # offsets within the sentence
    end: int
    polarity: str
    negated: bool
    confidence: float
    assured: bool = False  # a present verb made a commitment by an assurance (see ``_assurance_cue``)
    refusal: bool = False  # a first-person refusal with no marker («اجازه نمی‌دهیم»): see ``_complaint``
    preverb: bool = False  # a third-person verb with a preverb («بازمی‌گردند»): see ``_PREVERB_THIRD``


@dataclass(frozen=True)
class _CueSpec:
    pattern: re.Pattern[str]
    polarity: str
    negated: bool
    confidence: float


def _compile(pattern: str) -> re.Pattern[str]:
    # A space in a cue matches a space or a ZWNJ (missing-ZWNJ text writes «برنامه ریزی»).
    return re.compile(pattern.replace(" ", "[ \u200c]"))


@dataclass(frozen=True)
class CueConfig:
    specs: list[_CueSpec]
    present: re.Pattern[str]
    markers: re.Pattern[str]
    present_confidence: float
    refusal: re.Pattern[str]
    refusal_confidence: float
    not_verbs: frozenset[str]
    past: re.Pattern[str]  # a past imperfective verb
    past_stems: frozenset[str]  # «شد», «کرد», «ساخت»: also verbal nouns at the head of a verbless line
    plan: re.Pattern[str]
    plan_confidence: float
    plan_habitual: re.Pattern[str]
    plan_not_verbs: frozenset[str]
    plan_not_nouns: frozenset[str]
    not_refusals: frozenset[str]  # squeezed («نمیتوانیم»)
    yim_nouns: frozenset[str]
    opinion_nouns: frozenset[str]  # «فکر نمی‌کنیم», «فکر می‌کنم»: an opinion, not a refusal or a plan
    noun_pairs: frozenset[str]  # «ساخت و ساز»: a verb-like word joined by «و» into a noun
    forecast: re.Pattern[str]  # «پیش‌بینی می‌شود»: its verb is no present-tense commitment
    meta_talk: tuple[str, ...]  # squeezed: «نمی‌خواهم وارد جزئیات شوم» is about the interview
    assurance: re.Pattern[str]  # «هیچ پروژه‌ای»، «به هیچ وجه»، «قطعا»: see ``_assurance_cue``
    assurance_verbs: re.Pattern[str]
    assurance_not: re.Pattern[str]  # «متاسفانه», «همچنان»: a complaint about the present, no assurance
    assurance_confidence: float
    deeds: frozenset[str]  # squeezed «رها», «افتتاح»: an office's deeds, whose passive an assurance binds
    line_deeds: frozenset[str]  # squeezed: with ``deeds``, what a verbless commitment line opens with


def _squeeze(word: str) -> str:
    return word.replace("\u200c", "").replace(" ", "")


def _past_pattern(stems: list[str], with_ending: list[str]) -> re.Pattern[str]:
    alts = "|".join(sorted(stems, key=len, reverse=True))
    alts2 = "|".join(sorted(with_ending, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w\u200c])(?:بر|در|باز|فرا|وا)?ن?می[ \u200c]?"  # «برمی‌گشتیم»: a preverb may open it
        rf"(?:(?:{alts})(?:م|ی|یم|ید|ند)?|(?:{alts2})(?:م|ی|یم|ید|ند))"
        rf"(?![\w\u200c])"
        rf"|(?<=\wه)[ \u200c](?:بود|بودند|بودیم)(?![\w\u200c])"
    )


@lru_cache(maxsize=1)
def cue_config() -> CueConfig:
    """The cues of ``data/commitment_cues.yaml``, compiled."""
    with (DATA / "commitment_cues.yaml").open(encoding="utf-8") as fh:
        raw: dict[str, Any] = yaml.safe_load(fh)
    specs = [
        _CueSpec(
            _compile(c["pattern"]),
            c["polarity"],
            bool(c.get("negated", False)),
            float(c.get("confidence", 0.6)),
        )
        for c in raw["cues"]
    ]
    return CueConfig(
        specs,
        _compile(raw["present_tense"]),
        _compile(raw["future_markers"]),
        float(raw["present_confidence"]),
        _compile(raw["refusal"]),
        float(raw["refusal_confidence"]),
        frozenset(raw["not_verbs"]),
        _past_pattern(raw["past_stems"], raw["past_stems_ending"]),
        frozenset(raw["past_stems"]) | frozenset(raw["past_stems_ending"]),
        _compile(raw["plan_present"]),
        float(raw["plan_present_confidence"]),
        _compile(raw["plan_habitual"]),
        frozenset(_squeeze(v) for v in raw["plan_not_verbs"]),
        frozenset(raw["plan_not_nouns"]),
        frozenset(_squeeze(v) for v in raw["not_refusals"]),
        frozenset(raw["yim_nouns"]),
        frozenset(raw["opinion_nouns"]),
        frozenset(raw["noun_pairs"]),
        _compile(raw["forecast"]),
        tuple(_squeeze(v) for v in raw["meta_talk"]),
        _compile(raw["assurance"]),
        re.compile(raw["assurance_verbs"] + "$"),
        _compile(raw["assurance_not"]),
        float(raw["assurance_confidence"]),
        frozenset(_squeeze(v) for v in raw["deeds"]),
        frozenset(_squeeze(v) for v in raw["line_deeds"]),
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
_COND_STOP = frozenset({"تا", "از", "در", "با", "برای", "به", "را", "و", "که", "این", "امسال"})
_SUBJUNCTIVE = re.compile(
    r"(?:ن|ب)?(?:\w+[ \u200c])?(?:شود|شوند|باشد|باشند|کند|کنند|یابد|گردد|دهد|دهند|رسد|آید|ماند|گیرد)"
    r"|ب\w{2,}(?:د|ند)"
)


def _unclosed_end(sentence: str, m: re.Match[str]) -> int:
    head = m.group().split()
    opener = " ".join(head[:2]) if len(head) > 1 and _NP_CONDITION.search(" ".join(head[:2])) else head[0]
    end = m.start() + len(opener)
    tokens = list(_TOKEN.finditer(sentence, end))
    if _NP_CONDITION.search(opener.replace("\u200c", " ")):
        for k, t in enumerate(tokens):
            if t.group() in _COND_STOP or k >= 2 or _VERB_END.search(t.group()) or t.group().startswith("می"):
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
            and _squeeze(m.group()) not in cfg.not_refusals
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


def _about_the_talk(spec: _CueSpec, sentence: str, m: re.Match[str], cfg: CueConfig) -> bool:
    """«نمی‌خواهم وارد جزئیات شوم», «نمی‌خواهیم از کسی نام ببریم»: what the speaker will not say in the
    interview, not what the city will not do."""
    if not (spec.negated and spec.polarity == "intend"):
        return False
    return _squeeze(sentence[m.end() : m.end() + 40]).startswith(cfg.meta_talk)


# «۵ سال زمان لازم است», «۲۰۰۰ میلیارد تومان اعتبار لازم است تا ...», «زمان بیشتری لازم است»: what a job
# needs, named right before «لازم است» with its amount (a number, or «بیشتری», «زیادی») and with no clause
# of its own after it, is an estimate, not an obligation on anyone. Without an amount the noun is what a
# deed is done in or to («همراه داشتن زنجیر در این زمان لازم است», «مدیریت درست منابع لازم است», «کاهش
# هزینه لازم است»): those are demands, as is «لازم است شهرداری ... ارائه کند».
_NEED_NOUN = (
    r"(?:زمان|وقت|فرصت|اعتبار|اعتبارات|بودجه|هزینه|سرمایه|منابع|پول|نیرو|نیروی(?:[ \u200c]انسانی)?|نفر"
    r"|تومان|ریال|دلار)"
)
_NEED_UNIT = r"(?:سال|ماه|روز|هفته|ساعت|تومان|ریال|دلار|نفر|نیرو|دستگاه)"
_NEED_NUMBER = (
    r"(?:[0-9۰-۹][0-9۰-۹/.,٫٬]*|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|پانزده|بیست|سی|چهل|پنجاه"
    r"|شصت|هفتاد|هشتاد|نود|صد|دویست|سیصد|پانصد|هزار|میلیون|میلیارد|چند|چندین)"
)
_NEED_AMOUNT = r"(?:بیشتری|بیشتر|زیادی|کافی|فراوانی|هنگفتی|بسیاری|کلانی|طولانی)"
_NEEDED = re.compile(
    rf"(?<![\w\u200c]){_NEED_NUMBER}(?:[ \u200c]+(?:و[ \u200c]+)?{_NEED_NUMBER})*[ \u200c]+"
    rf"(?:{_NEED_UNIT}[ \u200c]+(?:دیگر[ \u200c]+)?(?:{_NEED_NOUN}[ \u200c]+)?|{_NEED_NOUN}[ \u200c]+)$"
    rf"|(?<![\w\u200c]){_NEED_NOUN}[ \u200c]+{_NEED_AMOUNT}[ \u200c]+$"
)
_NEED_ENDS = re.compile(r"\s*(?:$|[.،,؛!]|(?:تا|که|و|اما|ولی)(?![\w\u200c]))")


def _estimate(spec: _CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """Whether a demand cue «لازم است» follows what is needed (see ``_NEEDED``)."""
    if spec.polarity != "demand" or not _squeeze(m.group()).startswith("لازم"):
        return False
    needed = _NEEDED.search(sentence, 0, m.start())
    return needed is not None and _NEED_ENDS.match(sentence, m.end()) is not None


def _after_word(sentence: str, m: re.Match[str], nouns: frozenset[str]) -> bool:
    """Whether the word before ``m`` is one of ``nouns``."""
    prev = sentence[: m.start()].split()
    return bool(prev) and prev[-1] in nouns


def _not_regret(spec: _CueSpec, sentence: str, m: re.Match[str]) -> bool:
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
        and not _clause_done(sentence, m.end())
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
        (t.start() for t in _TOKEN.finditer(sentence) if _squeeze(t.group()) in cfg.not_refusals), None
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
# (``_complaint``). «برمی‌آید» (it appears), «برمی‌خورد» (runs into), «فرامی‌رسد» (a season comes) promise
# nothing.
_PREVERB_THIRD = re.compile(r"(?<![\w\u200c])(?:بر|در|باز|فرا|وا)ن?می[ \u200c]?\w+(?:د|ند)(?![\w\u200c])")
_PREVERB_NOT = re.compile(
    r"(?:برن?می[ \u200c]?(?:آی|آ|خور)|فران?می[ \u200c]?(?:رس|گیر)|درن?می[ \u200c]?(?:گذر|یاب))"
)
_NEGATIVE = re.compile(r"(?:بر|در|باز|فرا|وا)?نمی")
# Before the verb in its sentence: weather («از هفته آینده هوای سرد به استان بازمی‌گردد», «موج سرما ...
# فرامی‌گیرد»: a forecast, whoever says it); a cause or a past («علت این تاخیر به کمبود بودجه ...
# برمی‌گردد»: it goes back to); a hedge or an opinion («احتمالا پیمانکار ... برمی‌گردد», «فکر می‌کنم ... آب
# بازنمی‌گردد»). None of them is an office's plan.
_PREVERB_FORECAST = re.compile(
    r"(?<![\w\u200c])(?:هوا|هوای|بارش|بارش‌ها|بارندگی|باران|سرما|گرما|دما|موج|توده|سامانه[ \u200c]بارشی"
    r"|گرد[ \u200c]?و[ \u200c]?غبار|ریزگرد|ریزگردها|طوفان|(?<!همین )(?<!این )(?<!به )(?:علت|دلیل)"
    r"|ریشه|سابقه|قدمت|منشا|منشأ|احتمالا|احتمالاً|شاید|بعید|گمان|(?:فکر|تصور)[ \u200c]می[ \u200c]?کنم"
    r"|به[ \u200c]نظرم|به[ \u200c]نظر[ \u200c]من)(?![\w\u200c])"
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
    if verb is None or not _is_present(sentence, verb, cfg) or not cfg.assurance_verbs.search(verb.group()):
        return None
    before = sentence[: verb.start()].split()
    if not before or _squeeze(before[-1]) not in cfg.deeds:
        return None  # «قطعا بارندگی بیشتر می‌شود», «هیچ مشکلی حل نمی‌شود»: a forecast or a view, no deed
    negated = verb.group().startswith("نمی")
    if a.group().startswith("هیچ") and not negated:
        return None  # «هیچ» assures with a negated verb only
    return Cue(verb.start(), verb.end(), "commit", negated, cfg.assurance_confidence, assured=True)


def _is_present(sentence: str, m: re.Match[str], cfg: CueConfig) -> bool:
    """Not «میلیارد», not the «است» of a perfect («کاشته شده است»), not a past imperfective."""
    word = m.group()
    if _squeeze(word) in cfg.not_verbs or _squeeze(word) in cfg.not_refusals:
        return False  # «نمی‌گویم ...», «نمی‌دانم ...»: saying or knowing, no act in the present
    if word in ("است", "هستند"):
        before = sentence[: m.start()].rstrip(" \u200c")
        return not re.search(r"\wه$", before)
    return cfg.past.fullmatch(word) is None


def _plan_cue(sentence: str, cfg: CueConfig, outside: Callable[[re.Match[str]], bool]) -> Cue | None:
    if cfg.plan_habitual.search(sentence):
        return None
    for m in cfg.plan.finditer(sentence):
        if not outside(m) or _squeeze(m.group()) in cfg.plan_not_verbs or _past_first_plural(m):
            continue
        prev = sentence[: m.start()].split()
        if prev and prev[-1] in cfg.plan_not_nouns:
            continue
        return Cue(m.start(), m.end(), "commit", False, cfg.plan_confidence)
    return None


def action_span(sentence: str, cue: Cue, cond: tuple[int, int] | None) -> tuple[int, int]:
    """The clause around the cue: back to punctuation or a «و» after a verb, forward to the same."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
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
        if tok == "و" and i > 0 and _VERB_END.search(tokens[i - 1][2]) and not _noun_pair(tokens, i):
            start = tokens[i + 1][0]
            break
    end = len(sentence)
    seen_verb = False
    for i, (s, e, tok) in enumerate(tokens):
        if s < cue.end:
            seen_verb = seen_verb or (e > cue.start and bool(_VERB_END.search(tok)))
            continue
        gap = sentence[tokens[i - 1][1] : s] if i > 0 else ""
        # A comma ends the action only once its verb has come («باید در تعامل با ...، ... بالا ببریم»).
        if re.search(r"[،,؛:]", gap) and seen_verb and not _is_list_comma(tokens, i):
            end = tokens[i - 1][1]
            break
        seen_verb = seen_verb or bool(_VERB_END.search(tok)) or tok.startswith("می")
        if (
            tok == "و"
            and _verb_like(tokens[i - 1][2])
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


def _verb_like(tok: str) -> bool:
    """A token that ends a clause before «و»: a verb ending, or a present with «می‌» («می‌رسد»; the ZWNJ keeps
    «میدان» out)."""
    return bool(_VERB_END.search(tok)) or re.match("ن?می\u200c", tok) is not None


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


# Predicate adjectives of a pledge the cue file does not list as cues («شهرداری متعهد است تا ...» is
# cued by its «است»): an actor stops before them as before a cue.
_PLEDGE = re.compile(r"(?<![\w\u200c])(?:متعهد|ملزم|مکلف|مصمم)(?![\w\u200c])")


def _actor(action: str, cue: Cue, speaker: Speaker | None, cue_text: str, cue_at: int) -> str | None:
    """Who acts: the speaker for a first-person cue, else the organisation or role that opens the action.

    ``cue_at`` is where the cue starts in ``action``: the actor ends before it («شهرداری متعهد است تا
    پایان هفته ...» is by «شهرداری», not «شهرداری متعهد است تا»).
    """
    # the cue's verb is its last word: the «م» of «ملزم است» is no first person
    verb = cue_text.split()[-1] if cue_text.split() else ""
    first_person = bool(re.search(r"(?:یم|م)(?![\w\u200c])", verb)) or any(
        _we(m.group()) for m in re.finditer(r"(?<![\w\u200c])(?:ما|\w+یم)(?![\w\u200c])", action)
    )
    if first_person and speaker is not None:
        return speaker.display
    w = words()
    head = action.split(maxsplit=1)[0] if action.split() else ""
    if head in w["org_heads"] or head in w["role_heads"]:
        toks: list[str] = []
        subject = re.findall(r"\S+", action[: _predicate_start(action, cue_at)])
        for k, tok in enumerate(subject):
            # «شهرداری یک ماه فرصت دارد»: a count before a unit of time is the period, not the subject
            period = k + 1 < len(subject) and subject[k + 1] in _TIME_UNITS
            if tok in w["boundaries"] or tok in _ACTOR_STOP or len(toks) >= 4 or period:
                break
            toks.append(tok)
            if tok.endswith("ا"):
                break  # «شورا اعتبار ...»: a word in «ا» takes a modifier only as «شورای ...»
        return " ".join(toks) or None
    return _agent(action, _predicate_start(action, cue_at))


# «توسط شهرداری منطقه ۲۲ احداث خواهد شد», «از سوی شرکت واحد»: the agent of a passive («از سوی دیگر» is
# «on the other hand»).
_AGENT = re.compile(
    r"(?<![\w\u200c])(?:توسط|به[ \u200c]?وسیله|به[ \u200c]دست|از[ \u200c](?:سوی|طرف|جانب))"
    r"\s+(?!دیگر(?![\w\u200c]))"
)


# «از طرف/از جانب» a person is «on behalf of» him: someone else acts (for an organisation it is «by»).
_ON_BEHALF = re.compile(r"از[ \u200c](?:طرف|جانب)")


def _agent(action: str, predicate: int) -> str | None:
    """The agent a passive action names before its predicate, else ``None``. The word right before the
    predicate is the verb's own noun («احداث خواهد شد»), not part of the agent."""
    m = _AGENT.search(action, 0, predicate)
    if m is None:
        return None
    w = words()
    # The agent is an organisation or a title («از طرف خیابان ولیعصر», «از سوی شهروندان»
    # are a direction and the public), and a participle before the preposition makes it a modifier's agent
    # («طرح تهیه‌شده توسط دانشگاه»)
    before = action[: m.start()].split()
    if before and re.search("شده$", before[-1]):
        return None
    found = list(re.finditer(r"[^\s،,؛:]+", action[m.end() : predicate]))
    if _ON_BEHALF.match(m.group()) and found and found[0].group() in w["role_heads"]:
        return None  # «پیام تبریک از طرف شهردار ... ارسال خواهد شد»: sent on the mayor's behalf, not by him
    toks: list[str] = []
    for k, t in enumerate(found):
        tok = t.group()
        nxt = found[k + 1].group() if k + 1 < len(found) else ""
        joins = tok == "و" and nxt and nxt not in w["boundaries"] and nxt not in _ACTOR_STOP  # «حمل و نقل»
        if tok in w["boundaries"] or tok in _ACTOR_STOP or (tok == "و" and not joins) or len(toks) >= 8:
            return _org_agent(toks, w)
        if _VERB_END.search(tok) or tok.startswith("می"):
            return None  # «طرحی که توسط شورا تصویب شده ...»: the agent of a relative clause
        toks.append(tok)
    return _org_agent(toks[:-1], w)


def _org_agent(toks: list[str], w: dict[str, list[str]]) -> str | None:
    """The agent read before the predicate, when it names an organisation or a title."""
    while toks and toks[-1] == "و":
        toks = toks[:-1]
    if not toks or not (toks[0] in w["org_heads"] or toks[0] in w["role_heads"]):
        return None
    return " ".join(toks)


# «تنظیم», «تصمیم»: the «تفعیل» shape of nouns ending like a first-person plural verb (the listed ones are
# ``yim_nouns`` of the cue file); a shape, so a regex, not a word list.
_TAFIL = re.compile(r"ت\w\w[یئ]م")


def _we(token: str) -> bool:
    """Whether ``token`` is «ما» or a first-person plural verb («می‌کنیم», «کردیم», «بسازیم»)."""
    plain = token.replace("\u200c", "")
    if plain == "ما" or re.match(r"ن?می", plain):
        return True
    return plain not in cue_config().yim_nouns and not _TAFIL.fullmatch(plain) and not plain.endswith("خیم")


_TIME_UNITS = frozenset({"ساعت", "روز", "هفته", "ماه", "سال"})
_ACTOR_STOP = frozenset({"را", "تا", "ظرف", "حداکثر", "هم", "نیز"})  # words a subject never runs into


def _predicate_start(action: str, cue_at: int) -> int:
    """Where the commitment predicate begins in ``action``: the found cue, or an earlier cue word of
    the same clause («قرار است», «قول داد», «موظف است», «متعهد»), whichever comes first."""
    cfg = cue_config()
    patterns = [spec.pattern for spec in cfg.specs] + [cfg.refusal, _PLEDGE]
    starts = [m.start() for p in patterns if (m := p.search(action, 0, cue_at)) is not None]
    return min([cue_at, *starts])


def _topics(action: str) -> list[str]:
    stop = _stopwords()
    out: list[str] = []
    for tok in _TOKEN.findall(action):
        plain = tok.replace("\u200c", "")
        if len(plain) < 3 or plain in stop or tok in stop or _VERB_END.search(tok) or tok.startswith("می"):
            continue
        if re.search(r"\d|[۰-۹]", tok) or tok in out:
            continue
        out.append(tok)
    return out[:5]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from hazm import stopwords_list

    extra = {
        "خواهیم",
        "خواهد",
        "خواهند",
        "امیدواریم",
        "برنامه‌ریزی",
        "برنامه",
        "قرار",
        "بتوانیم",
        "حتما",
        "کردیم",
        "باید",
        "نیز",
        "همه",
        "این",
        "آن",
        "تلاش",
        "ظرفیت",
        "بالای",
        "نزدیک",
    }
    return frozenset(stopwords_list()) | extra


def _pick_deadline(
    found: list[tuple[int, int, Deadline]], action: tuple[int, int], cond: tuple[int, int] | None
) -> Deadline | None:
    inside = [(s, d) for s, e, d in found if action[0] <= s and e <= action[1]]
    if not inside:
        inside = [(s, d) for s, e, d in found if cond is None or not (cond[0] <= s < cond[1])]
    bounded = [(s, d) for s, d in inside if d.kind in ("by", "within", "from")]
    chosen = bounded or inside
    # «لایحه بودجه سال ۱۴۰۴ ... روز ۱۲ آذر تقدیم می‌شود»: the year names the topic, the date the act.
    specific = [(s, d) for s, d in chosen if not _whole_year(d)]
    chosen = specific or chosen
    return chosen[0][1] if chosen else None


# «طرح استقبال از بهار», «جشنواره زمستانی»: a time word inside the name of a plan or event names it.
_NAME_HEAD = re.compile(
    r"(?<![\w\u200c])(?:طرح|پویش|جشنواره|رویداد|کمپین|همایش|نمایشگاه|مسابقات|مسابقه)"
    r"(?:[ \u200c]+[^\s،,.:؛«»]+){0,3}[ \u200c]+$"
)


def _not_in_names(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop a date that sits inside a plan's name when the sentence gives another one («طرح استقبال از
    بهار از ۲۰ اسفند ۱۴۰۳ تا ۱۵ فروردین ۱۴۰۴ ...»: the range, not «از بهار», is when it runs)."""

    def named(s: int) -> bool:
        m = _NAME_HEAD.search(sentence, max(0, s - 60), s)
        # the name runs from its head to the date, over no other date («طرح ... از بهار از ۲۰ اسفند»)
        return m is not None and not any(m.start() < e2 <= s for s2, e2, _d in dates if s2 != s)

    kept = [(s, e, d) for s, e, d in dates if not named(s)]
    return kept if kept else dates


def _whole_year(d: Deadline) -> bool:
    return d.kind == "on" and d.start is not None and d.end is not None and (d.end - d.start).days >= 360


def _future(found: list[tuple[int, int, Deadline]], published: date | None) -> list[tuple[int, int]]:
    """Spans of the dates that lie ahead of publication (or bound a period from it)."""
    out = []
    for s, e, d in found:
        ahead = published is not None and d.end is not None and d.end >= published and d.kind == "on"
        # «تا پایان سال ۱۴۰۱» in a 1403 article is a deadline that has passed: it gives nothing future sense.
        last = d.end or d.start
        passed = published is not None and last is not None and last < published
        if (d.kind in ("by", "within", "from") and not passed and not _began(d, published)) or ahead:
            out.append((s, e))
    return out


def _began(d: Deadline, published: date | None) -> bool:
    """A period «از ...» that began before publication («از ابتدای مهر تاکنون», «از ابتدای امسال تا امروز»):
    what runs in it is a statistic or a description, not a plan. A range that ends ahead («از ۲۵ اسفند تا
    ۱۳ فروردین» on 26 Esfand) is still partly to come."""
    if d.kind != "from" or published is None or d.start is None or d.start >= published:
        return False
    return d.end is None or d.end <= published


def _begun_spans(found: list[tuple[int, int, Deadline]], published: date | None) -> list[tuple[int, int]]:
    return [(s, e) for s, e, d in found if _began(d, published)]


def _bounds(dates: list[tuple[int, int, Deadline]], future: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _clause_done(sentence: str, at: int) -> bool:
    """Whether the clause going on at ``at`` ends in a perfect verb (see ``_PERFECT_END``)."""
    return _PERFECT_END.search(_own_clause(_CLAUSE_END.split(sentence[at:], 1)[0])) is not None


def _own_clause(rest: str) -> str:
    """``rest`` up to a «و» right after a verb: in «تا پایان سال به بهره‌برداری می‌رسد و شهرداری ... اعتبار
    اختصاص داده است» the perfect belongs to the next clause, not to the one the date is in."""
    tokens = list(_TOKEN.finditer(rest))
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if tok.group() == "و" and _verb_like(prev.group()):
            return rest[: prev.end()]
    return rest


def _not_done(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop the dates (and, in ``_present_cue``, the time markers) of a clause that tells what has begun."""
    return [(s, e, d) for s, e, d in dates if not _clause_done(sentence, e)]


def _not_said_on(sentence: str, dates: list[tuple[int, int, Deadline]]) -> list[tuple[int, int, Deadline]]:
    """Drop the day a statement was made: a date in the clause of a reporting verb, before the verb
    («... در جلسه روز سه‌شنبه تصریح کرد: ...»)."""
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
_EVENT_DAY = re.compile(r"(?:جلسه|نشست|مراسم|دیدار|همایش|اجلاس|آیین|بازدید)(?:[ \u200c]روز)?[ \u200c]*$")
_PAST_ACT = re.compile(r"(?:شد|شدند|کرد|کردند|گردید|نمود|نمودند)(?:[ \u200c]است)?(?:[ \u200c]که)?$")


def _not_event_day(
    sentence: str, dates: list[tuple[int, int, Deadline]], cue_text: str
) -> list[tuple[int, int, Deadline]]:
    """Drop the day of the meeting whose past resolution is the cue (see ``_EVENT_DAY``)."""
    if not _PAST_ACT.search(cue_text.strip()):
        return dates
    return [
        (s, e, d)
        for s, e, d in dates
        if not (_EVENT_DAY.search(sentence[max(0, s - 20) : s]) and not _AHEAD.search(d.text))
    ]


# «از شهرداری می‌خواهیم ...»: a request cue names who is asked to act (see the cue file).
_REQUEST = re.compile(r"از[ \u200c](?P<who>[^،,]+?)[ \u200c](?:می[ \u200c]?خواه|درخواست|تقاضا)")


def _asked(cue_text: str) -> str | None:
    m = _REQUEST.match(cue_text)
    return m["who"] if m else None


# The cue of a resolution that orders (see the cue file): the action is the clause after it.
_RESOLUTION = re.compile(r"(?:تصویب|مصوب)[ \u200c]\S+(?:[ \u200c]است)?(?:[ \u200c]که)?")


def commitment_in(
    sentence: str,
    offset: int,
    speaker: Speaker | None,
    published: date | None,
    statement: bool,
    promised: Cue | None = None,
) -> Commitment | None:
    """The commitment of one sentence (``offset`` = its start in the document), or ``None``.

    ``promised``: the cue of the statement's reporting verb («قول داد»، «وعده داد») when that verb is
    itself a promise; the sentence is then a commitment even with no cue of its own (see
    :func:`find_commitments`).
    """
    dates = _not_said_on(sentence, deadlines_in(sentence, published))
    future = _future(_not_done(sentence, not_recurring(sentence, dates)), published)
    begun = _begun_spans(dates, published) + recurring_bounds(sentence, dates)
    cue = find_cue(
        sentence, deadline_spans=future, in_statement=statement, begun=begun, bounds=_bounds(dates, future)
    )
    if promised is _ANNOUNCED and not (_future(dates, published) or _AHEAD.search(sentence)):
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
    line_ahead = _ahead_for_a_line(dates, future, published)
    if cue is None and statement and cond is None and line_ahead and _verbless(sentence):
        # «شهردار منطقه ۵:\n🔸 بازگشایی پل تا آخر آذر»: a bullet or headline with no verb names a deed and a
        # date still ahead; as the speaker's, it is what will be done (a past date or none is a report).
        cue = Cue(0, 0, "commit", False, _VERBLESS_CONFIDENCE)
    if (
        cue is None
        or _BROKEN.search(sentence, cue.start)
        or _complaint(sentence, cue, speaker)
        or _grace_gone(sentence, cue)
    ):
        return None  # «... وعده دادند که ... اما این وعده عملی نشد»: a failed promise is history
    a_start, a_end = action_span(sentence, cue, cond)
    ordered = _RESOLUTION.fullmatch(sentence[cue.start : cue.end]) is not None
    if ordered:
        # «شورا تصویب کرد که شهرداری ... ارائه کند»: what the resolution orders follows «که»
        a_start = max(a_start, len(sentence) - len(sentence[cue.end :].lstrip()))
    raw_action = sentence[a_start:a_end]
    action = raw_action.strip()
    cue_at = max(0, cue.start - a_start - (len(raw_action) - len(raw_action.lstrip())))  # in ``action``
    cue_at = len(action) if ordered else cue_at
    date_spans = [(s, e) for s, e, _d in dates]
    quantities: list[Quantity] = [
        q
        for s, e, q in find_quantities(sentence)
        if a_start <= s and e <= a_end and not any(ds <= s < de for ds, de in date_spans)
    ]
    dated = _not_event_day(sentence, _not_in_names(sentence, dates), sentence[cue.start : cue.end])
    # «از ابتدای امسال تاکنون ... و تا پایان سال ادامه دارد»: the period already running is no deadline
    dated = [(s, e, d) for s, e, d in dated if not _began(d, published)] or dated
    deadline = _pick_deadline(dated, (a_start, a_end), cond)
    confidence = cue.confidence + (0.05 if deadline else 0) + (0.05 if statement and speaker else 0)
    evidence_start = offset + len(sentence) - len(sentence.lstrip())
    return Commitment(
        speaker=speaker,
        actor=_asked(sentence[cue.start : cue.end])
        or _actor(action, cue, speaker, sentence[cue.start : cue.end], cue_at),
        action=action,
        evidence=sentence.strip(),
        polarity=cue.polarity,  # type: ignore[arg-type]
        negated=cue.negated,
        condition=sentence[cond[0] : cond[1]].strip() if cond and cond[1] <= cue.start else None,
        deadline=deadline,
        quantities=quantities,
        topics=_topics(action),
        start=offset + a_start,
        end=offset + a_end,
        confidence=round(min(confidence, 0.95), 2),
        evidence_start=evidence_start,
        evidence_end=evidence_start + len(sentence.strip()),
    )


_VERBLESS_CONFIDENCE = 0.5


def _ahead_for_a_line(
    dates: list[tuple[int, int, Deadline]], future: list[tuple[int, int]], published: date | None
) -> bool:
    """Whether a verbless line names a time wholly ahead: a bound («تا آخر آذر», «از ابتدای دی») or a day or
    period that has not begun; not a season under way («کاشت نهال در پاییز امسال» reports it) nor a whole
    year, which in a line with no verb names what a noun is about («بودجه سال آینده»)."""
    spans = set(future)
    for s, e, d in dates:
        if (s, e) not in spans or _whole_year(d):
            continue
        if d.kind != "on" or (published is not None and d.start is not None and d.start >= published):
            return True
    return False


_PREVERB_VERB = re.compile(r"(?:بر|در|باز|فرا|وا)?ن?(?:می|خواه)[ \u200c]?\w")


def _verbless(sentence: str) -> bool:
    """Whether ``sentence`` has no verb: no present, future or perfect form anywhere and, as a Persian clause
    ends in its verb, no past one at its end («ساخت ۵ پارک تا پایان سال» opens with a verbal noun)."""
    cfg = cue_config()
    tokens = _TOKEN.findall(sentence)
    if sentence.rstrip().endswith((":", "؟", "?")):
        return False  # a question, or a line that introduces a list («برنامه‌های هفته آینده:»)
    lexical = [t for t in tokens if re.search(r"[^\W\d_]", t)]  # past a bullet's number («۱-»)
    opener = _squeeze(lexical[0]) if lexical else ""
    # «اجرای طرح»: the ezafe after a vowel (not the «ی» of «تعطیلی», «برگزاری»: an event, not the deed)
    if not ({opener, re.sub("(?<=ا)ی$", "", opener)} & (cfg.deeds | cfg.line_deeds)):
        return False  # «بررسی لایحه در جلسه یکشنبه آینده»: an agenda; «ترافیک سنگین تا آخر هفته»: a forecast
    if not tokens or cfg.present.search(sentence) or cfg.past.search(sentence):
        return False
    if any(_VERB_END.search(t) or _PREVERB_VERB.match(t) for t in tokens):
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


_OUR_RIGHT = re.compile(r"حق[ \u200c]ندار(?:یم|م)")


def _complaint(sentence: str, cue: Cue, speaker: Speaker | None) -> bool:
    """«یکی از ساکنان گفت: ما حق نداریم جلوی خانه خودمان پارک کنیم»: a member of the public's «we have no
    right» complains of a rule, and «هیچ کاری انجام نمی‌شود» describes; only an office's («شهردار: ما حق نداریم
    ... هدر بدهیم», «هیچ پروژه‌ای رها نمی‌شود») binds itself. So do the public's refusals («ما هر روز از این
    مسیر نمی‌رویم»: a habit) and forecasts with «حتما» («حتما تا عید کاسبی ما خراب می‌شود») or with a preverb
    verb («تا پایان سال آب به خانه‌ها برنمی‌گردد»)."""
    if speaker is None or not (
        cue.assured
        or cue.refusal
        or cue.preverb
        or _OUR_RIGHT.fullmatch(sentence[cue.start : cue.end])
        or cue_config().assurance.search(sentence)
    ):
        return False
    public = set(words().get("public", []))
    return any(tok in public for tok in speaker.text.split())


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
        for s, e in sentence_spans(text, st.start, st.end, split_quotes=True):
            broken = _broken_after(text, e)
            c = None if broken else commitment_in(text[s:e], s, st.speaker, published, True, promised)
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
            _add(out, seen, commitment_in(text[s:e], s, speaker, published, False))
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
_AHEAD = re.compile(
    r"(?<![\w\u200c])(?:به[ \u200c]?زودی|آینده|آتی|پیش[ \u200c]?رو|از این پس|از فردا|از امروز)(?![\w\u200c])"
)
# «عضو شورا خواستار توقف ... شد», «از شهرداری خواست ...»: what was asked for is a demand.
_DEMANDED = Cue(0, 0, "demand", False, 0.6)


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
