"""The HTTP API and the server-rendered page, through FastAPI's in-process client."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
import search_corpus as sc
from fastapi.testclient import TestClient

from goftar.api import create_app
from goftar.model import Article, Deadline, Extraction
from goftar.settings import Settings
from index.sqlite import SqliteStore


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    store = SqliteStore.open(settings.db_path)
    store.upsert(sc.corpus())
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client
    store.close()


def test_search_returns_hits_facets_and_highlights(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "واکسن", "sort": "date"}).json()
    assert body["total"] == 2
    assert [h["article"]["source"] for h in body["hits"]] == ["isna", "hamshahri"]
    assert "<mark>واکسنی</mark>" in body["hits"][0]["highlight"]
    assert {"value": "علیرضا زاکانی", "count": 2} in body["facets"]["speaker"]


def test_filters_and_jalali_dates(client: TestClient) -> None:
    body = client.get("/api/search", params={"published_from": "۱۴۰۳/۰۵/۰۱", "source": "isna"}).json()
    assert body["total"] == 3  # everything from isna was published (or seen) on 1403/05/02
    body = client.get("/api/search", params={"published_to": "1403/05/01"}).json()
    assert {h["article"]["source"] for h in body["hits"]} == {"hamshahri"} and body["total"] == 2
    bad = client.get("/api/search", params={"deadline_to": "1403/14/01"})
    assert bad.status_code == 400 and "1403/14/01" in bad.json()["detail"]


def test_bounds_on_page_size_and_query_length(client: TestClient) -> None:
    assert client.get("/api/search", params={"size": 101}).status_code == 422
    assert client.get("/api/search", params={"q": "ا" * 501}).status_code == 422
    assert client.get("/api/search", params={"type": "users"}).status_code == 422


def test_the_api_is_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/search").status_code == 405


def test_commitment_with_its_history(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "مدارس"}).json()["hits"][0]
    doc = client.get(f"/api/commitments/{hit['id']}").json()
    assert doc["speaker"]["canonical_id"] == "Q-zakani"
    assert [d["article"]["source"] for d in doc["history"]] == ["hamshahri", "isna"]
    assert client.get("/api/commitments/nope").status_code == 404
    assert len(client.get("/api/stories/s-vaccine").json()) == 2


def test_article_without_raw_text(client: TestClient) -> None:
    article, _ = sc.vaccine_article()
    doc = client.get(f"/api/articles/{article.id}").json()
    assert doc["text"] == article.text and "raw_text" not in doc


def test_export_csv_and_jsonl_keep_persian(client: TestClient) -> None:
    response = client.get("/api/export", params={"q": "واکسن", "format": "csv", "sort": "date"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert [r["speaker"] for r in rows] == ["علیرضا زاکانی", "علیرضا زاکانی"]
    assert rows[1]["evidence"] == sc.vaccine_article()[1].commitments[0].evidence  # ZWNJ intact
    assert rows[1]["deadline_end_jalali"] == "1403/12/30"
    lines = client.get("/api/export", params={"format": "jsonl"}).content.decode("utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(line)["type"] == "commitment" for line in lines)
    assert "\\u" not in lines[0]


def test_export_csv_with_bom_for_excel_and_a_header_when_nothing_matches(client: TestClient) -> None:
    with_bom = client.get("/api/export", params={"q": "واکسن", "format": "csv", "bom": "true"}).content
    assert with_bom.startswith("\ufeff".encode()) and with_bom.decode("utf-8-sig").startswith("id,")
    empty = client.get("/api/export", params={"q": "نیست‌در‌هیچ‌سندی", "format": "csv"}).content.decode()
    assert empty.startswith("id,") and empty.count("\n") == 1


def test_counts_and_openapi(client: TestClient) -> None:
    assert client.get("/api/counts").json()["commitments"] == 5
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "get" in spec["paths"]["/api/search"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_the_internet(client: TestClient, page: str) -> None:
    html = client.get(page).text
    scripts = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert scripts and not [url for url in scripts if "//" in url], scripts  # every asset from this server
    for url in scripts:
        assert client.get(url).status_code == 200, url


def test_page_is_rtl_persian_with_cards(client: TestClient) -> None:
    response = client.get("/", params={"q": "واکسن"})
    html = response.text
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert "<mark>واکسن‌ها</mark>" in html
    assert "۳۰ اسفند ۱۴۰۳" in html and '<bdi dir="ltr">2025-03-20</bdi>' in html
    assert "hamshahri-20240720.warc.gz%231024" in html
    assert "تاریخچهٔ این وعده" in html


def test_words_not_searched_for_are_named_by_the_api_and_the_page(client: TestClient) -> None:
    answer = client.get("/api/search", params={"q": "واکسن ها"}).json()
    assert answer["left_out"] == ["ها"] and answer["total"] >= 1
    assert client.get("/api/search", params={"q": "واکسن"}).json()["left_out"] == []
    html = client.get("/", params={"q": "ها"}).text
    assert "«<bdi>ها</bdi>»: پسوند یا نشانه به‌تنهایی جست‌وجو نمی‌شود" in html
    assert "کنار گذاشته شد" not in client.get("/", params={"q": "واکسن"}).text


def test_page_escapes_hostile_text_and_sends_csp(client: TestClient) -> None:
    response = client.get("/", params={"q": "مترو"})
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "onerror=alert(1)&gt;" in html
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # A query that is itself hostile comes back escaped in the form and the title.
    html = client.get("/", params={"q": '"><script>alert(2)</script>'}).text
    assert "<script>alert(2)" not in html


def test_page_rejects_bad_input_politely(client: TestClient) -> None:
    response = client.get("/", params={"sort": "evil", "q": "مترو"})
    assert response.status_code == 400 and 'role="alert"' in response.text
    assert "این جست‌وجو را نتوانستیم بخوانیم" in response.text  # in Persian, the reason beside it
    dated = client.get("/", params={"published_from": "۱۰ مهر ۱۴۰۰", "q": "مترو"})
    assert dated.status_code == 200 and 'role="alert"' not in dated.text  # dates as the CLI reads them


def _page_with(settings: Settings, article: Article, extraction: Extraction, query: str) -> str:
    """The search page for ``query`` over a store holding only ``article``."""
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction)])
    with TestClient(create_app(settings, store)) as client:
        html = client.get("/", params={"q": query}).text
    store.close()
    return html


def test_javascript_links_are_not_rendered(settings: Settings) -> None:
    article, extraction = sc.old_article()
    evil = article.model_copy(update={"url": "javascript:alert(1)"})
    html = _page_with(settings, evil, extraction, "پل")
    assert "javascript:" not in html and "پل عابر پیاده" in html


def test_archived_copy_is_confined_to_the_archive_folder(client: TestClient) -> None:
    assert client.get("/archive", params={"ref": "../../etc/passwd#0"}).status_code == 404
    assert client.get("/archive", params={"ref": "missing.warc.gz#0"}).status_code == 404


def test_page_marks_estimated_facet_counts(settings: Settings) -> None:
    from index.base import SearchResult

    class EstimatingStore:
        def search(self, query: object) -> SearchResult:
            return SearchResult(
                total=250_000, hits=[], facets={"source": [("isna", 120_000)]}, facets_approximate=True
            )

        def close(self) -> None:
            pass

    with TestClient(create_app(settings, EstimatingStore())) as client:  # type: ignore[arg-type]
        page = client.get("/", params={"q": "مترو"}).text
    assert "≈۱۲۰" in page.replace("٬", "").replace(",", "")


def test_the_exact_published_wording_is_on_the_card_and_in_the_export(settings: Settings) -> None:
    from datetime import UTC, datetime

    from goftar.model import Article
    from goftar.pipeline import ingest

    raw = "شهردار تهران گفت: «تا پايان سال ۱۴۰۳ دويست دستگاه اتوبوس برقي به ناوگان اضافه ميكنيم.»"
    when = datetime(2024, 7, 1, tzinfo=UTC)
    article = Article(
        url="https://example.ir/n/1",
        canonical_url="https://example.ir/n/1",
        source="isna",
        raw_text=raw,
        published=when,
    )
    store = SqliteStore.open(settings.db_path)
    ingest([article], store)
    with TestClient(create_app(settings, store)) as client:
        page = client.get("/", params={"q": "اتوبوس"}).text
        export = client.get("/api/export", params={"q": "اتوبوس", "format": "csv"})
        rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8"))))
    store.close()
    assert "متن دقیق منبع" in page and "دويست دستگاه اتوبوس برقي" in page  # Arabic ي, as published
    (row,) = rows
    assert "دویست دستگاه اتوبوس برقی" in row["evidence"]  # normalised, what search matches
    assert row["raw_evidence"] == "تا پايان سال ۱۴۰۳ دويست دستگاه اتوبوس برقي به ناوگان اضافه ميكنيم."


def test_an_unknown_story_is_404(client: TestClient) -> None:
    response = client.get("/api/stories/no-such-story")
    assert response.status_code == 404 and response.json()["detail"] == "no such story"


def test_a_bad_date_names_its_parameter_and_an_inverted_range_is_refused(client: TestClient) -> None:
    bad = client.get("/api/search", params={"published_from": "1403/01/01", "published_to": "1403/13/01"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("published_to: ")
    inverted = client.get("/api/search", params={"deadline_from": "1404/01/01", "deadline_to": "2025-01-01"})
    assert inverted.status_code == 400
    detail = inverted.json()["detail"]
    assert "deadline_from=1404/01/01 (2025-03-21) is after deadline_to=2025-01-01" in detail
    assert "earlier day first" in detail
    assert (
        client.get(
            "/api/export", params={"published_from": "2025-02-01", "published_to": "2025-01-01"}
        ).status_code
        == 400
    )
    page = client.get("/", params={"published_from": "2025-02-01", "published_to": "2025-01-01"})
    assert page.status_code == 400 and 'role="alert"' in page.text and "is after" in page.text


def test_the_page_csv_link_gives_excel_a_byte_order_mark(client: TestClient) -> None:
    html = client.get("/", params={"q": "واکسن"}).text
    href = re.search(r'class="export" href="([^"]*format=csv[^"]*)"', html)
    assert href is not None
    body = client.get(unescape(href.group(1))).content
    assert body.startswith("\ufeff".encode()) and "علیرضا زاکانی" in body.decode("utf-8-sig")


def test_switching_the_result_type_sets_aside_filters_it_does_not_have(client: TestClient) -> None:
    # The form carries the facet filters along: «خبرها» after a speaker and a status filter.
    response = client.get(
        "/", params={"q": "واکسن", "speaker": "علیرضا زاکانی", "status": "overdue", "type": "article"}
    )
    assert response.status_code == 200 and 'role="alert"' not in response.text
    assert 'class="note"' in response.text and "گوینده، وضعیت" in response.text
    assert 'name="speaker"' not in response.text and 'name="status"' not in response.text
    assert 'class="card article"' in response.text


def test_a_page_past_the_last_one_says_so_and_leads_back(client: TestClient) -> None:
    html = client.get("/", params={"page": "9"}).text  # five commitments: one page
    assert "نتیجه‌ای پیدا نشد" not in html
    assert "این صفحه خالی است" in html and 'href="?page=1"' in html
    assert 'rel="prev" href="?page=1"' in html  # not page 8, which is empty too


def test_a_deadline_with_only_a_start_is_not_shown_as_a_due_day(settings: Settings) -> None:
    article, extraction = sc.old_article()
    starting = extraction.commitments[0].model_copy(
        update={"deadline": Deadline(text="از امروز", start=date(2024, 6, 1), kind="from")}
    )
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction.model_copy(update={"commitments": [starting]}))])
    with TestClient(create_app(settings, store)) as client:
        html = client.get("/", params={"q": "پل"}).text
    store.close()
    deadline = re.search(r'<dd class="deadline">(.*?)</dd>', html, re.S)
    assert deadline is not None
    shown = re.sub(r"<[^>]+>|\s+", " ", deadline.group(1)).split()
    assert shown[:4] == ["از", "۱۲", "خرداد", "۱۴۰۳"]


def test_crawled_names_and_titles_are_bidi_isolated(settings: Settings) -> None:
    # An unpaired RIGHT-TO-LEFT OVERRIDE in a title must not reverse what follows it (the source, the
    # date): <bdi> ends it where the crawled text ends.
    article, extraction = sc.old_article()
    article = article.model_copy(update={"title": "خبر \u202eواژگون 123"})
    html = _page_with(settings, article, extraction, "پل")
    assert "<bdi>خبر \u202eواژگون 123</bdi></a>" in html
    assert re.search(r'<bdi class="speaker">[^<]+</bdi>', html)


def test_an_archived_windows_1256_page_reads_as_persian(settings: Settings) -> None:
    from crawlers.archive import WarcArchive

    page = "<html><head><meta charset='windows-1256'><title>شهرداري تهران</title></head></html>"
    archive = WarcArchive(settings.archive_dir)
    ref = archive.write(
        "https://example.ir/1",
        200,
        [("Content-Type", "text/html; charset=windows-1256")],
        page.encode("cp1256"),
    )
    archive.close()
    store = SqliteStore.open(settings.db_path)
    with TestClient(create_app(settings, store)) as client:
        response = client.get("/archive", params={"ref": ref})
    store.close()
    assert response.status_code == 200 and "شهرداري تهران" in response.text


def test_organisation_and_speaker_filters_find_a_compound_however_it_is_typed(settings: Settings) -> None:
    from datetime import UTC, datetime

    from goftar.model import Extraction, Speaker

    text = "مدیرعامل شرکت واحد اتوبوس‌رانی گفت خط تازه تا پایان سال راه می‌افتد"
    article = sc._article(
        "bus", "isna", "اتوبوس", text, datetime(2024, 7, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC)
    )
    speaker = Speaker(text="مدیرعامل شرکت واحد اتوبوس‌رانی", kind="role")
    extraction = Extraction(
        text=text,
        entities=[sc._entity(article, "شرکت واحد اتوبوس‌رانی", "ORG")],
        commitments=[sc._commitment(article, "خط تازه تا پایان سال راه می‌افتد", speaker)],
    )
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction)])
    with TestClient(create_app(settings, store)) as client:
        totals = {
            typed: client.get("/api/search", params={name: typed}).json()["total"]
            for name, typed in [
                ("organisation", "شرکت واحد اتوبوس‌رانی"),  # as published
                ("organisation", "شرکت واحد اتوبوس رانی"),  # with a space
                ("organisation", "شرکت واحد اتوبوسرانی"),  # as one word
                ("speaker", "مدیرعامل شرکت واحد اتوبوس رانی"),
            ]
        }
        assert client.get("/api/search", params={"organisation": "شرکت واحد"}).json()["total"] == 0
    store.close()
    assert set(totals.values()) == {1}, totals


def test_a_searched_compound_is_not_marked_in_its_parts_elsewhere(settings: Settings) -> None:
    from datetime import UTC, datetime

    from goftar.model import Extraction

    evidence = "ظرفیت خدمت شهرداری را در جهت خدمت‌گزار به مردم بالا می‌بریم"
    text = f"شهردار گفت {evidence}."
    article = sc._article(
        "serve", "isna", "خدمت", text, datetime(2024, 7, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC)
    )
    extraction = Extraction(text=text, commitments=[sc._commitment(article, evidence, sc.MAYOR)])
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction)])
    with TestClient(create_app(settings, store)) as client:
        (hit,) = client.get("/api/search", params={"q": "خدمت‌گزار"}).json()["hits"]
    store.close()
    assert hit["highlight"] == "ظرفیت خدمت شهرداری را در جهت <mark>خدمت‌گزار</mark> به مردم بالا می‌بریم"


def test_an_export_links_each_archived_copy_where_its_reader_can_open_it(settings: Settings) -> None:
    from crawlers.archive import WarcArchive

    archive = WarcArchive(settings.archive_dir)
    ref = archive.write(
        "https://hamshahri.example/news/bridge",
        200,
        [("Content-Type", "text/html")],
        "<p>پل عابر پیاده</p>".encode(),
    )
    archive.close()
    article, extraction = sc.old_article()
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article.model_copy(update={"archive": ref}), extraction)])
    with TestClient(create_app(settings, store)) as client:
        export = client.get("/api/export", params={"q": "پل", "format": "csv"}).content.decode()
        (row,) = csv.DictReader(io.StringIO(export))
        line = json.loads(client.get("/api/export", params={"q": "پل", "format": "jsonl"}).text)
        assert row["archive_url"] == line["archive_url"]
        assert row["archive_url"].startswith("http://testserver/archive?ref=")
        copy = client.get(row["archive_url"])
    store.close()
    assert copy.status_code == 200 and "پل عابر پیاده" in copy.text


def test_large_counts_are_grouped_and_the_export_links_say_where_they_stop(settings: Settings) -> None:
    from index.base import SearchResult

    class LargeStore:
        def search(self, query: object) -> SearchResult:
            return SearchResult(total=250_000, hits=[], facets={"source": [("isna", 1_200)]})

        def close(self) -> None:
            pass

    with TestClient(create_app(settings, LargeStore())) as client:  # type: ignore[arg-type]
        html = client.get("/", params={"q": "مترو"}).text
    assert "۲۵۰٬۰۰۰ نتیجه" in html and "۱٬۲۰۰" in html
    assert "limit=50000" in unescape(html) and "۵۰٬۰۰۰ نتیجهٔ نخست" in html


def test_a_late_night_article_shows_the_day_it_is_filed_under(settings: Settings) -> None:
    # 22:00 UTC on 2024-06-01 is 01:30 on 2024-06-02 (۱۳ خرداد ۱۴۰۳) in Tehran: the day the date filter
    # and the export's published_jalali count it on, so the card must show that day too.
    from datetime import UTC, datetime

    article, extraction = sc.old_article()
    article = article.model_copy(update={"published": datetime(2024, 6, 1, 22, 0, tzinfo=UTC)})
    store = SqliteStore.open(settings.db_path)
    store.upsert([(article, extraction)])
    with TestClient(create_app(settings, store)) as client:
        html = client.get("/", params={"published_from": "1403/03/13", "published_to": "1403/03/13"}).text
        (row,) = csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text))
    store.close()
    assert 'class="card commitment"' in html
    source = re.search(r'<dd class="source">(.*?)</dd>', html, re.S)
    assert source is not None and "۱۳ خرداد ۱۴۰۳" in source.group(1)
    assert row["published_jalali"] == "1403/03/13"


def test_the_page_says_in_persian_what_was_wrong(client: TestClient) -> None:
    bad_status = client.get("/", params={"status": "done"}).text
    assert "گزینه‌ها را از فهرست‌ها برگزینید" in bad_status and "تاریخ را به شکل" not in bad_status
    bad_date = client.get("/", params={"deadline_to": "فردا"}).text
    assert "تاریخ را به شکل ۱۴۰۳/۰۵/۰۱" in bad_date and "deadline_to:" in bad_date
    assert "«موعد تا» تاریخ درستی نیست" in bad_date  # which of the four date fields, in Persian
    month = client.get("/", params={"published_from": "1400/13/40"}).text
    assert "«منتشرشده از» تاریخ درستی نیست" in month and "a year has 12 months" in month
    reversed_range = client.get(
        "/", params={"published_from": "1400/07/10", "published_to": "1400/07/01"}
    ).text
    assert "تاریخ زودتر را نخست بیاورید" in reversed_range
    too_long = client.get("/", params={"speaker": "ا" * 201}).text
    assert "بیش از اندازه بلند" in too_long and "تاریخ را به شکل" not in too_long


def test_the_deadline_order_is_called_what_it_is(client: TestClient) -> None:
    # Earliest deadline first, long-past ones included: «زودترین», not «نزدیک‌ترین» (nearest to today).
    html = client.get("/", params={"sort": "deadline"}).text
    assert '<option value="deadline" selected>زودترین موعد</option>' in html
    jalali = re.findall(r'<span class="jalali">([^<]+)</span>', html)
    assert jalali[0] == "۱۹ خرداد ۱۴۰۳"  # 2024-06-08, the earliest deadline of the corpus, comes first


def test_search_hits_link_their_archived_copy(client: TestClient) -> None:
    """A researcher cites the archived copy: each hit of an archived article carries its address here."""
    hits = client.get("/api/search", params={"q": "واکسن"}).json()["hits"]
    archived = [h for h in hits if h["article"].get("archive")]
    assert archived and all(h["archive_url"].startswith("http://testserver/archive?ref=") for h in archived)
    assert all("archive_url" not in h for h in hits if not h["article"].get("archive"))


def test_a_search_for_an_unknown_source_says_so(client: TestClient) -> None:
    body = client.get("/api/search", params={"source": "ISNA"}).json()
    assert (
        body["total"] == 0 and "no source is named 'ISNA'" in body["notes"][0] and "isna" in body["notes"][0]
    )
    assert client.get("/api/search", params={"source": "isna"}).json()["notes"] == []


def test_the_archived_copy_reads_as_a_page_with_its_capture_time(settings: Settings) -> None:
    """A researcher opening the archived copy reads the article as it was (right to left, escaped), with
    the address and when it was fetched, Jalali beside Gregorian; the page's HTML stays one click away."""
    from crawlers.archive import WarcArchive

    body = " ".join(["شهردار منطقه ۵ گفت پل عابر پیاده خیابان آزادی تا پایان آذر افتتاح می‌شود."] * 3)
    page = (
        "<html><head><title>افتتاح پل عابر پیاده</title><script>alert(1)</script></head><body>"
        "<nav>صفحه اصلی | اخبار</nav><article><h1>افتتاح پل عابر پیاده</h1>"
        f"<p>{body}</p><p>&lt;script&gt;alert(2)&lt;/script&gt; {body}</p></article></body></html>"
    )
    archive = WarcArchive(settings.archive_dir)
    ref = archive.write("https://example.ir/news/1", 200, [("Content-Type", "text/html")], page.encode())
    archive.close()
    store = SqliteStore.open(settings.db_path)
    with TestClient(create_app(settings, store)) as client:
        copy = client.get("/archive", params={"ref": ref})
        raw = client.get("/archive", params={"ref": ref, "raw": "true"})
    store.close()
    assert copy.status_code == 200 and copy.headers["content-type"].startswith("text/html")
    csp = copy.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp  # only the site's own files
    html = copy.text
    assert 'dir="rtl"' in html and "<h1>افتتاح پل عابر پیاده</h1>" in html and "می‌شود." in html  # ZWNJ kept
    assert "<script>" not in html and "&lt;script&gt;alert(2)" in html
    assert "https://example.ir/news/1" in html and re.search(
        r"زمان برداشت: [۰-۹]+ \w+ [۰-۹]{4} \(\d{4}-", html
    )
    assert raw.headers["content-type"].startswith("text/plain") and "<script>alert(1)</script>" in raw.text
