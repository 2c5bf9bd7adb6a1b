"""Bad input, each with a clear logged error (or a documented, harmless reading) and the run going on:
invalid UTF-8, mixed encodings, truncated HTML, feeds that are not XML, days that do not exist, absurd
numbers, 100,000-character paragraphs, text without Persian, and a sources file with mistakes."""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler

from crawlers.extract import extract_page
from crawlers.sources import load_sources
from crawlers.spiders.feed import FeedSpider
from goftar.errors import SourceError
from goftar.model import Article, Source
from goftar.pipeline import ingest_file
from goftar.settings import Settings
from index.sqlite import SqliteStore

GOOD = "شهردار تهران گفت: ساخت ۱۰ ایستگاه مترو تا پایان سال ۱۴۰۴ به پایان می‌رسد."
SOURCE = Source(name="t", kind="feed", start_urls=["https://example.ir/rss"])


def _line(slug: str, text: str, title: str = "خبر") -> str:
    url = f"https://example.ir/news/{slug}"
    article = Article(
        url=url,
        canonical_url=url,
        source="t",
        title=title,
        raw_text=text,
        published=datetime(2025, 1, 10, tzinfo=UTC),
    )
    return json.dumps(article.to_json(), ensure_ascii=False)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One crawl file holding every kind of bad article (and broken lines), ingested once."""
    folder = tmp_path_factory.mktemp("bad")
    lines = [
        _line("good", GOOD).encode("utf-8"),
        b"{not json at all",
        _line("truncated", GOOD)[:60].encode("utf-8"),  # a line cut mid-write
        _line("badutf8", "PLACEHOLDER")
        .encode("utf-8")
        .replace(b"PLACEHOLDER", b"\xff\xfe\xc3(" + GOOD.encode()),
        _line("mixed", GOOD + " " + GOOD.encode("utf-8").decode("cp1256", errors="replace")).encode("utf-8"),
        _line("nodate", "شهردار گفت: پل تا ۳۱ اسفند ۱۴۰۳ افتتاح می‌شود.").encode("utf-8"),
        _line("absurd", "شهردار گفت: " + "۹" * 400 + " میلیارد تومان تا پایان سال هزینه می‌شود.").encode(),
        _line("long", "شهردار گفت " + "ساخت پل تمام می‌شود و " * 4600).encode("utf-8"),
        _line("english", "The mayor said the bridge will open by March. " * 20, title="News").encode(),
        b'{"url": "https://example.ir/x", "source": 5}',  # valid JSON, not an article
    ]
    path = folder / "crawl.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    store = SqliteStore.open(folder / "store.sqlite3")
    logger = logging.getLogger("goftar.pipeline")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        report = ingest_file(path, store)
    finally:
        logger.removeHandler(handler)
    return {"report": report, "store": store, "logs": records, "path": path}


def test_broken_lines_are_logged_with_their_line_number_and_skipped(ingested: dict[str, Any]) -> None:
    report = ingested["report"]
    assert report.bad_lines == 3 and report.failed == []
    warnings = [r.getMessage() for r in ingested["logs"] if r.levelno >= logging.WARNING]
    for lineno in (2, 3, 10):
        assert any(f"crawl.jsonl:{lineno}: skipped a malformed article line" in w for w in warnings)


def test_every_readable_article_is_indexed_despite_bad_neighbours(ingested: dict[str, Any]) -> None:
    report, store = ingested["report"], ingested["store"]
    assert report.seen == 7 and report.indexed == 7
    assert store.counts()["articles"] == 7


def test_invalid_utf8_is_replaced_not_fatal(ingested: dict[str, Any]) -> None:
    store = ingested["store"]
    article = store.get_article(
        Article(url="u", canonical_url="https://example.ir/news/badutf8", source="t", raw_text="x").id
    )
    assert article is not None and "\ufffd" in article.raw_text and "ایستگاه" in article.text


def test_a_paragraph_of_100000_characters_is_extracted(ingested: dict[str, Any]) -> None:
    article = ingested["store"].get_article(
        Article(url="u", canonical_url="https://example.ir/news/long", source="t", raw_text="x").id
    )
    assert article is not None and len(article.text) > 100_000


def test_text_with_no_persian_yields_no_commitments(ingested: dict[str, Any]) -> None:
    from index.base import SearchQuery

    hits = ingested["store"].search(SearchQuery(source="t", size=100)).hits
    assert not [h for h in hits if h.doc.get("article", {}).get("url", "").endswith("/english")]


def test_absurd_numbers_do_not_break_the_json_api(ingested: dict[str, Any], settings: Settings) -> None:
    from goftar.api import create_app

    with TestClient(create_app(settings, ingested["store"])) as client:
        response = client.get("/api/search", params={"q": "هزینه", "size": 100})
        assert response.status_code == 200

        def refuse(token: str) -> None:
            raise AssertionError(f"{token} is not JSON: a strict client cannot read this response")

        body = json.loads(response.text, parse_constant=refuse)
        assert body["hits"]  # the commitment with the absurd amount is still found …
        values = [q["value"] for h in body["hits"] for q in h["quantities"]]
        assert all(math.isfinite(v) and v <= 1e18 for v in values)  # … but the amount is refused


def test_absurd_numbers_are_refused_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    from nlp.numbers import parse_quantity

    with caplog.at_level(logging.WARNING):
        quantity = parse_quantity("۹" * 400 + " میلیارد تومان")
    assert quantity is None or math.isfinite(quantity.value)
    assert "۹۹۹" in caplog.text or "999" in caplog.text


def test_a_day_that_does_not_exist_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    from nlp.dates import resolve_deadline

    with caplog.at_level(logging.INFO):
        resolve_deadline("تا ۳۱ اسفند ۱۴۰۳", date(2025, 1, 1))
    assert "۳۱ اسفند ۱۴۰۳" in caplog.text or "1403/12/31" in caplog.text


def test_a_day_that_does_not_exist_never_becomes_a_wrong_later_day() -> None:
    from nlp.dates import resolve_deadline

    deadline = resolve_deadline("تا ۳۱ اسفند ۱۴۰۳", date(2025, 1, 1))
    assert deadline is None or deadline.end is None or deadline.end <= date(2025, 3, 20)  # 30 Esfand 1403


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>خبر</title></head><body><article><p>شهردار گفت ساخت پل",  # truncated
        "<html><body><div><p>" + GOOD * 3 + "</div></span></p></body></html></html>",  # misnested
        "\x00\x01<html>\ufffd<body>" + GOOD,
        "",
        "<" * 5000,
        "<html><body><table>" + "<tr><td>" * 2000 + GOOD,
    ],
)
def test_broken_html_gives_a_page_or_none(html: str) -> None:
    page = extract_page(html, "https://example.ir/news/1", SOURCE)
    assert page is None or isinstance(page.body, str)


def _feed_spider() -> FeedSpider:
    crawler = get_crawler(FeedSpider)
    return FeedSpider.from_crawler(crawler, source=SOURCE)


@pytest.mark.parametrize(
    "body,cls",
    [
        (b"<html><body>Not a feed: 404 page</body></html>", HtmlResponse),
        (b"<?xml version='1.0'?><rss><channel><item><title>", XmlResponse),  # truncated
        (b'{"items": []}', HtmlResponse),
        (b"\xff\xfe\x00garbage", XmlResponse),
    ],
)
def test_a_feed_that_is_not_xml_is_logged_and_counted(
    body: bytes, cls: type, caplog: pytest.LogCaptureFixture
) -> None:
    spider = _feed_spider()
    url = "https://example.ir/rss"
    response = cls(url=url, body=body, request=Request(url), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert list(spider.parse_feed(response)) == []
    assert "no entries in feed https://example.ir/rss" in caplog.text
    assert spider.crawler.stats.get_value("goftar/errors") == 1


@pytest.mark.parametrize(
    "yaml_text,line,field",
    [
        ("sources:\n  - name: a\n    kind: rss\n    start_urls: ['https://a.ir/rss']\n", 3, "kind"),
        ("sources:\n  - name: a\n    kind: feed\n    start_urls: 'https://a.ir/rss'\n", 4, "start_urls"),
        (
            "sources:\n  - name: a\n    kind: feed\n    start_urls: ['https://a.ir']\n    max_pages: many\n",
            5,
            "max_pages",
        ),
        (
            "sources:\n  - name: a\n    kind: feed\n    start_urls: ['https://a.ir']\n"
            "  - name: a\n    kind: feed\n    start_urls: ['https://b.ir']\n",
            5,
            "name",
        ),
    ],
)
def test_a_sources_file_with_mistakes_names_line_and_field(
    tmp_path: Path, yaml_text: str, line: int, field: str
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_sources(path)
    message = str(err.value)
    assert f"{path}:{line}" in message and f"'{field}'" in message


def test_a_sources_file_that_is_not_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: a\n    kind: [feed\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sources\.yaml:\d+: not valid YAML"):
        load_sources(path)


def test_the_cli_reads_invalid_utf8_from_stdin() -> None:
    from typer.testing import CliRunner

    from goftar.cli import app

    result = CliRunner().invoke(app, ["normalize"], input=b"\xff\xfe" + "كتاب ها".encode())
    assert result.exit_code == 0 and "کتاب\u200cها" in result.output
