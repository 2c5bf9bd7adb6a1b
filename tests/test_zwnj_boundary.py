"""nlp.zwnj_boundary: the logistic space model, its training, and its use by the restorer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from nlp import zwnj, zwnj_boundary
from nlp.normalize import normalize
from nlp.train_zwnj_boundary import _examples, _skeleton, corrupt
from nlp.zwnj_boundary import BoundaryModel

Z = "\u200c"


@pytest.fixture(scope="module")
def restorer() -> zwnj.Restorer:
    return zwnj.default_restorer()


def test_bundled_model_loads_and_keeps_style_weights_non_negative() -> None:
    model = zwnj_boundary.load()
    assert len(model.weights) > 30
    # the score must never rise when the style falls, or a second pass would join more (idempotence)
    assert all(model.weights.get(name, 0.0) >= 0 for name in zwnj_boundary.MONOTONE)


def test_default_restorer_uses_the_boundary_model(restorer: zwnj.Restorer) -> None:
    assert restorer.boundary is not None


def test_an_auxiliary_after_a_participle_is_a_feature(restorer: zwnj.Restorer) -> None:
    verb = dict(zwnj_boundary.context_features(restorer, "", "انجام", "شده", "است"))
    adjective = dict(zwnj_boundary.context_features(restorer, "", "انجام", "شده", "در"))
    assert verb["n_aux"] == 1.0 and verb["pp_aux"] == 1.0
    assert adjective["n_aux"] == 0.0 and adjective["pp_word"] == 1.0
    model = zwnj_boundary.load()
    assert model.weights["pp_aux"] < 0  # «انجام شده است» is a verb: spaced


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = BoundaryModel({"z": 1.5, "b=ها": -0.25}, bias=-2.0, threshold=0.5)
    loaded = zwnj_boundary.load(zwnj_boundary.save(model, tmp_path / "m.json"))
    assert loaded == model


def test_unreadable_model_raises_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(zwnj_boundary.ZwnjBoundaryError):
        zwnj_boundary.load(tmp_path / "bad.json")
    with pytest.raises(zwnj_boundary.ZwnjBoundaryError):
        zwnj_boundary.load(tmp_path / "missing.json")


def test_training_learns_the_signal_and_projects_style_weights() -> None:
    rng = random.Random(0)
    rows, labels = [], []
    for _ in range(400):
        z, style = rng.random() < 0.5, rng.random() < 0.5
        y = int(z and rng.random() < 0.9)
        y = 0 if style and rng.random() < 0.5 else y  # the style alone would get a negative weight
        rows.append([("z>0", float(z)), ("style>=1", float(style))])
        labels.append(y)
    model = zwnj_boundary.train(rows, labels, l2=1.0, epochs=200)
    assert model.weights["z>0"] > 1.0
    assert model.weights.get("style>=1", 0.0) >= 0.0
    assert model.prob([("z>0", 1.0)]) > 0.5 > model.prob([("z>0", 0.0)])


def test_corruptions_and_gold_labels_line_up() -> None:
    gold = f"کتاب{Z}های ما را می{Z}بینیم"
    assert corrupt(gold, "del", random.Random(0)) == "کتابهای ما را میبینیم"
    assert corrupt(gold, "space", random.Random(0)) == "کتاب های ما را می بینیم"
    n, labels = _skeleton(gold)
    assert n == len(gold.replace(Z, "").replace(" ", ""))
    assert labels[4] == "Z" and labels[7] == "S" and labels[5] == "J"  # کتاب|های ما


def test_examples_are_the_spaces_the_model_decides(restorer: zwnj.Restorer) -> None:
    plain = zwnj.Restorer(restorer.lex, restorer.ngram)  # training restorers have no model yet
    # «کتاب های» and «می بینیم» are sure joins of the rules, «ما|را» cannot take a ZWNJ, and «های|ما» was
    # never seen joined: no example.  «به شدت» is written both ways: an example, labelled as the gold has it
    gold = f"کتاب{Z}های ما را می{Z}بینیم"
    assert _examples(plain, corrupt(gold, "space", random.Random(0)), _skeleton(gold)[1]) == []
    gold = f"کتاب{Z}ها را به{Z}شدت دیدم"
    rows = _examples(plain, corrupt(gold, "space", random.Random(0)), _skeleton(gold)[1])
    assert [y for _, y in rows] == [1]
    assert dict(rows[0][0])["z>0"] == 1.0
    # a text that keeps its ZWNJs (strict) is left to the rules
    gold = f"کتاب{Z}ها را به{Z}شدت دیدم و کتاب{Z}ها را"
    assert _examples(plain, corrupt(gold, "del", random.Random(0)), _skeleton(gold)[1]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ZWNJs turned into spaces: compounds the rules alone left apart
        ("مراسم آتش بازی شبانه را دیدیم و می رویم", f"مراسم آتش{Z}بازی شبانه را دیدیم و می{Z}رویم"),
        (
            "پژوهشگر باستان شناسی گفت که کتاب ها را می خواند",
            f"پژوهشگر باستان{Z}شناسی گفت که کتاب{Z}ها را می{Z}خواند",
        ),
    ],
)
def test_spaced_compounds_are_joined(restorer: zwnj.Restorer, text: str, expected: str) -> None:
    assert restorer.restore(text) == expected


@pytest.mark.parametrize(("left", "right"), [("ملامت", "آمیز"), ("خیابان", "کشی"), ("آرامش", "دهنده")])
def test_the_model_joins_compounds_the_rules_leave_apart(
    restorer: zwnj.Restorer, left: str, right: str
) -> None:
    # compounds of hazm's list, never seen in running text, in a text whose ZWNJs became spaces
    text = f"ما {left} {right} را در کتاب های خود می بینیم"
    rules_only = zwnj.Restorer(restorer.lex, restorer.ngram)
    assert f"{left} {right}" in rules_only.restore(text)
    assert restorer.restore(text) == f"ما {left}{Z}{right} را در کتاب{Z}های خود می{Z}بینیم"
    # the same words in a text that keeps its ZWNJs are left as the writer spaced them
    kept = f"ما {left} {right} را در کتاب{Z}های خود دیدیم"
    assert restorer.restore(kept) == kept


@pytest.mark.parametrize(
    "text",
    [
        "مراسم آتش بازی شبانه را دیدیم و می رویم",
        "کتابها را به شدت دیدم",
        "ما مصرف کننده و پیام رسان را دیدیم",
        "درد معده تان را بگویید خانه ات کجاست",
        "قایق رانی می کنیم ZWNJ و بچه خرگوش دیدیم",
        f"کتاب{Z}ها و نیمه ابری و دوچرخه سواران",
    ],
)
def test_normalising_twice_changes_nothing_more(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (DATA / "perdt").is_dir(), reason=f"training data not found at {DATA}")
def test_normalising_perdt_dev_corruptions_twice_changes_nothing_more() -> None:
    # real sentences reach the model in every style (spaced, deleted, mixed with placeholders)
    dev = DATA / "perdt" / "fa_perdt-ud-dev.conllu"
    texts = [line[9:].rstrip("\n") for line in dev.open(encoding="utf-8") if line.startswith("# text = ")]
    for i, gold in enumerate(texts[::3]):
        for kind in ("del", "space", "mix"):
            once = normalize(corrupt(gold, kind, random.Random(i)))
            assert normalize(once) == once, (kind, gold)
