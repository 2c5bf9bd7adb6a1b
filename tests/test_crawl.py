"""Real crawls (Scrapy in its child process) against the fixture site served on 127.0.0.1."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from crawlers.archive import read_record
from crawlers.runner import CrawlReport, crawl
from goftar.model import Article, Source
from goftar.sample_site import serve
from goftar.settings import Settings

pytestmark = pytest.mark.slow
SITE = Path(__file__).parent / "fixtures" / "site"


def _settings(home: Path) -> Settings:
    return Settings.from_env(env={}, home=home, download_delay=0.0, log_level="INFO")


def _articles(report: CrawlReport) -> dict[str, Article]:
    lines = report.out.read_text(encoding="utf-8").splitlines()
    articles = [Article(**json.loads(line)) for line in lines]
    return {a.canonical_url.split("/", 3)[-1]: a for a in articles}


def _sources(base: str) -> list[Source]:
    return [
        Source(name="rss", kind="feed", start_urls=[f"{base}/feeds/rss"], tags={"city": "tehran"}),
        Source(name="atom", kind="feed", start_urls=[f"{base}/feeds/atom.xml"]),
        Source(name="listing", kind="listing", start_urls=[f"{base}/listing/"], max_pages=2),
        Source(name="telegram", kind="telegram", start_urls=[f"{base}/s/goftar_test"], max_pages=3),
    ]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("home")
    with serve(SITE) as base:
        sources = _sources(base)
        first = crawl(sources, home / "crawl" / "first.jsonl", _settings(home), allow_private=True)
        second = crawl(sources, home / "crawl" / "second.jsonl", _settings(home), allow_private=True)
    return {"first": first, "second": second, "articles": _articles(first), "home": home}


def test_feed_articles_are_extracted_with_dates_and_tags(crawled: dict[str, Any]) -> None:
    articles = crawled["articles"]
    brt = articles["news/102-brt.html"]  # reached through a 301 to the feed, utm_source stripped
    assert brt.source == "rss" and brt.source_tags == {"city": "tehran"}
    assert brt.title == "خط ویژه اتوبوس‌های تندرو تا پایان آذر راه‌اندازی می‌شود"
    assert brt.published is not None and brt.published.isoformat() == "2025-10-06T06:45:00+00:00"
    assert (
        "اتوبوس\u200cهای تندرو" in brt.raw_text and brt.text == ""
    )  # raw: normalising is the pipeline's job
    nastooh = articles["cms/nastooh.html"]
    assert nastooh.lead and nastooh.tags == ["هوای پاک", "شورای شهر"]


def test_windows_1256_article_ends_up_as_unicode(crawled: dict[str, Any]) -> None:
    article = crawled["articles"]["news/103-cp1256.html"]
    assert article.title.startswith("شهرداري: تعمير 20 پل عابر")
    assert "مي\u200cرسد" in article.raw_text


def test_bad_pages_are_counted_and_skipped(crawled: dict[str, Any]) -> None:
    health = {h.source: h for h in crawled["first"].health}
    rss = health["rss"]
    assert rss.errors == 3  # the 500, the redirect loop, the 10 MB page
    assert rss.empty == 2  # the page without a body and the English page
    urls = set(crawled["articles"])
    assert (
        not {"broken.html", "loop/a.html", "big.html", "news/104-empty.html", "news/105-english.html"} & urls
    )
    assert "private/secret.html" not in urls  # robots.txt disallows it
    assert health["atom"].errors == 0
    assert rss.items + health["atom"].items == 3 + 5  # good pages of both feeds, the other outlet's copy kept


def test_one_release_from_two_outlets_is_linked_to_its_first_copy(crawled: dict[str, Any]) -> None:
    articles = crawled["articles"]
    group = [
        articles[p]
        for p in ("news/101-park.html", "other/news/9001-park-copy.html", "other/news/9002-park-edited.html")
    ]
    assert (
        len({a.source for a in group}) == 2
    )  # a verbatim copy from another outlet is kept, as a second source
    roots = [a for a in group if a.duplicate_of is None]
    assert len(roots) == 1  # whichever copy the crawl met first …
    assert all(
        a.duplicate_of == roots[0].canonical_url for a in group if a is not roots[0]
    )  # … is everyone's link


def test_listing_pagination_stops_at_the_page_limit(crawled: dict[str, Any]) -> None:
    listed = sorted(k for k in crawled["articles"] if k.startswith("listing/"))
    assert listed == [
        "listing/items/301-bridge.html",
        "listing/items/302-lights.html",
        "listing/items/303-trees.html",
        "listing/items/304-bins.html",
    ]


def test_telegram_posts_with_views_and_paging(crawled: dict[str, Any]) -> None:
    posts = {k: a for k, a in crawled["articles"].items() if k.startswith("goftar_test/")}
    assert sorted(posts) == [
        "goftar_test/100",
        "goftar_test/101",
        "goftar_test/102",
        "goftar_test/103",
        "goftar_test/98",
    ]  # 99 is a photo without text
    assert posts["goftar_test/102"].views == 3_000_000
    assert posts["goftar_test/100"].raw_text.startswith("💠معاون شهردار:\n۵۰ دستگاه")
    assert {h.source: h for h in crawled["first"].health}["telegram"].empty == 1  # the empty third page


def test_every_article_is_archived_in_warc(crawled: dict[str, Any]) -> None:
    article = crawled["articles"]["news/102-brt.html"]
    # a file name in the archive folder, not a server path: shown to readers, exported, moved with the home
    assert article.archive and re.fullmatch(r"[\w-]+\.warc\.gz#\d+", article.archive), article.archive
    url, body = read_record(article.archive, crawled["home"] / "archive")
    assert url.endswith("/news/102-brt.html?utm_source=rss")
    assert "خط ویژه اتوبوس‌های تندرو".encode() in body


def test_rerun_fetches_nothing_new(crawled: dict[str, Any]) -> None:
    second = crawled["second"]
    assert second.articles == 0 and second.out.read_text(encoding="utf-8") == ""
    health = {h.source: h for h in second.health}
    assert health["rss"].message == "feed not modified since last crawl" and health["rss"].errors == 0
    assert all(h.items == 0 for h in second.health)


def test_sitemap_index_and_news_sitemap(tmp_path: Path) -> None:
    with serve(SITE) as base:
        source = Source(
            name="sitemap", kind="sitemap", start_urls=[f"{base}/sitemap_index.xml"], max_age_days=1000
        )
        report = crawl([source], tmp_path / "out.jsonl", _settings(tmp_path), allow_private=True)
    assert sorted(_articles(report)) == ["news/101-park.html", "news/102-brt.html"]  # 2019 pages are too old
    assert report.health[0].items == 2 and report.health[0].errors == 0


def test_private_addresses_are_refused_without_permission(tmp_path: Path) -> None:
    with serve(SITE) as base:
        source = Source(name="rss", kind="feed", start_urls=[f"{base}/feeds/rss.xml"])
        report = crawl([source], tmp_path / "out.jsonl", _settings(tmp_path))
    assert report.articles == 0 and report.health[0].errors == 1
    assert "private" in (report.health[0].message or "")
