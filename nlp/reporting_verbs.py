"""Reporting verbs (``data/reporting_verbs.txt``) as one pattern, and the tests that drop a hit which
reports no statement: «پاسخ داد» with nothing said, «خواست» as a noun, a pledge or a verb inside what
another verb reports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nlp.speaker_words import full_name, role_head
from nlp.statement_spans import sentence_start

DATA = Path(__file__).resolve().parent / "data"


_W = r"[\w\u200c]"


_SP = r"[ \u200c]+"


@lru_cache(maxsize=1)
def reporting_verb_pattern() -> re.Pattern[str]:
    """One regex for every reporting verb in ``data/reporting_verbs.txt``, perfect forms included."""
    lines = (DATA / "reporting_verbs.txt").read_text(encoding="utf-8").splitlines()
    forms = sorted(
        {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}, key=len, reverse=True
    )
    alts = "|".join(_SP.join(re.escape(w) for w in form.split()) for form in forms)
    perfect = rf"(?:ه(?:{_SP}?(?:است|اند|‌اند))?)?"
    plural = r"(?:ند)?"  # «اعضای شورا اعلام کردند», «قول دادند»: a list line holds the singular only
    # «به گفته» is attribution, not a verb; «شنبه گفت» («روز شنبه گفت») is one. «گفت و گو» / «گفت و
    # شنود» (an interview, often written with spaces) is not «گفت»: its speaker would come out as «گو».
    dialogue = rf"(?!{_SP}?و{_SP}?(?:گو|شنود))"
    # Demands reported by their verb: «X خواستار توقف ... شد» (the content sits inside the verb) and «X از
    # شهرداری خواست ... » (see ``asked_of``); «می‌خواست» is no demand.
    demands = rf"خواستار(?={_DEMAND_TAIL})|(?<!می )(?<!نمی )خواستند|(?<!می )(?<!نمی )خواست"
    # «عوارض ارزش افزوده», «مالیات بر ارزش‌افزوده»: after «ارزش» the participle names a tax, nobody speaks.
    word_start = r"(?<![\w\u200c])(?<![\s\u200c]به )(?<!^به )(?<!ارزش )(?<!ارزش\u200c)"
    return re.compile(
        rf"{word_start}(?P<verb>{alts}|{demands}){plural}{perfect}(?!{_W}){dialogue}{_NOT_PASSIVE}"
    )


# «۳۰ اتوبوس دیگر به ناوگان افزوده خواهد شد»: «افزوده» before a passive auxiliary is something added, no
# report («وی افزوده است» is one).
_NOT_PASSIVE = (
    rf"(?:(?<!افزوده)"
    rf"|(?<=افزوده)(?!{_SP}(?:شد|شده|شدند|می{_SP}?شو|خواهد{_SP}شد|گردید|گردیده|نشد|نمی{_SP}?شو)))"
)


DEMAND_END = rf"{_SP}(?:شد|شدند|گردید|شده{_SP}است)(?!{_W})"


_DEMAND_TAIL = rf"[^.!؟\n«»:]{{2,200}}?{DEMAND_END}"


DEMAND_VERBS = ("خواستار", "خواست", "خواستند")


# «پاسخ داد» is speech only when what was said follows it: «به شکایت شهروندان پاسخ داد و مشکل را رفع
# کرد» is an act (answering a letter, a complaint), and its «و ...» would come out as the statement.
_ANSWER_SAID = re.compile(r"\s*(?::|«|\"|که(?![\w\u200c]))")


def answer_without_speech(text: str, m: re.Match[str]) -> bool:
    return m["verb"].startswith("پاسخ") and _ANSWER_SAID.match(text, m.end()) is None


def asked_of(text: str, sentence_start: int, verb_start: int) -> bool:
    """«X از شهرداری خواست ...»: «خواست» reports a demand only after «از» in its clause («خواست مردم» is
    a noun)."""
    return re.search(r"(?<![\w\u200c])از\s", text[sentence_start:verb_start]) is not None


def pledge_in_content(
    text: str, sentences: list[tuple[int, int]], earlier: list[re.Match[str]], m: re.Match[str]
) -> bool:
    """«X متعهد شد که ...» reports X's pledge, but not inside what another verb reports («رئیس شورا اعلام
    کرد شورا متعهد شد ...»: the chairman speaks) nor when nothing follows it («... متعهد شد.»)."""
    if not m["verb"].startswith("متعهد"):
        return False
    start = sentence_start(sentences, m.start())
    end = next((e for s, e in sentences if s <= m.start() < e), len(text))
    return any(h.start() >= start for h in earlier) or len(text[m.end() : end].split()) < 2


_COLON_OPEN = re.compile(r"\s*:\s*(?![«\"“\s])")


def in_colon_quote(
    text: str, sentences: list[tuple[int, int]], earlier: list[re.Match[str]], m: re.Match[str]
) -> bool:
    """Whether ``m`` is a verb inside the unquoted colon content of an earlier verb of its sentence
    («سخنگوی شورا گفت: شهرداری قول داده است که پل ...»): the guide does not split such a sentence, so
    the whole of it stays what the first speaker said."""
    if re.match(r"\s*:", text[m.end() :]):
        return False  # «... و رئیس شورا هم گفت: ...»: a speaker clause of its own
    start = sentence_start(sentences, m.start())
    if _also_said(text, start, m.start()):
        return False
    return any(
        h.start() >= start
        and _COLON_OPEN.match(text, h.end())
        and not re.search('[«»"“”]', text[h.end() : m.start()])
        for h in earlier
    )


# «... ساخته می‌شود و مدیرعامل سازمان پارک‌ها نیز اعلام کرد که ...»: the reporter joins another speaker to
# the sentence with «و» and «نیز» / «هم» after a finished clause
_ALSO_JOINED = re.compile(
    rf"(?<![\w\u200c])(?:ن?می[ \u200c]?\w+|است|شد|شود|کرد|کند|دارد|داد)\s*(?:\s+و|[،,])\s+"
    rf"(?P<who>[^«»:.!؟،,]{{2,80}}?){_SP}(?:نیز|هم){_SP}(?:[^«»:.!؟،,]{{0,40}}\s)?$"
)


def _also_said(text: str, start: int, verb_start: int) -> bool:
    """Whether the verb at ``verb_start`` has a speaker of its own joined after a finished clause: a title or
    a full name before «نیز» / «هم» («... و مدیرعامل سازمان پارک‌ها نیز اعلام کرد»). Not an organisation:
    «... و شورا هم تأکید کرد که ...» is how the speaker himself reports the council."""
    m = _ALSO_JOINED.search(text, start, verb_start)
    if m is None:
        return False
    tokens = m["who"].split()
    return len(tokens) <= 10 and (role_head(tokens[:2]) or full_name(m["who"]))
