"""The digest's content, renderings and files, on a fixture month stored in a real SqliteStore."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from digest_data import DAY, EMPTY_DAY, EVIL, filled_store

from goftar.digest import Digest, build_digest, write_digest
from goftar.digest.build import source_problems
from goftar.digest.render import EMPTY_MESSAGE, render_html, render_json, render_text
from goftar.model import CrawlHealth
from goftar.settings import Settings

ZWNJ = "\u200c"


@pytest.fixture
def store(settings: Settings):
    store = filled_store(settings)
    yield store
    store.close()


@pytest.fixture
def digest(store, settings: Settings) -> Digest:
    return build_digest(store, DAY, settings)


def test_headline_counts_the_tehran_day_and_compares_with_last_week(digest: Digest) -> None:
    metrics = {m.key: m for m in digest.headline}
    # 5 articles between Tehran midnights (one at 00:40, one at 23:50); the next day's 00:30 one is out.
    assert metrics["articles"].value == 5
    assert metrics["articles"].previous_avg == pytest.approx(1.0)  # tehran-gov: one a day last week
    assert metrics["articles"].change_pct == pytest.approx(400.0)
    assert metrics["commitments"].value == 4  # the parking promise is a restatement, not new
    assert metrics["restated"].value == 1
    assert metrics["due_soon"].value == 1 and metrics["overdue"].value == 1


def test_new_commitments_grouped_by_speaker_and_organisation(digest: Digest) -> None:
    groups = [(g.speaker, g.organisation, len(g.items)) for g in digest.new_commitments]
    assert groups == [("علیرضا زاکانی", "شهرداری تهران", 3), ("مهدی چمران", "شورای شهر تهران", 1)]
    first = digest.new_commitments[0].items[0]  # soonest deadline first
    assert first.quote.startswith("بهسازی ۵۰ کیلومتر")
    assert first.deadline == date(2026, 12, 21) and first.deadline_jalali == "1405/09/30"
    assert first.quantities == ["۵۰ کیلومتر"]
    assert first.link.url == "https://hamshahri.example.ir/news/roads"
    quotes = [i.quote for g in digest.new_commitments for i in g.items]
    assert not any("اتوبوس" in q for q in quotes), "00:30 Tehran of the next day leaked into the digest"


def test_due_overdue_and_restated(digest: Digest) -> None:
    assert [i.deadline for i in digest.due_soon] == [DAY + timedelta(days=3)]
    assert digest.due_soon[0].status == "due"
    assert [i.deadline for i in digest.overdue] == [DAY - timedelta(days=5)]
    assert digest.overdue[0].status == "overdue"
    (restated,) = digest.restated
    assert restated.story_id == "story-parking" and restated.restatements == 1
    assert restated.first_said is not None and restated.first_said.date() == DAY - timedelta(days=10)


def test_entities_sources_and_crawl_health(digest: Digest) -> None:
    people = {e.name: e for e in digest.entities["people"]}
    assert people["زاکانی"].count == 4 and people["زاکانی"].trend == "new"
    assert people["چمران"].trend == "steady"  # one article today, one a day last week
    assert [e.name for e in digest.entities["places"]] == ["منطقه ۲۲"]
    volume = {row.source: row.articles for row in digest.sources}
    assert volume == {"hamshahri": 3, "isna": 1, "evil": 1, "tehran-gov": 0}
    problems = {p.source: (p.problem, p.detail) for p in digest.source_problems}
    assert problems == {"irna": ("failed", "HTTP 503 from irna.ir"), "tehran-gov": ("empty", "")}


def test_chart_series_covers_30_days(digest: Digest) -> None:
    series = digest.daily_commitments
    assert len(series) == 30 and max(series) == DAY and min(series) == DAY - timedelta(days=29)
    assert series[DAY] == 5  # 4 new + 1 restated
    assert series[DAY - timedelta(days=10)] == 1


def test_html_is_rtl_escaped_and_keeps_zwnj(digest: Digest) -> None:
    html = render_html(digest, chart_src="2026-11-21.png")
    assert '<html lang="fa" dir="rtl">' in html
    assert html.count("<table") == html.count('<table dir="rtl"') > 3
    assert "<script" not in html and EVIL not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert f"می{ZWNJ}کند" in html  # ZWNJ survives rendering
    assert (
        "۱۴۰۵/۰۹/۳۰" in html and ">\u200e2026-12-21\u200e<" in html
    )  # Jalali (Persian digits) and Gregorian
    assert "شنبه ۳۰ آبان ۱۴۰۵" in html
    assert 'src="2026-11-21.png"' in html


def test_text_and_json_alternatives(digest: Digest) -> None:
    text = render_text(digest)
    assert "علیرضا زاکانی — شهرداری تهران (۳)" in text
    assert f"مدرسه{ZWNJ}سازی" in text
    data = json.loads(render_json(digest))
    assert data["day"] == "2026-11-21" and data["day_jalali"] == "1405/08/30" and data["empty"] is False
    assert "\\u" not in render_json(digest)  # Persian as-is
    assert Digest.model_validate({k: v for k, v in data.items() if k != "empty"}) == digest


def test_empty_day_is_a_short_digest_not_an_error(store, settings: Settings) -> None:
    empty = build_digest(store, EMPTY_DAY, settings)
    assert empty.is_empty
    assert EMPTY_MESSAGE in render_html(empty) and EMPTY_MESSAGE in render_text(empty)
    assert "تعهدهای تازه" not in render_text(empty)
    assert json.loads(render_json(empty))["empty"] is True


def test_write_digest_files_and_rerun_is_idempotent(digest: Digest, tmp_path: Path) -> None:
    out = tmp_path / "digests"
    paths = write_digest(digest, out)
    names = sorted(p.name for p in paths)
    assert {"2026-11-21.html", "2026-11-21.png", "2026-11-21.txt", "2026-11-21.json"} <= set(names)
    assert all(p.stat().st_size > 0 for p in paths)
    before = {p.name: p.read_bytes() for p in paths if p.suffix != ".pdf"}
    again = write_digest(digest, out)
    assert sorted(p.name for p in again) == names
    assert {p.name: p.read_bytes() for p in again if p.suffix != ".pdf"} == before
    assert sorted(q.name for q in out.iterdir()) == names  # no temporary files left behind


def test_an_actor_that_is_the_speaker_is_not_an_organisation() -> None:
    # «... تا پایان سال افتتاح می‌کنیم» said by the mayor: the extractor names him as the actor; grouping
    # on it would split his promises into «زاکانی — زاکانی» and «زاکانی».
    from goftar.digest.build import commitment_item

    speaker = {"text": "زاکانی", "canonical_name": "علیرضا زاکانی", "kind": "person"}
    doc = {"id": "c1", "evidence": "افتتاح می‌کنیم", "speaker": speaker, "actor": "علیرضا زاکانی"}
    assert commitment_item(doc).organisation == ""
    assert commitment_item({**doc, "actor": "زاکانی"}).organisation == ""
    assert commitment_item({**doc, "actor": "شهرداری تهران"}).organisation == "شهرداری تهران"
    mayor = {"text": "شهردار", "kind": "role"}  # the mayor speaking; the municipality acting
    assert (
        commitment_item({**doc, "speaker": mayor, "actor": "شهرداری تهران"}).organisation == "شهرداری تهران"
    )
    assert commitment_item({**doc, "speaker": mayor, "actor": "شهردار تهران"}).organisation == ""


def test_a_silent_source_is_reported_in_persian(store, settings: Settings) -> None:
    # The day after DAY: isna published one article on DAY and nothing since.
    quiet = build_digest(store, DAY + timedelta(days=1), settings)
    isna = next(p for p in quiet.source_problems if p.source == "isna")
    assert isna.problem == "empty" and isna.previous_avg == pytest.approx(0.14)
    for page in (render_html(quiet), render_text(quiet)):
        assert "/day" not in page
        assert "میانگین ۷ روز پیش: ۰٫۱ خبر در روز" in page


def test_headline_labels_match_the_section_titles(digest: Digest) -> None:
    html = render_html(digest)
    labels = {m.key: m.label for m in digest.headline if m.key in ("due_soon", "overdue")}
    assert set(labels) == {"due_soon", "overdue"}
    for label in labels.values():
        assert f">{label}</h2>" in html


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(9999, 12, 25), date(1, 1, 1), date(622, 3, 22)])
def test_a_day_the_calendars_cannot_hold_is_a_clear_error(store, settings: Settings, day: date) -> None:
    from goftar.errors import ConfigError

    with pytest.raises(ConfigError, match="outside the supported calendar"):
        build_digest(store, day, settings)


def test_an_entity_name_is_one_line() -> None:
    # A mention that ran across the headline/body break («بوستان لاله\n\nمریم احمدی») split the text list.
    from goftar.digest.build import entity_trends

    trends = entity_trends([{"text": "بوستان لاله\n\nمریم احمدی", "label": "LOC", "articles": 1}], [])
    assert [t.name for t in trends["places"]] == ["بوستان لاله مریم احمدی"]


def test_the_press_named_in_attributions_is_not_who_was_in_the_news() -> None:
    """«به گزارش پایگاه خبری شهرداری …» names an outlet in almost every item: it topped the organisations."""
    from goftar.digest.build import entity_trends

    today = [
        {"text": "پایگاه خبری شهرداری تهران", "label": "ORG", "articles": 18},
        {"text": "خبرگزاری ایسنا", "label": "ORG", "articles": 9},
        {"text": "پایگاه اطلاع‌رسانی شهرداری مشهد", "label": "ORG", "articles": 4},
        {"text": "شورای شهر تهران", "label": "ORG", "articles": 3},
        {"text": "سازمان خبرگزاری‌ها", "label": "ORG", "articles": 2},  # an office, not an outlet's name
    ]
    names = [t.name for t in entity_trends(today, [])["organisations"]]
    assert names == ["شورای شهر تهران", "سازمان خبرگزاری‌ها"]


def test_gregorian_deadline_is_not_broken_across_lines(digest: Digest) -> None:
    # In a narrow table cell «(2026-12-24)» wrapped at its hyphens into «(2026-» and «12-24)».
    from goftar.digest.render import deadline_html

    (due,) = digest.due_soon
    assert "white-space:nowrap" in deadline_html(due)


def test_a_latin_source_name_does_not_swallow_the_date_after_it(digest: Digest) -> None:
    # «· hamshahri · ۱۴۰۵/۰۸/۳۰»: Persian digits after Latin letters join their left-to-right run and the
    # date was shown before the source; a right-to-left mark after the name keeps them in reading order.
    html = render_html(digest)
    assert "· hamshahri\u200f ·" in html or "· hamshahri&rlm; ·" in html


def test_empty_sources_are_said_in_text_too(store, settings: Settings) -> None:
    empty = build_digest(store, EMPTY_DAY, settings)
    assert not empty.sources and not empty.source_problems
    assert "گزارشی از گردآوری نیست." in render_text(empty)


def test_a_restated_promise_links_to_where_it_was_first_told(digest: Digest) -> None:
    (restated,) = digest.restated
    assert restated.first_link is not None
    assert restated.first_link.url == "https://hamshahri.example.ir/news/parking-first"
    assert 'href="https://hamshahri.example.ir/news/parking-first"' in render_html(digest)
    assert "https://hamshahri.example.ir/news/parking-first" in render_text(digest)


def test_a_watch_shows_its_filters_in_text_as_in_html(store, settings: Settings) -> None:
    from goftar.watches import add_watch

    add_watch(settings, "مترو زاکانی", "مترو", filters={"speaker": "زاکانی"})
    watched = build_digest(store, DAY, settings)
    assert "گوینده: زاکانی" in render_html(watched)
    assert "گوینده: زاکانی" in render_text(watched)


def test_an_output_folder_that_is_a_file_is_a_clear_error(digest: Digest, tmp_path: Path) -> None:
    from goftar.errors import GoftarError

    in_the_way = tmp_path / "digests"
    in_the_way.write_text("not a folder")
    with pytest.raises(GoftarError, match="cannot write the digest into"):
        write_digest(digest, in_the_way)


def test_an_archived_copy_is_linked_when_the_public_address_is_set(
    digest: Digest, settings: Settings
) -> None:
    import dataclasses

    from goftar.digest.build import commitment_item

    doc = {
        "id": "c1",
        "evidence": "تا پایان آذر ۱۰ ایستگاه افتتاح می‌شود",
        "article": {"url": "https://x.example.ir/n/1", "title": "مترو", "archive": "/var/a.warc.gz#0"},
    }
    assert commitment_item(doc, settings.archive_url).link.archive == ""  # GOFTAR_PUBLIC_URL unset
    public = dataclasses.replace(settings, public_url="https://goftar.example.org")
    archived = "https://goftar.example.org/archive?ref=%2Fvar%2Fa.warc.gz%230"
    assert commitment_item(doc, public.archive_url).link.archive == archived
    digest.due_soon[0].link.archive = archived
    assert f'href="{archived}"' in render_html(digest) and "نسخهٔ بایگانی" in render_html(digest)
    assert archived in render_text(digest)


def test_each_text_item_starts_on_its_own_line(digest: Digest) -> None:
    # A source line that ended in a block tag lost its newline (trim_blocks): the next quote ran on.
    for line in render_text(digest).splitlines():
        assert not ("منبع:" in line and "«" in line.split("منبع:", 1)[1]), line
        assert not ("مهلت:" in line and "http" in line and "«" in line.split("http", 1)[1]), line


def test_a_promise_published_long_before_it_was_crawled_says_when(store, settings: Settings) -> None:
    """An old article found today is new in today's digest, marked with its publication day, so an analyst
    does not read a promise from months ago as today's news; today's own items carry no such mark."""
    from digest_data import at, day_items

    metro, extraction = day_items()[0]
    url = metro.url + "-old"
    old = metro.model_copy(
        update={
            "url": url,
            "canonical_url": url,
            "published": at(DAY - timedelta(days=90), 8),
            "fetched": at(DAY, 8),
        }
    )
    store.upsert([(old, extraction)])
    digest = build_digest(store, DAY, settings)
    (item,) = [i for g in digest.new_commitments for i in g.items if i.link.url == url]
    text, html = render_text(digest), render_html(digest)
    assert "منتشرشده در ۱۴۰۵/۰۶/۰۱؛ تازه به دست گفتار رسید" in text
    assert "منتشرشده در ۱۴۰۵/۰۶/۰۱؛ تازه به دست گفتار رسید" in html
    assert text.count("تازه به دست گفتار رسید") == 1  # the day's own items are not marked


def test_a_source_whose_links_were_all_stored_already_is_not_quiet() -> None:
    """The demo's listing finds the ten articles the feed took a moment before: it is alive, with nothing
    new, and the digest must not call it «بی‌خبر»; a crawl that found nothing at all still is."""
    start = datetime(2026, 11, 23, 6, tzinfo=UTC)
    health = [
        CrawlHealth(source="feed", started=start, items=10),
        CrawlHealth(source="listing", started=start, items=0, seen=10),
        CrawlHealth(source="dead", started=start, items=0),
    ]
    problems = source_problems(health, {"feed": 10}, {"listing": 7})
    assert [(p.source, p.problem) for p in problems] == [("dead", "empty")]
