"""Elasticsearch faults through an HTTP double (tests/es_double.py): partial bulk failures, 429s and
timeouts are retried where Elasticsearch says they may be, and what still fails is reported per
document, never raised into the run. The real-server tests skip unless GOFTAR_ES_URL is set."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from es_double import EsDouble, serve

from goftar.model import Article, Commitment, Extraction, Statement
from goftar.settings import Settings
from index.elastic import ElasticStore

API_KEY = "c2VjcmV0LWFwaS1rZXktZm9yLXRlc3Rz"  # noqa: S105 — a fake key that must never be logged


def _items(n: int = 3) -> list[tuple[Article, Extraction]]:
    items = []
    for i in range(n):
        text = f"شهردار گفت این طرح تا پایان سال اجرا می‌شود. خبر {i}"
        article = Article(
            url=f"https://example.ir/news/{i}",
            canonical_url=f"https://example.ir/news/{i}",
            source="ex",
            raw_text=text,
            text=text,
            published=datetime(2025, 1, 1 + i, tzinfo=UTC),
        )
        extraction = Extraction(
            text=text,
            statements=[Statement(quote=text[:20], start=0, end=20, article_id=article.id)],
            commitments=[
                Commitment(action="اجرا", evidence=text[:30], start=0, end=30, article_id=article.id)
            ],
        )
        items.append((article, extraction))
    return items


@pytest.fixture
def double() -> Iterator[tuple[EsDouble, ElasticStore]]:
    fake = EsDouble()
    with serve(fake) as url:
        settings = Settings.from_env(env={}, es_url=url, es_api_key=API_KEY)
        store = ElasticStore.from_settings(settings)  # the production client: retries on timeout
        store.bulk_backoff = 0.01
        yield fake, store
        store.close()


def _stored(fake: EsDouble, kind: str) -> set[str]:
    return {ident for index, ident in fake.docs if index == f"goftar-{kind}"}


def test_partial_bulk_failure_is_retried_and_reported_per_document(
    double: tuple[EsDouble, ElasticStore], caplog: pytest.LogCaptureFixture
) -> None:
    fake, store = double
    items = _items()
    refused = items[1][1].commitments[0].id  # a permanent mapping error on one commitment
    fake.plans = [f"reject:{refused}"]
    with caplog.at_level(logging.WARNING):
        report = store.upsert(items)
    assert [ident for ident, _ in report.failed] == [refused]
    assert "mapper_parsing_exception" in report.failed[0][1]
    assert refused in caplog.text  # the refused document is named in the log
    # its article is withdrawn so that the next run (which skips stored articles) indexes it again
    assert items[1][0].id not in _stored(fake, "articles")
    assert report.articles == 2
    assert {items[0][0].id, items[2][0].id} <= _stored(fake, "articles")


def test_a_bulk_load_reports_each_batch_and_its_failures(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    items = _items(4)
    refused = items[3][1].commitments[0].id
    fake.plans = ["ok", f"reject:{refused}"]  # the second batch's bulk request refuses it
    reports: list = []
    total = store.upsert_many([items[:2], items[2:]], on_batch=reports.append)
    assert [r.articles for r in reports] == [2, 1]  # the refused commitment's article is withdrawn
    assert [ident for ident, _ in total.failed] == [refused] and total.articles == 3
    assert {a.id for a, _e in items[:3]} <= _stored(fake, "articles")


def test_429_on_some_documents_is_retried_until_accepted(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    items = _items()
    busy = items[2][0].id
    fake.plans = [f"busy:{busy}", f"busy:{busy}"]
    report = store.upsert(items)
    assert report.failed == [] and report.articles == 3
    assert fake.bulk_requests[1:] == [[busy], [busy]]  # only the rejected document is sent again
    assert {a.id for a, _ in items} == _stored(fake, "articles")


def test_429_on_the_whole_request_is_retried(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    fake.plans = ["429"]
    report = store.upsert(_items())
    assert report.failed == [] and report.articles == 3
    assert (
        len(fake.bulk_requests) == 2 and fake.bulk_requests[0] == fake.bulk_requests[1]
    )  # same ids, no duplicates


def test_429_that_never_clears_is_reported_per_document(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    items = _items(2)
    fake.plans = ["429"] * 100  # the transport retries too (3 times per bulk attempt)
    report = store.upsert(items)
    assert len(report.failed) == 2 * 3 and report.articles == 0  # every document, each with its reason
    assert all("circuit_breaking_exception" in reason for _, reason in report.failed)


def test_a_timed_out_bulk_is_sent_again(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    store.es = store.es.options(request_timeout=0.3)  # same client and retry policy, shorter wait
    fake.slow_seconds = 1.0
    fake.plans = ["slow"]
    report = store.upsert(_items())
    assert report.failed == [] and report.articles == 3
    assert len(fake.bulk_requests) >= 2


def test_a_bulk_that_always_times_out_is_reported_not_raised(
    double: tuple[EsDouble, ElasticStore], caplog: pytest.LogCaptureFixture
) -> None:
    fake, store = double
    store.es = store.es.options(request_timeout=0.2)
    fake.slow_seconds = 0.6
    fake.plans = ["slow"] * 100
    with caplog.at_level(logging.WARNING):
        report = store.upsert(_items(2))
    assert len(report.failed) == 6 and all("Timeout" in reason for _, reason in report.failed)
    assert "Elasticsearch refused" in caplog.text


def test_the_api_key_is_sent_but_never_logged(
    double: tuple[EsDouble, ElasticStore], caplog: pytest.LogCaptureFixture
) -> None:
    fake, store = double
    fake.plans = ["429", f"reject:{_items()[0][0].id}"]
    with caplog.at_level(logging.DEBUG):
        store.upsert(_items())
    assert any(h.get("authorization") == f"ApiKey {API_KEY}" for _m, _p, h in fake.requests)
    assert caplog.records and API_KEY not in caplog.text


def test_an_unreachable_server_with_credentials_in_the_url_is_reported_without_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from goftar.errors import StoreError

    settings = Settings.from_env(env={}, es_url="http://elastic:hunter2@127.0.0.1:9", es_api_key=API_KEY)
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreError) as err:
        ElasticStore.from_settings(settings)
    assert "hunter2" not in str(err.value) and API_KEY not in str(err.value)
    assert "hunter2" not in caplog.text and API_KEY not in caplog.text
