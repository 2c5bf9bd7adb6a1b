"""A small hand-built corpus for the store, API and web tests (model objects built directly, no NLP).

Four articles from two sources: a promise by the mayor about vaccines (story ``s-vaccine``) restated
three days later, a council spokesman's hospital plan, an undated metro post, and an old article first
seen late. Texts are written for these tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from goftar.model import (
    Article,
    Commitment,
    Deadline,
    Entity,
    Extraction,
    Speaker,
    Statement,
)

MAYOR = Speaker(text="زاکانی", kind="person", canonical_id="Q-zakani", canonical_name="علیرضا زاکانی")
SPOKESMAN = Speaker(text="سخنگوی شورای شهر", kind="role")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _article(
    key: str,
    source: str,
    title: str,
    text: str,
    published: datetime | None,
    fetched: datetime,
    archive: str | None = None,
) -> Article:
    return Article(
        url=f"https://{source}.example/news/{key}",
        canonical_url=f"https://{source}.example/news/{key}",
        source=source,
        title=title,
        raw_text=text,
        text=text,
        published=published,
        fetched=fetched,
        archive=archive,
    )


def _commitment(
    article: Article,
    evidence: str,
    speaker: Speaker | None,
    *,
    polarity: str = "commit",
    deadline: Deadline | None = None,
    story: str | None = None,
    status: str = "open",
) -> Commitment:
    start = article.text.index(evidence)
    return Commitment(
        speaker=speaker,
        action=evidence,
        evidence=evidence,
        polarity=polarity,  # type: ignore[arg-type]
        deadline=deadline,
        start=start,
        end=start + len(evidence),
        article_id=article.id,
        story_id=story,
        status=status,
    )  # type: ignore[arg-type]


def _entity(article: Article, text: str, label: str, **kw: str) -> Entity:
    start = article.text.index(text)
    return Entity(text=text, label=label, start=start, end=start + len(text), **kw)  # type: ignore[arg-type]


def vaccine_article() -> tuple[Article, Extraction]:
    evidence = "شهرداری تهران تا پایان سال واکسن‌ها را در همه مناطق توزیع می‌کند"
    text = f"شهردار تهران گفت: {evidence}. علیرضا زاکانی این را در جلسه شورای شهر تهران گفت."
    art = _article(
        "vaccine-1",
        "hamshahri",
        "توزیع واکسن در تهران",
        text,
        datetime(2024, 7, 20, 8, 0, tzinfo=UTC),
        datetime(2024, 7, 20, 9, 0, tzinfo=UTC),
        archive="hamshahri-20240720.warc.gz#1024",
    )
    c = _commitment(
        art,
        evidence,
        MAYOR,
        story="s-vaccine",
        deadline=Deadline(text="تا پایان سال", end=date(2025, 3, 20), kind="by"),
    )
    s = Statement(
        quote=evidence, speaker=MAYOR, reporting_verb="گفت", start=c.start, end=c.end, article_id=art.id
    )
    ents = [
        _entity(art, "شهرداری تهران", "ORG"),
        _entity(art, "علیرضا زاکانی", "PER", canonical_id="Q-zakani"),
        _entity(art, "شورای شهر تهران", "ORG"),
        _entity(art, "تهران", "LOC"),
    ]
    return art, Extraction(text=text, entities=ents, statements=[s], commitments=[c])


def restated_article() -> tuple[Article, Extraction]:
    first = "توزیع واکسنی رایگان در مدارس تا پایان سال ادامه دارد"
    second = "ساخت ۱۰ بیمارستان جدید در مشهد تا سال آینده آغاز می‌شود"
    text = f"زاکانی گفت {first}. سخنگوی شورای شهر گفت {second}."
    art = _article(
        "vaccine-2",
        "isna",
        "ادامه واکسیناسیون و بیمارستان‌های تازه",
        text,
        datetime(2024, 7, 23, 6, 30, tzinfo=UTC),
        datetime(2024, 7, 23, 7, 0, tzinfo=UTC),
    )
    c1 = _commitment(
        art,
        first,
        MAYOR,
        story="s-vaccine",
        deadline=Deadline(text="تا پایان سال", end=date(2025, 3, 20), kind="by"),
    )
    c2 = _commitment(
        art,
        second,
        SPOKESMAN,
        polarity="intend",
        deadline=Deadline(text="تا سال آینده", start=date(2025, 3, 21), end=date(2026, 3, 20), kind="within"),
    )
    ents = [_entity(art, "مشهد", "LOC"), _entity(art, "شورای شهر", "ORG", canonical_name="شورای شهر تهران")]
    return art, Extraction(text=text, entities=ents, commitments=[c1, c2])


def metro_post() -> tuple[Article, Extraction]:
    evidence = "خط ۱۰ مترو تا ۱۵ مرداد افتتاح خواهد شد " + HOSTILE
    text = f"مدیرعامل مترو: {evidence}"
    art = _article(
        "metro-post", "isna", "مترو " + HOSTILE, text, None, datetime(2024, 7, 23, 12, 0, tzinfo=UTC)
    )
    c = _commitment(
        art,
        evidence,
        Speaker(text="مدیرعامل مترو " + HOSTILE, kind="role"),
        deadline=Deadline(text="تا ۱۵ مرداد", end=date(2024, 8, 5), kind="by"),
    )
    return art, Extraction(text=text, entities=[_entity(art, "مترو", "ORG")], commitments=[c])


def old_article() -> tuple[Article, Extraction]:
    evidence = "پل عابر پیاده میدان انقلاب با برنامه‌ریزی آتش‌نشانی تا هفته آینده بازگشایی می‌شود"
    text = f"معاون فنی شهرداری گفت {evidence}."
    art = _article(
        "bridge",
        "hamshahri",
        "پل عابر پیاده",
        text,
        datetime(2024, 6, 1, 10, 0, tzinfo=UTC),
        datetime(2024, 7, 23, 15, 0, tzinfo=UTC),
    )
    c = _commitment(
        art,
        evidence,
        Speaker(text="معاون فنی شهرداری", kind="role"),
        polarity="hope",
        deadline=Deadline(text="تا هفته آینده", end=date(2024, 6, 8), kind="by"),
    )
    return art, Extraction(text=text, entities=[_entity(art, "میدان انقلاب", "FAC")], commitments=[c])


def corpus() -> list[tuple[Article, Extraction]]:
    """All four articles, in crawl order."""
    return [vaccine_article(), restated_article(), metro_post(), old_article()]
