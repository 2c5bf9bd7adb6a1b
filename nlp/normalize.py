"""Persian text normalisation with ZWNJ (U+200C) restoration and an offset map back to the raw text.

``normalize(text)`` runs, in order (each step keeps line structure: one output line per input line):

1. placeholders: the literal ``ZWNJ``, ``&zwnj;``, ``&#8204;`` and ``\\u200c`` between Persian letters
   become a ZWNJ (written tight) or a *soft* joiner (written with spaces, «مجموعه ZWNJ ای»: the decoder
   decides ZWNJ or space); look-alike joiners U+200B/U+200D/U+FEFF/U+00AC/U+2009 between Persian
   letters become ZWNJ; stray invisible format characters (bidi marks, soft hyphen, BOM) are removed;
2. letters: Arabic yeh/alef maksura/kaf/ae → Persian ی/ک/ه, ۀ → هٔ, presentation forms decomposed;
   diacritics (harakat, tanwin, shadda, sukun, superscript alef) and kashida removed.  Hamza spellings
   (أ إ ؤ ئ ة) are the author's orthography and are kept in prose: folding them would make exact quotes
   inexact; ``fold_for_search`` unifies them;
3. spaces: runs of spaces, tabs and NBSP-like spaces → one space; no space before «، ؛ : ! ؟ . ) »» or
   after «( «», one space after «،» and «؛» before a Persian letter; line edges stripped;
4. ZWNJ: restored inside words and across spaces by :mod:`nlp.zwnj` (deleted, spaced or placeholder
   ZWNJ), then removed where it cannot belong (next to a space or line edge, after a letter that does not
   join forward, doubled).  URLs, e-mail addresses, hashtags and @mentions are left exactly as written;
   Latin words, numbers with separators, dates (۱۴۰۰/۰۷/۱۰) and emoji are never touched.

Digits policy: normalised prose keeps the digits the author wrote (Persian digits stay Persian, because
quotes must be exact and readers expect them; Latin digits stay Latin) but Arabic-Indic ٠-٩ become
Persian ۰-۹.  Indexed and machine fields use ASCII digits via :func:`to_ascii_digits`; text shown to
people can use :func:`to_persian_digits`.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from nlp.offsets import identity_map, realign_map, sub_with_map, translate_with_map
from nlp.zwnj import default_restorer
from nlp.zwnj_chars import LETTERS, SOFT, ZWNJ

log = logging.getLogger(__name__)

_L = f"[{LETTERS}]"
_PLACEHOLDER = r"(?:ZWNJ|&zwnj;|&#8204;|&#x200c;|\\u200c)"
_GAP = "[ \t\u00a0\u200c\u200b\u200d\ufeff]*"  # what may sit between a letter and a placeholder
_PLACEHOLDER_RE = re.compile(f"(?<={_L})(?:{_GAP}{_PLACEHOLDER})+{_GAP}(?={_L})", re.I)
_PLACEHOLDER_END_RE = re.compile(f"(?<={_L})(?:{_GAP}{_PLACEHOLDER})+", re.I)
_LOOKALIKE_RE = re.compile(f"(?<={_L})[\u200c\u200b\u200d\ufeff\u00ac\u2009]+(?={_L})")
_INVISIBLE_RE = re.compile("[\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_STRAY_SOFT_RE = re.compile(SOFT)
_HAS_SPACE_RE = re.compile("[ \t\u00a0]")
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")

_LETTER_TABLE: dict[int, int | str | None] = {
    0x064A: "ی",
    0x0649: "ی",
    0x0643: "ک",
    0x06D5: "ه",
    0x06C0: "هٔ",
    0x0640: None,
    0x0670: None,
}
_LETTER_TABLE.update({c: None for c in range(0x064B, 0x0653)})
_LETTER_TABLE.update({c: None for c in (0x0655, 0x0656, 0x0657, 0x0658)})
_LETTER_TABLE.update({0x0660 + i: chr(0x06F0 + i) for i in range(10)})
_LETTER_CHANGED_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _LETTER_TABLE) + "]")

_WS = " \t\r\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES_RE = re.compile(f"[{_WS[1:]}][{_WS}]*| [{_WS}]+")  # only what is not already a single space
_EDGE_SPACE_RE = re.compile("^ | $", re.M)
_SPACE_BEFORE_PUNCT_RE = re.compile(f"(?<={_L}) (?=[،؛:!؟)»]|\\.(?:[ \n]|$))")
_SPACE_AFTER_OPEN_RE = re.compile(f"(?<=[(«]) (?={_L})")
_SPACE_AFTER_COMMA_RE = re.compile(f"(?<=[،؛]){ZWNJ}*(?={_L})")  # a ZWNJ there joins nothing
_ZWNJ_SPACE_RE = re.compile(f"{ZWNJ}+(?= )|(?<= ){ZWNJ}+")
_PROTECTED_RE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[#@][\w\u200c]+")
_ZWNJ_RUN_RE = re.compile(f"{ZWNJ}{{2,}}")
# a ZWNJ only has an effect after a letter that joins forward and before a letter
_ZWNJ_USELESS_RE = re.compile(f"(?<![بپتثجچحخسشصضطظعغفقکگلمنهیئ\u0654]){ZWNJ}|{ZWNJ}(?!{_L})")

_PERSIAN_DIGITS = {ord(str(i)): chr(0x06F0 + i) for i in range(10)} | {
    0x0660 + i: chr(0x06F0 + i) for i in range(10)
}
_ASCII_DIGITS = {0x06F0 + i: str(i) for i in range(10)} | {0x0660 + i: str(i) for i in range(10)}
_SEARCH_FOLD: dict[int, int | str | None] = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("ٱ"): "ا",
    ord("آ"): "ا",
    ord("ؤ"): "و",
    ord("ئ"): "ی",
    ord("ة"): "ه",
    0x0654: None,
    ord(ZWNJ): " ",
}

Map = list[int] | None


def to_persian_digits(s: str) -> str:
    """ASCII and Arabic-Indic digits → Persian digits (for text shown to people)."""
    return s.translate(_PERSIAN_DIGITS)


def to_ascii_digits(s: str) -> str:
    """Persian and Arabic-Indic digits → ASCII digits (for stored, indexed and machine fields)."""
    return s.translate(_ASCII_DIGITS)


def _placeholder(m: re.Match[str]) -> str:
    return SOFT if _HAS_SPACE_RE.search(m.group()) else ZWNJ


def _characters(text: str, cmap: Map) -> tuple[str, Map]:
    """Steps 1-2: placeholders, look-alike joiners, invisible characters, letters, diacritics."""
    text, cmap = sub_with_map(_STRAY_SOFT_RE, "", text, cmap)  # our internal marker must not come in
    text, cmap = sub_with_map(_LOOKALIKE_RE, ZWNJ, text, cmap)
    text, cmap = sub_with_map(_INVISIBLE_RE, "", text, cmap)
    if _PRESENTATION_RE.search(text):
        text, cmap = sub_with_map(
            _PRESENTATION_RE, lambda m: unicodedata.normalize("NFKC", m.group()), text, cmap
        )
    text, cmap = translate_with_map(_LETTER_TABLE, text, cmap, _LETTER_CHANGED_RE)
    # placeholders last, so that nothing deleted above can bring a letter next to one
    text, cmap = sub_with_map(_PLACEHOLDER_RE, _placeholder, text, cmap)
    return sub_with_map(_PLACEHOLDER_END_RE, "", text, cmap)


def _spacing(text: str, cmap: Map) -> tuple[str, Map]:
    """Step 3: whitespace and punctuation spacing (never across a newline)."""
    text, cmap = sub_with_map(_SPACES_RE, " ", text, cmap)
    text, cmap = sub_with_map(_ZWNJ_SPACE_RE, "", text, cmap)
    # a ZWNJ between two spaces (« \u200c ») leaves them doubled: collapse again (idempotence)
    text, cmap = sub_with_map(_SPACES_RE, " ", text, cmap)
    text, cmap = sub_with_map(_EDGE_SPACE_RE, "", text, cmap)
    text, cmap = sub_with_map(_SPACE_BEFORE_PUNCT_RE, "", text, cmap)
    text, cmap = sub_with_map(_SPACE_AFTER_OPEN_RE, "", text, cmap)
    return sub_with_map(_SPACE_AFTER_COMMA_RE, " ", text, cmap)


def _restore_zwnj(text: str) -> str:
    """Step 4: restore ZWNJ in prose, leaving protected spans (URLs, e-mails, hashtags) untouched."""
    restorer = default_restorer()
    text = zwnj_hygiene(text)
    parts: list[str] = []
    last = 0
    for m in _PROTECTED_RE.finditer(text):
        parts.append(restorer.restore(text[last : m.start()]))
        parts.append(m.group())
        last = m.end()
    parts.append(restorer.restore(text[last:]))
    return zwnj_hygiene("".join(parts).replace(SOFT, ZWNJ))


def zwnj_hygiene(text: str) -> str:
    """Collapse doubled ZWNJs and drop those that cannot have an effect (see ``_ZWNJ_USELESS_RE``)."""
    return _ZWNJ_USELESS_RE.sub("", _ZWNJ_RUN_RE.sub(ZWNJ, text))


def _run(text: str, with_map: bool) -> tuple[str, Map]:
    cmap: Map = identity_map(text) if with_map else None
    text, cmap = _characters(text, cmap)
    text, cmap = _spacing(text, cmap)
    out = _restore_zwnj(text)
    if cmap is not None:
        cmap = realign_map(text, out, cmap, gaps=f" {ZWNJ}{SOFT}")
    return out, cmap


def normalize_characters(text: str) -> str:
    """Steps 1-3 only (letters, placeholders, spacing, ZWNJ hygiene), without ZWNJ restoration: the form
    the ZWNJ lexicon is trained on."""
    text = _spacing(*_characters(text, None))[0]
    return zwnj_hygiene(text.replace(SOFT, ZWNJ))


def normalize(text: str) -> str:
    """Normalised Persian text (see the module docstring), one output line per input line."""
    return _run(text, with_map=False)[0]


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and its offset map: ``map[i]`` is the index in ``text`` of output character ``i``;
    ``len(map) == len(out) + 1`` and ``map[-1] == len(text)``, so ``text[map[s]:map[e]]`` is the raw
    source of the normalised span ``out[s:e]``."""
    out, cmap = _run(text, with_map=True)
    assert cmap is not None
    return out, cmap


def fold_for_search(text: str) -> str:
    """Search-analysis form for full-text indexes: :func:`normalize`, then ZWNJ → space (so «می‌کنیم»,
    «می کنیم» and a restored «میکنیم» give the same tokens, and «ظرفیت» finds «ظرفیت‌های»), hamza and
    alef variants unified (أ إ ٱ آ → ا, ؤ → و, ئ → ی, ة → ه, hamza above removed), ASCII digits,
    Latin letters case-folded.  Not for display."""
    folded = to_ascii_digits(normalize(text)).translate(_SEARCH_FOLD).casefold()
    return _SPACES_RE.sub(" ", folded)
