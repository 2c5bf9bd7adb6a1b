"""The rule half of entity finding: a spaCy SpanRuler over our JSONL patterns and the officials registry.

Patterns match the *normalised* text, where a compound may be written with ZWNJ (one token,
«رئیس‌جمهور») or with a space (two tokens): registry names are added in both spellings.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
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
