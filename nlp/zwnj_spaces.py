"""Step 2 of ZWNJ restoration (see :mod:`nlp.zwnj`): whether the space (or soft joiner) between two
restored words becomes a ZWNJ — the *level* of each boundary by the lexicon's rules, compared with the
text's *style* — and, where the rules are unsure, the boundary model (:mod:`nlp.zwnj_boundary`) with
the features it reads at a space."""

from __future__ import annotations

from nlp import zwnj_boundary
from nlp.zwnj_boundary import BoundaryModel
from nlp.zwnj_chars import DUAL_JOINING, ZWNJ
from nlp.zwnj_lexicon import CLASS_MIN, KNOWN, STRONG, TAB, Lexicon
from nlp.zwnj_ngram import NgramModel
from nlp.zwnj_segment import KEEN_ENDINGS, P_NEW

# join levels and text styles (Restorer.style): a boundary of level L is joined in a text of style >= L
STRICT, DEFAULT, EAGER, NEVER = 0, 1, 2, 3
EVIDENCE_MIN = 0.5  # pair evidence needed before it overrides the class evidence
SPACE_JOIN_MIN = 0.01  # a space becomes a ZWNJ only on this much evidence (hazm alone never suffices)
PAIR_PRIOR = 2.0  # weight of the left piece's habit (joins or stands alone) against one pair's counts
PAIR_JOIN_P = 0.5  # join a spaced pair when its smoothed ZWNJ probability is above this
FUNCTION_WORD = 100.0  # a word this common (که، یک) and never before a ZWNJ is a function word (round 10)
PREFIX_ODDS = 3.0  # a left piece this much likelier in a compound than alone joins anything
COMPOUND_ODDS = 10.0
# the n-gram model joins a pair seen joined (mostly in word lists) but never spaced in running text above
# this.
# Pairs never seen at all are not given to it: across a space, unseen ordinary word pairs so outnumber
# unseen compounds that even P > 0.98 cost more damage than it gained on dev-CV.
NGRAM_PAIR_P = 0.97
# a pair joined only in a text that lost its ZWNJs to spaces needs more than one stray use (one Arman
# sentence, one rare word of hazm's list: «هیچ عنوان», «این زمانی»); the rest was 70% right on dev-CV
EAGER_Z_MIN = 0.05
ALONE_ODDS = 50.0  # a word this much commoner alone than after a ZWNJ is no suffix nor second element
STRONG_PAIR_ODDS = 10.0  # a pair seen STRONG times joined and this much more often than spaced is strong


class SpaceRules:
    """The decisions at spaces, as methods of :class:`nlp.zwnj.Restorer` (a mixin: the restorer sets the
    attributes declared here)."""

    lex: Lexicon
    ngram: NgramModel | None
    boundary: BoundaryModel | None
    _lexical_cache: dict[tuple[str, str, bool], list]
    _token_cache: dict[tuple[str, str, bool], int]
    _join_cache: dict[tuple[str, str, bool, bool], int]

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
