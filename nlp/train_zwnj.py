"""Rebuild the ZWNJ lexicon, cache and n-gram model: ``python -m nlp.train_zwnj --data ../shared/data``.

``--out`` defaults to ``nlp/data/zwnj_lexicon.tsv.gz``; the cache ``zwnj_lexicon.cache``, the character
n-gram boundary model ``zwnj_ngram.bin`` (:mod:`nlp.zwnj_ngram`, trained on the same counts) and the
logistic space model ``zwnj_boundary.json`` (:mod:`nlp.zwnj_boundary`, trained on PerDT dev in two
folds, each read with a lexicon built without it: about two more minutes) are written beside it.

Sources (never PerDT test): PerDT dev and Seraji dev ``# text`` lines, the Arman NER corpus (one fold's
train + test = every sentence once), hazm's bundled ``words.dat`` and verb conjugations generated from its
``verbs.dat``, and our short list of municipal spellings (``nlp/data/zwnj_domain.tsv``).  Each source has
a weight: PerDT sets the convention the benchmark follows, Seraji mostly agrees, Arman often writes plurals
without ZWNJ («ارزشها») so it counts less, hazm's lists give vocabulary (compounds such as «برنامه‌ریزی»)
rather than usage, and the municipal list outweighs them all for its few words.  The output holds spellings
with their weighted counts (``f``) and counts of piece pairs written with a space (``b``); no sentence is
stored.
"""

from __future__ import annotations

import argparse
import gzip
import io
import logging
import math
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import hazm

from nlp import zwnj_boundary, zwnj_ngram
from nlp.normalize import normalize_characters
from nlp.train_zwnj_boundary import train_boundary
from nlp.zwnj import Restorer
from nlp.zwnj_chars import RUN_RE, ZWNJ
from nlp.zwnj_lexicon import LEXICON_PATH, cache_path, load_lexicon

log = logging.getLogger(__name__)

WEIGHTS = {"perdt": 3.0, "seraji": 1.0, "arman": 0.05, "hazm": 0.1, "verbs": 0.3, "domain": 5.0}
# our own short list of municipal spellings the corpora get wrong (see the file's header)
DOMAIN_PATH = Path(__file__).parent / "data" / "zwnj_domain.tsv"
# weight in the *convention* counts (which spelling a corpus uses, which suffixes take a ZWNJ): Seraji
# writes many plurals attached («ارزشها») where PerDT uses a ZWNJ, so it only tips PerDT's balance
CONVENTION_WEIGHTS = {"perdt": 3.0, "seraji": 0.3, "domain": 5.0}
PERSON_PRESENT = ("م", "ی", "د", "یم", "ید", "ند")
PERSON_PAST = ("م", "ی", "", "یم", "ید", "ند")
PERFECT = ("ام", "ای", "ایم", "اید", "اند")


def conllu_texts(path: Path, skip_ids: frozenset[str] = frozenset()) -> Iterator[str]:
    """The ``# text =`` lines of a CoNLL-U file, leaving out sentences whose ``# sent_id`` is in
    ``skip_ids``."""
    sent_id = ""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# sent_id = "):
                sent_id = line[12:].strip()
            elif line.startswith("# text = ") and sent_id not in skip_ids:
                yield line[9:].rstrip("\n")


def arman_texts(path: Path) -> Iterator[str]:
    """Sentences of an Arman file (one ``token TAG`` per line, blank line between sentences)."""
    tokens: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    yield " ".join(tokens)
                tokens = []
            else:
                tokens.append(line.rsplit(" ", 1)[0])
    if tokens:
        yield " ".join(tokens)


def count_texts(
    texts: Iterable[str], weight: float, forms: Counter[str], pairs: Counter[tuple[str, str]]
) -> None:
    """Add the spellings and spaced piece pairs of ``texts`` to the counters."""
    for text in texts:
        for run in RUN_RE.findall(normalize_characters(text)):
            toks = run.split(" ")
            for tok in toks:
                forms[tok] += weight
            for t1, t2 in zip(toks, toks[1:], strict=False):
                pairs[(t1.rsplit(ZWNJ, 1)[-1], t2.split(ZWNJ, 1)[0])] += weight


def hazm_words(data_dir: Path) -> Iterator[tuple[str, float]]:
    """(word, weight) from hazm's words.dat: ``hazm`` × log10 of its corpus count (at least half of it)."""
    with (data_dir / "words.dat").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0]:
                word = normalize_characters(parts[0])
                freq = int(parts[1]) if parts[1].isdigit() else 0
                yield word, WEIGHTS["hazm"] * max(0.5, math.log10(1 + freq))


def verb_forms(data_dir: Path) -> Iterator[str]:
    """Conjugations with the می/نمی prefixes and the perfect endings, from hazm's verbs.dat stems."""
    with (data_dir / "verbs.dat").open(encoding="utf-8") as fh:
        for line in fh:
            past, _, present = line.strip().partition("#")
            past, present = normalize_characters(past), normalize_characters(present)
            for prefix in ("می", "نمی"):
                if present:
                    # می‌گویم، می‌آیند take a glide; after «و» it depends (می‌شنوم): make both
                    glides = ("ی",) if present[-1] == "ا" else ("", "ی") if present[-1] == "و" else ("",)
                    for glide in glides:
                        for end in PERSON_PRESENT:
                            yield prefix + ZWNJ + present + glide + end
                if past:
                    for end in PERSON_PAST:
                        yield prefix + ZWNJ + past + end
            if past:
                for neg in ("", "ن"):
                    for end in PERFECT:
                        yield neg + past + "ه" + ZWNJ + end


Counts = tuple[Counter[str], Counter[str], Counter[tuple[str, str]], set[str]]


def build(data: Path, skip_perdt_ids: frozenset[str] = frozenset(), *, seraji: bool = True) -> Counts:
    """Weighted spelling counts (all sources), convention spelling counts (PerDT, Seraji), spaced
    piece-pair counts and the plain words of hazm's curated list (``seraji=False``: without Seraji dev,
    for the cross-treebank benchmark, which scores it)."""
    forms: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    listed: set[str] = set()
    perdt = list(conllu_texts(data / "perdt" / "fa_perdt-ud-dev.conllu", skip_perdt_ids))
    serajis = list(conllu_texts(data / "seraji" / "fa_seraji-ud-dev.conllu")) if seraji else []
    convention: Counter[str] = Counter()
    for texts, name in ((perdt, "perdt"), (serajis, "seraji")):
        count_texts(texts, WEIGHTS[name], forms, pairs)
        count_texts(texts, CONVENTION_WEIGHTS[name], convention, Counter())
    for name in ("train_fold1.txt", "test_fold1.txt"):
        count_texts(arman_texts(data / "arman" / name), WEIGHTS["arman"], forms, pairs)
    hazm_dir = Path(hazm.__file__).parent / "data"
    for word, weight in hazm_words(hazm_dir):
        forms[word] += weight
        if ZWNJ not in word:
            listed.add(word)
    for form in verb_forms(hazm_dir):
        forms[form] += WEIGHTS["verbs"]
    for word in domain_words(DOMAIN_PATH):  # a convention too: its stem stays whole (پسماند|های)
        forms[word] += WEIGHTS["domain"]
        convention[word] += CONVENTION_WEIGHTS["domain"]
    return forms, convention, pairs, listed


def domain_words(path: Path) -> Iterator[str]:
    """The words of the municipal list (the first column; ``#`` lines are comments)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word = line.split("\t", 1)[0].strip()
            if word and not word.startswith("#"):
                yield normalize_characters(word)


def write_lexicon(out: Path, counts: Counts) -> None:
    """Write the gzip TSV read by :func:`nlp.zwnj.load_lexicon` (only pairs that can matter are kept)."""
    forms, convention, pairs, listed = counts
    lefts, rights = set(), set()
    for form in forms:
        if ZWNJ in form:
            pieces = form.split(ZWNJ)
            lefts.update(pieces[:-1])
            rights.update(pieces[1:])
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same counts give the same bytes (the header would hold the build time otherwise)
    with (
        open(out, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
        io.TextIOWrapper(gz, encoding="utf-8") as fh,
    ):
        for form, count in sorted(forms.items()):
            if form and " " not in form:
                fh.write(f"f\t{form}\t{count:g}" + ("\th\n" if form in listed else "\n"))
        for form, count in sorted(convention.items()):
            if form and " " not in form:
                fh.write(f"c\t{form}\t{count:g}\n")
        for (a, b), count in sorted(pairs.items()):
            if a in lefts or b in rights:
                fh.write(f"b\t{a}\t{b}\t{count:g}\n")


def ngram_path(lexicon: Path) -> Path:
    """Where the n-gram model built with the lexicon at ``lexicon`` goes (``zwnj_ngram.bin`` beside it)."""
    return lexicon.with_name(zwnj_ngram.NGRAM_PATH.name)


def train_ngram(counts: Counts) -> zwnj_ngram.NgramModel:
    """The character n-gram boundary model of the same spellings and spaced pairs as the lexicon."""
    forms, _, pairs, _ = counts
    return zwnj_ngram.train(forms, pairs.items())


def train_boundary_model(data: Path, out: Path) -> Path:
    """Train :mod:`nlp.zwnj_boundary` on PerDT dev in two folds, each normalised by a restorer built
    without it (:mod:`nlp.train_zwnj_boundary`), and save it at ``out``."""
    dev = data / "perdt" / "fa_perdt-ud-dev.conllu"
    ids = [line[12:].strip() for line in dev.open(encoding="utf-8") if line.startswith("# sent_id = ")]
    folds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, held in enumerate((frozenset(ids[0::2]), frozenset(ids[1::2]))):
            counts = build(data, skip_perdt_ids=held)
            tsv = Path(tmp) / f"fold{k}.tsv.gz"
            write_lexicon(tsv, counts)
            restorer = Restorer(load_lexicon(tsv, cache=False), train_ngram(counts))
            held_texts = [t for sid, t in _id_texts(dev) if sid in held]
            folds.append((restorer, held_texts))
            log.info("boundary fold %d: %d sentences", k, len(held_texts))
    return train_boundary(folds, out)


def _id_texts(path: Path) -> Iterator[tuple[str, str]]:
    sent_id = ""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# sent_id = "):
                sent_id = line[12:].strip()
            elif line.startswith("# text = "):
                yield sent_id, line[9:].rstrip("\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.data)
    write_lexicon(args.out, counts)
    load_lexicon(args.out)  # derives the tables once and writes the fast-loading cache beside the TSV
    model = zwnj_ngram.save(train_ngram(counts), ngram_path(args.out))
    log.info("wrote %s: %d bytes", model, model.stat().st_size)
    boundary = train_boundary_model(args.data, args.out.with_name(zwnj_boundary.BOUNDARY_PATH.name))
    log.info("wrote %s: %d bytes", boundary, boundary.stat().st_size)
    log.info(
        "wrote %s: %d spellings, %d pairs, %d bytes (cache %d bytes)",
        args.out,
        len(counts[0]),
        len(counts[2]),
        args.out.stat().st_size,
        cache_path(args.out).stat().st_size,
    )


if __name__ == "__main__":
    main()
