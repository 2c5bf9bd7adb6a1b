"""Persian normalisation. FIRST CUT (hazm only) — being replaced by the ZWNJ-restoring normaliser.

Public API (stable): ``normalize(text) -> str``; ``normalize_with_map(text) -> (str, list[int])``
where ``map[i]`` is the index in ``text`` of normalised character ``i`` (len(map) == len(result) + 1).
"""

from __future__ import annotations

from functools import lru_cache

from hazm import Normalizer


@lru_cache(maxsize=1)
def _hazm() -> Normalizer:
    return Normalizer()


def normalize(text: str) -> str:
    """Normalised Persian text, one output line per input line."""
    return "\n".join(_hazm().normalize(line.replace("ZWNJ", "\u200c")) for line in text.split("\n"))
