"""SQLite-specific storage: documents stored once and compactly, and stores from schema v1 migrated in place."""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from goftar.errors import StoreError
from goftar.model import Deadline, Extraction
from index import sqlite_search
from index.base import SearchQuery, commitment_doc
from index.sqlite import SCHEMA_VERSION, SqliteStore
from index.sqlite_docs import commitment_from_row, ref_doc
from index.sqlite_write import BLOCK_BITS, filter_token, unpack
from tests.search_corpus import _article, _commitment, _entity, corpus, metro_post, vaccine_article

VACCINE_EVIDENCE = vaccine_article()[1].commitments[0].evidence


def _fill(path: Path) -> SqliteStore:
    store = SqliteStore.open(path)
    report = store.upsert(corpus())
    assert not report.failed
    return store


def _snapshot(store: SqliteStore) -> dict[str, object]:
    return {
        "search": store.search(SearchQuery(text="واکسن")).to_json(),
        "by_date": store.search(SearchQuery(sort="date", size=2)).to_json(),
        "statements": store.search(SearchQuery(text="واکسن", doc_type="statement")).to_json(),
        "history": store.commitment_history("s-vaccine"),
        "due": store.due_between(date(2024, 1, 1), date(2027, 1, 1)),
    }


def _downgrade_to_v4(path: Path) -> None:
    """Rewrite a store into the v4 layout: child rows point at their article by its id, not its rowid, and
    documents are raw deflate, not zstd."""
    _downgrade_to_v5(path)
    conn = sqlite3.connect(path)
    conn.create_function("deflate", 1, lambda v: zlib.compress(json.dumps(unpack(v)).encode(), 1, -15))
    conn.executescript(
        """
        UPDATE commitment_docs SET json = deflate(json);
        UPDATE articles SET json = deflate(json);
        CREATE TABLE entities_v4 (article_id TEXT NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL,
            display TEXT NOT NULL, canonical_id TEXT, mentions INTEGER NOT NULL,
            PRIMARY KEY (article_id, label, key)) WITHOUT ROWID;
        INSERT INTO entities_v4 SELECT a.id, e.label, e.key, e.display, e.canonical_id, e.mentions
            FROM entities e JOIN articles a ON a.rowid = e.article_rowid;
        DROP TABLE entities;
        ALTER TABLE entities_v4 RENAME TO entities;
        CREATE INDEX entities_label_key ON entities(label, key, article_id);
        CREATE INDEX entities_label_cid ON entities(label, canonical_id);
        DROP INDEX statements_article;
        DROP INDEX commitments_article;
        ALTER TABLE statements DROP COLUMN article_rowid;
        ALTER TABLE commitments DROP COLUMN article_rowid;
        CREATE INDEX statements_article ON statements(article_id);
        CREATE INDEX commitments_article ON commitments(article_id);
        PRAGMA user_version = 4;
        """
    )
    conn.close()


def _downgrade_to_v6(path: Path) -> None:
    """Rewrite a store into the v6 layout: facilities were not among the places of ``facet_refs``, and the
    analysis stripped every final ی («شهرداری» → شهردار, «زاکانی» → زاکان) in keys and the index."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entities SET key = replace(key, 'شهرداری', 'شهردار')")
    for table in ("statements", "commitments"):
        conn.execute(f"UPDATE {table} SET speaker_key = replace(speaker_key, 'زاکانی', 'زاکان')")
    for table in ("article_fts", "statement_fts", "commitment_fts"):
        conn.execute(
            f"UPDATE {table} SET body = replace(replace(body, 'شهرداری', 'شهردار'), 'زاکانی', 'زاکان')"
        )
    item = "e.label || char(31) || e.key || char(31) || e.display"
    for table, rowid in (
        ("articles", "rowid"),
        ("statements", "article_rowid"),
        ("commitments", "article_rowid"),
    ):
        conn.execute(
            f"UPDATE {table} SET facet_refs = (SELECT group_concat({item}, char(30)) FROM entities e "
            f"WHERE e.article_rowid = {table}.{rowid} AND e.label IN ('ORG', 'LOC'))"
        )
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()


def test_store_from_v6_gets_facilities_and_keys_of_the_new_analysis(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    before = _snapshot(store)
    query = SearchQuery(text="پل")
    facets = store.search(query).facets
    assert ("میدان انقلاب", 1) in facets["place"]
    found = [store.search(q).total for q in _KEYED]
    assert all(found)
    store.close()
    _downgrade_to_v6(path)
    old = sqlite3.connect(path)
    assert old.execute("SELECT count(*) FROM commitments WHERE facet_refs LIKE '%FAC%'").fetchone()[0] == 0
    old.close()

    migrated = SqliteStore.open(path)
    assert migrated._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
    assert migrated.search(query).facets == facets
    assert [migrated.search(q).total for q in _KEYED] == found
    assert _snapshot(migrated) == before


def test_names_the_new_analysis_keys_alike_become_one_entity(tmp_path: Path) -> None:
    # v6 keyed «شهرداری تهران» شهردار تهران and «شهرداریهای تهران» شهرداری تهران: two rows of one
    # article. v7 keys both «شهرداری تهران»; the migration must merge them, not fail on the primary key.
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    _downgrade_to_v6(path)
    conn = sqlite3.connect(path)
    (rowid,) = conn.execute("SELECT article_rowid FROM entities WHERE display = 'شهرداری تهران'").fetchone()
    conn.execute(
        "INSERT INTO entities VALUES (?, 'ORG', 'شهرداری تهران', 'شهرداریهای تهران', NULL, 2)", (rowid,)
    )
    conn.commit()
    conn.close()

    migrated = SqliteStore.open(path)
    rows = migrated._conn.execute(  # noqa: SLF001
        "SELECT key, mentions FROM entities WHERE article_rowid = ? AND label = 'ORG' AND key LIKE 'شهردار%'",
        (rowid,),
    ).fetchall()
    assert [tuple(r) for r in rows] == [("شهرداری تهران", 3)]
    assert migrated.search(SearchQuery(organisation="شهرداریهای تهران")).total >= 1


# What the v6 analysis keyed differently: an organisation, a speaker and a word, each ending in ی.
_KEYED = (
    SearchQuery(organisation="شهرداری تهران"),
    SearchQuery(speaker="زاکانی"),
    SearchQuery(text="شهرداری"),
)


def _downgrade_to_v5(path: Path) -> None:
    """Rewrite a store into the v5 layout: a deadline with a start only had its start as due day."""
    _downgrade_to_v6(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE commitments SET deadline_day = deadline_start "
        "WHERE deadline_day IS NULL AND deadline_start IS NOT NULL"
    )
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()


def test_store_from_v5_drops_the_due_day_of_start_only_deadlines(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    article, extraction = metro_post()
    start_only = extraction.commitments[0].model_copy(
        update={"deadline": Deadline(text="از هفته آینده", start=date(2024, 7, 29), kind="from")}
    )
    assert not store.upsert([(article, extraction.model_copy(update={"commitments": [start_only]}))]).failed
    week = (date(2024, 7, 1), date(2024, 8, 31))
    assert [d["evidence"] for d in store.due_between(*week)] == []  # a start is not a due day
    store.close()
    _downgrade_to_v5(path)
    old = sqlite3.connect(path)
    assert (
        old.execute("SELECT count(*) FROM commitments WHERE deadline_day = '2024-07-29'").fetchone()[0] == 1
    )
    old.execute("UPDATE commitments SET status = 'overdue' WHERE deadline_day = '2024-07-29'")  # v5's rule
    old.commit()
    old.close()

    migrated = SqliteStore.open(path)
    assert migrated._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
    assert [d["evidence"] for d in migrated.due_between(*week)] == []
    assert migrated.search(SearchQuery(status="overdue", text="مترو")).total == 0  # no due day: open
    # A deadline with an end keeps its due day through the migration.
    assert VACCINE_EVIDENCE in {d["evidence"] for d in migrated.overdue(date(2025, 4, 1))}


def _downgrade_to_v3(path: Path) -> None:
    """Rewrite a store into the v3 layout: no copy of the article's organisations and places on rows."""
    _downgrade_to_v4(path)
    conn = sqlite3.connect(path)
    for table in ("articles", "statements", "commitments"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN facet_refs")
    conn.execute("PRAGMA user_version = 3")
    conn.close()


def _downgrade_to_v1(path: Path) -> None:
    """Rewrite a store into the v1 layout: each commitment's full document (article ref included) on its row."""
    _downgrade_to_v3(path)
    conn = sqlite3.connect(path)
    conn.create_function(
        "v1_doc",
        5,
        lambda doc, status, seen, ref, ident: json.dumps(
            commitment_from_row(doc, status, seen, ref, ident), ensure_ascii=False
        ),
    )
    conn.executescript(
        """
        ALTER TABLE commitments ADD COLUMN json TEXT;
        UPDATE commitments SET json = (
            SELECT v1_doc(d.json, commitments.status, commitments.first_seen, a.ref, commitments.id)
            FROM commitment_docs d, articles a WHERE d.rowid = commitments.rowid AND a.id = commitments.article_id);
        DROP TABLE commitment_docs;
        ALTER TABLE articles DROP COLUMN ref;
        PRAGMA user_version = 1;
        """
    )
    conn.close()


def test_commitment_hit_is_the_same_document_as_commitment_doc(tmp_path: Path) -> None:
    store = _fill(tmp_path / "s.sqlite3")
    article, extraction = vaccine_article()
    stored = store.get_commitment(extraction.commitments[0].id)
    assert stored is not None
    expected = commitment_doc(extraction.commitments[0], article)
    expected["first_seen"] = stored["first_seen"]
    assert stored == expected
    assert stored["deadline"]["end_jalali"] == "1403/12/30"


def test_store_from_v1_is_migrated_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    before = _snapshot(store)
    store.close()
    _downgrade_to_v1(path)

    migrated = SqliteStore.open(path)
    assert migrated._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
    assert _snapshot(migrated) == before
    # And it keeps working: re-indexing an article replaces its commitments instead of duplicating them.
    total = migrated.counts()["commitments"]
    assert not migrated.upsert([metro_post()]).failed
    assert migrated.counts()["commitments"] == total
    assert migrated.search(SearchQuery(text="مترو")).total >= 1


def test_raw_text_is_kept_only_when_it_differs(tmp_path: Path) -> None:
    store = SqliteStore.open(tmp_path / "s.sqlite3")
    same, extraction = vaccine_article()
    different = same.model_copy(update={"raw_text": same.text.replace("ی", "ي")})  # Arabic yeh as crawled
    store.upsert([(same, extraction)])
    assert store.get_article(same.id) == same
    store.upsert([(different, extraction)])
    got = store.get_article(same.id)
    assert got is not None and got.raw_text == different.raw_text and got.text == same.text


def test_store_from_v3_gets_its_place_and_organisation_facets_back(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    before = _snapshot(store)
    facets = store.search(SearchQuery(text="واکسن")).facets
    assert facets["place"] and facets["organisation"]  # the corpus names places and organisations
    store.close()
    _downgrade_to_v3(path)

    migrated = SqliteStore.open(path)
    assert migrated._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # noqa: SLF001
    assert migrated.search(SearchQuery(text="واکسن")).facets == facets
    assert _snapshot(migrated) == before


def test_store_from_v4_links_children_by_article_rowid_and_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    before = _snapshot(store)
    facets = store.search(SearchQuery(text="واکسن")).facets
    store.close()
    _downgrade_to_v4(path)

    migrated = SqliteStore.open(path)
    conn = migrated._conn  # noqa: SLF001
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    orphans = conn.execute(
        "SELECT count(*) FROM commitments c LEFT JOIN articles a ON a.rowid = c.article_rowid WHERE a.id IS NULL "
        "OR a.id != c.article_id"
    ).fetchone()[0]
    assert orphans == 0
    assert _snapshot(migrated) == before
    assert migrated.search(SearchQuery(text="واکسن")).facets == facets
    place = facets["place"][0][0]
    assert migrated.search(SearchQuery(text="واکسن", place=place)).total >= 1
    # Re-indexing an article replaces its rows through the new links instead of duplicating them.
    counts = migrated.counts()
    assert not migrated.upsert([metro_post()]).failed
    assert migrated.counts() == counts


def test_documents_do_not_repeat_their_rows_id_but_every_reader_shows_it(tmp_path: Path) -> None:
    store = _fill(tmp_path / "s.sqlite3")
    conn = store._conn  # noqa: SLF001
    stored = [unpack(v) for (v,) in conn.execute("SELECT json FROM commitment_docs")]
    stored += [unpack(v) for (v,) in conn.execute("SELECT json FROM statements")]
    assert stored and all("id" not in doc for doc in stored)
    _article, extraction = vaccine_article()
    commitment_id, statement_id = extraction.commitments[0].id, extraction.statements[0].id
    assert (store.get_commitment(commitment_id) or {}).get("id") == commitment_id
    hits = store.search(SearchQuery(text="واکسن", doc_type="statement")).hits
    assert statement_id in {hit.doc["id"] for hit in hits}
    assert all(doc["id"] for doc in store.due_between(date(2024, 1, 1), date(2027, 1, 1)))


def _downgrade_to_v8(path: Path) -> None:
    """Rewrite a store into the v8 layout: facet refs were «label␟key␟display» items joined by ␞."""
    conn = sqlite3.connect(path)
    item = "v.label || char(31) || v.key || char(31) || v.display"
    for table in ("articles", "statements", "commitments"):
        conn.execute(
            f"UPDATE {table} SET facet_refs = (SELECT group_concat({item}, char(30)) FROM facet_values v "
            f"WHERE ' ' || {table}.facet_refs || ' ' LIKE '% ' || v.id || ' %')"
        )
    conn.execute("DROP TABLE facet_values")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()


def test_store_from_v8_names_facet_values_by_id_and_counts_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    queries = [SearchQuery(text="واکسن"), SearchQuery(text="پل"), SearchQuery(doc_type="article")]
    facets = [store.search(q).facets for q in queries]
    assert ("میدان انقلاب", 1) in facets[1]["place"]
    assert facets[2]["organisation"]
    store.close()
    _downgrade_to_v8(path)
    old = sqlite3.connect(path)
    assert old.execute("SELECT count(*) FROM commitments WHERE facet_refs LIKE '%ORG%'").fetchone()[0]
    old.close()

    migrated = SqliteStore.open(path)
    conn = migrated._conn  # noqa: SLF001
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    refs = [r for (r,) in conn.execute("SELECT facet_refs FROM commitments WHERE facet_refs IS NOT NULL")]
    assert refs and all(ref.replace(" ", "").isdigit() for ref in refs)
    assert [migrated.search(q).facets for q in queries] == facets
    # A value first met after the migration gets the next id and is counted like the others.
    article, extraction = metro_post()
    extraction.entities.append(_entity(article, "مدیرعامل مترو", "ORG"))
    assert not migrated.upsert([(article, extraction)]).failed
    organisations = migrated.search(SearchQuery(text="مترو")).facets["organisation"]
    assert ("مدیرعامل مترو", 1) in organisations and ("مترو", 1) in organisations
    assert [migrated.search(q).facets for q in queries[:2]] == facets[:2]


def test_a_store_written_by_a_newer_version_is_refused_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of Goftar"):
        SqliteStore.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()


def test_an_article_ref_is_read_once_but_each_reader_gets_its_own_copy() -> None:
    ref = json.dumps({"id": "a1", "published": "2024-07-20T08:00:00+00:00"})
    first, second = ref_doc(ref), ref_doc(ref)
    assert first == second and first is not second
    assert first is not None and first["published_jalali"] == "1403/04/30"
    first["title"] = "changed by one reader"
    assert "title" not in (ref_doc(ref) or {})


def _rows_by_block(conn: sqlite3.Connection) -> dict[int, set[str]]:
    blocks: dict[int, set[str]] = {}
    for rowid, source in conn.execute("SELECT rowid, source FROM commitments"):
        blocks.setdefault(rowid >> BLOCK_BITS, set()).add(source)
    return blocks


def test_each_sources_commitments_have_a_block_of_rowids_that_its_filter_reads(tmp_path: Path) -> None:
    store = _fill(tmp_path / "s.sqlite3")
    conn = store._conn  # noqa: SLF001
    blocks = _rows_by_block(conn)
    assert len(blocks) >= 2 and all(len(sources) == 1 and block >= 1 for block, sources in blocks.items())
    assert {block: source for source, block in conn.execute("SELECT source, block FROM source_blocks")} == {
        block: next(iter(sources)) for block, sources in blocks.items()
    }
    every = store.search(SearchQuery(text="واکسن OR مترو OR پل", size=50)).hits
    for source in {hit.doc["article"]["source"] for hit in every}:
        hits = store.search(SearchQuery(text="واکسن OR مترو OR پل", source=source, size=50)).hits
        assert hits and {hit.id for hit in hits} == {
            hit.id for hit in every if hit.doc["article"]["source"] == source
        }
    assert store.search(SearchQuery(text="واکسن", source="nowhere")).total == 0
    # Writing an article again gives its commitments new rowids in the same block.
    assert not store.upsert([metro_post()]).failed
    assert _rows_by_block(conn) == blocks


def test_a_source_whose_block_is_used_up_is_reported_and_reindex_renumbers_it(tmp_path: Path) -> None:
    store = _fill(tmp_path / "s.sqlite3")
    conn = store._conn  # noqa: SLF001
    article, extraction = metro_post()
    (block,) = conn.execute("SELECT block FROM source_blocks WHERE source = ?", (article.source,)).fetchone()
    last = ((block + 1) << BLOCK_BITS) - 1
    top = conn.execute("SELECT max(rowid) FROM commitments WHERE rowid >> ? = ?", (BLOCK_BITS, block))
    (rowid,) = top.fetchone()
    for table in ("commitments", "commitment_docs", "commitment_fts"):
        conn.execute(f"UPDATE {table} SET rowid = ? WHERE rowid = ?", (last, rowid))
    article.url = article.canonical_url = f"{article.url}-2"
    failed = store.upsert([(article, extraction)]).failed
    assert failed and "goftar reindex" in failed[0][1]
    store.reindex()
    assert (
        conn.execute(
            "SELECT max(rowid) FROM commitments WHERE rowid >> ? = ?", (BLOCK_BITS, block)
        ).fetchone()[0]
        < last
    )
    assert not store.upsert([(article, extraction)]).failed
    assert store.search(SearchQuery(text="مترو", source=article.source)).total >= 2


def _downgrade_to_v9(path: Path) -> None:
    """Rewrite a store into the v9 layout: commitment rowids in writing order, the source as an FTS term."""
    conn = sqlite3.connect(path)
    conn.create_function("source_term", 1, lambda source: filter_token("s", source))
    conn.execute(
        "CREATE TEMP TABLE back AS SELECT rowid AS old, row_number() OVER (ORDER BY article_rowid, rowid) AS new "
        "FROM commitments"
    )
    for table in ("commitments", "commitment_docs"):
        conn.execute(f"UPDATE {table} SET rowid = (SELECT new FROM back WHERE old = {table}.rowid)")
    conn.execute(
        "CREATE TEMP TABLE bodies AS SELECT b.new AS rid, f.body || ' ' || source_term(c.source) AS body "
        "FROM commitment_fts f JOIN back b ON b.old = f.rowid JOIN commitments c ON c.rowid = b.new"
    )
    conn.execute("DELETE FROM commitment_fts")
    conn.execute("INSERT INTO commitment_fts (rowid, body) SELECT rid, body FROM bodies")
    conn.execute("DROP TABLE source_blocks")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()


def test_store_from_v9_gets_rowid_blocks_and_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _fill(path)
    queries = [
        SearchQuery(text="واکسن OR مترو OR پل", size=50),
        SearchQuery(text="مترو", source=metro_post()[0].source),
        SearchQuery(text="واکسن", polarity="commit", sort="date"),
    ]

    def seen(s: SqliteStore) -> list[object]:
        results = [s.search(q) for q in queries]
        return [
            [(r.total, sorted(h.id for h in r.hits), r.facets) for r in results],
            s.commitment_history("s-vaccine"),
        ]

    before = seen(store)
    store.close()
    _downgrade_to_v9(path)
    old = sqlite3.connect(path)
    assert old.execute("SELECT max(rowid) FROM commitments").fetchone()[0] < 1 << BLOCK_BITS
    old.close()

    migrated = SqliteStore.open(path)
    conn = migrated._conn  # noqa: SLF001
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert all(len(sources) == 1 and block >= 1 for block, sources in _rows_by_block(conn).items())
    assert not conn.execute("SELECT 1 FROM commitment_fts WHERE body LIKE '%zzs%'").fetchone()
    assert seen(migrated) == before
    counts = migrated.counts()
    assert not migrated.upsert([metro_post()]).failed
    assert migrated.counts() == counts and seen(migrated) == before


def test_sampled_facets_are_not_biased_by_the_order_of_an_articles_commitments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each article promises one thing and intends another, in that order: consecutive rowids alternate.
    items = []
    for i in range(300):
        text = f"شهردار گفت مترو {i} ساخته می‌شود. او گفت پل {i} ساخته خواهد شد."
        article = _article(f"pair-{i}", "pairs", f"خبر {i}", text, None, datetime(2025, 1, 1, tzinfo=UTC))
        commitments = [
            _commitment(article, f"مترو {i} ساخته می‌شود", None, polarity="commit"),
            _commitment(article, f"پل {i} ساخته خواهد شد", None, polarity="intend"),
        ]
        items.append((article, Extraction(text=text, commitments=commitments)))
    store = SqliteStore.open(tmp_path / "pairs.db")
    assert not store.upsert(items).failed
    monkeypatch.setattr(sqlite_search, "FACET_SAMPLE", 150)  # every fourth row, were it a stride
    # Read from the table, from the FTS table alone, and from the match table's carried columns.
    for query in (
        SearchQuery(),
        SearchQuery(text="ساخته", source="pairs"),
        SearchQuery(text="ساخته", status="open"),
    ):
        result = store.search(query)
        assert result.total == 600 and result.facets_approximate
        counts = dict(result.facets["polarity"])
        assert abs(counts.get("commit", 0) - 300) <= 60 and abs(counts.get("intend", 0) - 300) <= 60
    store.close()
