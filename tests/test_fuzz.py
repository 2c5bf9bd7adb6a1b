"""Hypothesis fuzzing: the normaliser, the extractor and the HTML extraction never raise on arbitrary
input; normalisation is idempotent and its offset map stays inside the text; every offset the extractor
reports lies inside the normalised text it returns. Example counts are modest so CI stays quick."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crawlers.extract import extract_page
from goftar.model import Source
from nlp.extract import extract
from nlp.normalize import normalize, normalize_with_map

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكۀةئؤأإآءًٌٍَُِّْ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩«»،؛؟"
ODD = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2069\u00a0\u0640\ufeff\ufffd\t\r\n -.:/"
persianish = st.text(alphabet=st.sampled_from(PERSIAN + ODD + "abc123<>&\"'"), max_size=300)
anything = st.one_of(persianish, st.text(max_size=200))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(anything)
@example("،\u200cء")  # a ZWNJ after a comma used to survive spacing and be dropped only later
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@FUZZ
@given(anything)
def test_normalize_map_points_inside_the_original(text: str) -> None:
    normalised, mapping = normalize_with_map(text)
    assert normalised == normalize(text)
    assert len(mapping) == len(normalised) + 1 and mapping[-1] == len(text)
    assert all(0 <= m <= len(text) for m in mapping) and mapping == sorted(mapping)


TEMPLATES = [
    "{a} گفت: {b} تا پایان سال {n} اجرا می‌شود.",
    "به گفتهٔ {a}، «{b}» تا {n} ماه آینده {b} خواهد شد.",
    "{a} تأکید کرد {b} باید تا ۳۱ اسفند {n} تمام شود.",
    "{a}{b}{n}",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEMPLATES), persianish, persianish, st.integers(-(10**30), 10**30) | st.just(1403))
def test_extract_never_raises_and_offsets_stay_inside(template: str, a: str, b: str, n: int) -> None:
    raw = template.format(a=a, b=b, n=n)
    extraction = extract(raw, date(2025, 1, 1))
    size = len(extraction.text)
    for span in (*extraction.entities, *extraction.statements, *extraction.commitments):
        assert 0 <= span.start <= span.end <= size
    for quote in (
        *(s.raw_quote for s in extraction.statements),
        *(c.raw_evidence for c in extraction.commitments),
    ):
        assert quote is not None and quote in raw
    for entity in extraction.entities:
        assert extraction.text[entity.start : entity.end] == entity.text


SOURCE = Source(name="fuzz", kind="article", start_urls=["https://example.ir/"])
BROKEN_PAGES = [
    "<html><head><title>{t}</title></head><body><article><p>{b}</p><p>{b}",
    "<div class='news-text'><p>{b}</div></p></span>{t}",
    "<!DOCTYPE html><html><body><script>{b}</script><main>{t}<p>{b}</main>",
    "<html><body><p>{b}<table><tr><td>{t}<td>{b}</table></body>",
    "<?xml version='1.0'?><rss><channel><item><title>{t}</title><description>{b}",
    "{b}<p>{t}</p><!-- {b}",
    "<meta charset='windows-1256'><h1>{t}</h1><div id=body>{b}</div>",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BROKEN_PAGES), persianish, st.lists(persianish, min_size=1, max_size=8))
def test_html_extraction_survives_broken_pages(page: str, title: str, paragraphs: list[str]) -> None:
    html = page.format(t=title, b="</p><p>".join(paragraphs) * 3)
    extracted = extract_page(html, "https://example.ir/news/1", SOURCE)
    assert extracted is None or (isinstance(extracted.body, str) and extracted.body.strip())
