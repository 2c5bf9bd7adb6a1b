"""Elasticsearch maintenance through the official client against the HTTP-level double
(``tests/es_double.py``): the reindex request sequence and alias switch, and story merging."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import search_corpus as sc
from elasticsearch import ApiError
from es_double import EsDouble, serve

from goftar.model import Extraction
from goftar.settings import Settings
from index.base import IndexReport
from index.elastic import ElasticStore


@pytest.fixture
def double() -> Iterator[tuple[EsDouble, ElasticStore]]:
    fake = EsDouble()
    with serve(fake) as url:
        store = ElasticStore.from_settings(Settings.from_env(env={}, es_url=url))
        yield fake, store
        store.close()


def test_opening_creates_version_1_behind_each_alias(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, _store = double
    assert fake.aliases["goftar-commitments-v1"] == {"goftar-commitments"}
    assert set(fake.aliases) == {
        f"goftar-{k}-v1" for k in ("commitments", "statements", "articles", "crawls")
    }


def test_reindex_moves_every_alias_to_a_new_version(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    assert store.upsert(sc.corpus()).failed == []
    since = len(fake.requests)
    report = store.reindex()
    calls = [
        (m, urlsplit(p).path) for m, p, _h in fake.requests[since:] if m != "HEAD" and "template" not in p
    ]
    start = calls.index(("PUT", "/goftar-commitments-v2")) - 1
    assert calls[start : start + 6] == [
        ("GET", "/_alias/goftar-commitments"),
        ("PUT", "/goftar-commitments-v2"),
        ("PUT", "/goftar-commitments-v1/_block/write"),
        ("POST", "/_reindex"),
        ("POST", "/_aliases"),
        ("DELETE", "/goftar-commitments-v1"),
    ]
    assert fake.aliases == {
        f"goftar-{k}-v2": {f"goftar-{k}"} for k in ("commitments", "statements", "articles", "crawls")
    }
    assert (report["articles"], report["commitments"], report["statements"]) == (4, 5, 1)
    assert store.reindex()["indices"]["commitments"] == "goftar-commitments-v2 → goftar-commitments-v3"


def test_a_write_during_reindex_is_refused_and_reported_not_lost(
    double: tuple[EsDouble, ElasticStore],
) -> None:
    fake, store = double
    assert store.upsert(sc.corpus()).failed == []
    during: list[IndexReport] = []
    fake.on_reindex = lambda: during.append(store.upsert([sc.metro_post()])) if not during else None
    store.reindex()
    (report,) = during
    # Written to the old index it would have vanished at the alias switch: refused instead, per document,
    # so the pipeline keeps the article for its next run (goftar.retry).
    assert report.failed and all("cluster_block_exception" in reason for _id, reason in report.failed)
    assert fake.blocked == set()  # the blocked old indices are gone; the new ones take writes
    assert store.upsert([sc.metro_post()]).failed == []


def test_a_failed_reindex_lifts_the_block_and_keeps_the_old_index(
    double: tuple[EsDouble, ElasticStore],
) -> None:
    fake, store = double
    fake.reindex_fails = True
    with pytest.raises(ApiError):
        store.reindex()
    assert fake.blocked == set()
    assert "goftar-commitments" in fake.aliases["goftar-commitments-v1"]
    assert store.upsert([sc.metro_post()]).failed == []
    fake.reindex_fails = False
    assert store.reindex()["indices"]["commitments"] == "goftar-commitments-v1 → goftar-commitments-v2"


def test_merge_near_duplicates_updates_the_story_of_copies(double: tuple[EsDouble, ElasticStore]) -> None:
    fake, store = double
    article, extraction = sc.vaccine_article()
    url = "https://mehr.example/news/vaccine-copy"
    copy = article.model_copy(
        update={"url": url, "canonical_url": url, "source": "mehr", "duplicate_of": article.canonical_url}
    )
    commitment = extraction.commitments[0].model_copy(
        update={"article_id": copy.id, "story_id": "s-mehr", "speaker": None}
    )
    assert (
        store.upsert(
            [*sc.corpus(), (copy, Extraction(text=extraction.text, commitments=[commitment]))]
        ).failed
        == []
    )
    report = store.merge_near_duplicates()
    assert report["commitments_changed"] == 1 and report["duplicate_articles"] == 1 and report["failed"] == 0
    stored = fake.docs[("goftar-commitments", commitment.id)]
    assert stored["story_id"] == "s-vaccine" and stored["doc"]["story_id"] == "s-vaccine"
    assert stored["doc"]["evidence"] == commitment.evidence  # the partial update kept the rest
    assert store.merge_near_duplicates()["commitments_changed"] == 0
