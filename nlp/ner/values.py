"""Normalised values of rule entities: numbers and quantities via ``nlp.numbers``, dates via ``nlp.dates``."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

log = logging.getLogger(__name__)

NUMERIC_LABELS = {"QUANTITY", "MONEY", "PERCENT"}


def entity_value(label: str, text: str, published: date | None) -> Any:
    """A JSON-ready value for DATE/QUANTITY/MONEY/PERCENT mentions, or None when it does not parse."""
    try:
        if label in NUMERIC_LABELS:
            from nlp.numbers import parse_quantity

            quantity = parse_quantity(text)
            return quantity.model_dump(mode="json") if quantity else None
        if label == "DATE":
            from nlp.dates import resolve_deadline

            deadline = resolve_deadline(text, published)
            return deadline.model_dump(mode="json") if deadline else None
    except ImportError:
        # nlp.numbers / nlp.dates are written by the statements helper; until they land, no values.
        return None
    except Exception:  # noqa: BLE001 - a value parser bug must cost one value, not the whole article
        log.exception("value of %s %r could not be computed", label, text)
    return None
