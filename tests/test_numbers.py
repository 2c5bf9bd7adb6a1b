from __future__ import annotations

import pytest

from nlp.numbers import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("۳۰۰ هزار دُز", 300_000, "دُز"),
        ("۵۰ درصد", 50, "درصد"),
        ("۱۵ هزار و پانصد میلیارد تومان", 15_500_000_000_000, "تومان"),
        ("دو روز", 2, "روز"),
        ("بیست و پنج نفر", 25, "نفر"),
        ("یک و نیم میلیون نفر", 1_500_000, "نفر"),
        ("دو میلیون و سیصد هزار تومان", 2_300_000, "تومان"),
        ("۲/۵ کیلومتر", 2.5, "کیلومتر"),
        ("۱۲٬۵۰۰ متر مربع", 12_500, "متر مربع"),
        ("۵۰٪", 50, "درصد"),
        ("300 هزار دز", 300_000, "دز"),
    ],
)
def test_parse_quantity_values_and_units(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.value == value
    assert q.unit == unit


@pytest.mark.parametrize("text", ["", "یک نهاد خدماتی", "شهرداری تهران", "۱۴۰۰/۰۷/۱۰"])
def test_no_quantity_in_words_dates_or_articles(text: str) -> None:
    assert parse_quantity(text) is None


def test_find_quantities_offsets_index_the_input() -> None:
    text = "تزریق ۳۰۰ هزار دز واکسن در ۲۶ پایگاه و نزدیک به ۵۰ درصد ظرف یک ماه"
    found = find_quantities(text)
    assert [(text[s:e], q.value, q.unit) for s, e, q in found] == [
        ("۳۰۰ هزار دز", 300_000, "دز"),
        ("۲۶ پایگاه", 26, "پایگاه"),
        ("۵۰ درصد", 50, "درصد"),
        ("یک ماه", 1, "ماه"),
    ]
    assert all(q.text == text[s:e] for s, e, q in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «ظرف», «طی», «تا», «در» here are "within", "during", "by", "in": the number has no unit.
        ("منطقه ۱۹ ظرف ۵ روز", [("۱۹", None), ("۵ روز", "روز")]),
        ("منطقه ۳ طی دو ماه", [("۳", None), ("دو ماه", "ماه")]),
        ("منطقه ۱۲ تا پایان سال", [("۱۲", None)]),
        ("منطقه ۴ در هفته", [("۴", None)]),
        # ... but «ظرف» not before a length of time is a dish.
        ("۲۰۰ ظرف غذا توزیع شد", [("۲۰۰ ظرف", "ظرف")]),
    ],
)
def test_function_words_after_a_number_are_not_its_unit(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.text, q.unit) for _s, _e, q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", [("1", None)]),
        ("ماده ۵) قانون", [("۵", None)]),
        ("۳ (سه) روز", [("۳", None)]),
        ("۱۰ km راه", [("۱۰ km", "km")]),
        ("۵۰درصد", [("۵۰درصد", "درصد")]),
    ],
)
def test_a_unit_is_a_word_of_letters_right_after_the_number(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.text, q.unit) for _s, _e, q in find_quantities(text)] == expected


def test_a_latin_unit_may_carry_its_power() -> None:
    assert [q.text for _s, _e, q in find_quantities("مساحت ۱۰۰ m2 و ۲۰ km² است")] == ["۱۰۰ m2", "۲۰ km²"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لایحه بودجه ۱۴۰۶ تا آذر به شورا می‌رسد", []),
        ("برنامه سال ۲۰۲۶ شهرداری", []),
        ("در سال ۱۴۰۵ حدود ۳۰ درصد", [("۳۰ درصد", "درصد")]),
        # A count with its unit in the same range stays a count.
        ("۱۴۰۰ نفر ثبت‌نام کردند", [("۱۴۰۰ نفر", "نفر")]),
        ("۲۰۲۶ دستگاه", [("۲۰۲۶ دستگاه", "دستگاه")]),
    ],
)
def test_a_year_is_not_a_quantity(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.unit) for _s, _e, q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تعداد مسافران به ۲۵۰۰ می‌رسد", [("۲۵۰۰", None)]),
        ("سهم آن ۳۰ خواهد شد", [("۳۰", None)]),
        ("ظرفیت ۵۰ است", [("۵۰", None)]),
        # A noun that merely begins with «می» is a unit.
        ("۱۰ میدان میوه", [("۱۰ میدان", "میدان")]),
    ],
)
def test_a_verb_after_a_number_is_not_its_unit(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.unit) for _s, _e, q in find_quantities(text)] == expected
