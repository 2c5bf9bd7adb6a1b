"""``python -m nlp.ner prepare|train|evaluate``: build, train and score the Persian NER.

python -m nlp.ner prepare --arman ../shared/data/arman --corpus var/ner/corpus
python -m nlp.ner train --corpus var/ner/corpus --fold 1 --output var/ner/runs   # or --final, --full
python -m nlp.ner evaluate --corpus var/ner/corpus --runs var/ner/runs            # 3 folds + mean
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from nlp.ner.evaluate import average, evaluate_model, format_table


def _overrides(pairs: list[str]) -> dict[str, object]:
    """``KEY=VALUE`` pairs as config overrides; values are read as JSON (numbers, true, null), as spaCy's
    own CLI does, and kept as strings otherwise."""
    out: dict[str, object] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.ner", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare", help="convert the Arman folds to DocBin files")
    prep.add_argument("--arman", type=Path, default=Path("../shared/data/arman"))
    prep.add_argument("--corpus", type=Path, default=Path("var/ner/corpus"))
    tr = sub.add_parser("train", help="train one fold, or the shipped model on all data (--final)")
    tr.add_argument("--corpus", type=Path, default=Path("var/ner/corpus"))
    tr.add_argument("--output", type=Path, default=Path("var/ner/runs"))
    tr.add_argument("--fold", type=int, choices=(1, 2, 3))
    tr.add_argument("--final", action="store_true")
    tr.add_argument("--full", action="store_true", help="train on the whole train fold; score model-last")
    tr.add_argument("--config", type=Path, default=None, help="training config (default nlp/ner/config.cfg)")
    tr.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE", help="config overrides")
    ev = sub.add_parser("evaluate", help="strict CoNLL P/R/F1 per label on each fold and averaged")
    ev.add_argument("--corpus", type=Path, default=Path("var/ner/corpus"))
    ev.add_argument("--runs", type=Path, default=Path("var/ner/runs"))
    ev.add_argument("--folds", type=int, nargs="*", default=[1, 2, 3])
    ev.add_argument("--model", choices=("best", "last"), default="best", help="last for runs trained --full")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    if args.command == "prepare":
        from nlp.ner.prepare import prepare_folds

        print(prepare_folds(args.arman, args.corpus))
    elif args.command == "train":
        from nlp.ner.train import CONFIG_PATH, train_final, train_fold

        config = args.config or CONFIG_PATH
        if args.final:
            print(train_final(args.corpus, args.output, _overrides(args.set), config))
        elif args.fold:
            print(train_fold(args.corpus, args.fold, args.output, _overrides(args.set), config, args.full))
        else:
            parser.error("train needs --fold K or --final")
    else:
        tables = []
        for k in args.folds:
            table = evaluate_model(
                args.runs / f"fold{k}" / f"model-{args.model}", args.corpus / f"fold{k}-test.spacy"
            ).table()
            print(format_table(f"fold {k} (test_fold{k}.txt)", table), "\n")
            tables.append(table)
        print(format_table(f"mean over folds {args.folds}", average(tables)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
