"""Entities in normalised Persian text: a trained spaCy NER plus rules, with canonical names.

The pipeline is ``spacy.blank("fa")`` + the statistical NER shipped in ``nlp/models/ner`` (trained on
ArmanPersoNERCorpus: PER ORG LOC FAC PRO EVENT) + the ``goftar_rules`` component (a SpanRuler over
``nlp/data/entity_patterns.jsonl`` and the officials registry: ROLE DATE TIME QUANTITY MONEY PERCENT,
and the registry's known names as PER). Rules write to ``doc.spans["goftar_rules"]``, so a role may
contain a place («شهردار تهران» ⊃ «تهران») and both are reported.

Right after the NER, ``goftar_ent_corrections`` fixes the model's entities with word lists learnt
from ArmanPersoNER (``nlp/data/ner_lexicon.json``, see ``nlp.ner.rules.learn_lexicon``): no one-word
PER on a common noun («اختتامیه»), «میدان فردوسی» a FAC. City districts («منطقه ۴») are LOC by rule.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from goftar.errors import ModelError
from goftar.model import Entity
from nlp.ner.registry import OFFICIALS_PATH, load_registry
from nlp.ner.rules import (
    LEXICON_PATH,
    RULES_KEY,
    build_rule_ruler,
    correct_entities,
    district_spans,
    read_lexicon,
)
from nlp.ner.values import entity_value

log = logging.getLogger(__name__)

TEHRAN = ZoneInfo("Asia/Tehran")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner"
NUMBER_TOKEN = re.compile(r"^[۰-۹0-9]+(?:[.٫/:,٬][۰-۹0-9]+)+$")
LINE_BREAK = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")


@Language.factory(
    "goftar_rules",
    default_config={"spans_key": RULES_KEY, "patterns_path": None, "registry_path": None},
)
def make_rule_entities(
    nlp: Language,
    name: str,
    *,
    spans_key: str,
    patterns_path: str | None,
    registry_path: str | None,
) -> SpanRuler:
    """The rule component: a SpanRuler loaded with our patterns and the registry's names and roles."""
    return build_rule_ruler(
        nlp,
        name,
        spans_key=spans_key,
        patterns_path=Path(patterns_path) if patterns_path else None,
        registry_path=Path(registry_path) if registry_path else OFFICIALS_PATH,
    )


@Language.factory("goftar_ent_corrections", default_config={"lexicon_path": None})
def make_entity_corrections(nlp: Language, name: str, *, lexicon_path: str | None) -> Callable[[Doc], Doc]:
    """Corrections of the model's entities from word lists learnt on ArmanPersoNER (``correct_entities``).

    Runs right after the NER, on ``doc.ents``, so ``python -m nlp.ner evaluate`` can score it too.
    """
    lexicon = read_lexicon(Path(lexicon_path) if lexicon_path else LEXICON_PATH)

    def correct(doc: Doc) -> Doc:
        doc.ents = correct_entities(doc, lexicon)
        return doc

    return correct


@Language.component("goftar_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at every line break and after it, so the NER decodes each line on its own.

    The model learnt from ArmanPersoNER's single sentences and never saw a headline glued to a byline
    by «\\n\\n»: it read «بوستان لاله\\n\\nمریم احمدی» as one FAC. spaCy's NER never extends an
    entity across a sentence start, so here it closes «بوستان لاله» and labels «مریم احمدی» afresh.
    """
    for token in doc:
        if LINE_BREAK.search(token.text):
            token.is_sent_start = True
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shipped NER (offline, from the repo) with the rule component added; cached per process.

    Without a trained model (a fresh checkout before ``python -m nlp.ner train``) this raises
    ``ModelError`` naming the command that builds it.
    """
    if not (MODEL_PATH / "meta.json").exists():
        raise ModelError(f"no NER model at {MODEL_PATH}; build it with: python -m nlp.ner train --final")
    try:
        nlp = spacy.load(MODEL_PATH)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"NER model at {MODEL_PATH} is unreadable ({exc}); rebuild: python -m nlp.ner train"
        ) from exc
    keep_numbers_whole(nlp)
    if "goftar_line_breaks" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("goftar_line_breaks", before="ner")
    if "goftar_ent_corrections" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("goftar_ent_corrections", after="ner")
    if "goftar_rules" not in nlp.pipe_names:
        nlp.add_pipe("goftar_rules", last=True)
    return nlp


def keep_numbers_whole(nlp: Language) -> None:
    """Tokenise «۲.۵», «۱۸:۳۰» and «۱۴۰۰/۰۶/۳۱» as one token each (spaCy's fa rules split them),
    so a number, a time or a slash date reaches the rules in one piece."""
    nlp.tokenizer.token_match = NUMBER_TOKEN.match  # type: ignore[union-attr]


def as_day(value: date | None) -> date | None:
    """A publication time as the day it was in Tehran (a datetime's date there; a date as is)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(TEHRAN).date()
    return value


def resolve_official(role_text: str, on: date | None) -> tuple[str, str] | None:
    """(canonical id, name) of whoever held the role (e.g. «شهردار تهران») on that day, when known.

    ``on`` may be a datetime (an article's UTC publication time): the day in Tehran is used.
    """
    person = load_registry().holder(role_text, as_day(on))
    return (person.id, person.name) if person else None


def _canonical(span: Span, published: date | None) -> tuple[str | None, str | None]:
    registry = load_registry()
    if span.label_ == "ROLE":
        return resolve_official(span.text, published) or (None, None)
    if span.label_ == "PER":
        person = registry.people.get(span.id_) if span.id_ else registry.person_for_alias(span.text)
        if person:
            return person.id, person.name
    return None, None


def _crosses(a: Span, b: Span) -> bool:
    return (
        a.start < b.end
        and b.start < a.end
        and not (a.start <= b.start and b.end <= a.end)
        and not (b.start <= a.start and a.end <= b.end)
    )


def _inside_a_name(rule: Span, ents: tuple[Span, ...]) -> bool:
    """A gazetteer place strictly inside a name the model found: «هرندی» (a Tehran neighbourhood) in
    «محسن هرندی» is a surname there, and a place facet showing it would be wrong."""
    return rule.label_ in ("LOC", "FAC") and any(
        e.label_ == "PER" and e.start <= rule.start and rule.end <= e.end and len(e) > len(rule) for e in ents
    )


def _end_before(ent: Span, districts: list[Span]) -> Span | None:
    """A model entity that runs into a district («لیگ فوتبال محلات منطقه» | «منطقه ۱۵») ends before it;
    one that starts inside a district is dropped."""
    for district in districts:
        if _crosses(ent, district):
            return (
                Span(ent.doc, ent.start, district.start, label=ent.label_)
                if ent.start < district.start
                else None
            )
    return ent


def _spans_a_line_break(span: Span) -> bool:
    return any(LINE_BREAK.search(token.text) for token in span)


def doc_entities(doc: Doc, published: date | None = None) -> list[Entity]:
    """Entities of a processed Doc: statistical ents and rule spans, deduplicated, in text order.

    A statistical entity that crosses a rule span (overlaps it without one containing the other, as
    «بهداشت مذاکره» across «وزیر بهداشت») is dropped: the rules are the more precise of the two.
    Nested spans are both kept («تهران» in «شهردار تهران»). No entity spans a line break.
    """
    day = as_day(published)
    districts = district_spans(doc)
    rules = [rule for rule in doc.spans.get(RULES_KEY, []) if not _inside_a_name(rule, doc.ents)]
    model = [_end_before(ent, districts) for ent in doc.ents]
    spans = (
        [ent for ent in model if ent and not any(_crosses(ent, rule) for rule in rules)] + rules + districts
    )
    # load_pipeline() decodes each line on its own (goftar_line_breaks), so its entities never cross a
    # break. One that does comes from a Doc made another way, and its label was chosen for the joined
    # text («بوستان لاله\n\nمریم احمدی» FAC): neither piece can be trusted to carry it, and a wrong
    # name or label in the digest is worse than a missing one, so it is dropped rather than split.
    spans = [span for span in spans if not _spans_a_line_break(span)]
    seen: set[tuple[int, int, str]] = set()
    out: list[Entity] = []
    for span in sorted(spans, key=lambda s: (s.start_char, -s.end_char)):
        key = (span.start_char, span.end_char, span.label_)
        if key in seen:
            continue
        seen.add(key)
        canonical_id, canonical_name = _canonical(span, day)
        out.append(
            Entity(
                text=span.text,
                label=span.label_,
                start=span.start_char,
                end=span.end_char,
                canonical_id=canonical_id,
                canonical_name=canonical_name,
                value=entity_value(span.label_, span.text, day),
            )
        )
    return out


def find_entities(text: str, published: date | None = None) -> list[Entity]:
    """Entities in ``text`` (already normalised); offsets index ``text``. Empty text gives [].

    ``published`` (a date, or the article's datetime) resolves roles and relative dates.
    """
    if not text.strip():
        return []
    nlp = load_pipeline()
    if len(text) <= nlp.max_length:
        return doc_entities(nlp(text), published)
    log.warning(
        "text of %d characters processed in paragraphs (spaCy max_length %d)", len(text), nlp.max_length
    )
    entities: list[Entity] = []
    for offset, chunk in _paragraph_chunks(text, nlp.max_length):
        for entity in doc_entities(nlp(chunk), published):
            entities.append(
                entity.model_copy(update={"start": entity.start + offset, "end": entity.end + offset})
            )
    return entities


def _paragraph_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Pieces of at most ``limit`` characters, cut after a newline where there is one."""
    chunks, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks
