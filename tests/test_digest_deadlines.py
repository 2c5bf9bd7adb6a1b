"""The digest's deadline lists (due within 7 days, overdue) as an analyst reads them: one row per promise,
and only what was known on the digest's day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from digest_data import ZAKANI, article, at, commitment, item

from goftar.digest import build_digest
from goftar.digest.render import render_html, render_text
from goftar.jalali import jalali_medium
from goftar.model import Deadline
from goftar.settings import Settings

D = date(2026, 12, 1)  # Tuesday 10 Azar 1405


def trees(slug: str, days_before: int, deadline: date, story: str = "story-trees") -> tuple:
    """Zakani promising the trees of Laleh park by ``deadline``, ``days_before`` D (negative: after)."""
    by = f"تا {jalali_medium(deadline)}"
    promise = f"کاشت ۵۰۰ اصله درخت در بوستان لاله {by} به پایان می‌رسد"
    text = f"زاکانی گفت: {promise}."
    return item(
        article("hamshahri", slug, at(D - timedelta(days=days_before), 8), "کاشت درخت", text),
        [commitment(text, promise, ZAKANI, deadline=Deadline(text=by, end=deadline), story_id=story)],
        [("زاکانی", "PER")],
    )


@pytest.fixture
def store(settings: Settings):
    from index.sqlite import SqliteStore

    store = SqliteStore.open(settings.db_path, timezone=settings.timezone)
    yield store
    store.close()


def test_a_promise_told_twice_is_one_row_due_soon_as_last_told(store, settings: Settings) -> None:
    store.upsert([trees("first", 10, D + timedelta(days=5)), trees("again", 2, D + timedelta(days=5))])
    digest = build_digest(store, D, settings)
    (due,) = digest.due_soon
    assert due.link.url.endswith("/again") and due.restatements == 1
    assert due.first_said is not None and due.first_said.date() == D - timedelta(days=10)
    assert "۱ بار پیش‌تر گفته شده" in render_text(digest) and "۱ بار پیش‌تر گفته شده" in render_html(digest)


def test_a_promise_told_twice_is_one_row_overdue(store, settings: Settings) -> None:
    store.upsert([trees("first", 30, D - timedelta(days=3)), trees("again", 20, D - timedelta(days=3))])
    (late,) = build_digest(store, D, settings).overdue
    assert late.link.url.endswith("/again") and late.restatements == 1


def test_different_promises_with_one_deadline_stay_apart(store, settings: Settings) -> None:
    store.upsert(
        [
            trees("a", 10, D + timedelta(days=5), story="story-a"),
            trees("b", 9, D + timedelta(days=5), story="story-b"),
        ]
    )
    digest = build_digest(store, D, settings)
    assert [i.link.url[-1] for i in digest.due_soon] == ["a", "b"]
    assert all(i.restatements == 0 for i in digest.due_soon)


def test_a_past_day_does_not_list_promises_made_after_it(store, settings: Settings) -> None:
    # Written on D+2 and due on D+3: the digest of D (rewritten later, or for a missed day) had not heard it.
    store.upsert([trees("later", -2, D + timedelta(days=3))])
    assert build_digest(store, D, settings).due_soon == []
    assert [i.link.url[-5:] for i in build_digest(store, D + timedelta(days=2), settings).due_soon] == [
        "later"
    ]


def test_a_moved_deadline_is_no_longer_overdue_and_says_it_moved(store, settings: Settings) -> None:
    # Promised for D-3 (30 days before D), told again on D with a deadline a month later.
    store.upsert([trees("first", 30, D - timedelta(days=3)), trees("moved", 0, D + timedelta(days=30))])
    digest = build_digest(store, D, settings)
    assert digest.overdue == []
    (restated,) = digest.restated
    assert restated.previous_deadline == D - timedelta(days=3)
    assert restated.first_link is not None and restated.first_link.url.endswith("/first")
    for page in (render_text(digest), render_html(digest)):
        assert "مهلت پیشین: تا ۷ آذر ۱۴۰۵ — ۱۴۰۵/۰۹/۰۷" in page
    # The day before it moved, it was overdue.
    (late,) = build_digest(store, D - timedelta(days=1), settings).overdue
    assert late.link.url.endswith("/first")


def test_a_later_telling_without_a_deadline_keeps_the_old_one(store, settings: Settings) -> None:
    text = "زاکانی گفت: کاشت درخت در بوستان لاله ادامه دارد."
    again = item(
        article("hamshahri", "no-date", at(D - timedelta(days=1), 8), "درخت", text),
        [commitment(text, "کاشت درخت در بوستان لاله ادامه دارد", ZAKANI, story_id="story-trees")],
        [],
    )
    store.upsert([trees("first", 30, D - timedelta(days=3)), again])
    (late,) = build_digest(store, D, settings).overdue
    assert late.link.url.endswith("/first")


def metro(slug: str, days_before: int, line: str, deadline: date, previous: list | None = None) -> tuple:
    """Zakani promising to open metro line ``line``, with its story from the real tracker."""
    from nlp.tracking import assign_stories

    promise = f"افتتاح خط {line} مترو تا پایان ماه"
    text = f"زاکانی گفت: {promise}."
    said = commitment(text, promise, ZAKANI, deadline=Deadline(text="تا پایان ماه", end=deadline))
    assign_stories([said], [c.model_dump(mode="json") for c in previous or []])
    return item(article("hamshahri", slug, at(D - timedelta(days=days_before), 8), "مترو", text), [said], [])


def test_two_promises_of_one_story_both_stay_listed(store, settings: Settings) -> None:
    # The tracker puts lines 7 and 10 in one story (same speaker, similar words); they are two promises,
    # and the later one's later deadline does not move the first.
    line7 = metro("line7", 40, "۷", D - timedelta(days=10))
    line10 = metro("line10", 5, "۱۰", D - timedelta(days=2), previous=line7[1].commitments)
    assert line7[1].commitments[0].story_id == line10[1].commitments[0].story_id
    store.upsert([line7, line10])
    digest = build_digest(store, D, settings)
    assert [i.link.url.rsplit("/", 1)[-1] for i in digest.overdue] == ["line10", "line7"]
    assert all(i.restatements == 0 and i.previous_deadline is None for i in digest.overdue)
    (restated,) = build_digest(store, D - timedelta(days=5), settings).restated
    assert restated.previous_deadline is None and "مهلت تغییر کرده است" not in render_text(digest)


def test_an_earlier_date_told_later_does_not_hide_the_first(store, settings: Settings) -> None:
    store.upsert([trees("first", 10, D + timedelta(days=6)), trees("sooner", 2, D + timedelta(days=3))])
    digest = build_digest(store, D, settings)
    assert sorted(i.link.url.rsplit("/", 1)[-1] for i in digest.due_soon) == ["first", "sooner"]
    assert all(i.previous_deadline is None for i in digest.due_soon + digest.restated)


def test_close_restatement_needs_equal_numbers_and_similar_words() -> None:
    from goftar.digest.stories import close_restatement

    def said(action: str, by: str = "") -> dict:
        return {"action": action, "deadline": {"text": by} if by else None}

    assert close_restatement(said("افتتاح خط ۷ مترو"), said("افتتاح خط 7 مترو"))
    assert not close_restatement(said("افتتاح خط ۷ مترو"), said("افتتاح خط ۱۰ مترو"))
    assert not close_restatement(said("افتتاح خط ۷ مترو"), said("افتتاح ایستگاه‌های خط ۷ مترو و پارکینگ"))
    # The deadline's own words are not the promise's numbers: a postponed promise is the same promise.
    assert close_restatement(
        said("کاشت ۵۰۰ درخت تا ۷ آذر", "تا ۷ آذر"), said("کاشت ۵۰۰ درخت تا ۱۰ دی", "تا ۱۰ دی")
    )


def late_seen(slug: str, published: datetime, fetched: datetime, deadline: date) -> tuple:
    art, extraction = trees(slug, 0, deadline, story=f"story-{slug}")
    return art.model_copy(update={"published": published, "fetched": fetched}), extraction


def test_a_past_day_does_not_list_what_was_crawled_after_it(store, settings: Settings) -> None:
    # Published the day before D but first crawled three days after: D's digest, rebuilt, never saw it.
    store.upsert(
        [late_seen("late", at(D - timedelta(days=1), 8), at(D + timedelta(days=3), 8), D + timedelta(5))]
    )
    assert build_digest(store, D, settings).due_soon == []
    assert [i.link.url[-4:] for i in build_digest(store, D + timedelta(days=3), settings).due_soon] == [
        "late"
    ]


def test_known_by_is_cut_at_tehran_midnight(store, settings: Settings) -> None:
    # D ends at 20:30 UTC (midnight in Tehran): crawled at 20:29 it was known that day, at 21:00 it was not.
    published = at(D - timedelta(days=1), 8)
    store.upsert(
        [
            late_seen("inside", published, at(D, 20, 29), D + timedelta(days=5)),
            late_seen("after", published, at(D, 21), D + timedelta(days=5)),
        ]
    )
    assert [i.link.url.rsplit("/", 1)[-1] for i in build_digest(store, D, settings).due_soon] == ["inside"]


def test_overdue_lists_the_most_recently_missed_and_counts_the_rest(store, settings: Settings) -> None:
    from goftar.digest.build import OVERDUE_SHOWN

    store.upsert([trees(f"p{n}", 40, D - timedelta(days=n), story=f"story-{n}") for n in range(1, 54)])
    digest = build_digest(store, D, settings)
    assert len(digest.overdue) == OVERDUE_SHOWN and digest.overdue_more == 3
    assert digest.overdue[0].deadline == D - timedelta(days=1)
    assert next(m.value for m in digest.headline if m.key == "overdue") == 53
    for page in (render_text(digest), render_html(digest)):
        assert "و ۳ وعدهٔ دیگر" in page


def test_commitment_histories_reads_many_stories_in_chunks(store) -> None:
    store.upsert(
        [trees("a1", 10, D, story="s-a"), trees("b1", 9, D, story="s-b"), trees("a2", 8, D, story="s-a")]
    )
    ids = ["s-a", "s-b", *(f"none-{n}" for n in range(600))]  # more than one chunk of 500
    histories = store.commitment_histories(ids)
    assert set(histories) == {"s-a", "s-b"}
    assert [d["article"]["url"][-2:] for d in histories["s-a"]] == ["a1", "a2"]
    assert histories["s-a"] == store.commitment_history("s-a")


def test_elasticsearch_commitment_histories_pages_each_chunk() -> None:
    from unittest import mock

    from index.elastic import ElasticStore

    def doc(story: str, n: int) -> dict:
        return {
            "id": f"{story}-{n}",
            "story_id": story,
            "first_seen": "2026-11-01T00:00:00+00:00",
            "doc": {"id": f"{story}-{n}", "story_id": story},
        }

    members = {"s-0": [doc("s-0", 0), doc("s-0", 1), doc("s-0", 2)], "s-700": [doc("s-700", 0)]}

    def search(index: str, query: dict, size: int, search_after: list | None = None, **_: object) -> dict:
        found = [m for s in query["terms"]["story_id"] for m in members.get(s, [])]
        start = next((i + 1 for i, m in enumerate(found) if [m["id"]] == search_after), 0)
        return {"hits": {"hits": [{"_source": m, "sort": [m["id"]]} for m in found[start : start + size]]}}

    client = mock.MagicMock()
    client.search.side_effect = search
    with mock.patch("index.elastic.MAX_DIGEST_ROWS", 2):
        histories = ElasticStore(client, "gf").commitment_histories([f"s-{n}" for n in range(1000)])
    assert {s: [d["id"] for d in docs] for s, docs in histories.items()} == {
        "s-0": ["s-0-0", "s-0-1", "s-0-2"],
        "s-700": ["s-700-0"],
    }
    first = client.search.call_args_list[0].kwargs
    assert (
        first["query"]["terms"]["story_id"][:2] == ["s-0", "s-1"]
        and len(first["query"]["terms"]["story_id"]) == 500
    )
    assert client.search.call_count == 3  # two pages for the first chunk, one for the second


def test_elasticsearch_overdue_reads_every_page() -> None:
    # The digest shows 50 overdue promises and counts the rest: a list cut at one page made the count wrong.
    from datetime import date
    from unittest import mock

    from index.elastic import ElasticStore

    rows = [
        {"id": f"c{n:02d}", "first_seen": "2026-01-01T00:00:00+00:00", "doc": {"id": f"c{n:02d}"}}
        for n in range(5)
    ]

    def search(index: str, query: dict, sort: list, size: int, search_after: list | None = None, **_: object):
        assert sort[-1] == {"id": "asc"}  # a total order, or search_after skips or repeats rows
        start = next((i + 1 for i, r in enumerate(rows) if [r["id"]] == search_after), 0)
        return {"hits": {"hits": [{"_source": r, "sort": [r["id"]]} for r in rows[start : start + size]]}}

    client = mock.MagicMock()
    client.search.side_effect = search
    with mock.patch("index.elastic.MAX_DIGEST_ROWS", 2):
        overdue = ElasticStore(client, "gf").overdue(date(2026, 11, 22))
    assert [d["id"] for d in overdue] == ["c00", "c01", "c02", "c03", "c04"]
    assert client.search.call_count == 3


def test_overdue_read_by_story_is_the_list_read_whole(store, settings: Settings) -> None:
    """``overdue_split`` reads whole documents only for promises that share a story; the list and count
    must be those of judging every overdue commitment (restated, postponed, alone, not yet known)."""
    from goftar.digest.stories import StoryHistory, deadline_list, overdue_list
    from goftar.jalali import day_bounds

    store.upsert(
        [
            *(trees(f"alone{i}", 40 + i, D - timedelta(days=i % 4 + 1), story=f"s{i}") for i in range(7)),
            trees("told", 30, D - timedelta(days=3), story="shared"),
            trees("retold", 20, D - timedelta(days=3), story="shared"),  # one row with «told»
            trees("due", 25, D - timedelta(days=2), story="moved"),
            trees("moved", 1, D + timedelta(days=30), story="moved"),  # postponed: «due» is not overdue
            trees("unseen", -1, D - timedelta(days=2), story="future"),  # written after D
        ]
    )
    _, end = day_bounds(D, settings.timezone)
    for limit in (1, 3, 50):
        whole = deadline_list(StoryHistory(store, end), store.overdue(D), end, limit=limit)
        split = overdue_list(StoryHistory(store, end), store.overdue_split(D, end, limit), end, limit)
        assert split == whole
    shown, total = whole
    assert total == 8 and {d["article"]["url"].rsplit("/", 1)[1] for d in shown} >= {"retold"}
