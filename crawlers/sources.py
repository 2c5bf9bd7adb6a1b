"""The sources registry: a YAML list of sites to crawl, validated with errors that name file, line and field.

A registry file is either a list of entries or a mapping with a ``sources:`` list. Each entry is a
``goftar.model.Source``. ``adhoc_sources`` builds entries from bare URLs for ``goftar crawl URL…``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from crawlers.detect import detect_kind
from crawlers.safety import is_private_host
from goftar.errors import ConfigError, SourceError
from goftar.model import Source

log = logging.getLogger(__name__)

DEFAULT_REGISTRY = Path(__file__).with_name("sources.yaml")
CMS_FAMILIES = frozenset({"nastooh", "asam", "iransamaneh"})
SELECTOR_FIELDS = frozenset({"title", "body", "date", "author", "lead", "surtitle", "tags", "links", "next"})
POLITENESS_FIELDS = frozenset({"download_delay", "concurrency", "timeout", "retries", "max_bytes"})


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read and validate a sources registry; ``None`` reads the bundled default registry.

    Raises ``SourceError`` naming the file, line and field of the first invalid entry.
    """
    path = Path(path) if path else DEFAULT_REGISTRY
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the sources registry: {exc.strerror or exc}") from exc
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourceError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    entries, nodes = _entry_list(path, data, root)
    sources: list[Source] = []
    names: set[str] = set()
    for index, (entry, node) in enumerate(zip(entries, nodes, strict=True)):
        source = _validate_entry(path, index, entry, node)
        if source.name in names:
            raise SourceError(
                f"{path}:{_line(node, 'name')}: entry {index + 1}, field 'name': "
                f"duplicate source name {source.name!r}"
            )
        names.add(source.name)
        sources.append(source)
    return sources


def _entry_list(path: Path, data: Any, root: yaml.Node | None) -> tuple[list[Any], list[yaml.Node]]:
    """The entries and their YAML nodes, for either accepted top-level shape."""
    if data is None or root is None:
        return [], []
    if isinstance(data, dict) and isinstance(root, yaml.MappingNode):
        if set(data) != {"sources"}:
            raise SourceError(
                f"{path}:{root.start_mark.line + 1}: top level must be a list of sources "
                "or a mapping with one key 'sources'"
            )
        for key, value in root.value:
            if key.value == "sources":
                root = value
        data = data["sources"] or []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise SourceError(f"{path}:{root.start_mark.line + 1}: 'sources' must be a list of entries")
    return data, list(root.value)


def _line(node: yaml.Node, field: str | None) -> int:
    """1-based line of ``field`` inside a mapping node (or of the node itself)."""
    if field is not None and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == field:
                return value.start_mark.line + 1
    return node.start_mark.line + 1


def _validate_entry(path: Path, index: int, entry: Any, node: yaml.Node) -> Source:
    where = f"entry {index + 1}"
    if not isinstance(entry, dict):
        raise SourceError(f"{path}:{_line(node, None)}: {where}: must be a mapping of fields")
    if isinstance(entry.get("name"), str):
        where += f" ({entry['name']})"
    try:
        source = Source(**entry)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else None
        line = _line(node, field)
        raise SourceError(f"{path}:{line}: {where}, field {field!r}: {err['msg']}") from exc
    problem = _check_semantics(source)
    if problem:
        field, msg = problem
        raise SourceError(f"{path}:{_line(node, field)}: {where}, field {field!r}: {msg}")
    return source


def _check_semantics(source: Source) -> tuple[str, str] | None:
    """What pydantic's types cannot say: URL shapes, known CMS families, selector and politeness keys."""
    if not source.start_urls:
        return "start_urls", "at least one start URL is required"
    for url in source.start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "start_urls", f"{url!r} is not an http(s) URL"
    if source.cms is not None and source.cms not in CMS_FAMILIES:
        return "cms", f"unknown CMS family {source.cms!r} (known: {', '.join(sorted(CMS_FAMILIES))})"
    unknown = set(source.selectors) - SELECTOR_FIELDS
    if unknown:
        return "selectors", f"unknown selector(s) {sorted(unknown)} (known: {sorted(SELECTOR_FIELDS)})"
    unknown = set(source.politeness) - POLITENESS_FIELDS
    if unknown:
        return "politeness", f"unknown setting(s) {sorted(unknown)} (known: {sorted(POLITENESS_FIELDS)})"
    if source.max_pages is not None and source.max_pages < 1:
        return "max_pages", "must be at least 1"
    return None


def adhoc_sources(urls: list[str], kind: str | None = None, allow_private: bool = False) -> list[Source]:
    """One source per URL for crawling without a registry; the kind is detected unless ``kind`` is given.

    Detection looks at the URL first (``t.me/…`` → telegram, ``sitemap…xml`` → sitemap, ``rss``/``atom``/
    ``feed`` → feed) and otherwise fetches the page and sniffs it. Loopback and private addresses raise
    ``ConfigError`` unless ``allow_private``.
    """
    sources: list[Source] = []
    for url in urls:
        url = url.strip()
        host = urlsplit(url).hostname
        if urlsplit(url).scheme not in ("http", "https") or not host:
            raise ConfigError(f"{url!r} is not an http(s) URL")
        if not allow_private and is_private_host(host):
            raise ConfigError(f"{url} is a loopback or private address; pass --allow-private to crawl it")
        found_kind, start = detect_kind(url, kind, allow_private=allow_private)
        sources.append(
            Source(
                name=_adhoc_name(url, sources),
                kind=found_kind,  # type: ignore[arg-type]
                start_urls=[start],
                allowed_domains=[urlsplit(start).hostname or host],
                allow_private=allow_private,
                verified=False,
            )
        )
        log.info("ad-hoc source %s: %s (%s)", sources[-1].name, start, found_kind)
    return sources


def _adhoc_name(url: str, taken: list[Source]) -> str:
    parts = urlsplit(url)
    base = f"{parts.hostname}{parts.path.rstrip('/')}" if parts.hostname == "t.me" else str(parts.hostname)
    names = {s.name for s in taken}
    name, n = base, 2
    while name in names:
        name, n = f"{base}-{n}", n + 1
    return name
