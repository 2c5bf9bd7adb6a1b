"""The ZWNJ lexicon: counts of spellings and of spaced word pairs learned from text
(``nlp/data/zwnj_lexicon.tsv.gz``, rebuilt by ``python -m nlp.train_zwnj``), the tables of pieces and
suffix classes derived from them (:class:`Lexicon`, see :mod:`nlp.zwnj`), and its loading.

Loading: the derived tables are cached beside the TSV (``zwnj_lexicon.cache``, zlib + marshal, keyed by
the TSV's SHA-256), which loads about three times faster than parsing and deriving them again.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from goftar.errors import ModelError
from nlp.zwnj_chars import DUAL_JOINING, ZWNJ

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).parent / "data" / "zwnj_lexicon.tsv.gz"
TAB = "\t"  # joins the two pieces of a pair key («می\tکنیم»): flat string keys load fast from the cache
CACHE_FORMAT = 4  # bump when the tables of Lexicon change

STRONG = 3.0  # a plain spelling this frequent in the convention sources is kept as written
KNOWN = 0.5  # a piece needs this much use to be part of a split
CLASS_MIN = 3.0  # evidence needed before a piece class (prefix/suffix after a letter) is trusted
CLASS_SMOOTH = 3.0  # weight of the back-off estimate (letter group, then suffix) in the class estimate
MAX_SUFFIX = 6
# the personal endings and copulas in «ا» (سنتی‌ای، قبلی‌ام، انسانی‌اند): after the vowel ی they take a ZWNJ,
# but each alone is too rare there for a class of its own, so they share one (dev-CV); not «ات», which is
# also the Arabic plural (ادبیات), nor the endings in a consonant, which PerDT attaches to ی (ناراحتیشان)
ENCLITICS = frozenset(("ام", "ای", "اش", "ایم", "اید", "اند"))
# personal endings and plural markers that stack on a suffix (های|ت، تر|ها، تر|یم)
ENDINGS = frozenset(("م", "ت", "ش", "مان", "تان", "شان", "یم", "ید", "ند", "ی", "ها", "های", "ین"))
STEM_ODDS = 100.0  # a word this much rarer than its would-be stem is no stem plus suffix (اینتر، رویتر)
# the verbal prefixes before «می»/«نمی» (درمی‌گذرند، فرونمی‌رود): a closed class of the grammar, which
# the lexicon sees too rarely (as «درمی») to learn
PREVERBS = frozenset(("بر", "در", "فرو", "فرا", "وا", "باز", "ور"))


class ZwnjModelError(ModelError):
    """The ZWNJ lexicon is missing or unreadable."""


def _add(d: dict, k: object, c: float) -> None:
    d[k] = d.get(k, 0.0) + c


def letter_group(letter: str) -> str:
    """Final ه and ی behave apart before suffixes (کتاب‌ها but خانه‌ای, علمی‌اند); the rest go together."""
    return letter if letter in "هی" else "C"


@dataclass
class Lexicon:
    """Counts learned from text; see :mod:`nlp.zwnj`.

    ``*class`` tables are keyed by (last letter of the left piece, right piece) and by (its letter group,
    right piece): in how many word types that suffix followed after a ZWNJ (``zclass``), attached
    (``aclass``) or after a space (``sclass``).  Types, not tokens, so that a few frequent lexicalised
    words (آنها، تنها) do not outvote the productive pattern (خیابان‌ها).  ``*suffix`` tables are the
    same summed over letters (the last back-off).
    """

    plain: dict[str, float] = field(default_factory=dict)  # spelling without ZWNJ -> count (all sources)
    conv: dict[str, float] = field(default_factory=dict)  # the same in the convention sources only
    best: dict[str, str] = field(default_factory=dict)  # key -> best spelling, only when it has a ZWNJ
    best_count: dict[str, float] = field(default_factory=dict)
    left: dict[str, float] = field(default_factory=dict)  # piece -> count before a ZWNJ
    lpre: dict[str, float] = field(default_factory=dict)  # the same, not counting suffixes after it
    right: dict[str, float] = field(default_factory=dict)  # piece -> count after a ZWNJ
    zpair: dict[str, float] = field(default_factory=dict)
    spair: dict[str, float] = field(default_factory=dict)
    zclass: dict[str, float] = field(default_factory=dict)
    aclass: dict[str, float] = field(default_factory=dict)
    sclass: dict[str, float] = field(default_factory=dict)
    zsuffix: dict[str, float] = field(default_factory=dict)
    asuffix: dict[str, float] = field(default_factory=dict)
    ssuffix: dict[str, float] = field(default_factory=dict)
    sleft: dict[str, float] = field(default_factory=dict)  # piece -> count before a space
    sright: dict[str, float] = field(default_factory=dict)  # piece -> count after a space
    suffixes: set[str] = field(default_factory=set)

    def verb_after_mi(self, a: str, b: str) -> bool:
        """``a`` is a preverb plus «می»/«نمی» (برمی، درنمی) and ``b`` a verb seen after «می»."""
        return (
            len(a) > 3
            and a.endswith("می")
            and (
                self.plain.get(a, 0.0) <= self.lpre.get(a, 0.0)
                or a.removesuffix("می").removesuffix("ن") in PREVERBS
            )
            and (self.zpair.get("می" + TAB + b, 0.0) > 0 or self.zpair.get("نمی" + TAB + b, 0.0) > 0)
        )

    def is_suffix(self, b: str) -> bool:
        """``b`` is a known right piece or one plus personal endings (هایت = های + ت, ترها = تر + ها)."""
        if b in self.suffixes:
            return True
        return any(b[:k] in self.suffixes and b[k:] in ENDINGS for k in range(len(b) - 1, 1, -1))

    def known(self, word: str) -> float:
        """How much evidence there is for ``word`` as a spelling or a piece."""
        return (
            self.plain.get(word, 0.0)
            + self.best_count.get(word, 0.0)
            + self.left.get(word, 0.0)
            + self.right.get(word, 0.0)
        )

    def suffix_p(self, last: str, b: str, other: str) -> tuple[float, float]:
        """Smoothed probability that suffix ``b`` follows letter ``last`` after a ZWNJ rather than
        "a"ttached or after a "s"pace, and the suffix-level evidence behind it.  The letter's estimate
        is smoothed towards its group's (:func:`letter_group`), and that towards even odds."""
        oc, os_ = (self.aclass, self.asuffix) if other == "a" else (self.sclass, self.ssuffix)
        zs, o_s = self.zsuffix.get(b, 0.0), os_.get(b, 0.0)
        if zs + o_s < CLASS_MIN:  # a rare stack (هایش، تریم): the first suffix decides (ها، تر)
            for k in range(len(b) - 1, 1, -1):  # never down to one letter (تی is not ت+ی)
                z2, o2 = self.zsuffix.get(b[:k], 0.0), os_.get(b[:k], 0.0)
                if z2 + o2 >= CLASS_MIN:
                    b, zs, o_s = b[:k], z2, o2
                    break
        # from even odds: the suffix-wide rate is the ه/ی rate (خسته‌ام) and says little of ملایم;
        # but a suffix mostly attached everywhere (تی) starts from its own rate (کیفیتی is not کیفی|تی)
        p = min(0.5, (zs + 0.5) / (zs + o_s + 1.0))
        group = letter_group(last)
        if other == "a" and group == "ی" and b in ENCLITICS:
            p = self._enclitic_p(p)
        # ه and ی are their own group: their counts must not be taken twice
        for key in (group + TAB + b, last + TAB + b) if group != last else (last + TAB + b,):
            z, o = self.zclass.get(key, 0.0), oc.get(key, 0.0)
            p = (z + CLASS_SMOOTH * p) / (z + o + CLASS_SMOOTH)
        return p, zs + o_s

    def _enclitic_p(self, p: float) -> float:
        """The estimate for every ending of :data:`ENCLITICS` after ی (سنتی‌ای، زندگی‌ام، انسانی‌اند),
        smoothed towards ``p``: the class the estimate of each of them is smoothed towards in turn."""
        z = sum(self.zclass.get("ی" + TAB + e, 0.0) for e in ENCLITICS)
        o = sum(self.aclass.get("ی" + TAB + e, 0.0) for e in ENCLITICS)
        return (z + CLASS_SMOOTH * p) / (z + o + CLASS_SMOOTH)

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
                _add(self.zpair, a + TAB + b, count)
            key = form.replace(ZWNJ, "")
            if count > self.best_count.get(key, 0.0):
                self.best[key] = form
                self.best_count[key] = count
        for key in [k for k, c in self.best_count.items() if self.plain.get(k, 0.0) >= c]:
            del self.best[key]
        self.suffixes = {b for b, c in self.right.items() if c >= CLASS_MIN and len(b) <= MAX_SUFFIX}
        for pair, count in self.zpair.items():
            a, b = pair.split(TAB)
            if b not in self.suffixes:
                _add(self.lpre, a, count)
        self.conv = {w: c for w, c in convention.items() if ZWNJ not in w}
        self._convention_evidence(convention)
        for pair, count in self.spair.items():
            a, b = pair.split(TAB)
            if a:
                for key in (a[-1] + TAB + b, letter_group(a[-1]) + TAB + b):
                    _add(self.sclass, key, min(1.0, count))
                _add(self.ssuffix, b, min(1.0, count))
            _add(self.sleft, a, count)
            _add(self.sright, b, count)

    def _convention_evidence(self, convention: dict[str, float]) -> None:
        """Suffix classes from the convention sources (PerDT, Seraji): one vote per word type.

        Convention sources only, because Arman and hazm's lists often write plurals attached
        («ارزشها») while the treebanks write them with a ZWNJ.
        """
        suffixes = self.suffixes
        for w, count in convention.items():
            vote = min(1.0, count / STRONG)  # a type seen once in PerDT is a full vote
            if ZWNJ in w:
                pieces = w.split(ZWNJ)
                for a, b in zip(pieces, pieces[1:], strict=False):
                    # suffix classes come from stems, not prefixes: می‌کنند says nothing of «عملی کنند»
                    if a and b in suffixes and not self.left.get(a, 0.0) > 3 * self.plain.get(a, 0.0):
                        for key in (a[-1] + TAB + b, letter_group(a[-1]) + TAB + b):
                            _add(self.zclass, key, vote)
                        _add(self.zsuffix, b, vote)
                continue
            n = len(w)
            if self._zero_width(w):
                continue  # دره|ای? no: در|های, which needs no ZWNJ, so it says nothing of ه+ای
            for k in range(1, min(MAX_SUFFIX, n - 2) + 1):
                b, a = w[n - k :], w[: n - k]
                if (
                    b in suffixes
                    and a[-1] in DUAL_JOINING
                    and KNOWN <= self.known(a) <= STEM_ODDS * count
                    and not self.glide(a, b)
                ):
                    for key in (a[-1] + TAB + b, letter_group(a[-1]) + TAB + b):
                        _add(self.aclass, key, vote)
                    _add(self.asuffix, b, vote)

    def glide(self, a: str, b: str) -> bool:
        """Is ``a`` + ``b`` a word in «ا» plus the glide «ی» (دنیا|ی، رعایا|ی، نیا|ید), or a verb (گریاند),
        rather than a stem in «ی» before an ending in «ا» (سنتی|ای، انسانی|اند)?  After «ا» (رعای|ای) the
        letter ی is a consonant, not the vowel those endings follow."""
        if a[-1] != "ی" or not b.startswith("ا"):
            return False
        word = a + b
        return (
            a[-2:-1] == "ا"
            or self.known(a + "ا") > 0
            or self.zpair.get("می" + TAB + word, 0.0) > 0
            or self.zpair.get("نمی" + TAB + word, 0.0) > 0
        )

    def _zero_width(self, w: str) -> bool:
        """Is ``w`` a known stem ending in a letter that does not join forward plus a suffix?"""
        for k in range(1, min(MAX_SUFFIX, len(w) - 2) + 1):
            a = w[: len(w) - k]
            if w[len(w) - k :] in self.suffixes and a[-1] not in DUAL_JOINING and self.known(a) >= KNOWN:
                return True
        return False


def cache_path(path: Path) -> Path:
    """Where the ready-to-use tables of the lexicon at ``path`` are cached (``zwnj_lexicon.cache``)."""
    return path.with_name(path.name.split(".", 1)[0] + ".cache")


def _digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def save_cache(lex: Lexicon, path: Path) -> Path:
    """Write the derived tables of ``lex`` next to its TSV ``path`` (zlib-compressed marshal: loading it
    is several times faster than parsing the TSV and deriving the tables again)."""
    out = cache_path(path)
    payload = marshal.dumps((CACHE_FORMAT, _digest(path), dict(vars(lex))))
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")  # processes may race to write it
    tmp.write_bytes(zlib.compress(payload, 6))
    tmp.replace(out)
    return out


def _read_cache(path: Path) -> Lexicon | None:
    """The cached tables of the TSV at ``path``, or None when absent, stale or unreadable."""
    try:
        fmt, digest, tables = marshal.loads(zlib.decompress(cache_path(path).read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None
    if fmt != CACHE_FORMAT or digest != _digest(path):
        log.info("ZWNJ lexicon cache %s is stale; rebuilding it", cache_path(path))
        return None
    lex = Lexicon()
    for name, value in tables.items():
        setattr(lex, name, set(value) if isinstance(getattr(lex, name, None), set) else value)
    return lex


def load_lexicon(path: Path = LEXICON_PATH, *, cache: bool = True) -> Lexicon:
    """The lexicon of the gzip TSV written by ``nlp.train_zwnj``: rows ``f form count`` (all sources),
    ``c form count`` (convention sources) and ``b left right count`` (pieces separated by a space).

    With ``cache`` the derived tables are read from (or, when missing or stale, written to) the file
    :func:`cache_path` names; a cache that cannot be written is only logged."""
    if cache and path.exists() and (lex := _read_cache(path)) is not None:
        return lex
    lex = Lexicon()
    forms: dict[str, float] = {}
    convention: dict[str, float] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "f" and len(parts) >= 3:
                    forms[parts[1]] = forms.get(parts[1], 0.0) + float(parts[2])
                elif parts[0] == "c" and len(parts) == 3:
                    convention[parts[1]] = float(parts[2])
                elif parts[0] == "b" and len(parts) == 4:
                    lex.spair[parts[1] + TAB + parts[2]] = float(parts[3])
    except (OSError, ValueError, EOFError) as exc:
        raise ZwnjModelError(f"cannot read ZWNJ lexicon {path}: {exc}") from exc
    lex.finish(forms, convention)
    if cache:
        try:
            save_cache(lex, path)
        except OSError as exc:
            log.warning("cannot write the ZWNJ lexicon cache next to %s: %s", path, exc)
    return lex
