"""Step 1 of ZWNJ restoration (see :mod:`nlp.zwnj`): the ZWNJs inside a space-free word (an *atom*) —
the treebanks' spelling, else the best analysis into pieces (:mod:`nlp.zwnj_segment`), else the
letters (n-gram model) for a word never seen — restored plainly, keenly (the text drops its ZWNJs) or as
in a text of whole words; and the choice between «X‌های» and «Xه‌ای» by the word that follows."""

from __future__ import annotations

import math

from nlp.zwnj_chars import DUAL_JOINING, ZWNJ
from nlp.zwnj_lexicon import ENDINGS, KNOWN, STRONG, TAB
from nlp.zwnj_ngram import NgramModel
from nlp.zwnj_segment import FAMILY_MIN, FAMILY_ODDS, KEEN_ENDINGS, P_NEW, WordSegmenter

BEST_BONUS = 1.0  # log-count weight of a whole spelling seen with a ZWNJ against a fresh analysis
TRUST_BEST = 1.0  # a ZWNJ spelling this frequent is taken without analysis
NGRAM_SPLIT_P = 0.7  # the n-gram model splits an unseen word where P(ZWNJ) is above this (dev-CV)
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
# «های» is the plural with an ezafe, so a word follows it; before these words (and verbs: «می» stands
# for any restored «می‌…») or a sentence's end the same letters are a stem in ه plus «ای» (برجسته‌ای از،
# شکسته‌ای.), not a plural (برجست‌های)
NO_EZAFE_NEXT = frozenset(
    ("می", "نمی", "از", "به", "را", "که", "با", "در", "تا", "و", "برای", "است", "بود", "شد")
)
SENTENCE_END = frozenset(".!?؟؛;:،,")
# «ه‌ایم» is a perfect verb (کرده‌ایم، رفته‌ایم): its stem is a past participle, whose stem ends in د or ت
# (98.5% of the lexicon's «ه‌ایم» pairs, all 41 «ه‌ایم»/«ه‌اید» tokens of PerDT and Seraji dev); after
# another letter the same letters are a plural with «م» (لب‌هایم، دندان‌هایم), not «لبه‌ایم»
PERFECT_ENDINGS = frozenset(("ایم",))
PAST_STEM_END = frozenset("دت")


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


class WordRestorer(WordSegmenter):
    """The restoration of single words, as methods of :class:`nlp.zwnj.Restorer` (a mixin: the restorer
    sets the attributes declared here)."""

    ngram: NgramModel | None
    _atom_cache: dict[str, str]
    _by_start: dict[str, tuple[str, ...]]
    _keen_cache: dict[str, str]
    _whole_cache: dict[str, str]

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
        (حرف‌هایم، دست‌هایت) or a stem in ه plus an ending in «ا» (سوخته‌ایم، حرفه‌ای) — take the one whose
        stem has been seen more with endings of that kind, when it has been seen with them at all."""
        head, _, tail = spelled.rpartition(ZWNJ)
        stem = head.rsplit(ZWNJ, 1)[-1]
        if tail.startswith("ها") and stem:
            alt_stem, alt_tail = stem + "ه", tail[1:]
        elif stem.endswith("ه") and tail.startswith("ا") and len(stem) > 2:
            alt_stem, alt_tail = stem[:-1], "ه" + tail
        else:
            return spelled
        if alt_stem[-1] not in DUAL_JOINING:  # the plural is attached: only an impossible ending decides
            if tail.startswith("ا") and self.lex.right.get(tail, 0.0) == 0 and self.lex.is_suffix(alt_tail):
                return head[: len(head) - len(stem)] + alt_stem + alt_tail  # پیشنهاده‌ایتان
            return spelled
        if self._no_ending_after_h(stem, tail, alt_tail):
            return head[: len(head) - len(stem)] + alt_stem + ZWNJ + alt_tail
        if alt_tail not in self.lex.suffixes:
            return spelled
        mine = self._family(stem, "ها" if tail.startswith("ها") else "ا")
        theirs = self._family(alt_stem, "ها" if alt_tail.startswith("ها") else "ا")
        if theirs >= FAMILY_MIN and theirs > FAMILY_ODDS * mine:
            return head[: len(head) - len(stem)] + alt_stem + ZWNJ + alt_tail
        return spelled

    def _no_ending_after_h(self, stem: str, tail: str, alt_tail: str) -> bool:
        """Can ``tail`` not follow «ه‌» on ``stem`` (the stem with its ه), while ``alt_tail`` («ه» plus
        it) is a plural with its endings?  Round 14, from dev-CV's «دسته‌ایت» and «لبه‌ایم»:
        - «ایت»، «ایش» were never seen after a ZWNJ in any source: after a silent ه the pronouns are
          «‌ات»، «‌اش» (خانه‌اش), so «دسته‌ایت» can only be «دست‌هایت» (the stacking rule of
          :meth:`Lexicon.is_suffix` alone would read «ای» + «ت»);
        - «ه‌ایم» is a perfect verb, so its stem is a participle (:data:`PERFECT_ENDINGS`)."""
        if not tail.startswith("ا") or not self.lex.is_suffix(alt_tail):
            return False
        if tail in PERFECT_ENDINGS and stem[-2:-1] not in PAST_STEM_END:
            return self.lex.known(stem[:-1]) >= KNOWN  # تشنه‌ایم stays: «تشن» is no word
        return self.lex.right.get(tail, 0.0) == 0

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

    def _ai_or_plural(self, word: str, nxt: str | None) -> str:
        """``word`` restored as «Xده‌ای» (a participle's «you have …» or «a …»): is it rather the plural of
        the noun «Xد» with its ezafe (بازدیدهای میدانی، تولیدهای داخلی، تردیدهای جدی)?  Yes when a word
        follows that the ezafe could take (``nxt``; None: a verb, the run's end), the spelling is no
        treebank's (below ``TRUST_BEST``), «Xد» is a common word and «Xده» no word of its own (پدیده،
        خریده، آزاده are: «پدیده‌ای» stays).  The generated verb forms (تولیده‌ای) and the pieces they make
        (بازدیده) are what put the ZWNJ there (round 14, from the QA pass)."""
        stem = word[:-4]
        lex = self.lex
        if (
            nxt is None
            or nxt in NO_EZAFE_NEXT
            or len(stem) < 3
            or stem[-1] != "د"
            or ZWNJ in stem
            or lex.best_count.get(word.replace(ZWNJ, ""), 0.0) >= TRUST_BEST
            or lex.plain.get(stem, 0.0) < STRONG
            or lex.plain.get(stem + "ه", 0.0) >= KNOWN
        ):
            return word
        return stem + "های"

    def _plural_like(self, word: str) -> bool:
        """Does restored ``word`` end in the plural «های» that :meth:`_plural_or_ai` may read as «ه‌ای»:
        after a ZWNJ, or attached to a stem whose last letter does not join forward (سفرهای)?"""
        if word.endswith(ZWNJ + "های"):
            return True
        return len(word) > 5 and word.endswith("های") and word[-4] not in DUAL_JOINING and word[-4] != ZWNJ

    def _plural_or_ai(self, word: str, nxt: str | None, after: str) -> str:
        """``word`` restored as X‌های (or Xهای after a letter that does not join: منظرهای) — is it
        rather Xه‌ای (برجسته‌ای، زمینه‌ای، منظره‌ای)?  Yes when the stem Xه is known and no word follows
        that the ezafe of «های» could take (``nxt``: the next atom as written, None at the run's end,
        ``after``: the character after the run).  In PerDT and Seraji dev no plural «های» stands before
        such a word or a sentence's end (0 of 142 attached after a letter that does not join), while 27
        of 60 «ه‌ای» there do.  Both readings of the ZWNJ case have a ZWNJ, which a second pass trusts as
        written, so the choice stays made (idempotence); the attached case gains one."""
        stem = word[: -4 if word[-4] == ZWNJ else -3] + "ه"
        if ZWNJ in stem or self.lex.known(stem) < KNOWN:
            return word
        if nxt is None and not (after == "" or after in SENTENCE_END):
            return word
        if nxt is not None and nxt not in NO_EZAFE_NEXT:
            return word
        return stem + ZWNJ + "ای"
