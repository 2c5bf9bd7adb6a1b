"""The researchers' query language, parsed once and compiled for each backend.

Syntax: words (all must match), «phrases», "phrases" or “phrases”, ``OR`` between two terms (also «یا»
is *not* special: it is a Persian word), and ``-term`` / ``-«phrase»`` to exclude. Example::

    واکسن «ستاد کرونا» OR بیمارستان -تهران

means: واکسن AND («ستاد کرونا» OR بیمارستان) AND NOT تهران. Every term goes through
``index.analysis`` so a query matches the same forms the index holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from goftar.errors import ConfigError
from index import analysis

MAX_QUERY_CHARS = 500

# Typographic quotes (“…”, as word processors and phones write them) are phrase quotes too.
_TOKEN = re.compile(r'(-?)(?:«([^»]*)»?|["“]([^"”]*)["”]?|([^\s«"“]+))')


@dataclass(frozen=True)
class Term:
    """One word or phrase: its analysed tokens (several tokens means a phrase) and what was typed."""

    tokens: tuple[str, ...]
    raw: str


@dataclass
class ParsedQuery:
    """AND of ``groups`` (each an OR of terms), minus any of ``excluded``."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # words typed that analyse to nothing («ها», «،»)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded

    def positive_tokens(self) -> set[str]:
        """Every analysed token a match may contain: what the highlighter marks."""
        return {tok for group in self.groups for t in group for tok in t.tokens}

    def marks(self) -> tuple[set[str], set[tuple[str, ...]]]:
        """``(words, phrases)`` for ``highlight``: the one-word terms, marked wherever they stand, and the
        terms of several words («پایان سال», or «خدمت‌گزار» written apart), marked only where their words
        stand together: a stray «خدمت» elsewhere in the text is not what was searched for."""
        terms = [t.tokens for group in self.groups for t in group]
        return {t[0] for t in terms if len(t) == 1}, {t for t in terms if len(t) > 1}


# Operators as people type them: OR in any case, and Persian «یا»; NOT as well as a leading minus. None is
# worth searching for as a word (a function word in almost every commitment; English in none).
_OR_WORDS = frozenset({"OR", "or", "Or", "یا"})
_NOT_WORDS = frozenset({"NOT", "not", "Not"})
_QUOTED = re.compile(r'^\s*(?:«([^»]+)»|["“]([^"”]+)["”])\s*$')


def exact_value(value: str) -> str | None:
    """The speaker a filter value names exactly, when it is quoted («شهردار», "شهردار"); None for a plain
    value, which matches any speaker whose name or title holds its words. The web page's speaker facet
    links are quoted, so a click shows the count the facet showed."""
    found = _QUOTED.match(value)
    return " ".join((found.group(1) or found.group(2)).split()) if found else None


def left_out(text: str) -> list[str]:
    """The words of a query that are not searched for (affixes, punctuation): the interfaces say so,
    since a query of nothing else matches every document."""
    try:
        return parse(text).dropped
    except ConfigError:
        return []  # the search itself reports a query it cannot read


def parse(text: str) -> ParsedQuery:
    """Parse a query string; words that analyse to nothing (affixes, punctuation) are dropped.

    A compound is found however it is spelled: a word or phrase with a ZWNJ also matches its parts
    written apart («آتش‌نشانی»: «آتش نشانی»), and two words typed side by side, or a two-word phrase,
    also match the two written as one word («آتش نشانی»: «آتش‌نشانی», «آتشنشانی»); see ``_respellings``.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise ConfigError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    parsed = ParsedQuery()
    pending_or = pending_not = False
    previous: Term | None = None  # the last plain word, when it began an AND group of its own
    for match in _TOKEN.finditer(text):
        negated, phrase_a, phrase_b, word = match.groups()
        if word in _OR_WORDS and not negated:
            pending_or = bool(parsed.groups)
            previous = None
            continue
        if word in _NOT_WORDS and not negated:
            pending_not = True
            continue
        negated, pending_not = bool(negated) or pending_not, False
        raw = phrase_a if phrase_a is not None else phrase_b if phrase_b is not None else word
        tokens = tuple(analysis.terms(raw, query=True))
        if not tokens:  # an affix alone: dropped, and an OR before it with it («واکسن OR ها تهران»)
            parsed.dropped.append(raw)
            previous = None
            pending_or = False
            continue
        term = Term(tokens, raw)
        terms = [term, *_respellings(term)]
        if negated:
            parsed.excluded.extend(terms)
        elif pending_or:
            parsed.groups[-1].extend(terms)
        else:
            if word is not None and previous is not None and len(tokens) == 1:
                # (a OR ab) AND (b OR ab) is (a AND b) OR ab: the two words, or the two as one word.
                joined = _joined(previous, term)
                if joined is not None:
                    parsed.groups[-1].append(joined)
                    terms.append(joined)
            parsed.groups.append(terms)
        previous = term if word is not None and not negated and not pending_or and len(tokens) == 1 else None
        pending_or = False
    return parsed


def _respellings(term: Term) -> list[Term]:
    """Other spellings of a word or phrase: its ZWNJ compounds written apart; a two-word phrase as one
    word. Each is looked for beside the term (OR): documents keep whichever spelling their source used."""
    found: list[Term] = []
    spaced = tuple(analysis.terms(term.raw, query=True, split_compounds=True))
    if spaced and spaced != term.tokens:
        found.append(Term(spaced, term.raw))
    words = term.raw.split()
    if len(words) == 2 and len(term.tokens) == 2:
        joined = _joined(Term(term.tokens[:1], words[0]), Term(term.tokens[1:], words[1]))
        if joined is not None:
            found.append(joined)
    return found


def _joined(first: Term, second: Term) -> Term | None:
    """Two typed words as the one word they may be the parts of («برنامه ریزی» → «برنامه‌ریزی»)."""
    tokens = tuple(analysis.terms(f"{first.raw}{analysis.ZWNJ}{second.raw}", query=True))
    if len(tokens) != 1 or tokens[0] in (*first.tokens, *second.tokens):
        return None
    return Term(tokens, f"{first.raw} {second.raw}")


def _fts_term(term: Term) -> str:
    # Tokens are letters and digits only (see analysis), so quoting is enough to make them literal.
    return '"' + " ".join(term.tokens) + '"'


def _fts_group(group: list[Term]) -> str:
    inner = " OR ".join(_fts_term(t) for t in group)
    return f"({inner})" if len(group) > 1 else inner


def to_fts5(parsed: ParsedQuery) -> tuple[str | None, str | None]:
    """``(positive, negative)`` FTS5 MATCH expressions; either may be ``None``.

    FTS5's NOT is binary, so a query of exclusions only is run as "not in (negative)" by the caller.
    """
    positive = " AND ".join(_fts_group(g) for g in parsed.groups) or None
    negative = " OR ".join(_fts_term(t) for t in parsed.excluded) or None
    return positive, negative


def highlight(
    text: str,
    tokens: set[str],
    *,
    limit: int | None = None,
    phrases: Collection[tuple[str, ...]] = (),
) -> str:
    """HTML of ``text`` with ``<mark>`` around words whose index term is in ``tokens``, and around the
    words of each of ``phrases`` (index terms in order) where they stand together; all else escaped.

    With ``limit``, a window of about that many characters around the first match is returned.
    """
    if limit is not None and len(text) > limit:
        spans = _marked(text, tokens, phrases)
        text = _window(text, spans[0][0] if spans else 0, limit)
    out: list[str] = []
    last = 0
    for start, end in _marked(text, tokens, phrases):
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def _marked(text: str, tokens: set[str], phrases: Collection[tuple[str, ...]]) -> list[tuple[int, int]]:
    """``(start, end)`` of the words to mark. A phrase is matched on the words that carry a term, as the
    index holds them (an affix typed apart, «ها», is not between the words of a phrase)."""
    found = [(s, e, t) for s, e, w in analysis.words(text) if (t := analysis.term(w))]
    terms = [t for _s, _e, t in found]
    keep = [t in tokens for t in terms]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(terms) - n + 1):
            if tuple(terms[i : i + n]) == phrase:
                keep[i : i + n] = [True] * n
    return [(s, e) for (s, e, _t), marked in zip(found, keep, strict=True) if marked]


def _window(text: str, first: int, limit: int) -> str:
    start = max(0, first - limit // 3)
    # Do not cut a word in half: move to the next space.
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + limit)
    if end < len(text):  # nor at the end: stop at the last space (or line break) before the cut
        space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        end = space if space > first else end
    snippet = text[start:end].rstrip()
    return ("… " if start else "") + snippet + (" …" if end < len(text) else "")


def parse_day(value: str) -> date:
    """A day as the CLI reads it (``nlp.dates.parse_jalali_or_gregorian``): Jalali «۱۴۰۳/۰۵/۰۱» or
    «۱۰ مهر ۱۴۰۰» (years below 1700), or Gregorian ``2024-07-22``; one parser for the CLI, API and page."""
    from nlp.dates import parse_jalali_or_gregorian

    try:
        return parse_jalali_or_gregorian(value)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def check_range(start: tuple[str, date | None], end: tuple[str, date | None]) -> None:
    """Refuse a date range that ends before it starts: run as is it matches nothing, and an empty result
    would read as "no such commitments". Each bound is ``(how the reader wrote it, the day)``."""
    (start_text, first), (end_text, last) = start, end
    if first is not None and last is not None and first > last:
        raise ConfigError(
            f"{_as_typed(start_text, first)} is after {_as_typed(end_text, last)}: put the earlier day "
            "first, or leave one bound out"
        )


def _as_typed(text: str, day: date) -> str:
    """What the reader typed, with the Gregorian day beside it when they wrote it otherwise."""
    return text if text.endswith(day.isoformat()) else f"{text} ({day})"
