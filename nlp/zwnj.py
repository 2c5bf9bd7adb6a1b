"""ZWNJ (U+200C, نیم‌فاصله) restoration: a lexicon learned from text plus a small morphological decoder.

The lexicon (``nlp/data/zwnj_lexicon.tsv.gz``, rebuilt by ``python -m nlp.train_zwnj``) holds weighted
counts of word spellings from PerDT dev, Seraji dev, Arman and hazm's word lists, and counts of word
pairs written with a space. From the spellings that contain a ZWNJ we learn *pieces*: how often a string
is a left piece (می، نمی، برنامه…), a right piece (ها، های، ترین، ریزی…), and how often two pieces were
joined by a ZWNJ versus separated by a space.

A Persian *run* (words separated by single spaces) is restored in two steps:
1. every space-free *atom* gets its internal ZWNJs: the most frequent spelling of its ZWNJ-free key,
   or, for unknown words, the best split into known pieces at morpheme boundaries;
2. every boundary between atoms (a space, or a soft joiner left by a literal ``ZWNJ`` placeholder) is
   kept or turned into a ZWNJ according to pair evidence and the piece classes.
"""

from __future__ import annotations

import gzip
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from goftar.errors import ModelError

log = logging.getLogger(__name__)

ZWNJ = "\u200c"
SOFT = "\ue000"  # internal marker: a literal placeholder that may be a ZWNJ or a space
LEXICON_PATH = Path(__file__).parent / "data" / "zwnj_lexicon.tsv.gz"

# Letters that join to the following letter: a ZWNJ only has an effect after one of these.
DUAL_JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئيكـ")
LETTERS = "\u0621-\u063a\u0641-\u064a\u0654\u067e\u0686\u0698\u06a9\u06af\u06cc"
RUN_RE = re.compile(f"[{LETTERS}{ZWNJ}{SOFT}]+(?: [{LETTERS}{ZWNJ}{SOFT}]+)*")

STRONG = 3.0  # a plain spelling this frequent is kept as written (one PerDT use, or several elsewhere)
KNOWN = 0.5  # a piece needs this much use to be part of a split
CLASS_MIN = 3.0  # evidence needed before a piece class (prefix/suffix after a letter) is trusted
EVIDENCE_MIN = 0.5  # pair evidence needed before it overrides the class evidence
SPACE_JOIN_MIN = 1.0  # a space becomes a ZWNJ only on this much evidence (hazm alone never suffices)
COMPOUND_LEFT_MIN = 20.0
COMPOUND_RIGHT_MIN = 3.0
SPLIT_PENALTY = 1.0
MAX_SUFFIX = 6


class ZwnjModelError(ModelError):
    """The ZWNJ lexicon is missing or unreadable."""


def _add(d: dict, k: object, c: float) -> None:
    d[k] = d.get(k, 0.0) + c


@dataclass
class Lexicon:
    """Counts learned from text; see the module docstring.

    ``*class`` tables are keyed by (last letter of the left piece, right piece): in how many word types
    that suffix followed that letter after a ZWNJ (``zclass``), attached (``aclass``) or after a space
    (``sclass``).  Types, not tokens, so that a few frequent lexicalised words (آنها، تنها) do not
    outvote the productive pattern (خیابان‌ها).  ``*suffix`` tables back off to the suffix alone.
    """

    def suffix_evidence(self, last: str, b: str, other: str) -> tuple[float, float]:
        """(ZWNJ, other) type counts for suffix ``b`` after letter ``last``; ``other`` is "a"ttached or
        "s"paced. Backs off to the suffix alone when the letter-specific counts are thin."""
        oc, os_ = (self.aclass, self.asuffix) if other == "a" else (self.sclass, self.ssuffix)
        z, o = self.zclass.get((last, b), 0.0), oc.get((last, b), 0.0)
        if z + o >= CLASS_MIN:
            return z, o
        return self.zsuffix.get(b, 0.0), os_.get(b, 0.0)

    plain: dict[str, float] = field(default_factory=dict)  # spelling without ZWNJ -> count
    best: dict[str, str] = field(default_factory=dict)  # key -> best spelling, only when it has a ZWNJ
    best_count: dict[str, float] = field(default_factory=dict)
    left: dict[str, float] = field(default_factory=dict)  # piece -> count before a ZWNJ
    right: dict[str, float] = field(default_factory=dict)  # piece -> count after a ZWNJ
    zpair: dict[tuple[str, str], float] = field(default_factory=dict)
    spair: dict[tuple[str, str], float] = field(default_factory=dict)
    zclass: dict[tuple[str, str], float] = field(default_factory=dict)
    aclass: dict[tuple[str, str], float] = field(default_factory=dict)
    sclass: dict[tuple[str, str], float] = field(default_factory=dict)
    zsuffix: dict[str, float] = field(default_factory=dict)  # the same summed over letters (back-off)
    asuffix: dict[str, float] = field(default_factory=dict)
    ssuffix: dict[str, float] = field(default_factory=dict)
    sleft: dict[str, float] = field(default_factory=dict)  # piece -> count before a space
    listed: set[str] = field(default_factory=set)  # plain words of a curated word list (hazm)

    def known(self, word: str) -> float:
        """How much evidence there is for ``word`` as a spelling or a piece."""
        return (
            self.plain.get(word, 0.0) + self.best_count.get(word, 0.0)
            + self.left.get(word, 0.0) + self.right.get(word, 0.0)
        )

    def finish(self, forms: dict[str, float], convention: dict[str, float]) -> None:
        """Derive every table from the spellings, the convention spellings and the spaced pairs."""
        for form, count in forms.items():
            if ZWNJ not in form:
                _add(self.plain, form, count)
                continue
            pieces = form.split(ZWNJ)
            for a, b in zip(pieces, pieces[1:], strict=False):
                _add(self.left, a, count)
                _add(self.right, b, count)
                _add(self.zpair, (a, b), count)
            key = form.replace(ZWNJ, "")
            if count > self.best_count.get(key, 0.0):
                self.best[key] = form
                self.best_count[key] = count
        for key in [k for k, c in self.best_count.items() if self.plain.get(k, 0.0) >= c]:
            del self.best[key]
        self._convention_evidence(convention)
        for (a, b), count in self.spair.items():
            if a:
                _add(self.sclass, (a[-1], b), min(1.0, count))
                _add(self.ssuffix, b, min(1.0, count))
            _add(self.sleft, a, count)

    def _convention_evidence(self, convention: dict[str, float]) -> None:
        """Suffix classes from the convention sources (PerDT, Seraji): one vote per word type.

        Types, not tokens, so a few frequent lexicalised words (آنها، تنها) do not outvote the productive
        pattern (خیابان‌ها); convention sources only, because Arman and hazm's lists often write plurals
        attached («ارزشها») while the treebanks write them with a ZWNJ.
        """
        suffixes = {b for b, c in self.right.items() if c >= CLASS_MIN and len(b) <= MAX_SUFFIX}
        for w in convention:
            if ZWNJ in w:
                pieces = w.split(ZWNJ)
                for a, b in zip(pieces, pieces[1:], strict=False):
                    # suffix classes come from stems, not prefixes: می‌کنند says nothing of «عملی کنند»
                    if a and b in suffixes and not self.left.get(a, 0.0) > 3 * self.plain.get(a, 0.0):
                        _add(self.zclass, (a[-1], b), 1.0)
                        _add(self.zsuffix, b, 1.0)
                continue
            n = len(w)
            for k in range(1, min(MAX_SUFFIX, n - 2) + 1):
                b, a = w[n - k :], w[: n - k]
                if b in suffixes and a[-1] in DUAL_JOINING and self.known(a) >= KNOWN:
                    _add(self.aclass, (a[-1], b), 1.0)
                    _add(self.asuffix, b, 1.0)

def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the gzip TSV written by ``nlp.train_zwnj``: rows ``f form count`` (all sources), ``c form
    count`` (convention sources) and ``b left right count`` (pieces separated by a space)."""
    lex = Lexicon()
    forms: dict[str, float] = {}
    convention: dict[str, float] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "f" and len(parts) >= 3:
                    forms[parts[1]] = forms.get(parts[1], 0.0) + float(parts[2])
                    if len(parts) == 4:
                        lex.listed.add(parts[1])
                elif parts[0] == "c" and len(parts) == 3:
                    convention[parts[1]] = float(parts[2])
                elif parts[0] == "b" and len(parts) == 4:
                    lex.spair[(parts[1], parts[2])] = float(parts[3])
    except (OSError, ValueError) as exc:
        raise ZwnjModelError(f"cannot read ZWNJ lexicon {path}: {exc}") from exc
    lex.finish(forms, convention)
    return lex


class Restorer:
    """Restores ZWNJ in Persian runs with a :class:`Lexicon`."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._atom_cache: dict[str, str] = {}

    # ---------------------------------------------------------------- step 1: atoms
    def restore_atom(self, word: str) -> str:
        """The spelling of a space-free word with its ZWNJs restored (unchanged when unsure).

        A word that already has a ZWNJ is trusted as written, which also keeps normalisation idempotent.
        """
        hit = self._atom_cache.get(word)
        if hit is None:
            hit = word if ZWNJ in word else self._restore_plain(word)
            if len(self._atom_cache) < 500_000:
                self._atom_cache[word] = hit
        return hit

    def _restore_plain(self, word: str) -> str:
        best = self.lex.best.get(word)
        if best is not None:
            return best
        attested = self.lex.plain.get(word, 0.0)
        if attested >= STRONG or word in self.lex.listed:
            return word
        seg = self._segment(word, attested)
        return seg if seg is not None else word

    def _split_ok(self, a: str, b: str, attested: float) -> bool:
        """May pieces ``a`` and ``b``, written together, be split by a ZWNJ?

        ``attested`` is how often the whole word was seen written together: the more, the stronger the
        evidence for a split must be.
        """
        lex = self.lex
        if lex.zpair.get((a, b), 0.0) > attested:
            return True
        zc, ac = lex.suffix_evidence(a[-1], b, "a")
        if attested:
            return zc >= CLASS_MIN and zc > 2 * ac
        if zc >= CLASS_MIN and zc > ac:  # ظرفیت|های، جلسه|ای، کلیدی|ترین
            return True
        # a compound of a common word and a known second element (توکلی|زاده، آتش|نشانی)
        return (
            len(a) > 2 and len(b) > 2
            and lex.plain.get(a, 0.0) >= COMPOUND_LEFT_MIN
            and lex.right.get(b, 0.0) >= COMPOUND_RIGHT_MIN
        )

    def _segment(self, word: str, attested: float) -> str | None:
        """Best split of an unknown word into known pieces joined by ZWNJ, or None."""
        n = len(word)
        cuts = [i for i in range(2, n) if word[i - 1] in DUAL_JOINING]
        if not cuts:
            return None
        lex = self.lex
        best: dict[int, tuple[float, list[str]]] = {}  # end -> (score, pieces) for word[:end]
        for j in cuts + [n]:
            cand: tuple[float, list[str]] | None = None
            for i in [0] + cuts:
                if i >= j or (i and i not in best) or (i == 0 and j == n):
                    continue
                piece = word[i:j]
                c = lex.known(piece)
                if c < KNOWN or (i == 0 and len(piece) < 2):
                    continue
                if i:
                    prev_score, prev = best[i]
                    if not self._split_ok(prev[-1], piece, attested):
                        continue
                    total, pieces = prev_score + math.log1p(c) - SPLIT_PENALTY, prev + [piece]
                else:
                    total, pieces = math.log1p(c), [piece]
                if cand is None or total > cand[0]:
                    cand = (total, pieces)
            if cand is not None:
                best[j] = cand
        if n in best:
            return ZWNJ.join(best[n][1])
        return None if attested else self._segment_unknown_stem(word)

    def _segment_unknown_stem(self, word: str) -> str | None:
        """An unknown stem plus a plural/superlative tail (اوراقچی|ها): split off the longest such tail.
        After a letter that does not join forward (لوکوموتیوهای) the tail needs no ZWNJ: leave it."""
        lex = self.lex
        for i in range(3, len(word) - 1):
            tail = word[i:]
            if word[i - 1] not in DUAL_JOINING:
                zs, as_ = lex.zsuffix.get(tail, 0.0), lex.asuffix.get(tail, 0.0)
                if zs >= 3 * CLASS_MIN and zs > 2 * as_:
                    return None
                continue
            zc, ac = lex.suffix_evidence(word[i - 1], tail, "a")
            if zc >= 3 * CLASS_MIN and zc > 2 * ac:
                return word[:i] + ZWNJ + tail
            # a second element that hardly ever stands alone (توکلی|زاده)
            if len(tail) > 2 and lex.right.get(tail, 0.0) >= 3 * CLASS_MIN > 0 and (
                lex.right.get(tail, 0.0) > 5 * lex.plain.get(tail, 0.0)
            ):
                return word[:i] + ZWNJ + tail
        return None

    # ---------------------------------------------------------------- step 2: boundaries
    def _join(self, left: str, right: str, soft: bool) -> bool:
        """Should the space (or soft joiner) between restored atoms ``left`` and ``right`` go?"""
        lex = self.lex
        a = left.rsplit(ZWNJ, 1)[-1]
        b = right.split(ZWNJ, 1)[0]
        if a[-1] not in DUAL_JOINING:  # joining would glue the letters without a ZWNJ
            return soft
        z = lex.zpair.get((a, b), 0.0)
        s = lex.spair.get((a, b), 0.0)
        if z >= SPACE_JOIN_MIN or s >= EVIDENCE_MIN:  # برنامه ریزی، داده شده
            return z > s if not soft else z > 0 or s < CLASS_MIN
        la = lex.left.get(a, 0.0)
        sa = lex.sleft.get(a, 0.0) + lex.plain.get(a, 0.0)
        if la >= CLASS_MIN and left == a and la > 10 * sa:  # می کنیم (not سه قاشق: «سه» stands alone)
            return True
        zc, sc = lex.suffix_evidence(a[-1], b, "s")
        if zc + sc >= CLASS_MIN:  # ظرفیت ها، مجموعه ای
            return zc > sc or (soft and 4 * zc > sc)
        if not soft:
            return False
        # a literal placeholder between two ordinary words («جایگاه‌های ZWNJ داشته») is a space
        return not (lex.plain.get(b, 0.0) >= STRONG and lex.plain.get(b, 0.0) > lex.right.get(b, 0.0))

    def restore_run(self, run: str) -> str:
        """Restore one run: Persian words separated by single spaces (and soft joiners)."""
        out: list[str] = []
        for chunk in run.split(" "):
            for k, atom in enumerate(chunk.split(SOFT)):
                if not atom:
                    continue
                fixed = self.restore_atom(atom)
                if out and self._join(out[-1], fixed, soft=k > 0):
                    sep = ZWNJ if out[-1][-1] in DUAL_JOINING else ""
                    out[-1] = out[-1] + sep + fixed
                else:
                    out.append(fixed)
        return " ".join(out)

    def restore(self, text: str) -> str:
        """Restore every Persian run of ``text``; everything else is left as it is."""
        return RUN_RE.sub(lambda m: self.restore_run(m.group()), text)


_default: Restorer | None = None


def default_restorer() -> Restorer:
    """The restorer ``nlp.normalize`` uses: built on the bundled lexicon on first use."""
    global _default
    if _default is None:
        _default = Restorer(load_lexicon())
    return _default


def use_restorer(restorer: Restorer | None) -> None:
    """Make ``restorer`` the default (``None``: back to the bundled lexicon). For experiments and CV."""
    global _default
    _default = restorer
