"""The Elasticsearch store without a server: the request bodies it builds, with a mocked client."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
import search_corpus as sc

from goftar.errors import StoreError
from goftar.settings import Settings
from index.base import SearchQuery
from index.elastic import ElasticStore
from index.elastic_body import component_template, index_template, new_in_query, search_body
from index.elastic_docs import article_actions, hits_from
from index.query import parse
from index.sqlite_write import entity_key


def test_analyzer_is_built_from_documented_filters_with_zwnj_explicit() -> None:
    analysis = component_template()["settings"]["analysis"]
    assert analysis["char_filter"]["goftar_zwnj"]["mappings"] == ["\\u200C=>\\u0020"]
    fa = analysis["analyzer"]["goftar_fa"]
    assert fa["char_filter"] == ["goftar_zwnj"] and fa["tokenizer"] == "standard"
    assert fa["filter"][:4] == ["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"]
    assert analysis["analyzer"]["goftar_terms"]["tokenizer"] == "whitespace"


def test_index_template_is_composable_and_versioned() -> None:
    body = index_template("gf", "commitments")
    assert body["index_patterns"] == ["gf-commitments-v*"] and body["composed_of"] == ["gf-analysis"]
    props = body["template"]["mappings"]["properties"]
    assert props["body"]["analyzer"] == "goftar_terms" and props["text"]["analyzer"] == "goftar_fa"
    assert props["source"]["type"] == "keyword" and props["deadline_day"]["type"] == "date"


def test_search_body_text_filters_sort_paging_and_facets() -> None:
    q = SearchQuery(
        text="واکسن‌ها «پایان سال» OR مترو -مدارس",
        source="isna",
        polarity="commit",
        published_from=date(2024, 7, 21),
        deadline_to=date(2025, 3, 20),
        sort="date",
        page=3,
        size=10,
    )
    body = search_body(q, parse(q.text))
    must = body["query"]["bool"]["must"]
    assert must[0] == {"bool": {"should": [{"match_phrase": {"body": "واکسن"}}], "minimum_should_match": 1}}
    assert must[1]["bool"]["should"] == [
        {"match_phrase": {"body": "پایان سال"}},
        {"match_phrase": {"body": "پایانسال"}},  # a two-word phrase may be written as one word
        {"match_phrase": {"body": "مترو"}},
    ]
    assert body["query"]["bool"]["must_not"] == [{"match_phrase": {"body": "مدارس"}}]
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"source": "isna"}} in filters and {"term": {"polarity": "commit"}} in filters
    assert {
        "range": {"event_time": {"gte": "2024-07-21", "time_zone": "Asia/Tehran", "format": "strict_date"}}
    } in filters
    assert {"range": {"deadline_day": {"lte": "2025-03-20"}}} in filters
    assert body["sort"] == [{"event_time": "desc"}, {"id": "desc"}]
    assert body["from_"] == 20 and body["size"] == 10 and body["track_total_hits"] is True
    assert set(body["aggs"]) == {"speaker", "source", "polarity", "status", "organisation", "place"}


def test_search_after_replaces_offsets_and_relevance_sorts_by_score() -> None:
    q = SearchQuery(text="مترو", search_after=[1.5, "abc"], facets=False)
    body = search_body(q, parse(q.text))
    assert body["search_after"] == [1.5, "abc"] and "from_" not in body and "aggs" not in body
    assert body["sort"] == ["_score", {"id": "asc"}]


def test_speaker_organisation_and_place_filters() -> None:
    q = SearchQuery(speaker="زاکانی", organisation="شورای شهر تهران", place="مشهد")
    filters = search_body(q, parse(""))["query"]["bool"]["filter"]
    assert filters[0]["bool"]["should"] == [
        {"term": {"speaker_id": "زاکانی"}},
        {"match_phrase": {"speaker_terms": "زاکانی"}},
    ]
    org_keys = next(c["terms"]["org_keys"] for c in filters[1]["bool"]["should"] if "terms" in c)
    assert entity_key("شورای شهر تهران") in org_keys
    assert {"terms": {"place_keys": ["مشهد"]}} in filters[2]["bool"]["should"]


def test_a_name_typed_apart_also_matches_its_compound_spelling() -> None:
    # as on SQLite: «اتوبوس رانی» typed apart finds the organisation stored as «اتوبوس‌رانی»
    q = SearchQuery(speaker="شرکت واحد اتوبوس رانی", organisation="شرکت واحد اتوبوس رانی")
    filters = search_body(q, parse(""))["query"]["bool"]["filter"]
    joined = entity_key("شرکت واحد اتوبوس\u200cرانی")
    assert {"match_phrase": {"speaker_terms": joined}} in filters[0]["bool"]["should"]
    org_keys = next(c["terms"]["org_keys"] for c in filters[1]["bool"]["should"] if "terms" in c)
    assert joined in org_keys and entity_key("شرکت واحد اتوبوس رانی") in org_keys


def test_a_quoted_speaker_is_a_term_on_the_faceted_field() -> None:
    filters = search_body(SearchQuery(speaker="«شهردار تهران»"), parse(""))["query"]["bool"]["filter"]
    assert filters == [{"term": {"speaker_display": "شهردار تهران"}}]


def test_ids_restrict_a_search_to_those_documents() -> None:
    """A saved search runs over the day's new commitments by id (``goftar.watches``)."""
    body = search_body(SearchQuery(text="مترو", ids=("a1", "b2")), parse("مترو"))
    assert {"ids": {"values": ["a1", "b2"]}} in body["query"]["bool"]["filter"]
    assert not any(
        "ids" in clause for clause in search_body(SearchQuery(), parse(""))["query"]["bool"]["filter"]
    )


def test_new_in_counts_undated_and_late_seen() -> None:
    q = new_in_query(datetime(2024, 7, 23, tzinfo=UTC), datetime(2024, 7, 24, tzinfo=UTC))
    published, seen = q["bool"]["should"]
    assert published == {
        "bool": {
            "filter": [
                {
                    "range": {
                        "published": {"gte": "2024-07-23T00:00:00+00:00", "lt": "2024-07-24T00:00:00+00:00"}
                    }
                },
                # seen by the window's end: an article crawled later is new on the day it is seen, not twice
                {"range": {"first_seen": {"lt": "2024-07-24T00:00:00+00:00"}}},
            ]
        }
    }
    assert seen["bool"]["should"][0] == {"bool": {"must_not": [{"exists": {"field": "published"}}]}}


def test_bulk_actions_use_content_ids_and_keep_first_seen() -> None:
    article, extraction = sc.vaccine_article()
    first = article_actions("gf", article, extraction, None)
    again = article_actions("gf", article, extraction, "2024-01-01T00:00:00+00:00")
    assert [a["_id"] for a in first] == [a["_id"] for a in again]
    assert [a["_index"] for a in first] == ["gf-articles", "gf-statements", "gf-commitments"]
    assert (
        first[0]["first_seen"] == "2024-07-20T09:00:00+00:00"
        and again[2]["first_seen"] == "2024-01-01T00:00:00+00:00"
    )
    commitment = first[2]
    assert commitment["body"].startswith("شهرداری تهران تا پایان سال واکسن را")
    assert commitment["doc"]["evidence"] == extraction.commitments[0].evidence  # ZWNJ intact
    assert commitment["place_names"] == ["تهران"] and "شورای شهر تهران" in commitment["org_names"]
    assert commitment["deadline_day"] == "2025-03-20" and commitment["event_day"] == "2024-07-20"


def test_upsert_reports_per_item_failures_with_retries_configured() -> None:
    client = mock.MagicMock()
    client.mget.return_value = {"docs": [{"_id": "x", "found": False}]}
    store = ElasticStore(client, "gf")
    refused = {"index": {"_id": "bad-id", "status": 400, "error": {"type": "mapper_parsing_exception"}}}
    with mock.patch(
        "elasticsearch.helpers.streaming_bulk", return_value=iter([(True, {}), (False, refused)])
    ) as bulk:
        report = store.upsert([sc.vaccine_article()])
    kwargs = bulk.call_args.kwargs
    assert (
        kwargs["max_retries"] == 5 and kwargs["raise_on_error"] is False and kwargs["refresh"] == "wait_for"
    )
    assert len(list(bulk.call_args.args[1])) == 3
    assert report.articles == 1 and report.commitments == 1
    assert report.failed == [("bad-id", '{"type": "mapper_parsing_exception"}')]
    client.delete_by_query.assert_called_once()
    assert client.delete_by_query.call_args.kwargs["query"] == {
        "terms": {"article_id": [sc.vaccine_article()[0].id]}
    }


def test_ensure_creates_versioned_indices_behind_aliases() -> None:
    client = mock.MagicMock()
    client.indices.exists_alias.return_value = False
    ElasticStore(client, "gf").ensure()
    created = {c.kwargs["index"]: c.kwargs["aliases"] for c in client.indices.create.call_args_list}
    assert created["gf-commitments-v1"] == {"gf-commitments": {"is_write_index": True}}
    assert client.cluster.put_component_template.call_args.kwargs["name"] == "gf-analysis"


def test_migrate_swaps_the_alias_atomically() -> None:
    client = mock.MagicMock()
    client.indices.get_alias.return_value = {"gf-commitments-v1": {}}
    client.indices.exists.return_value = False
    ElasticStore(client, "gf").migrate("commitments", 2)
    client.indices.add_block.assert_called_once_with(index="gf-commitments-v1", block="write")
    actions = client.indices.update_aliases.call_args.kwargs["actions"]
    assert actions == [
        {"remove": {"index": "gf-commitments-v1", "alias": "gf-commitments"}},
        {"add": {"index": "gf-commitments-v2", "alias": "gf-commitments", "is_write_index": True}},
    ]
    client.indices.delete.assert_called_once_with(index="gf-commitments-v1")


def test_story_history_sorts_ties_by_first_seen_then_id() -> None:
    client = mock.MagicMock()
    hit = {"_source": {"story_id": "s-tie", "id": "c1", "doc": {"id": "c1"}}, "sort": ["x"]}
    client.search.return_value = {"hits": {"hits": [hit]}}
    store = ElasticStore(client, "gf")
    store.commitment_histories(["s-tie"])
    sort = client.search.call_args.kwargs["sort"]
    assert sort == [{"event_time": "asc"}, {"first_seen": "asc"}, {"id": "asc"}]
    assert client.search.call_args.kwargs["query"] == {"terms": {"story_id": ["s-tie"]}}


def test_response_becomes_a_result_with_facets_highlights_and_next_page() -> None:
    article, extraction = sc.vaccine_article()
    source = article_actions("gf", article, extraction, None)[2]
    response: dict[str, Any] = {
        "hits": {
            "total": {"value": 3},
            "hits": [{"_id": source["_id"], "_score": 2.5, "_source": source, "sort": [2.5, source["_id"]]}],
        },
        "aggregations": {"source": {"buckets": [{"key": "hamshahri", "doc_count": 3}]}},
    }
    q = SearchQuery(text="واکسن", size=1)
    result = hits_from(response, q, parse(q.text))
    assert result.total == 3 and result.facets == {"source": [("hamshahri", 3)]}
    assert "<mark>واکسن‌ها</mark>" in result.hits[0].highlight
    assert result.next_search_after == [2.5, source["_id"]]


def test_unreachable_server_is_a_store_error() -> None:
    settings = Settings.from_env({}, es_url="http://127.0.0.1:9", home="/tmp")
    with pytest.raises(StoreError, match="127.0.0.1:9"):
        ElasticStore.from_settings(settings)


def test_reindex_builds_the_next_version_of_each_kind_then_switches_its_alias() -> None:
    client = mock.MagicMock()
    client.indices.exists_alias.return_value = True
    client.indices.exists.return_value = False  # no half-built next version left by a killed reindex
    client.indices.get_alias.side_effect = lambda name: {f"{name}-v3": {"aliases": {name: {}}}}
    client.count.return_value = {"count": 7}
    report = ElasticStore(client, "gf").reindex()
    calls = [(c[0], c.kwargs) for c in client.mock_calls if c[0].startswith(("indices.", "reindex"))]
    commitments = [
        (name, kw)
        for name, kw in calls
        if "gf-commitments" in str(kw) and name != "indices.put_index_template"
    ]
    assert [name for name, _ in commitments] == [
        "indices.exists_alias",  # ensure(): templates first, the alias exists
        "indices.get_alias",  # which version is live
        "indices.get_alias",  # migrate(): what the alias points at now
        "indices.exists",  # a leftover next version?
        "indices.create",  # the next version, from the current templates
        "indices.add_block",  # writes to the old version would be lost at the switch: refused instead
        "reindex",  # copy server-side
        "indices.update_aliases",  # one atomic switch
        "indices.delete",  # then the old version goes
    ]
    assert commitments[4][1] == {"index": "gf-commitments-v4"}
    assert commitments[5][1] == {"index": "gf-commitments-v3", "block": "write"}
    assert commitments[6][1]["source"] == {"index": "gf-commitments"}
    assert commitments[6][1]["dest"] == {"index": "gf-commitments-v4"}
    assert commitments[7][1]["actions"] == [
        {"remove": {"index": "gf-commitments-v3", "alias": "gf-commitments"}},
        {"add": {"index": "gf-commitments-v4", "alias": "gf-commitments", "is_write_index": True}},
    ]
    assert commitments[8][1] == {"index": "gf-commitments-v3"}
    assert report["commitments"] == 7 and report["indices"]["articles"] == "gf-articles-v3 → gf-articles-v4"


def test_merge_near_duplicates_sends_partial_updates_of_the_story() -> None:
    client = mock.MagicMock()
    original = sc.vaccine_article()[0]
    c_orig = {
        "id": "c1",
        "article_id": original.id,
        "story_id": "s1",
        "event_time": "2024-07-20T08:00:00+00:00",
        "doc": {"speaker": sc.MAYOR.model_dump(), "action": "توزیع واکسن در همه مناطق تا پایان سال"},
    }
    c_copy = {
        "id": "c2",
        "article_id": "a-copy",
        "story_id": "s2",
        "event_time": "2024-07-20T10:00:00+00:00",
        "doc": {"speaker": None, "action": "توزیع واکسن در همه مناطق تا پایان سال"},
    }
    pages = {
        "gf-articles": [
            {"id": "a-copy", "full": {"duplicate_of": original.canonical_url}},
            {"id": original.id},
        ],
        "gf-commitments": [c_orig, c_copy],
    }
    client.search.side_effect = lambda index, **kw: {
        "hits": {"hits": [{"_source": s, "sort": [s["id"]]} for s in pages[index]]}
    }
    store = ElasticStore(client, "gf")
    with mock.patch("elasticsearch.helpers.streaming_bulk", return_value=iter([(True, {})])) as bulk:
        report = store.merge_near_duplicates()
    searched = client.search.call_args_list[-1].kwargs
    assert searched["sort"] == [{"id": "asc"}] and "doc.action" in searched["source_includes"]
    assert list(bulk.call_args.args[1]) == [
        {
            "_op_type": "update",
            "_index": "gf-commitments",
            "_id": "c2",
            "doc": {"story_id": "s1", "doc": {"story_id": "s1"}},
        }
    ]
    assert report["commitments_changed"] == 1 and report["duplicate_articles"] == 1 and report["failed"] == 0


def test_a_search_past_its_budget_is_a_search_timeout() -> None:
    from index.base import SearchTimeout

    client = mock.MagicMock()
    searching = client.options.return_value.search
    searching.return_value = {"timed_out": True, "hits": {"total": {"value": 0}, "hits": []}}
    store = ElasticStore(client, "gf", search_budget=2.5)
    with pytest.raises(SearchTimeout, match="2.5 s"):
        store.search(SearchQuery(text="مترو"))
    assert client.options.call_args.kwargs == {"request_timeout": 3.5}
    assert searching.call_args.kwargs["timeout"] == "2500ms"
