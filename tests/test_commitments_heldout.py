"""The blind held-out commitments set stays well-formed (it is scored, never tuned on)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

HELDOUT = Path(__file__).parent / "fixtures" / "commitments_heldout" / "heldout.yaml"
POLARITIES = {"commit", "intend", "hope", "demand"}


def _fold(text: str) -> str:
    return re.sub(r"[\s\u200c]+", "", text).replace("ي", "ی").replace("ك", "ک")


def _docs() -> list[dict]:
    return yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))


def test_set_is_large_enough_and_has_negative_documents() -> None:
    docs = _docs()
    assert len(docs) >= 40
    assert len({d["id"] for d in docs}) == len(docs)
    negatives = sum(1 for d in docs if d["commitments"] == [])
    assert len(docs) // 5 <= negatives <= len(docs) // 3


@pytest.mark.parametrize("doc", _docs(), ids=lambda d: d["id"])
def test_each_evidence_names_exactly_one_sentence(doc: dict) -> None:
    sentences = [s for s in re.split(r"[.!?؟\n]+", doc["text"]) if s.strip()]
    text = _fold(doc["text"])
    for gold in doc["commitments"]:
        hits = [s for s in sentences if _fold(gold["evidence"]) in _fold(s)]
        assert len(hits) == 1, gold["evidence"]
        assert gold["polarity"] in POLARITIES
        assert _fold(gold["speaker"]) in text, gold["speaker"]
        if gold.get("deadline"):
            assert _fold(gold["deadline"]) in text, gold["deadline"]
