"""nlp.normalize: letters, digits, spacing, ZWNJ repair, offsets, idempotence, the seed releases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import (
    fold_for_search,
    normalize,
    normalize_with_map,
    to_ascii_digits,
    to_persian_digits,
)

Z = "\u200c"
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"  # the seed releases, copied into the repo


def test_arabic_letters_diacritics_and_kashida_are_unified() -> None:
    assert normalize("علي كتاب") == "علی کتاب"
    assert normalize("بزرگـــتر") == normalize("بزرگتر")
    assert normalize("کِتابُ") == "کتاب"
    assert normalize("خانۀ ما") == "خانهٔ ما"


def test_digits_policy() -> None:
    assert normalize("سال ١٤٠٠") == "سال ۱۴۰۰"  # Arabic-Indic -> Persian
    assert normalize("سال ۱۴۰۰ و 2021") == "سال ۱۴۰۰ و 2021"  # what the author wrote stays
    assert to_ascii_digits("۱۴۰۰/٠٧/10") == "1400/07/10"
    assert to_persian_digits("1400 و ٢") == "۱۴۰۰ و ۲"


def test_line_structure_is_kept() -> None:
    raw = "خط اول میکنیم\n\n  خط   سوم  \r\nخط چهارم"
    out = normalize(raw)
    assert out.split("\n") == ["خط اول می‌کنیم", "", "خط سوم", "خط چهارم"]


def test_punctuation_spacing() -> None:
    assert normalize("گفت : « سلام » و رفت ، سپس .") == "گفت: «سلام» و رفت، سپس."
    assert normalize("اول،دوم") == "اول، دوم"


@pytest.mark.parametrize(
    "raw",
    [
        "مجموعه ZWNJ ای",
        "مجموعه&zwnj;ای",
        "مجموعه\\u200cای",
        "مجموعه\u200bای",
        "مجموعه\u200dای",
        "مجموعه\ufeffای",
        "مجموعه\u00acای",
        "مجموعه\u2009ای",
        "مجموعه\u200c\u200cای",
        "مجموعهای",
        "مجموعه ای",
    ],
)
def test_every_spelling_of_the_joiner_gives_one_zwnj(raw: str) -> None:
    assert normalize(raw) == f"مجموعه{Z}ای"


def test_placeholder_between_whole_words_becomes_a_space() -> None:
    out = normalize("نیازمند این بودیم که جایگاههای ZWNJ داشته باشیم")
    assert "ZWNJ" not in out
    assert out.endswith(f"جایگاه{Z}های داشته باشیم")


def test_zwnj_removed_where_it_cannot_belong() -> None:
    assert normalize(f"کتاب{Z} خوب") == "کتاب خوب"  # before a space
    assert normalize(f"{Z}کتاب{Z}") == "کتاب"  # at word edges
    assert normalize(f"دیوار{Z}ها") == "دیوارها"  # after a letter that does not join forward


@pytest.mark.parametrize(
    "text",
    [
        "https://www.tehran.ir/fa/news/میکنیم?id=12",
        "info@tehran.ir",
        "#برنامه_ریزی",
        "Tehran Municipality",
        "۱۴۰۰/۰۷/۱۰",
        "1,234.56",
        "۱٬۲۳۴٫۵",
        "💠 🔸",
    ],
)
def test_non_prose_is_left_alone(text: str) -> None:
    assert normalize(text) == text
    assert normalize(f"خبر {text} میکنیم") == f"خبر {text} می{Z}کنیم"


def test_offset_map_points_back_into_the_raw_text() -> None:
    raw = "  شهرداری ظرفيتهاي خود را برنامه ريزي  كرد ZWNJ ها"
    out, cmap = normalize_with_map(raw)
    assert len(cmap) == len(out) + 1 and cmap[-1] == len(raw)
    start = out.index("برنامه")
    end = start + len(f"برنامه{Z}ریزی")
    assert out[start:end] == f"برنامه{Z}ریزی"
    assert raw[cmap[start] : cmap[end]] == "برنامه ريزي"
    s = out.index("ظرفیت")
    assert raw[cmap[s] : cmap[s + len(f"ظرفیت{Z}های")]] == "ظرفيتهاي"


def test_search_fold_is_zwnj_and_variant_insensitive() -> None:
    assert fold_for_search("می‌کنیم") == fold_for_search("میکنیم") == fold_for_search("می کنیم")
    assert fold_for_search("تأکید مؤسسه") == fold_for_search("تاکید موسسه")
    assert fold_for_search("سال ۱۴۰۰ ABC") == "سال 1400 abc"


_ALPHABET = st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀأؤئءآ")
    + [
        " ",
        " ",
        Z,
        "\n",
        "ـ",
        "ِ",
        "،",
        ".",
        "۱",
        "1",
        "٢",
        "a",
        "ZWNJ",
        " ZWNJ ",
        "&zwnj;",
        "\u200b",
        "«",
        "»",
    ]
    + ["می", "ها", "های", "ای", "ترین", "تر", "نمی"]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_map_is_well_formed_and_lines_are_kept(text: str) -> None:
    out, cmap = normalize_with_map(text)
    assert out == normalize(text)
    assert len(cmap) == len(out) + 1 and cmap[-1] == len(text)
    assert all(a <= b for a, b in zip(cmap, cmap[1:], strict=False))
    assert out.count("\n") == text.count("\n")
    for i, ch in enumerate(out):
        if ch == "\n":
            assert text[cmap[i]] == "\n"


@pytest.fixture(scope="module")
def seeds() -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed releases not found at {SEEDS}")
    return "\n".join(normalize(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))


def test_seed_placeholders_are_all_resolved(seeds: str) -> None:
    assert "ZWNJ" not in seeds
    assert f"مجموعه{Z}ای باشد" in seeds
    assert f"مجموعه{Z}های مردمی" in seeds


@pytest.mark.parametrize(
    "word",
    [
        "می‌کنیم",
        "ظرفیت‌های",
        "جلسه‌ای",
        "هماهنگی‌ها",
        "برنامه‌ریزی",
        "کلیدی‌ترین",
        "توکلی‌زاده",
        "اوراقچی‌ها",
        "آتش‌نشانی",
        "می‌شود",
        "شبکه‌های",
        "دستگاه‌های",
    ],
)
def test_seed_words_are_spelled_with_zwnj(seeds: str, word: str) -> None:
    assert word in seeds
    assert word.replace(Z, "") not in seeds.replace(word, "")
