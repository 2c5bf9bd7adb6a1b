"""Fixture data for the digest tests: a month of made-up municipal news around one day, built from
``goftar.model`` objects and stored in a real ``SqliteStore``.

The day is 2026-11-21 (Saturday 30 Aban 1405). Times are chosen to sit on both sides of Tehran midnight
(UTC+03:30), so a digest that used UTC days would get the counts wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from goftar.model import Article, Commitment, CrawlHealth, Deadline, Entity, Extraction, Quantity, Speaker

DAY = date(2026, 11, 21)
EMPTY_DAY = date(2026, 12, 25)
ZAKANI = Speaker(text="زاکانی", kind="person", canonical_name="علیرضا زاکانی", canonical_id="per:zakani")
CHAMRAN = Speaker(text="چمران", kind="person", canonical_name="مهدی چمران", canonical_id="per:chamran")
MUNICIPALITY = "شهرداری تهران"
COUNCIL = "شورای شهر تهران"
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A UTC moment on ``day`` (UTC calendar)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def article(
    source: str, slug: str, published: datetime, title: str, text: str, url: str | None = None
) -> Article:
    url = url or f"https://{source}.example.ir/news/{slug}"
    return Article(
        url=url,
        canonical_url=url,
        source=source,
        title=title,
        published=published,
        raw_text=text,
        text=text,
        fetched=published + timedelta(minutes=5),
    )


def commitment(
    text: str,
    evidence: str,
    speaker: Speaker | None,
    actor: str | None = None,
    deadline: Deadline | None = None,
    quantities: list[Quantity] | None = None,
    story_id: str | None = None,
    action: str = "",
) -> Commitment:
    start = text.index(evidence)
    return Commitment(
        speaker=speaker,
        actor=actor,
        action=action or evidence,
        evidence=evidence,
        deadline=deadline,
        quantities=quantities or [],
        story_id=story_id,
        start=start,
        end=start + len(evidence),
    )


def entities(text: str, names: list[tuple[str, str]]) -> list[Entity]:
    out = []
    for name, label in names:
        start = text.find(name)
        if start >= 0:
            out.append(Entity(text=name, label=label, start=start, end=start + len(name)))  # type: ignore[arg-type]
    return out


def item(
    art: Article, commitments: list[Commitment], names: list[tuple[str, str]]
) -> tuple[Article, Extraction]:
    return art, Extraction(text=art.text, entities=entities(art.text, names), commitments=commitments)


PEOPLE_PLACES = [
    ("زاکانی", "PER"),
    ("چمران", "PER"),
    (MUNICIPALITY, "ORG"),
    (COUNCIL, "ORG"),
    ("منطقه ۲۲", "LOC"),
]


def day_items() -> list[tuple[Article, Extraction]]:
    """The news of DAY (Tehran): three from hamshahri, one from isna, plus one just after midnight."""
    metro = (
        "زاکانی گفت: ساخت ۱۰ ایستگاه تازهٔ مترو تا پایان سال ۱۴۰۵ به بهره‌برداری می‌رسد."
        " این کار در منطقه ۲۲ است."
    )
    roads = "زاکانی افزود: شهرداری تهران بهسازی ۵۰ کیلومتر از معابر را تا پایان آذر تمام می‌کند."
    budget = "چمران، رئیس شورای شهر تهران گفت: بودجهٔ ۲۰۰ میلیارد تومانی برای مدرسه‌سازی تصویب می‌شود."
    restated = "زاکانی دوباره گفت: ساخت پارکینگ طبقاتی منطقه ۲۲ تا پایان سال انجام می‌شود."
    evil = f"خبر آزمایشی {EVIL} زاکانی گفت: پل عابر پیاده در منطقه ۲۲ ساخته می‌شود."
    return [
        # 00:40 Tehran on DAY is still 21:10 UTC of the day before.
        item(
            article("hamshahri", "metro", at(DAY - timedelta(days=1), 21, 10), "۱۰ ایستگاه تازهٔ مترو", metro),
            [
                commitment(
                    metro,
                    "ساخت ۱۰ ایستگاه تازهٔ مترو تا پایان سال ۱۴۰۵ به بهره‌برداری می‌رسد",
                    ZAKANI,
                    MUNICIPALITY,
                    Deadline(text="تا پایان سال ۱۴۰۵", end=date(2027, 3, 20), kind="by"),
                    [Quantity(text="۱۰ ایستگاه", value=10, unit="ایستگاه")],
                )
            ],
            PEOPLE_PLACES,
        ),
        item(
            article("hamshahri", "roads", at(DAY, 8), "بهسازی معابر", roads),
            [
                commitment(
                    roads,
                    "بهسازی ۵۰ کیلومتر از معابر را تا پایان آذر تمام می‌کند",
                    ZAKANI,
                    MUNICIPALITY,
                    Deadline(text="تا پایان آذر", end=date(2026, 12, 21), kind="by"),
                    [Quantity(text="۵۰ کیلومتر", value=50, unit="کیلومتر")],
                )
            ],
            PEOPLE_PLACES,
        ),
        item(
            article("isna", "budget", at(DAY, 10), "بودجهٔ مدرسه‌سازی", budget),
            [
                commitment(
                    budget,
                    "بودجهٔ ۲۰۰ میلیارد تومانی برای مدرسه‌سازی تصویب می‌شود",
                    CHAMRAN,
                    COUNCIL,
                    quantities=[Quantity(text="۲۰۰ میلیارد تومان", value=2e11, unit="تومان")],
                )
            ],
            PEOPLE_PLACES,
        ),
        # 23:50 Tehran on DAY is 20:20 UTC: still DAY.
        item(
            article("hamshahri", "parking", at(DAY, 20, 20), "پارکینگ طبقاتی", restated),
            [
                commitment(
                    restated,
                    "ساخت پارکینگ طبقاتی منطقه ۲۲ تا پایان سال انجام می‌شود",
                    ZAKANI,
                    MUNICIPALITY,
                    Deadline(text="تا پایان سال", end=date(2027, 3, 20), kind="by"),
                    story_id="story-parking",
                )
            ],
            PEOPLE_PLACES,
        ),
        item(
            article("evil", "xss", at(DAY, 12), f"عنوان {EVIL}", evil, url="javascript:alert(1)"),
            [commitment(evil, "پل عابر پیاده در منطقه ۲۲ ساخته می‌شود", ZAKANI, MUNICIPALITY)],
            PEOPLE_PLACES,
        ),
    ]


def other_items() -> list[tuple[Article, Extraction]]:
    """The month around DAY: last week's news, older promises now due or overdue, and the next day."""
    items = []
    for back in range(1, 8):
        day = DAY - timedelta(days=back)
        text = f"خبر روز {back}: چمران گفت شورای شهر تهران طرح {back} را بررسی می‌کند."
        items.append(
            item(
                article("tehran-gov", f"week-{back}", at(day, 9), f"خبر {back}", text),
                [commitment(text, f"طرح {back} را بررسی می‌کند", CHAMRAN, COUNCIL)],
                PEOPLE_PLACES,
            )
        )
    first = "زاکانی گفت: ساخت پارکینگ طبقاتی منطقه ۲۲ تا پایان سال انجام می‌شود."
    items.append(
        item(
            article("hamshahri", "parking-first", at(DAY - timedelta(days=10), 9), "پارکینگ", first),
            [
                commitment(
                    first,
                    "ساخت پارکینگ طبقاتی منطقه ۲۲ تا پایان سال انجام می‌شود",
                    ZAKANI,
                    MUNICIPALITY,
                    Deadline(text="تا پایان سال", end=date(2027, 3, 20), kind="by"),
                    story_id="story-parking",
                )
            ],
            PEOPLE_PLACES,
        )
    )
    due = "شهرداری تهران وعده داد: بازگشایی بوستان ولایت تا سه روز دیگر انجام می‌شود."
    items.append(
        item(
            article("isna", "park", at(DAY - timedelta(days=20), 9), "بوستان", due),
            [
                commitment(
                    due,
                    "بازگشایی بوستان ولایت تا سه روز دیگر انجام می‌شود",
                    None,
                    MUNICIPALITY,
                    Deadline(text="تا سه روز دیگر", end=DAY + timedelta(days=3), kind="by"),
                )
            ],
            [(MUNICIPALITY, "ORG")],
        )
    )
    late = "چمران گفت: لایحهٔ حمل‌ونقل عمومی تا پایان مهر به شورا می‌رسد."
    items.append(
        item(
            article("isna", "late", at(DAY - timedelta(days=40), 9), "لایحه", late),
            [
                commitment(
                    late,
                    "لایحهٔ حمل‌ونقل عمومی تا پایان مهر به شورا می‌رسد",
                    CHAMRAN,
                    COUNCIL,
                    Deadline(text="تا پایان مهر", end=DAY - timedelta(days=5), kind="by"),
                )
            ],
            PEOPLE_PLACES,
        )
    )
    nxt = "زاکانی گفت: نوسازی ناوگان اتوبوس از فردا آغاز می‌شود."
    # 00:30 Tehran on the day after DAY: must not be in DAY's digest.
    items.append(
        item(
            article("hamshahri", "next-day", at(DAY, 21, 0), "اتوبوس", nxt),
            [commitment(nxt, "نوسازی ناوگان اتوبوس از فردا آغاز می‌شود", ZAKANI, MUNICIPALITY)],
            PEOPLE_PLACES,
        )
    )
    return items


def crawl_health() -> list[CrawlHealth]:
    return [
        CrawlHealth(source="hamshahri", started=at(DAY, 6), finished=at(DAY, 6, 5), items=4),
        CrawlHealth(
            source="irna",
            started=at(DAY, 6),
            finished=at(DAY, 6, 1),
            items=0,
            errors=3,
            message="HTTP 503 from irna.ir",
        ),
        CrawlHealth(source="tehran-gov", started=at(DAY, 6), finished=at(DAY, 6, 1), items=0),
    ]


def fill(store: object) -> None:
    """Put the whole fixture month into ``store``."""
    store.upsert(day_items() + other_items())  # type: ignore[attr-defined]
    for record in crawl_health():
        store.record_crawl(record)  # type: ignore[attr-defined]


def filled_store(settings: object) -> object:
    """A SqliteStore under the settings' GOFTAR_HOME holding the fixture month."""
    from index.sqlite import SqliteStore

    store = SqliteStore.open(settings.db_path, timezone=settings.timezone)  # type: ignore[attr-defined]
    fill(store)
    return store
