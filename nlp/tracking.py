"""Tracking commitments across articles: one story per promise, and its status from its deadline.

A new commitment joins the story of an earlier one by the same speaker (canonical id, else the name
or title as written) whose action is similar: the larger of the Jaccard overlap of content-word sets
and of character 3-gram shingles reaches ``THRESHOLD``. The threshold is chosen on the development
set (``benchmarks/commitments_eval.py --tracking``): restatements there score at or above it, different
promises by the same speaker below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
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


def due_day(deadline: Deadline | None) -> date | None:
    """The day a commitment falls due: its deadline's last day. A deadline with a start only («از
    امروز», «از هفته آینده») says when something begins, not by when it is owed: it has no due day."""
    return deadline.end if deadline else None


def status_for(deadline: Deadline | None, today: date | None) -> CommitmentStatus:
    """open, due (ends within 7 days), overdue (ended before today), or unknown (no resolved end).

    The one rule: the stores' ``recompute_statuses`` and the digest apply the same one.
    """
    if deadline is None or today is None:
        return "unknown"
    if deadline.end is None:
        return "open" if deadline.start is not None else "unknown"
    if deadline.end < today:
        return "overdue"
    if deadline.end <= today + timedelta(days=DUE_DAYS):
        return "due"
    return "open"


# ------------------------------------------------------------------ merging stories after the fact


@dataclass(frozen=True)
class StoryItem:
    """What merging needs of one stored commitment (both stores build these from their rows)."""

    id: str
    article_id: str
    story_id: str | None
    speaker: str  # ``speaker_key`` of the commitment's speaker ("" when unknown)
    action: str
    time: str  # sort key of when it was published (else first seen): oldest first


@dataclass
class MergePlan:
    """New story ids by commitment id, and what merging found."""

    changes: dict[str, str] = field(default_factory=dict)
    stories_before: int = 0
    stories_after: int = 0
    groups: int = 0  # stories (or loose commitments) joined with at least one other

    def report(self, duplicate_articles: int) -> dict[str, int]:
        return {
            "commitments_changed": len(self.changes),
            "stories_before": self.stories_before,
            "stories_after": self.stories_after,
            "stories_merged": self.stories_before - self.stories_after,
            "merged_groups": self.groups,
            "duplicate_articles": duplicate_articles,
        }


class _Sets:
    """Union-find over item indices; the root is always the oldest item of its set."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        self.parent[max(a, b)] = min(a, b)
        return True


def plan_merges(items: list[StoryItem], duplicate_of: dict[str, str]) -> MergePlan:
    """Which commitments should share a story: the weekly clean-up behind ``merge_near_duplicates``.

    Joined are commitments that already share a story, commitments of one speaker whose actions are
    similar (``similarity`` ≥ ``THRESHOLD``, as ``assign_stories`` links them at ingest, but across the
    whole store and whatever order articles arrived in), and within copies of one release
    (``duplicate_of`` maps a copy's article id to the first copy's) similar actions even when one
    outlet's copy lost the speaker. Each group takes the story id of its oldest commitment that has
    one (else a stable id from that commitment), so a second run changes nothing.
    """
    # Oldest first; at the same moment the first copy of a release before its copies.
    items = sorted(items, key=lambda it: (it.time, it.article_id in duplicate_of, it.id))
    sets = _Sets(len(items))
    first_of_story: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.story_id:
            sets.union(first_of_story.setdefault(item.story_id, i), i)
    by_speaker: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        if item.speaker:
            by_speaker.setdefault(item.speaker, []).append(i)
    for members in by_speaker.values():
        _join_similar(items, members, sets, lambda _a, _b: True)
    by_release: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        root = duplicate_of.get(item.article_id, item.article_id)
        by_release.setdefault(root, []).append(i)
    for members in by_release.values():
        if len({items[i].article_id for i in members}) > 1:
            _join_similar(items, members, sets, _same_or_unknown_speaker)
    return _plan(items, sets)


def _same_or_unknown_speaker(a: StoryItem, b: StoryItem) -> bool:
    return a.speaker == b.speaker or not a.speaker or not b.speaker


def _join_similar(
    items: list[StoryItem],
    members: list[int],
    sets: _Sets,
    compatible: Callable[[StoryItem, StoryItem], bool],
) -> None:
    """Union members whose actions are similar; candidates come from shared words and 3-grams.

    Counting shared features through posting lists gives both Jaccard scores exactly without comparing
    every pair (a busy speaker has thousands of commitments).
    """
    words = [content_words(items[i].action) for i in members]
    grams = [shingles(items[i].action) for i in members]
    word_posts: dict[str, list[int]] = {}
    gram_posts: dict[str, list[int]] = {}
    for k in range(len(members)):
        shared_words: Counter[int] = Counter(j for w in words[k] for j in word_posts.get(w, ()))
        shared_grams: Counter[int] = Counter(j for g in grams[k] for j in gram_posts.get(g, ()))
        for j in set(shared_words) | set(shared_grams):
            a, b = members[j], members[k]
            if sets.find(a) == sets.find(b) or not compatible(items[a], items[b]):
                continue
            score = max(
                _overlap(shared_words[j], len(words[j]), len(words[k])),
                _overlap(shared_grams[j], len(grams[j]), len(grams[k])),
            )
            if score >= THRESHOLD:
                sets.union(a, b)
        for w in words[k]:
            word_posts.setdefault(w, []).append(k)
        for g in grams[k]:
            gram_posts.setdefault(g, []).append(k)


def _overlap(shared: int, a: int, b: int) -> float:
    return shared / (a + b - shared) if shared else 0.0


def _plan(items: list[StoryItem], sets: _Sets) -> MergePlan:
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(sets.find(i), []).append(i)
    plan = MergePlan(stories_before=len({it.story_id for it in items if it.story_id}))
    after: set[str] = set()
    for members in groups.values():
        named = next((items[i].story_id for i in members if items[i].story_id), None)
        if len(members) == 1:
            if named:
                after.add(named)
            continue
        plan.groups += 1
        target = named or stable_id("story", items[members[0]].id)
        after.add(target)
        for i in members:
            if items[i].story_id != target:
                plan.changes[items[i].id] = target
    plan.stories_after = len(after)
    return plan
