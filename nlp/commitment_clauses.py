"""Clauses that change what a sentence's cue means: the speaker's own clause after what outsiders say, a
meeting notice, a pledge that binds the speaker's own office, and a verbless bullet or headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from goftar.model import Deadline, Speaker
from nlp.commitment_cues import TOKEN, VERB_END, Cue, alternation, cue_config, cue_words, squeeze
from nlp.commitment_forecasts import clause_start
from nlp.speakers import words

__all__ = ["NEXT_CLAUSE", "meeting_notice", "own_clause_at", "own_pledge", "verbless"]


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
