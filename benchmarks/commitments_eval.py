"""Score commitment extraction on the development set (tests/fixtures/commitments_dev).

    .venv/bin/python benchmarks/commitments_eval.py --tracking [--out FILE.md] [-v]
    .venv/bin/python benchmarks/commitments_eval.py --set tests/fixtures/commitments_heldout/heldout.yaml

Commitment detection: a prediction matches a gold commitment when its evidence sentence contains the
gold evidence substring (ZWNJ/space folded). Speaker, deadline and polarity are scored over matched
pairs. See the set's GUIDE.md for the annotation rules.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from goftar.model import Commitment  # noqa: E402
from nlp.extract import extract  # noqa: E402
from nlp.normalize import normalize  # noqa: E402

DEV = REPO / "tests" / "fixtures" / "commitments_dev" / "dev.yaml"
PAIRS = REPO / "tests" / "fixtures" / "commitments_dev" / "tracking.yaml"


def tracking_table(pairs: list[dict[str, Any]]) -> str:
    """Precision/recall of linking restatements (same speaker) at each similarity threshold."""
    from nlp.tracking import THRESHOLD, similarity

    scored = [(similarity(normalize(p["a"]), normalize(p["b"])), bool(p["same"])) for p in pairs]
    rows = ["| threshold | precision | recall | F1 |", "| --- | --- | --- | --- |"]
    for t in [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]:
        tp = sum(1 for s, same in scored if s >= t and same)
        fp = sum(1 for s, same in scored if s >= t and not same)
        fn = sum(1 for s, same in scored if s < t and same)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        mark = " (used)" if abs(t - THRESHOLD) < 1e-9 else ""
        rows.append(f"| {t:.2f}{mark} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(rows)


def fold(text: str | None) -> str:
    """Compare Persian strings without regard to ZWNJ/space, diacritics or ي/ك variants."""
    text = normalize(text or "")
    return re.sub(r"[\s\u200c\u064b-\u0652]+", "", text).replace("ي", "ی").replace("ك", "ک")


def speaker_names(c: Commitment) -> set[str]:
    s = c.speaker
    return {fold(x) for x in (s.text, s.canonical_name) if x} if s else set()


def gold_speakers(name: str, published: Any) -> set[str]:
    """The gold speaker, plus the registry's holder when the gold is a title (GUIDE.md: both count)."""
    names = {fold(name)}
    try:
        from nlp.entities import resolve_official

        holder = resolve_official(name, date.fromisoformat(str(published)))
    except Exception:  # noqa: BLE001 - without a registry only the written title counts
        holder = None
    if holder:
        names.add(fold(holder[1]))
    return names


def score(docs: list[dict[str, Any]], verbose: bool = False) -> dict[str, float]:
    tp = fp = fn = speaker_ok = deadline_ok = polarity_ok = negated_ok = 0
    for doc in docs:
        ex = extract(doc["text"], date.fromisoformat(str(doc["published"])))
        preds = list(ex.commitments)
        for gold in doc["commitments"]:
            ev = fold(gold["evidence"])
            match = next((p for p in preds if ev in fold(p.evidence)), None)
            if match is None:
                fn += 1
                if verbose:
                    print(f"MISS {doc['id']}: {gold['evidence']}")
                continue
            preds.remove(match)
            tp += 1
            ok_s = bool(gold_speakers(gold["speaker"], doc["published"]) & speaker_names(match))
            ok_d = fold(gold.get("deadline")) == fold(match.deadline.text if match.deadline else None)
            ok_p = gold["polarity"] == match.polarity
            speaker_ok, deadline_ok, polarity_ok = speaker_ok + ok_s, deadline_ok + ok_d, polarity_ok + ok_p
            negated_ok += bool(gold.get("negated", False)) == match.negated
            if verbose and not (ok_s and ok_d and ok_p):
                print(
                    f"DIFF {doc['id']}: speaker {gold['speaker']!r} vs "
                    f"{match.speaker and match.speaker.display!r}"
                    f" | deadline {gold.get('deadline')!r} vs {match.deadline and match.deadline.text!r}"
                    f" | polarity {gold['polarity']} vs {match.polarity}"
                )
        fp += len(preds)
        if verbose:
            for p in preds:
                print(f"EXTRA {doc['id']}: {p.polarity} {p.evidence[:80]}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(docs),
        "gold": tp + fn,
        "predicted": tp + fp,
        "matched": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": speaker_ok / tp if tp else 0.0,
        "deadline_exact": deadline_ok / tp if tp else 0.0,
        "polarity_accuracy": polarity_ok / tp if tp else 0.0,
        "negation_accuracy": negated_ok / tp if tp else 0.0,
    }


def table(m: dict[str, float]) -> str:
    rows = ["| metric | value |", "| --- | --- |"]
    for k, v in m.items():
        rows.append(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |")
    return "\n".join(rows)


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this table, recorded in the --out file."""
    parts = [".venv/bin/python benchmarks/commitments_eval.py"]
    if args.dev.resolve() != DEV:  # name the set, so a held-out table is not mistaken for the dev one
        parts.append(f"--set {args.dev}")
    if args.tracking:
        parts.append("--tracking")
    parts.append(f"--out {args.out}")
    return " ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--dev",
        "--set",
        dest="dev",
        type=Path,
        default=DEV,
        help="annotated set to score (default: the development set); e.g. the held-out set",
    )
    ap.add_argument("--out", type=Path, default=None, help="write the table (markdown) here too")
    ap.add_argument("--tracking", action="store_true", help="also score story linking on tracking.yaml")
    ap.add_argument("-v", "--verbose", action="store_true", help="print misses, extras and differences")
    args = ap.parse_args()
    docs = yaml.safe_load(args.dev.read_text(encoding="utf-8"))
    metrics = score(docs, args.verbose)
    out = table(metrics)
    if args.tracking:
        out += "\n\nStory linking (same speaker), " + str(PAIRS.name) + ":\n\n"
        out += tracking_table(yaml.safe_load(PAIRS.read_text(encoding="utf-8")))
    print(out)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            f"Command: `{command_line(args)}`\n\n{out}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
