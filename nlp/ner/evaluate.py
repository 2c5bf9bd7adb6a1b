"""Strict entity-level (CoNLL) scores of a trained NER on gold-tokenised DocBin files.

An entity counts as correct only when its first token, last token and label all match the gold one.
Predictions are made on Docs built from the corpus words, so tokenisation never costs a point.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

Triple = tuple[int, int, str]


@dataclass
class Scores:
    """True positives, false positives and false negatives per label."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: set[Triple], pred: set[Triple]) -> None:
        for _, _, label in gold & pred:
            self.tp[label] += 1
        for _, _, label in pred - gold:
            self.fp[label] += 1
        for _, _, label in gold - pred:
            self.fn[label] += 1

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 in percent, for one label or (None) micro-averaged over all."""
        tp, fp, fn = (
            (sum(c.values()) for c in (self.tp, self.fp, self.fn))
            if label is None
            else (self.tp[label], self.fp[label], self.fn[label])
        )
        p = 100 * tp / (tp + fp) if tp + fp else 0.0
        r = 100 * tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> dict[str, tuple[float, float, float]]:
        return {**{label: self.prf(label) for label in self.labels()}, "ALL": self.prf()}


def _triples(doc: Doc) -> set[Triple]:
    return {(e.start, e.end, e.label_) for e in doc.ents}


def score_docs(nlp: Language, gold_docs: Iterable[Doc], batch_size: int = 256) -> Scores:
    """Run the NER on fresh Docs with the gold words and compare entity spans."""
    gold = list(gold_docs)
    blank = [
        Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]) for doc in gold
    ]
    scores = Scores()
    for gold_doc, pred_doc in zip(gold, nlp.pipe(blank, batch_size=batch_size), strict=True):
        scores.add(_triples(gold_doc), _triples(pred_doc))
    return scores


def evaluate_model(model: Path, test: Path) -> Scores:
    """Scores of the model saved at ``model`` on the DocBin ``test`` (rule components left out)."""
    nlp = spacy.load(model, exclude=["goftar_rules"])
    return score_docs(nlp, DocBin().from_disk(test).get_docs(nlp.vocab))


def average(tables: list[dict[str, tuple[float, float, float]]]) -> dict[str, tuple[float, float, float]]:
    """Per-label mean of P, R and F1 over folds (the folds' F1s averaged, as papers report them)."""
    labels = sorted({label for table in tables for label in table}, key=lambda x: (x == "ALL", x))
    return {
        label: tuple(sum(t.get(label, (0.0, 0.0, 0.0))[i] for t in tables) / len(tables) for i in range(3))  # type: ignore[misc]
        for label in labels
    }


def format_table(title: str, table: dict[str, tuple[float, float, float]]) -> str:
    lines = [title, f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}"]
    for label, (p, r, f) in sorted(table.items(), key=lambda kv: (kv[0] == "ALL", kv[0])):
        lines.append(f"{label:<8}{p:8.2f}{r:8.2f}{f:8.2f}")
    return "\n".join(lines)
