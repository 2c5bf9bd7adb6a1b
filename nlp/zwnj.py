"""ZWNJ (U+200C, نیم‌فاصله) restoration: a lexicon learned from text plus a small morphological decoder.

The lexicon (``nlp/data/zwnj_lexicon.tsv.gz``, rebuilt by ``python -m nlp.train_zwnj``) holds weighted
counts of word spellings from PerDT dev, Seraji dev, Arman and hazm's word lists, and counts of word
pairs written with a space. From the spellings that contain a ZWNJ we learn *pieces*: how often a string
is a left piece (می، نمی، برنامه…), a right piece (ها، های، ترین، ریزی…), and how often two pieces were
joined by a ZWNJ versus separated by a space.

A Persian *run* (words separated by single spaces) is restored in two steps:
1. every space-free *atom* gets its internal ZWNJs: a spelling the treebanks use (PerDT sets the
   convention; Seraji only tips it), else the best analysis into known pieces, where a piece after a
   letter that joins forward is split off by a ZWNJ only when the suffix class says so for that letter
   (smoothed: letter → letter group ه / ی / other → even odds), and a piece after a non-joining letter
   needs none (سود|های is «سودهای», not «سوده‌ای»);
2. every boundary between atoms (a space, or a soft joiner left by a literal ``ZWNJ`` placeholder) is
   kept or turned into a ZWNJ by the pair's counts smoothed towards the habit of its pieces (does the
   left piece mostly stand in compounds, like «می» and «بی», or alone, like «سه» and «به»; does the
   right piece mostly follow a ZWNJ, like «ها» and «شناسی»).

3. where the lexicon has no evidence — a word never seen that is not a known word plus an ending, or a
   spaced pair seen joined (in hazm's lists) but never written with a space — a character n-gram
   boundary model (:mod:`nlp.zwnj_ngram`, ``zwnj_ngram.bin``) decides from the letters around the
   boundary («نمونه‌برداری», «مسخره‌کننده», «باستان‌شناسی»), at thresholds chosen on dev-CV.

4. where the rules of step 2 do not surely join a space between pieces seen joined somewhere, in a
   text that is not *strict* (see 5), a logistic boundary model (:mod:`nlp.zwnj_boundary`,
   ``zwnj_boundary.json``) decides from the two pieces, their neighbours, the lexicon's counts, the
   n-gram estimate, the rules' level and the text's style («ملامت آمیز», «خیابان کشی» in a text whose
   ZWNJs became spaces).

5. the writer's habit, read from the whole text (:meth:`Restorer.habit`), sets how keen steps 1-2 are.
   Scraped text loses its ZWNJs one way throughout: a text that has ZWNJs, or words that need one
   inserted, wrote its spaces as spaces, so only joins that were nearly always right on dev-CV are made
   (*strict*: «به شدت», «قابل اجرا» stay apart); a text with no ZWNJ whose words are whole but where a
   sure pair is spaced («می کنیم») lost its ZWNJs to spaces, so a pair seen joined and never spaced
   («مصرف کننده») is joined too (*eager*); and in a text whose ZWNJs were deleted, plurals and
   comparatives written together in Seraji/Arman («ارزشها») are split (*keen*).  Every style only adds
   joins to the stricter ones, and a restored text has ZWNJs, so normalising stays idempotent.

Round 3 (word-internal readings, all measured on dev-CV): «…های» that cannot be a plural with an ezafe
(before «از»، «را»… or a sentence's end) is a stem in ه plus «ای» (برجسته‌ای از); between «X‌ها…» and
«Xه‌ا…» the stem seen more with that kind of ending wins (حرف‌هایم، سوخته‌ای); a stem the treebanks write
whole is not split inside a longer word (پیام‌های, not پی‌ام‌های); a word that is itself a known piece
(فرماید) is not cut by the unknown-stem rule; a suffix never seen alone joins across a space (خانه ات);
preverbs before «می» (درمی گذرند) join though a stray «درمی» was seen alone.

Round 4 (the writer's habit for words, and sure splits; all measured on dev-CV): a text whose words
are *whole* — it has ZWNJs of its own, or lost them to spaces (no placeholders, a sure pair spaced)
and has no word that surely lost one — keeps a glued word unless the treebanks spell it with a ZWNJ,
the n-gram model favours the split, or the ending is a well-attested suffix class
(:meth:`Restorer.restore_whole`: «پاکسازی»، «ماهنامه» stay; «کتابها» is split); in any text, a split
whose only evidence is a spelling outside the treebanks, of a word also seen written together, is
dropped when the letters are against it (:meth:`Restorer._weak_split`); a suffix attached without ZWNJ
joins the piece before it when the next split is judged («نوجو|ان|ان» is not the pair «ان|ان»).  The
boundary model reads whether the next word is an auxiliary after a word in ه («انجام شده است» against
«انجام‌شده در»).  Tried and dropped: see ``benchmarks/results/zwnj-devcv.md``.

Round 5 (sparse suffix classes; measured on dev-CV): after the vowel ی, the endings in «ا» (ای، ام، اش،
ایم، اید، اند) share one class (:data:`ENCLITICS`: سنتی‌ای، انسانی‌اند), and a ی that is a glide — after «ا»
(رعایای)، after a word in «ا» (دنیای)، or in a verb (گریاند) — neither votes for it nor is split off
(:meth:`Lexicon.glide`); in a text that drops its ZWNJs, a word seen glued only outside the treebanks
(تروریستها) may be an unknown stem plus «ها» unless it is a known word plus an ending (انتها|ی).

Round 10 (from Seraji dev's errors with Seraji left out of training; kept where dev-CV agreed): a
spelling seen with ZWNJs, however rarely, beats an analysis that cuts the word elsewhere (میان‌دوره‌ای,
not «می‌اندوره‌ای»: :func:`_crossing`); an ending in «ا» after a stem whose ه is a vowel — seen with «‌ای»
or «‌ها», not with «ی» attached — takes a ZWNJ although the ه + ات class is mostly Arabic plurals
(نامه‌ات but توجهات: :meth:`Restorer._silent_h`); a suffix class does not join a function word never seen
before a ZWNJ to the next word («که جو»: :meth:`Restorer._never_left`).

Round 11 (from news text and Seraji's errors; kept where dev-CV agreed): a right word that is a stem
ending in a letter that does not join plus an attached plural or comparative ending is paired with the
word before it by its stem when only the stem was seen after it («پیاده روها» as «پیاده رو», the way
«پیاده‌روها» is restored: :meth:`Restorer._pair_right`).  A word seen written, however rarely, plus the
plural «ان» is neither cut by the n-gram model nor split as an unknown stem plus a tail (مقلدان, not
«مقل‌دان»: :meth:`Restorer._plural_an`).  Tried and dropped: ``benchmarks/results/zwnj-devcv.md``.

Loading: the derived tables are cached beside the TSV (``zwnj_lexicon.cache``, zlib + marshal, keyed by
the TSV's SHA-256), which loads about three times faster than parsing and deriving them again.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import math
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from goftar.errors import ModelError
from nlp import zwnj_boundary, zwnj_ngram
from nlp.zwnj_boundary import BoundaryModel
from nlp.zwnj_ngram import NgramModel

log = logging.getLogger(__name__)

ZWNJ = "\u200c"
SOFT = "\ue000"  # internal marker: a literal placeholder that may be a ZWNJ or a space
LEXICON_PATH = Path(__file__).parent / "data" / "zwnj_lexicon.tsv.gz"
TAB = "\t"  # joins the two pieces of a pair key («می\tکنیم»): flat string keys load fast from the cache
CACHE_FORMAT = 4  # bump when the tables of Lexicon change

# Letters that join to the following letter: a ZWNJ only has an effect after one of these.
DUAL_JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئيكـ")
LETTERS = "\u0621-\u063a\u0641-\u064a\u0654\u067e\u0686\u0698\u06a9\u06af\u06cc"
RUN_RE = re.compile(f"[{LETTERS}{ZWNJ}{SOFT}]+(?: [{LETTERS}{ZWNJ}{SOFT}]+)*")

STRONG = 3.0  # a plain spelling this frequent in the convention sources is kept as written
KNOWN = 0.5  # a piece needs this much use to be part of a split
CLASS_MIN = 3.0  # evidence needed before a piece class (prefix/suffix after a letter) is trusted
EVIDENCE_MIN = 0.5  # pair evidence needed before it overrides the class evidence
SPACE_JOIN_MIN = 0.01  # a space becomes a ZWNJ only on this much evidence (hazm alone never suffices)
PAIR_PRIOR = 2.0  # weight of the left piece's habit (joins or stands alone) against one pair's counts
PAIR_JOIN_P = 0.5  # join a spaced pair when its smoothed ZWNJ probability is above this
CLASS_SMOOTH = 3.0  # weight of the back-off estimate (letter group, then suffix) in the class estimate
P_NEW = 0.5  # a suffix class must be at least this ZWNJ-prone to split an unseen word
P_ATTESTED = 0.85  # ... and this much to split a word seen written together outside the convention
COMPOUND_LEFT_MIN = 20.0
COMPOUND_RIGHT_MIN = 3.0
SPLIT_PENALTY = 1.0
BEST_BONUS = 1.0  # log-count weight of a whole spelling seen with a ZWNJ against a fresh analysis
TRUST_BEST = 1.0  # a ZWNJ spelling this frequent is taken without analysis
MAX_SUFFIX = 6
# the personal endings and copulas in «ا» (سنتی‌ای، قبلی‌ام، انسانی‌اند): after the vowel ی they take a ZWNJ,
# but each alone is too rare there for a class of its own, so they share one (dev-CV); not «ات», which is
# also the Arabic plural (ادبیات), nor the endings in a consonant, which PerDT attaches to ی (ناراحتیشان)
ENCLITICS = frozenset(("ام", "ای", "اش", "ایم", "اید", "اند"))
FUNCTION_WORD = 100.0  # a word this common (که، یک) and never before a ZWNJ is a function word (round 10)
SILENT_H_ENDINGS = frozenset(("ات", "ام", "اش", "ایم", "اید", "اند"))  # after a silent ه (round 10)
# personal endings and plural markers that stack on a suffix (های|ت، تر|ها، تر|یم)
ENDINGS = frozenset(("م", "ت", "ش", "مان", "تان", "شان", "یم", "ید", "ند", "ی", "ها", "های", "ین"))
P_TAIL = 2 / 3  # an unknown stem gives up a tail that takes a ZWNJ twice as often as not
STEM_RATIO = 3.0  # a word seen written together splits only after a stem this much commoner
STEM_ODDS = 100.0  # a word this much rarer than its would-be stem is no stem plus suffix (اینتر، رویتر)
FAMILY_MIN = 1.0  # a stem seen this often with endings of a kind (حرف‌ها، حرف‌های) ...
FAMILY_ODDS = 2.0  # ... and this much more than the other reading's stem decides «ها…» against «ه‌ا…»
PREFIX_ODDS = 3.0  # a left piece this much likelier in a compound than alone joins anything
COMPOUND_ODDS = 10.0
NGRAM_SPLIT_P = 0.7  # the n-gram model splits an unseen word where P(ZWNJ) is above this (dev-CV)
# ... and joins a pair seen joined (mostly in word lists) but never spaced in running text above this.
# Pairs never seen at all are not given to it: across a space, unseen ordinary word pairs so outnumber
# unseen compounds that even P > 0.98 cost more damage than it gained on dev-CV.
NGRAM_PAIR_P = 0.97
NGRAM_ATTESTED_MAX = 0.0  # ... in words seen written together at most this much (hazm/Arman weights)
NGRAM_STEM_MIN = 1.0  # a stem this well attested plus an ending explains a word without the n-gram model
# a split whose only evidence is a spelling outside the treebanks, of a word also seen written together,
# is dropped when the n-gram model puts every one of its ZWNJs below this (dev-CV: 0.4 did nothing, 0.6
# cost del recall)
WEAK_SPLIT_P = 0.5
# in a text of whole words (:meth:`Restorer.habit`) a split stands on the treebanks' spelling, on the
# letters (n-gram P at least this) or on a suffix class with this much evidence (ها، های; dev-CV: 20 kept
# too many compound splits, 80 lost plurals in mixed texts)
WHOLE_SPLIT_P = 0.5
WHOLE_CLASS_MIN = 40.0
WEAK = 1.0  # attestation below this (a few hazm/Arman uses) does not make a split harder
# a pair joined only in a text that lost its ZWNJs to spaces needs more than one stray use (one Arman
# sentence, one rare word of hazm's list: «هیچ عنوان», «این زمانی»); the rest was 70% right on dev-CV
EAGER_Z_MIN = 0.05
ALONE_ODDS = 50.0  # a word this much commoner alone than after a ZWNJ is no suffix nor second element
KEEN_ENDINGS = ("ها", "تر")  # words ending so are split keenly in a text that drops its ZWNJs
STRONG_PAIR_ODDS = 10.0  # a pair seen STRONG times joined and this much more often than spaced is strong
# «های» is the plural with an ezafe, so a word follows it; before these words (and verbs: «می» stands
# for any restored «می‌…») or a sentence's end the same letters are a stem in ه plus «ای» (برجسته‌ای از،
# شکسته‌ای.), not a plural (برجست‌های)
NO_EZAFE_NEXT = frozenset(
    ("می", "نمی", "از", "به", "را", "که", "با", "در", "تا", "و", "برای", "است", "بود", "شد")
)
SENTENCE_END = frozenset(".!?؟؛;:،,")
# the verbal prefixes before «می»/«نمی» (درمی‌گذرند، فرونمی‌رود): a closed class of the grammar, which
# the lexicon sees too rarely (as «درمی») to learn
PREVERBS = frozenset(("بر", "در", "فرو", "فرا", "وا", "باز", "ور"))
Atom = tuple[str, str, bool]  # a space-free word as written, restored plainly, after a soft joiner
# join levels and text styles (Restorer.style): a boundary of level L is joined in a text of style >= L
STRICT, DEFAULT, EAGER, NEVER = 0, 1, 2, 3


class ZwnjModelError(ModelError):
    """The ZWNJ lexicon is missing or unreadable."""


def _add(d: dict, k: object, c: float) -> None:
    d[k] = d.get(k, 0.0) + c


def _cuts(spelled: str) -> list[int]:
    """Where the ZWNJs of ``spelled`` fall in the word without them (the letters before each)."""
    cuts, k = [], 0
    for ch in spelled:
        if ch == ZWNJ:
            cuts.append(k)
        else:
            k += 1
    return cuts


def _crossing(best: str, spelled: str) -> bool:
    """Do two spellings of one word read it differently: each has a ZWNJ where the other has none
    («میان‌دوره‌ای» against «می‌اندورهای», «واقعه‌ای» against «واقع‌های»)?  Then the analysis is of
    another word, and a spelling seen in the sources, however rarely, is the better guess (round 10)."""
    mine, theirs = set(_cuts(best)), set(_cuts(spelled))
    return bool(mine - theirs) and bool(theirs - mine)


def letter_group(letter: str) -> str:
    """Final ه and ی behave apart before suffixes (کتاب‌ها but خانه‌ای, علمی‌اند); the rest go together."""
    return letter if letter in "هی" else "C"


@dataclass
class Lexicon:
    """Counts learned from text; see the module docstring.

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


class Restorer:
    """Restores ZWNJ in Persian runs with a :class:`Lexicon`, and with a character n-gram boundary
    model (:mod:`nlp.zwnj_ngram`) where the lexicon has no evidence: words never seen, pairs seen joined
    in word lists but never spaced in running text."""

    def __init__(
        self, lex: Lexicon, ngram: NgramModel | None = None, boundary: BoundaryModel | None = None
    ) -> None:
        self.lex = lex
        self.ngram = ngram
        self.boundary = boundary
        # (a, b, whole) -> [score of the pair's features, the interacting ones, score by style 0/1/2]
        self._lexical_cache: dict[tuple[str, str, bool], list] = {}
        self._atom_cache: dict[str, str] = {}
        self._by_start: dict[str, tuple[str, ...]] = {}
        self._keen_cache: dict[str, str] = {}
        self._whole_cache: dict[str, str] = {}
        self._token_cache: dict[tuple[str, str, bool], int] = {}  # the same, by whole tokens: faster
        self._join_cache: dict[tuple[str, str, bool, bool], int] = {}

    # ---------------------------------------------------------------- step 1: atoms
    def restore_atom(self, word: str, keen: bool = False) -> str:
        """The spelling of a space-free word with its ZWNJs restored (unchanged when unsure).

        A word that already has a ZWNJ is trusted as written, which also keeps normalisation idempotent.
        ``keen``: the text drops its ZWNJs (:meth:`habit`), so a spelling without ZWNJ seen outside the
        convention sources (Seraji and Arman write «ارزشها») is weak evidence against a split; keen
        restoration only adds splits to the plain one, never changes them.
        """
        hit = self._atom_cache.get(word)
        if hit is None:
            hit = word if ZWNJ in word else self._restore_plain(word)
            if len(self._atom_cache) < 500_000:
                self._atom_cache[word] = hit
        if not keen or hit != word or not self._keen_may_split(word):
            return hit
        keen_hit = self._keen_cache.get(word)
        if keen_hit is None:
            keen_hit = word if ZWNJ in word else self._restore_plain(word, keen=True)
            if len(self._keen_cache) < 500_000:
                self._keen_cache[word] = keen_hit
        return keen_hit

    def restore_whole(self, word: str, keen: bool = False) -> str:
        """:meth:`restore_atom` in a text whose words are whole (:meth:`habit`): it has ZWNJs of its
        own, or lost them to spaces.  A split is kept only when the treebanks spell the word so, the
        letters favour it (n-gram), or it is a well-attested suffix class (کتاب‌ها); the rest — mostly
        hazm's compounds the treebanks write together (پاکسازی، حقوقدان) — stays as written.
        Never splits what :meth:`restore_atom` does not, so a second pass finds nothing more to do."""
        return self._whole(word, self.restore_atom(word, keen))

    def _whole(self, word: str, spelled: str) -> str:
        """:meth:`restore_whole` of ``word`` restored as ``spelled`` by :meth:`restore_atom`."""
        if spelled == word:
            return spelled
        hit = self._whole_cache.get(spelled)
        if hit is None:
            hit = self._whole_split(word, spelled)
            if len(self._whole_cache) < 500_000:
                self._whole_cache[spelled] = hit
        return hit

    def _whole_split(self, word: str, spelled: str) -> str:
        """``spelled`` (``word`` restored) if one of its ZWNJs is sure in a text of whole words, else
        ``word``."""
        lex, ngram = self.lex, self.ngram
        if lex.best_count.get(word, 0.0) >= TRUST_BEST or ngram is None:
            return spelled
        pieces = spelled.split(ZWNJ)
        for cut, a, b in zip(_cuts(spelled), pieces, pieces[1:], strict=False):
            if ngram.inner_p(word, cut) >= WHOLE_SPLIT_P:
                return spelled
            if b in lex.suffixes:
                p, ev = lex.suffix_p(a[-1], b, "a")
                if ev >= WHOLE_CLASS_MIN and p > P_NEW:
                    return spelled
        return word

    def _keen_may_split(self, word: str) -> bool:
        """Could keen restoration split ``word`` where the plain one did not?  Only before a keen
        ending (after a stem of three letters or more) of a word seen written together."""
        tail = word[3:]
        return any(e in tail for e in KEEN_ENDINGS) and self.lex.plain.get(word, 0.0) > 0

    def _restore_plain(self, word: str, keen: bool = False) -> str:
        spelled = self._analyse(word, keen)
        return spelled if spelled == word else self._weak_split(word, spelled)

    def _weak_split(self, word: str, spelled: str) -> str:
        """Drop the ZWNJs of ``spelled`` when its only evidence is a spelling outside the treebanks (hazm's
        «حقوق‌دان») of a word also seen written together, and the letters are against every one of them:
        PerDT writes most such compounds together (آتشفشان، پاکسازی)."""
        lex = self.lex
        if (
            self.ngram is None
            or word not in lex.best
            or lex.best_count[word] >= TRUST_BEST
            or not lex.plain.get(word, 0.0)
        ):
            return spelled
        if all(self.ngram.inner_p(word, cut) < WEAK_SPLIT_P for cut in _cuts(spelled)):
            return word
        return spelled

    def _analyse(self, word: str, keen: bool = False) -> str:
        lex = self.lex
        best = lex.best.get(word)
        if best is not None and lex.best_count[word] >= TRUST_BEST:
            return best
        if lex.conv.get(word, 0.0) >= STRONG:
            return word
        attested = lex.plain.get(word, 0.0)
        seg = self._segment(word, attested, keen)
        if best is not None:
            if seg is None or _crossing(best, seg[1]):
                return best
            best_score = self._score(best.split(ZWNJ)) + BEST_BONUS * math.log1p(lex.best_count[word])
            return best if best_score >= seg[0] else self._ha_or_he_a(seg[1])
        if seg is not None:
            return self._ha_or_he_a(seg[1])
        if self.ngram is not None and attested <= NGRAM_ATTESTED_MAX and not self._explained(word):
            # a word never seen: its letters decide
            return self._ha_or_he_a(self.ngram.split(word, NGRAM_SPLIT_P))
        return word

    def _ha_or_he_a(self, spelled: str) -> str:
        """Between the two readings of «…ها…» whose last ZWNJ sits on either side of the ه — a plural
        (حرف‌هایم، دست‌هایت) or a stem in ه plus an ending in «ا» (حرفه‌ایم، سوخته‌ای) — take the one whose
        stem has been seen more with endings of that kind, when it has been seen with them at all."""
        head, _, tail = spelled.rpartition(ZWNJ)
        stem = head.rsplit(ZWNJ, 1)[-1]
        if tail.startswith("ها") and stem:
            alt_stem, alt_tail = stem + "ه", tail[1:]
        elif stem.endswith("ه") and tail.startswith("ا") and len(stem) > 2:
            alt_stem, alt_tail = stem[:-1], "ه" + tail
        else:
            return spelled
        if alt_stem[-1] not in DUAL_JOINING or alt_tail not in self.lex.suffixes:
            return spelled
        mine = self._family(stem, "ها" if tail.startswith("ها") else "ا")
        theirs = self._family(alt_stem, "ها" if alt_tail.startswith("ها") else "ا")
        if theirs >= FAMILY_MIN and theirs > FAMILY_ODDS * mine:
            return head[: len(head) - len(stem)] + alt_stem + ZWNJ + alt_tail
        return spelled

    def _family(self, stem: str, start: str) -> float:
        """How often ``stem`` was seen before a ZWNJ and a suffix beginning with ``start`` (ها، ا)."""
        zpair = self.lex.zpair
        return sum(zpair.get(stem + TAB + b, 0.0) for b in self._suffixes_by_start(start))

    def _suffixes_by_start(self, start: str) -> tuple[str, ...]:
        hit = self._by_start.get(start)
        if hit is None:
            hit = self._by_start[start] = tuple(b for b in self.lex.suffixes if b.startswith(start))
        return hit

    def _explained(self, word: str) -> bool:
        """Is ``word`` a known word plus an attached ending (دهان|م، کیف|ش) or a stem that does not join
        forward plus a suffix (کارکرد|های)?  Then it needs no ZWNJ, whatever its letters suggest."""
        lex = self.lex
        for k in range(1, 4):
            if word[-k:] in ENDINGS and lex.plain.get(word[:-k], 0.0) >= NGRAM_STEM_MIN:
                return True
        return self._plural_an(word) or lex._zero_width(word)

    def _plural_an(self, word: str) -> bool:
        """Is ``word`` a word seen written (however rarely) plus the plural «ان», which every convention
        attaches (مقلد|ان، بازپرس|ان)?  Then it is no unknown word for the letters or a tail to cut
        («مقل‌دان»، «بازپ‌رسان»: round 11, from Seraji's errors)."""
        return word.endswith("ان") and self.lex.plain.get(word[:-2], 0.0) >= KNOWN

    def _score(self, pieces: list[str]) -> float:
        return sum(math.log1p(self.lex.known(p)) for p in pieces) - SPLIT_PENALTY * (len(pieces) - 1)

    def _split_ok(self, a: str, b: str, attested: float, keen: bool = False) -> bool:
        """May pieces ``a`` and ``b``, written together, be split by a ZWNJ?

        ``attested`` is how often the whole word was seen written together: the more, the stronger the
        evidence for a split must be.
        """
        lex = self.lex
        if lex.zpair.get(a + TAB + b, 0.0) > attested or lex.verb_after_mi(a, b):
            return True
        if lex.glide(a, b):
            return False
        if attested < WEAK and self._silent_h(a, b):
            return True
        if b in lex.suffixes or (b in ENCLITICS and a[-1] == "ی"):
            p, ev = lex.suffix_p(a[-1], b, "a")
            if ev >= CLASS_MIN:  # ظرفیت|های، جلسه|ای، کلیدی|ترین; not کودک|تان
                # keen: only the plural and comparative endings, which other sources often attach
                lax = attested < WEAK or (keen and b[:2] in KEEN_ENDINGS and len(a) > 2)
                return p > (P_NEW if lax else P_ATTESTED)
        if attested:
            return False
        # a compound of a common word and a known second element (توکلی|زاده، آتش|نشانی)
        return (
            len(a) > 2
            and len(b) > 2
            and lex.plain.get(a, 0.0) >= COMPOUND_LEFT_MIN
            and lex.right.get(b, 0.0) >= COMPOUND_RIGHT_MIN
        )

    def _silent_h(self, a: str, b: str) -> bool:
        """Is ``b`` an ending in «ا» (ات، ام، اش…) after a stem whose final ه is a vowel?  The class
        estimate of ه + ات mixes that (نامه‌ات، خانواده‌ات) with Arabic plurals on a consonant ه (توجهات),
        but the stem tells them apart: a silent ه takes «‌ای» and «‌ها» after a ZWNJ, a consonant ه takes
        «ی» attached (توجهی).  (Round 10, from Seraji's errors.)"""
        if a[-1] != "ه" or b not in SILENT_H_ENDINGS:
            return False
        zpair, zsum = self.lex.zpair, 0.0
        for e in ("ای", "ها", "های"):
            zsum += zpair.get(a + TAB + e, 0.0)
        return zsum >= FAMILY_MIN and zsum > FAMILY_ODDS * self.lex.plain.get(a + "ی", 0.0)

    def _segment(self, word: str, attested: float, keen: bool = False) -> tuple[float, str] | None:
        """Best analysis of a word into known pieces, joined by ZWNJ after a letter that joins forward
        and attached after one that does not (سود|های is سودهای, not سوده‌ای): (score, spelling) or None
        when no analysis splits it with a ZWNJ."""
        n = len(word)
        lex = self.lex
        # keen: a spelling without ZWNJ from Seraji/Arman/hazm («تمدنها») does not make the stem too rare
        stem_attested = min(attested, lex.conv.get(word, 0.0)) if keen else attested
        best: dict[int, tuple[float, str]] = {}  # end -> (score, spelling) for word[:end]
        last: dict[int, str] = {}  # end -> last piece of that analysis
        for j in range(2, n + 1):
            cand: tuple[float, str, str] | None = None
            for i in range(0, j - 1 if j < n else j):
                if i and i not in best or (i == 0 and j == n) or (i == 1):
                    continue
                piece = word[i:j]
                c = lex.known(piece)
                if c < KNOWN or (i == 0 and c < STEM_RATIO * stem_attested):  # الهام is not اله|ام
                    continue
                if i == 0 and j <= 2 and c < STRONG:  # a rare two-letter stem: دفترهای is not دف|ترهای
                    continue
                if i:
                    prev_score, prev = best[i]
                    if word[i - 1] in DUAL_JOINING:
                        if not self._split_ok(last[i], piece, attested, keen):
                            continue
                        spelled = prev + ZWNJ + piece
                    elif piece in lex.suffixes:
                        spelled = prev + piece
                    else:
                        continue
                    total = prev_score + math.log1p(c) - SPLIT_PENALTY
                else:
                    total, spelled = math.log1p(c), piece
                if cand is None or total > cand[0]:
                    cand = (total, spelled, spelled.rsplit(ZWNJ, 1)[-1])
            if cand is not None and j < n and ZWNJ in cand[1] and lex.conv.get(word[:j], 0.0) >= STRONG:
                # the treebanks write this stem whole (استخوان|هایم, not است|خوان|هایم)
                cand = (cand[0], word[:j], word[:j])
            if cand is not None:
                best[j] = cand[:2]
                last[j] = cand[2]
        if n in best and ZWNJ in best[n][1]:
            return best[n]
        # فرماید: a verb seen after «می»; keen: a word seen together only outside the treebanks (تروریستها)
        # may still be an unknown stem plus a tail, unless it is a known word plus an ending (انتها|ی)
        if n in best or lex.known(word) >= KNOWN:
            return None
        if attested and (stem_attested or self._word_plus_ending(word)):
            return None
        tail = self._segment_unknown_stem(word)
        return None if tail is None else (0.0, tail)

    def _word_plus_ending(self, word: str) -> bool:
        """Is ``word`` a known word plus a personal ending (انتها|ی), not a plural?"""
        return any(
            word[-k:] in ENDINGS and not word[-k:].startswith("ها") and self.lex.known(word[:-k]) >= KNOWN
            for k in range(1, 4)
        )

    def _segment_unknown_stem(self, word: str) -> str | None:
        """An unknown stem plus a plural/superlative tail (اوراقچی|ها): split off the longest such tail.
        After a letter that does not join forward (لوکوموتیوهای) the tail needs no ZWNJ: leave it."""
        lex = self.lex
        if self._plural_an(word):
            return None
        for i in range(3, len(word) - 1):
            tail, joins = word[i:], word[i - 1] in DUAL_JOINING
            if tail in lex.suffixes and not lex.glide(word[:i], tail):
                p, ev = lex.suffix_p(word[i - 1], tail, "a")
                if ev >= 3 * CLASS_MIN:
                    if joins and p > P_TAIL:
                        return word[:i] + ZWNJ + tail
                    if not joins and p > P_NEW:
                        return None
                    continue
            # a second element that hardly ever stands alone (توکلی|زاده)
            right = lex.right.get(tail, 0.0)
            if joins and len(tail) > 2 and right >= 3 * CLASS_MIN and right > 5 * lex.plain.get(tail, 0.0):
                return word[:i] + ZWNJ + tail
        return None

    # ---------------------------------------------------------------- step 2: boundaries
    def _join(self, left: str, right: str, soft: bool, style: int = DEFAULT) -> bool:
        """Should the space (or soft joiner) between restored atoms ``left`` and ``right`` go, in a text
        of the given :meth:`style`?"""
        if left[-1] not in DUAL_JOINING:  # joining would glue the letters without a ZWNJ
            return soft
        return self._level(left, right, soft) <= style

    def _level(self, left: str, right: str, soft: bool) -> int:
        """:meth:`_join_level` of the boundary between restored atoms ``left`` (ending in a letter
        that joins forward) and ``right``, remembered: word pairs repeat."""
        level = self._token_cache.get((left, right, soft))
        if level is not None:
            return level
        a = left.rsplit(ZWNJ, 1)[-1]
        b = right.split(ZWNJ, 1)[0]
        b = self._pair_right(a, b)
        key = (a, b, left == a, soft)
        level = self._join_cache.get(key)
        if level is None:
            level = self._join_level(a, b, left == a, soft)
            if len(self._join_cache) < 500_000:
                self._join_cache[key] = level
        if len(self._token_cache) < 500_000:
            self._token_cache[(left, right, soft)] = level
        return level

    def _pair_right(self, a: str, b: str) -> str:
        """The piece that pairs with ``a`` in the right atom ``b``: ``b``, or a stem ending in a letter that
        does not join plus an attached plural or comparative ending, when only the stem was seen after
        ``a`` («پیاده روها» is the pair پیاده|رو, as «پیاده‌روها» is restored)."""
        lex = self.lex
        if a + TAB + b in lex.zpair or a + TAB + b in lex.spair:
            return b
        for k in range(2, len(b) - 1):
            stem, ending = b[:k], b[k:]
            if (
                stem[-1] not in DUAL_JOINING
                and ending.startswith(KEEN_ENDINGS)
                and lex.is_suffix(ending)
                and lex.zpair.get(a + TAB + stem, 0.0) > 0
            ):
                return stem
        return b

    def _join_level(self, a: str, b: str, whole: bool, soft: bool) -> int:
        """The least eager :meth:`style` in which the boundary between the last piece ``a`` of the left
        atom (``whole``: the atom is just ``a``) and the first piece ``b`` of the right one becomes a ZWNJ
        (:data:`NEVER`: in none).  A soft joiner is decided alike in every style, and joins wherever a
        space would in every style.  The levels nest, which keeps normalisation idempotent: a second
        pass sees ZWNJs and so is never in a keener style than the first (see :meth:`style`)."""
        level = self._space_level(a, b, whole, soft=False)
        if soft and level != STRICT:
            return self._space_level(a, b, whole, soft=True)
        return level

    def _space_level(self, a: str, b: str, whole: bool, soft: bool) -> int:
        """:meth:`_join_level` of a space (``soft``: of a soft joiner, then :data:`STRICT` or
        :data:`NEVER`).

        Joins that were right nearly always on dev-CV are :data:`STRICT`; those from a pair's own
        counts when they are few (قابل اجرا، بی قید are as often two words) :data:`DEFAULT`; a pair seen
        joined (mostly in hazm's list) and never spaced, with nothing else for it (مصرف کننده، پیام رسان),
        :data:`EAGER`."""
        if self._strong_pair(a, b, whole):
            return STRICT
        lex = self.lex
        z = lex.zpair.get(a + TAB + b, 0.0)
        s = lex.spair.get(a + TAB + b, 0.0)
        la = lex.lpre.get(a, 0.0)
        sa = lex.sleft.get(a, 0.0) + lex.plain.get(a, 0.0)
        suffix = lex.is_suffix(b)
        if z >= SPACE_JOIN_MIN or s >= EVIDENCE_MIN:  # برنامه ریزی، داده شده; not به رغم
            # seen joined (mostly in word lists), never spaced in running text: the letters may decide
            ngram = self.ngram
            if ngram is not None and s < EVIDENCE_MIN and not soft and ngram.join_p(a, b) > NGRAM_PAIR_P:
                return STRICT
            # the pair's counts, smoothed towards the suffix's habit or the left piece's habit
            # (whichever is keener: نمی شد joins although «شد» mostly follows a space)
            prior, level = (la + 0.5) / (la + sa + 1.0), DEFAULT
            if suffix:
                sp, ev = lex.suffix_p(a[-1], b, "s")
                if ev >= CLASS_MIN and sp > prior:
                    prior, level = sp, STRICT
            p = (z + PAIR_PRIOR * prior) / (z + s + PAIR_PRIOR)
            if soft:
                return STRICT if z > 0 or s < CLASS_MIN else NEVER
            if p > PAIR_JOIN_P:
                return level
            return EAGER if z > EAGER_Z_MIN and s == 0 else NEVER
        if whole and lex.verb_after_mi(a, b):  # برمی گردد
            return STRICT
        if self._bound(b):  # خانه ات، علاقه تان، انسانی اند: a piece that never stands alone
            return STRICT
        a_odds = (la + 0.5) / (sa + 0.5)
        if la >= CLASS_MIN and whole and a_odds > PREFIX_ODDS and not self._never_bound(b):
            return STRICT  # می کنیم، بی دریغ; not سه قاشق, nor «می به» (a word never seen in a compound)
        if suffix and not self._word_not_stack(b) and not self._never_bound(b) and not self._never_left(a):
            p, ev = lex.suffix_p(a[-1], b, "s")
            if ev >= CLASS_MIN:  # ظرفیت ها، مجموعه ای
                return STRICT if p > P_NEW or (soft and p > 0.2) else NEVER
        # a compound of two pieces that each mostly stand in compounds (روان شناسی; not دندان پایین)
        rb = lex.right.get(b, 0.0)
        b_odds = (rb + 0.5) / (lex.sright.get(b, 0.0) + lex.plain.get(b, 0.0) + 0.5)
        if la >= KNOWN and rb >= CLASS_MIN and a_odds * b_odds > COMPOUND_ODDS:
            return STRICT
        return self._soft_fallback(b) if soft else NEVER

    def _bound(self, b: str) -> bool:
        """Is ``b`` a suffix seen after ZWNJs but never as a word of running text (ات، تان، اند)?  Not a
        verb seen after «می»: those are only rare words (رقصیدند), which a space may well precede."""
        lex = self.lex
        return (
            b in lex.suffixes
            and not lex.sright.get(b, 0.0)
            and not lex.conv.get(b, 0.0)
            and lex.plain.get(b, 0.0) < KNOWN
            and not lex.zpair.get("می" + TAB + b, 0.0)
            and not lex.zpair.get("نمی" + TAB + b, 0.0)
        )

    def _never_bound(self, b: str) -> bool:
        """Is ``b`` a common word all but never seen after a ZWNJ (به، از، که)?"""
        plain = self.lex.plain.get(b, 0.0)
        return plain >= STRONG and plain > ALONE_ODDS * self.lex.right.get(b, 0.0)

    def _never_left(self, a: str) -> bool:
        """Is ``a`` a common word never seen before a ZWNJ (که، کسی)?  A suffix class does not join it to
        the next word: «که جو» is no «ستیزه‌جو» (round 10, from Seraji's errors)."""
        lex = self.lex
        return not lex.lpre.get(a, 0.0) and lex.plain.get(a, 0.0) >= FUNCTION_WORD

    def _word_not_stack(self, b: str) -> bool:
        """Is ``b`` a common word that only looks like stacked suffixes (ایشان = ای + شان, امید = ام + ید)?"""
        lex = self.lex
        plain = lex.plain.get(b, 0.0)
        return b not in lex.suffixes and plain >= STRONG and plain > lex.right.get(b, 0.0)

    def _soft_fallback(self, b: str) -> int:
        """A literal placeholder between two ordinary words («جایگاه‌های ZWNJ داشته») is a space;
        before anything else it is a ZWNJ."""
        plain = self.lex.plain.get(b, 0.0)
        return NEVER if plain >= STRONG and plain > self.lex.right.get(b, 0.0) else STRICT

    def _strong_pair(self, a: str, b: str, whole: bool) -> bool:
        """A spaced pair that is all but always one word (می کنیم، کتاب های): joined in every style, and
        the mark of a text whose ZWNJs became spaces."""
        lex = self.lex
        z = lex.zpair.get(a + TAB + b, 0.0)
        if z >= STRONG and lex.spair.get(a + TAB + b, 0.0) * STRONG_PAIR_ODDS <= z:
            return True
        return whole and lex.verb_after_mi(a, b)

    def habit(self, text: str) -> tuple[int, bool, bool]:
        """The writer's ZWNJ habit in ``text``: how keenly its spaces are turned into ZWNJs (the
        *style*), whether its words are restored keenly (:meth:`restore_atom`), and whether its words
        are whole (:meth:`restore_whole`).

        Scraped text loses its ZWNJs one way throughout: deleted (کتابهای) or turned into spaces
        (کتاب های).  A text with ZWNJs of its own, or with words that need one inserted, and without a
        pair that surely is one word written apart, wrote its spaces as spaces: :data:`STRICT`.  A text
        without ZWNJ whose words are whole but where such pairs are spaced lost its ZWNJs to spaces:
        :data:`EAGER`.  Anything else (no sign either way, both signs, literal placeholders):
        :data:`DEFAULT`.  Words are restored keenly in a text without ZWNJ that has words needing one.
        Words are whole in a text with ZWNJs of its own, and in one without placeholders whose ZWNJs
        became spaces, unless one of its words surely lost a ZWNJ: there a glued word is taken as the
        writer meant it unless a split is sure («پاکسازی», «حقوقدان» stay; «کتابها» is split).

        Idempotence: the styles and the keen restoration only add joins and splits, whole words only
        drop splits, and a restored text has ZWNJs (so its words are whole), so a second pass is never
        keener than the first and finds nothing more to do.
        """
        matches = list(RUN_RE.finditer(text))
        return self._habit([self._atoms(m.group()) for m in matches], ZWNJ in text, SOFT in text)

    def _atoms(self, run: str) -> list[Atom]:
        """The atoms of a run: (as written, restored plainly, after a soft joiner rather than a space)."""
        return [
            (atom, self.restore_atom(atom), k > 0)
            for chunk in run.split(" ")
            for k, atom in enumerate(chunk.split(SOFT))
            if atom
        ]

    def _habit(self, runs: list[list[Atom]], has_zwnj: bool, soft: bool) -> tuple[int, bool, bool]:
        """:meth:`habit` of a text with these runs of atoms."""
        glued = spaced = False
        for atoms in runs:
            prev = ""
            for raw, atom, _ in atoms:
                if atom != raw:
                    glued = True
                if not (spaced or soft) and prev and prev[-1] in DUAL_JOINING:
                    spaced = self._level(prev, atom, soft=False) == STRICT
                prev = atom
            if (glued or has_zwnj) and (spaced or soft):
                break  # the answer is known: the rest of the text cannot change it
        keen = glued and not has_zwnj
        whole = has_zwnj or (spaced and not soft)
        if whole and not has_zwnj:  # spaced: unless a word surely lost its ZWNJ (a mix of both habits)
            whole = not any(self._whole(raw, atom) != raw for atoms in runs for raw, atom, _ in atoms)
        if soft or (spaced and (glued or has_zwnj)):
            return DEFAULT, keen, whole
        if spaced:
            return EAGER, keen, whole
        return (STRICT if glued or has_zwnj else DEFAULT), keen, whole

    def restore_run(self, run: str, style: int = DEFAULT, keen: bool = False, whole: bool = False) -> str:
        """Restore one run: Persian words separated by single spaces (and soft joiners), in a text of
        the given :meth:`habit`."""
        return self._join_atoms(self._atoms(run), style, keen, whole)

    def _join_atoms(self, atoms: list[Atom], style: int, keen: bool, whole: bool, after: str = "") -> str:
        """Restore and join the atoms of one run; ``after``: the character after the run ("" at the end)."""
        out: list[str] = []
        fixed_atoms = self.restore_atoms(atoms, keen, whole)
        for i, fixed in enumerate(fixed_atoms):
            if fixed.endswith(ZWNJ + "های"):
                nxt = atoms[i + 1][0] if i + 1 < len(atoms) else None
                if nxt is not None and fixed_atoms[i + 1].split(ZWNJ, 1)[0] in ("می", "نمی"):
                    nxt = "می"  # a verb (میرسد، می رسد), which no ezafe takes
                fixed_atoms[i] = self._plural_or_ai(fixed, nxt, after)
        for i, (fixed, (_, _, soft)) in enumerate(zip(fixed_atoms, atoms, strict=True)):
            if out and self._decide(out, fixed_atoms, i, soft, style):
                if out[-1][-1] in DUAL_JOINING:
                    out[-1] = out[-1] + ZWNJ + fixed
                else:  # nothing marks the join, so a second pass sees one word: restore it as one
                    glued = out[-1] + fixed
                    out[-1] = self.restore_whole(glued, keen) if whole else self.restore_atom(glued, keen)
            else:
                out.append(fixed)
        return " ".join(out)

    def restore_atoms(self, atoms: list[Atom], keen: bool, whole: bool) -> list[str]:
        """Every atom restored in a text of this :meth:`habit` (keen, of whole words, or plainly)."""
        fixed = [self.restore_atom(raw, keen) for raw, _, _ in atoms] if keen else [a[1] for a in atoms]
        if whole:
            return [self._whole(raw, f) for (raw, _, _), f in zip(atoms, fixed, strict=True)]
        return fixed

    def _plural_or_ai(self, word: str, nxt: str | None, after: str) -> str:
        """``word`` restored as X‌های: is it rather Xه‌ای (برجسته‌ای، زمینه‌ای)?  Yes when the stem Xه is
        known and no word follows that the ezafe of «های» could take (``nxt``: the next atom as written,
        None at the run's end, ``after``: the character after the run).  Both readings have a ZWNJ, which
        a second pass trusts as written, so the choice stays made (idempotence)."""
        stem = word[:-4] + "ه"
        if ZWNJ in stem or self.lex.known(stem) < KNOWN:
            return word
        if nxt is None and not (after == "" or after in SENTENCE_END):
            return word
        if nxt is not None and nxt not in NO_EZAFE_NEXT:
            return word
        return stem + ZWNJ + "ای"

    def _decide(self, out: list[str], fixed: list[str], i: int, soft: bool, style: int) -> bool:
        """Join the restored atom ``fixed[i]`` to the word ``out[-1]`` before it?  The rules decide,
        except at a space they do not surely join (level above :data:`STRICT`, not a soft joiner they
        join) between pieces seen joined, in a text that is not :data:`STRICT`: there the boundary
        model (:mod:`nlp.zwnj_boundary`), when there is one, reads the pieces and their neighbours.
        (Elsewhere it gained nothing on dev-CV: pairs never seen joined stay with the rules.)"""
        left, right = out[-1], fixed[i]
        rule = self._join(left, right, soft=soft, style=style)
        if self.boundary is None or (soft and rule) or not self._model_decides(left, right, style):
            return rule
        level = self._level(left, right, False)
        if level == STRICT:
            return True
        p, a, b, n = self._neighbours(out, fixed, i)
        return self._boundary_margin(p, a, b, n, left == a, level, style) > 0

    def _model_decides(self, left: str, right: str, style: int) -> bool:
        """Is the space between ``left`` and ``right`` one the boundary model may decide (see
        :meth:`_decide`; whether there is a model aside)?  Only the style and the two pieces count, so
        a second pass asks alike."""
        if style == STRICT or left[-1] not in DUAL_JOINING:
            return False
        b = right.split(ZWNJ, 1)[0]
        b = b.rstrip(zwnj_boundary.HAMZA) or b
        return self.lex.zpair.get(left.rsplit(ZWNJ, 1)[-1] + TAB + b, 0.0) > 0

    @staticmethod
    def _neighbours(out: list[str], fixed: list[str], i: int) -> tuple[str, str, str, str]:
        """The pieces around the space between ``out[-1]`` and ``fixed[i]``: the one before the left
        piece, the left, the right, the one after ("" at the run's edges), whatever separates them."""
        left, right = out[-1], fixed[i]
        if ZWNJ in left:
            p, a = left.rsplit(ZWNJ, 2)[-2:]
        else:
            p, a = (out[-2].rsplit(ZWNJ, 1)[-1] if len(out) > 1 else ""), left
        if ZWNJ in right:
            b, n = right.split(ZWNJ, 2)[:2]
        else:
            b, n = right, (fixed[i + 1].split(ZWNJ, 1)[0] if i + 1 < len(fixed) else "")
        return p, a, b, n

    def _boundary_features(
        self, out: list[str], fixed: list[str], i: int, level: int, style: int
    ) -> list[tuple[str, float]]:
        """Every feature of the boundary model at this space (for training; :meth:`_boundary_margin`
        scores the same features with parts remembered)."""
        p, a, b, n = self._neighbours(out, fixed, i)
        lexical = zwnj_boundary.lexical_features(self, a, b, out[-1] == a)
        return (
            lexical
            + zwnj_boundary.context_features(self, p, a, b, n)
            + zwnj_boundary.style_features(level, style, lexical)
        )

    def _boundary_margin(self, p: str, a: str, b: str, n: str, whole: bool, level: int, style: int) -> float:
        """The boundary model's log-odds margin for a space between ``a`` and ``b`` (see :meth:`_decide`);
        the part that depends on the pair and the style alone is remembered: pairs repeat."""
        model = self.boundary
        if model is None:
            return -1.0
        key = (a, b, whole)
        hit = self._lexical_cache.get(key)
        if hit is None:
            lexical = zwnj_boundary.lexical_features(self, a, b, whole)
            interacting = lexical[: zwnj_boundary.INTERACT]
            hit = [model.offset() + model.partial(lexical), interacting, None, None, None]
            if len(self._lexical_cache) < 200_000:
                self._lexical_cache[key] = hit
        score = hit[2 + style]  # the level is a function of (a, b, whole): only the style varies
        if score is None:
            score = hit[0] + model.partial(zwnj_boundary.style_features(level, style, hit[1]))
            hit[2 + style] = score
        return score + model.partial(zwnj_boundary.context_features(self, p, a, b, n))

    def restore(self, text: str) -> str:
        """Restore every Persian run of ``text`` in the text's :meth:`habit`; the rest is left as it is."""
        matches = list(RUN_RE.finditer(text))
        if not matches:
            return text
        runs = [self._atoms(m.group()) for m in matches]
        style, keen, whole = self._habit(runs, ZWNJ in text, SOFT in text)
        parts: list[str] = []
        last = 0
        for m, atoms in zip(matches, runs, strict=True):
            after = text[m.end() : m.end() + 1].strip() or text[m.end() : m.end() + 2].strip()[:1]
            parts += (text[last : m.start()], self._join_atoms(atoms, style, keen, whole, after))
            last = m.end()
        parts.append(text[last:])
        return "".join(parts)


_default: Restorer | None = None


def default_restorer() -> Restorer:
    """The restorer ``nlp.normalize`` uses: built on the bundled lexicon, n-gram model and boundary
    model on first use.  Without a readable n-gram or boundary model it still works without it (logged)."""
    global _default
    if _default is None:
        try:
            ngram: NgramModel | None = zwnj_ngram.load()
        except zwnj_ngram.ZwnjNgramError as exc:
            log.warning("%s; restoring ZWNJ with the lexicon alone", exc)
            ngram = None
        try:
            boundary: BoundaryModel | None = zwnj_boundary.load()
        except zwnj_boundary.ZwnjBoundaryError as exc:
            log.warning("%s; spaces are decided by the lexicon rules alone", exc)
            boundary = None
        _default = Restorer(load_lexicon(), ngram, boundary)
    return _default


def use_restorer(restorer: Restorer | None) -> None:
    """Make ``restorer`` the default (``None``: back to the bundled lexicon). For experiments and CV."""
    global _default
    _default = restorer
