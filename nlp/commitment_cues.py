"""The cue file of commitments (``data/commitment_cues.yaml``), compiled, and the lexical helpers every
commitment module shares: what ends a verb, what a token is, the word lists of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"

VERB_END = re.compile(
    r"(?:کنیم|کنند|کند|کنم|شود|شوند|شویم|دهیم|دهد|دهند|باشد|باشیم|ببریم|بریم|رسانیم|"
    r"گیریم|گیرد|یابد|یابیم|کرد|کردیم|کردند|شد|شده|است|هستیم|بود|بودیم|داد|دادند|"
    r"داشتند|دارد|داریم|ببینیم|ساخت|سازیم|نیست|نیستند|نیستیم|کنیم\.)$"
)
TOKEN = re.compile(r"[^\s،,؛:.!?؟«»]+")


@dataclass(frozen=True)
class Cue:
    start: int  # offsets within the sentence
    end: int
    polarity: str
    negated: bool
    confidence: float
    assured: bool = False  # a present verb made a commitment by an assurance (see ``_assurance_cue``)
    refusal: bool = False  # a first-person refusal with no marker («اجازه نمی‌دهیم»): see ``complaint``
    preverb: bool = False  # a third-person verb with a preverb («بازمی‌گردند»): see ``_PREVERB_THIRD``


@dataclass(frozen=True)
class CueSpec:
    pattern: re.Pattern[str]
    polarity: str
    negated: bool
    confidence: float


def compile_cue(pattern: str) -> re.Pattern[str]:
    # A space in a cue matches a space or a ZWNJ (missing-ZWNJ text writes «برنامه ریزی»).
    return re.compile(pattern.replace(" ", "[ \u200c]"))


@dataclass(frozen=True)
class CueConfig:
    specs: list[CueSpec]
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


def squeeze(word: str) -> str:
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
        CueSpec(
            compile_cue(c["pattern"]),
            c["polarity"],
            bool(c.get("negated", False)),
            float(c.get("confidence", 0.6)),
        )
        for c in raw["cues"]
    ]
    return CueConfig(
        specs,
        compile_cue(raw["present_tense"]),
        compile_cue(raw["future_markers"]),
        float(raw["present_confidence"]),
        compile_cue(raw["refusal"]),
        float(raw["refusal_confidence"]),
        frozenset(raw["not_verbs"]),
        _past_pattern(raw["past_stems"], raw["past_stems_ending"]),
        frozenset(raw["past_stems"]) | frozenset(raw["past_stems_ending"]),
        compile_cue(raw["plan_present"]),
        float(raw["plan_present_confidence"]),
        compile_cue(raw["plan_habitual"]),
        frozenset(squeeze(v) for v in raw["plan_not_verbs"]),
        frozenset(raw["plan_not_nouns"]),
        frozenset(squeeze(v) for v in raw["not_refusals"]),
        frozenset(raw["yim_nouns"]),
        frozenset(raw["opinion_nouns"]),
        frozenset(raw["noun_pairs"]),
        compile_cue(raw["forecast"]),
        tuple(squeeze(v) for v in raw["meta_talk"]),
        compile_cue(raw["assurance"]),
        re.compile(raw["assurance_verbs"] + "$"),
        compile_cue(raw["assurance_not"]),
        float(raw["assurance_confidence"]),
        frozenset(squeeze(v) for v in raw["deeds"]),
        frozenset(squeeze(v) for v in raw["line_deeds"]),
    )


def verb_like(tok: str) -> bool:
    """A token that ends a clause before «و»: a verb ending, or a present with «می‌» («می‌رسد»; the ZWNJ keeps
    «میدان» out)."""
    return bool(VERB_END.search(tok)) or re.match("ن?می\u200c", tok) is not None


@lru_cache(maxsize=1)
def cue_words() -> dict[str, Any]:
    """The raw cue file: its word lists (``routine_words``, ``preverb_forecast``, ...) beside the cues."""
    with (DATA / "commitment_cues.yaml").open(encoding="utf-8") as fh:
        raw: dict[str, Any] = yaml.safe_load(fh)
    return raw


def alternation(entries: Iterable[str]) -> str:
    """The entries of a word list as one regex alternation, in the file's order (an entry may hold regex
    syntax, «گرد ?و ?غبار»; a space in it matches a space or a ZWNJ, as in the cues)."""
    return "|".join(e.replace(" ", r"[ \u200c]") for e in entries)
