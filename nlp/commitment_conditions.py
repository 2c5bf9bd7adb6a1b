"""Conditions of a commitment: the «اگر ...», «در صورت ...» clause a cue outside of it does not depend on."""

from __future__ import annotations

import re

from nlp.commitment_cues import TOKEN, VERB_END, cue_words

__all__ = ["CONDITION", "condition_span"]


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
