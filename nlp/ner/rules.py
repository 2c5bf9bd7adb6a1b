"""The rule half of entity finding: a spaCy SpanRuler over our JSONL patterns and the officials registry.

Patterns match the *normalised* text, where a compound may be written with ZWNJ (one token,
«رئیس‌جمهور») or with a space (two tokens): registry names are added in both spellings.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, DocBin, Span
from spacy.util import registry as spacy_registry

from goftar.errors import ConfigError
from nlp.ner.registry import OFFICIALS_PATH, load_registry

log = logging.getLogger(__name__)

RULES_KEY = "goftar_rules"
PATTERNS_PATH = Path(__file__).resolve().parent.parent / "data" / "entity_patterns.jsonl"
ZWNJ = "\u200c"


def read_patterns(path: Path) -> list[dict[str, Any]]:
    """Patterns of a JSONL file; a bad line is logged and skipped, a missing file is a ConfigError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"entity patterns {path}: {exc}") from exc
    patterns = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            pattern = json.loads(line)
            if not {"label", "pattern"} <= pattern.keys():
                raise ValueError("needs 'label' and 'pattern'")
        except ValueError as exc:
            log.warning("entity patterns %s:%d skipped: %s", path, number, exc)
            continue
        patterns.append(pattern)
    return patterns


def spelling_variants(name: str) -> set[str]:
    """A name as written and with its ZWNJ joins written as spaces, and the other way round."""
    return {name, name.replace(ZWNJ, " "), name.replace(" ", ZWNJ), name.replace(ZWNJ, "")}


def _token_patterns(nlp: Language, name: str) -> list[list[dict[str, str]]]:
    # Token patterns, not phrase patterns: a SpanRuler runs the pipeline's earlier components over
    # phrase patterns, which are not loaded yet while spacy.load builds this component.
    return [[{"ORTH": t.text} for t in nlp.make_doc(v)] for v in sorted(spelling_variants(name))]


def registry_patterns(nlp: Language, registry_path: Path) -> list[dict[str, Any]]:
    """Patterns for the registry: people's names and aliases (PER, with the person's id) and roles."""
    registry = load_registry(registry_path)
    patterns: list[dict[str, Any]] = []
    for person in registry.people.values():
        for alias in (person.name, *person.aliases):
            if alias in registry.ambiguous_words:
                continue  # also an ordinary word («روحانی»): left to the statistical model
            patterns += [{"label": "PER", "pattern": p, "id": person.id} for p in _token_patterns(nlp, alias)]
    for name in registry.role_names():
        patterns += [{"label": "ROLE", "pattern": p} for p in _token_patterns(nlp, name)]
    return patterns


def build_rule_ruler(
    nlp: Language,
    name: str,
    *,
    spans_key: str = RULES_KEY,
    patterns_path: Path | None = None,
    registry_path: Path = OFFICIALS_PATH,
) -> SpanRuler:
    """A SpanRuler writing non-overlapping rule spans (longest first) to ``doc.spans[spans_key]``."""
    ruler = SpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=spacy_registry.misc.get("spacy.first_longest_spans_filter.v1")(),
        annotate_ents=False,
        validate=False,
        overwrite=True,
    )
    ruler.add_patterns(read_patterns(patterns_path or PATTERNS_PATH) + registry_patterns(nlp, registry_path))
    return ruler


# --- Lexicons learnt from ArmanPersoNER, used to correct the statistical NER ------------------------------

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "ner_lexicon.json"
NON_NAME_MIN_COUNT = 2  # seen at least this often in Arman, never inside a PER entity
NAME_MIN_COUNT = 2  # a name word is seen at least this often ...
NAME_MIN_SHARE = 0.8  # ... and inside a PER entity in this share of its uses
HEAD_MIN_COUNT = 3  # a facility head must open at least this many gold FAC entities ...
HEAD_MIN_SHARE = 0.7  # ... and be a FAC head in this share of its uses before an entity


def learn_lexicon(docs: Iterable[Doc]) -> dict[str, list[str]]:
    """Word lists from gold-annotated Docs (ArmanPersoNER as ``nlp.ner.prepare`` writes it).

    ``non_names``: words seen at least NON_NAME_MIN_COUNT times and never inside a PER entity
    («اختتامیه», «جلسه»): a one-word PER on such a word is a common noun the model mistook for a name.
    ``facility_heads``: words that open FAC entities («میدان», «بوستان», «مصلی») far more often than they
    stand outside an entity right before one: «میدان [فردوسی]» is a square, not the poet.
    """
    seen: Counter[str] = Counter()
    in_person: Counter[str] = Counter()
    opens_fac: Counter[str] = Counter()
    before_entity: Counter[str] = Counter()
    for doc in docs:
        for token in doc:
            seen[token.text] += 1
            if token.ent_type_ == "PER":
                in_person[token.text] += 1
        for ent in doc.ents:
            if ent.label_ == "FAC" and len(ent) > 1:
                opens_fac[ent[0].text] += 1
            elif ent.start > 0 and doc[ent.start - 1].ent_iob_ == "O":
                before_entity[doc[ent.start - 1].text] += 1
    non_names = sorted(w for w, n in seen.items() if n >= NON_NAME_MIN_COUNT and w not in in_person)
    name_words = sorted(
        w for w, n in in_person.items() if n >= NAME_MIN_COUNT and n / seen[w] >= NAME_MIN_SHARE
    )
    heads = sorted(
        w
        for w, n in opens_fac.items()
        if n >= HEAD_MIN_COUNT and n / (n + before_entity[w]) >= HEAD_MIN_SHARE
    )
    return {"non_names": non_names, "facility_heads": heads, "name_words": name_words}


def write_lexicon(corpus: Path, out: Path = LEXICON_PATH) -> dict[str, int]:
    """Learn the lexicon from a DocBin and write it as JSON; the shipped one comes from all of Arman:
    ``python -m nlp.ner.rules var/ner/corpus/all.spacy`` (after ``python -m nlp.ner prepare``)."""
    import spacy

    nlp = spacy.blank("fa")
    lexicon = learn_lexicon(DocBin().from_disk(corpus).get_docs(nlp.vocab))
    out.write_text(json.dumps(lexicon, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return {key: len(words) for key, words in lexicon.items()}


@dataclass(frozen=True)
class Lexicon:
    """Word lists learnt by ``learn_lexicon``; empty lists leave the model's entities as they are."""

    non_names: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def read_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon of a JSON file; a missing or broken file gives an empty one (no correction)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("NER lexicon %s unusable (%s): model entities left uncorrected", path, exc)
        return Lexicon()
    return Lexicon(*(frozenset(data.get(key, ())) for key in ("non_names", "facility_heads", "name_words")))


def correct_entities(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """The model's entities with corrections that hold across texts (the lists: ``learn_lexicon``):
    a one-word PER that is a known non-name is dropped («اختتامیه»); a PER/LOC right after a facility
    head outside any entity becomes a FAC that includes the head («میدان فردوسی»); a PER takes up to
    NAME_EXTEND following words that are almost only ever names (a surname the model left out)."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "PER" and len(ent) == 1 and ent.text in lexicon.non_names:
            continue
        head = doc[ent.start - 1] if ent.start > 0 else None
        if (
            ent.label_ in ("PER", "LOC")
            and head
            and head.text in lexicon.facility_heads
            and head.ent_iob_ == "O"
        ):
            ent = Span(doc, ent.start - 1, ent.end, label="FAC")
        elif ent.label_ == "PER":
            ent = Span(doc, ent.start, _name_end(doc, ent.end, lexicon.name_words), label="PER")
        out.append(ent)
    return out


NAME_EXTEND = 2


def _name_end(doc: Doc, end: int, names: frozenset[str]) -> int:
    limit = min(len(doc), end + NAME_EXTEND)
    while end < limit and doc[end].ent_iob_ == "O" and doc[end].text in names and not doc[end].is_sent_start:
        end += 1
    return end


DISTRICT_WORD = "منطقه"
DISTRICT_NUMBER = re.compile(
    r"^(?:[۰-۹0-9]{1,2}|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|سیزده|چهارده|پانزده|شانزده"
    r"|هفده|هجده|نوزده|بیست|بیست‌و(?:یک|دو))$"
)


def district_spans(doc: Doc) -> list[Span]:
    """«منطقه ۴», «منطقه دوازده»: a city district, as LOC (the search's place facet).

    Kept apart from the SpanRuler, whose longest-first filter would drop a district inside
    «شهرداری منطقه ۴ تهران» or «شهردار منطقه ۴»; here it is reported beside them, as «تهران» is.
    ArmanPersoNER tags «منطقه ۰» mostly O, so this is a rule of ours, not of the model.
    """
    return [
        Span(doc, t.i, t.i + 2, label="LOC")
        for t in doc[:-1]
        if t.text == DISTRICT_WORD and DISTRICT_NUMBER.match(doc[t.i + 1].text)
    ]


if __name__ == "__main__":
    import sys

    print(write_lexicon(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else LEXICON_PATH))
