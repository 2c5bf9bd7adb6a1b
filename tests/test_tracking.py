from __future__ import annotations

from datetime import date

from goftar.model import Commitment, Deadline, Speaker
from nlp.tracking import assign_stories, due_day, similarity, status_for

MAYOR = Speaker(
    text="شهردار تهران", kind="role", canonical_id="alireza-zakani", canonical_name="علیرضا زاکانی"
)


def _c(action: str, speaker: Speaker = MAYOR, article: str = "a2", start: int = 0) -> Commitment:
    return Commitment(
        speaker=speaker,
        action=action,
        evidence=action,
        start=start,
        end=start + len(action),
        article_id=article,
    )


def _stored(c: Commitment, story: str) -> dict:
    return {**c.to_json(), "story_id": story, "article": {"id": c.article_id, "source": "x"}}


def test_restatement_by_the_same_speaker_joins_the_story() -> None:
    old = _stored(_c("تا ۱۰ مهر ماه افراد بالای ۱۸ سال را در تهران واکسینه کنیم", article="a1"), "s1")
    new = _c("همه افراد بالای ۱۸ سال تهران تا دهم مهر واکسینه خواهند شد")
    assign_stories([new], [old])
    assert new.story_id == "s1"


def test_other_speaker_or_other_promise_gets_a_fresh_deterministic_story() -> None:
    old = _stored(_c("تا ۱۰ مهر ماه افراد بالای ۱۸ سال را واکسینه کنیم", article="a1"), "s1")
    other = _c("افراد بالای ۱۸ سال را واکسینه کنیم", speaker=Speaker(text="وزیر بهداشت", kind="role"))
    different = _c("بازار گل و گیاه از ۲۰ اسفند برپا خواهد شد", start=50)
    assign_stories([other, different], [old])
    assert other.story_id not in (None, "s1") and different.story_id not in (None, "s1")
    again = _c("بازار گل و گیاه از ۲۰ اسفند برپا خواهد شد", start=50)
    assign_stories([again], [old])
    assert again.story_id == different.story_id


def test_new_commitments_link_among_themselves() -> None:
    a = _c("ده ایستگاه جدید مترو تا پایان سال افتتاح خواهد شد", article="a1")
    b = _c("افتتاح ده ایستگاه جدید مترو تا پایان امسال", article="a2")
    assign_stories([a, b], [])
    assert a.story_id == b.story_id


def test_similarity_ignores_zwnj_and_plural_spelling() -> None:
    assert similarity("ایستگاه‌های دوچرخه", "ایستگاههای دوچرخه") > 0.8
    assert similarity("آسفالت معابر", "خرید اتوبوس برقی") < 0.2


def test_status_from_deadline() -> None:
    today = date(2021, 9, 28)
    assert status_for(Deadline(text="x", start=today, end=date(2021, 9, 26)), today) == "overdue"
    assert status_for(Deadline(text="x", start=today, end=date(2021, 10, 2)), today) == "due"
    assert status_for(Deadline(text="x", start=today, end=date(2021, 12, 1)), today) == "open"
    assert status_for(Deadline(text="از امروز", start=today, kind="from"), today) == "open"
    assert status_for(None, today) == "unknown"
    assert status_for(Deadline(text="پایان سال"), today) == "unknown"
    # The due day is the deadline's end; a start-only deadline has none (it says when work begins).
    assert due_day(Deadline(text="تا ۱۰ مهر", start=today, end=date(2021, 10, 2), kind="by")) == date(
        2021, 10, 2
    )
    assert due_day(Deadline(text="از هفته آینده", start=date(2021, 10, 2), kind="from")) is None
    assert due_day(None) is None
