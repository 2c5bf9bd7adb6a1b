from __future__ import annotations

from datetime import date

from nlp.extract import extract


def _statements(text: str, published: date | None = date(2024, 5, 4)):  # type: ignore[no-untyped-def]
    return extract(text, published).statements


def test_colon_quote_with_named_speaker_and_pronoun() -> None:
    text = (
        "مهدی رضایی، شهردار اصفهان، در نشست خبری گفت: ایستگاه‌ها را افتتاح خواهیم کرد.\n"
        "وی افزود: کار ادامه دارد."
    )
    first, second = _statements(text)
    assert first.speaker and first.speaker.text == "مهدی رضایی" and first.speaker.kind == "person"
    assert first.direct and first.reporting_verb == "گفت"
    assert first.quote.startswith("ایستگاه‌ها")
    assert second.speaker and second.speaker.kind == "pronoun"
    assert second.speaker.canonical_name == "مهدی رضایی"


def test_title_later_resolves_to_the_named_person() -> None:
    text = "مهدی رضایی، شهردار اصفهان، گفت: کار آغاز شد.\nشهردار اصفهان ادامه داد: پروژه ادامه دارد."
    later = _statements(text)[1]
    assert later.speaker and later.speaker.kind == "role" and later.speaker.canonical_name == "مهدی رضایی"


def test_title_resolves_through_the_officials_registry_on_the_date() -> None:
    st = _statements("شهردار تهران گفت: طرح اجرا می‌شود.", date(2021, 9, 24))[0]
    assert st.speaker and st.speaker.canonical_name == "علیرضا زاکانی"


def test_attribution_and_dateline_are_not_the_speaker() -> None:
    text = "تهران (پانا) - بر اساس گزارش سایت شهر، شورای شهر تهران اعلام کرد: جلسه فردا برگزار می‌شود."
    st = _statements(text)[0]
    assert st.speaker and st.speaker.text == "شورای شهر تهران" and st.speaker.kind == "org"


def test_quote_paragraph_without_verb_inherits_the_speaker() -> None:
    text = "فاطمه موسوی رئیس کمیسیون فرهنگی شورای شهر مشهد گفت:\n«کتابخانه‌ها تا ساعت ۲۲ باز خواهند بود.»"
    st = _statements(text)[-1]
    assert st.speaker and st.speaker.text == "فاطمه موسوی"
    assert st.quote.startswith("کتابخانه‌ها") and st.direct


def test_verb_final_report_and_according_to() -> None:
    text = "وزیر کشور از برگزاری انتخابات شوراها در خرداد خبر داد.\nبه گفته او، نتایج یک روز بعد اعلام می‌شود."
    first, second = _statements(text)
    assert first.quote.startswith("برگزاری انتخابات") and not first.direct
    assert second.speaker and second.speaker.kind == "pronoun" and second.quote.startswith("نتایج")


def test_narrative_without_speech_has_no_statement() -> None:
    assert _statements("ساخت این پل در سال ۱۳۹۸ آغاز شد و هزینه آن ۲۰۰ میلیارد تومان بود.") == []
