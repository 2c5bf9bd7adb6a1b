"""Preparing rows for the SQLite store: an article's sentence terms are shared with its commitments."""

from __future__ import annotations

from index import analysis
from index.sqlite_write import analyze_sentences, commitment_body, prepare
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
            assert body == commitment_body(commitment, article.source)
            assert analysis.analyze(commitment.evidence) in body
