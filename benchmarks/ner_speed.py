"""Entity-stage speed: words per second on one core for normalise + NER + rules (``find_entities``).

    .venv/bin/python benchmarks/ner_speed.py [--arman ../shared/data/arman] [--sentences 2000] [--out FILE.md]

Input: sentences of Arman's test_fold1 rejoined with spaces into paragraphs of ~10 sentences (raw-ish
text: Arabic ي/ك and the corpus's spacing, so the normaliser has real work), plus the two seed releases.
Time is CPU time of this process (``time.process_time``), so other jobs on the machine do not count;
spaCy runs single-threaded. Words are whitespace-separated tokens of the input. A warm-up run loads the
model and fills caches first.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlp.entities import doc_entities, load_pipeline  # noqa: E402
from nlp.ner.prepare import read_arman  # noqa: E402
from nlp.normalize import normalize  # noqa: E402


def paragraphs(arman: Path, limit: int, per_paragraph: int = 10) -> list[str]:
    sentences = [" ".join(w for w, _ in s) for s in islice(read_arman(arman / "test_fold1.txt"), limit)]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))]
    grouped = [" ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]
    return grouped + seeds


def measure(texts: list[str]) -> dict[str, float]:
    nlp = load_pipeline()
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    normalised = [normalize(t) for t in texts]
    after_normalise = time.process_time()
    count = sum(len(doc_entities(doc)) for doc in nlp.pipe(normalised, batch_size=256))
    end = time.process_time()
    return {
        "words": words,
        "entities": count,
        "normalise_s": after_normalise - start,
        "ner_rules_s": end - after_normalise,
        "total_words_per_s": words / (end - start),
        "ner_rules_words_per_s": words / (end - after_normalise),
        "normalise_words_per_s": words / (after_normalise - start),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arman", type=Path, default=REPO.parent / "shared" / "data" / "arman")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not (args.arman / "test_fold1.txt").exists():
        print(f"Arman corpus not found at {args.arman}", file=sys.stderr)
        return 2
    texts = paragraphs(args.arman, args.sentences)
    measure(texts[:5])  # warm-up: model load, caches
    result = measure(texts)
    lines = [
        "# Entity stage speed (one core, CPU time)",
        "",
        f"Command: `.venv/bin/python benchmarks/ner_speed.py --sentences {args.sentences}`",
        "",
        "| measure | value |",
        "| --- | --- |",
        *(f"| {k} | {v:,.1f} |" for k, v in result.items()),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
