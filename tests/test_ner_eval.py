"""The NER data preparation and the strict (CoNLL) entity scorer."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from nlp.ner.__main__ import _overrides, main
from nlp.ner.evaluate import Scores, average, score_docs
from nlp.ner.prepare import iob_spans, normalise_word, prepare_folds, read_arman, sentence_doc

ZWNJ = "\u200c"


def test_iob_tags_become_spans_and_an_orphan_i_opens_an_entity() -> None:
    tags = ["B-pers", "I-pers", "O", "I-loc", "B-org", "I-org", "I-pers", "O"]
    assert iob_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "ORG"), (6, 7, "PER")]


def test_read_arman_skips_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "fold.txt"
    path.write_text("علی B-pers\nگفت O\n\nبدون‌برچسب\nتهران B-loc\n", encoding="utf-8")
    assert list(read_arman(path)) == [[("علی", "B-pers"), ("گفت", "O")], [("تهران", "B-loc")]]


def test_corpus_words_get_the_letters_inference_text_has() -> None:
    # Arman writes Arabic kaf and yeh; the normaliser (and so inference text) uses Persian ones.
    assert normalise_word("كتابخانه") == "کتابخانه"
    assert normalise_word("علي") == "علی"
    assert normalise_word("می" + ZWNJ + "رود") == "می" + ZWNJ + "رود"


def test_sentence_doc_keeps_corpus_tokens_and_gold_entities() -> None:
    vocab = spacy.blank("fa").vocab
    doc = sentence_doc(vocab, [("شهرداری", "B-org"), ("تهران", "I-org"), ("گفت", "O")])
    assert [t.text for t in doc] == ["شهرداری", "تهران", "گفت"]
    assert [(e.text, e.label_) for e in doc.ents] == [("شهرداری تهران", "ORG")]


def test_scores_count_only_exact_boundaries_and_label() -> None:
    scores = Scores()
    gold = {(0, 2, "PER"), (5, 6, "LOC"), (8, 9, "ORG")}
    pred = {(0, 2, "PER"), (5, 7, "LOC"), (8, 9, "LOC")}
    scores.add(gold, pred)
    assert scores.prf("PER") == (100.0, 100.0, 100.0)
    assert scores.prf("LOC") == (0.0, 0.0, 0.0)
    p, r, f = scores.prf()
    assert (round(p, 2), round(r, 2), round(f, 2)) == (33.33, 33.33, 33.33)


def test_average_is_the_mean_of_fold_scores() -> None:
    mean = average(
        [
            {"PER": (80.0, 60.0, 70.0), "ALL": (1.0, 1.0, 1.0)},
            {"PER": (60.0, 80.0, 90.0), "ALL": (3.0, 3.0, 3.0)},
        ]
    )
    assert mean["PER"] == (70.0, 70.0, 80.0) and mean["ALL"] == (2.0, 2.0, 2.0)


def test_score_docs_runs_the_pipeline_on_gold_words() -> None:
    nlp = spacy.blank("fa")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": "تهران"}])
    gold = Doc(nlp.vocab, words=["در", "تهران", "و", "مشهد"])
    gold.ents = [Span(gold, 1, 2, "LOC"), Span(gold, 3, 4, "LOC")]
    scores = score_docs(nlp, [gold])
    assert (scores.tp["LOC"], scores.fp["LOC"], scores.fn["LOC"]) == (1, 0, 1)


def test_real_corpus_first_sentences(shared_data: Path) -> None:
    path = shared_data / "arman" / "test_fold1.txt"
    if not path.exists():
        pytest.skip(f"Arman corpus not found at {path}")
    sentences = list(islice(read_arman(path), 50))
    assert len(sentences) == 50
    tags = {t for s in sentences for _, t in s}
    assert tags <= {"O"} | {f"{p}-{x}" for p in "BI" for x in ("pers", "org", "loc", "fac", "pro", "event")}


def _fake_arman(folder: Path) -> Path:
    folder.mkdir()
    sentences = ["علي B-pers\nگفت O\n", "در O\nتهران B-loc\n", "شهرداری B-org\nتهران I-org\n"]
    for k in (1, 2, 3):
        (folder / f"train_fold{k}.txt").write_text("\n".join(sentences[:2]), encoding="utf-8")
        (folder / f"test_fold{k}.txt").write_text(sentences[2], encoding="utf-8")
    return folder


def test_prepare_then_evaluate_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arman, corpus, runs = _fake_arman(tmp_path / "arman"), tmp_path / "corpus", tmp_path / "runs"
    counts = prepare_folds(arman, corpus, dev_size=1)
    assert counts["fold1-train"] == 1 and counts["fold1-dev"] == 1 and counts["all"] == 3
    assert counts["fold1-full"] == 2  # the whole train fold, dev split included
    # A stand-in "model" that knows one organisation: the scorer must see one hit and no misses.
    nlp = spacy.blank("fa")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "شهرداری تهران"}])
    for k in (1, 2, 3):
        (runs / f"fold{k}").mkdir(parents=True)
        nlp.to_disk(runs / f"fold{k}" / "model-best")
    assert main(["evaluate", "--corpus", str(corpus), "--runs", str(runs)]) == 0
    out = capsys.readouterr().out
    assert "mean over folds [1, 2, 3]" in out
    assert out.rstrip().splitlines()[-1].split() == ["ALL", "100.00", "100.00", "100.00"]


def test_install_replaces_a_model_whole_and_stamps_its_provenance(tmp_path: Path) -> None:
    from nlp.ner.train import install

    trained = tmp_path / "model-last"
    nlp = spacy.blank("fa")
    nlp.add_pipe("ner").add_label("PER")
    nlp.initialize()
    nlp.to_disk(trained)
    target = tmp_path / "models" / "ner"
    target.mkdir(parents=True)
    (target / "stale.txt").write_text("from the previous model", encoding="utf-8")

    install(trained, target)

    assert not (target / "stale.txt").exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["ner"]
    loaded = spacy.load(target)
    assert loaded.meta["name"] == "goftar_ner" and "ner" in loaded.pipe_names
    assert "ArmanPersoNERCorpus" in (target / "README.md").read_text(encoding="utf-8")


def test_config_overrides_from_the_command_line_keep_their_types() -> None:
    # spaCy validates the config: a dropout of "0.3" (a string) would be rejected.
    assert _overrides(
        ["training.dropout=0.3", "training.max_steps=4000", "paths.vectors=var/v", "x=null"]
    ) == {
        "training.dropout": 0.3,
        "training.max_steps": 4000,
        "paths.vectors": "var/v",
        "x": None,
    }


def test_a_full_fold_run_trains_on_the_whole_train_fold_and_scores_its_last_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arman, corpus, runs = _fake_arman(tmp_path / "arman"), tmp_path / "corpus", tmp_path / "runs"
    prepare_folds(arman, corpus, dev_size=1)
    steps = ["training.max_steps=3", "training.eval_frequency=1", "nlp.batch_size=8"]
    assert (
        main(
            [
                "train",
                "--corpus",
                str(corpus),
                "--fold",
                "1",
                "--full",
                "--output",
                str(runs),
                "--set",
                *steps,
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.rstrip().endswith(str(runs / "fold1" / "model-last"))
    assert (
        main(["evaluate", "--corpus", str(corpus), "--runs", str(runs), "--folds", "1", "--model", "last"])
        == 0
    )
    assert "fold 1 (test_fold1.txt)" in capsys.readouterr().out
