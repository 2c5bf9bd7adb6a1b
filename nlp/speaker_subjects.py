"""Where a subject ends with no comma after it («به گفته وی ۴۰ دستگاه ...», «به گفته شهردار ساری عملیات
...»): after a pronoun, a title up to its city, «این سازمان», or a name the article gave before.
"""

from __future__ import annotations

import re

from nlp.speaker_phrases import anaphor_length
from nlp.speaker_places import BARE_OFFICES as _BARE_OFFICES
from nlp.speaker_places import PLACE_TAKERS as _PLACE_TAKERS
from nlp.speaker_places import place_length
from nlp.speaker_words import SUBDIVISIONS, THIS_WORDS, full_name, name_like, org_head, role_head, words


def subject_end(text: str, start: int, end: int) -> int | None:
    """Where the subject that opens ``text[start:end]`` ends when no comma closes it («به گفته وی ۴۰ دستگاه
    ...», «به گفته شهردار ساری عملیات ...»): after a pronoun or «این مسئول»; after the city that closes a
    title (the word after «شهر», «شهرداری», «شهردار» ...) or «این سازمان»; after a name the text gave
    before («به گفته مرادی ...» after «علی مرادی»). ``None`` when nothing marks the end."""
    found = list(re.finditer(r"[^\s،,:؛«»]+", text[start:end]))
    tokens = [m.group() for m in found]
    k = _bare_subject_length(tokens, text[:start])
    if not k or k > len(found):
        return None
    return _joined_up_to_comma(text, start + found[k - 1].end(), end)


# «و» and a second title or name, then the comma: «به گفته شهردار کاشان و رئیس شورای شهر، ...»
_AND_THEN_COMMA = re.compile(r"\s+و\s+(?P<other>[^،,:؛«».!؟\n]{2,60}?)\s*(?=[،,])")


def _joined_up_to_comma(text: str, end: int, limit: int) -> int:
    """``end``, or past a second speaker joined by «و» up to the comma: both said what follows; cut at
    the first, the «و» opened the quote («و رئیس شورای شهر، پروژه ...»)."""
    m = _AND_THEN_COMMA.match(text, end, limit)
    if m is None or len(m["other"].split()) > 8:
        return end
    other = m["other"].split()
    if role_head(other[:2]) or full_name(" ".join(other)):
        return m.end("other")
    return end


def _bare_subject_length(tokens: list[str], before: str) -> int | None:
    if not tokens:
        return None
    if tokens[0] in words()["pronouns"]:
        return 1
    if (k := anaphor_length(tokens)) is not None:
        return k
    if role_head(tokens[:2]) or org_head(tokens[0]):
        return title_length(tokens)
    # «به گفته علی رضایی شهردار ساری پل ...»: a name, then its title
    k = next((k for k in (2, 3) if full_name(" ".join(tokens[:k])) and role_head(tokens[k : k + 2])), None)
    if k is not None:
        title = title_length(tokens[k:])
        return k + title if title else None
    # a surname or full name the article named before
    return next((k for k in (3, 2, 1) if k <= len(tokens) and _named_earlier(tokens[:k], before)), None)


def titles_before(text: str, head: str, before: int) -> list[tuple[int, str]]:
    """(start, title) of the titles headed by ``head`` that ``text`` names in full before ``before``, in
    order: «شهردار ساری» in «شهردار ساری امروز از پروژه بازدید کرد», up to the city after its last place
    word."""
    out = []
    for m in re.finditer(rf"(?<![\w\u200c]){re.escape(head)}(?![\w\u200c])", text[:before]):
        # the title ends with its sentence: «معاون وزیر کشور ... بازدید کرده بود. به گزارش ...» is no title
        end = min([before, m.start() + 200] + [i for ch in ".!؟\n" if (i := text.find(ch, m.start())) >= 0])
        found = list(re.finditer(r"[^\s،,:؛«»()]+", text[m.start() : end]))
        tokens = [t.group() for t in found]
        k = title_length(tokens)
        if k is not None and k > 1:
            out.append((m.start(), text[m.start() : m.start() + found[k - 1].end()]))
    return out


def _named_earlier(tokens: list[str], before: str) -> bool:
    """Whether ``before`` introduced these words as an official's name: a full name (or a surname after a
    given name) followed by a title («علی مرادی شهردار بیرجند», «علی مرادی، شهردار ...»)."""
    if not tokens or not all(name_like(t) for t in tokens):
        return False
    given = r"[^\s،,.:]+ " if len(tokens) == 1 else ""
    name = re.escape(" ".join(tokens))
    pattern = rf"(?<![\w\u200c]){given}{name}\s*[،,]?\s*(?P<next>[^\s،,]+(?: [^\s،,]+)?)"
    return any(role_head(m["next"].split()) for m in re.finditer(pattern, before))


def title_length(tokens: list[str]) -> int | None:
    """How many words a title takes: up to the city after its last place word, or «این سازمان»."""
    if len(tokens) > 2 and tokens[0] in _BARE_OFFICES and tokens[1] in THIS_WORDS:
        # «به گفته شهردار این پروژه ...»: a bare office of the article's city is whole on its own and
        # «این» opens what was said; «شهردار این شهر» is the office of the city named before
        return None if org_head(tokens[2]) or tokens[2] in _PLACE_TAKERS or tokens[2] in _PLACES else 1
    for i, tok in enumerate(tokens[:14]):
        if i and tok in THIS_WORDS and i + 1 < len(tokens):  # «مدیرعامل این سازمان», not «شهردار این پروژه»
            return i + 2 if org_head(tokens[i + 1]) or tokens[i + 1] in _PLACE_TAKERS else None
        if tok not in _PLACE_TAKERS:
            continue
        j = i + 1
        if tok == "شهر" and j + 1 < len(tokens) and tokens[j] == "جدید":  # «شهر جدید هشتگرد» is one name
            j += 1
        while j + 1 < len(tokens) and tokens[j] in SUBDIVISIONS:  # «شهردار منطقه ۳ کرج»
            j += 2
        if j < len(tokens) and tokens[j] not in _PLACE_TAKERS and name_like(tokens[j]):
            return j + place_length(tokens[j:])
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


# Places an office is «of» («دهیار این روستا», «فرماندار این شهرستان»): after «این» they end the title
_PLACES = ("روستا", "شهرستان", "منطقه", "ناحیه", "بخش", "کلانشهر", "کلان‌شهر", "شهرک", "دهستان", "محله")
