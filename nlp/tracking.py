"""Tracking commitments across articles: one story per promise, and its status from its deadline.

A new commitment joins the story of an earlier one by the same speaker (canonical id, else the name
or title as written) whose action is similar: the larger of the Jaccard overlap of content-word sets
and of character 3-gram shingles reaches ``THRESHOLD``. The threshold is chosen on the development
set (``benchmarks/commitments_eval.py --tracking``): restatements there score at or above it, different
promises by the same speaker below.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from goftar.model import Commitment, CommitmentStatus, Deadline, stable_id

THRESHOLD = 0.25  # middle of the 0.20–0.30 plateau on tracking.yaml: restatements ≥ 0.33, others ≤ 0.15
DUE_DAYS = 7
_STOP = {
    "و",
    "در",
    "به",
    "از",
    "که",
    "را",
    "با",
    "این",
    "آن",
    "تا",
    "برای",
    "هم",
    "نیز",
    "یک",
    "ما",
    "خواهیم",
    "خواهد",
    "خواهند",
    "کرد",
    "کنیم",
    "شود",
    "شد",
    "است",
    "باید",
    "قرار",
    "می",
    "های",
    "ها",
    "بر",
    "امیدواریم",
    "بتوانیم",
    "برنامه",
    "ریزی",
    "کردیم",
    "حتما",
    "همه",
    "شهرداری",
}


def _plain(text: str) -> str:
    text = re.sub("[\u064b-\u0652]", "", text)
    return text.replace("ي", "ی").replace("ك", "ک")


def content_words(action: str) -> set[str]:
    """Content words, with ZWNJ-joined parts and plural suffixes folded («ایستگاه‌های» → «ایستگاه»)."""
    out = set()
    for tok in re.findall(r"[^\W\d_]+", _plain(action).replace("\u200c", " ")):
        if tok in _STOP or len(tok) < 2:
            continue
        out.add(re.sub(r"(?:ها|های|ان)$", "", tok) if len(tok) > 4 else tok)
    return out


def shingles(action: str, n: int = 3) -> set[str]:
    squeezed = re.sub(r"[\s\u200c]+", "", _plain(action))
    return {squeezed[i : i + n] for i in range(max(0, len(squeezed) - n + 1))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """How alike two actions are (0..1): max of content-word and 3-gram Jaccard."""
    return max(_jaccard(content_words(a), content_words(b)), _jaccard(shingles(a), shingles(b)))


def speaker_key(speaker: dict[str, Any] | None) -> str:
    """Who, for linking: canonical id when resolved, else the name or title as written."""
    if not speaker:
        return ""
    name = speaker.get("canonical_id") or speaker.get("canonical_name") or speaker.get("text") or ""
    return re.sub(r"[\s\u200c]+", "", _plain(str(name)))


def assign_stories(new: list[Commitment], previous: list[dict[str, Any]]) -> None:
    """Set ``story_id`` on each new commitment: an earlier story it restates, else a fresh stable id.

    ``previous`` holds stored commitments (Commitment JSON plus ``article`` info). New commitments
    are also matched against each other in order, so a batch of articles links among itself.
    """
    pool = [p for p in previous if p.get("story_id")]
    for c in new:
        me = speaker_key(c.speaker.model_dump() if c.speaker else None)
        best, best_score = None, 0.0
        for p in pool:
            if speaker_key(p.get("speaker")) != me:
                continue
            score = similarity(c.action, str(p.get("action", "")))
            if score > best_score:
                best, best_score = p, score
        if best is not None and best_score >= THRESHOLD:
            c.story_id = str(best["story_id"])
        else:
            c.story_id = stable_id("story", me, c.article_id or "", str(c.start), c.action)
        pool.append(
            {
                "speaker": c.speaker.model_dump() if c.speaker else None,
                "action": c.action,
                "story_id": c.story_id,
            }
        )


def status_for(deadline: Deadline | None, today: date | None) -> CommitmentStatus:
    """open, due (ends within 7 days), overdue (ended before today), or unknown (no resolved end)."""
    if deadline is None or today is None:
        return "unknown"
    if deadline.end is None:
        return "open" if deadline.start is not None else "unknown"
    if deadline.end < today:
        return "overdue"
    if deadline.end <= today + timedelta(days=DUE_DAYS):
        return "due"
    return "open"
