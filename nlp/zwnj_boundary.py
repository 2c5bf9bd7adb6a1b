"""A logistic boundary model: should a space between two Persian words be a ZWNJ?

:class:`nlp.zwnj.Restorer` decides most spaces by its lexicon rules.  At a space the rules do not surely
join, between two pieces seen joined somewhere (in the corpora or hazm's lists), in a text that is not
*strict* (its ZWNJs became spaces, or it has literal placeholders, or there is no sign either way), this
model reads the two pieces that meet at the space *and their neighbours* — the piece before the left one
and the piece after the right one, whatever separates them — and returns the probability that the space
was a ZWNJ.  Its features are the lexicon's counts (the pair joined / spaced, each piece alone, in
compounds, after a ZWNJ), the character n-gram model's estimate, the suffix class, the rules' own level,
the writer's habit (the text's style), and whether the next word is an auxiliary after a word in ه
(a verb phrase, «انجام شده است», against a participle used as an adjective, «انجام‌شده در»).  On
dev-CV it gained nothing at pairs never seen joined, nor in strict texts, so it is not asked there
(which also keeps it fast).

Idempotence: the habit features enter only as indicators «style ≥ DEFAULT», «style ≥ EAGER» and «the
rules would join in this style», and as products of those with values in [0, 1], with weights kept ≥ 0
in training, so the score never rises when the style falls.  A second pass of the restorer sees a style
no keener than the first (its text has ZWNJs) and the same pieces around every space it left, so it
joins nothing more.

Trained by ``python -m nlp.train_zwnj --data ../shared/data`` (:mod:`nlp.train_zwnj_boundary`) on PerDT
dev spaces (made by spacing, deleting or mixing the gold ZWNJs, with features read from lexicons that did
not see the sentence) and stored as ``nlp/data/zwnj_boundary.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goftar.errors import ModelError

BOUNDARY_PATH = Path(__file__).parent / "data" / "zwnj_boundary.json"
FORMAT = 1
# features whose weight is kept >= 0: the score must never rise when the text's style falls
INTERACTIONS = ("z>0", "ng_p", "b_unknown", "suf_join", "b_bound")  # values in [0, 1]
INTERACT = 6  # the interacting features come first in lexical_features
MONOTONE = ("style>=1", "style>=2", "rule_joins") + tuple(
    f"s{s}*{name}" for s in (1, 2) for name in INTERACTIONS
)
HAMZA = "\u0654"
VOCAB_MIN = 20  # a piece seen this often at training boundaries gets its own indicator feature
# auxiliaries and copulas that follow a participle in a verb phrase («انجام شده است», spaced in PerDT),
# where a participle before a noun or a preposition is an adjective (اعلام‌شده اولیه): a closed class
AUXILIARIES = frozenset(
    (
        "است",
        "بود",
        "باشد",
        "بودند",
        "باشند",
        "اند",
        "ایم",
        "اید",
        "ام",
        "ای",
        "هست",
        "هستند",
        "نیست",
        "شد",
        "شود",
        "شوند",
        "شدند",
        "بودم",
        "بودیم",
        "باشم",
        "باشیم",
        "باشید",
        "باشی",
        "بودی",
        "بودید",
    )
)


class ZwnjBoundaryError(ModelError):
    """The ZWNJ boundary model is missing or unreadable."""


def _l(x: float) -> float:
    return math.log1p(x)


def lexical_features(r: Any, a: str, b: str, whole: bool) -> list[tuple[str, float]]:
    """Features of the pieces ``a`` | ``b`` meeting at a space (``whole``: the left word is just ``a``),
    from the restorer ``r``'s lexicon and n-gram model; independent of the style and the neighbours."""
    lex = r.lex
    b = b.rstrip(HAMZA) or b  # «کنندهٔ» is «کننده» with an ezafe mark: look the word up
    key = a + "\t" + b
    z, s = lex.zpair.get(key, 0.0), lex.spair.get(key, 0.0)
    glued = a + b
    suffix = lex.is_suffix(b)
    sp, ev = lex.suffix_p(a[-1], b, "s") if suffix else (0.5, 0.0)
    ng = r.ngram.join_p(a, b) if r.ngram is not None else 0.5
    ng = min(max(ng, 1e-4), 1 - 1e-4)
    last = a[-1]
    right, alone = lex.right.get(b, 0.0), lex.plain.get(b, 0.0) + lex.sright.get(b, 0.0)
    return [  # the first INTERACT features are in [0, 1] and named in INTERACTIONS
        ("z>0", float(z > 0)),
        ("ng_p", ng),
        ("b_unknown", float(r.lex.known(b) < 1.0)),
        ("suf_join", max(0.0, sp - 0.5) * 2 if ev >= 3 else 0.0),
        ("b_bound", right / (right + alone + 1.0)),
        ("s>0", float(s > 0)),
        ("z", _l(z)),
        ("s", _l(s)),
        ("lpre_a", _l(lex.lpre.get(a, 0.0))),
        ("sleft_a", _l(lex.sleft.get(a, 0.0))),
        ("plain_a", _l(lex.plain.get(a, 0.0))),
        ("left_a", _l(lex.left.get(a, 0.0))),
        ("plain_b", _l(lex.plain.get(b, 0.0))),
        ("right_b", _l(lex.right.get(b, 0.0))),
        ("sright_b", _l(lex.sright.get(b, 0.0))),
        ("plain_ab", _l(lex.plain.get(glued, 0.0))),
        ("conv_ab", _l(lex.conv.get(glued, 0.0))),
        ("best_ab", _l(lex.best_count.get(glued, 0.0))),
        ("ng", math.log(ng / (1 - ng))),
        ("suf_p", sp - 0.5),
        ("suf_ev", _l(ev)),
        ("never_b", float(r._never_bound(b))),
        ("stack_b", float(r._word_not_stack(b))),
        ("mi", float(lex.verb_after_mi(a, b))),
        ("whole", float(whole)),
        ("short_a", float(len(a) <= 2)),
        ("short_b", float(len(b) <= 2)),
        ("a_h", float(last == "ه")),
        ("a_y", float(last == "ی")),
        ("a=" + a, 1.0),
        ("b=" + b, 1.0),
    ]


def context_features(r: Any, p: str, a: str, b: str, n: str) -> list[tuple[str, float]]:
    """Features of the neighbours: the piece ``p`` before ``a`` and ``n`` after ``b`` ("" at a run's
    edge), whatever separates them, so that a second pass sees the same values; and whether ``n`` is an
    auxiliary (:data:`AUXILIARIES`) after a word in ه, which tells a verb («انجام شده است») from a
    participle used as an adjective («انجام‌شده در»)."""
    lex = r.lex
    b, n = b.rstrip(HAMZA) or b, n.rstrip(HAMZA) or n
    feats: list[tuple[str, float]] = []
    if p:
        feats += [
            ("has_p", 1.0),
            ("z_pa", _l(lex.zpair.get(p + "\t" + a, 0.0))),
            ("s_pa", _l(lex.spair.get(p + "\t" + a, 0.0))),
            ("best_pab", _l(lex.best_count.get(p + a + b, 0.0))),
        ]
    if n:
        feats += [
            ("has_n", 1.0),
            ("z_bn", _l(lex.zpair.get(b + "\t" + n, 0.0))),
            ("s_bn", _l(lex.spair.get(b + "\t" + n, 0.0))),
            ("best_abn", _l(lex.best_count.get(a + b + n, 0.0))),
            ("plain_bn", _l(lex.plain.get(b + n, 0.0))),
            ("right_n", _l(lex.right.get(n, 0.0))),
        ]
    aux = n in AUXILIARIES
    feats.append(("n_aux", float(aux)))
    if b.endswith("ه"):  # a participle (or any word in ه) before an auxiliary, a word, or the run's end
        feats.append(("pp_aux" if aux else ("pp_word" if n else "pp_end"), 1.0))
    return feats


def style_features(level: int, style: int, lexical: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The rules' level and the text's style (0 strict, 1 default, 2 eager; level 3 = never), as
    features that can only raise the score as the style rises (:data:`MONOTONE`): the style alone,
    and times the evidence for joining (all >= 0), which counts for more in a text that lost its
    ZWNJs to spaces."""
    feats = [
        ("level=" + str(level), 1.0),
        ("style>=1", float(style >= 1)),
        ("style>=2", float(style >= 2)),
        ("rule_joins", float(level <= style)),
    ]
    if style:
        values = dict(lexical[:INTERACT])
        for s in range(1, style + 1):
            feats += [(f"s{s}*{name}", values[name]) for name in INTERACTIONS]
    return feats


@dataclass
class BoundaryModel:
    """Weights of a logistic model over named features, and the decision threshold."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5

    def prob(self, feats: Sequence[tuple[str, float]]) -> float:
        """P(ZWNJ) for these features (unknown names weigh nothing)."""
        w = self.weights
        x = self.bias + sum(w.get(name, 0.0) * v for name, v in feats)
        return 1 / (1 + math.exp(-x)) if x > -30 else 0.0

    def partial(self, feats: Sequence[tuple[str, float]]) -> float:
        """The weighted sum of these features alone (no bias): parts of a score can be remembered."""
        w = self.weights
        return sum(w.get(name, 0.0) * v for name, v in feats)

    def offset(self) -> float:
        """The bias less the log-odds of the threshold: ``offset() + partial(all features) > 0`` joins."""
        return self.bias - math.log(self.threshold / (1 - self.threshold))

    def margin(self, feats: Sequence[tuple[str, float]]) -> float:
        """The log-odds of the threshold subtracted from the score: > 0 means join."""
        w = self.weights
        t = math.log(self.threshold / (1 - self.threshold))
        return self.bias + sum(w.get(name, 0.0) * v for name, v in feats) - t


def train(
    rows: list[list[tuple[str, float]]], labels: list[int], l2: float = 1.0, epochs: int = 300
) -> BoundaryModel:
    """Fit the logistic model by full-batch gradient descent (Adam) with an L2 penalty, the
    :data:`MONOTONE` weights projected to >= 0 after every step.  Piece indicators («a=…», «b=…») are
    kept only for pieces seen at least :data:`VOCAB_MIN` times."""
    import numpy as np  # training only: loading and scoring stay pure Python

    seen: dict[str, int] = {}
    for feats in rows:
        for name, _ in feats:
            seen[name] = seen.get(name, 0) + 1
    names = sorted(n for n, c in seen.items() if not n.startswith(("a=", "b=")) or c >= VOCAB_MIN)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, feats in enumerate(rows):
        for name, v in feats:
            j = index.get(name)
            if j is not None:
                x[i, j] += v
    scale = np.maximum(np.abs(x).max(axis=0), 1e-9)  # features on one scale for the optimiser
    x = x / scale
    y = np.asarray(labels, dtype=float)
    mono = np.array([n in MONOTONE for n in names])
    w = np.zeros(len(names))
    b = 0.0
    m1, m2, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0  # Adam's moments
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, epochs + 1):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = x.T @ (p - y) / len(y) + l2 * w / len(y)
        gb = float(np.mean(p - y))
        m1, m2 = b1 * m1 + (1 - b1) * g, b2 * m2 + (1 - b2) * g * g
        mb, vb = b1 * mb + (1 - b1) * gb, b2 * vb + (1 - b2) * gb * gb
        w -= lr * (m1 / (1 - b1**t)) / (np.sqrt(m2 / (1 - b2**t)) + 1e-8)
        b -= lr * (mb / (1 - b1**t)) / (math.sqrt(vb / (1 - b2**t)) + 1e-8)
        w[mono] = np.maximum(w[mono], 0.0)
    weights = {n: float(wi / s) for n, wi, s in zip(names, w, scale, strict=True) if abs(wi) > 1e-6}
    return BoundaryModel(weights, float(b))


def save(model: BoundaryModel, path: Path = BOUNDARY_PATH) -> Path:
    """Write ``model`` as JSON (weights rounded: the file stays small and diffable)."""
    data = {
        "format": FORMAT,
        "bias": round(model.bias, 5),
        "threshold": model.threshold,
        "weights": {k: round(v, 5) for k, v in sorted(model.weights.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


def load(path: Path = BOUNDARY_PATH) -> BoundaryModel:
    """The model saved at ``path``; :class:`ZwnjBoundaryError` when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')} != {FORMAT}")
        return BoundaryModel(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ZwnjBoundaryError(f"cannot read ZWNJ boundary model {path}: {exc}") from exc
