"""A statement found before its speaker is resolved (``Found``), and the spans it is cut from: sentences
and paragraphs of the normalised text, a line without its bullets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)|\n")


@dataclass(frozen=True)
class Found:
    """A statement before its speaker is resolved: spans index the normalised text."""

    start: int
    end: int
    verb: str | None
    direct: bool
    speaker_start: int | None  # span of the speaker clause (None: inherits the current speaker)
    speaker_end: int | None


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, split_quotes: bool = False
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as spans; a stop inside «...» ends one only with ``split_quotes``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s, depth = start, 0
    for i in range(start, end):
        ch = text[i]
        depth += ch == "«"
        depth -= ch == "»" and depth > 0
        stop = ch in ".!?؟" and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] == "»")
        if (ch == "\n" or stop) and (depth == 0 or split_quotes):
            _push(text, spans, s, i + (ch != "\n"))
            s = i + 1
    _push(text, spans, s, end)
    return spans


def _push(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def sentence_start(sentences: list[tuple[int, int]], pos: int) -> int:
    for s, e in sentences:
        if s <= pos < e or pos < s:
            return s
    return pos


_KEEP = "«»\"'("


def unbullet(line: str) -> str:
    """``line`` without its leading bullets: any emoji, symbol or dash («🔴», «⭕️», «▪», «-»), not a quote."""
    i = 0
    while i < len(line) and line[i] not in _KEEP and unicodedata.category(line[i])[0] in "ZSPMC":
        i += 1
    return line[i:]
