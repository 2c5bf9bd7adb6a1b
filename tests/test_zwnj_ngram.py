"""nlp.zwnj_ngram: the character n-gram boundary model, rebuilt on synthetic text and as bundled."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nlp import zwnj, zwnj_ngram
from nlp.normalize import normalize
from nlp.train_zwnj import count_texts, ngram_path, train_ngram, write_lexicon

Z = "\u200c"

# synthetic running text: stems take «ها/های» and «گری/سازی» after a ZWNJ, and some plain words
SYNTHETIC = [
    f"کتاب{Z}ها و قلم{Z}ها و کیف{Z}های نو",
    f"دفترچه{Z}ها و کلاس{Z}های خوب",
    f"علم{Z}ها و رقم{Z}های تازه و چشم{Z}های باز",
    f"شیشه{Z}گری و آینه{Z}سازی و پرده{Z}سازی کار ماست",
    f"جاده{Z}سازی و خانه{Z}سازی و شهرک{Z}سازی",
    "کتاب خوب و قلم نو و کیف کهنه",
    "کلاس بزرگ و دفترچه کوچک",
    "سازمان و سازنده و گرامی",
]


def _synthetic_model() -> zwnj_ngram.NgramModel:
    forms: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    count_texts(SYNTHETIC, 3.0, forms, pairs)
    return train_ngram((forms, Counter(forms), pairs, set()))


def test_tiny_model_splits_unseen_words_by_their_letters() -> None:
    model = _synthetic_model()
    assert model.split("قلمهای", 0.5) == f"قلم{Z}های"  # unseen word, seen boundary letters
    assert model.split("مجسمهسازی", 0.5) == f"مجسمه{Z}سازی"  # unseen compound
    assert model.split("سازمان", 0.5) == "سازمان"  # seen attached: no split
    assert model.split("کتابها", 1.0) == "کتابها"  # nothing is surer than certainty


def test_tiny_model_never_cuts_after_a_letter_that_does_not_join_forward() -> None:
    model = _synthetic_model()
    for word in ("میزها", "دفترها", "کتابدار"):  # even when anything at all is allowed to split
        out = model.split(word, 0.0)
        assert out.replace(Z, "") == word
        assert all(piece[-1] in zwnj_ngram.DUAL_JOINING for piece in out.split(Z)[:-1])
        assert all(len(piece) >= zwnj_ngram.MIN_PIECE for piece in out.split(Z))


def test_tiny_model_space_table_prefers_known_compound_shapes() -> None:
    model = _synthetic_model()
    assert model.join_p("مجسمه", "سازی") > 0.5 > model.join_p("کتاب", "خوب")


def test_edge_marks_keep_a_prefix_apart_from_a_word_ending() -> None:
    # «^می|…» (the verb prefix) and «…می|…» (the end of آدمی) are different contexts
    keys = zwnj_ngram._keys("آدمی", "سرانجام")
    assert all(not k.startswith("^می") for k in keys)
    assert "^می|سر" in zwnj_ngram._keys("می", "سرانجام")


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = _synthetic_model()
    path = zwnj_ngram.save(model, tmp_path / "m.bin")
    again = zwnj_ngram.load(path)
    assert again.inner_p("قلمهای", 3) == model.inner_p("قلمهای", 3)
    assert again.join_p("مجسمه", "سازی") == model.join_p("مجسمه", "سازی")


def test_unreadable_model_raises_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a model")
    with pytest.raises(zwnj_ngram.ZwnjNgramError):
        zwnj_ngram.load(bad)
    with pytest.raises(zwnj_ngram.ZwnjNgramError):
        zwnj_ngram.load(tmp_path / "missing.bin")


def test_rebuilt_lexicon_and_model_restore_an_unseen_compound(tmp_path: Path) -> None:
    forms: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    count_texts(SYNTHETIC, 3.0, forms, pairs)
    out = tmp_path / "zwnj_lexicon.tsv.gz"
    counts = (forms, Counter(forms), pairs, set())
    write_lexicon(out, counts)
    zwnj_ngram.save(train_ngram(counts), ngram_path(out))
    lex = zwnj.load_lexicon(out)
    alone, with_model = zwnj.Restorer(lex), zwnj.Restorer(lex, zwnj_ngram.load(ngram_path(out)))
    assert alone.restore("مجسمهساز کار ماست") == "مجسمهساز کار ماست"
    assert with_model.restore("مجسمهساز کار ماست") == f"مجسمه{Z}ساز کار ماست"
    assert with_model.restore("کتاب خوب") == "کتاب خوب"


# compounds in no training source, written without their ZWNJ, in hand-written sentences
UNSEEN = [
    ("این مسخرهکننده است", f"این مسخره{Z}کننده است"),
    ("طرح زبالهسوزی در شهر اجرا شد", f"طرح زباله{Z}سوزی در شهر اجرا شد"),
    ("گلخانهداری در این منطقه رونق گرفت", f"گلخانه{Z}داری در این منطقه رونق گرفت"),
    ("واحدهای قرنطینهشده بازگشایی شد", f"واحدهای قرنطینه{Z}شده بازگشایی شد"),
    ("سیاست نخبهپروری دنبال می‌شود", f"سیاست نخبه{Z}پروری دنبال می‌شود"),
]


@pytest.mark.parametrize(("raw", "expected"), UNSEEN)
def test_bundled_model_restores_unseen_compounds(raw: str, expected: str) -> None:
    restorer = zwnj.default_restorer()
    assert restorer.ngram is not None, "nlp/data/zwnj_ngram.bin should be bundled"
    compound = next(w for w in raw.split() if Z not in w and w not in expected.split())
    assert restorer.lex.plain.get(compound, 0.0) == 0 and compound not in restorer.lex.best
    assert normalize(raw) == expected


def test_bundled_model_leaves_a_known_word_plus_ending_alone() -> None:
    # دهان + م, کیف + ش: explained by the lexicon, whatever the letters suggest
    assert normalize("دهانم را بستم و کیفش را برداشت") == "دهانم را بستم و کیفش را برداشت"
