"""``nlp.tracking.plan_merges``: which stored commitments should share one story."""

from __future__ import annotations

from nlp.tracking import StoryItem, plan_merges

VACCINE = "توزیع واکسن‌ها در همه مناطق تهران تا پایان سال"
PARKING = "ساخت پارکینگ طبقاتی در میدان آزادی"


def item(ident: str, article: str, story: str | None, speaker: str, action: str, time: str) -> StoryItem:
    return StoryItem(id=ident, article_id=article, story_id=story, speaker=speaker, action=action, time=time)


def test_same_speaker_similar_action_joins_the_oldest_story() -> None:
    items = [
        item("c2", "a2", "s-late", "zakani", VACCINE + " انجام می‌شود", "2024-07-25"),
        item("c1", "a1", "s-early", "zakani", VACCINE, "2024-07-20"),
        item("c3", "a3", None, "zakani", PARKING, "2024-07-21"),
        item("c4", "a4", "s-other", "chamran", VACCINE, "2024-07-22"),  # another speaker: kept apart
    ]
    plan = plan_merges(items, {})
    assert plan.changes == {"c2": "s-early"}
    assert (plan.stories_before, plan.stories_after, plan.groups) == (3, 2, 1)


def test_copies_of_a_release_join_even_without_a_speaker_and_the_first_copy_wins_ties() -> None:
    items = [
        item("c0", "copy", "s-copy", "", VACCINE, "2024-07-20"),  # same time, smaller id: still a copy
        item("c9", "first", "s-first", "zakani", VACCINE, "2024-07-20"),
        item("c5", "unrelated", "s-x", "", VACCINE, "2024-07-21"),  # no speaker, not a copy: not joined
    ]
    plan = plan_merges(items, {"copy": "first"})
    assert plan.changes == {"c0": "s-first"}


def test_loose_commitments_get_a_stable_new_story_and_a_second_run_changes_nothing() -> None:
    items = [
        item("c1", "a1", None, "zakani", VACCINE, "2024-07-20"),
        item("c2", "a2", None, "zakani", VACCINE + " انجام می‌شود", "2024-07-25"),
    ]
    plan = plan_merges(items, {})
    story = plan.changes["c1"]
    assert plan.changes == {"c1": story, "c2": story} and plan_merges(items, {}).changes == plan.changes
    merged = [StoryItem(**{**it.__dict__, "story_id": story}) for it in items]
    assert plan_merges(merged, {}).changes == {}
