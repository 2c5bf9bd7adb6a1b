from __future__ import annotations

from datetime import UTC, date, datetime

from goftar.model import Article, Commitment, Deadline, Extraction, Quantity, Speaker, jalali_date


def _article(**kw: object) -> Article:
    base = dict(
        url="https://x.ir/n/1?utm_source=t",
        canonical_url="https://x.ir/n/1",
        source="pana",
        raw_text="متن",
        published=datetime(2021, 9, 17, 6, 30, tzinfo=UTC),
    )
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_article_json_round_trip_keeps_persian_and_derived_fields() -> None:
    article = _article(title="واکسیناسیون")
    data = article.to_json()
    assert data["title"] == "واکسیناسیون"
    assert data["published_jalali"] == "1400/06/26"
    assert Article.model_validate(data) == article


def test_article_id_follows_canonical_url_not_fetch_url() -> None:
    assert _article().id == _article(url="https://x.ir/n/1?utm_medium=rss").id
    assert _article().id != _article(canonical_url="https://x.ir/n/2").id


def test_content_hash_changes_with_collected_text_only() -> None:
    assert _article().content_hash == _article(text="نرمال").content_hash
    assert _article().content_hash != _article(raw_text="متن دیگر").content_hash


def test_jalali_date_uses_tehran_day_for_datetimes() -> None:
    # 21:00 UTC on 2021-09-30 is already 1 Mehr... 2021-10-01 01:30 in Tehran (UTC+3:30).
    assert jalali_date(datetime(2021, 9, 30, 21, 0, tzinfo=UTC)) == "1400/07/09"
    assert jalali_date(date(2021, 10, 2)) == "1400/07/10"


def test_commitment_round_trip_with_deadline_and_quantities() -> None:
    commitment = Commitment(
        speaker=Speaker(text="شهردار تهران", kind="role", canonical_name="علیرضا زاکانی"),
        action="افراد بالای ۱۸ سال را واکسینه کنیم",
        evidence="...",
        start=3,
        end=40,
        deadline=Deadline(text="۱۰ مهر ماه", start=date(2021, 10, 2), end=date(2021, 10, 2), kind="by"),
        quantities=[Quantity(text="۳۰۰ هزار دُز", value=300000, unit="دُز")],
        article_id="a1",
    )
    data = Extraction(text="t", commitments=[commitment]).to_json()
    assert data["commitments"][0]["deadline"]["end_jalali"] == "1400/07/10"
    assert Extraction.model_validate(data).commitments[0] == commitment
    assert commitment.speaker is not None and commitment.speaker.display == "علیرضا زاکانی"
