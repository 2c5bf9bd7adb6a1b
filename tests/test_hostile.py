"""Hostile content and hostile requests: script and event-handler payloads in crawled text stay text in
the web page, the API and the digest; the page has a Content-Security-Policy; the API is read-only and
bounded; redirects to private addresses are refused; credentials never reach the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawlers.safety import PrivateAddressMiddleware
from goftar.api import create_app
from goftar.errors import GoftarError
from goftar.model import Article, Commitment, Deadline, Extraction, Speaker, Statement
from goftar.settings import Settings
from index.sqlite import SqliteStore

SCRIPT = "<script>alert('xss')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
LINK = "javascript:alert(document.cookie)"
DAY = date(2025, 3, 1)
PAYLOADS = (SCRIPT, HANDLER, "<svg onload=alert(1)>", '"><iframe src=//evil.example>')


def _hostile_item() -> tuple[Article, Extraction]:
    text = f"شهردار گفت {SCRIPT} ساخت پارک {HANDLER} تا پایان سال انجام می‌شود."
    evidence = f"ساخت پارک {HANDLER} تا پایان سال انجام می‌شود"
    start = text.index(evidence)
    article = Article(
        url=f"https://evil.example/news/1?{LINK}",
        canonical_url="https://evil.example/news/1",
        source="evil<svg onload=alert(1)>",
        title=f'خبر {SCRIPT} "><iframe src=//evil.example>',
        published=datetime(2025, 3, 1, 8, tzinfo=UTC),
        fetched=datetime(2025, 3, 1, 9, tzinfo=UTC),  # crawled that day: new in that day's digest
        raw_text=text,
        text=text,
    )
    speaker = Speaker(text=f"شهردار {HANDLER}", kind="role")
    commitment = Commitment(
        speaker=speaker,
        action=f"ساخت پارک {SCRIPT}",
        evidence=evidence,
        start=start,
        end=start + len(evidence),
        deadline=Deadline(text="تا پایان سال", end=date(2025, 3, 20), kind="by"),
        article_id=article.id,
        topics=["<svg onload=alert(1)>"],
    )
    statement = Statement(
        quote=evidence, speaker=speaker, start=start, end=start + len(evidence), article_id=article.id
    )
    return article, Extraction(text=text, statements=[statement], commitments=[commitment])


@pytest.fixture
def store(settings: Settings) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(settings.db_path)
    opened.upsert([_hostile_item()])
    yield opened
    opened.close()


@pytest.fixture
def client(settings: Settings, store: SqliteStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client


def _assert_inert(html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in html, f"unescaped payload in the page: {payload}"
    assert 'href="javascript:' not in html


@pytest.mark.parametrize(
    "params", [{"q": "پارک"}, {"q": "پارک", "type": "statement"}, {"q": "", "type": "article"}]
)
def test_payloads_in_crawled_text_are_escaped_in_the_page(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/", params=params)
    assert response.status_code == 200
    html = response.text
    _assert_inert(html)
    assert "&lt;script&gt;" in html or "&lt;img" in html  # the text is shown, as text


def test_the_page_has_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/", params={"q": "پارک"}).headers
    csp = headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'"
    assert (
        "unsafe-inline" not in csp and "unsafe-eval" not in csp and directives["frame-ancestors"] == "'none'"
    )
    assert headers["x-content-type-options"] == "nosniff"


def test_the_api_returns_payloads_as_json_strings_with_an_escaped_highlight(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "پارک"})
    assert response.headers["content-type"].startswith("application/json")
    hit = response.json()["hits"][0]
    assert SCRIPT in hit["action"]  # data is returned as data...
    assert "<img" not in hit["highlight"] and "&lt;img" in hit["highlight"]  # ...and the snippet is safe HTML
    assert "<mark>" in hit["highlight"]


def test_the_digest_escapes_payloads(settings: Settings, store: SqliteStore) -> None:
    from goftar.digest import build_digest
    from goftar.digest.render import render_html

    html = render_html(build_digest(store, DAY, settings))
    assert "ساخت پارک" in html
    _assert_inert(html)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize("path", ["/api/search", "/api/counts", "/api/export", "/"])
def test_the_api_is_read_only(client: TestClient, method: str, path: str) -> None:
    assert getattr(client, method)(path).status_code == 405


@pytest.mark.parametrize(
    "path,params",
    [
        ("/api/search", {"size": "101"}),
        ("/api/search", {"size": "0"}),
        ("/api/search", {"page": "501"}),
        ("/api/search", {"q": "پ" * 2000}),
        ("/api/search", {"speaker": "x" * 201}),
        ("/api/export", {"limit": "10000000"}),
        ("/archive", {"ref": "x" * 501}),
    ],
)
def test_requests_are_bounded(client: TestClient, path: str, params: dict[str, str]) -> None:
    assert client.get(path, params=params).status_code == 422


def test_the_archive_route_cannot_read_outside_the_archive(client: TestClient) -> None:
    for ref in ("../goftar.sqlite3#0", "/etc/passwd#0", "..%2F..%2Fetc%2Fpasswd#0"):
        assert client.get("/archive", params={"ref": ref}).status_code == 404


def _redirected(url: str, location: str) -> Request:
    crawler = get_crawler(settings_dict={"REDIRECT_ENABLED": True})
    redirect = RedirectMiddleware.from_crawler(crawler)
    request = Request(url)
    response = Response(url, status=302, headers={"Location": location}, request=request)
    follow = redirect.process_response(request, response)
    assert isinstance(follow, Request) and follow.url.startswith(location.split("/")[0])
    return follow


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:8080/admin",
        "http://localhost/",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://192.168.0.1/router",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata: link-local
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://user:pw@127.0.0.1/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused_unless_allowed(location: str) -> None:
    follow = _redirected("http://93.184.216.34/news/1", location)
    refuse = PrivateAddressMiddleware.from_crawler(get_crawler(settings_dict={"GOFTAR_ALLOW_PRIVATE": False}))
    with pytest.raises(IgnoreRequest):
        refuse.process_request(follow)
    allow = PrivateAddressMiddleware.from_crawler(get_crawler(settings_dict={"GOFTAR_ALLOW_PRIVATE": True}))
    assert allow.process_request(follow) is None


def test_a_public_address_passes() -> None:
    mw = PrivateAddressMiddleware.from_crawler(get_crawler(settings_dict={"GOFTAR_ALLOW_PRIVATE": False}))
    assert mw.process_request(Request("http://93.184.216.34/news/1")) is None


def test_smtp_password_never_reaches_logs_or_errors(
    settings: Settings, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    from dataclasses import replace

    from goftar.digest import build_digest, send_digest

    secret = "s3cr3t-SMTP-pass"  # noqa: S105
    mail = replace(
        settings,
        smtp_host="127.0.0.1",
        smtp_port=9,
        smtp_user="bot",
        smtp_password=secret,
        digest_to="a@example.ir",
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(GoftarError) as err:
        send_digest(build_digest(store, DAY, mail), mail)
    assert secret not in str(err.value) and secret not in caplog.text
    assert secret not in str(mail.redacted())


def test_goftar_settings_masks_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from goftar.cli import app

    monkeypatch.setenv("GOFTAR_SMTP_PASSWORD", "pw-123456")
    monkeypatch.setenv("GOFTAR_ES_API_KEY", "key-abcdef")
    monkeypatch.setenv("GOFTAR_ES_URL", "https://elastic:hunter2@es.example:9200")
    out = CliRunner().invoke(app, ["settings"]).output
    assert "pw-123456" not in out and "key-abcdef" not in out and "hunter2" not in out
    assert "es.example:9200" in out
