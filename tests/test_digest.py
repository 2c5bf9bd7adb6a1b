"""The digest's content, renderings and files, on a fixture month stored in a real SqliteStore."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from digest_data import DAY, EMPTY_DAY, EVIL, filled_store

from goftar.digest import Digest, build_digest, write_digest
from goftar.digest.render import EMPTY_MESSAGE, render_html, render_json, render_text
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
