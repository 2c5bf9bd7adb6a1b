"""Commitments: who promised what, by when, inside statements and reported plans.

A sentence is a commitment when, outside any condition («اگر ...،»), it holds a cue from
``data/commitment_cues.yaml``: future tense, a plan construction, a hope, an obligation, or a present
tense verb with a future marker («از امروز آغاز می‌کنیم») or a future deadline. Past achievements,
opinions and descriptions carry none of these and are left alone. One commitment per sentence; the
action is the clause around the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from goftar.model import Commitment, Deadline, Quantity, Speaker, Statement
from nlp.dates import deadlines_in
from nlp.numbers import find_quantities
from nlp.speakers import key, words
from nlp.statements import Found, sentence_spans

DATA = Path(__file__).resolve().parent / "data"
CONDITION = re.compile(
    r"(?<![\w\u200c])(?:اگر|چنانچه|درصورتی[ \u200c]?که|در[ \u200c]صورتی[ \u200c]?که|در[ \u200c]صورت)"
    r"\s[^،,؛:]*"
)
_VERB_END = re.compile(
    r"(?:کنیم|کنند|کند|کنم|شود|شوند|شویم|دهیم|دهد|دهند|باشد|باشیم|ببریم|بریم|رسانیم|"
    r"گیریم|گیرد|یابد|یابیم|کرد|کردیم|کردند|شد|شده|است|هستیم|بود|بودیم|داد|دادند|"
    r"داشتند|دارد|داریم|ببینیم|ساخت|سازیم|کنیم\.)$"
)
_TOKEN = re.compile(r"[^\s،,؛:.!?؟«»]+")


@dataclass(frozen=True)
class Cue:
    start: int  # offsets within the sentence
    end: int
    polarity: str
    negated: bool
    confidence: float


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
    )


def condition_span(sentence: str) -> tuple[int, int] | None:
    """The «اگر ...» clause of a sentence, up to the comma that ends it."""
    m = CONDITION.search(sentence)
    return (m.start(), m.end()) if m else None


def find_cue(sentence: str, future_deadline: bool = False) -> Cue | None:
    """The first commitment cue of ``sentence`` outside its condition, or ``None``."""
    if sentence.rstrip().endswith(("؟", "?")):
        return None
    cfg = cue_config()
    cond = condition_span(sentence)

    def outside(m: re.Match[str]) -> bool:
        return cond is None or not (cond[0] <= m.start() < cond[1])

    found: list[Cue] = []
    for spec in cfg.specs:
        m = next((m for m in spec.pattern.finditer(sentence) if outside(m)), None)
        if m:
            found.append(Cue(m.start(), m.end(), spec.polarity, spec.negated, spec.confidence))
    if future_deadline or any(outside(m) for m in cfg.markers.finditer(sentence)):
        verb = next((m for m in cfg.present.finditer(sentence) if outside(m)), None)
        if verb is not None:
            negated = verb.group().startswith("نمی")
            found.append(Cue(verb.start(), verb.end(), "commit", negated, cfg.present_confidence))
    refusal = next((m for m in cfg.refusal.finditer(sentence) if outside(m)), None)
    if refusal is not None:
        found.append(Cue(refusal.start(), refusal.end(), "commit", True, cfg.refusal_confidence))
    # The first cue is the main clause's; a later «باید» in «... اجرا می‌شود و رانندگان باید ...» is not.
    return min(found, key=lambda c: (c.start, -c.confidence)) if found else None


def action_span(sentence: str, cue: Cue, cond: tuple[int, int] | None) -> tuple[int, int]:
    """The clause around the cue: back to punctuation or a «و» after a verb, forward to the same."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    start = 0 if cond is None or cond[1] > cue.start else cond[1]
    for i in range(len(tokens) - 1, -1, -1):
        s, e, tok = tokens[i]
        if e > cue.start or s < start:
            continue
        gap = sentence[e : tokens[i + 1][0]] if i + 1 < len(tokens) else ""
        if re.search(r"[،,؛:]", gap):
            start = tokens[i + 1][0]
            break
        if tok == "و" and i > 0 and _VERB_END.search(tokens[i - 1][2]):
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
        if tok == "و" and _VERB_END.search(tokens[i - 1][2]) and tokens[i - 1][1] >= cue.end:
            end = tokens[i - 1][1]
            break
    while start < len(sentence) and sentence[start] in ' «»"،,؛:':
        start += 1
    while end > cue.end and sentence[end - 1] in ' «»".!؟?،,؛:':
        end -= 1
    return start, max(end, cue.end)


def _is_list_comma(tokens: list[tuple[int, int, str]], i: int) -> bool:
    # «سه جزء شهر، شهروند و شهرداری را»: a comma between nouns does not end the clause.
    return (
        i + 1 < len(tokens) and tokens[i + 1][2] == "و" or (i + 2 < len(tokens) and tokens[i + 2][2] == "و")
    )


def _actor(action: str, cue: Cue, speaker: Speaker | None, cue_text: str) -> str | None:
    first_person = bool(re.search(r"(?:یم|م)(?![\w\u200c])", cue_text)) or re.search(
        r"(?<![\w\u200c])(?:ما|ن?می[ \u200c]?\w+یم|\w+یم)(?![\w\u200c])", action
    )
    if first_person and speaker is not None:
        return speaker.display
    w = words()
    head = action.split(maxsplit=1)[0] if action.split() else ""
    if head in w["org_heads"] or head in w["role_heads"]:
        toks: list[str] = []
        for tok in action.split():
            if tok in w["boundaries"] or tok in ("را",) or len(toks) >= 4:
                break
            toks.append(tok)
        return " ".join(toks)
    return speaker.display if speaker is not None and first_person else None


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
    inside = [d for s, e, d in found if action[0] <= s and e <= action[1]]
    if not inside:
        inside = [d for s, e, d in found if cond is None or not (cond[0] <= s < cond[1])]
    bounded = [d for d in inside if d.kind in ("by", "within", "from")]
    chosen = bounded or inside
    return chosen[0] if chosen else None


def _future(found: list[tuple[int, int, Deadline]], published: date | None) -> bool:
    for _s, _e, d in found:
        if d.kind in ("by", "within", "from"):
            return True
        if published is not None and d.end is not None and d.end >= published and d.kind == "on":
            return True
    return False


def commitment_in(
    sentence: str, offset: int, speaker: Speaker | None, published: date | None, statement: bool
) -> Commitment | None:
    """The commitment of one sentence (``offset`` = its start in the document), or ``None``."""
    dates = deadlines_in(sentence, published)
    cue = find_cue(sentence, future_deadline=_future(dates, published))
    if cue is None:
        return None
    cond = condition_span(sentence)
    a_start, a_end = action_span(sentence, cue, cond)
    action = sentence[a_start:a_end].strip()
    date_spans = [(s, e) for s, e, _d in dates]
    quantities: list[Quantity] = [
        q
        for s, e, q in find_quantities(sentence)
        if a_start <= s and e <= a_end and not any(ds <= s < de for ds, de in date_spans)
    ]
    deadline = _pick_deadline(dates, (a_start, a_end), cond)
    confidence = cue.confidence + (0.05 if deadline else 0) + (0.05 if statement and speaker else 0)
    return Commitment(
        speaker=speaker,
        actor=_actor(action, cue, speaker, sentence[cue.start : cue.end]),
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
    )


def find_commitments(
    text: str, statements: list[tuple[Statement, Found]], published: date | None
) -> list[Commitment]:
    """Commitments in statements, then in narrative sentences (reported plans, speaker ``None``).

    A sentence repeated in one article (releases often repeat a paragraph) gives one commitment.
    """
    out: list[Commitment] = []
    seen: set[str] = set()
    covered: list[tuple[int, int]] = []
    for st, found in statements:
        covered.append((min(found.speaker_start or found.start, found.start), found.end))
        for s, e in sentence_spans(text, st.start, st.end, split_quotes=True):
            _add(out, seen, commitment_in(text[s:e], s, st.speaker, published, True))
    for s, e in sentence_spans(text):
        if any(cs <= s < ce or s <= cs < e for cs, ce in covered):
            continue
        _add(out, seen, commitment_in(text[s:e], s, None, published, False))
    out.sort(key=lambda c: c.start)
    return out


def _add(out: list[Commitment], seen: set[str], c: Commitment | None) -> None:
    if c is None:
        return
    who = c.speaker.canonical_id or key(c.speaker.display) if c.speaker else ""
    k1, k2 = f"{who}|{key(c.action)}", f"e|{key(c.evidence)}"
    if k1 in seen or k2 in seen:
        return
    seen.update((k1, k2))
    out.append(c)
