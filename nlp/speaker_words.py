"""The word lists of speaker resolution (``data/speaker_words.yaml``) and the tests on single words and
short phrases built on them: a title or organisation head, a word that can be a name, a full name, the
comparison key of names and titles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def words() -> dict[str, list[str]]:
    with (DATA / "speaker_words.yaml").open(encoding="utf-8") as fh:
        data: dict[str, list[str]] = yaml.safe_load(fh)
    return data


def key(text: str) -> str:
    """Compare names without regard to ZWNJ/space or diacritics, titles also to how a district's number is
    written («منطقه دوازده» is «منطقه ۱۲»)."""
    return re.sub(r"[\s\u200c\u064b-\u0652]+", "", district_digits(text))


_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def district_digits(title: str) -> str:
    """``title`` with a district number written in words as Persian digits («شهردار منطقه بیست و دو تهران»
    -> «شهردار منطقه ۲۲ تهران»)."""
    if "منطقه" not in title and "ناحیه" not in title:
        return title
    table, pattern = _district_numbers()

    def digits(m: re.Match[str]) -> str:
        value = table[m[2]] + (table[m[3]] if m[3] and table[m[2]] >= 20 and table[m[3]] < 10 else 0)
        rest = f" و {m[3]}" if m[3] and value == table[m[2]] else ""  # «منطقه دو و سه»: two districts
        return f"{m[1]} {str(value).translate(_DIGITS)}{rest}"

    return pattern.sub(digits, title)


@lru_cache(maxsize=1)
def _district_numbers() -> tuple[dict[str, int], re.Pattern[str]]:
    raw: Any = words().get("district_numbers", {})
    table = {str(k): int(v) for k, v in raw.items()}
    alts = "|".join(sorted(table, key=len, reverse=True)) or "(?!)"
    pattern = re.compile(rf"(?<![\w\u200c])(منطقه|ناحیه)\s+({alts})(?:\s+و\s+({alts}))?(?![\w\u200c])")
    return table, pattern


def role_head(tokens: list[str]) -> bool:
    """Whether a phrase of these words opens with a title; a head spelled with a ZWNJ may be written with a
    space («قائم مقام شهردار», which the normaliser leaves apart)."""
    heads = words()["role_heads"]
    joined = "\u200c".join(tokens[:2])
    return bool(tokens) and (tokens[0] in heads or len(tokens) > 1 and joined in heads)


def org_head(token: str) -> bool:
    """Whether a word opens an organisation's name, also glued to the next word with a ZWNJ
    («روابط‌عمومی شهرداری ...»)."""
    heads = words()["org_heads"]
    return token in heads or token.split("\u200c")[0] in heads


def title_at(tokens: list[str], k: int) -> bool:
    """Whether a title starts at ``tokens[k]`` inside a phrase. A two-word head needs words after it: in
    «علی قائم مقام گفت» «قائم مقام» is the surname, in «محمد تقوی قائم مقام مدیرعامل ...» the title."""
    if tokens[k] in words()["role_heads"]:
        return True
    return role_head(tokens[k : k + 2]) and k + 2 < len(tokens)


def anonymous(tokens: list[str]) -> bool:
    """«یک مقام مسئول», «یک منبع آگاه»: an official the report does not name."""
    return len(tokens) > 1 and tokens[0] == "یک" and tokens[1] in words()["anonymous"]


# «چند تن از کسبه بازار», «دو نفر از اعضای شورا»: a count of people, as «یکی از» is one of them
_COUNTED = ("تن", "نفر")


def takes_partitive(before: list[str]) -> bool:
    """Whether the words ``before`` an «از» take it into the speaker: «یکی», «تعدادی», «چند تن»."""
    if len(before) == 1:
        return before[0] in words()["partitives"]
    return len(before) == 2 and before[1] in _COUNTED and (before[0] == "چند" or before[0] in _number_words())


def _number_words() -> dict[str, int]:
    return _district_numbers()[0]


def name_like(token: str) -> bool:
    """A token that can be part of a person's name: not a title, organisation or function word."""
    w = words()
    return not (
        token in w["role_heads"]
        or org_head(token)
        or token in w["boundaries"]
        or token in w["pronouns"]
        or token in w["skip_leading"]
        or token in w["not_names"]
        or token in w["district_numbers"]  # a number word: «سه تقاطع», not a name
        or token in "،,؛:"
        or any(ch.isdigit() for ch in token)
        or _PLURAL.search(token) is not None
    )


# «خیابان‌های», «ده‌ها»: a plural written with its joiner is a common noun, never a name
_PLURAL = re.compile(r"\u200c(?:ها|های|هایی)$")


def full_name(phrase: str) -> bool:
    """Two to four words that can be a person's name and are not a title."""
    tokens = phrase.split()
    return 2 <= len(tokens) <= 4 and all(name_like(t) for t in tokens) and not role_head(tokens)


# Demonstratives that point back at what was named before: «این سازمان», «همین شهر»
THIS_WORDS = ("این", "همین")
# The parts of a city a title may name: «شهردار منطقه ۳ کرج»
SUBDIVISIONS = ("منطقه", "ناحیه")


# «به گفته», «به گفته‌ی» and its synonyms of opinion («به اعتقاد X»): X said what follows
ACCORDING_WORDS = r"به[ \u200c](?:گفته|اعتقاد|عقیده|باور|اذعان|تاکید|تأکید)(?:[ \u200c]?ی)?"
