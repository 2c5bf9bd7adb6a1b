"""Who speaks: cut the subject out of a speaker clause and resolve it to a person, title or organisation.

Resolution order for a phrase: an entity from ``nlp.entities`` at the phrase (canonical ids from the
officials registry); a title through ``nlp.entities.resolve_official`` on the publication date; a title
or surname linked earlier in the same article («محمد رضایی، شهردار اصفهان، ...» then «شهردار اصفهان»
or «رضایی»); a title the narrative set beside a name («X، شهردار منطقه ۳، ... بازدید کرد», «X به عنوان
سرپرست ... منصوب شد»); and «وی» / «او» / «ایشان», like a definite description («این مقام مسئول»), take the
last speaker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from goftar.model import Entity, Speaker

log = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[^\s،,؛:()«»\"]+|[،,؛:()]")
_DASHES = ("-", "–", "—", "ـ")
# Datelines: «تهران (پانا) - », «رشت - ایرنا - », «کرج- ». Without an agency only one word glued to its
# dash counts: «امیر قربانی - شهردار بندرعباس - گفت» opens with the speaker, not a place.
_AGENCIES = (
    "ایرنا|ایسنا|ایلنا|ایکنا|ایمنا|مهر|تسنیم|فارس|برنا|پانا|رکنا|میزان|شبستان|همشهری|دانشجو|صدا و سیما|"
    r"باشگاه خبرنگاران جوان|خبرگزاری [^\s\-–—:]+"
)
_DATELINE = re.compile(
    r"^[^\n\-–—:]{1,40}?\([^)]{1,40}\)\s*[-–—]\s*"
    rf"|^[^\s\-–—:،]+(?: [^\s\-–—:،]+)?\s*[-–—]\s*(?:{_AGENCIES})\s*[-–—:]\s*"  # «ساری - مهر: »
    r"|^[^\s\-–—:،]+[-–—]\s+"
    rf"|^\W*(?:{_AGENCIES})\s*:\s*"  # «ایسنا: شهردار تبریز گفت ...»: the agency credited, no place
)
# When, not who: news opens the speaker's clause with the day («دیروز شهردار تهران گفت», «صبح امروز
# زاکانی ... گفت», «روز گذشته مدیرعامل ... اعلام کرد»); left in, the phrase resolved to no speaker.
_S = "[ \u200c]?"
_WEEKDAY = f"(?:شنبه|یک{_S}شنبه|دو{_S}شنبه|سه{_S}شنبه|چهار{_S}شنبه|پنج{_S}شنبه|جمعه)"
# Any time of day may lead («شامگاه دوشنبه، سخنگوی ...», «اواخر هفته گذشته ...»), and a comma may close
# the time: left in, «شامگاه» came out as the speaker.
_DAYTIME = (
    rf"(?:صبح|ظهر|عصر|شب|بامداد|شامگاه|صبحگاه|عصرگاه|نیمروز|غروب|نیمه{_S}شب|اوایل{_S}شب|بعد{_S}از{_S}ظهر"
    rf"|پیش{_S}از{_S}ظهر)"
)
_LEADING_TIME = re.compile(
    rf"(?:{_DAYTIME}(?: روز)? |(?:اواخر|اوایل|اواسط) )?"
    rf"(?:امروز|دیروز|امشب|دیشب|پریروز|حالا|(?:هم{_S})?(?:اکنون|اینک)|"  # «حالا عضو دیگر شورا گفته است»
    rf"(?:روز|هفته|ماه|سال) (?:گذشته|قبل|جاری|پیش)|(?:روز )?{_WEEKDAY}"
    rf"(?: (?:گذشته|هفته گذشته))?)(?![\w\u200c])\s*(?:[،,]\s*)?"
)


# The verb that closes a relative clause on a meeting, before its comma: «... حضور داشتند، X گفت»
_RELATIVE_END = re.compile(
    rf"(?<![\w\u200c])(?:داشتند|داشت|بودند|بود|شد|شدند|گردید|کردند|کرد|یافتند|یافت){_S}[،,]"
)


# Where, with no comma after it: «در این جلسه رئیس شورا گفت», «در ادامه این نشست شهردار افزود»,
# «در حاشیه این مراسم ...». Left in, «در» ended the phrase before the speaker began.
_LEADING_PLACE = re.compile(
    rf"(?:در|تو|توی) (?:(?:ادامه|حاشیه|پایان|ابتدای|جریان|خلال){_S}(?:ی )?)?"  # «تو این جلسه»: spoken «در»
    rf"(?:(?:این|آن|همین|همان) [^\s،,:]+|ادامه|پایان)(?![\w\u200c])\s*"
)


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


def _skip_prefixes(text: str, s: int, e: int) -> int:
    w = words()
    while s < e and not (text[s].isalpha() or text[s] == "«"):
        s += 1
    m = _DATELINE.match(text[s:e])
    if m:
        s += m.end()
    for _ in range(3):  # attribution, a leading adverbial, a discourse word: in any order
        clause = text[s:e]
        first = clause.split(maxsplit=1)[0] if clause.split() else ""
        # A time first: «صبح امروز مهدی نیک‌نام، شهردار گرگان، گفت» must not skip to the comma.
        when = _LEADING_TIME.match(text, s, e)
        if when and when.end() < e:
            s = when.end()
            continue
        if first.rstrip("،,") in w["skip_leading"]:
            # «سپس مهدی فرهادی، عضو کمیسیون عمران گفت»: only the word goes, not all up to the comma
            s += len(first)
            while s < e and (text[s].isspace() or text[s] in "،,"):
                s += 1
            continue
        after = _lead_before_comma(text, s, e)
        if after is not None:
            s = after
            while s < e and text[s].isspace():
                s += 1
            continue
        when = _LEADING_PLACE.match(text, s, e)
        if when and when.end() < e:
            s = when.end()
            continue
        break
    return s


def _lead_before_comma(text: str, s: int, e: int) -> int | None:
    """Past the comma that closes an attribution or an adverbial opening ``text[s:e]`` («به گزارش ایسنا،»,
    «در ادامه جلسه،»), or ``None`` when the clause does not open with one."""
    w = words()
    clause = text[s:e]
    comma = re.search(r"[،,؛]", clause)
    first = clause.split(maxsplit=1)[0] if clause.split() else ""
    attribution = any(clause.startswith(a) for a in w["attribution"])
    if comma is None or not (attribution or first in w["boundaries"]):
        return None
    # «به گزارش خبرگزاری فارس از اراک و به نقل از روابط عمومی شهرداری اراک، ...» names two sources
    longest = 20 if attribution else 12
    if "که" in clause[: comma.start()].split():
        # «که اعضای شورا و ... حضور داشتند، X گفت»: a relative clause on the meeting may run long and list
        # its guests with commas; it ends at the comma after its verb
        longest, comma = 30, _RELATIVE_END.search(clause) or comma
    place = _LEADING_PLACE.match(text, s, e)
    named = place is not None and _full_name(text[place.end() : s + comma.start()])
    if named and role_head(clause[comma.end() :].split()):
        return None  # «در ادامه محمدحسن اسدی، شهردار شیراز گفت»: the comma sets off the name's title
    return s + comma.end() if len(clause[: comma.start()].split()) <= longest else None


def speaker_phrase(text: str, start: int, end: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """(start, end, appositive title span) of the subject of ``text[start:end]``, or ``None``."""
    w = words()
    s = _skip_prefixes(text, start, end)
    # «امیر قربانی - شهردار بندرعباس - گفت»: a dash between spaces sets off the title as a comma does.
    tokens = [
        ("،" if m.group() in _DASHES or m.group() in "()" else m.group(), s + m.start(), s + m.end())
        for m in _TOKEN.finditer(text[s:end])
    ]
    if not tokens:
        return None
    # «دکتر علی محمدی»: the name is the person; «دکتر محمدی» keeps its title. Honorifics may stack:
    # «سرکار خانم لیلا رضایی».
    while len(tokens) > 2 and tokens[0][0] in w["honorifics"] and all(name_like(t[0]) for t in tokens[1:3]):
        tokens = tokens[1:]
    if tokens[0][0] in w["pronouns"]:
        return tokens[0][1], tokens[0][2], None
    if (k := _anaphor_length([t[0] for t in tokens])) is not None:
        return tokens[0][1], tokens[k - 1][2], None
    if len(tokens) > 1 and tokens[0][0] in _THIS and tokens[1][0] in w["public"]:
        # «این کاسب گفت», «این شهروند افزود»: one of the public the report spoke to, not an official «وی»
        return tokens[0][1], tokens[1][2], None
    np_end, i, cap = None, 0, 10
    while i < len(tokens) and i < cap:
        tok = tokens[i][0]
        if _this_org(tokens, i):  # «مدیرعامل این سازمان»: the demonstrative and its noun end the title
            np_end, i = tokens[i + 1][2], i + 2
            break
        partitive = tok == "از" and _partitive([t[0] for t in tokens[:i]])  # «یکی از ساکنان محله»
        if tok in "،," and _comma_in_title(tokens, i):
            np_end, i, cap = tokens[i][2], i + 1, 18  # a long official name
            continue
        ends = tok in w["boundaries"] or tok in _SPOKEN_BOUNDARIES
        if tok in "،,؛:" or (ends and not partitive and not _title_goes_on(tokens, i)):
            break
        np_end = tokens[i][2]
        i += 1
    if np_end is None:
        return None
    appositive = None
    if i + 1 < len(tokens) and tokens[i][0] in "،," and role_head([t[0] for t in tokens[i + 1 : i + 3]]):
        j = i + 1
        while j < len(tokens) and tokens[j][0] not in "،,؛:" and j - i < 12:
            j += 1
        appositive = (tokens[i + 1][1], tokens[j - 1][2])
    elif role_head([t[0] for t in tokens[:2]]) and i + 1 < len(tokens) and tokens[i][0] in "،,":
        name = _name_after(tokens, i + 1)
        if name is not None:  # «شهردار کرج، مهدی کاظمی، ... گفت»: the name speaks, the title is his
            return name[0], name[1], (tokens[0][1], np_end)
    return tokens[0][1], np_end, appositive


_THIS = ("این", "همین")
# Spoken «در» in informal posts: «شهردار بوشهر تو لایو اینستاگرام گفت»
_SPOKEN_BOUNDARIES = ("تو", "توی")
# Between a name and its title in the narrative («X، شهردار ...», «X به عنوان سرپرست ... منصوب شد»)
_APPOSED = ("", "،", ",", "-", "–", "به عنوان", "به\u200cعنوان")
_FORMER = ("سابق", "پیشین", "اسبق", "قبلی")
# «کیوان صالحی به عنوان شهردار جدید سنندج معرفی شد»: the narrative names who holds a title
_APPOINTED = re.compile(
    r"(?<![\w\u200c])به[ \u200c]عنوان\s+(?P<title>[^،,.:!؟«»\n]{3,60}?)\s+"
    r"(?:منصوب|معرفی|انتخاب|برگزیده|تعیین)[ \u200c]+(?:شد|شدند|گردید|گردیدند)(?![\w\u200c])"
)
# «این مقام مسئول», «این مسئول شهری»: words that may follow the head of a definite description
_ANAPHOR_MODIFIERS = ("مسئول", "ارشد", "شهری", "محلی", "استانی", "دولتی")


def _anaphor_length(tokens: list[str]) -> int | None:
    """How many words open ``tokens`` with a definite description that points back as «وی» does («این مقام
    مسئول گفت», «این مدیر افزود», «این مسئول»); news uses it for the official just named, never for an
    organisation. ``None`` when the phrase does not open with one."""
    w = words()
    if len(tokens) < 2 or tokens[0] not in _THIS:
        return None
    if not (tokens[1] in w["anonymous"] or role_head(tokens[1:3])):
        return None
    k = 2 if role_head(tokens[1:2]) or tokens[1] in w["anonymous"] else 3  # «این قائم مقام»: a two-word head
    if k < len(tokens) and tokens[k] in _ANAPHOR_MODIFIERS:
        k += 1
    return k


def anaphor(phrase: str) -> bool:
    """Whether ``phrase`` is a definite description alone («این مقام مسئول»), resolved like a pronoun."""
    tokens = phrase.split()
    return _anaphor_length(tokens) == len(tokens)


def _comma_in_title(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«رئیس کمیسیون سلامت، محیط زیست و خدمات شهری شورای شهر تهران»: a comma inside the name of a body,
    before the rest of a list («... و ...») that runs on to the organisation, with no name or other title."""
    w = words()
    rest = []
    for k, (tok, _s, _e) in enumerate(tokens[i + 1 :], start=i + 1):
        if tok in "،,؛:":
            # «شهردار کرج، مهدی کاظمی، گفت»: an apposition closes with a comma of its own; after the whole
            # body's name one may follow («رئیس کمیسیون سلامت، محیط زیست و ... تهران، دکتر نسرین ملکی، گفت»)
            if tok in "؛:" or (_name_after(tokens, k + 1) is None and not _adverbial_at(tokens, k + 1)):
                return False
            break
        rest.append(tok)
    return (
        i >= 2
        and role_head([t[0] for t in tokens[:2]])
        and len(rest) > 2
        and rest[0] not in w["boundaries"]
        and "و" in rest[1:4]
        and any(t in w["org_heads"] for t in rest)
        and not any(role_head(rest[k : k + 2]) or t in w["pronouns"] for k, t in enumerate(rest))
    )


_DAYTIME_WORD = re.compile(rf"{_DAYTIME}$")


def _adverbial_at(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """«رئیس کمیسیون سلامت، محیط زیست و ... شورای شهر رشت، امروز گفت»: the comma closes the title before
    a time («امروز», «شامگاه دوشنبه») or an adverbial («در جلسه ...»), not before a name."""
    if k >= len(tokens):
        return False
    tok = tokens[k][0]
    return tok in words()["boundaries"] or _DAYTIME_WORD.match(tok) is not None


def _title_goes_on(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«معاون شهردار در امور مناطق», «نماینده مردم اصفهان در مجلس», «یک مقام مسئول در شهرداری»: this «در»
    is part of the title."""
    w = words()
    if tokens[i][0] != "در" or i + 1 >= len(tokens):
        return False
    if _anonymous([t[0] for t in tokens]) and tokens[i + 1][0] in w["org_heads"]:
        return True
    heads = _title_in().get(tokens[i + 1][0])
    if heads is None:
        return False
    first = [t[0] for t in tokens[:2]]
    # «قائم مقام شهردار» (a ZWNJ head written with a space) is the head «قائم‌مقام»
    return role_head(first) if not heads else first[0] in heads or "\u200c".join(first) in heads


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


def _title_at(tokens: list[str], k: int) -> bool:
    """Whether a title starts at ``tokens[k]`` inside a phrase. A two-word head needs words after it: in
    «علی قائم مقام گفت» «قائم مقام» is the surname, in «محمد تقوی قائم مقام مدیرعامل ...» the title."""
    if tokens[k] in words()["role_heads"]:
        return True
    return role_head(tokens[k : k + 2]) and k + 2 < len(tokens)


def _title_in() -> dict[str, list[str]]:
    """The one table among the word lists: the word after «در» -> the title heads it goes on for."""
    table: Any = words()["title_in"]
    return {str(k): list(v) for k, v in table.items()}


def _anonymous(tokens: list[str]) -> bool:
    """«یک مقام مسئول», «یک منبع آگاه»: an official the report does not name."""
    return len(tokens) > 1 and tokens[0] == "یک" and tokens[1] in words()["anonymous"]


def _this_org(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«رئیس این کمیسیون», «شهردار این شهر»: a title that points back at an organisation named before."""
    w = words()
    return (
        0 < i < len(tokens) - 1
        and tokens[i][0] in _THIS
        and tokens[0][0] in w["role_heads"]
        and tokens[i + 1][0] not in "،,؛:"
        and tokens[i + 1][0] not in w["boundaries"]
        # «سخنگوی شهرداری کرج این خبر را تکذیب کرد و گفت»: «این خبر» is the object of another verb
        and (i + 2 >= len(tokens) or tokens[i + 2][0] != "را")
    )


def _object_after(text: str, ent: Entity, start: int, end: int) -> bool:
    """Whether a title or organisation entity opens the phrase ``start:end`` and the rest of the phrase is an
    object: the phrase ends at «را»."""
    return (
        ent.label in ("ROLE", "ORG")
        and ent.start == start
        and ent.end < end
        and re.match(r"\s+را(?![\w\u200c])", text[end:]) is not None
    )


# «چند تن از کسبه بازار», «دو نفر از اعضای شورا»: a count of people, as «یکی از» is one of them
_COUNTED = ("تن", "نفر")


def _partitive(before: list[str]) -> bool:
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


def _without_honorifics(name: str) -> str:
    """«خانم فخاری» -> «فخاری»: the name a title of address stands before (the name itself if only that)."""
    tokens = name.split()
    k = 0
    while k < len(tokens) - 1 and tokens[k] in words()["honorifics"]:
        k += 1
    return " ".join(tokens[k:])


def _full_name(phrase: str) -> bool:
    """Two to four words that can be a person's name and are not a title."""
    tokens = phrase.split()
    return 2 <= len(tokens) <= 4 and all(name_like(t) for t in tokens) and not role_head(tokens)


# Words a city's name follows in a title: «شهردار ساری», «شورای شهر اراک», «شهرداری کرج»
_PLACE_TAKERS = (
    *("شهرداری", "شهر", "شهردار", "استانداری", "استاندار", "استان", "فرمانداری", "فرماندار"),
    *("بخشدار", "بخشداری", "دهیار", "دهیاری"),
)


def subject_end(text: str, start: int, end: int) -> int | None:
    """Where the subject that opens ``text[start:end]`` ends when no comma closes it («به گفته وی ۴۰ دستگاه
    ...», «به گفته شهردار ساری عملیات ...»): after a pronoun or «این مسئول»; after the city that closes a
    title (the word after «شهر», «شهرداری», «شهردار» ...) or «این سازمان»; after a name the text gave
    before («به گفته مرادی ...» after «علی مرادی»). ``None`` when nothing marks the end."""
    found = list(re.finditer(r"[^\s،,:؛«»]+", text[start:end]))
    tokens = [m.group() for m in found]
    k = _bare_subject_length(tokens, text[:start])
    return start + found[k - 1].end() if k and k <= len(found) else None


def _bare_subject_length(tokens: list[str], before: str) -> int | None:
    if not tokens:
        return None
    if tokens[0] in words()["pronouns"]:
        return 1
    if (k := _anaphor_length(tokens)) is not None:
        return k
    if role_head(tokens[:2]) or org_head(tokens[0]):
        return _title_length(tokens)
    # «به گفته علی رضایی شهردار ساری پل ...»: a name, then its title
    k = next((k for k in (2, 3) if _full_name(" ".join(tokens[:k])) and role_head(tokens[k : k + 2])), None)
    if k is not None:
        title = _title_length(tokens[k:])
        return k + title if title else None
    # a surname or full name the article named before
    return next((k for k in (3, 2, 1) if k <= len(tokens) and _named_earlier(tokens[:k], before)), None)


def _named_earlier(tokens: list[str], before: str) -> bool:
    """Whether ``before`` introduced these words as an official's name: a full name (or a surname after a
    given name) followed by a title («علی مرادی شهردار بیرجند», «علی مرادی، شهردار ...»)."""
    if not tokens or not all(name_like(t) for t in tokens):
        return False
    given = r"[^\s،,.:]+ " if len(tokens) == 1 else ""
    name = re.escape(" ".join(tokens))
    pattern = rf"(?<![\w\u200c]){given}{name}\s*[،,]?\s*(?P<next>[^\s،,]+(?: [^\s،,]+)?)"
    return any(role_head(m["next"].split()) for m in re.finditer(pattern, before))


def _title_length(tokens: list[str]) -> int | None:
    """How many words a title takes: up to the city after its last place word, or «این سازمان»."""
    if len(tokens) > 2 and tokens[0] in _BARE_OFFICES and tokens[1] in _THIS:
        # «به گفته شهردار این پروژه ...»: a bare office of the article's city is whole on its own and
        # «این» opens what was said; «شهردار این شهر» is the office of the city named before
        return None if org_head(tokens[2]) or tokens[2] in _PLACE_TAKERS or tokens[2] in _PLACES else 1
    for i, tok in enumerate(tokens[:14]):
        if i and tok in _THIS and i + 1 < len(tokens):  # «مدیرعامل این سازمان», not «شهردار این پروژه»
            return i + 2 if org_head(tokens[i + 1]) or tokens[i + 1] in _PLACE_TAKERS else None
        if tok not in _PLACE_TAKERS:
            continue
        j = i + 1
        if tok == "شهر" and j + 1 < len(tokens) and tokens[j] == "جدید":  # «شهر جدید هشتگرد» is one name
            j += 1
        while j + 1 < len(tokens) and tokens[j] in _SUBDIVISIONS:  # «شهردار منطقه ۳ کرج»
            j += 2
        if j < len(tokens) and tokens[j] not in _PLACE_TAKERS and name_like(tokens[j]):
            return j + 1
        # a boundary or a common noun after the place word («به گفته استاندار مدارس استان ...») starts what
        # was said: a later place word belongs to it, not to the title, which ends at its district
        # («شهردار منطقه ۳ امسال ...») or, before a noun that is no name, at the place word («به گفته شهردار
        # پروژه پل ...»)
        if j < len(tokens) and tokens[j] not in _PLACE_TAKERS:
            return j if j > i + 1 or _common_noun(tokens[j]) else None
    return None


def _common_noun(token: str) -> bool:
    w = words()
    return not name_like(token) and token not in w["boundaries"] and token not in w["skip_leading"]


def full_name(phrase: str) -> bool:
    """Whether ``phrase`` can be a person's full name (for the statement finder)."""
    return _full_name(phrase)


def _and_another(text: str, at: int, end: int, head: str | None = None) -> bool:
    """Whether another person is named, joined by «و», right after the name and title that end at ``at``
    («سمیه کریمی، معاون ...، و جواد نیکو، معاون ...، حضور داشتند»); «و همکارانش» names no one. With
    ``head``, only one whose title has that head word too (the other may hold the same title)."""
    m = re.match(r"\s*[،,]?\s*و\s+([^.!؟\n]+)", text[at:end])
    if m is None:
        return False
    tokens = re.sub(r"[،,]", " ", m.group(1)).split()
    k = 0
    while k < min(len(tokens), 4) and name_like(tokens[k]) and not role_head(tokens[k : k + 1]):
        k += 1
    return k >= 2 and (head is None or head in tokens[k : k + 8])


def _name_before(text: str) -> str | None:
    """The full name that ends ``text`` («با حکم شهردار، کیوان صالحی» -> «کیوان صالحی»), or ``None``."""
    tokens = re.split(r"[،,:؛«»\-–—]", text)[-1].split()
    k = len(tokens)
    while k > 0 and len(tokens) - k < 4 and name_like(tokens[k - 1]) and not role_head(tokens[k - 1 : k]):
        k -= 1
    name = " ".join(tokens[k:])
    return name if _full_name(name) else None


def _name_after(tokens: list[tuple[str, int, int]], k: int) -> tuple[int, int] | None:
    """Span of a 2–4 token name at ``tokens[k]`` that runs to a comma or the end of the clause; an honorific
    before it is left out («رئیس کمیسیون ...، دکتر نسرین احمدی، گفت»)."""
    while k < len(tokens) - 2 and tokens[k][0] in words()["honorifics"]:
        k += 1
    j = k
    while j < len(tokens) and name_like(tokens[j][0]) and j - k < 5:
        j += 1
    ends = j == len(tokens) or tokens[j][0] in "،," or tokens[j][0] in words()["boundaries"]
    # «معاون شهردار، مدل جدید مدیریتی را معرفی کرد»: words before «را» are an object, not a name
    obj = j < len(tokens) and tokens[j][0] == "را"
    return (tokens[k][1], tokens[j - 1][2]) if 2 <= j - k <= 4 and ends and not obj else None


def _resolve_official(role: str, on: date | None) -> tuple[str, str] | None:
    try:
        from nlp.entities import resolve_official
    except ImportError:  # the entity stage is optional for statements
        return None
    try:
        return resolve_official(role, on)
    except Exception as exc:  # noqa: BLE001 - a registry problem must not stop extraction
        log.warning("officials registry lookup failed for %r: %s", role, exc)
        return None


def _registry_person(name: str) -> tuple[str, str] | None:
    try:
        from nlp.ner.registry import load_registry

        person = load_registry().person_for_alias(name)
    except Exception as exc:  # noqa: BLE001 - optional enrichment
        log.debug("registry alias lookup failed for %r: %s", name, exc)
        return None
    return (person.id, person.name) if person else None


def _shortens(role: str, long: list[str]) -> bool:
    """«مدیرعامل مترو» shortens «مدیرعامل شرکت بهره‌برداری متروی تهران»: two words or more, the same head,
    every other word the start of a word of the full title."""
    short = district_digits(role).replace("\u200c", " ").split()
    if len(short) < 2 or not long or short[0] != long[0] or len(short) > len(long):
        return False
    # «شهردار کرج» is not «شهردار منطقه ۳ کرج» shortened, nor «شهردار منطقه ۱۷» «شهردار ناحیه ۲ منطقه ۱۷»:
    # leaving out the district names a different office, the city's (or the larger district's)
    if any(w in _SUBDIVISIONS and w not in short for w in long):
        return False
    return all(any(w.startswith(t) for w in long[1:]) for t in short[1:])


_SUBDIVISIONS = ("منطقه", "ناحیه")
# Offices one holder per place, named bare for the city or province the article is about («شهردار گفت»)
_BARE_OFFICES = ("شهردار", "استاندار", "فرماندار", "بخشدار", "دهیار")
# Places an office is «of» («دهیار این روستا», «فرماندار این شهرستان»): after «این» they end the title
_PLACES = ("روستا", "شهرستان", "منطقه", "ناحیه", "بخش", "کلانشهر", "کلان‌شهر", "شهرک", "دهستان", "محله")


# «به گفته», «به گفته‌ی» and its synonyms of opinion («به اعتقاد X»): X said what follows
ACCORDING_WORDS = r"به[ \u200c](?:گفته|اعتقاد|عقیده|باور|اذعان|تاکید|تأکید)(?:[ \u200c]?ی)?"


def _opens_clause(before: str) -> bool:
    """Whether a pronoun after ``before`` in its sentence still opens a speaker clause: nothing before it,
    «به گفته» («به گفته او ...»), or what was said, closed by a comma («این پل ... افتتاح می‌شود، او گفت»)."""
    if not before or before.endswith(("،", ",")):
        return True
    return re.fullmatch(ACCORDING_WORDS, before) is not None


@dataclass
class SpeakerResolver:
    """Resolves speaker phrases of one document, remembering the current speaker and title links."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    published: date | None = None
    current: Speaker | None = None
    _roles: dict[str, Speaker] = field(default_factory=dict)
    _people: list[Speaker] = field(default_factory=list)
    _role_words: dict[str, list[str]] = field(default_factory=dict)
    _titles: list[Speaker] = field(default_factory=list)  # titles that spoke with no name, in order
    _individual: Speaker | None = None  # the last person or title that spoke (what «وی» points at)
    _said: list[tuple[int, int]] = field(default_factory=list)  # spans someone said, in order

    def resolve(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker for ``text[start:end]``; updates the current speaker unless it is a pronoun."""
        phrase = self.text[start:end].strip()
        if phrase in words()["pronouns"] or anaphor(phrase):
            # «وی» / «او» is a person: an organisation that spoke in between is not its antecedent, though
            # with no person before it the organisation is all «وی» can loosely mean
            # A sentence of narrative right before that opens with another official («مریم کاظمی ... بازدید
            # کرد. به گفته او ...») introduces whom «او» means, though someone else spoke before it
            fresh = self._subject_before(start, narrative=True) if self._individual else None
            ante = fresh or self._individual or self._subject_before(start) or self._host_before(start)
            ante = ante or self.current
            return Speaker(
                text=phrase,
                kind="pronoun",
                canonical_id=ante.canonical_id if ante else None,
                canonical_name=ante.display if ante else None,
            )
        speaker = self._classify(phrase, start, end)
        if appositive:
            self._link_role(self.text[appositive[0] : appositive[1]], speaker)
        self.current = speaker
        if speaker.kind != "org":
            self._individual = speaker
        return speaker

    def resolve_aside(self, start: int, end: int, appositive: tuple[int, int] | None = None) -> Speaker:
        """The speaker of an aside («شهردار سابق پیش‌تر گفته بود ...»): resolved, but «وی» after it still
        points at the speaker before."""
        current, individual = self.current, self._individual
        speaker = self.resolve(start, end, appositive)
        self.current, self._individual = current or speaker, individual or speaker
        return speaker

    def mark_said(self, start: int, end: int) -> None:
        """Record that ``text[start:end]`` is what someone said (not narrative a pronoun may point into)."""
        self._said.append((start, end))

    def _subject_before(self, start: int, narrative: bool = False) -> Speaker | None:
        """With no speaker yet, «او» / «وی» points at the title, organisation or person that opens the
        sentence before («شهردار سنندج امروز در جلسه شورا حضور یافت. او وعده داد ...»). With ``narrative``
        only when no one says that sentence (a quote may name other officials)."""
        end = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n")
        if end <= 0 or not _opens_clause(self.text[end + 1 : start].strip()):
            return None  # the pronoun does not open its sentence
        # «... بازدید کرد.\nاو گفت»: the stop and the line break (or a blank line) close one sentence
        while end > 0 and self.text[end - 1] in ".!؟\n \t":
            end -= 1
        begin = max(self.text.rfind(ch, 0, end) for ch in ".!؟\n") + 1
        if narrative and any(s < end and begin < e for s, e in self._said):
            return None
        found = speaker_phrase(self.text, begin, end)
        if found is None:
            return None
        s, e, appositive = found
        head = self.text[s:e].split()[:1]
        ent = self._entity_at(s, e)
        if not head or head[0] in words()["pronouns"]:
            return None
        if _and_another(self.text, max(e, appositive[1] if appositive else e), end):
            return None  # «X، ...، و Y، ...، بازدید کردند. این مقام گفت»: which of the two is not said
        # «وی»/«او» is a person, never the organisation opening the sentence; a name set beside a title
        # («معاون ...، مهندس سعید افشار، ...») is one even when the entity model missed it
        titled = appositive is not None and _full_name(self.text[s:e])
        tagged = ent is not None and ent.label in ("PER", "ROLE")
        if not (head[0] in words()["role_heads"] or titled or tagged):
            return None
        self.current = self.resolve(s, e, appositive)
        return self._individual

    def _host_before(self, start: int) -> Speaker | None:
        """With no one before it, «وی» after an opening adverbial points at the official whose event it
        names («در نشست خبری سخنگوی شورای شهر مشهد، وی گفت»), not at one met («در دیدار با شهردار، وی»)."""
        begin = max(self.text.rfind(ch, 0, start) for ch in ".!؟\n") + 1
        lead = self.text[begin:start].rstrip()
        if not lead.startswith("در") or not lead.endswith(("،", ",")):
            return None
        for m in re.finditer(r"[^\s،,]+", lead):
            if m.group() == "با":
                return None
            if m.group() in words()["role_heads"]:
                found = speaker_phrase(self.text, begin + m.start(), begin + len(lead) - 1)
                if found is None:
                    return None
                self.current = self.resolve(*found)
                return self._individual
        return None

    def named_later(self, speaker: Speaker) -> Speaker:
        """A title that spoke before the article named its holder («شهردار اهواز: ...» then «علی نوری،
        شهردار اهواز، گفت»): the holder, as the guide asks (a pronoun that took the title too)."""
        title = speaker.text if speaker.kind == "role" else speaker.canonical_name
        if speaker.kind not in ("role", "pronoun") or not title:
            return speaker
        linked = self._linked(title)
        if linked is None or linked.display == speaker.display:
            return speaker
        return speaker.model_copy(
            update={"canonical_id": linked.canonical_id, "canonical_name": linked.display}
        )

    def _classify(self, phrase: str, start: int, end: int) -> Speaker:
        w = words()
        ent = self._entity_at(start, end)
        if ent is not None and _object_after(self.text, ent, start, end):
            # «سخنگوی شهرداری ساری شایعه تعدیل نیرو را رد کرد و گفت»: the title the model found is the
            # subject, the words after it up to «را» the object of another verb
            phrase, end = self.text[ent.start : ent.end], ent.end
        tokens = phrase.split()
        if ent is not None and ent.label == "PER":
            name = self._extend_name(ent, end)
            person = self._person(name, ent.canonical_id if name == ent.text else None, ent.canonical_name)
            title = self.text[ent.start + len(name) : end].strip()
            if role_head(title.split()):
                # «مهدی صالحی مدیرعامل سازمان پارک‌ها گفت»: the title after the name is his, as after a comma
                self._link_role(title, person)
            return person
        named = self._name_after_title(ent, end) if ent is not None and ent.label == "ROLE" else None
        if ent is not None and named is not None:
            # «سخنگوی شورای شهر تهران علیرضا نادعلی گفت»: the name after the title, with no comma, speaks
            person = self._person(named.text, named.canonical_id, named.canonical_name)
            self._link_role(ent.text, person)
            return person
        if role_head(tokens) or (ent is not None and ent.label == "ROLE"):
            return self._role(phrase, start)
        if org_head(tokens[0]) or (ent is not None and ent.label == "ORG"):
            return Speaker(text=phrase, kind="org")
        if _anonymous(tokens):
            return Speaker(text=phrase, kind="role")  # no name to link, no registry holder
        if tokens[0] == "یک" and len(tokens) > 1 and role_head(tokens[1:]):
            return Speaker(text=phrase, kind="role")  # «یک مدیر شهرداری»: an unnamed official, not «یک»
        if _partitive(tokens[:2]) or tokens[0] in w["partitives"] or tokens[0] == "یک":
            # «یکی از اعضای شورای شهر», «یک کاسب بازار»: one unnamed person, not «یکی» or «یک»
            return self._person(phrase)
        cut = next((k for k in range(1, len(tokens)) if _title_at(tokens, k)), None)
        if cut is not None:
            person = self._person(" ".join(tokens[:cut]))
            self._link_role(" ".join(tokens[cut:]), person)
            return person
        return self._person(phrase)

    def _name_after_title(self, role: Entity, end: int) -> Entity | None:
        """A person entity that follows the title entity with only a space and closes the phrase. Both must
        be two words or more: in «شهردار بوکان» the model may tag the place alone as a person."""
        if len(role.text.split()) < 2:
            return None
        for ent in self.entities:
            if (
                ent.label == "PER"
                and len(ent.text.split()) >= 2
                and role.end < ent.start
                and ent.end == end
                and not self.text[role.end : ent.start].strip()
            ):
                return ent
        return None

    def _extend_name(self, ent: Entity, end: int) -> str:
        """«یوسف» tagged alone in «یوسف اکبری معاون ...»: the name runs on to the title or comma."""
        name_end = ent.end
        rest = list(re.finditer(r"[^\s،,؛:()«»\"]+", self.text[ent.end : end]))
        for k, m in enumerate(rest):
            if self.text[name_end : ent.end + m.start()].strip() or not name_like(m.group()):
                break
            if _title_at([t.group() for t in rest], k):
                break  # «محمد تقوی قائم مقام مدیرعامل ...»: a two-word title head written with a space
            if len(self.text[ent.start : ent.end + m.end()].split()) > 4:
                break
            name_end = ent.end + m.end()
        return self.text[ent.start : name_end]

    def _entity_at(self, start: int, end: int) -> Entity | None:
        for ent in self.entities:
            if ent.start == start and ent.end <= end and ent.label in ("PER", "ROLE", "ORG"):
                return ent
        return None

    def _person(self, name: str, cid: str | None = None, cname: str | None = None) -> Speaker:
        if cid is None:
            found = _registry_person(name)
            if found:
                cid, cname = found
        if cid is None:
            # «رضایی» after «محمد رضایی»; «خانم فخاری» after «الهام فخاری» (the honorific is no part of it)
            bare = _without_honorifics(name)
            for known in reversed(self._people):
                if key(known.text).endswith(key(bare)) or key(bare).endswith(key(known.text)):
                    cid, cname = known.canonical_id, known.canonical_name or max(known.text, bare, key=len)
                    break
            else:
                cid, cname = self._named_before(bare, cname)
        speaker = Speaker(text=name, kind="person", canonical_id=cid, canonical_name=cname)
        self._people.append(speaker)
        return speaker

    def _named_before(self, surname: str, cname: str | None) -> tuple[str | None, str | None]:
        """«صادقی گفت» after the narrative named «احمد صادقی، شهردار شاهرود و ...» (not as a speaker): the
        full name, when exactly one person entity ends with these words."""
        parts = surname.split()
        full = {
            ent.text: ent
            for ent in self.entities
            if ent.label == "PER"
            and len(ent.text.split()) > len(parts)
            and ent.text.split()[-len(parts) :] == parts
        }
        if len(full) != 1:
            return None, cname
        ent = next(iter(full.values()))
        return ent.canonical_id, ent.canonical_name or ent.text

    def _role(self, role: str, start: int) -> Speaker:
        # The article's own «X، شهردار ...» wins over the registry: it names who held the title then.
        linked = self._linked(role) or self._pointed_back(role, start) or self._held_in_narrative(role, start)
        if linked:
            return Speaker(
                text=role, kind="role", canonical_id=linked.canonical_id, canonical_name=linked.display
            )
        official = _resolve_official(role, self.published)
        if official:
            speaker = Speaker(text=role, kind="role", canonical_id=official[0], canonical_name=official[1])
        elif (full := self._said_in_full(role)) is not None:
            speaker = Speaker(
                text=role, kind="role", canonical_id=full.canonical_id, canonical_name=full.display
            )
        else:
            speaker = Speaker(text=role, kind="role")
        self._titles.append(speaker)
        return speaker

    def _held_in_narrative(self, role: str, before: int) -> Speaker | None:
        """«شهردار منطقه ۳ کرج، مهدی صادقی، از پروژه بازدید کرد. شهردار منطقه گفت»: a title the narrative
        set beside a name before ``before`` names its holder, also when shortened later; only when one person
        holds it, and never a former holder («شهردار سابق کرمان، رضا نوروزی»)."""
        holders: list[Speaker] = []
        for person, title in self._narrative_titles(before):
            full = district_digits(title).replace("\u200c", " ").split()
            same = key(title) == key(role) or _shortens(role, full)
            if not same or any(f in full for f in _FORMER):
                continue
            # one person however often named: «رضوانی» tagged alone is «حامد رضوانی»
            if not any(key(h.text).endswith(key(person.text)) for h in holders):
                holders = [h for h in holders if not key(person.text).endswith(key(h.text))] + [person]
        return holders[0] if len(holders) == 1 else None

    def _narrative_titles(self, before: int) -> list[tuple[Speaker, str]]:
        """(person, title) pairs the text before ``before`` sets side by side: entities joined by a comma, a
        dash or nothing; a sentence that opens with «NAME، TITLE» or «TITLE، NAME،»; «NAME به عنوان TITLE
        منصوب شد». The two last catch what the entity model missed."""
        pairs = self._entity_titles(before)
        for m in re.finditer(r"[^.!؟\n]+", self.text[:before]):
            pairs.extend(self._apposed_pairs(m.start(), m.end()))
            for appointed in _APPOINTED.finditer(self.text, m.start(), m.end()):
                holder = _name_before(self.text[m.start() : appointed.start()])
                if holder:
                    pairs.append((Speaker(text=holder, kind="person"), appointed["title"]))
        return pairs

    def _apposed_pairs(self, start: int, end: int) -> list[tuple[Speaker, str]]:
        """«NAME، TITLE» opening the sentence ``start:end``, and each «و NAME، TITLE» joined to it («احمد
        کریمی، شهردار بروجرد، و رضا امینی، رئیس شورای شهر بروجرد، بازدید کردند»). A title whose head another
        of them shares is left out: which of the two a later «شهردار» means is not said."""
        pairs: list[tuple[Speaker, str]] = []
        heads: list[str] = []
        pos = start
        for _ in range(4):
            found = speaker_phrase(self.text, pos, end)
            if found is None or found[2] is None or not _full_name(self.text[found[0] : found[1]]):
                break
            title = self.text[found[2][0] : found[2][1]]
            after = max(found[1], found[2][1])
            if not _and_another(self.text, after, end, title.split()[0]) and title.split()[0] not in heads:
                pairs.append((Speaker(text=self.text[found[0] : found[1]], kind="person"), title))
            heads.append(title.split()[0])
            joined = re.match(r"\s*[،,]?\s*و\s+", self.text[after:end])
            if joined is None:
                break
            pos = after + joined.end()
        return pairs

    def _entity_titles(self, before: int) -> list[tuple[Speaker, str]]:
        """(person, title) from a person and a title entity next to each other before ``before``."""
        ents = sorted(
            (e for e in self.entities if e.end <= before and e.label in ("PER", "ROLE")),
            key=lambda e: e.start,
        )
        pairs: list[tuple[Speaker, str]] = []
        for a, b in zip(ents, ents[1:], strict=False):
            if a.label == b.label or b.start < a.end or self.text[a.end : b.start].strip() not in _APPOSED:
                continue
            if _and_another(self.text, b.end, before, (b if a.label == "PER" else a).text.split()[0]):
                continue  # «X، title، و Y، title، حضور داشتند»: two people, the title may be either's
            person, title = (a, b) if a.label == "PER" else (b, a)
            speaker = Speaker(
                text=person.text,
                kind="person",
                canonical_id=person.canonical_id,
                canonical_name=person.canonical_name,
            )
            pairs.append((speaker, title.text))
        return pairs

    def _pointed_back(self, role: str, start: int) -> Speaker | None:
        """Who «مدیرعامل این سازمان» is: the last speaker (or linked title) with the same head word."""
        tokens = role.split()
        if not any(t in _THIS for t in tokens[1:]):
            return None
        head = tokens[0]
        cur = self.current
        if cur is not None and cur.kind == "role" and cur.text.split()[0] == head:
            return Speaker(text=cur.display, kind="role", canonical_id=cur.canonical_id)
        for full, person in reversed(list(self._roles.items())):
            if self._role_words.get(full, [""])[0] == head:
                return person
        # «کامران فرجی مدیرعامل شرکت توسعه معابر ... حاضر شد. مدیرعامل این شرکت گفت»: the narrative's
        # holder of a title with the same head, when only one
        people = {key(p.text): p for p, title in self._narrative_titles(start) if title.split()[:1] == [head]}
        return next(iter(people.values())) if len(people) == 1 else None

    def _linked(self, role: str) -> Speaker | None:
        """The person an earlier apposition gave this title, also when shortened later
        («مدیرعامل مترو» after «مدیرعامل شرکت بهره‌برداری متروی تهران»): same head, every other word
        the start of a word of the full title."""
        exact = self._roles.get(key(role))
        if exact or not self._roles:
            return exact
        for full, person in reversed(list(self._roles.items())):
            words_ = self._role_words.get(full, [])
            # «حمید صالحی، شهردار سابق منطقه ۹» does not hold «شهردار منطقه ۹» any more
            if _shortens(role, words_) and not any(f in words_ for f in _FORMER):
                return person
        return None

    def _said_in_full(self, role: str) -> Speaker | None:
        """A title that spoke before in full, with no name («مدیرعامل سازمان اتوبوسرانی شهرداری قزوین»), when
        ``role`` shortens it («مدیرعامل سازمان اتوبوسرانی»): the same speaker."""
        for earlier in reversed(self._titles):
            full = district_digits(earlier.text).replace("\u200c", " ").split()
            if key(earlier.text) != key(role) and _shortens(role, full):
                return earlier
        return None

    def link_title(self, role: str, person: Speaker) -> None:
        """Record that ``person`` holds ``role`` in this article (a title «X: ...» in the headline said again
        by a name in the lead), unless the article gave the title to someone already or gave the person
        another one («حسن نیکو، رئیس شورای شهر رشت» says again what «شهردار رشت» said)."""
        other = any(key(p.text) == key(person.text) and k != key(role) for k, p in self._roles.items())
        if self._linked(role) is None and not other:
            self._link_role(role, person)

    def _link_role(self, role: str, person: Speaker) -> None:
        self._roles[key(role)] = person
        self._role_words[key(role)] = district_digits(role).replace("\u200c", " ").split()
