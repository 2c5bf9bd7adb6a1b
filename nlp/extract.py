"""The whole NLP stage for one document: normalise, find entities, statements and commitments.

``extract(raw_text, published)`` returns a ``goftar.model.Extraction`` whose offsets index its
normalised ``text``. When the entity model is not available, statements and commitments are still
extracted (speakers then resolve through the officials registry and the article itself).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from goftar.errors import GoftarError
from goftar.model import Entity, Extraction
from nlp.commitments import find_commitments
from nlp.jalali import tehran_date
from nlp.normalize import normalize_with_map
from nlp.speakers import SpeakerResolver
from nlp.statements import extract_statements
from nlp.tracking import status_for

log = logging.getLogger(__name__)
_warned: set[str] = set()


def _entities(text: str, published: date | None) -> list[Entity]:
    try:
        from nlp.entities import find_entities

        return find_entities(text, published)
    except (ImportError, GoftarError, OSError) as exc:
        # Without entities speakers still resolve by rule; say so once per process, not per article.
        if type(exc).__name__ not in _warned:
            _warned.add(type(exc).__name__)
            log.warning("entities unavailable, extracting without them: %s", exc)
        return []


def _raw(text: str, mapping: list[int], start: int, end: int) -> str:
    """The raw source of the normalised span ``start..end`` (outer whitespace trimmed)."""
    return text[mapping[start] : mapping[end]].strip()


def extract(text: str, published: date | datetime | None = None) -> Extraction:
    """Statements and commitments of one raw document, resolved against its publication date.

    Quotes and evidence sentences also carry their raw form (``raw_quote``, ``raw_evidence``): the span
    of ``text`` their normalised span maps back to, exactly as the source wrote it.
    """
    normalised, mapping = normalize_with_map(text)
    pub = tehran_date(published)
    entities = _entities(normalised, pub)
    resolver = SpeakerResolver(normalised, entities, pub)
    statements = extract_statements(normalised, resolver)
    commitments = find_commitments(normalised, statements, pub)
    for c in commitments:
        c.status = status_for(c.deadline, pub)
        if c.evidence_start is not None and c.evidence_end is not None:
            c.raw_evidence = _raw(text, mapping, c.evidence_start, c.evidence_end)
    for s, _found in statements:
        s.raw_quote = _raw(text, mapping, s.start, s.end)
    return Extraction(
        text=normalised,
        entities=entities,
        statements=[s for s, _found in statements],
        commitments=commitments,
    )
