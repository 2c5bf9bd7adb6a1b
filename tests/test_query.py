"""The query language, the index's text analysis and day parsing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goftar.errors import ConfigError
from index import analysis
from index.query import check_range, highlight, left_out, parse, parse_day, to_fts5


def test_inflected_and_respelled_forms_share_a_term() -> None:
    forms = ["واکسن", "واکسن‌ها", "واکسنها", "واکسنی", "واکسن‌هایی", "واكسن", "وَاکسن"]
    assert {analysis.term(f) for f in forms} == {"واکسن"}


def test_affixes_typed_with_a_space_do_not_become_terms() -> None:
    assert analysis.terms("واکسن ها را می دهند") == ["واکسن", "را", "دهند"]
    assert analysis.terms("می‌شود") == analysis.terms("شود")


def test_words_that_analyse_to_nothing_are_named() -> None:
    assert parse("واکسن ها ،").dropped == ["ها", "،"]
    assert parse("ها").empty and left_out("ها") == ["ها"]
    assert left_out("واکسن") == [] and left_out("x" * 100_000) == []


def test_short_words_keep_their_ending() -> None:
    # «علی» would lose a letter and collide with other words if the ی were stripped.
    assert analysis.term("علی") == "علی"
    assert analysis.term("تنها") == "تنها"


def test_digits_are_ascii_and_latin_is_lower_case() -> None:
    assert analysis.terms("خط ۱۰ و ٣ COVID-19") == ["خط", "10", "و", "3", "covid", "19"]


def test_words_and_or_groups() -> None:
    q = parse("واکسن «ستاد کرونا» OR بیمارستان -تهران")
    assert [[t.tokens for t in g] for g in q.groups] == [
        [("واکسن",)],
        [("ستاد", "کرونا"), ("ستادکرونا",), ("بیمارستان",)],  # the phrase may be written as one word
    ]
    assert [t.tokens for t in q.excluded] == [("تهران",)]
    assert to_fts5(q) == ('"واکسن" AND ("ستاد کرونا" OR "ستادکرونا" OR "بیمارستان")', '"تهران"')


def test_a_compound_is_found_however_it_is_spelled() -> None:
    # With its ZWNJ, glued, or typed as two words: each query also looks for the other spellings.
    joined, apart = ("اتشنشانی",), ("اتش", "نشانی")  # hazm lists «آتش‌نشانی», «نشانی»: their ی stays
    for query in ("آتش‌نشانی", "آتشنشانی"):
        assert [[t.tokens for t in g] for g in parse(query).groups] == [[joined, apart]], query
    assert [[t.tokens for t in g] for g in parse("آتش نشانی").groups] == [
        [("اتش",), joined],
        [("نشانی",), joined],
    ]
    assert [[t.tokens for t in g] for g in parse("«آتش نشانی»").groups] == [[apart, joined]]
    # Affixes are not compounds, and words across an OR or an exclusion are not joined.
    assert [[t.tokens for t in g] for g in parse("واکسن‌ها").groups] == [[("واکسن",)]]
    assert [[t.tokens for t in g] for g in parse("آتش OR نشانی").groups] == [[("اتش",), ("نشانی",)]]
    assert [[t.tokens for t in g] for g in parse("آتش -نشانی مترو").groups] == [[("اتش",)], [("مترو",)]]


def test_ascii_quotes_and_unclosed_phrase() -> None:
    assert [g[0].tokens for g in parse('"پایان سال" مترو').groups] == [("پایان", "سال"), ("مترو",)]
    assert [g[0].tokens for g in parse("«پایان سال").groups] == [("پایان", "سال")]


def test_leading_or_and_punctuation_only_words_are_ignored() -> None:
    q = parse("OR ، - واکسن OR")
    assert [[t.tokens for t in g] for g in q.groups] == [[("واکسن",)]]
    # An OR before a dropped word does not pass on to the next one.
    q = parse("واکسن OR ها تهران")
    assert [[t.tokens for t in g] for g in q.groups] == [[("واکسن",)], [("تهران",)]]
    assert parse("  ").empty


def test_fts_syntax_in_the_query_stays_literal() -> None:
    # Operators and column filters of FTS5 are not the researchers' language: they become plain words.
    positive, _ = to_fts5(parse("body:NEAR(a b) AND *"))
    assert positive == '"body near a" AND "b" AND "and"'


def test_long_queries_are_refused() -> None:
    with pytest.raises(ConfigError):
        parse("ا" * 501)


def test_highlight_escapes_everything_but_the_marks() -> None:
    text = "واکسن‌ها <b>رایگان</b> & ارزان"
    assert highlight(text, {"واکسن", "رایگان"}) == (
        "<mark>واکسن‌ها</mark> &lt;b&gt;<mark>رایگان</mark>&lt;/b&gt; &amp; ارزان"
    )


def test_highlight_window_keeps_the_first_match() -> None:
    text = "سلام " * 200 + "مترو تهران " + "خداحافظ " * 200
    out = highlight(text, {"مترو"}, limit=100)
    assert "<mark>مترو</mark>" in out and out.startswith("… ") and out.endswith(" …")
    assert len(out) < 160


@given(st.text(max_size=80))
def test_any_text_parses_and_compiles(text: str) -> None:
    q = parse(text)
    positive, negative = to_fts5(q)
    for expr in (positive, negative):
        assert expr is None or expr.count('"') % 2 == 0


@given(st.text(max_size=80))
def test_highlight_never_lets_markup_through(text: str) -> None:
    out = highlight(text, set(analysis.terms(text)))
    assert "<" not in out.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1403/05/01", date(2024, 7, 22)),
        ("۱۴۰۳/۰۵/۰۱", date(2024, 7, 22)),
        ("2024-07-22", date(2024, 7, 22)),
        ("1403-12-30", date(2025, 3, 20)),
        ("۱۰ مهر ۱۴۰۰", date(2021, 10, 2)),  # as the CLI reads it
    ],
)
def test_days_in_jalali_or_gregorian(raw: str, expected: date) -> None:
    assert parse_day(raw) == expected


@pytest.mark.parametrize("raw", ["", "1403/13/01", "tomorrow", "2024-02-30"])
def test_bad_days_are_config_errors(raw: str) -> None:
    with pytest.raises(ConfigError):
        parse_day(raw)


def test_a_final_ye_that_belongs_to_the_word_stays() -> None:
    # «شهرداری» (municipality) is not «شهردار» (mayor), nor «مهدی» «مهد» (kindergarten): words that
    # hazm's dictionary lists keep their ی; an indefinite ی on a word it does not list still goes.
    assert analysis.term("شهرداری") != analysis.term("شهردار")
    assert analysis.term("مهدی") == "مهدی" and analysis.term("مهد") == "مهد"
    assert analysis.term("واکسنی") == analysis.term("واکسن")


def test_typographic_quotes_make_a_phrase() -> None:
    # “…” is what word processors and phone keyboards type for "…".
    typed = parse("“پایان سال” -“ستاد کرونا”")
    ascii_quoted = parse('"پایان سال" -"ستاد کرونا"')
    assert [[t.tokens for t in g] for g in typed.groups] == [[("پایان", "سال"), ("پایانسال",)]]
    assert [t.tokens for t in typed.excluded] == [t.tokens for t in ascii_quoted.excluded]
    assert to_fts5(typed) == to_fts5(ascii_quoted)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    check_range(("--from 1403/05/01", date(2024, 7, 22)), ("--to 2024-07-22", date(2024, 7, 22)))
    check_range(("--from 2024-07-23", date(2024, 7, 23)), ("--to", None))
    with pytest.raises(ConfigError, match=r"--from 1403/05/02 \(2024-07-23\) is after --to 2024-07-22"):
        check_range(("--from 1403/05/02", date(2024, 7, 23)), ("--to 2024-07-22", date(2024, 7, 22)))


def test_a_phrase_is_marked_only_where_its_words_stand_together() -> None:
    words, phrases = parse("«پایان سال»").marks()
    assert highlight("تا پایان هفته و تا پایان سال", words, phrases=phrases) == (
        "تا پایان هفته و تا <mark>پایان</mark> <mark>سال</mark>"
    )
    # A compound searched with its ZWNJ also matches its parts written apart, but not one part alone.
    words, phrases = parse("خدمت‌گزار").marks()
    assert highlight("ظرفیت خدمت در جهت خدمت گزار و خدمت‌گزار", words, phrases=phrases) == (
        "ظرفیت خدمت در جهت <mark>خدمت</mark> <mark>گزار</mark> و <mark>خدمت‌گزار</mark>"
    )
    # Two words typed side by side are two words: each is marked wherever it stands.
    words, phrases = parse("پایان سال").marks()
    assert (
        highlight("سال نو و پایان کار", words, phrases=phrases)
        == "<mark>سال</mark> نو و <mark>پایان</mark> کار"
    )


def test_a_snippet_does_not_end_in_the_middle_of_a_word() -> None:
    text = "اتوبوس‌های برقی " + "در خطوط پرتردد مرکز شهر به کار گرفته خواهد شد " * 10
    out = highlight(text, {"اتوبوس"}, limit=100)
    assert out.endswith(" …")
    last_word = out.removesuffix(" …").split()[-1]
    assert last_word in text.split()  # a whole word, not «گر» of «گرفته»


def test_or_and_not_as_people_type_them() -> None:
    """«یا» and a lower-case or are OR, NOT excludes the next term (they were searched as words: 0 hits)."""
    expected = [[("واکسن",), ("مدرسه",)]]
    for text in ("واکسن OR مدرسه", "واکسن or مدرسه", "واکسن یا مدرسه"):
        assert [[t.tokens for t in g] for g in parse(text).groups] == expected, text
    q = parse("واکسن NOT تهران")
    assert [[t.tokens for t in g] for g in q.groups] == [[("واکسن",)]] and [t.tokens for t in q.excluded] == [
        ("تهران",)
    ]
    assert [t.tokens for t in parse("«واکسن یا مدرسه»").groups[0]][0] == (
        "واکسن",
        "یا",
        "مدرسه",
    )  # in a phrase
