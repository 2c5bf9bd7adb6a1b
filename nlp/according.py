"""«به گفته X، ...», «طبق اعلام X، ...», «به نقل از روابط عمومی X، ...»: phrases that name who said the
rest of a sentence before it, with or without a comma after the speaker (``opinion``), and the issuer of an
announcement (``issuer_in``). The statement finder (``nlp.statements``) turns these spans into statements.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nlp.speaker_subjects import subject_end
from nlp.speaker_words import ACCORDING_WORDS, full_name, org_head, role_head, words


class Said(NamedTuple):
    """What was said (``start:end``) and the span of who said it."""

    start: int
    end: int
    speaker_start: int
    speaker_end: int


# «به گفته X، ...», and its synonyms of opinion («به اعتقاد X، شهرداری باید ...»)
ACCORDING = re.compile(rf"{ACCORDING_WORDS}[ \u200c](?P<who>[^،,]{{2,60}}?)\s*[،,]\s*")
# «طبق اعلام سازمان ...، ...», «براساس اطلاعیه شهرداری منطقه ۷، ...», «به اعلام پلیس راهور، ...»: what the
# organisation announced, as «به گفته X، ...» is what X said.
_ANNOUNCED_WORDS = (
    r"(?:طبق|مطابق|بر[ \u200c]?اساس|بر[ \u200c]پایه|بنا[ \u200c]?بر|به[ \u200c]موجب|به)[ \u200c]"
    r"(?:اعلام|اطلاعیه|اعلامیه|بیانیه)(?:[ \u200c]?ی)?"
)
ANNOUNCED = re.compile(rf"{_ANNOUNCED_WORDS}[ \u200c](?P<who>[^،,]{{2,60}}?)\s*[،,]\s*")
# «به گزارش ایسنا به نقل از روابط عمومی شهرداری بابل، ...» with no speaker clause after it: the office
# quoted says the rest, not the agency (the office must open with an organisation word, see ``opinion``).
QUOTED_OFFICE = re.compile(
    r"(?:به[ \u200c]گزارش[ \u200c][^،,:.!؟«»]{1,40}?\s+(?:و\s+)?)?به[ \u200c]نقل[ \u200c]از[ \u200c]"
    r"(?P<who>[^،,:.!؟«»]{2,70}?)\s*[،,]\s*"
)


def opinion(text: str, s: int, e: int) -> Said | None:
    """«به گفته X، ...», «طبق اعلام X، ...», «به نقل از روابط عمومی X، ...» at ``s``: X said the rest."""
    bare = _according_bare(text, s, e)
    for pattern in (ACCORDING, ANNOUNCED, QUOTED_OFFICE):
        m = pattern.match(text, s, e)
        if m is None or m.end() >= e:
            continue
        if pattern is QUOTED_OFFICE and not org_head(m["who"].split()[0]):
            continue  # «به نقل از ایسنا»: an agency passes the news on, it does not say it
        if pattern is not QUOTED_OFFICE and bare is not None and _runs_past_subject(text, bare, m.end("who")):
            return bare
        who = issuer_in(text, m.start("who"), m.end("who")) if pattern is ANNOUNCED else m.span("who")
        if who is not None:
            named = _name_after_title(text, m, e)
            if named is not None:  # «بنا بر اعلام مدیرعامل ...، محمد جعفری، ...»: the name speaks
                return Said(named[1], e, who[0], named[0])
            return Said(m.end(), e, *who)
    return bare


# «به گفته» and its synonyms with no comma after who said it: «به گفته وی ۴۰ دستگاه ... مستقر می‌شوند»
ACCORDING_HEAD = re.compile(rf"(?:{ACCORDING_WORDS}|{_ANNOUNCED_WORDS})[ \u200c]+(?=[^\s،,])")


def _according_bare(text: str, s: int, e: int) -> Said | None:
    m = ACCORDING_HEAD.match(text, s, e)
    if m is None:
        return None
    who_end = subject_end(text, m.end(), e)
    if who_end is None:
        return None
    rest = re.match(r"\s*[،,]?\s*", text[who_end:e])
    start = who_end + (rest.end() if rest else 0)
    return Said(start, e, m.end(), who_end) if len(text[start:e].split()) >= 3 else None


def _runs_past_subject(text: str, bare: Said, comma_who_end: int) -> bool:
    """Whether the words before the comma run on past the subject into what was said («به گفته وی ۴۰
    دستگاه ...، ...»), not into an adverbial of the speaker's («به گفته شهردار در جلسه امروز، ...»)."""
    if bare.speaker_end is None or comma_who_end <= bare.speaker_end:
        return False
    after = text[bare.speaker_end : comma_who_end].split()
    return bool(after) and after[0] not in words()["boundaries"]


# «بنا بر اعلام مدیرعامل شرکت قطار شهری شیراز، محمد جعفری، ...»: the title's holder named after it
_NAME_THEN_COMMA = re.compile(r"(?P<name>[^،,:.!؟«»\n]{4,40}?)\s*[،,]\s*")


def _name_after_title(text: str, m: re.Match[str], e: int) -> tuple[int, int] | None:
    """(end of the name, start of what was said) when a name follows the title that ``m`` took as who."""
    if not role_head(m["who"].split()):
        return None
    n = _NAME_THEN_COMMA.match(text, m.end(), e)
    if n is None or n.end() >= e or not full_name(n["name"]):
        return None
    if any(t in words()["public"] or t == "مردم" for t in n["name"].split()):
        return None
    return n.end("name"), n.end()


# «بر اساس اطلاعیه‌ای که شهرداری کرج منتشر کرد، ...»: the issuer is the subject of the relative clause
_ISSUED = re.compile(
    r"ای\s+که\s+(?P<who>[^،,]{2,60}?)\s+(?:منتشر|صادر)[ \u200c]*(?:کرد|کرده[ \u200c]+است|کرده|نمود)\s*$"
)


def issuer_in(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of who issued an announcement in ``text[s:e]`` («طبق اعلام X، ...», «در بیانیه X آمده است»):
    from its first title or organisation word («بیانیه ۱۵ ماده‌ای شورا» -> «شورا»), ``None`` when it has
    none («طبق اعلام قبلی»، «بر اساس اعلام رسمی»، «در بیانیه پایانی همایش»)."""
    issued = _ISSUED.match(text, s, e)
    if issued:
        s, e = issued.span("who")
    for m in re.finditer(r"[^\s]+", text[s:e]):
        tok = m.group()
        if org_head(tok) or tok in words()["role_heads"] or tok in words()["pronouns"]:
            return s + m.start(), e
        if tok in ("این", "همین"):  # «طبق اعلام این سازمان»: resolved to the organisation named before
            return s + m.start(), e
    return None
