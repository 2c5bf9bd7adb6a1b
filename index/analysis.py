"""Text analysis for the search index: the same function turns documents and queries into terms.

Both backends index the output of :func:`analyze` (SQLite in FTS5, Elasticsearch in a whitespace-analysed
field), so a query means the same thing everywhere. Analysis is:

1. folding: Arabic letter variants to Persian, diacritics and tatweel dropped, Persian/Arabic digits to
   ASCII, Latin lower-cased (queries are first normalised by ``nlp.normalize.normalize``; see :func:`fold`);
2. tokenising on anything that is not a letter or digit — except ZWNJ (U+200C), which joins the parts of
   one word («واکسن‌ها», «می‌شود») and is handled explicitly in step 3;
3. light stemming: ZWNJ-attached suffixes/prefixes are dropped, then a few inflectional suffixes are
   stripped from words long enough to keep a stem, so «واکسن»، «واکسن‌ها»، «واکسنها» and «واکسنی» meet.
"""

from __future__ import annotations

import gzip
import logging
import re
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

ZWNJ = "\u200c"

_FOLD_MAP: dict[str, str] = {
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ك": "ک",
    "ۀ": "ه",
    "ة": "ه",
    "ؤ": "و",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(c): "" for c in range(0x064B, 0x0660)},  # harakat, tanwin, shadda, sukun …
    "\u0670": "",
    "\u0640": "",  # superscript alef, tatweel
    "\u200d": "",
    "\u200e": "",
    "\u200f": "",
    "\ufeff": "",  # ZWJ, LRM, RLM, BOM
    "\u00a0": " ",
    "\u202f": " ",
}
# Most characters need no folding: substituting only the few that do is ~10x faster than str.translate.
_NEEDS_FOLD = re.compile("[" + re.escape("".join(_FOLD_MAP)) + "]")

# A word: letters/digits, with ZWNJ, diacritics and tatweel allowed inside (they are folded away later).
_WORD = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640\u200c])+")
# The same words in folded text, where ZWNJ is the only one of those left: a third faster to scan.
_FOLDED_WORD = re.compile(r"[^\W_]+(?:\u200c+[^\W_]*)*")

# Parts that only ever attach to a word with ZWNJ (or stand alone when a space was typed for the ZWNJ).
_SUFFIX_PARTS = frozenset(
    {
        "ها",
        "های",
        "هایی",
        "هایم",
        "هایت",
        "هایش",
        "هایمان",
        "هایتان",
        "هایشان",
        "ای",
        "ی",
        "یی",
        "تر",
        "ترین",
        "اند",
        "ام",
        "ات",
        "اش",
        "ایم",
        "اید",
        "مان",
        "تان",
        "شان",
    }
)
_PREFIX_PARTS = frozenset({"می", "نمی"})
# Suffixes stripped from a word written without ZWNJ, longest first; (suffix, shortest stem left).
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("هایی", 2),
    ("های", 2),
    ("ها", 3),
    ("ترین", 3),
    ("یی", 3),
    ("ای", 3),
    ("ی", 3),
)


def _own_fold(text: str) -> str:
    return _NEEDS_FOLD.sub(lambda m: _FOLD_MAP[m.group()], text).lower()


_folder: Callable[[str], str] | None = None
_folder_lock = threading.Lock()


def _query_folder() -> Callable[[str], str]:
    """The normaliser's search folding when present; ours is applied after it either way (cheap).

    Loaded once, under a lock, with one call: the normaliser reads its ZWNJ lexicon and n-gram model
    on first use (about a second), and a server's first burst of searches would otherwise have every
    worker thread load them at once (a minute of CPU at 40 threads).
    """
    global _folder  # noqa: PLW0603 — a lazily built module singleton
    if _folder is None:
        with _folder_lock:
            if _folder is None:
                _folder = _load_query_folder()
    return _folder


def _load_query_folder() -> Callable[[str], str]:
    # ``normalize``, not ``fold_for_search``: the latter turns ZWNJ into a space, which splits a compound
    # («آتش‌نشانی» → «اتش نشانی») into a phrase the index never holds (it joins a word's ZWNJ parts).
    try:
        from nlp.normalize import normalize
    except ImportError:
        log.debug("nlp.normalize not available; using the index's own folding")
        return _own_fold
    normalize("می‌شود")  # loads the normaliser's models now, inside the lock
    return lambda text: _own_fold(normalize(text))


def fold(text: str, *, query: bool = False) -> str:
    """Text folded for matching: one spelling per letter, ASCII digits, no diacritics, lower case.

    Stored documents were normalised by the pipeline already, so they get only the character folding
    (the normaliser costs ~0.5 ms per sentence, ten times the indexing budget). Queries are typed by
    people and are short: ``query=True`` runs the full normaliser first, which restores missing ZWNJs
    («میشود» → «می‌شود», «آتش نشانی» → «آتش‌نشانی») the way the pipeline did for the documents.
    """
    return _query_folder()(text) if query else _own_fold(text)


@lru_cache(maxsize=1 << 18)
def _term_of_folded(word: str) -> str:
    # Vocabulary is Zipfian: a cache turns most words into one dict lookup while indexing.
    return stem(word.strip(ZWNJ))


def stem(word: str) -> str:
    """Light stem of one folded word (ZWNJ may be inside); empty when the word is only an affix."""
    if ZWNJ in word:
        parts = [p for p in word.split(ZWNJ) if p]
        while len(parts) > 1 and parts[0] in _PREFIX_PARTS:
            parts.pop(0)
        while len(parts) > 1 and parts[-1] in _SUFFIX_PARTS:
            parts.pop()
        word = "".join(parts)
    elif word in _SUFFIX_PARTS or word in _PREFIX_PARTS:
        return ""  # «واکسن ها» typed with a space: the suffix alone carries no meaning
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix in _ENDINGS_IN_Y and word in _words_ending_in_y():
                return word  # «شهرداری» is a word of its own, not «شهردار» + ی
            return word[: -len(suffix)]
    return word


# An ending in «ی» may be the indefinite or adjectival ی («واکسنی»: a vaccine) or part of the word itself
# («شهرداری» municipality, not «شهردار» mayor; «مهدی», «احمدی»). A word hazm's dictionary lists keeps it.
_ENDINGS_IN_Y = frozenset({"ی", "یی", "ای"})


# Built from hazm's words.dat by ``python -m index.analysis`` (parsing that file takes two seconds; this
# list of its words in ی, folded, loads in milliseconds). Rebuild it when hazm's dictionary changes.
WORDS_IN_Y_PATH = Path(__file__).parent / "data" / "words_in_y.txt.gz"


@lru_cache(maxsize=1)
def _words_ending_in_y() -> frozenset[str]:
    try:
        with gzip.open(WORDS_IN_Y_PATH, "rt", encoding="utf-8") as fh:
            return frozenset(fh.read().split())
    except OSError as exc:
        log.warning("%s unreadable (%s): «شهرداری» and «شهردار» share a search term", WORDS_IN_Y_PATH, exc)
        return frozenset()


def build_words_in_y(out: Path = WORDS_IN_Y_PATH) -> int:
    """Write hazm's dictionary words that end in ی, folded as the index folds (ZWNJ dropped), sorted."""
    from hazm import utils

    folded = (_own_fold(word).replace(ZWNJ, "") for word, _n, _tags in utils.words_list())
    words = sorted({w for w in folded if w.endswith("ی")})
    # mtime=0: the same dictionary gives the same bytes.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write("\n".join(words).encode("utf-8"))
    return len(words)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, surface)`` of each word in ``text`` (offsets into ``text`` itself, unfolded)."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), match.group()


@lru_cache(maxsize=1 << 16)
def term(surface: str) -> str:
    """The index term of one stored surface word (folded and stemmed); empty when it carries no meaning.

    Cached: the highlighter calls it for every word of every hit shown.
    """
    return _term_of_folded(fold(surface))


def terms(text: str, *, query: bool = False, split_compounds: bool = False) -> list[str]:
    """The index terms of a text, in order (affix-only words dropped); see :func:`fold` for ``query``.

    ``split_compounds``: each ZWNJ is read as a space, so «آتش‌نشانی» gives the terms of «آتش نشانی»
    (a query looks for a compound's other spelling with it; affixes still drop: «واکسن‌ها» → واکسن).
    """
    folded = fold(text, query=query)
    if split_compounds:
        folded = folded.replace(ZWNJ, " ")
    return [t for t in map(_term_of_folded, _FOLDED_WORD.findall(folded)) if t]


def analyze(text: str) -> str:
    """The analysed text stored in the index: terms separated by single spaces."""
    return " ".join(terms(text))


if __name__ == "__main__":
    print(f"{build_words_in_y()} words written to {WORDS_IN_Y_PATH}")


def key_spellings(name: str) -> list[str]:
    """The matching keys a typed name may be stored under: as typed, with its ZWNJ compounds written apart,
    and with each two neighbouring words written as one compound. A key is the analysed text of a name as
    its source spelt it, so «شرکت واحد اتوبوس رانی» must also find «شرکت واحد اتوبوس‌رانی» (and back),
    as the query language finds a compound however it is spelled."""
    words = name.split()
    spellings = [name, name.replace(ZWNJ, " ")]
    spellings += [
        " ".join([*words[:i], words[i] + ZWNJ + words[i + 1], *words[i + 2 :]]) for i in range(len(words) - 1)
    ]
    return list(dict.fromkeys(analyze(spelling) for spelling in spellings))
