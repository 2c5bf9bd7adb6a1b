"""The place a speaker clause is about and the place a title is of: «در بابل، شهردار گفت» after «شهردار ساری
گفت» is the mayor of Babol, not the one of Sari the story named first (round-up news moves from city to
city and names the office bare in each).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from nlp.speaker_words import SUBDIVISIONS, district_digits, key, name_like, words

# Words a city's (or province's) name follows in a title: «شهردار ساری», «شورای شهر اراک», «شهرداری کرج»
PLACE_TAKERS = (
    *("شهرداری", "شهر", "شهردار", "استانداری", "استاندار", "استان", "فرمانداری", "فرماندار"),
    *("بخشدار", "بخشداری", "دهیار", "دهیاری"),
)


# Offices one holder per place, named bare for the city or province the article is about («شهردار گفت»)
BARE_OFFICES = ("شهردار", "استاندار", "فرماندار", "بخشدار", "دهیار")


# «در بابل، ...», «همچنین در لاهیجان، ...», «در شهر خمین نیز ...»: the clause opens with where it happens
_CLAUSE_PLACE = re.compile(
    r"^\W*(?:(?:همچنین|هم‌چنین|اما|ولی|و|سپس)\s+)?در\s+(?P<kind>(?:(?:کلان[\s\u200c]?)?شهر|شهرستان|استان)\s+)?"
    r"(?P<place>[^\s،,:«»]+(?:\s[^\s،,:«»]+){0,2}?)\s*(?:[،,]|\s(?:نیز|هم)(?![\w\u200c]))\s*$"
)


def clause_place(lead: str, known: Collection[str] = ()) -> str | None:
    """The place named by «در PLACE، » (or «در شهر PLACE نیز ») when that is all of ``lead``, the words of
    the sentence before the speaker; ``None`` for «در ادامه، », «در این جلسه، » and the like. With no «شهر»
    before it the place is one word, a known compound («گنبد کاووس»), a place the entity model found
    (``known``) or a city's name in two parts («آق قلا», «بندر انزلی»): «در رویکرد جدید نیز» is no city."""
    m = _CLAUSE_PLACE.match(lead)
    if m is None:
        return None
    place = m["place"]
    tokens = place.split()
    if not m["kind"] and _neighbourhood(place):
        return None  # «در نازی آباد نیز»: a part of the article's city
    if m["kind"] and f"{m['kind'].strip()} {place}" in words()["compound_places"]:
        return f"{m['kind'].strip()} {place}"  # «در شهر جدید پردیس»: «شهر» is part of the name
    if len(tokens) > 1 and place in words()["compound_places"]:
        return place  # «سیستان و بلوچستان», «آران و بیدگل»: «و» is part of the name
    if not all(name_like(t) for t in tokens):
        return None
    if len(tokens) > 1 and (_city_in_parts(tokens) or (place in known and _may_be_city(tokens))):
        return place
    if any(_adverbial(t) for t in tokens) or (len(tokens) > 1 and not m["kind"]):
        return None
    return place


# A city's name in two parts, the second a place-forming word the writer left apart («آق قلا», «نجف آباد»,
# «خرم دشت»), or a port after «بندر» («بندر انزلی», «بندر لنگه»). Not «شهر»: before it stands any noun of
# where in the city («قلب شهر», «پایین شهر», «باغ شهر», «سطح شهر»), so the cities so written are listed
# (``compound_places``: «اسلام شهر», «قائم شهر»).
_PLACE_ENDS = ("آباد", "قلا", "کلا", "دشت")
_PLACE_OPENERS = ("بندر",)


def _city_in_parts(tokens: list[str]) -> bool:
    """Whether two words name one city by their form (see ``_PLACE_ENDS``); a noun of an adverbial before
    the place word is no name, nor is a kind of port («بندر صیادی», «بندر تجاری»)."""
    if len(tokens) != 2:
        return False
    first, last = tokens
    if first in _PLACE_OPENERS:
        return _may_be_city(tokens)
    return last in _PLACE_ENDS and not _adverbial(first) and first not in words()["not_names"]


def _neighbourhood(place: str) -> bool:
    """Whether ``place`` is a listed neighbourhood («نازی آباد», «نازی‌آباد»), however spaced."""
    return any(key(n) == key(place) for n in words()["neighbourhoods"])


def _may_be_city(tokens: list[str]) -> bool:
    """Whether words the entity model took for a place can be a city the clause is about: not a noun of
    where before «شهر» («باغ شهر», «قلب شهر»), not a kind of port («بندر صیادی», «بندر تجاری»), no
    adverbial («داخل شهر»)."""
    if tokens[-1] == "شهر" or any(_adverbial(t) for t in tokens):
        return False
    return not (tokens[0] in _PLACE_OPENERS and tokens[-1] in words()["port_kinds"])


def place_length(tokens: list[str]) -> int:
    """How many words the place after a title with no comma takes: «خراسان رضوی», «سیستان و بلوچستان», «آق
    قلا», «بندر انزلی» whole, else one."""
    for place in words().get("compound_places", []):
        parts = place.split()
        if tokens[: len(parts)] == parts:
            return len(parts)
    # not «شهر»: after a title with no comma it more often opens what was said («به گفته شهردار کرج شهر ...»)
    if len(tokens) > 1 and tokens[1] != "شهر" and name_like(tokens[1]) and _city_in_parts(tokens[:2]):
        return 2
    return 1


# «در منطقه ۷ نیز، ...», «در ناحیه دو، ...»: the clause is about another district of the same city
_CLAUSE_DISTRICT = re.compile(
    r"^\W*(?:(?:همچنین|هم‌چنین|اما|ولی|و|سپس)\s+)?در\s+(?P<district>(?:منطقه|ناحیه)\s+[^\s،,:«»]+(?:\s+و\s+[^\s،,:«»]+)?)"
    r"\s*(?:[،,]|\s(?:نیز|هم)(?![\w\u200c]))\s*$"
)


def clause_district(lead: str) -> str | None:
    """The district named by «در منطقه ۷ نیز » when that is all of ``lead`` («منطقه ۷», a number in words
    read as digits), else ``None``."""
    m = _CLAUSE_DISTRICT.match(lead)
    if m is None:
        return None
    district = district_digits(m["district"])
    number = district.split()[1]
    return district if len(district.split()) == 2 and number.isdigit() else None


def moved_district(title: str, district: str) -> str | None:
    """A district's title held in another district of its city («مدیر منطقه ۲ شهرداری اهواز», «منطقه ۷» ->
    «مدیر منطقه ۷ شهرداری اهواز»); ``None`` when the title names no district of that kind or this one."""
    kind, number = district.split()
    tokens = district_digits(title).split()
    at = next((k for k, t in enumerate(tokens[:-1]) if t == kind and tokens[k + 1].isdigit()), None)
    if at is None or tokens[at + 1] == number:
        return None
    return " ".join([*tokens[: at + 1], number, *tokens[at + 2 :]])


def clause_province(lead: str) -> bool:
    """Whether the place of ``lead`` is a province («در استان گیلان، ...», «در گیلان، ...»): only then is a
    provincial title («استاندار», «... استان یزد») moved to it."""
    m = _CLAUSE_PLACE.match(lead)
    if m is None:
        return False
    return (m["kind"] or "").strip() == "استان" or m["place"] in words()["provinces"]


def _adverbial(token: str) -> bool:
    """A word after «در» that opens an adverbial, not a place: «در ادامه»، «در آذرماه»، «در نشستی»."""
    not_places = words()["not_places"]
    if token in not_places or token.endswith("\u200cای"):
        return True
    # a month glued to «ماه» («در آذرماه، ...») and such a noun made indefinite («در نشستی، ...») name no city
    month = re.sub(r"\u200c?ماه$", "", token)
    return month in not_places or (token.endswith("ی") and token[:-1] in not_places)


# Takers of a province's name: a title that has one is the province's office, which a city does not hold
# («استاندار مازندران» in «در تنکابن، استاندار گفت» is still the governor of Mazandaran)
_PROVINCE_TAKERS = ("استان", "استاندار", "استانداری")


def place_span(tokens: list[str]) -> tuple[int, int] | None:
    """Where the place of a title's words is («معاون عمرانی شهرداری تبریز» -> «تبریز», «شهردار منطقه ۵
    اصفهان» -> «اصفهان»): the words after its last place taker and district; ``None`` when it names none."""
    for place in words()["compound_places"]:
        # «شهردار اسلام شهر»: the «شهر» of the city's name is no place taker
        n = len(place.split())
        before = tokens[-n - 2 : -n]  # «شهردار منطقه ۳ اسلام شهر»: a district between
        taken = bool(before) and (before[-1] in PLACE_TAKERS or before[0] in SUBDIVISIONS)
        if len(tokens) > n and tokens[-n:] == place.split() and taken:
            return len(tokens) - n, len(tokens)
    taker = max((k for k, t in enumerate(tokens) if t in PLACE_TAKERS), default=None)
    if taker is None:
        return None
    j = taker + 1
    while j + 1 < len(tokens) and tokens[j] in SUBDIVISIONS:
        j += 2
    if j >= len(tokens) or not name_like(tokens[j]):
        return None
    return j, len(tokens)


def moved_title(title: str, place: str, province: bool = False) -> str | None:
    """``title`` held in ``place`` instead («شهردار ساری», «بابل» -> «شهردار بابل»); ``None`` when the title
    names no place or already names this one, when it is a province's office and ``place`` is not named a
    province («استاندار مازندران», «رئیس اداره راه استان یزد»), or when it is a district's («شهردار منطقه ۸
    تهران»: a place named in its clause is a neighbourhood of that city, «در نارمک، شهردار گفت»)."""
    tokens = title.split()
    span = place_span(tokens)
    if span is None or " ".join(tokens[span[0] : span[1]]) == place:
        return None
    taker = tokens[span[0] - 1] if span[0] else ""
    if (taker in _PROVINCE_TAKERS and not province) or (span[0] >= 2 and tokens[span[0] - 2] in SUBDIVISIONS):
        return None
    return " ".join([*tokens[: span[0]], place])


def moved_office(office: str, place: str, province: bool = False) -> str | None:
    """A bare office with no title before it, held in ``place`` («فرماندار», «کازرون» -> «فرماندار کازرون»,
    «رئیس شورای شهر», «نجف آباد» -> «رئیس شورای شهر نجف آباد»); the governor only of a place named a province
    («در استان گیلان، استاندار گفت»)."""
    tokens = office.split()
    if len(tokens) > 1:
        # «در نجف آباد نیز رئیس شورای شهر گفت»: a title ending at its place taker is the place's office
        taker = tokens[-1]
        if taker not in PLACE_TAKERS or (taker in _PROVINCE_TAKERS and not province):
            return None
        return f"{office} {place}"
    if office not in BARE_OFFICES or (office == "استاندار" and not province):
        return None
    return f"{office} {place}"
