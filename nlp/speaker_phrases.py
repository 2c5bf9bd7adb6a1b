"""Cut the speaker phrase out of a speaker clause (``speaker_phrase``): past a dateline, an attribution,
a time or a place that opens it, up to where the subject ends, with the title set beside it by a comma.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.speaker_words import (
    THIS_WORDS,
    anonymous,
    full_name,
    name_like,
    role_head,
    takes_partitive,
    title_at,
    words,
)

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


# A clock time or a date stamp is when, never who: «ساعت ۱۰:۳۰»، «در ساعت 9:30»، «۲ آذر ۱۴۰۵ - ۱۰:۳۰».
# Its colon split the phrase («ساعت ۱۰» came out as the speaker); a stamp glued to a headline before the
# speaker («نوسازی مدارس ۲ آذر ۱۴۰۵ - ۱۰:۳۰ علی کریمی ...») made the headline the speaker.
_MONTHS = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
STAMP = re.compile(
    rf"(?:(?:در )?ساعت (?:{_CLOCK}|\d{{1,2}})(?![\w:])"
    rf"|(?:\d{{1,2}} (?:{_MONTHS}) \d{{2,4}}(?:\s*[-–—،,]\s*|\s+)?)?{_CLOCK}(?![\w:])"
    rf"|\d{{1,2}} (?:{_MONTHS}) \d{{4}}(?!\w))\s*(?:[-–—،,]\s*)?"
)


def _past_stamp(text: str, s: int, e: int) -> int | None:
    """Past a time stamp that opens ``text[s:e]``, or that closes a headline glued before the speaker."""
    m = STAMP.match(text, s, e)
    if m and m.end() < e:
        return m.end()
    for m in STAMP.finditer(text, s, e):
        after = text[m.end() : e].split()
        # «... - ۱۰:۳۰ حسن رضایی و مریم احمدی، اعضای ...»: a full name opens the subject
        named = full_name(" ".join(after[:2]).strip("،,"))
        if m.start() > s and (named or _speaker_follows(after, named=True)):
            return m.end()
    return None


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


# Where, as a city with «نیز» / «هم» and no comma: «در شهر خمین نیز شهردار گفت», «در بابل هم معاون ...»
_LEADING_CITY = re.compile(
    r"در (?:(?:(?:کلان[ \u200c]?)?شهر|شهرستان|استان) )?"
    r"[^\s،,:«»]+(?: [^\s،,:«»]+)? (?:نیز|هم)(?![\w\u200c])\s*"
)


def _skip_prefixes(text: str, s: int, e: int) -> int:
    w = words()
    while s < e and not (text[s].isalpha() or text[s] == "«"):
        s += 1
    m = _DATELINE.match(text[s:e])
    if m:
        s += m.end()
    for _ in range(4):  # attribution, a leading adverbial, a time, a discourse word: in any order
        clause = text[s:e]
        if (stamp := _past_stamp(text, s, e)) is not None:
            s = stamp
            continue
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
        # before the place: «در ادامه جلسه سپس علی نادری گفت» would leave «جلسه» as the speaker
        if (then := _sequenced(text, s, e)) is not None:
            s = then
            continue
        when = _LEADING_PLACE.match(text, s, e)
        if when and when.end() < e:
            s = when.end()
            continue
        city = _LEADING_CITY.match(text, s, e)
        if city and _speaker_follows(text[city.end() : e].split()):
            s = city.end()
            continue
        break
    return s


# Words that say in which order the speakers of a meeting spoke: the subject comes right after them
_SEQUENCE = ("ابتدا", "نخست", "سپس", "آنگاه")


def _sequenced(text: str, s: int, e: int) -> int | None:
    """«در نشست شورای اداری شهرستان نخست مجید رحمتی فرماندار بهبهان گفت»: an adverbial of place with no
    comma, then a word of order and the speaker; where the speaker begins, or ``None``."""
    if not text.startswith("در ", s):
        return None
    for k, m in enumerate(re.finditer(r"\S+", text[s:e])):
        if k > 10 or any(ch in "،,؛:" for ch in m.group()):
            return None
        if m.group() in _SEQUENCE and _speaker_follows(text[s + m.end() : e].split(), named=True):
            return s + m.end() + len(text[s + m.end() : e]) - len(text[s + m.end() : e].lstrip())
    return None


def joint_parts(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The speakers of a phrase that names two or more, each a title or a name with its title, joined by «و»
    («شهردار کاشان و شهردار آران و بیدگل», «علی رضایی شهردار ساری و محمد کریمی شهردار بابل»): their spans,
    or ``None`` when the phrase is one speaker (a place or a body with «و» in its name: «آران و بیدگل»,
    «معاون شهرسازی و معماری»). Only for the subject of a plural verb («گفتند»): one holder of two titles
    says «گفت»."""
    tokens = [(m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    said = [t[0] for t in tokens]
    if not _speaker_follows(said):
        return _names_joined(said, tokens)
    cuts = [
        k
        for k, w in enumerate(said)
        if w == "و" and 0 < k < len(said) - 1 and _speaker_follows(said[k + 1 :]) and not _shared(said, k)
    ]
    if not cuts:
        return None
    parts, first = [], 0
    for k in [*cuts, len(said)]:
        parts.append((tokens[first][1], tokens[k - 1][2]))
        first = k + 1
    return parts


def pronoun_joined(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """«وی و رئیس شورای شهر ساری اعلام کردند»: the one «وی» points at and the title after «و», each a speaker
    of the plural verb (their spans); ``None`` when ``text[start:end]`` opens with no pronoun so joined."""
    m = re.match(r"(وی|او|ایشان) و ", text[start:end])
    rest = speaker_phrase(text, start + m.end(), end) if m else None
    if m is None or rest is None or not role_head(text[rest[0] : rest[1]].split()[:2]):
        return None
    return [(start, start + len(m.group(1))), (rest[0], rest[1])]


def _names_joined(said: list[str], tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]] | None:
    """«علی رحیمی و حسن کاظمی اعضای شورای شهر کرمان گفتند»: two names before the title they share, each a
    speaker (the spans of the names). Two full names alone are two too («علی کریمی و سارا محمدی گفتند»,
    their title set off by commas or not given); one word each may be a place («آران و بیدگل»)."""
    if "و" not in said:
        return None
    k = said.index("و")
    title = next((j for j in range(k + 2, len(said)) if title_at(said, j)), None)
    names = [said[:k], said[k + 1 : title]]
    if not all(1 <= len(n) <= 4 and all(name_like(t) for t in n) for n in names):
        return None
    if title is None and not all(full_name(" ".join(n)) for n in names):
        return None
    return [(tokens[0][1], tokens[k - 1][2]), (tokens[k + 1][1], tokens[(title or len(said)) - 1][2])]


def _shared(said: list[str], k: int) -> bool:
    """Whether the «و» at ``k`` joins two titles that share what follows, not two speakers: the part before
    it is a title's head alone and a title, not a name, comes after it: «رئیس و اعضای شورای شهر ساری» (the
    council's head, not another «رئیس» who spoke before), «علی موسوی امام جمعه و رئیس شورای فرهنگ عمومی
    شهرستان نور» (one holder of two titles, the plural verb one of respect). «احمد نظری شهردار و سعید رضوی
    رئیس شورای شهر کاشان» are two."""
    return _bare_head(said[:k]) and role_head(said[k + 1 : k + 3])


def _bare_head(tokens: list[str]) -> bool:
    """Whether the title of ``tokens`` is its head alone («رئیس», «علی موسوی امام جمعه»)."""
    # a two-word head may close the part here («... امام جمعه و ...»), which ``title_at`` does not take
    at = next((k for k in range(len(tokens)) if role_head(tokens[k : k + 2])), None)
    if at is None:
        return False
    title = tokens[at:]
    apart = len(title) == 2 and title[0] not in words()["role_heads"] and role_head(title)  # «امام جمعه»
    return len(title) == 1 or apart


def _speaker_follows(tokens: list[str], named: bool = False) -> bool:
    """Whether a title, or a name with its title («حسن قربانی شهردار این شهر»), opens ``tokens``: after «در
    بابل نیز» they are the speaker, not more of the place. With ``named`` a name alone that is all of
    ``tokens`` is one too («سپس علی نادری گفت»: after a word of order the subject is all that is left)."""
    if role_head(tokens[:2]):
        return True
    if named and 2 <= len(tokens) <= 4 and all(name_like(t) for t in tokens):
        return True
    return any(
        all(name_like(t) for t in tokens[:k]) and title_at(tokens, k) for k in range(2, min(5, len(tokens)))
    )


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
    named = place is not None and full_name(text[place.end() : s + comma.start()])
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
    if (k := anaphor_length([t[0] for t in tokens])) is not None:
        return tokens[0][1], tokens[k - 1][2], None
    if len(tokens) > 1 and tokens[0][0] in THIS_WORDS and tokens[1][0] in w["public"]:
        # «این کاسب گفت», «این شهروند افزود»: one of the public the report spoke to, not an official «وی»
        return tokens[0][1], tokens[1][2], None
    np_end, i, cap = None, 0, 10
    while i < len(tokens) and i < cap:
        tok = tokens[i][0]
        if i and (_LEADING_TIME.match(text, tokens[i][1], end) or STAMP.match(text, tokens[i][1], end)):
            break  # «شهردار هفته گذشته هم گفته بود»: the time after the subject ends it
        if _this_org(tokens, i):  # «مدیرعامل این سازمان»: the demonstrative and its noun end the title
            np_end, i = tokens[i + 1][2], i + 2
            break
        partitive = tok == "از" and takes_partitive([t[0] for t in tokens[:i]])  # «یکی از ساکنان محله»
        if tok in "،," and _comma_in_title(tokens, i):
            np_end, i, cap = tokens[i][2], i + 1, 18  # a long official name
            continue
        if tok == "و" and role_head([t[0] for t in tokens[i + 1 : i + 3]]):
            cap = max(cap, i + 10)  # «مدیرعامل سازمان ... و مدیرعامل سازمان ... شهرداری کرمانشاه»: two titles
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


# Spoken «در» in informal posts: «شهردار بوشهر تو لایو اینستاگرام گفت»
_SPOKEN_BOUNDARIES = ("تو", "توی")


# «این مقام مسئول», «این مسئول شهری»: words that may follow the head of a definite description
_ANAPHOR_MODIFIERS = ("مسئول", "ارشد", "شهری", "محلی", "استانی", "دولتی")


def anaphor_length(tokens: list[str]) -> int | None:
    """How many words open ``tokens`` with a definite description that points back as «وی» does («این مقام
    مسئول گفت», «این مدیر افزود», «این مسئول»); news uses it for the official just named, never for an
    organisation. ``None`` when the phrase does not open with one."""
    w = words()
    if len(tokens) < 2 or tokens[0] not in THIS_WORDS:
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
    return anaphor_length(tokens) == len(tokens)


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
    if anonymous([t[0] for t in tokens]) and tokens[i + 1][0] in w["org_heads"]:
        return True
    heads = _title_in().get(tokens[i + 1][0])
    if heads is None:
        return False
    first = [t[0] for t in tokens[:2]]
    # «قائم مقام شهردار» (a ZWNJ head written with a space) is the head «قائم‌مقام»
    return role_head(first) if not heads else first[0] in heads or "\u200c".join(first) in heads


def _title_in() -> dict[str, list[str]]:
    """The one table among the word lists: the word after «در» -> the title heads it goes on for."""
    table: Any = words()["title_in"]
    return {str(k): list(v) for k, v in table.items()}


def _this_org(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """«رئیس این کمیسیون», «شهردار این شهر»: a title that points back at an organisation named before."""
    w = words()
    return (
        0 < i < len(tokens) - 1
        and tokens[i][0] in THIS_WORDS
        and tokens[0][0] in w["role_heads"]
        and tokens[i + 1][0] not in "،,؛:"
        and tokens[i + 1][0] not in w["boundaries"]
        # «سخنگوی شهرداری کرج این خبر را تکذیب کرد و گفت»: «این خبر» is the object of another verb
        and (i + 2 >= len(tokens) or tokens[i + 2][0] != "را")
    )


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
