"""ArmanPersoNERCorpus (one ``word TAG`` per line, blank line between sentences) to spaCy DocBin files.

Words go through the same letter unification as inference text (``nlp.normalize.normalize``: ي→ی,
ك→ک, Persian digits, no diacritics), one word at a time so the corpus tokenisation is kept: the model
trains on what it will see. Tags ``B-pers``/``I-org``… become entity spans PER ORG LOC FAC PRO EVENT;
an ``I-`` after ``O`` opens an entity, as the CoNLL scorer reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from nlp.normalize import normalize

log = logging.getLogger(__name__)

LABELS = {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRO", "event": "EVENT"}
Sentence = list[tuple[str, str]]
DEV_SIZE = 400


def read_arman(path: Path) -> Iterator[Sentence]:
    """Sentences of an Arman fold file as (word, IOB tag) pairs; malformed lines are logged and skipped."""
    sentence: Sentence = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            word, _, tag = line.rpartition(" ")
            if not word or not (tag == "O" or tag[:2] in {"B-", "I-"}):
                log.warning("%s:%d: not 'word TAG', skipped: %r", path, number, line)
                continue
            sentence.append((word, tag))
    if sentence:
        yield sentence


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """The word as the normaliser writes it; kept as is when normalising would split or empty it."""
    out = normalize(word).strip()
    return out if out and not any(ch.isspace() for ch in out) else word


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of IOB tags, CoNLL style."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if start >= 0 and (kind != "I" or name != label):
            spans.append((start, i, LABELS.get(label, label.upper())))
            start = -1
        if kind == "B" or (kind == "I" and start < 0):
            start, label = i, name
    return spans


def sentence_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """A Doc on the corpus tokenisation with gold entities."""
    words = [normalise_word(w) for w, _ in sentence]
    doc = Doc(vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in iob_spans([t for _, t in sentence])]
    return doc


def write_docs(docs: list[Doc], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    log.info("wrote %d sentences to %s", len(docs), out)
    return len(docs)


def read_docs(paths: list[Path]) -> list[Doc]:
    vocab = spacy.blank("fa").vocab
    return [sentence_doc(vocab, sentence) for path in paths for sentence in read_arman(path)]


def prepare_folds(arman: Path, out: Path, dev_size: int = DEV_SIZE) -> dict[str, int]:
    """DocBins for training and evaluation, in ``out``.

    For k = 1..3: ``fold{k}-train`` (the train fold less its last ``dev_size`` sentences),
    ``fold{k}-dev`` (those sentences: tuning never sees the test fold), ``fold{k}-full`` (the whole
    train fold, for a run with settings tuned on the dev split) and ``fold{k}-test``.
    ``all`` is the whole corpus (train + test of fold 1) for the shipped model.
    """
    counts = {}
    for k in (1, 2, 3):
        train = read_docs([arman / f"train_fold{k}.txt"])
        counts[f"fold{k}-full"] = write_docs(train, out / f"fold{k}-full.spacy")
        counts[f"fold{k}-train"] = write_docs(train[:-dev_size], out / f"fold{k}-train.spacy")
        counts[f"fold{k}-dev"] = write_docs(train[-dev_size:], out / f"fold{k}-dev.spacy")
        counts[f"fold{k}-test"] = write_docs(
            read_docs([arman / f"test_fold{k}.txt"]), out / f"fold{k}-test.spacy"
        )
    whole = read_docs([arman / "train_fold1.txt", arman / "test_fold1.txt"])
    counts["all"] = write_docs(whole, out / "all.spacy")
    return counts
