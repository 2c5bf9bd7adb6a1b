"""Training examples and training for the ZWNJ boundary model (:mod:`nlp.zwnj_boundary`).

Run by ``python -m nlp.train_zwnj --data ../shared/data`` after the lexicon.  Each PerDT dev sentence is
corrupted the ways scraped text loses its ZWNJs (deleted, spaced, a seeded mix with literal placeholders,
and left intact), normalised by a restorer whose lexicon did *not* see that sentence (two folds: the
model must learn how far counts from other text can be trusted), and every space the rules do not surely
join becomes an example: its features and whether the gold text has a ZWNJ there.  Earlier boundaries of
the sentence are taken as in the gold text, so the neighbours are the ones a good restorer would see.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable
from pathlib import Path

from nlp import zwnj, zwnj_boundary
from nlp.zwnj import Restorer
from nlp.zwnj_boundary import BoundaryModel, ZwnjBoundaryError
from nlp.zwnj_chars import DUAL_JOINING, RUN_RE, SOFT, ZWNJ
from nlp.zwnj_spaces import STRICT

log = logging.getLogger(__name__)

Example = tuple[list[tuple[str, float]], int]
L2 = 3.0  # chosen on dev-CV (round 4; 10 before the auxiliary features, 30 did worse)
THRESHOLD = 0.6  # P(ZWNJ) needed to join: a wrong join harms two words, a missed one only one (dev-CV)
VETO_MARGIN = 1.0  # extra log-odds for a join the rules make in the text's style: vetoes need to be sure
MIX_SEEDS = (0, 1)


def corrupt(gold: str, kind: str, rng: random.Random) -> str:
    """The benchmark's corruptions: every ZWNJ deleted, spaced, or each one of the three (``mix``)."""
    if kind == "del":
        return gold.replace(ZWNJ, "")
    if kind == "space":
        return gold.replace(ZWNJ, " ")
    if kind == "none":
        return gold
    parts = gold.split(ZWNJ)
    return parts[0] + "".join(rng.choice(["", " ", " ZWNJ "]) + p for p in parts[1:])


class _Recorder(Restorer):
    """A restorer that remembers the texts ``normalize`` hands it (after steps 1-3)."""

    seen: list[str]

    def restore(self, text: str) -> str:
        self.seen.append(text)
        return super().restore(text)


def _skeleton(text: str) -> tuple[int, dict[int, str]]:
    """Number of letters (not spaces, ZWNJs or soft joiners) and the gold label before each: S/Z/J."""
    k, pend, labels = 0, "", {}
    for ch in text:
        if ch.isspace():
            pend = "S"
        elif ch in (ZWNJ, SOFT):
            pend = pend or "Z"
        else:
            if k:
                labels[k] = pend or "J"
            k, pend = k + 1, ""
    return k, labels


def _examples(r: Restorer, text: str, gold: dict[int, str]) -> list[Example]:
    """Examples of one normalised text against the gold labels of its letters."""
    rows: list[Example] = []
    matches = list(RUN_RE.finditer(text))
    runs = [r._atoms(m.group()) for m in matches]
    style, keen, whole = r._habit(runs, ZWNJ in text, SOFT in text)
    for m, atoms in zip(matches, runs, strict=True):
        pos = _skeleton(text[: m.start()])[0]
        fixed = r.restore_atoms(atoms, keen, whole)
        out: list[str] = []
        for i, (raw, _, soft) in enumerate(atoms):
            label, pos = gold.get(pos, ""), pos + len(raw)
            if out:
                left, right = out[-1], fixed[i]
                level = r._level(left, right, False)
                if (
                    level != STRICT
                    and label in ("S", "Z")
                    and r._model_decides(left, right, style)
                    and not (soft and r._join(left, right, soft, style))
                ):
                    rows.append((r._boundary_features(out, fixed, i, level, style), int(label == "Z")))
            if out and label in ("Z", "J") and (soft or label == "Z"):
                out[-1] += (ZWNJ if out[-1][-1] in DUAL_JOINING else "") + fixed[i]
            else:
                out.append(fixed[i])
    return rows


def collect(r: Restorer, golds: Iterable[str], normalize: Callable[[str], str]) -> list[Example]:
    """Examples from every corruption of each gold sentence, normalised with ``r`` (made the default
    restorer meanwhile).  Sentences whose letters do not line up with the gold's are skipped."""
    rec = _Recorder(r.lex, r.ngram, r.boundary)
    zwnj.use_restorer(rec)
    rows: list[Example] = []
    try:
        for n, gold in enumerate(golds):
            rec.seen = []
            normalize(gold)
            gold_texts = rec.seen
            for kind, seed in [("del", 0), ("space", 0), ("none", 0)] + [("mix", s) for s in MIX_SEEDS]:
                rec.seen = []
                normalize(corrupt(gold, kind, random.Random(n * 31 + seed)))
                if [_skeleton(t)[0] for t in rec.seen] != [_skeleton(t)[0] for t in gold_texts]:
                    continue
                for text, gold_text in zip(rec.seen, gold_texts, strict=True):
                    rows += _examples(rec, text, _skeleton(gold_text)[1])
    finally:
        zwnj.use_restorer(None)
    return rows


def fit(rows: list[Example]) -> BoundaryModel:
    """The boundary model of these examples (:data:`L2`, :data:`VETO_MARGIN`, :data:`THRESHOLD`)."""
    model = zwnj_boundary.train([f for f, _ in rows], [y for _, y in rows], l2=L2)
    model.weights["rule_joins"] = model.weights.get("rule_joins", 0.0) + VETO_MARGIN
    model.threshold = THRESHOLD
    return model


def train_boundary(folds: list[tuple[Restorer, list[str]]], out: Path) -> Path:
    """Train on each fold's sentences normalised by its restorer (whose lexicon did not see them) and
    save the model at ``out``."""
    from nlp.normalize import normalize

    rows: list[Example] = []
    for r, golds in folds:
        rows += collect(r, golds, normalize)
    log.info("boundary model: %d examples, %d ZWNJ", len(rows), sum(y for _, y in rows))
    if not rows:
        raise ZwnjBoundaryError("no training examples for the ZWNJ boundary model: is PerDT dev empty?")
    return zwnj_boundary.save(fit(rows), out)
