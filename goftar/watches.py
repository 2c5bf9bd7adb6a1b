"""Saved searches ("watches"): a query with filters and its own recipients, reported on in every digest.

Watches live in ``GOFTAR_HOME/watches.json`` (one small JSON document, written atomically) so the CLI,
the API and the digest DAG share them without a database migration. A watch alerts on *new commitments*
matching it, not on source volume.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel, Field, ValidationError, field_validator

from goftar.errors import ConfigError
from goftar.model import CommitmentStatus, Polarity

if TYPE_CHECKING:
    from goftar.settings import Settings
    from index.base import Store

log = logging.getLogger(__name__)

FILTERS = ("speaker", "organisation", "place", "source", "polarity", "status")
PAGE_SIZE = 100
MAX_PAGES = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# Control characters, line and paragraph separators; format characters (ZWNJ, ZWJ, bidi marks) are text
# in Persian and stay allowed.
_CONTROL = frozenset({"Cc", "Zl", "Zp"})
# Embeddings, overrides and isolates reorder what follows them in a mail subject («‮»); marks (LRM,
# RLM) and ZWNJ are ordinary Persian text and stay allowed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Watch(BaseModel):
    """One saved search."""

    name: str
    query: str = ""
    filters: dict[str, str] = Field(default_factory=dict)
    recipients: list[str] = Field(default_factory=list)
    created: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("a watch needs a name")
        return value

    @field_validator("filters")
    @classmethod
    def _filters(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(FILTERS))
        if unknown:
            raise ValueError(f"unknown filter(s) {', '.join(unknown)}; known: {', '.join(FILTERS)}")
        kept = {k: v.strip() for k, v in value.items() if v and v.strip()}
        # A value the store has no word for would match nothing, silently, every day (``goftar search``
        # refuses the same values).
        for name, kind in (("polarity", Polarity), ("status", CommitmentStatus)):
            if name in kept and kept[name] not in get_args(kind):
                raise ValueError(f"{name} {kept[name]!r}: use one of {', '.join(get_args(kind))}")
        return kept

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: list[str]) -> list[str]:
        bad = [r for r in value if not _EMAIL.match(r.strip())]
        if bad:
            raise ValueError(f"not an e-mail address: {', '.join(bad)}")
        return [r.strip() for r in value]


def watches_path(settings: Settings) -> Path:
    return settings.home / "watches.json"


def load_watches(settings: Settings) -> list[Watch]:
    """The saved watches; a missing file means none, a malformed entry is logged and skipped."""
    path = watches_path(settings)
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the saved watches ({exc}); fix or delete the file") from exc
    watches = []
    for entry in raw.get("watches", []) if isinstance(raw, dict) else []:
        try:
            watches.append(Watch.model_validate(entry))
        except ValidationError as exc:
            log.warning("%s: skipped a malformed watch: %s", path, str(exc)[:200])
    return watches


def _save(settings: Settings, watches: list[Watch]) -> None:
    path = watches_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"watches": [w.model_dump(mode="json") for w in watches]}, ensure_ascii=False, indent=2)
    # Write-then-rename: a crash mid-write never leaves a truncated file for the digest DAG to read.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".watches-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(body)
    os.replace(tmp, path)


def add_watch(
    settings: Settings,
    name: str,
    query: str = "",
    filters: dict[str, str] | None = None,
    recipients: list[str] | None = None,
    replace: bool = False,
) -> Watch:
    """Save a watch; raises ConfigError if the name is taken (unless ``replace``) or the watch is invalid."""
    name = _checked_name(name)
    try:
        watch = Watch(name=name, query=query, filters=filters or {}, recipients=recipients or [])
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"invalid watch {name!r}: {message}") from exc
    if not watch.query and not watch.filters:
        raise ConfigError(f"watch {name!r} needs a query or at least one filter")
    watches = load_watches(settings)
    if any(w.name == watch.name for w in watches):
        if not replace:
            raise ConfigError(f"a watch named {watch.name!r} exists; remove it first or use --replace")
        watches = [w for w in watches if w.name != watch.name]
    _save(settings, [*watches, watch])
    return watch


def _checked_name(name: str) -> str:
    """``name`` without surrounding whitespace; ConfigError if it holds control characters.

    The name becomes a digest section title and part of an e-mail subject: a line break or other control
    character there could forge headers or break the layout. Checked when a watch is saved, not when
    one is loaded, so a watch saved before this rule still reaches its digest (the subject line is
    flattened when the mail is built).
    """
    name = name.strip()
    bad = sorted({ch for ch in name if unicodedata.category(ch) in _CONTROL or ch in _BIDI_CONTROLS})
    if bad:
        found = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
        raise ConfigError(
            f"invalid watch name {name!r}: it contains control characters ({found}); use one line of "
            "letters, digits, spaces, punctuation and ZWNJ"
        )
    return name


def remove_watch(settings: Settings, name: str) -> bool:
    """Delete the watch called ``name``; False when there was none."""
    watches = load_watches(settings)
    kept = [w for w in watches if w.name != name.strip()]
    if len(kept) == len(watches):
        return False
    _save(settings, kept)
    return True


def match_watch(
    store: Store, watch: Watch, start: datetime, end: datetime, new: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """Commitments new in [start, end) that match ``watch``: the digest's own list of new commitments
    (``Store.commitments_in``; ``new``, their ids, when the caller has them), searched with the watch's words
    and filters. A published range cannot select them: an article crawled days after it was published is
    new when it is seen."""
    from index.base import SearchQuery

    if new is None:
        new = tuple(doc["id"] for doc in store.commitments_in(start, end))
    if not new:
        return []
    base = SearchQuery(
        text=watch.query,
        doc_type="commitment",
        ids=new,
        sort="date",
        size=PAGE_SIZE,
        speaker=watch.filters.get("speaker"),
        organisation=watch.filters.get("organisation"),
        place=watch.filters.get("place"),
        source=watch.filters.get("source"),
        polarity=watch.filters.get("polarity"),
        status=watch.filters.get("status"),
    )
    found: list[dict[str, Any]] = []
    for page in range(1, MAX_PAGES + 1):
        base.page = page
        result = store.search(base)
        found.extend(_hit_doc(hit) for hit in result.hits)
        if len(result.hits) < PAGE_SIZE or page * PAGE_SIZE >= result.total:
            break
    return found


def _hit_doc(hit: Any) -> dict[str, Any]:
    doc = dict(hit.doc)
    doc.setdefault("id", hit.id)
    return doc
