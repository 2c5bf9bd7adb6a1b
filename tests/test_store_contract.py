"""One contract for every store backend: SQLite always, Elasticsearch when GOFTAR_ES_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import search_corpus as sc

from goftar.errors import ConfigError
from goftar.model import Article, Commitment, CrawlHealth, Deadline, Extraction
from goftar.settings import Settings
from index.base import SearchQuery, Store

ES_URL = os.environ.get("GOFTAR_ES_URL", "")


def _sqlite(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    from index.sqlite import SqliteStore

    return SqliteStore.open(tmp_path / "store.sqlite3")


def _elastic(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    from index.elastic import ElasticStore

    settings = Settings.from_env(es_prefix=f"goftar-test-{uuid.uuid4().hex[:8]}", home=tmp_path)
    return ElasticStore.from_settings(settings)


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.es)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    if request.param == "elasticsearch":
        if not ES_URL:
            pytest.skip("GOFTAR_ES_URL is not set: no Elasticsearch server to run the contract against")
        made = _elastic(tmp_path)
    else:
        made = _sqlite(tmp_path)
    yield made
    if request.param == "elasticsearch":
        made.drop()  # type: ignore[attr-defined]
    made.close()


@pytest.fixture
def filled(store: Store) -> Store:
    report = store.upsert(sc.corpus())
    assert (report.articles, report.commitments, report.failed) == (4, 5, [])
    return store


def ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.doc["evidence"].split()[0] + ":" + h.doc["article"]["source"] for h in result.hits}


def evidences(store: Store, text: str = "", **filters: object) -> set[str]:
    result = store.search(SearchQuery(text=text, size=50, **filters))  # type: ignore[arg-type]
    return {h.doc["evidence"] for h in result.hits}


VACCINE, SCHOOLS = (
    sc.vaccine_article()[1].commitments[0].evidence,
    sc.restated_article()[1].commitments[0].evidence,
)
HOSPITAL = sc.restated_article()[1].commitments[1].evidence
METRO, BRIDGE = sc.metro_post()[1].commitments[0].evidence, sc.old_article()[1].commitments[0].evidence


# ---------------------------------------------------------------- writing


def test_rerun_updates_instead_of_duplicating(filled: Store) -> None:
    before = filled.counts()
    filled.upsert(sc.corpus())
    assert filled.counts() == before
    assert before["articles"] == 4 and before["commitments"] == 5 and before["statements"] == 1


def test_a_bulk_load_reports_each_batch_in_order(store: Store) -> None:
    corpus = sc.corpus()
    batches = [corpus[:1], corpus[1:3], corpus[3:]]
    reports: list = []
    total = store.upsert_many(iter(batches), on_batch=reports.append)
    assert [r.articles for r in reports] == [1, 2, 1]
    assert [r.commitments for r in reports] == [sum(len(e.commitments) for _a, e in b) for b in batches]
    assert (total.articles, total.commitments, total.failed) == (4, 5, [])
    assert store.counts()["commitments"] == 5
    assert evidences(store, "واکسن") >= {VACCINE}


def test_reextracted_article_replaces_its_commitments(filled: Store) -> None:
    article, extraction = sc.restated_article()
    only_hospital = Extraction(text=extraction.text, commitments=[extraction.commitments[1]])
    filled.upsert([(article, only_hospital)])
    assert filled.counts()["commitments"] == 4
    assert evidences(filled, "مدارس") == set()
    assert evidences(filled, "بیمارستان") == {HOSPITAL}


def test_has_article_compares_content(filled: Store) -> None:
    article, _ = sc.vaccine_article()
    assert filled.has_article(article.id, article.content_hash)
    assert not filled.has_article(article.id, "0" * 64)
    assert not filled.has_article("missing", article.content_hash)


def test_article_round_trips_with_persian_intact(filled: Store) -> None:
    article, _ = sc.vaccine_article()
    got = filled.get_article(article.id)
    assert got is not None and got.text == article.text and "\u200c" in got.text
    assert filled.get_article("nope") is None


# ---------------------------------------------------------------- text search


def test_stemming_and_zwnj_variants_meet(filled: Store) -> None:
    for query in ("واکسن", "واکسن‌ها", "واکسنها", "واکسنی", "واكسن"):  # last: Arabic kaf
        assert evidences(filled, query) == {VACCINE, SCHOOLS}, query


def test_compound_words_meet_however_typed(filled: Store) -> None:
    # A compound's parts are joined by ZWNJ in the stored text; a query must find it typed with the
    # ZWNJ or without it, and mark the word.
    for query in ("برنامه‌ریزی", "برنامهریزی", "آتش‌نشانی", "آتشنشانی", "«برنامه‌ریزی آتش‌نشانی»"):
        assert evidences(filled, query) == {BRIDGE}, query
    # Typed as two words, it finds the compound too; and a text that wrote it apart is found by both.
    for query in ("برنامه ریزی", "آتش نشانی", "«آتش نشانی»"):
        assert evidences(filled, query) == {BRIDGE}, query
    apart = "ایستگاه آتش نشانی منطقه ۵ تا پایان سال ساخته می‌شود"
    article = sc._article("fire", "isna", "آتش نشانی", apart, None, datetime(2024, 7, 24, tzinfo=UTC))
    filled.upsert([(article, Extraction(text=apart, commitments=[sc._commitment(article, apart, None)]))])
    for query in ("آتش‌نشانی", "آتشنشانی", "آتش نشانی"):
        assert evidences(filled, query) == {BRIDGE, apart}, query
    marked = {h.doc["evidence"]: h.highlight for h in filled.search(SearchQuery(text="آتشنشانی")).hits}
    assert (
        "<mark>آتش‌نشانی</mark>" in marked[BRIDGE] and "<mark>آتش</mark> <mark>نشانی</mark>" in marked[apart]
    )


def test_digits_match_in_either_script(filled: Store) -> None:
    assert evidences(filled, "10 بیمارستان") == {HOSPITAL}
    assert evidences(filled, "۱۰ مترو") == {METRO}


def test_phrases_need_adjacent_words(filled: Store) -> None:
    assert evidences(filled, "«پایان سال»") == {VACCINE, SCHOOLS}
    assert evidences(filled, '"توزیع واکسنی"') == {SCHOOLS}
    assert evidences(filled, "«سال پایان»") == set()


def test_or_and_exclusion(filled: Store) -> None:
    assert evidences(filled, "مترو OR بیمارستان") == {METRO, HOSPITAL}
    assert evidences(filled, "واکسن -مدارس") == {VACCINE}
    assert evidences(filled, "-واکسن") == {HOSPITAL, METRO, BRIDGE}
    assert evidences(filled, "تهران مدارس") == set()  # words are ANDed


def test_highlight_marks_matches_and_escapes_the_rest(filled: Store) -> None:
    hit = filled.search(SearchQuery(text="واکسن")).hits
    marked = {h.doc["evidence"]: h.highlight for h in hit}
    assert "<mark>واکسن‌ها</mark>" in marked[VACCINE]
    assert "<mark>واکسنی</mark>" in marked[SCHOOLS]
    metro = filled.search(SearchQuery(text="مترو")).hits[0]
    assert "<mark>مترو</mark>" in metro.highlight
    assert "<script>" not in metro.highlight and "&lt;script&gt;" in metro.highlight
    assert "<img" not in metro.highlight


def test_statements_and_articles_are_searchable(filled: Store) -> None:
    statements = filled.search(SearchQuery(text="واکسن", doc_type="statement"))
    assert [h.doc["quote"] for h in statements.hits] == [VACCINE]
    articles = filled.search(SearchQuery(text="بیمارستان", doc_type="article"))
    assert [h.doc["title"] for h in articles.hits] == ["ادامه واکسیناسیون و بیمارستان‌های تازه"]
    assert "raw_text" not in articles.hits[0].doc


def test_query_too_long_or_filter_misplaced_is_a_config_error(filled: Store) -> None:
    with pytest.raises(ConfigError):
        filled.search(SearchQuery(text="و " * 400))
    with pytest.raises(ConfigError):
        filled.search(SearchQuery(doc_type="article", polarity="commit"))
    with pytest.raises(ConfigError, match="facet size"):
        filled.search(SearchQuery(text="واکسن", facet_size=10_000))  # facets stay capped


# ---------------------------------------------------------------- filters, facets, sorting, paging


def test_speaker_filter_matches_text_canonical_name_or_id(filled: Store) -> None:
    assert evidences(filled, speaker="زاکانی") == {VACCINE, SCHOOLS}
    assert evidences(filled, speaker="علیرضا زاکانی") == {VACCINE, SCHOOLS}
    assert evidences(filled, speaker="Q-zakani") == {VACCINE, SCHOOLS}
    assert evidences(filled, speaker="سخنگوی شورای شهر") == {HOSPITAL}
    assert evidences(filled, speaker="رضا") == set()  # a whole word of the name, not a part of «علیرضا»


def test_a_quoted_speaker_is_that_speaker_exactly_as_its_facet_counts(filled: Store) -> None:
    """The web page's speaker facet links are quoted: a click shows as many results as the facet said (a
    plain «شهردار» also matches «شهردار تهران»)."""
    facets = filled.search(SearchQuery()).facets["speaker"]
    assert facets
    for value, count in facets:
        assert filled.search(SearchQuery(speaker=f"«{value}»")).total == count
    assert evidences(filled, speaker='"علیرضا زاکانی"') == {VACCINE, SCHOOLS}
    assert evidences(filled, speaker="«زاکانی»") == set()  # a word of the name, quoted, is not the speaker


def test_organisation_place_source_polarity_status_filters(filled: Store) -> None:
    assert evidences(filled, organisation="شورای شهر تهران") == {VACCINE, SCHOOLS, HOSPITAL}
    assert evidences(filled, place="مشهد") == {SCHOOLS, HOSPITAL}
    # A facility (a square, a station, a highway) is a place too, as in the digest.
    assert evidences(filled, place="میدان انقلاب") == {BRIDGE}
    assert ("میدان انقلاب", 1) in filled.search(SearchQuery(text="پل")).facets["place"]
    # Tagged LOC in one mention and FAC in another, a place is still one value counted once.
    bridge, extraction = sc.old_article()
    twice = [*extraction.entities, sc._entity(bridge, "میدان انقلاب", "LOC")]
    filled.upsert([(bridge, extraction.model_copy(update={"entities": twice}))])
    assert ("میدان انقلاب", 1) in filled.search(SearchQuery(text="پل")).facets["place"]
    assert evidences(filled, "واکسن", source="isna") == {SCHOOLS}
    assert evidences(filled, polarity="intend") == {HOSPITAL}
    assert evidences(filled, polarity="hope", source="hamshahri") == {BRIDGE}
    assert evidences(filled, status="open") == {VACCINE, SCHOOLS, HOSPITAL, METRO, BRIDGE}


def test_date_ranges(filled: Store) -> None:
    # Published (else first seen) in Tehran days; the undated metro post counts on the day it was seen.
    assert evidences(filled, published_from=date(2024, 7, 21)) == {SCHOOLS, HOSPITAL, METRO}
    assert evidences(filled, published_from=date(2024, 6, 1), published_to=date(2024, 7, 20)) == {
        VACCINE,
        BRIDGE,
    }
    assert evidences(filled, deadline_from=date(2024, 8, 1), deadline_to=date(2025, 3, 20)) == {
        VACCINE,
        SCHOOLS,
        METRO,
    }


def test_facets_count_the_matching_set(filled: Store) -> None:
    facets = filled.search(SearchQuery(text="واکسن OR بیمارستان")).facets
    assert facets["speaker"] == [("علیرضا زاکانی", 2), ("سخنگوی شورای شهر", 1)]
    assert dict(facets["source"]) == {"isna": 2, "hamshahri": 1}
    assert dict(facets["polarity"]) == {"commit": 2, "intend": 1}
    assert dict(facets["place"]) == {"مشهد": 2, "تهران": 1}
    assert dict(facets["organisation"])["شورای شهر تهران"] == 3
    assert filled.search(SearchQuery(facets=False)).facets == {}


def test_facets_of_a_filtered_text_query(filled: Store) -> None:
    # Text and a filter (SQLite: the facet columns are carried in the match table while filtering).
    facets = filled.search(SearchQuery(text="واکسن OR بیمارستان", polarity="commit")).facets
    assert facets["speaker"] == [("علیرضا زاکانی", 2)]
    assert dict(facets["source"]) == {"isna": 1, "hamshahri": 1}
    assert dict(facets["polarity"]) == {"commit": 2}
    assert dict(facets["place"]) == {"مشهد": 1, "تهران": 1}


def test_sort_by_date_and_deadline(filled: Store) -> None:
    by_date = filled.search(SearchQuery(sort="date", size=10)).hits
    assert [h.doc["evidence"] for h in by_date][:1] == [METRO]  # first seen 23 July noon, newest
    assert by_date[-1].doc["evidence"] == BRIDGE
    by_deadline = [h.doc["evidence"] for h in filled.search(SearchQuery(sort="deadline", size=10)).hits]
    assert by_deadline[0] == BRIDGE and by_deadline[1] == METRO and by_deadline[-1] == HOSPITAL


def test_relevance_ranks_the_denser_match_first(filled: Store) -> None:
    hits = filled.search(SearchQuery(text="مترو")).hits
    assert hits[0].doc["evidence"] == METRO and hits[0].score > 0


def test_paging_and_search_after_visit_every_hit_once(filled: Store) -> None:
    seen: list[str] = []
    after = None
    while True:
        result = filled.search(SearchQuery(sort="date", size=2, search_after=after, facets=False))
        seen.extend(h.id for h in result.hits)
        after = result.next_search_after
        if after is None:
            break
    assert len(seen) == len(set(seen)) == 5
    pages = [filled.search(SearchQuery(sort="deadline", size=2, page=p)).hits for p in (1, 2, 3)]
    assert sum(len(p) for p in pages) == 5 and filled.search(SearchQuery(size=2)).total == 5


# ---------------------------------------------------------------- documents, history


def test_commitment_hit_carries_quote_speaker_deadline_and_source(filled: Store) -> None:
    hit = filled.search(SearchQuery(text="«همه مناطق»")).hits[0]
    doc = hit.doc
    assert doc["speaker"]["canonical_name"] == "علیرضا زاکانی"
    assert doc["deadline"]["end"] == "2025-03-20" and doc["deadline"]["end_jalali"] == "1403/12/30"
    assert doc["article"]["url"] == "https://hamshahri.example/news/vaccine-1"
    assert doc["article"]["archive"] == "hamshahri-20240720.warc.gz#1024"
    assert filled.get_commitment(hit.id)["evidence"] == VACCINE  # type: ignore[index]
    assert filled.get_commitment("missing") is None


def test_history_lists_a_story_oldest_first(filled: Store) -> None:
    assert [d["evidence"] for d in filled.commitment_history("s-vaccine")] == [VACCINE, SCHOOLS]
    assert filled.commitment_history("nothing") == []


def test_history_breaks_a_tie_of_publication_by_who_was_seen_first(store: Store) -> None:
    """Two agencies run one release at the same minute: the copy crawled first opens the story, whichever
    source was indexed first (each backend used to order such ties its own way: rowid block, id hash)."""
    published = datetime(2024, 9, 1, 8, 0, tzinfo=UTC)
    text = "شهرداری اعلام کرد پل طبقاتی تا پایان مهر افتتاح می‌شود."
    batch = []
    for source, fetched_hour in (("alpha", 11), ("beta", 9)):
        url = f"https://{source}.example/news/bridge"
        article = Article(
            url=url,
            canonical_url=url,
            source=source,
            title="پل طبقاتی",
            raw_text=text,
            text=text,
            published=published,
            fetched=published.replace(hour=fetched_hour),
        )
        commitment = Commitment(
            speaker=None,
            action=text,
            evidence=text,
            polarity="commit",
            start=0,
            end=len(text),
            article_id=article.id,
            story_id="s-tie",
        )
        batch.append((article, Extraction(text=text, commitments=[commitment])))
    store.upsert(batch)
    history = store.commitment_history("s-tie")
    assert [d["article"]["source"] for d in history] == ["beta", "alpha"]
    assert [d["article"]["source"] for d in store.commitment_histories(["s-tie"])["s-tie"]] == [
        "beta",
        "alpha",
    ]


# ---------------------------------------------------------------- digest queries

DAY_23 = (datetime(2024, 7, 23, tzinfo=UTC), datetime(2024, 7, 24, tzinfo=UTC))


def test_new_on_a_day_counts_undated_and_late_seen(filled: Store) -> None:
    new = {d["evidence"] for d in filled.commitments_in(*DAY_23)}
    assert new == {SCHOOLS, HOSPITAL, METRO, BRIDGE}
    assert {
        d["evidence"]
        for d in filled.commitments_in(datetime(2024, 7, 20, tzinfo=UTC), datetime(2024, 7, 21, tzinfo=UTC))
    } == {VACCINE}


def test_first_seen_survives_a_rerun(filled: Store) -> None:
    article, extraction = sc.metro_post()
    later = article.model_copy(update={"fetched": datetime(2024, 8, 1, tzinfo=UTC)})
    filled.upsert([(later, extraction)])
    assert METRO in {d["evidence"] for d in filled.commitments_in(*DAY_23)}
    assert filled.commitments_in(datetime(2024, 8, 1, tzinfo=UTC), datetime(2024, 8, 2, tzinfo=UTC)) == []


def test_due_overdue_and_recomputed_statuses(filled: Store) -> None:
    assert [d["evidence"] for d in filled.due_between(date(2024, 8, 1), date(2024, 8, 31))] == [METRO]
    assert [d["evidence"] for d in filled.overdue(date(2024, 8, 6))] == [METRO, BRIDGE]
    changed = filled.recompute_statuses(date(2024, 8, 1))
    assert changed == 2  # metro due within a week, bridge overdue
    assert evidences(filled, status="overdue") == {BRIDGE}
    assert evidences(filled, status="due") == {METRO}
    assert filled.recompute_statuses(date(2024, 8, 1)) == 0


def test_status_and_deadline_filters_follow_the_due_day(filled: Store) -> None:
    # A «by» deadline stated with its start (the day it was said) is open until a week before it ends;
    # a start-only deadline («از هفته آینده») says when work begins: no due day, never due or overdue.
    metro, metro_x = sc.metro_post()
    bridge, bridge_x = sc.old_article()
    by = Deadline(text="تا پایان آذر", start=date(2024, 7, 23), end=date(2024, 12, 20), kind="by")
    start_only = Deadline(text="از هفته آینده", start=date(2024, 6, 8), kind="from")
    filled.upsert(
        [
            (
                metro,
                metro_x.model_copy(
                    update={"commitments": [metro_x.commitments[0].model_copy(update={"deadline": by})]}
                ),
            ),
            (
                bridge,
                bridge_x.model_copy(
                    update={
                        "commitments": [
                            bridge_x.commitments[0].model_copy(
                                update={"deadline": start_only, "status": "overdue"}
                            )
                        ]
                    }
                ),
            ),
        ]
    )
    filled.recompute_statuses(date(2024, 8, 1))  # the bridge came marked overdue by an older rule
    assert evidences(filled, status="due") == set() and evidences(filled, status="overdue") == set()
    assert evidences(filled, status="open") >= {METRO, BRIDGE}
    assert evidences(filled, deadline_from=date(2024, 6, 1), deadline_to=date(2024, 6, 30)) == set()
    assert [d["evidence"] for d in filled.overdue(date(2025, 1, 1))][:1] == [METRO]
    assert BRIDGE not in {d["evidence"] for d in filled.overdue(date(2025, 1, 1))}
    filled.recompute_statuses(date(2024, 12, 15))
    assert evidences(filled, status="due") == {METRO}


def test_restated_in_finds_the_second_telling(filled: Store) -> None:
    restated = filled.restated_in(*DAY_23)
    assert [d["evidence"] for d in restated] == [SCHOOLS]
    assert restated[0]["restates"] == 1


def test_top_entities_source_volume_daily_counts(filled: Store) -> None:
    window = (datetime(2024, 7, 20, tzinfo=UTC), datetime(2024, 7, 24, tzinfo=UTC))
    top = filled.top_entities(*window, limit=3)
    assert top[0]["text"] == "شورای شهر تهران" and top[0]["articles"] == 2
    assert filled.source_volume(*window) == {"isna": 2, "hamshahri": 2}
    counts = filled.daily_counts(date(2024, 7, 19), date(2024, 7, 23))
    assert counts == {
        date(2024, 7, 19): 0,
        date(2024, 7, 20): 1,
        date(2024, 7, 21): 0,
        date(2024, 7, 22): 0,
        date(2024, 7, 23): 4,  # with the bridge: published in June, first seen that day
    }


def test_daily_counts_count_each_days_new_commitments(filled: Store) -> None:
    """The digest's chart and its lists count the same thing: each bar is that day's ``commitments_in``."""
    from goftar.jalali import day_bounds

    counts = filled.daily_counts(date(2024, 5, 31), date(2024, 7, 24))
    listed = {day: len(filled.commitments_in(*day_bounds(day, "Asia/Tehran"))) for day in counts}
    assert counts == listed
    # Each commitment once: the bridge, published on 1 June and first seen on 23 July, is new on the 23rd.
    assert counts[date(2024, 6, 1)] == 0 and counts[date(2024, 7, 23)] == 4
    ids = [d["id"] for day in counts for d in filled.commitments_in(*day_bounds(day, "Asia/Tehran"))]
    assert len(ids) == len(set(ids)) == sum(counts.values())  # no commitment is new on two days


def test_crawl_health_round_trips(store: Store) -> None:
    ok = CrawlHealth(source="isna", started=datetime(2024, 7, 23, 1, tzinfo=UTC), items=12)
    bad = CrawlHealth(
        source="hamshahri", started=datetime(2024, 7, 23, 2, tzinfo=UTC), errors=3, message="HTTP 503"
    )
    store.record_crawl(ok)
    store.record_crawl(bad)
    store.record_crawl(bad)
    assert store.crawl_health(*DAY_23) == [ok, bad]
    assert store.counts()["crawls"] == 2


# ---------------------------------------------------------------- maintenance

AGAIN = "توزیع واکسن‌ها در همه مناطق تهران تا پایان امسال انجام می‌شود"
PARKING = "ساخت پارکینگ طبقاتی در میدان آزادی آغاز می‌شود"


def _copy_of_vaccine_release(outlet: str, hours: int, *, keep_speaker: bool) -> tuple:  # type: ignore[type-arg]
    """The vaccine release republished by another outlet: the crawler's MinHash dedup points it at the
    first copy, and each copy's commitment got a story of its own at ingest."""
    article, extraction = sc.vaccine_article()
    url = f"https://{outlet}.example/news/vaccine-copy"
    copy = article.model_copy(
        update={
            "url": url,
            "canonical_url": url,
            "source": outlet,
            "published": article.published + timedelta(hours=hours),  # type: ignore[operator]
            "duplicate_of": article.canonical_url,
            "archive": None,
        }
    )
    original = extraction.commitments[0]
    commitment = original.model_copy(
        update={
            "article_id": copy.id,
            "story_id": f"s-{outlet}",
            "speaker": original.speaker if keep_speaker else None,  # one outlet dropped the attribution
        }
    )
    return copy, Extraction(text=extraction.text, commitments=[commitment])


def _said_by_the_mayor(key: str, evidence: str, story: str, day: int) -> tuple:  # type: ignore[type-arg]
    text = f"زاکانی گفت {evidence}."
    url = f"https://tasnim.example/news/{key}"
    article = Article(
        url=url,
        canonical_url=url,
        source="tasnim",
        title="زاکانی",
        raw_text=text,
        text=text,
        published=datetime(2024, 7, day, 9, tzinfo=UTC),
        fetched=datetime(2024, 7, day, 10, tzinfo=UTC),
    )
    start = text.index(evidence)
    commitment = Commitment(
        speaker=sc.MAYOR,
        action=evidence,
        evidence=evidence,
        polarity="commit",
        start=start,
        end=start + len(evidence),
        article_id=article.id,
        story_id=story,
    )
    return article, Extraction(text=text, commitments=[commitment])


def test_merge_near_duplicates_makes_one_story_with_several_sources(filled: Store) -> None:
    report = filled.upsert(
        [
            _copy_of_vaccine_release("mehr", 2, keep_speaker=True),
            _copy_of_vaccine_release("irna", 5, keep_speaker=False),
            _said_by_the_mayor("again", AGAIN, "s-again", 28),
            _said_by_the_mayor("parking", PARKING, "s-parking", 29),
        ]
    )
    assert report.failed == []
    merged = filled.merge_near_duplicates()
    assert merged["commitments_changed"] == 3 and merged["stories_merged"] == 3
    assert merged["duplicate_articles"] == 2
    history = filled.commitment_history("s-vaccine")
    assert [(d["article"]["source"], d["evidence"]) for d in history] == [
        ("hamshahri", VACCINE),
        ("mehr", VACCINE),
        ("irna", VACCINE),
        ("isna", SCHOOLS),
        ("tasnim", AGAIN),
    ]
    assert all(d["story_id"] == "s-vaccine" for d in history)  # hits show the merged story too
    assert filled.commitment_history("s-mehr") == [] and filled.commitment_history("s-again") == []
    assert [d["evidence"] for d in filled.commitment_history("s-parking")] == [PARKING]
    hit = filled.search(SearchQuery(text="واکسن", source="irna")).hits[0]
    assert hit.doc["story_id"] == "s-vaccine"
    again = filled.merge_near_duplicates()
    assert again["commitments_changed"] == 0 and again["stories_merged"] == 0  # idempotent


def test_reindex_rebuilds_the_index_without_changing_results(filled: Store) -> None:
    queries = ["واکسن", "«پایان سال»", "مترو OR پل", "واکسن -مدارس"]
    before = {q: evidences(filled, q) for q in queries}
    facets = filled.search(SearchQuery(text="واکسن")).facets
    counts = filled.counts()
    report = filled.reindex()
    assert (report["articles"], report["statements"], report["commitments"]) == (4, 1, 5)
    assert {q: evidences(filled, q) for q in queries} == before
    assert filled.search(SearchQuery(text="واکسن")).facets == facets
    assert filled.counts() == counts
    assert filled.upsert(sc.corpus()).failed == []  # writes go to the rebuilt index
    assert {q: evidences(filled, q) for q in queries} == before
