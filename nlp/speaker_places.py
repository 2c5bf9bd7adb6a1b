"""The place a speaker clause is about and the place a title is of: «در بابل، شهردار گفت» after «شهردار ساری
گفت» is the mayor of Babol, not the one of Sari the story named first (round-up news moves from city to
city and names the office bare in each).
"""

from __future__ import annotations

import re

from nlp.speaker_words import SUBDIVISIONS, name_like, words

# Words a city's (or province's) name follows in a title: «شهردار ساری», «شورای شهر اراک», «شهرداری کرج»
PLACE_TAKERS = (
    *("شهرداری", "شهر", "شهردار", "استانداری", "استاندار", "استان", "فرمانداری", "فرماندار"),
    *("بخشدار", "بخشداری", "دهیار", "دهیاری"),
)


# Offices one holder per place, named bare for the city or province the article is about («شهردار گفت»)
BARE_OFFICES = ("شهردار", "استاندار", "فرماندار", "بخشدار", "دهیار")


# «در بابل، ...», «همچنین در لاهیجان، ...», «در شهر خمین نیز ...»: the clause opens with where it happens
_CLAUSE_PLACE = re.compile(
    r"^\W*(?:(?:همچنین|هم‌چنین|اما|ولی|و|سپس)\s+)?در\s+(?P<kind>(?:شهر|شهرستان|استان)\s+)?"
    r"(?P<place>[^\s،,:«»]+(?:\s[^\s،,:«»]+){0,2}?)\s*(?:[،,]|\s(?:نیز|هم)(?![\w\u200c]))\s*$"
)


def clause_place(lead: str) -> str | None:
    """The place named by «در PLACE، » (or «در شهر PLACE نیز ») when that is all of ``lead``, the words of
    the sentence before the speaker; ``None`` for «در ادامه، », «در این جلسه، » and the like. With no «شهر»
    before it the place is one word or a known compound («گنبد کاووس»): «در رویکرد جدید نیز» is no city."""
    m = _CLAUSE_PLACE.match(lead)
    if m is None:
        return None
    place = m["place"]
    tokens = place.split()
    if not all(name_like(t) for t in tokens) or any(t in words()["not_places"] for t in tokens):
        return None
    if len(tokens) > 1 and not m["kind"] and place not in words()["compound_places"]:
        return None
    return place


def place_span(tokens: list[str]) -> tuple[int, int] | None:
    """Where the place of a title's words is («معاون عمرانی شهرداری تبریز» -> «تبریز», «شهردار منطقه ۵
    اصفهان» -> «اصفهان»): the words after its last place taker and district; ``None`` when it names none."""
    taker = max((k for k, t in enumerate(tokens) if t in PLACE_TAKERS), default=None)
    if taker is None:
        return None
    j = taker + 1
    while j + 1 < len(tokens) and tokens[j] in SUBDIVISIONS:
        j += 2
    if j >= len(tokens) or not name_like(tokens[j]):
        return None
    return j, len(tokens)


def moved_title(title: str, place: str) -> str | None:
    """``title`` held in ``place`` instead («شهردار ساری», «بابل» -> «شهردار بابل»); ``None`` when the title
    names no place or already names this one."""
    tokens = title.split()
    span = place_span(tokens)
    if span is None or " ".join(tokens[span[0] : span[1]]) == place:
        return None
    return " ".join([*tokens[: span[0]], place])
