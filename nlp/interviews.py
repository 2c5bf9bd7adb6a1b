"""Interviews in news text: who an interview is with, the interviewer's questions and bare answers.

«گفت‌وگو با شهردار اردبیل» / «س: ...» / «ج: ...»: the asker (a «سوال:», «خبرنگار:» label, or the agency that
interviews, «مهر: ...؟») says nothing the statement finder keeps, and an answer labelled with no name is the
guest's. The statement finder (``nlp.statements``) turns these spans into statements.
"""

from __future__ import annotations

import re

from nlp.speaker_words import words

_W = r"[\w\u200c]"
_SP = r"[ \u200c]+"
# «گفت‌وگو با شهردار اردبیل», «در گفت‌وگوی اختصاصی با علی کریمی، شهردار کاشان، ...»: who answers below;
# «در گفت‌وگو با خبرنگار مهر» names the reporter, not a guest.
_INTERVIEW_WITH = re.compile(
    rf"\W*(?:در{_SP})?(?:گفت[ \u200c]*و[ \u200c]*گو|گفتگو)(?:ی)?(?:{_SP}[^\s\u200c،,:]+){{0,2}}{_SP}با{_SP}"
    rf"(?!خبرنگار|{_W}*نگار)(?P<who>[^،,:.!؟«»\n]{{2,60}}?)\s*(?=[،,:.!؟]|$|{_SP}(?:درباره|در|پیرامون){_SP})"
)
# «ج: ...», «پاسخ: ...»: an answer labelled with no name
_ANSWER = re.compile(r"\W*(?:ج|جواب|پاسخ)\s*:\s*(?=\S)")
_ASKER = re.compile(r"\W*(?P<label>[^\s:]+)\s*:")


def agencies() -> list[str]:
    """News agencies and papers that interview under their own name («مهر: ...»)."""
    return words()["interview_agencies"]


def is_question(text: str, p_start: int, p_end: int) -> bool:
    """Whether the paragraph ``text[p_start:p_end]`` is the interviewer asking («س: ...», «خبرنگار: ...»)."""
    m = _ASKER.match(text, p_start, p_end)
    if m is None:
        return False
    if m["label"] in agencies():
        # «مهر: برنامه شهرداری چیست؟» asks; «ایسنا: شهردار تبریز گفت ...» credits the agency with a report
        return "؟" in text[p_start:p_end] or "?" in text[p_start:p_end]
    return m["label"] in words()["interview_asks"]


def interview_guest(text: str, p_start: int, p_end: int) -> tuple[int, int] | None:
    """The span of who the interview that this paragraph opens is with, or ``None``."""
    m = _INTERVIEW_WITH.match(text, p_start, p_end)
    if m is None:
        return None
    # «در گفت‌وگو با ایسنا، شهردار ... گفت»: the agency asks; the guest is who answers (the speaker clause)
    head = m["who"].split()[0]
    return None if head in agencies() or head == "خبرگزاری" else m.span("who")


def answer_start(text: str, p_start: int, p_end: int) -> int | None:
    """Where what was answered starts in a paragraph labelled «ج: ...» / «پاسخ: ...» with no name."""
    m = _ANSWER.match(text, p_start, p_end)
    return m.end() if m else None
