"""The editable registry of officials (``nlp/data/officials.yaml``): names, aliases and terms of office.

It answers two questions for the entity stage and the statement extractor: who is «زاکانی» (an alias of
a known person), and who was «شهردار تهران» on a given day (a role held by one person per term). What
the registry does not know stays unresolved: a missing term is never filled in with a guess.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jdatetime
import yaml

from goftar.errors import ConfigError

log = logging.getLogger(__name__)

OFFICIALS_PATH = Path(__file__).resolve().parent.parent / "data" / "officials.yaml"

# Letter variants a writer or a normaliser may leave; keys compare spellings, never what is shown.
_KEY_TABLE = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ئ": "ی"}
)
_KEY_DROP = re.compile(r"[\u200c\u200d\u200f\u064b-\u065f\u0670\s\-]+")


def name_key(text: str) -> str:
    """A spelling-insensitive key: «توکلی‌زاده», «توکلیزاده» and «توکلی زاده» share one."""
    return _KEY_DROP.sub("", text.translate(_KEY_TABLE))


def parse_day(value: Any) -> date:
    """A registry date: a ``date``, ``YYYY-MM-DD`` (Gregorian) or ``1400/06/01`` (Jalali, year < 1700)."""
    if isinstance(value, date):
        return value
    parts = [int(p) for p in re.split(r"[/\-]", str(value).strip())]
    if len(parts) != 3:
        raise ConfigError(f"officials registry: bad date {value!r} (use 1400/06/01 or 2021-08-23)")
    year, month, day = parts
    if year < 1700:
        return jdatetime.date(year, month, day).togregorian()
    return date(year, month, day)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    person: str
    start: date | None
    end: date | None  # inclusive; None while in office

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Role:
    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass
class Registry:
    people: dict[str, Person] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    ambiguous_words: frozenset[str] = frozenset()  # aliases that are also ordinary words: no rule pattern
    _by_alias: dict[str, str] = field(default_factory=dict)
    _by_role: dict[str, Role] = field(default_factory=dict)

    def add_person(self, person: Person) -> None:
        self.people[person.id] = person
        for alias in (person.name, *person.aliases):
            key = name_key(alias)
            other = self._by_alias.get(key)
            if other and other != person.id:
                # Two people share a surname: the alias is ambiguous, so it must not resolve at all.
                log.warning("officials registry: alias %r names %s and %s; ignored", alias, other, person.id)
                self._by_alias[key] = ""
            elif other is None:
                self._by_alias[key] = person.id

    def add_role(self, role: Role) -> None:
        self.roles.append(role)
        for alias in (role.name, *role.aliases):
            self._by_role[name_key(alias)] = role

    def person_for_alias(self, text: str) -> Person | None:
        """The known person a name or alias refers to, or None when unknown or ambiguous."""
        person_id = self._by_alias.get(name_key(text))
        return self.people.get(person_id) if person_id else None

    def role(self, text: str) -> Role | None:
        return self._by_role.get(name_key(text))

    def holder(self, role_text: str, on: date | None) -> Person | None:
        """Who held the role on that day; with no day, only a role that has had a single holder resolves."""
        role = self.role(role_text)
        if role is None:
            return None
        if on is None:
            people = {term.person for term in role.terms}
            return self.people.get(people.pop()) if len(people) == 1 else None
        for term in role.terms:
            if term.covers(on):
                return self.people.get(term.person)
        return None

    def alias_names(self) -> list[str]:
        return sorted({a for p in self.people.values() for a in (p.name, *p.aliases)})

    def role_names(self) -> list[str]:
        return sorted({a for r in self.roles for a in (r.name, *r.aliases)})


def _term(raw: dict[str, Any], people: dict[str, Person], where: str) -> Term:
    person = str(raw.get("person", ""))
    if person not in people:
        raise ConfigError(f"officials registry: {where} names unknown person {person!r}")
    start = parse_day(raw["from"]) if raw.get("from") else None
    end = parse_day(raw["to"]) if raw.get("to") else None
    return Term(person=person, start=start, end=end)


def parse_registry(data: dict[str, Any]) -> Registry:
    """Build a registry from the YAML structure (``people:`` and ``roles:`` lists)."""
    registry = Registry(ambiguous_words=frozenset(data.get("ambiguous_words") or ()))
    for raw in data.get("people") or []:
        registry.add_person(
            Person(id=str(raw["id"]), name=str(raw["name"]), aliases=tuple(raw.get("aliases") or ()))
        )
    for raw in data.get("roles") or []:
        name = str(raw["role"])
        terms = tuple(_term(t, registry.people, f"role {name!r}") for t in raw.get("terms") or [])
        registry.add_role(Role(name=name, aliases=tuple(raw.get("aliases") or ()), terms=terms))
    return registry


@lru_cache(maxsize=4)
def load_registry(path: Path = OFFICIALS_PATH) -> Registry:
    """The registry in ``path`` (cached); raises ``ConfigError`` naming the file when it is invalid."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return parse_registry(data)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"officials registry {path}: {exc}") from exc
