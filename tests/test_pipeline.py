"""The pipeline glue: ingest is idempotent and links a promise restated within one batch."""

from __future__ import annotations

from datetime import UTC, datetime

from goftar.model import Article
from goftar.pipeline import ingest, process, refresh_statuses
from goftar.settings import Settings
from index import open_store
from index.base import SearchQuery

RELEASE = "شهردار تهران گفت: برنامه ریزی کردیم تا ۱۰ مهر ماه افراد بالای ۱۸ سال را در تهران واکسینه کنیم."
REPORT = "به گزارش ایسنا، شهردار تهران گفت: برنامه‌ریزی کرده‌ایم تا ۱۰ مهر ماه افراد بالای ۱۸ سال در تهران واکسینه شوند."


def _articles() -> list[Article]:
    when = datetime(2021, 9, 17, 8, 0, tzinfo=UTC)
    return [
        Article(
            url="https://pana.ir/n/1",
            canonical_url="https://pana.ir/n/1",
            source="pana",
            raw_text=RELEASE,
            published=when,
        ),
        Article(
            url="https://isna.ir/n/2",
            canonical_url="https://isna.ir/n/2",
            source="isna",
            raw_text=REPORT,
            published=when,
        ),
    ]


def test_a_promise_restated_in_the_same_batch_is_one_story(settings: Settings) -> None:
    store = open_store(settings)
    try:
        report = ingest(_articles(), store)
        hits = store.search(SearchQuery(text="واکسینه", size=10)).hits
    finally:
        store.close()
    assert report.indexed == 2
    assert {h.doc["article"]["source"] for h in hits} == {"pana", "isna"}
    assert len({h.doc["story_id"] for h in hits}) == 1
    assert all(h.doc["speaker"]["canonical_name"] == "علیرضا زاکانی" for h in hits)


def test_ingesting_again_changes_nothing(settings: Settings) -> None:
    store = open_store(settings)
    try:
        ingest(_articles(), store)
        before = store.counts()
        again = ingest(_articles(), store)
        after = store.counts()
    finally:
        store.close()
    assert again.skipped == 2 and again.indexed == 0
    assert before == after


def test_statuses_are_refreshed_to_today_after_ingest(settings: Settings) -> None:
    # Extraction states a status as of publication (17 Sep 2021: «تا ۱۰ مهر» was two weeks ahead, open);
    # a researcher filtering by status today means today's: the deadline of 2 Oct 2021 has passed.
    store = open_store(settings)
    try:
        ingest(_articles(), store)
        before = {h.doc["status"] for h in store.search(SearchQuery(text="واکسینه")).hits}
        changed = refresh_statuses(store, settings)
        overdue = store.search(SearchQuery(text="واکسینه", status="overdue"))
    finally:
        store.close()
    assert before == {"open"}
    assert changed == 2 and overdue.total == 2
    assert {h.doc["deadline"]["end"] for h in overdue.hits} == {"2021-10-02"}


def test_a_headline_the_body_tells_again_is_one_commitment() -> None:
    body = (
        "به گزارش ایسنا، زاکانی شهردار تهران گفت: ۱۰۰ اتوبوس برقی تا پایان سال به ناوگان اضافه می‌شود. "
        "او افزود کار با همکاری بخش خصوصی انجام می‌شود."
    )
    headline = "۱۰۰ اتوبوس برقی تا پایان سال به ناوگان اضافه می‌شود"
    other = "ساخت ۲۰ ایستگاه آتش‌نشانی تا سال آینده آغاز می‌شود"
    when = datetime(2026, 11, 1, tzinfo=UTC)

    def article(title: str) -> Article:
        return Article(
            url="https://isna.ir/n/9",
            canonical_url="https://isna.ir/n/9",
            source="isna",
            title=title,
            raw_text=body,
            published=when,
        )

    _, retold = process(article(headline))
    assert [(c.speaker.canonical_name if c.speaker else None) for c in retold.commitments] == [
        "علیرضا زاکانی"
    ]
    _, own = process(article(other))  # a headline promise the body does not tell is kept
    assert len(own.commitments) == 2
    _, numbers = process(article(headline.replace("۱۰۰", "۳۰۰")))  # other numbers: another promise
    assert len(numbers.commitments) == 2


def test_retold_numbers_may_be_written_or_completed_differently() -> None:
    from goftar.pipeline import _same_numbers

    assert _same_numbers("۱٬۰۰۰ اتوبوس برقی", "1000 اتوبوس برقی در منطقه ۴ تا سال ۱۴۰۵")
    assert not _same_numbers("خط ۷ مترو", "خط ۱۰ مترو")
