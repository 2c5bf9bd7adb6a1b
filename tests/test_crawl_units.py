"""Crawler parts without a network: callbacks on hand-built responses, extraction, dates, dedup, safety."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from parsel import Selector
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawlers.cms import detect_family
from crawlers.dedup import exact_key, minhash, similarity
from crawlers.extract import extract_page
from crawlers.pagedates import page_published, parse_any
from crawlers.safety import PrivateAddressMiddleware
from crawlers.seen import SeenStore, canonical_url
from crawlers.spiders.feed import feed_entries
from crawlers.spiders.listing import ListingSpider
from crawlers.spiders.sitemap import parse_sitemap
from crawlers.spiders.telegram import channel_posts, parse_views
from goftar.model import Source
from goftar.sample_site import render_tokens, serve

SITE = Path(__file__).parent / "fixtures" / "site"
FA = Source(name="t", kind="article", start_urls=["http://example.ir/"])
ZWNJ = "\u200c"


def read(rel: str) -> str:
    return (SITE / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱۴۰۰/۰۷/۰۲ - ۱۲:۳۰", datetime(2021, 9, 24, 9, 0, tzinfo=UTC)),  # DST had just ended: +03:30
        ("۲ مهر ۱۴۰۰", datetime(2021, 9, 23, 20, 30, tzinfo=UTC)),
        ("دوشنبه ۱۴ مهرماه ۱۴۰۴", datetime(2025, 10, 5, 20, 30, tzinfo=UTC)),  # no DST since 2022: +03:30
        ("تاریخ انتشار: ۲۶ شهریور ۱۴۰۰ ساعت ۱۱:۲۰", datetime(2021, 9, 17, 6, 50, tzinfo=UTC)),  # DST: +04:30
        ("2021-09-17T11:20:00+04:30", datetime(2021, 9, 17, 6, 50, tzinfo=UTC)),
        ("Fri, 17 Sep 2021 06:50:00 GMT", datetime(2021, 9, 17, 6, 50, tzinfo=UTC)),
    ],
)
def test_publication_dates_to_utc(text: str, expected: datetime) -> None:
    assert parse_any(text) == expected


def test_page_date_prefers_json_ld_over_text() -> None:
    sel = Selector(text=read("news/101-park.html"))
    assert page_published(sel) == datetime(2025, 10, 6, 6, 0, tzinfo=UTC)
    assert parse_any("no date here") is None


def test_feed_entries_rss_and_atom() -> None:
    rss = list(feed_entries(read("feeds/rss.xml")))
    assert len(rss) == 9 and rss[0]["link"].endswith("/news/101-park.html?utm_source=rss")
    assert rss[0]["published"] == datetime(2025, 10, 6, 6, 0, tzinfo=UTC)
    atom = list(feed_entries(read("feeds/atom.xml")))
    assert [e["link"].rsplit("/", 1)[-1] for e in atom][:3] == [
        "nastooh.html",
        "asam.html",
        "iransamaneh.html",
    ]
    assert atom[0]["title"] == "نستوه"


def test_news_sitemap_and_index() -> None:
    children, urls = parse_sitemap(read("sitemap_index.xml"))
    assert len(children) == 2 and urls == []
    _, urls = parse_sitemap(render_tokens(read("sitemaps/news.xml"), "http://h"))
    assert [u["loc"] for u in urls][:2] == ["http://h/news/101-park.html", "http://h/news/102-brt.html"]
    assert urls[0]["published"] is not None and urls[0]["title"].startswith("ساخت سه بوستان")


def test_listing_callback_yields_articles_then_next_page() -> None:
    crawler = get_crawler(ListingSpider)
    spider = ListingSpider.from_crawler(
        crawler, source=Source(name="l", kind="listing", start_urls=["http://site.ir/listing/"])
    )
    spider.store = None  # callback logic only: no persistent state
    body = render_tokens(read("listing/index.html"), "http://site.ir").encode("utf-8")
    response = HtmlResponse("http://site.ir/listing/", body=body, encoding="utf-8")
    out = list(spider.parse_listing(response, page=1))
    urls = [r.url for r in out]
    assert urls == [
        "http://site.ir/listing/items/301-bridge.html",
        "http://site.ir/listing/items/302-lights.html",
        "http://site.ir/listing/page-2.html",
    ]
    assert out[-1].cb_kwargs == {"page": 2}
    assert list(spider.parse_listing(response, page=5))[-1].url.endswith("302-lights.html")  # depth limit


def test_telegram_preview_posts() -> None:
    posts = list(
        channel_posts(Selector(text=render_tokens(read("telegram/page1.html"), "http://h")), "http://h")
    )
    assert [p["id"] for p in posts] == [101, 102, 103]
    assert posts[1]["text"] == "💠شهردار:\nلایروبی همه مسیل‌ها تا ۱۵ آذر به پایان می‌رسد."
    assert posts[1]["link"] == "https://t.me/goftar_test/102" and posts[1]["views"] == 3_000_000
    assert posts[0]["published"] is not None
    assert parse_views("1.2K") == 1200 and parse_views("845") == 845 and parse_views("") is None


@pytest.mark.parametrize(
    ("page", "family", "title", "surtitle", "lead", "tags", "date"),
    [
        (
            "cms/nastooh.html",
            "nastooh",
            "سامانه پایش هوای پاک تا پایان سال در همه مناطق فعال می‌شود",
            "شهردار تهران در جلسه شورا:",
            "شهردار از گسترش",
            ["هوای پاک", "شورای شهر"],
            datetime(2025, 9, 24, 9, 0, tzinfo=UTC),
        ),
        (
            "cms/asam.html",
            "asam",
            "بهره‌برداری از ۱۰ سرای محله جدید تا خرداد",
            "معاون شهردار خبر داد",
            "معاون اجتماعی",
            ["سرای محله", "مدیریت محله"],
            datetime(2025, 9, 24, 5, 15, tzinfo=UTC),
        ),
        (
            "cms/iransamaneh.html",
            "iransamaneh",
            "۱۵ ایستگاه آتش‌نشانی جدید تا پایان سال ۱۴۰۵ ساخته می‌شود",
            "رئیس سازمان آتش‌نشانی:",
            "رئیس سازمان",
            ["آتش‌نشانی", "ایمنی شهری"],
            datetime(2025, 10, 6, 7, 50, tzinfo=UTC),
        ),
    ],
)
def test_cms_family_extractors(
    page: str, family: str, title: str, surtitle: str, lead: str, tags: list[str], date: datetime
) -> None:
    html = read(page)
    assert detect_family(html) is not None and detect_family(html).name == family
    result = extract_page(html, "http://x.ir/a", FA.model_copy(update={"cms": family}))
    assert result is not None and result.method == family
    assert (result.title, result.surtitle, result.tags, result.published) == (title, surtitle, tags, date)
    assert result.lead and result.lead.startswith(lead)
    assert "var ad" not in result.body and result.body.count("\n\n") == 1


def test_trafilatura_path_keeps_zwnj_and_drops_repeated_headline() -> None:
    result = extract_page(read("news/102-brt.html"), "http://x.ir/102", FA)
    assert result is not None and result.method == "trafilatura"
    assert f"اتوبوس{ZWNJ}های تندرو" in result.body and f"می{ZWNJ}یابد" in result.body
    assert not result.body.startswith(result.title)
    assert result.published == datetime(2025, 10, 6, 6, 45, tzinfo=UTC)


def test_source_selectors_win() -> None:
    source = FA.model_copy(update={"selectors": {"title": "h1", "body": "article", "date": ".news-date"}})
    result = extract_page(read("news/102-brt.html"), "http://x.ir/102", source)
    assert result is not None and result.method == "selectors" and "خط ویژه" in result.body


def test_pages_without_body_or_in_english_are_skipped() -> None:
    assert extract_page(read("news/104-empty.html"), "http://x.ir/104", FA) is None
    assert extract_page(read("news/105-english.html"), "http://x.ir/105", FA) is None
    english = FA.model_copy(update={"language": "en"})
    assert extract_page(read("news/105-english.html"), "http://x.ir/105", english) is not None


def test_windows_1256_page_decodes_to_unicode() -> None:
    raw = (SITE / "news/103-cp1256.html").read_bytes()
    response = HtmlResponse(
        "http://x.ir/103", body=raw, headers={"Content-Type": "text/html; charset=windows-1256"}
    )
    result = extract_page(response.text, response.url, FA)
    assert result is not None
    assert result.title == "شهرداري: تعمير 20 پل عابر پياده تا پايان سال"
    assert f"مي{ZWNJ}رسد" in result.body


def test_canonical_url_strips_tracking_and_sorts() -> None:
    assert (
        canonical_url("HTTP://News.IR:80/a/b/?utm_source=rss&id=2&fbclid=x&a=1#top")
        == "http://news.ir/a/b?a=1&id=2"
    )
    assert canonical_url("https://t.me/s/x?before=10") == "https://t.me/s/x?before=10"


def test_dedup_exact_ignores_spelling_variants_and_near_finds_edits() -> None:
    text = read("news/101-park.html")
    body = extract_page(text, "http://x.ir/101", FA).body  # type: ignore[union-attr]
    variant = body.replace("ی", "ي").replace(ZWNJ, " ")
    assert exact_key(body) == exact_key(variant)
    edited = extract_page(read("other/news/9002-park-edited.html"), "http://y.ir/9002", FA).body  # type: ignore[union-attr]
    assert exact_key(edited) != exact_key(body)
    assert similarity(minhash(body), minhash(edited)) >= 0.5
    other = extract_page(read("news/102-brt.html"), "http://x.ir/102", FA).body  # type: ignore[union-attr]
    assert similarity(minhash(body), minhash(other)) < 0.2


def test_seen_store_claims_once_and_persists(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3")
    assert store.claim("http://a.ir/1?utm_source=x") and not store.claim("http://a.ir/1")
    store.mark_seen("http://a.ir/1", "s")
    store.flush()
    assert SeenStore(tmp_path / "seen.sqlite3").is_seen("http://A.ir/1/")


def test_private_addresses_refused_by_the_downloader_middleware() -> None:
    middleware = PrivateAddressMiddleware.from_crawler(
        get_crawler(settings_dict={"GOFTAR_ALLOW_PRIVATE": False})
    )
    for url in (
        "http://127.0.0.1/",
        "http://localhost:8080/x",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data",
    ):
        with pytest.raises(IgnoreRequest):
            middleware.process_request(Request(url))
    assert middleware.process_request(Request("http://93.184.216.34/")) is None
    allowed = PrivateAddressMiddleware.from_crawler(get_crawler(settings_dict={"GOFTAR_ALLOW_PRIVATE": True}))
    assert allowed.process_request(Request("http://127.0.0.1/")) is None


def test_sample_site_conditional_get_and_routes() -> None:
    with serve(SITE) as base:
        first = urllib.request.urlopen(f"{base}/news/101-park.html")
        etag = first.headers["ETag"]
        request = urllib.request.Request(f"{base}/news/101-park.html", headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(request)
        assert not_modified.value.code == 304
        with pytest.raises(urllib.error.HTTPError) as broken:
            urllib.request.urlopen(f"{base}/broken.html")
        assert broken.value.code == 500
        cp = urllib.request.urlopen(f"{base}/news/103-cp1256.html")
        assert (
            "windows-1256" in cp.headers["Content-Type"]
            and cp.read() == (SITE / "news/103-cp1256.html").read_bytes()
        )
        page2 = urllib.request.urlopen(f"{base}/s/goftar_test?before=101").read().decode("utf-8")
        assert 'data-post="goftar_test/98"' in page2 and "{{" not in page2


def test_demo_site_dates_are_relative_to_today() -> None:
    with serve() as base:
        rss = urllib.request.urlopen(f"{base}/rss.xml").read().decode("utf-8")
        seed = urllib.request.urlopen(f"{base}/news/1000.html").read().decode("utf-8")
    today = datetime.now(UTC).strftime("%d %b %Y")
    assert rss.count("<item>") == 10 and f"{base}/news/1002.html" in rss and "{{" not in rss
    assert today in rss or datetime.now(UTC).hour < 5  # items dated 08:00 Tehran today
    assert "جمعه ۲۶ شهریور ۱۴۰۰" in seed and "جایگاههای ZWNJ" in seed


def test_demo_seed_release_extracts_verbatim_with_its_date() -> None:
    from goftar.sample_site import DEMO_ROOT

    html = render_tokens((DEMO_ROOT / "news/1000.html").read_text(encoding="utf-8"), "http://demo")
    page = extract_page(html, "http://demo/news/1000.html", FA)
    assert page is not None and page.method == "nastooh"
    assert page.title == "تعیین تکلیف موافقت با اقدامات شهرداری در حوزه کرونا در یکشنبه آتی"
    assert page.surtitle == "شهردار تهران خبر داد:"
    assert page.body.startswith("تهران (پانا) - شهردار تهران درباره آخرین وضعیت")
    assert "جایگاههای ZWNJ داشته باشیم" in page.body  # the release's quirks are kept as written
    assert page.body.count("\n\n") == 6  # its seven paragraphs
    assert page.published == datetime(2021, 9, 17, 6, 50, tzinfo=UTC)  # جمعه ۲۶ شهریور ۱۴۰۰، ۱۱:۲۰ Tehran


def test_listing_stops_paging_at_the_date_limit() -> None:
    source = Source(name="l", kind="listing", start_urls=["http://site.ir/listing/"], max_age_days=2)
    spider = ListingSpider.from_crawler(get_crawler(ListingSpider), source=source)
    spider.store = None
    body = render_tokens(read("listing/page-2.html"), "http://site.ir").encode("utf-8")
    response = HtmlResponse("http://site.ir/listing/page-2.html", body=body, encoding="utf-8")
    urls = [r.url for r in spider.parse_listing(response, page=2)]
    assert urls == [
        "http://site.ir/listing/items/303-trees.html",
        "http://site.ir/listing/items/304-bins.html",
    ]
    recent = source.model_copy(update={"max_age_days": 30})
    spider.source = recent
    assert [r.url for r in spider.parse_listing(response, page=2)][-1].endswith("/listing/page-3.html")


def test_dedup_drops_a_same_site_copy_and_links_another_outlets_copy(tmp_path: Path) -> None:
    from scrapy.exceptions import DropItem

    from crawlers.pipelines import DedupPipeline
    from goftar.model import Article

    crawler = get_crawler(settings_dict={"GOFTAR_HOME": str(tmp_path)})
    dedup = DedupPipeline.from_crawler(crawler)
    text = "شهردار گفت: تا پایان آذر ۳۰۰ کیلومتر از معابر فرسوده آسفالت می‌شود. " * 5

    def article(url: str, source: str) -> Article:
        return Article(url=url, canonical_url=url, source=source, raw_text=text)

    first = dedup.process_item(article("https://a.ir/n/1", "a"))
    assert first.duplicate_of is None
    with pytest.raises(DropItem):
        dedup.process_item(article("https://a.ir/print/1", "a"))  # the same site's print view
    other = dedup.process_item(article("https://b.ir/x/9", "b"))
    assert other.duplicate_of == "https://a.ir/n/1"


def test_an_exact_copy_of_a_near_copy_links_to_the_first_copy(tmp_path: Path) -> None:
    from crawlers.pipelines import DedupPipeline
    from goftar.model import Article

    dedup = DedupPipeline.from_crawler(get_crawler(settings_dict={"GOFTAR_HOME": str(tmp_path)}))
    base = "معاون شهردار گفت: تا پایان سال ۱۲ بوستان محله‌ای در مناطق جنوبی شهر افتتاح می‌شود و " * 6
    edited = base + "وی افزود: این طرح با مشارکت شورایاری‌ها اجرا خواهد شد."

    def article(url: str, source: str, text: str) -> Article:
        return Article(url=url, canonical_url=url, source=source, raw_text=text)

    dedup.process_item(article("https://a.ir/1", "a", base))
    near = dedup.process_item(article("https://b.ir/2", "b", edited))
    exact_of_near = dedup.process_item(article("https://c.ir/3", "c", edited))
    assert near.duplicate_of == "https://a.ir/1"
    assert exact_of_near.duplicate_of == "https://a.ir/1"  # not the chain c → b → a
