"""Clauses that change what a sentence's cue means: the speaker's own clause after what outsiders say, a
meeting notice, a pledge that binds the speaker's own office, and a verbless bullet or headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from goftar.model import Deadline, Speaker
from nlp.commitment_cues import TOKEN, VERB_END, Cue, alternation, cue_config, cue_words, squeeze
from nlp.commitment_forecasts import clause_start
from nlp.commitment_history import given_long_ago
from nlp.commitment_present import OPPORTUNITY
from nlp.speakers import words

__all__ = [
    "NEXT_CLAUSE",
    "extended_grace",
    "grace_for_others",
    "jussive",
    "meeting_notice",
    "own_clause_at",
    "own_pledge",
    "verbless",
]


# After what experts or the public say, a clause of the speaker's own: «کارشناسان معتقدند ترافیک ... بیشتر
# می‌شود، اما شورا تا پایان دی ... تصویب می‌کند», «به گفته کارشناسان، ...؛ بنابراین آرامستان جدید ... احداث
# خواهد شد», «... و ما تا پایان هفته ... تمام می‌کنیم».
_OWN_CLAUSE = re.compile(
    r"(?:[،,؛]\s*|\s+و\s+)(?=(?:اما|ولی|لیکن|با[ \u200c]این[ \u200c]حال|بنابراین|به[ \u200c]همین[ \u200c]دلیل"
    r"|از[ \u200c]این[ \u200c]رو|لذا|ما)(?![\w\u200c]))"
)


def own_clause_at(sentence: str, cue: Cue, speaker: Speaker | None) -> int | None:
    """Where the speaker's own clause starts after the outsiders' one that holds ``cue`` (see
    ``_OWN_CLAUSE``), or ``None``."""
    m = _OWN_CLAUSE.search(sentence, cue.end)
    if m is None or (speaker is None and sentence.startswith("ما", m.end())):
        return None  # with no speaker, «... و ما ...» goes on with the public who spoke
    return m.end()


# A meeting notice with a verb (GUIDE; ``meeting_held`` in the cue file): a clause that opens with a meeting,
# a session or a ceremony and whose deed is that it is held. A day («فردا ساعت ۱۰», «روز شنبه») says when it
# takes place; a bound («تا پایان هفته جلسه‌ای ... برگزار می‌شود») is what the speaker undertakes, so stays one.
_HELD_WORDS = cue_words()["meeting_held"]
_MEETING = re.compile(rf"(?:[^\s،,]+[ \u200c]+)?(?:{alternation(_HELD_WORDS['meetings'])})(?![\w\u200c])")
_WORK = re.compile(rf"(?<![\w\u200c])(?:{alternation(_HELD_WORDS['works'])})(?![\w\u200c])")
_HELD = re.compile(
    r"(?<![\w\u200c])برگزار[ \u200c]+(?:ن?می[ \u200c]?(?:شود|شوند|گردد|گردند|کنیم|کند|کنند)|خواهد|خواهند"
    r"|خواهیم|شود|شوند|گردد)(?![\w\u200c])"
)
NEXT_CLAUSE = re.compile(r"[\s،,؛]*(?:و[ \u200c]+)?")


def meeting_notice(clause: str, dated: Sequence[Deadline]) -> bool:
    held = _HELD.search(clause)
    if held is None or any(d.kind in ("by", "within") for d in dated):
        return False
    return _MEETING.match(clause) is not None and _WORK.search(clause) is None


# «شهرداری متعهد است تا ...» is what binds the municipality: a demand when the council or a governor says it,
# the municipality's own pledge (``commit``) when it or its official does («شهردار کرمان», «معاون خدمات شهری
# شهرداری»): the office named is the speaker's (its name, or the office of the title, is in the speaker's).
_THIRD_PLEDGE = re.compile(r"متعهد[ \u200c](?:است|هستند|می[ \u200c]?شود|می[ \u200c]?شوند)")


def own_pledge(sentence: str, cue: Cue, speaker: Speaker | None, role: str) -> bool:
    if (
        speaker is None
        or cue.polarity != "demand"
        or not _THIRD_PLEDGE.fullmatch(sentence[cue.start : cue.end])
    ):
        return False
    subject = sentence[clause_start(sentence, cue.start) : cue.start].split()[:2]
    if not subject or subject[0] not in words()["org_heads"]:
        return False
    who = " ".join([speaker.text, speaker.display, role]).replace("\u200c", " ")
    # «شهرداری کرمان» is «شهردار کرمان»'s office, «شورای شهر» the «رئیس شورای شهر»'s
    return all(w.removesuffix("ی").replace("\u200c", " ") in who for w in subject)


# A deadline an office sets for others, told as a fact: «مهلت ثبت نام ... تا جمعه است», «مهلت پیمانکاران برای
# ... تا ۲۰ آذر است», «مهلت استفاده از تخفیف ... پنجشنبه به پایان می‌رسد». The grace names what the public,
# owners or contractors must do by then: a demand, as «شهروندان تا پایان آذر فرصت دارند ...» is. The clause
# opens with the grace (past «آخرین», «همچنین», ...); its verb states it or says when it ends. A grace of the
# speaker's own («مهلت ما برای تکمیل پل ...») is what they undertake, and stays a commitment; «نوروز فرصت خوبی
# برای ... است» is an opportunity, no grace.
_GRACE_LEAD = r"آخرین|همچنین|نیز|ضمنا|ضمناً|البته|اما|ولی|و"
_GRACE_HEAD = re.compile(
    rf"(?:(?:{_GRACE_LEAD})[ \u200c]+){{0,2}}(?:مهلت|فرصت)(?![\w\u200c])"
    rf"(?![ \u200c]+(?:{OPPORTUNITY})(?:ی|[ \u200c]?ای)?(?![\w\u200c]))"
)
_OWN_GRACE = re.compile(r"(?:مهلت|فرصت)[ \u200c]*(?:ما|مان|خودمان|خود[ \u200c]ما)(?![\w\u200c])")
_GRACE_VERB = re.compile(
    r"(?:(?<![\w\u200c])است|خواهد[ \u200c]+بود|تمدید[ \u200c]+(?:ن?می[ \u200c]?شود|خواهد[ \u200c]+شد)"
    r"|(?:به[ \u200c]+(?:پایان|اتمام)|پایان|خاتمه|تمام)[ \u200c]+"
    r"(?:ن?می[ \u200c]?\w+|خواهد[ \u200c]+\w+))\s*$"
)


def grace_for_others(sentence: str, cue: Cue, speaker: Speaker | None = None, role: str = "") -> bool:
    """Whether ``cue`` (a ``commit``) states a period of grace given to others (see ``_GRACE_HEAD``): its
    clause opens with the grace and ends in a verb that states it or its end."""
    if cue.polarity != "commit" or cue.negated:
        return False
    start = clause_start(sentence, cue.start)
    start += len(sentence[start:]) - len(sentence[start:].lstrip())
    end = _CLAUSE_BREAK.search(sentence, cue.end)
    clause = sentence[start : end.start() if end else len(sentence)]
    if _GRACE_HEAD.match(clause) is None or _GRACE_VERB.search(clause) is None:
        return False
    return _OWN_GRACE.search(clause) is None and not _office_grace(clause, speaker, role)


# «مهلت این سازمان برای کاشت ...», and «مهلت شهرداری برای تحویل پروژه ...» from «شهردار بندرعباس» or an
# official of the municipality: the grace of the speaker's own office is what it undertakes (a commitment);
# from «رئیس شورای شهر» it is what the council gives the municipality (a demand).
_GRACE_OWNER = re.compile(r"(?:مهلت|فرصت)[ \u200c]+(?P<this>(?:این|همین)[ \u200c]+)?(?P<owner>[^،,؛:.!؟]*)")
_OWNER_END = frozenset({"برای", "جهت", "در", "تا", "به", "از", "که", "را"})


def _office_grace(clause: str, speaker: Speaker | None, role: str) -> bool:
    m = _GRACE_OWNER.search(clause)
    if m is None:
        return False
    owner: list[str] = []
    for w in m["owner"].split():
        if w in _OWNER_END:
            break
        owner.append(w)
    if owner and not m["this"] and _WORK_GRACE.fullmatch(owner[0]):
        return _works_office(clause, speaker, role)
    if not owner or owner[0] not in words()["org_heads"]:
        return False
    if m["this"]:
        return True  # «مهلت این سازمان»: the office the speaker heads
    if speaker is None:
        return False
    who = " ".join([speaker.text, speaker.display, role]).replace("\u200c", " ")
    return all(w.removesuffix("ی").replace("\u200c", " ") in who for w in owner[:2])


# «مهلت تکمیل پروژه پل طبیعت تا پایان سال است» from the mayor: the grace of a work his office does, with no
# other party named (not «مهلت پیمانکاران ...», «... توسط پیمانکار»); the council or the governor who says it
# gives the municipality that grace (a demand, as «مهلت شهرداری برای ...» from them).
_OWN_GRACE_WORDS = cue_words()["own_grace"]
_WORK_GRACE = re.compile(alternation(_OWN_GRACE_WORDS["deeds"]))
_OTHER_PARTY = re.compile(rf"(?<![\w\u200c])(?:{alternation(_OWN_GRACE_WORDS['others'])})(?![\w\u200c])")
_EXECUTIVE = re.compile(rf"(?<![\w\u200c])(?:{alternation(_OWN_GRACE_WORDS['offices'])})(?![\w\u200c])")
_NOT_EXECUTIVE = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(_OWN_GRACE_WORDS['not_offices'])})(?![\w\u200c])"
)


def _works_office(clause: str, speaker: Speaker | None, role: str) -> bool:
    if speaker is None or _OTHER_PARTY.search(clause):
        return False
    who = " ".join([speaker.text, speaker.display, role])
    return _EXECUTIVE.search(who) is not None and _NOT_EXECUTIVE.search(who) is None


_CLAUSE_BREAK = re.compile(r"[.،,؛!؟?\n]|\s+و\s+")

# «مهلت ثبت نام تا ۱۵ دی تمدید شد»: an extension told in the past sets the new deadline, still ahead, for the
# public; the past verb reports the notice, not a deed done (with no bound ahead it is one: «... تمدید شد»).
_EXTENDED = re.compile(r"تمدید[ \u200c]+(?:شد|گردید|شده[ \u200c]+است|گردیده[ \u200c]+است)(?![\w\u200c])")
_EXTENDED_CONFIDENCE = 0.6


def extended_grace(sentence: str, bounds: Sequence[tuple[int, int]]) -> Cue | None:
    """The cue of a period of grace extended to a bound still ahead (see ``_EXTENDED``) or given with one
    (see ``_GIVEN``), or ``None``."""
    if given_long_ago(sentence):
        return None  # «سال گذشته مهلت ... تا ۱۵ دی تمدید شد»: last year's notice
    for m in _EXTENDED.finditer(sentence):
        start = clause_start(sentence, m.start())
        start += len(sentence[start:]) - len(sentence[start:].lstrip())
        if _GRACE_HEAD.match(sentence, start) and any(start <= s < m.start() for s, _e in bounds):
            return Cue(m.start(), m.end(), "demand", False, _EXTENDED_CONFIDENCE)
    for m in _GIVEN.finditer(sentence):
        start = clause_start(sentence, m.start())
        if any(start <= s < m.start() for s, _e in bounds):
            return Cue(m.start(), m.end(), "demand", False, _EXTENDED_CONFIDENCE)
    return None


# «به پیمانکار تا پایان آذر مهلت داده شده است تا ...»: a grace given with a bound before it, told in the past,
# sets the task as «... مهلت داده شد تا ...» does (``commitment_cues.yaml``).
_GIVEN = re.compile(
    r"(?<![\w\u200c])(?:مهلت|فرصت)[ \u200c]+(?:داده|تعیین)[ \u200c]+"
    r"(?:شده[ \u200c]+است|گردیده[ \u200c]+است|شده|شد|گردید)(?![\w\u200c])"
)


# «شهروندان نامه‌هایشان را تا پایان آذر به سامانه ۱۳۷ بفرستند», «عوارض خود را تا پایان آذر پرداخت کنید»: a
# subjunctive (third person, a jussive) or an imperative (second person plural) that ends a main clause with a
# bound ahead in it tells the public what to do by then: a demand (with no bound, «به سامانه ۱۳۷ مراجعه کنید»
# is advice). Not after a condition or a «که» / «تا اینکه» that makes the clause subordinate.
_JUSSIVE = re.compile(
    r"(?<![\w\u200c])(?:(?!(?:بلند|بند|برند|بیرجند)(?![\w\u200c]))ب[^\W\d_][\w\u200c]*?(?:ند|ید)"
    r"|(?<=[^\W\d_] )(?:کنند|کنید|نمایند|نمایید|دهند|دهید))"
    r"(?=\s*(?:[.!،,؛«»\"]|\s+و\s+|$))"
)
_SUBORDINATE = re.compile(
    r"(?:اگر|چنانچه|درصورتی|در[ \u200c]صورتی|وقتی|زمانی|هرگاه|چون|که|تا[ \u200c]اینکه|برای[ \u200c]اینکه)"
    r"(?![\w\u200c])"
)
_JUSSIVE_CONFIDENCE = 0.55


def jussive(sentence: str, bounds: Sequence[tuple[int, int]]) -> Cue | None:
    """The cue of a jussive or imperative to the public with a bound ahead (see ``_JUSSIVE``), or ``None``."""
    for m in _JUSSIVE.finditer(sentence):
        start = clause_start(sentence, m.start())
        clause = sentence[start : m.start()].strip(' «»"')
        if _SUBORDINATE.match(clause) or re.search(r"(?<![\w\u200c])که(?![\w\u200c])", clause):
            continue
        if any(start <= s < m.start() for s, _e in bounds):
            return Cue(m.start(), m.end(), "demand", False, _JUSSIVE_CONFIDENCE)
    return None


_PREVERB_VERB = re.compile(r"(?:بر|در|باز|فرا|وا)?ن?(?:می|خواه)[ \u200c]?\w")


def verbless(sentence: str) -> bool:
    """Whether ``sentence`` has no verb: no present, future or perfect form anywhere and, as a Persian clause
    ends in its verb, no past one at its end («ساخت ۵ پارک تا پایان سال» opens with a verbal noun)."""
    cfg = cue_config()
    tokens = TOKEN.findall(sentence)
    if sentence.rstrip().endswith((":", "؟", "?")):
        return False  # a question, or a line that introduces a list («برنامه‌های هفته آینده:»)
    lexical = [t for t in tokens if re.search(r"[^\W\d_]", t)]  # past a bullet's number («۱-»)
    opener = squeeze(lexical[0]) if lexical else ""
    # «اجرای طرح»: the ezafe after a vowel (not the «ی» of «تعطیلی», «برگزاری»: an event, not the deed)
    if not ({opener, re.sub("(?<=ا)ی$", "", opener)} & (cfg.deeds | cfg.line_deeds)):
        return False  # «بررسی لایحه در جلسه یکشنبه آینده»: an agenda; «ترافیک سنگین تا آخر هفته»: a forecast
    if not tokens or cfg.present.search(sentence) or cfg.past.search(sentence):
        return False
    if any(VERB_END.search(t) or _PREVERB_VERB.match(t) for t in tokens):
        return False
    last = re.sub(r"^ن", "", tokens[-1])
    stems = cfg.past_stems
    return not any(last == st or last == st + end for st in stems for end in ("ند", "یم", "م", "ه", "ید"))
