"""Persian quantities: digits (Persian, Arabic-Indic or ASCII) and number words, with their unit.

``parse_quantity("۱۵ هزار و پانصد میلیارد تومان")`` is ``Quantity(value=15500000000000, unit="تومان")``.
Units are taken as written (the word after the number), so «دُز» keeps its diacritic in raw text.
Offsets returned by :func:`find_quantities` index the string passed in; digit translation is one
character for one character, so no offset map is needed.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata

from goftar.model import Quantity

log = logging.getLogger(__name__)

# Above this no municipal figure is real (a whole national budget in rials is ~1e16): a longer run of
# digits is a scraping accident, and float would turn it into inf in the JSON.
MAX_VALUE = 1e18

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

ONES: dict[str, int] = {
    "صفر": 0,
    "یک": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "پنج": 5,
    "شش": 6,
    "شیش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
    "ده": 10,
    "یازده": 11,
    "دوازده": 12,
    "سیزده": 13,
    "چهارده": 14,
    "پانزده": 15,
    "پونزده": 15,
    "شانزده": 16,
    "هفده": 17,
    "هجده": 18,
    "هیجده": 18,
    "نوزده": 19,
    "بیست": 20,
    "سی": 30,
    "چهل": 40,
    "پنجاه": 50,
    "شصت": 60,
    "هفتاد": 70,
    "هشتاد": 80,
    "نود": 90,
    "صد": 100,
    "یکصد": 100,
    "یک‌صد": 100,
    "دویست": 200,
    "سیصد": 300,
    "چهارصد": 400,
    "پانصد": 500,
    "ششصد": 600,
    "هفتصد": 700,
    "هشتصد": 800,
    "نهصد": 900,
}
SCALES: dict[str, int] = {
    "هزار": 10**3,
    "میلیون": 10**6,
    "ملیون": 10**6,
    "میلیارد": 10**9,
    "ملیارد": 10**9,
    "بیلیون": 10**9,
    "تریلیون": 10**12,
    "هزارمیلیارد": 10**12,
}
HALF = {"نیم": 0.5}
# Words that are numbers only when a unit or another number word follows: «یک» is also the
# indefinite article, «نه» also "no", «ده» also "village", «سی» rarely anything else but short.
AMBIGUOUS = {"یک", "نه", "ده"}
# Tokens that end a number and are never its unit: function words (prepositions, conjunctions,
# copulas, pronouns) that follow a number in news prose («منطقه ۳ طی دو ماه», «۲۰ شد»).
NOT_UNITS = {
    "و",
    "از",
    "را",
    "در",
    "به",
    "که",
    "تا",
    "با",
    "برای",
    "این",
    "آن",
    "هم",
    "نیز",
    "یا",
    "اما",
    "است",
    "بود",
    "شد",
    "می",
    "ها",
    "های",
    "هر",
    "بر",
    "سال‌های",
    "درباره",
    "ای",
    "طی",
    "بی",
    "بدون",
    "جز",
    "مانند",
    "مثل",
    "نزد",
    "سوی",
    "میان",
    "بین",
    "توسط",
    "علیه",
    "جهت",
    "طبق",
    "ولی",
    "اگر",
    "چون",
    "زیرا",
    "سپس",
    "همچنین",
    "هست",
    "هستند",
    "بودند",
    "شدند",
    "شده",
    "باشد",
    "نیست",
    "خود",
    "وی",
    "او",
    "ما",
}
# Prepositions that are also nouns: «ظرف ۵ روز» is "within five days", «۲۰۰ ظرف غذا» two hundred
# dishes. Before a number or a length of time they are the preposition, never a unit.
PREPOSITION_NOUNS = {"ظرف"}
TIME_WORDS = {"مدت", "چند", "روز", "روزهای", "هفته", "هفته‌های", "ماه", "ماه‌های", "سال", "سال‌های", "ساعت"}
# Two-word units: the second word is kept with the first.
UNIT_TAILS = {"مربع", "مکعب", "ساعت", "دلار"}
# Units after which an ambiguous word («یک ماه», «ده روز») is surely a number.
MEASURE_UNITS = {
    "روز",
    "هفته",
    "ماه",
    "سال",
    "ساعت",
    "دقیقه",
    "ثانیه",
    "نفر",
    "درصد",
    "تومان",
    "ریال",
    "دز",
    "متر",
    "کیلومتر",
    "هکتار",
    "واحد",
    "دستگاه",
    "مرحله",
    "بار",
    "سوم",
    "دوم",
    "برابر",
}
SYMBOL_UNITS = {"%": "درصد", "٪": "درصد", "$": "دلار"}

_NUM = r"\d+/\d+(?!/)|\d+(?:[٬,]\d{3})*(?:[٫.]\d+)?"
# Slash dates («۱۴۰۰/۰۷/۱۰») are dates, not numbers: they are matched first and skipped.
_TOKEN = re.compile(
    rf"(?P<date>\d+/\d+/\d+)|(?P<num>{_NUM})|(?P<sym>[%٪$])|(?P<word>[^\W\d_][\w\u200c\u064b-\u0652]*)"
)

# What may stand between a number and its unit: spaces, a ZWNJ or nothing («۵۰درصد»), never markup.
_GAP = re.compile(r"[ \t\u200c\u00a0]*")


def _is_letters(word: str) -> bool:
    """A word of Persian/Arabic or Latin letters (with ZWNJ and diacritics): never markup or digits,
    except the power of a Latin unit («m2», «km²»)."""
    stem = word.rstrip("0123456789²³") if word[:1].isascii() else word
    return bool(stem) and all(
        ch == "\u200c"
        or "\u064b" <= ch <= "\u0652"
        or (ch.isalpha() and unicodedata.name(ch, "").startswith(("ARABIC", "LATIN")))
        for ch in stem
    )


def _spaced(text: str, end: int, start: int) -> bool:
    """Only spaces (or a ZWNJ, or nothing: «۵۰درصد») between two tokens of one quantity."""
    return _GAP.fullmatch(text, end, start) is not None


def _to_ascii(text: str) -> str:
    return text.translate(DIGITS)


def _digit_value(token: str) -> float:
    token = token.replace("٬", "").replace(",", "").replace("٫", ".")
    if "/" in token:  # «۲/۵» is how many Persian sites write 2.5
        whole, frac = token.split("/", 1)
        return float(f"{whole}.{frac}")
    return float(token)


def _plain(word: str) -> str:
    # Diacritics (e.g. the damma of «دُز») do not change which word it is.
    return re.sub("[\u064b-\u0652]", "", word)


class _Acc:
    """Accumulates one spelled or mixed number: «۱۵ هزار و پانصد میلیارد» = (15000 + 500) × 10⁹."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.top_scale = 0
        self.parts = 0

    def add(self, value: float) -> None:
        self.current += value
        self.parts += 1

    def hundred(self) -> None:
        self.current = (self.current or 1) * 100
        self.parts += 1

    def scale(self, factor: int) -> None:
        if factor > self.top_scale:
            # A larger scale multiplies everything so far: «۱۵ هزار و پانصد میلیارد».
            self.total = (self.total + (self.current or 1)) * factor
            self.top_scale = factor
        else:
            self.total += (self.current or 1) * factor
        self.current = 0.0
        self.parts += 1

    @property
    def value(self) -> float:
        return self.total + self.current


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    ascii_text = _to_ascii(text)
    out = []
    for m in _TOKEN.finditer(ascii_text):
        kind = m.lastgroup or "word"
        out.append((kind, ascii_text[m.start() : m.end()], m.start(), m.end()))
    return out


def _is_number_word(word: str) -> bool:
    w = _plain(word)
    return w in ONES or w in SCALES or w in HALF


def _continues_after_and(acc: _Acc, nxt: tuple[str, str, int, int]) -> bool:
    # «بیست و پنج», «یک و نیم», «۱۵ هزار و پانصد»; but «۱۰ و ۲۰ درصد» is two numbers.
    if nxt[0] == "word":
        return _is_number_word(nxt[1])
    return nxt[0] == "num" and acc.top_scale > 0


def _read_number(toks: list[tuple[str, str, int, int]], i: int) -> tuple[float, int, bool] | None:
    """Read a number starting at token ``i``: (value, index after it, has digits/scale/compound)."""
    acc = _Acc()
    j = i
    strong = False
    expect_number = True
    while j < len(toks):
        kind, tok, _s, _e = toks[j]
        word = _plain(tok)
        if kind == "num" and expect_number:
            acc.add(_digit_value(tok))
            strong = True
        elif kind == "word" and word in ONES and expect_number:
            acc.add(ONES[word])
        elif kind == "word" and word == "صد" and acc.parts:
            acc.hundred()
        elif kind == "word" and word in SCALES and acc.parts and not expect_number:
            acc.scale(SCALES[word])
            strong = True
        elif kind == "word" and word in HALF and acc.parts and expect_number:
            acc.add(HALF[word])
        elif (
            kind == "word"
            and word == "و"
            and acc.parts
            and not expect_number
            and j + 1 < len(toks)
            and _continues_after_and(acc, toks[j + 1])
        ):
            expect_number = True
            j += 1
            continue
        else:
            break
        expect_number = False
        j += 1
    if not acc.parts:
        return None
    return acc.value, j, strong or acc.parts > 1


def _read_unit(text: str, toks: list[tuple[str, str, int, int]], j: int) -> tuple[str | None, int]:
    """The unit after a number: one word as written (plus a known tail like «مربع»), or a symbol.

    The unit follows the number across spaces only (in «alert(1)</script>» «script» is not one) and is
    a word of letters that is not a function word («منطقه ۱۹ ظرف ۵ روز»: «ظرف» is "within").
    """
    if j >= len(toks) or not _spaced(text, toks[j - 1][3], toks[j][2]):
        return None, j
    kind, tok, start, end = toks[j]
    if kind == "sym":
        return SYMBOL_UNITS[tok], j + 1
    if kind != "word" or not _is_unit_word(toks, j):
        return None, j
    unit_end, nxt = end, j + 1
    if (
        nxt < len(toks)
        and toks[nxt][0] == "word"
        and _plain(toks[nxt][1]) in UNIT_TAILS
        and _spaced(text, end, toks[nxt][2])
    ):
        unit_end, nxt = toks[nxt][3], nxt + 1
    return text[start:unit_end], nxt


# A verb is never a unit («تعداد به ۲۵۰۰ می‌رسد», «۳۰ خواهد شد»): the continuous prefix, the future
# auxiliary, and the copulas and passive auxiliaries a number may stand before.
_VERB = re.compile(r"(?:ن?می\u200c|خواه(?:د|ند|یم|م)$|(?:است|هست|بود|شد|شود|شوند|گردد|باشد)$)")


def _is_unit_word(toks: list[tuple[str, str, int, int]], j: int) -> bool:
    word = _plain(toks[j][1])
    if word in NOT_UNITS or _is_number_word(word) or not _is_letters(toks[j][1]) or _VERB.match(word):
        return False
    if word in PREPOSITION_NOUNS and j + 1 < len(toks):
        kind, nxt, _s, _e = toks[j + 1]
        return not (kind == "num" or _is_number_word(nxt) or _plain(nxt) in TIME_WORDS)
    return True


def _quantities(text: str) -> list[tuple[int, int, Quantity]]:
    toks = _tokens(text)
    found: list[tuple[int, int, Quantity]] = []
    i = 0
    while i < len(toks):
        kind, tok, start, _end = toks[i]
        if kind != "num" and not (kind == "word" and _plain(tok) in ONES):
            i += 1
            continue
        read = _read_number(toks, i)
        if read is None:
            i += 1
            continue
        value, j, strong = read
        if not math.isfinite(value) or abs(value) > MAX_VALUE:
            log.warning("ignored an absurd number %r (over %g)", text[start : toks[j - 1][3]][:40], MAX_VALUE)
            i = j
            continue
        unit, k = _read_unit(text, toks, j)
        if _is_year(toks, i, j, unit):
            i = j
            continue
        if not strong and _plain(tok) in AMBIGUOUS and (unit is None or _plain(unit) not in MEASURE_UNITS):
            i = j
            continue
        if kind == "word" and not strong and unit is None:
            i = j  # a lone number word with nothing after it is rarely a quantity
            continue
        end = toks[k - 1][3]
        found.append((start, end, Quantity(text=text[start:end], value=value, unit=unit)))
        i = k
    return found


# Words after which a four-digit number names a year: «سال ۱۴۰۶», «بودجه ۱۴۰۶», «برنامه ۱۴۰۵».
YEAR_HEADS = {"سال", "بودجه", "برنامه", "افق", "سند", "طرح", "لایحه", "سالانه"}


def _is_year(toks: list[tuple[str, str, int, int]], i: int, j: int, unit: str | None) -> bool:
    """Whether the number ``toks[i:j]`` is a year, not a quantity: four digits after «سال» or another
    ``YEAR_HEADS`` word («بودجه ۱۴۰۶», «سال ۲۰۲۶»), whatever word follows; or a four-digit number from 1300
    to 1499 with no unit (a Jalali year: municipal news writes no bare count in that range)."""
    kind, tok, _s, _e = toks[i]
    if j != i + 1 or kind != "num" or not re.fullmatch(r"\d{4}", tok):
        return False
    value = int(tok)
    if i > 0 and _plain(toks[i - 1][1]) in YEAR_HEADS:
        return 1300 <= value <= 1499 or 1900 <= value <= 2099
    return unit is None and 1300 <= value <= 1499


def find_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity in ``text`` as ``(start, end, Quantity)``, in order, non-overlapping."""
    return _quantities(text)


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text`` («۳۰۰ هزار دُز» → 300000 «دُز»), or ``None`` when there is none."""
    found = _quantities(text.strip())
    return found[0][2] if found else None
