"""Offset maps: keep track of where each character of a rewritten string came from.

A map ``m`` for a string ``s`` derived from ``raw`` has ``len(m) == len(s) + 1``; ``m[i]`` is the index in
``raw`` of ``s[i]`` and ``m[-1] == len(raw)``. A span ``(a, b)`` of ``s`` therefore maps back to
``raw[m[a]:m[b]]``. Every rewrite step is expressed as a regex substitution (or a character-aligned
rewrite) so the map can be carried along without a per-character Python loop in the common case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Replacement = str | Callable[[re.Match[str]], str]


def identity_map(text: str) -> list[int]:
    """The map of a string onto itself."""
    return list(range(len(text) + 1))


def sub_with_map(
    pattern: re.Pattern[str], repl: Replacement, text: str, cmap: list[int] | None
) -> tuple[str, list[int] | None]:
    """``pattern.sub(repl, text)`` that also rewrites ``cmap`` (skipped when ``cmap`` is None).

    Characters of a replacement map to the raw start of what they replace, except that a same-length
    replacement maps position by position (so letter-for-letter fixes keep exact offsets).
    """
    if cmap is None:
        return pattern.sub(repl, text), None
    out: list[str] = []
    new_map: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        rep = m.expand(repl) if isinstance(repl, str) else repl(m)
        out.append(text[last:start])
        new_map.extend(cmap[last:start])
        out.append(rep)
        if len(rep) == end - start:
            new_map.extend(cmap[start:end])
        else:
            new_map.extend([cmap[start]] * len(rep))
        last = end
    out.append(text[last:])
    new_map.extend(cmap[last:])
    return "".join(out), new_map


def translate_with_map(
    table: dict[int, int | str | None], text: str, cmap: list[int] | None, changed: re.Pattern[str]
) -> tuple[str, list[int] | None]:
    """``text.translate(table)`` carrying the map; ``changed`` matches the characters ``table`` touches."""
    if cmap is None or not changed.search(text):
        return text.translate(table), cmap
    return sub_with_map(changed, lambda m: m.group().translate(table), text, cmap)


def realign_map(before: str, after: str, cmap: list[int], gaps: str) -> list[int]:
    """Map for ``after``, a copy of ``before`` in which only characters from ``gaps`` were inserted,
    deleted or swapped for one another (the ZWNJ decoder's edits). Other characters correspond in order.
    """
    new_map: list[int] = []
    i = 0
    n = len(before)
    for ch in after:
        if ch in gaps:
            if i < n and before[i] in gaps:
                new_map.append(cmap[i])
                i += 1
            else:  # inserted: point at the character it precedes
                new_map.append(cmap[i])
            continue
        while i < n and before[i] != ch:  # skip deleted gap characters
            i += 1
        new_map.append(cmap[i])
        i += 1
    new_map.append(cmap[n])
    return new_map
