"""A character n-gram boundary model for ZWNJ in words and word pairs the lexicon has never seen.

Two tables of weighted counts, both keyed by a left character context and a right one (``^``/``$`` mark
the edges of the word or piece):

* ``inner``: at a position between two letters of a word, the first of which joins forward, was there a
  ZWNJ («نمونه|برداری») or were the letters attached («نمون|ه»)?  Learned from every spelling of the
  lexicon's sources with its ZWNJs taken out;
* ``space``: at a break between two pieces (the last piece of one word, the first of the next), was it a
  ZWNJ («برنامه‌ریزی») or a space («برنامه ریزی» as two words)?  Learned from the pieces each ZWNJ
  joins and from the word pairs written with a space.

P(ZWNJ | left, right) is interpolated from short to long contexts along :data:`ORDERS`: each longer
context's counts are smoothed towards the shorter one's estimate, so a context never seen falls back to
what its letters usually do.  Counts are per word *type* (:func:`type_weight`).

The model is only consulted where :class:`nlp.zwnj.Restorer` has no evidence of its own: words never
seen (and not explained as a known word plus an ending), and spaced pairs seen joined in the word lists
but never written with a space in running text.  It is stored as ``nlp/data/zwnj_ngram.bin`` (zlib +
marshal), rebuilt with the lexicon by ``python -m nlp.train_zwnj``.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from goftar.errors import ModelError

ZWNJ = "\u200c"
NGRAM_PATH = Path(__file__).parent / "data" / "zwnj_ngram.bin"
FORMAT = 1
DUAL_JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئيكـ")
SEP = "|"  # between the left and the right context in a key; never a Persian letter
# (left chars, right chars), shortest first: each order is smoothed towards the one before it
ORDERS = ((1, 1), (1, 2), (2, 2), (2, 3), (3, 3), (3, 4), (4, 4), (4, 5), (5, 5))
SPACE_ORDERS = ORDERS  # a right-heavy chain ((0, 1), (0, 2), …) did worse on dev-CV
BETA = 2.0  # weight of the shorter context's estimate against a longer context's counts
MIN_KEEP = 1.0  # contexts seen in less than one type are dropped (keeps the model under ~4 MB)
TYPE_SCALE = 10.0  # a type with this much weight (1/10: one use in hazm's list) counts fully (dev-CV)
MIN_PIECE = 2  # no split leaves a piece shorter than this (a lone letter is a suffix, not a word)


class ZwnjNgramError(ModelError):
    """The ZWNJ n-gram model is missing or unreadable."""


def type_weight(count: float) -> float:
    """Weight of one spelling or spaced pair: one (capped) vote per type, so that a few frequent
    lexicalised words (آنها، تنها) do not decide the pattern for every unseen compound, and so that
    junctions (mostly from word lists) and spaced pairs (from running text, whose token weights are
    not comparable with the lists') meet on equal terms.  Types below 1/TYPE_SCALE count less."""
    return min(1.0, TYPE_SCALE * count)


def _keys(left: str, right: str, orders: tuple[tuple[int, int], ...] = ORDERS) -> list[str]:
    """Context keys of one boundary, shortest first.  ``^``/``$`` mark a context that reaches the edge
    of the word, and do not count as characters: «آدمی|سر…» must not look like «^می|سر…» (the prefix)."""
    out: list[str] = []
    nl, nr = len(left), len(right)
    for lk, rk in orders:
        lc = ("^" if nl <= lk else "") + left[max(0, nl - lk) :]
        key = lc + SEP + right[:rk] + ("$" if nr <= rk else "")
        if not out or out[-1] != key:
            out.append(key)
    return out


@dataclass
class Table:
    """Weighted counts per context key: how often a ZWNJ was there (``z``) and how often anything (``n``)."""

    z: dict[str, float] = field(default_factory=dict)
    n: dict[str, float] = field(default_factory=dict)
    prior: float = 0.5
    orders: tuple[tuple[int, int], ...] = ORDERS
    seen: float = 0.0  # total weight added (training only: sets the prior)
    seen_z: float = 0.0

    def add(self, left: str, right: str, is_zwnj: bool, weight: float) -> None:
        """Count one boundary of the given weight under every context order."""
        self.seen += weight
        self.seen_z += weight if is_zwnj else 0.0
        for key in _keys(left, right, self.orders):
            self.n[key] = self.n.get(key, 0.0) + weight
            if is_zwnj:
                self.z[key] = self.z.get(key, 0.0) + weight

    def finish(self) -> None:
        """Set the prior from the shortest contexts and drop the contexts too rare to matter."""
        self.prior = (self.seen_z + 1.0) / (self.seen + 2.0)
        self.n = {k: round(v, 3) for k, v in self.n.items() if v >= MIN_KEEP}
        self.z = {k: round(v, 3) for k, v in self.z.items() if k in self.n and v > 0}

    def p(self, left: str, right: str) -> float:
        """Interpolated P(ZWNJ) at the boundary between ``left`` and ``right`` (with edge marks)."""
        p = self.prior
        z, n = self.z, self.n
        for key in _keys(left, right, self.orders):
            c = n.get(key)
            if c is None:
                break  # a longer context containing an unseen one is unseen too
            p = (z.get(key, 0.0) + BETA * p) / (c + BETA)
        return p


@dataclass
class NgramModel:
    """The two boundary tables; see the module docstring."""

    inner: Table = field(default_factory=Table)
    space: Table = field(default_factory=lambda: Table(orders=SPACE_ORDERS))

    def inner_p(self, word: str, i: int) -> float:
        """P(ZWNJ before ``word[i]``) for a word written without ZWNJ."""
        return self.inner.p(word[:i], word[i:])

    def split(self, word: str, threshold: float) -> str:
        """``word`` with a ZWNJ wherever the model is surer than ``threshold``: the surest cuts first,
        none leaving a piece shorter than :data:`MIN_PIECE`."""
        n = len(word)
        cands = sorted(
            (
                (self.inner_p(word, i), i)
                for i in range(MIN_PIECE, n - MIN_PIECE + 1)
                if word[i - 1] in DUAL_JOINING
            ),
            reverse=True,
        )
        cuts: list[int] = []
        for p, i in cands:
            if p <= threshold:
                break
            if all(abs(i - c) >= MIN_PIECE for c in cuts):
                cuts.append(i)
        if not cuts:
            return word
        bounds = [0, *sorted(cuts), n]
        return ZWNJ.join(word[a:b] for a, b in zip(bounds, bounds[1:], strict=False))

    def join_p(self, left: str, right: str) -> float:
        """P(ZWNJ rather than a space) between the piece ``left`` and the piece ``right``."""
        return self.space.p(left, right)


def train(forms: Mapping[str, float], pairs: Iterable[tuple[tuple[str, str], float]]) -> NgramModel:
    """Learn both tables from weighted spellings (ZWNJ kept in them) and weighted spaced piece pairs."""
    model = NgramModel()
    for form, count in forms.items():
        if not form or " " in form:
            continue
        w = type_weight(count)
        pieces = form.split(ZWNJ)
        plain = "".join(pieces)
        cuts, pos = set(), 0
        for piece in pieces[:-1]:
            pos += len(piece)
            cuts.add(pos)
        for i in range(1, len(plain)):
            if plain[i - 1] in DUAL_JOINING:
                model.inner.add(plain[:i], plain[i:], i in cuts, w)
        for a, b in zip(pieces, pieces[1:], strict=False):
            if a and b and a[-1] in DUAL_JOINING:
                model.space.add(a, b, True, type_weight(count))
    for (a, b), count in pairs:
        if a and b and a[-1] in DUAL_JOINING:
            model.space.add(a, b, False, type_weight(count))
    model.inner.finish()
    model.space.finish()
    return model


def save(model: NgramModel, path: Path = NGRAM_PATH) -> Path:
    """Write ``model`` (zlib-compressed marshal; written atomically, processes may race)."""
    payload = marshal.dumps((FORMAT, [(t.z, t.n, t.prior, t.orders) for t in (model.inner, model.space)]))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(zlib.compress(payload, 9))
    tmp.replace(path)
    return path


def load(path: Path = NGRAM_PATH) -> NgramModel:
    """The model saved by :func:`save`; :class:`ZwnjNgramError` when it is missing or unreadable."""
    try:
        fmt, tables = marshal.loads(zlib.decompress(path.read_bytes()))
        if fmt != FORMAT:
            raise ValueError(f"format {fmt}, expected {FORMAT}")
        inner, space = (Table(z, n, prior, tuple(map(tuple, o))) for z, n, prior, o in tables)
    except (OSError, ValueError, EOFError, TypeError, zlib.error) as exc:
        raise ZwnjNgramError(f"cannot read ZWNJ n-gram model {path}: {exc}") from exc
    return NgramModel(inner, space)
