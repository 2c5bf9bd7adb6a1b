"""The digest's chart counts what its lists count: the commitments *new* each day.

An article published days ago and first seen today is new today (``commitments_in``): the chart's bar for
today must say so too, or the headline says 28 new while the bar shows 6.
"""

from __future__ import annotations

from datetime import timedelta

from digest_data import DAY, ZAKANI, article, at, commitment, filled_store, item

from goftar.digest import build_digest
from goftar.jalali import day_bounds
from goftar.model import Article, Extraction
from goftar.settings import Settings

LATE = "بازسازی بوستان منطقه ۲۲ تا پایان دی تمام می‌شود"


def _found_late() -> tuple[Article, Extraction]:
    """Published three days before DAY, crawled for the first time on DAY."""
    text = f"زاکانی گفت: {LATE}."
    art = article("hamshahri", "late-find", at(DAY - timedelta(days=3), 9), "بوستان", text)
    return item(art.model_copy(update={"fetched": at(DAY, 9)}), [commitment(text, LATE, ZAKANI)], [])


def test_the_days_bar_counts_what_the_digest_lists_as_new(settings: Settings) -> None:
    store = filled_store(settings)
    store.upsert([_found_late()])  # type: ignore[attr-defined]
    digest = build_digest(store, DAY, settings)  # type: ignore[arg-type]
    store.close()  # type: ignore[attr-defined]
    listed = [i.quote for group in digest.new_commitments for i in group.items]
    assert LATE in listed
    assert digest.daily_commitments[DAY] == digest.commitment_count + len(digest.restated)
    earlier = DAY - timedelta(days=3)
    assert digest.daily_commitments[earlier] >= 1  # and it still counts on the day it was published


def test_every_bar_equals_that_days_commitments_in(settings: Settings) -> None:
    store = filled_store(settings)
    store.upsert([_found_late()])  # type: ignore[attr-defined]
    first = DAY - timedelta(days=29)
    counts = store.daily_counts(first, DAY + timedelta(days=1))  # type: ignore[attr-defined]
    listed = {
        day: len(store.commitments_in(*day_bounds(day, settings.timezone)))  # type: ignore[attr-defined]
        for day in counts
    }
    store.close()  # type: ignore[attr-defined]
    assert counts == listed
    assert sum(counts.values()) > 0
