"""The HTTP API and the server-rendered page, through FastAPI's in-process client."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
import search_corpus as sc
from fastapi.testclient import TestClient

from goftar.api import create_app
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


def test_page_is_rtl_persian_with_cards(client: TestClient) -> None:
    response = client.get("/", params={"q": "واکسن"})
    html = response.text
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert "<mark>واکسن‌ها</mark>" in html
    assert "۳۰ اسفند ۱۴۰۳" in html and '<bdi dir="ltr">2025-03-20</bdi>' in html
    assert "hamshahri-20240720.warc.gz%231024" in html
    assert "تاریخچهٔ این وعده" in html


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


def test_javascript_links_are_not_rendered(settings: Settings) -> None:
    article, extraction = sc.old_article()
    evil = article.model_copy(update={"url": "javascript:alert(1)"})
    store = SqliteStore.open(settings.db_path)
    store.upsert([(evil, extraction)])
    with TestClient(create_app(settings, store)) as client:
        html = client.get("/", params={"q": "پل"}).text
    store.close()
    assert "javascript:" not in html and "پل عابر پیاده" in html


def test_archived_copy_is_confined_to_the_archive_folder(client: TestClient) -> None:
    assert client.get("/archive", params={"ref": "../../etc/passwd#0"}).status_code == 404
    assert client.get("/archive", params={"ref": "missing.warc.gz#0"}).status_code == 404


def test_page_marks_estimated_facet_counts(settings: Settings) -> None:
    from index.base import SearchResult

    class EstimatingStore:
        def search(self, query: object) -> SearchResult:
            return SearchResult(total=250_000, hits=[], facets={"source": [("isna", 120_000)]},
                                facets_approximate=True)

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
    article = Article(url="https://example.ir/n/1", canonical_url="https://example.ir/n/1", source="isna",
                      raw_text=raw, published=when)
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
