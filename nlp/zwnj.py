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

Modules: the characters are in :mod:`nlp.zwnj_chars`; the lexicon and its loading in
:mod:`nlp.zwnj_lexicon`; step 1 in :mod:`nlp.zwnj_segment` (a word's analysis into pieces) and
:mod:`nlp.zwnj_words` (a word's ZWNJs); step 2 and the boundary model's part in :mod:`nlp.zwnj_spaces`.
This module builds the :class:`Restorer` of those parts and holds step 5 (the writer's habit), the
restoration of a text run by run, and the default restorer that :mod:`nlp.normalize` uses.
"""

from __future__ import annotations

import logging

from nlp import zwnj_boundary, zwnj_ngram
from nlp.zwnj_boundary import BoundaryModel
from nlp.zwnj_chars import DUAL_JOINING, RUN_RE, SOFT, ZWNJ
from nlp.zwnj_lexicon import Lexicon, ZwnjModelError, cache_path, load_lexicon
from nlp.zwnj_ngram import NgramModel
from nlp.zwnj_spaces import DEFAULT, EAGER, STRICT, SpaceRules
from nlp.zwnj_words import WordRestorer

# what other code uses of ``nlp.zwnj`` (the tests above all); each part's other names are in its module
__all__ = [
    "DEFAULT",
    "EAGER",
    "SOFT",
    "STRICT",
    "Restorer",
    "ZwnjModelError",
    "cache_path",
    "default_restorer",
    "load_lexicon",
    "use_restorer",
]

log = logging.getLogger(__name__)

Atom = tuple[str, str, bool]  # a space-free word as written, restored plainly, after a soft joiner


class Restorer(WordRestorer, SpaceRules):
    """Restores ZWNJ in Persian runs with a :class:`Lexicon`, and with a character n-gram boundary
    model (:mod:`nlp.zwnj_ngram`) where the lexicon has no evidence: words never seen, pairs seen joined
    in word lists but never spaced in running text.  Step 1 (a word's ZWNJs) is inherited from
    :class:`nlp.zwnj_words.WordRestorer`, step 2 (the spaces) from :class:`nlp.zwnj_spaces.SpaceRules`;
    the habit of the text and its runs are here."""

    def __init__(
        self, lex: Lexicon, ngram: NgramModel | None = None, boundary: BoundaryModel | None = None
    ) -> None:
        self.lex = lex
        self.ngram = ngram
        self.boundary = boundary
        self.forget()

    def forget(self) -> None:
        """Empty the caches of what was restored (a benchmark times each pass from cold caches)."""
        # (a, b, whole) -> [score of the pair's features, the interacting ones, score by style 0/1/2]
        self._lexical_cache: dict[tuple[str, str, bool], list] = {}
        self._atom_cache: dict[str, str] = {}
        self._by_start: dict[str, tuple[str, ...]] = {}
        self._keen_cache: dict[str, str] = {}
        self._whole_cache: dict[str, str] = {}
        self._token_cache: dict[tuple[str, str, bool], int] = {}  # the same, by whole tokens: faster
        self._join_cache: dict[tuple[str, str, bool, bool], int] = {}

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
        seen = self._atom_cache.get  # most atoms were restored before: one call fewer for each
        return [
            (atom, seen(atom) or self.restore_atom(atom), k > 0)
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
            if fixed.endswith("های") and self._plural_like(fixed):  # the cheap test first: most atoms
                nxt = atoms[i + 1][0] if i + 1 < len(atoms) else None
                if nxt is not None and fixed_atoms[i + 1].split(ZWNJ, 1)[0] in ("می", "نمی"):
                    nxt = "می"  # a verb (میرسد، می رسد), which no ezafe takes
                fixed_atoms[i] = self._plural_or_ai(fixed, nxt, after)
            elif fixed.endswith("ه" + ZWNJ + "ای") and ZWNJ not in atoms[i][0]:  # not the writer's own ZWNJ
                nxt = atoms[i + 1][0] if i + 1 < len(atoms) else None
                verb = nxt is not None and fixed_atoms[i + 1].split(ZWNJ, 1)[0] in ("می", "نمی")
                fixed_atoms[i] = self._ai_or_plural(fixed, None if verb else nxt)
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
