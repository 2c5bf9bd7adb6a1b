"""Titles the narrative gives people («X، شهردار ...», «X به عنوان سرپرست ... منصوب شد») and how a title is
shortened later («مدیرعامل مترو» for «مدیرعامل شرکت بهره‌برداری متروی تهران»).
"""

from __future__ import annotations

import re

from goftar.model import Entity, Speaker
from nlp.speaker_phrases import speaker_phrase
from nlp.speaker_subjects import title_length
from nlp.speaker_words import SUBDIVISIONS, district_digits, full_name, name_like, role_head

# Between a name and its title in the narrative («X، شهردار ...», «X به عنوان سرپرست ... منصوب شد»)
_APPOSED = ("", "،", ",", "-", "–", "به عنوان", "به\u200cعنوان")
# A title its holder no longer holds: «شهردار سابق کرمان، رضا نوروزی»
FORMER = ("سابق", "پیشین", "اسبق", "قبلی")


# «کیوان صالحی به عنوان شهردار جدید سنندج معرفی شد»: the narrative names who holds a title
_APPOINTED = re.compile(
    r"(?<![\w\u200c])به[ \u200c]عنوان\s+(?P<title>[^،,.:!؟«»\n]{3,60}?)\s+"
    r"(?:منصوب|معرفی|انتخاب|برگزیده|تعیین)[ \u200c]+(?:شد|شدند|گردید|گردیدند)(?![\w\u200c])"
)


def and_another(text: str, at: int, end: int, head: str | None = None) -> bool:
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


def name_before(text: str) -> str | None:
    """The full name that ends ``text`` («با حکم شهردار، کیوان صالحی» -> «کیوان صالحی»), or ``None``."""
    tokens = re.split(r"[،,:؛«»\-–—]", text)[-1].split()
    k = len(tokens)
    while k > 0 and len(tokens) - k < 4 and name_like(tokens[k - 1]) and not role_head(tokens[k - 1 : k]):
        k -= 1
    name = " ".join(tokens[k:])
    return name if full_name(name) else None


def shortens(role: str, long: list[str]) -> bool:
    """«مدیرعامل مترو» shortens «مدیرعامل شرکت بهره‌برداری متروی تهران»: two words or more, the same head,
    every other word the start of a word of the full title."""
    short = district_digits(role).replace("\u200c", " ").split()
    if len(short) < 2 or not long or short[0] != long[0] or len(short) > len(long):
        return False
    if any(w in FORMER and w not in short for w in long):
        return False  # «شهردار رشت» is the one in office, not «شهردار سابق رشت» shortened
    # «شهردار کرج» is not «شهردار منطقه ۳ کرج» shortened, nor «شهردار منطقه ۱۷» «شهردار ناحیه ۲ منطقه ۱۷»:
    # leaving out the district but keeping a word after it names a different office, the city's (or the
    # larger district's); «معاون فنی» keeps none and shortens «معاون فنی شهرداری منطقه ۳ تبریز»
    cut = next((k for k, w in enumerate(long) if w in SUBDIVISIONS and w not in short), None)
    if cut is not None and any(any(w.startswith(t) for w in long[cut:]) for t in short[1:]):
        return False
    return all(any(w.startswith(t) for w in long[1:]) for t in short[1:])


def narrative_titles(text: str, entities: list[Entity], before: int) -> list[tuple[Speaker, str]]:
    """(person, title) pairs the text before ``before`` sets side by side: entities joined by a comma, a
    dash or nothing; a sentence that opens with «NAME، TITLE» or «TITLE، NAME،»; «NAME به عنوان TITLE
    منصوب شد». The two last catch what the entity model missed."""
    pairs = _entity_titles(text, entities, before)
    for m in re.finditer(r"[^.!؟\n]+", text[:before]):
        pairs.extend(_apposed_pairs(text, m.start(), m.end()))
        pairs.extend(_joined_holders(text, m.start(), m.end()))
        for appointed in _APPOINTED.finditer(text, m.start(), m.end()):
            holder = name_before(text[m.start() : appointed.start()])
            if holder:
                pairs.append((Speaker(text=holder, kind="person"), appointed["title"]))
    return pairs


def _apposed_pairs(text: str, start: int, end: int) -> list[tuple[Speaker, str]]:
    """«NAME، TITLE» opening the sentence ``start:end``, and each «و NAME، TITLE» joined to it («احمد
    کریمی، شهردار بروجرد، و رضا امینی، رئیس شورای شهر بروجرد، بازدید کردند»). A title whose head another
    of them shares is left out: which of the two a later «شهردار» means is not said."""
    pairs: list[tuple[Speaker, str]] = []
    heads: list[str] = []
    pos = start
    for _ in range(4):
        found = speaker_phrase(text, pos, end)
        if found is None or found[2] is None or not full_name(text[found[0] : found[1]]):
            break
        title = text[found[2][0] : found[2][1]]
        after = max(found[1], found[2][1])
        if not and_another(text, after, end, title.split()[0]) and title.split()[0] not in heads:
            pairs.append((Speaker(text=text[found[0] : found[1]], kind="person"), title))
        heads.append(title.split()[0])
        joined = re.match(r"\s*[،,]?\s*و\s+", text[after:end])
        if joined is None:
            break
        pos = after + joined.end()
    return pairs


def _joined_holders(text: str, start: int, end: int) -> list[tuple[Speaker, str]]:
    """«علی رضایی شهردار ساری و محمد کریمی شهردار بابل از ... بازدید کردند»: two holders or more, each name
    followed by its title with no comma, joined by «و», opening the sentence ``start:end``. Each title ends
    at its place (the «و» after it joins the next holder, it is no part of the title); one holder alone is
    left to the other readings."""
    found = speaker_phrase(text, start, end)
    if found is None:
        return []
    tokens = text[found[0] : end].replace("،", " ").split()
    pairs: list[tuple[Speaker, str]] = []
    k = 0
    while k < len(tokens):
        n = _titled_name_length(tokens, k)
        length = title_length(tokens[k + n :]) if n else None
        if not n or not length:
            break
        person = Speaker(text=" ".join(tokens[k : k + n]), kind="person")
        pairs.append((person, " ".join(tokens[k + n : k + n + length])))
        k += n + length
        if k >= len(tokens) or tokens[k] != "و":
            break
        k += 1
    return pairs if len(pairs) > 1 else []


def _titled_name_length(tokens: list[str], k: int) -> int | None:
    """How many words of a full name open ``tokens[k:]`` with a title right after them; the normaliser may
    glue a name's parts with a ZWNJ («علی‌اکبری»), one word then."""
    for n in (3, 2, 1):
        name = " ".join(tokens[k : k + n]).replace("\u200c", " ")
        if full_name(name) and role_head(tokens[k + n : k + n + 2]):
            return n
    return None


def _entity_titles(text: str, entities: list[Entity], before: int) -> list[tuple[Speaker, str]]:
    """(person, title) from a person and a title entity next to each other before ``before``."""
    ents = sorted(
        (e for e in entities if e.end <= before and e.label in ("PER", "ROLE")),
        key=lambda e: e.start,
    )
    pairs: list[tuple[Speaker, str]] = []
    for a, b in zip(ents, ents[1:], strict=False):
        if a.label == b.label or b.start < a.end or text[a.end : b.start].strip() not in _APPOSED:
            continue
        if and_another(text, b.end, before, (b if a.label == "PER" else a).text.split()[0]):
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


def model_titles(text: str, entities: list[Entity], head: str, before: int) -> list[tuple[int, str]]:
    """(start, title) of titles headed by ``head`` the entity model found before ``before`` with no place
    after a place word to end them («وزیر کشور», «مدیرعامل» before the organisation «سازمان آتش‌نشانی کرج»):
    what a bare «وزیر» or «مدیرعامل» later may stand for. Never a former holder's."""
    out = []
    for ent in entities:
        if ent.end > before:
            continue
        if ent.label == "ROLE" and len(ent.text.split()) > 1 and ent.text.split()[0] == head:
            out.append((ent.start, ent.text))
        elif ent.label == "ORG" and re.search(rf"(?<![\w\u200c]){re.escape(head)}\s+$", text[: ent.start]):
            at = text.rfind(head, 0, ent.start)
            out.append((at, text[at : ent.end]))
    return [(at, t) for at, t in sorted(out) if not any(f in t.split() for f in FORMER)]
