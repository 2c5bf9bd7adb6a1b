"""Preparing rows for the SQLite store: an article's sentence terms are shared with its commitments."""

from __future__ import annotations

import sqlite3

from index import analysis
from index.sqlite_write import FACET_VALUES_SCHEMA, analyze_sentences, commitment_body, facet_refs, prepare
from tests.search_corpus import corpus

TEXT = "شهردار گفت: ایستگاه‌های مترو تا پایان سال ساخته می‌شوند. آیا بودجه هست؟ بله!\nخط ۷ مترو آماده است"


def test_analysing_sentence_by_sentence_gives_the_terms_of_the_whole_text() -> None:
    memo: dict[str, str] = {}
    assert analyze_sentences(TEXT, memo) == analysis.analyze(TEXT)
    # The sentence is remembered without its full stop, as a commitment's evidence usually is quoted.
    assert "شهردار گفت: ایستگاه‌های مترو تا پایان سال ساخته می‌شوند" in memo


def test_a_commitment_is_indexed_by_the_same_terms_with_or_without_its_articles_memo() -> None:
    for article, extraction in corpus():
        prepared = prepare(article, extraction)
        for (_row, _doc, body), commitment in zip(prepared.commitments, extraction.commitments, strict=True):
            assert body == commitment_body(commitment)
            assert analysis.analyze(commitment.evidence) in body


def test_facet_refs_name_each_value_once_and_a_rolled_back_id_is_not_reused_from_the_cache() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute(FACET_VALUES_SCHEMA)
    tehran, metro = ("ORG", "شهرداری تهران", "شهرداری تهران"), ("ORG", "مترو", "مترو")
    conn.execute("BEGIN")
    known: dict[tuple[str, str, str], int] = {}
    first = facet_refs(conn, (tehran, metro), known)
    assert first == facet_refs(conn, (tehran, metro), {}) == facet_refs(conn, (tehran, metro), known)
    conn.execute("ROLLBACK")
    conn.execute("BEGIN")
    # A new transaction starts with a new cache: the rolled-back ids are gone, the values are added again.
    again = facet_refs(conn, (metro,), {})
    conn.execute("COMMIT")
    rows = conn.execute("SELECT id, label, key, display FROM facet_values").fetchall()
    assert rows == [(int(again), *metro)]
    assert facet_refs(conn, (), {}) is None
