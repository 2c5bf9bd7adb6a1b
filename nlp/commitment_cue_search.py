"""Finding the commitment cue of a sentence: the cue file's patterns outside the condition, less the
regrets, estimates and forecasts that look like them, then a present verb with a future, a refusal, and in a
statement a plan or an assurance with no time word."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nlp.commitment_conditions import condition_span
from nlp.commitment_cues import Cue, CueConfig, CueSpec, alternation, cue_config, cue_words, squeeze
from nlp.commitment_forecasts import comparative_forecast, quantity_forecast
from nlp.commitment_present import after_word, is_present, present_cue
from nlp.routines import RECURRING

__all__ = ["find_cue"]


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

    present = present_cue(
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
            and not after_word(sentence, m, cfg.opinion_nouns)
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


def _not_regret(spec: CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """False for «باید ... می‌شد»: a past verb in the clause after a demand regrets the past."""
    if spec.polarity != "demand":
        return True
    clause = re.split(r"[،,؛:.!؟]", sentence[m.end() :], maxsplit=1)[0]
    return cue_config().past.search(clause) is None


def _past_first_plural(m: re.Match[str]) -> bool:
    """«می‌کردیم», «نمی‌رفتیم»: a past imperfective, not a present."""
    return cue_config().past.fullmatch(m.group()) is not None


def _assurance_cue(sentence: str, cfg: CueConfig, outside: Callable[[re.Match[str]], bool]) -> Cue | None:
    """«هیچ پروژه‌ای نیمه‌تمام رها نمی‌شود», «این پل قطعا افتتاح می‌شود»: a speaker's assurance about an event
    (a passive or change verb after it) is a commitment with no time word; a routine is not one."""
    if any(p.search(sentence) for p in (RECURRING, cfg.plan_habitual, cfg.assurance_not)):
        return None
    a = next((m for m in cfg.assurance.finditer(sentence) if outside(m)), None)
    if a is None:
        return None
    verb = next((v for v in cfg.present.finditer(sentence, a.end()) if outside(v)), None)
    if verb is None or not is_present(sentence, verb, cfg):
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
