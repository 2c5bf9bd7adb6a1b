"""Training the NER with spaCy's trainer on the DocBins written by :mod:`nlp.ner.prepare`."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from thinc.api import Config

from nlp.entities import MODEL_PATH

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).resolve().parent / "config.cfg"


def train_model(
    train: Path,
    dev: Path,
    output: Path,
    overrides: dict[str, object] | None = None,
    config: Path = CONFIG_PATH,
) -> Path:
    """Train on ``train`` (model selection on ``dev``) with ``config``; returns the best model's folder."""
    settings: dict[str, object] = {"paths.train": str(train), "paths.dev": str(dev), **(overrides or {})}
    spacy_train(config, output, use_gpu=-1, overrides=settings)
    return output / "model-best"


def train_fold(
    corpus: Path,
    fold: int,
    output: Path,
    overrides: dict[str, object] | None = None,
    config: Path = CONFIG_PATH,
    full: bool = False,
) -> Path:
    """Train fold ``fold`` on its train split, selecting on its dev split (cut from train, never test).

    With ``full`` the model trains on the whole train fold the way the shipped model is trained on all
    data: the dev split (now inside the training data) only logs progress, and the *last* model, after
    the config's ``max_steps`` (tuned on dev runs), is the one to score.
    """
    best = train_model(
        corpus / f"fold{fold}-{'full' if full else 'train'}.spacy",
        corpus / f"fold{fold}-dev.spacy",
        output / f"fold{fold}",
        overrides,
        config,
    )
    return best.with_name("model-last") if full else best


def train_final(
    corpus: Path, output: Path, overrides: dict[str, object] | None = None, config: Path = CONFIG_PATH
) -> Path:
    """Train on the whole corpus and install the last model as the shipped one (``nlp/models/ner``).

    There is no held-out data left, so the dev split only logs progress; the number of steps comes from
    the fold runs (config ``training.max_steps``) and the *last* model is shipped.
    """
    train_model(corpus / "all.spacy", corpus / "fold1-dev.spacy", output / "final", overrides, config)
    install(output / "final" / "model-last")
    return MODEL_PATH


MODEL_NOTE = """Persian NER for Goftar (spaCy {spacy}), labels PER ORG LOC FAC PRO EVENT.

Trained with `python -m nlp.ner train --final` (config: nlp/ner/config.cfg) on ArmanPersoNERCorpus
(all three folds' sentences), which its authors released for academic research use; the public dataset
card lists CC BY 4.0. Its scores by fold: `python -m nlp.ner evaluate`.
"""


def install(model: Path, target: Path = MODEL_PATH) -> None:
    """Copy a trained model into the repo with its provenance in meta.json and a README.

    The copy is built next to ``target`` and swapped in with renames, so an interrupted install never
    leaves a half-written model where :func:`nlp.entities.load_pipeline` looks.
    """
    staging = target.with_name(target.name + ".new")
    previous = target.with_name(target.name + ".old")
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(model, staging)
    _stamp(staging)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    if previous.exists():
        shutil.rmtree(previous)
    log.info("installed %s as %s", model, target)


def _stamp(folder: Path) -> None:
    """Drop this machine's training paths from the config; add provenance to meta.json and a README."""
    config = Config().from_disk(folder / "config.cfg", interpolate=False)
    config["paths"].update(train=None, dev=None)
    config.to_disk(folder / "config.cfg")
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="goftar_ner",
        description="Persian NER (PER ORG LOC FAC PRO EVENT) trained on ArmanPersoNERCorpus",
        sources=[{"name": "ArmanPersoNERCorpus", "license": "academic research use (card: CC BY 4.0)"}],
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "README.md").write_text(MODEL_NOTE.format(spacy=spacy.__version__), encoding="utf-8")
