"""Step 1 of ZWNJ restoration (see :mod:`nlp.zwnj`), the analysis: a space-free word split into known
pieces (stems, prefixes, suffixes), scored, and whether two pieces written together may be split by a
ZWNJ; :mod:`nlp.zwnj_words` decides with it."""

from __future__ import annotations

import math

from nlp.zwnj_chars import DUAL_JOINING, ZWNJ
from nlp.zwnj_lexicon import CLASS_MIN, ENCLITICS, ENDINGS, KNOWN, STRONG, TAB, Lexicon

P_NEW = 0.5  # a suffix class must be at least this ZWNJ-prone to split an unseen word
P_ATTESTED = 0.85  # ... and this much to split a word seen written together outside the convention
COMPOUND_LEFT_MIN = 20.0
COMPOUND_RIGHT_MIN = 3.0
SPLIT_PENALTY = 1.0
SILENT_H_ENDINGS = frozenset(("ات", "ام", "اش", "ایم", "اید", "اند"))  # after a silent ه (round 10)
P_TAIL = 2 / 3  # an unknown stem gives up a tail that takes a ZWNJ twice as often as not
STEM_RATIO = 3.0  # a word seen written together splits only after a stem this much commoner
FAMILY_MIN = 1.0  # a stem seen this often with endings of a kind (حرف‌ها، حرف‌های) ...
FAMILY_ODDS = 2.0  # ... and this much more than the other reading's stem decides «ها…» against «ه‌ا…»
WEAK = 1.0  # attestation below this (a few hazm/Arman uses) does not make a split harder
KEEN_ENDINGS = ("ها", "تر")  # words ending so are split keenly in a text that drops its ZWNJs
PLURALS = frozenset(("ها", "های"))  # the plural, on which the personal endings stack attached (round 14)


class WordSegmenter:
    """The analysis of words into pieces, as methods of :class:`nlp.zwnj.Restorer` (a mixin: the restorer
    sets the attributes declared here)."""

    lex: Lexicon

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
        if a in PLURALS and b in ENDINGS:
            return False  # کتاب‌هایشان، نامه‌هایتان: no source the treebanks trust writes «های‌تان»
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
        if self._derived_pair(a, b):
            return True
        # a compound of a common word and a known second element (توکلی|زاده، آتش|نشانی)
        return (
            len(a) > 2
            and len(b) > 2
            and lex.plain.get(a, 0.0) >= COMPOUND_LEFT_MIN
            and lex.right.get(b, 0.0) >= COMPOUND_RIGHT_MIN
        )

    def _derived_pair(self, a: str, b: str) -> bool:
        """Is ``b`` the noun in «ی» of a word seen after ``a`` and a ZWNJ (هم‌افزا → هم‌افزایی، هم‌اندیش →
        هم‌اندیشی)?  The noun keeps the compound's ZWNJ; only for words never seen, so «همکاری» is not
        cut by «هم‌کار»."""
        if not b.endswith("ی") or len(b) < 4:
            return False
        bases = (b[:-2], b[:-1]) if b.endswith(("ایی", "ویی")) else (b[:-1],)
        return any(self.lex.zpair.get(a + TAB + base, 0.0) > 0 for base in bases)

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
