"""The action of a commitment: the clause around its cue, and the content words it is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from nlp.commitment_cues import TOKEN, VERB_END, Cue, cue_config, cue_words, verb_like
from nlp.jalali import MONTHS, SEASONS, WEEKDAYS

__all__ = ["action_span", "action_topics"]


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


def action_topics(action: str, dated: Sequence[tuple[int, int]] = ()) -> list[str]:
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
