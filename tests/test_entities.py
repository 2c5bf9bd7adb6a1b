"""Entities: the rule component, the officials registry, and the whole pipeline on the seed releases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from goftar.errors import ConfigError
from nlp.entities import MODEL_PATH, doc_entities, find_entities, load_pipeline, resolve_official
from nlp.extract import extract
from nlp.ner.registry import name_key, parse_day, parse_registry
from nlp.ner.rules import RULES_KEY, Lexicon, correct_entities, learn_lexicon, read_lexicon
from nlp.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
SEED_DIRS = [REPO / "tests" / "fixtures" / "seeds", REPO.parent / "shared" / "seeds"]
ZWNJ = "\u200c"
SEPT_2021 = date(2021, 9, 17)


def _rules_only(text: str, published: date | None = None) -> list[tuple[str, str, str | None]]:
    nlp = spacy.blank("fa")
    nlp.add_pipe("goftar_rules")
    return [(e.label, e.text, e.canonical_name) for e in doc_entities(nlp(text), published)]


def _seed(name: str) -> str:
    for folder in SEED_DIRS:
        if (folder / name).exists():
            return normalize((folder / name).read_text(encoding="utf-8"))
    pytest.skip(f"seed {name} not found in {[str(d) for d in SEED_DIRS]}")


def _found(entities: list, label: str) -> set[str]:
    return {e.text.replace(ZWNJ, "") for e in entities if e.label == label}


# --- rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("برنامه‌ریزی کردیم تا ۱۰ مهر ماه همه را واکسینه کنیم", "DATE", "تا ۱۰ مهر ماه"),
        ("جلسه روز یکشنبه هفته آینده برگزار می‌شود", "DATE", "روز یکشنبه هفته آینده"),
        ("این طرح تا پایان سال ۱۴۰۴ اجرا می‌شود", "DATE", "تا پایان سال ۱۴۰۴"),
        ("تزریق ۳۰۰ هزار دز واکسن", "QUANTITY", "۳۰۰ هزار دز"),
        ("حدود دو روز طول کشید", "QUANTITY", "دو روز"),
        ("نزدیک به ۵۰ درصد از واکسن‌ها", "PERCENT", "۵۰ درصد"),
        ("بودجه ۱۵ هزار و پانصد میلیارد تومان است", "MONEY", "۱۵ هزار و پانصد میلیارد تومان"),
        ("جلسه ساعت ۱۰ صبح آغاز شد", "TIME", "ساعت ۱۰ صبح"),
        ("عضو شورای شهر گفت", "ROLE", "عضو شورای شهر"),
        (
            "معاون امور اجتماعی و فرهنگی شهرداری تهران گفت",
            "ROLE",
            "معاون امور اجتماعی و فرهنگی شهرداری تهران",
        ),
        ("وزیر بهداشت گفت", "ROLE", "وزیر بهداشت"),
    ],
)
def test_rules_find_expressions_news_needs(text: str, label: str, expected: str) -> None:
    assert (label, expected) in {(lab, txt) for lab, txt, _ in _rules_only(text)}


def test_role_resolves_to_the_holder_on_the_publication_day() -> None:
    text = "شهردار تهران گفت"
    assert ("ROLE", "شهردار تهران", "علیرضا زاکانی") in _rules_only(text, date(2021, 9, 17))
    assert ("ROLE", "شهردار تهران", "پیروز حناچی") in _rules_only(text, date(2021, 5, 1))
    assert ("ROLE", "شهردار تهران", None) in _rules_only(text, date(2010, 1, 1))  # not in the registry


def test_role_spelled_with_zwnj_or_space_resolves_alike() -> None:
    assert resolve_official("رئیس" + ZWNJ + "جمهور", SEPT_2021) == resolve_official("رئیس جمهور", SEPT_2021)
    assert resolve_official("رئیس جمهور", SEPT_2021) == ("ebrahim-raisi", "سید ابراهیم رئیسی")


def test_unknown_role_and_day_outside_every_term_stay_unresolved() -> None:
    assert resolve_official("شهردار کرج", SEPT_2021) is None
    assert resolve_official("شهردار تهران", date(1990, 1, 1)) is None
    # Several mayors over time and no day given: which one is unknown.
    assert resolve_official("شهردار تهران", None) is None


def test_another_countrys_president_is_not_ours() -> None:
    found = _rules_only("رئیس" + ZWNJ + "جمهوری آمریکا و رئیس" + ZWNJ + "جمهور ایران دیدار کردند", SEPT_2021)
    assert ("ROLE", "رئیس" + ZWNJ + "جمهوری آمریکا", None) in found
    assert ("ROLE", "رئیس" + ZWNJ + "جمهور ایران", "سید ابراهیم رئیسی") in found


def test_known_alias_is_a_person_with_canonical_name() -> None:
    found = _rules_only("زاکانی در جمع خبرنگاران گفت")
    assert ("PER", "زاکانی", "علیرضا زاکانی") in found


def test_registry_dates_are_jalali_or_gregorian_and_bad_ones_raise() -> None:
    assert parse_day("1400/06/03") == date(2021, 8, 25)
    assert parse_day("2021-08-25") == date(2021, 8, 25)
    with pytest.raises(ConfigError):
        parse_day("1400/06")


def test_alias_shared_by_two_people_resolves_to_neither() -> None:
    registry = parse_registry(
        {
            "people": [
                {"id": "a", "name": "علی احمدی", "aliases": ["احمدی"]},
                {"id": "b", "name": "رضا احمدی", "aliases": ["احمدی"]},
            ]
        }
    )
    assert registry.person_for_alias("احمدی") is None
    assert registry.person_for_alias("علی احمدی").id == "a"


def test_name_key_ignores_zwnj_space_and_arabic_letters() -> None:
    assert name_key("توکلی" + ZWNJ + "زاده") == name_key("توکلیزاده") == name_key("توكلي زاده")


def test_rule_component_round_trips_through_disk(tmp_path: Path) -> None:
    nlp = spacy.blank("fa")
    nlp.add_pipe("goftar_rules")
    text = "شهردار تهران تا ۱۰ مهر ماه ۵۰ درصد از ۳۰۰ هزار دز را تزریق می‌کند"
    doc = nlp(text)
    before = [(s.start, s.end, s.label_) for s in doc.spans[RULES_KEY]]
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    loaded_doc = loaded(text)
    after = [(s.start, s.end, s.label_) for s in loaded_doc.spans[RULES_KEY]]
    assert loaded.pipe_names == ["goftar_rules"]
    assert after == before and len(before) == 4


# --- the whole pipeline ------------------------------------------------------------------------------

needs_model = pytest.mark.skipif(
    not (MODEL_PATH / "meta.json").exists(),
    reason="no trained NER in nlp/models/ner (python -m nlp.ner train --final)",
)


@needs_model
def test_pipeline_round_trips_through_disk_with_the_rule_component(tmp_path: Path) -> None:
    nlp = load_pipeline()
    text = normalize("علیرضا زاکانی شهردار تهران امروز در شهرداری تهران گفت ۵۰ درصد کارها انجام شد.")
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == nlp.pipe_names
    first, second = nlp(text), loaded(text)
    assert [(e.text, e.label_) for e in first.ents] == [(e.text, e.label_) for e in second.ents]
    assert [(s.text, s.label_) for s in first.spans[RULES_KEY]] == [
        (s.text, s.label_) for s in second.spans[RULES_KEY]
    ]


@needs_model
def test_offsets_index_the_normalised_text() -> None:
    text = normalize(
        "محمدامین توکلی‌زاده معاون شهردار تهران در اصفهان گفت ۵۰ درصد کارها تا پایان سال ۱۴۰۴ انجام می‌شود."
    )
    entities = find_entities(text, date(2025, 6, 1))
    assert entities
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text


@needs_model
def test_hand_normalised_snippets() -> None:
    entities = find_entities("علیرضا زاکانی امروز در پایگاه واکسیناسیون شهرداری تهران گفت.", SEPT_2021)
    assert "علیرضا زاکانی" in _found(entities, "PER")
    assert "شهرداری تهران" in _found(entities, "ORG")
    entities = find_entities("تجربه بهبود میدانی در مناطق آسیب‌پذیر مانند اوراقچی‌ها نشان می‌دهد.")
    assert "اوراقچیها" in _found(entities, "LOC")


@needs_model
def test_first_seed_release() -> None:
    entities = find_entities(_seed("000_d2dfa99dee9a8fa5.txt"), SEPT_2021)
    assert "علیرضا زاکانی" in _found(entities, "PER")
    assert "شهرداری تهران" in _found(entities, "ORG")
    assert "تهران" in _found(entities, "LOC")
    assert any(t.endswith("۱۰ مهر ماه") for t in _found(entities, "DATE"))
    assert {"۳۰۰ هزار دز", "۳۰۰ هزار دُز"} & _found(entities, "QUANTITY")
    mayors = [e for e in entities if e.label == "ROLE" and e.text == "شهردار تهران"]
    assert mayors and all(e.canonical_name == "علیرضا زاکانی" for e in mayors)
    quantity = next(e for e in entities if e.label == "QUANTITY" and e.text.startswith("۳۰۰"))
    assert quantity.value["value"] == 300000


@needs_model
def test_second_seed_release() -> None:
    entities = find_entities(_seed("002_2c8f173c2bcb7e34.txt"), date(2025, 6, 1))
    people = _found(entities, "PER")
    assert "محمدامین توکلیزاده" in people
    assert "اوراقچیها" in _found(entities, "LOC")
    assert "شهرداری تهران" in _found(entities, "ORG")
    resolved = {e.canonical_id for e in entities if e.label == "PER"}
    assert "mohammadamin-tavakolizadeh" in resolved


def test_empty_text_has_no_entities() -> None:
    assert find_entities("   ") == []


def test_publication_datetime_counts_as_its_day_in_tehran() -> None:
    # 20:30 UTC on 1400/06/02 is already 1400/06/03 in Tehran: the first day of the new mayor's term.
    late_evening = datetime(2021, 8, 24, 20, 30, tzinfo=UTC)
    assert resolve_official("شهردار تهران", late_evening) == ("alireza-zakani", "علیرضا زاکانی")
    assert resolve_official("شهردار تهران", date(2021, 8, 24)) == ("pirouz-hanachi", "پیروز حناچی")


@needs_model
def test_text_longer_than_spacys_limit_is_processed_in_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "شهردار تهران گفت ۵۰ درصد کارها انجام شد.\n"
    text = paragraph * 3
    monkeypatch.setattr(load_pipeline(), "max_length", len(paragraph) + 5)
    entities = find_entities(text, SEPT_2021)
    percents = [e for e in entities if e.label == "PERCENT"]
    assert len(percents) == 3
    assert all(text[e.start : e.end] == e.text for e in entities)


def test_statistical_entity_crossing_a_rule_span_is_dropped() -> None:
    nlp = spacy.blank("fa")
    nlp.add_pipe("goftar_rules")
    doc = nlp("با وزیر بهداشت مذاکره خواهیم کرد و در تهران")
    doc.ents = [
        Span(doc, 2, 4, label="ORG"),
        Span(doc, 8, 9, label="LOC"),
    ]  # «بهداشت مذاکره» crosses the role
    found = [(e.label, e.text) for e in doc_entities(doc)]
    assert found == [("ROLE", "وزیر بهداشت"), ("LOC", "تهران")]


@needs_model
def test_no_entity_runs_from_the_headline_into_the_byline() -> None:
    # The QA repro: the model used to read «بوستان لاله\n\nمریم احمدی» as one FAC.
    text = "تأکید دوباره بر کاشت درخت در بوستان لاله\n\nمریم احمدی، مدیرعامل سازمان بوستان‌ها گفت: ..."
    entities = extract(text, date(2024, 10, 1)).entities
    assert "بوستان لاله" in _found(entities, "FAC")
    assert "مریم احمدی" in _found(entities, "PER")
    assert not [e.text for e in entities if "\n" in e.text]


def test_a_span_across_a_line_break_from_another_pipeline_is_dropped() -> None:
    nlp = spacy.blank("fa")
    nlp.add_pipe("goftar_rules")
    doc = nlp("بوستان لاله\n\nمریم احمدی در تهران")
    doc.ents = [Span(doc, 0, 5, label="FAC"), Span(doc, 6, 7, label="LOC")]  # FAC holds the «\n\n» token
    assert [(e.label, e.text) for e in doc_entities(doc)] == [("LOC", "تهران")]


@needs_model
def test_shipped_model_stays_small_and_says_where_it_comes_from() -> None:
    size = sum(p.stat().st_size for p in MODEL_PATH.rglob("*") if p.is_file())
    assert size < 20 * 1024 * 1024
    assert spacy.load(MODEL_PATH).pipe_names == ["tok2vec", "ner"]


# --- corrections of the model's entities (ArmanPersoNER lexicon) and districts -----------------------


def _doc_with_ents(text: str, ents: list[tuple[int, int, str]]) -> spacy.tokens.Doc:
    nlp = spacy.blank("fa")
    nlp.add_pipe("goftar_rules")
    doc = nlp(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_lexicon_is_learnt_from_gold_annotation() -> None:
    nlp = spacy.blank("fa")
    docs = []
    for text, ents in [
        ("مراسم اختتامیه در میدان آزادی", [(3, 5, "FAC")]),
        ("اختتامیه در میدان انقلاب بود", [(2, 4, "FAC")]),
        ("میدان امام حسین و علی کریمی", [(0, 3, "FAC"), (4, 6, "PER")]),
        ("علی کریمی در اختتامیه", [(0, 2, "PER")]),
    ]:
        doc = nlp(text)
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
        docs.append(doc)
    lexicon = learn_lexicon(docs)
    assert "اختتامیه" in lexicon["non_names"]
    assert "علی" not in lexicon["non_names"] and "کریمی" not in lexicon["non_names"]
    assert lexicon["facility_heads"] == ["میدان"]


def test_shipped_lexicon_knows_ceremony_words_are_not_names() -> None:
    lexicon = read_lexicon()
    assert {"اختتامیه", "افتتاحیه", "همایش", "جلسه", "نشست"} <= lexicon.non_names
    assert not {"علی", "فاطمه", "محمد", "زاکانی"} & lexicon.non_names
    assert {"میدان", "خیابان", "بزرگراه", "ورزشگاه"} <= lexicon.facility_heads


def test_one_word_person_on_a_common_noun_is_dropped_and_a_head_makes_a_facility() -> None:
    doc = _doc_with_ents(
        "آیین اختتامیه در میدان فردوسی با حضور فاطمه", [(1, 2, "PER"), (4, 5, "PER"), (7, 8, "PER")]
    )
    lexicon = Lexicon(non_names=frozenset({"اختتامیه", "آیین"}), facility_heads=frozenset({"میدان"}))
    corrected = correct_entities(doc, lexicon)
    assert [(e.text, e.label_) for e in corrected] == [("میدان فردوسی", "FAC"), ("فاطمه", "PER")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("آیین افتتاحیه بوستان بانوان در منطقه ۴ برگزار شد", {("LOC", "منطقه ۴")}),
        ("شهردار منطقه ۱۹ گفت", {("LOC", "منطقه ۱۹"), ("ROLE", "شهردار منطقه ۱۹")}),
        ("ساخت ۳ پارکینگ در منطقه دوازده آغاز شد", {("LOC", "منطقه دوازده")}),
        ("در این منطقه کار شد", set()),
    ],
)
def test_a_city_district_is_a_place(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(label, t) for label, t, _ in _rules_only(text) if label in ("LOC", "ROLE")}
    assert expected <= found
    if not expected:
        assert not {t for label, t in found if label == "LOC"}


def test_model_entity_running_into_a_district_ends_before_it() -> None:
    doc = _doc_with_ents("اختتامیه لیگ فوتبال محلات منطقه ۱۵ برگزار شد", [(0, 5, "EVENT")])
    found = [(e.label, e.text) for e in doc_entities(doc)]
    assert found == [("EVENT", "اختتامیه لیگ فوتبال محلات"), ("LOC", "منطقه ۱۵")]


def test_gazetteer_place_inside_a_person_name_is_dropped() -> None:
    # «هرندی» is a Tehran neighbourhood in the patterns, and a surname here.
    doc = _doc_with_ents("محسن هرندی در هرندی بود", [(0, 2, "PER")])
    found = [(e.label, e.text) for e in doc_entities(doc)]
    assert ("PER", "محسن هرندی") in found
    assert [(e.label, e.start) for e in doc_entities(doc) if e.label == "LOC"] == [("LOC", 14)]


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "آیین اختتامیه طرح تابستانه بوستان گفتگو با حضور فاطمه دانشور برگزار شد",
        "اختتامیه جشنواره با حضور شهردار برگزار شد",
        "افتتاحیه نمایشگاه کتاب در مصلی برگزار شد",
    ],
)
def test_ceremony_words_are_not_people(text: str) -> None:
    people = _found(find_entities(normalize(text)), "PER")
    assert not {"اختتامیه", "افتتاحیه", "آیین", "مراسم"} & people


@needs_model
def test_municipal_news_entities_a_reader_expects() -> None:
    text = normalize("بهسازی پیاده رو خیابان انقلاب از میدان فردوسی تا میدان انقلاب در منطقه ۱۱")
    entities = find_entities(text)
    assert {"میدان فردوسی", "خیابان انقلاب", "میدان انقلاب"} <= _found(entities, "FAC")
    assert "فردوسی" not in _found(entities, "PER")
    assert "منطقه ۱۱" in _found(entities, "LOC")
    text = normalize("محسن هرندی معاون حمل و نقل و ترافیک شهرداری تهران گفت")
    entities = find_entities(text)
    assert "محسن هرندی" in _found(entities, "PER")
    assert "هرندی" not in _found(entities, "LOC")
