"""Duplicate detection across sources: exact (hash of normalised text) and near (MinHash over shingles).

Agencies republish the same municipal press release with a different headline, a byline or a changed
sentence. The exact key catches verbatim copies (dropped); MinHash over word 3-shingles, with LSH bands
stored in the seen-URL database, catches lightly edited ones, which are kept and linked to the first
copy with ``Article.duplicate_of``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

from nlp.normalize import to_ascii_digits

NUM_PERM = 64
BANDS, ROWS = 16, 4  # 16 bands of 4 rows: a pair with Jaccard 0.7 becomes a candidate with p ≈ 0.99
NEAR_JACCARD = 0.5  # estimated shingle overlap from which two texts are one story
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20251006)  # fixed seed: signatures must be comparable across runs
_A = _rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64)
_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "\u200c": " ", "\u200f": " "})
_NON_WORD = re.compile(r"[^\w]+")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")


def dedup_text(text: str) -> str:
    """Text reduced to what stays the same across republications: unified letters, no diacritics,
    ASCII digits, no punctuation, ZWNJ as space, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_UNIFY)
    text = _DIACRITICS.sub("", text)
    text = to_ascii_digits(text)
    return _NON_WORD.sub(" ", text).strip().lower()


def exact_key(text: str) -> str:
    return hashlib.sha256(dedup_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = 3) -> set[str]:
    words = dedup_text(text).split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def minhash(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint64 values) of the word 3-shingles of ``text``."""
    grams = shingles(text)
    base = np.array(
        [
            int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") >> 3
            for g in grams
        ],
        dtype=np.uint64,
    )
    # (a*x + b) mod p per permutation; products wrap in uint64, which keeps them well mixed for our use.
    values = (np.outer(base, _A) + _B) % np.uint64(_PRIME)
    return values.min(axis=0)


def band_keys(signature: np.ndarray) -> list[str]:
    """One key per LSH band: texts sharing any key are compared."""
    return [
        f"{b}:" + hashlib.sha1(signature[b * ROWS : (b + 1) * ROWS].tobytes()).hexdigest()[:16]
        for b in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(a == b))
