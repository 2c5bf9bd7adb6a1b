"""Statements of a paragraph with no reporting verb: a passive report with its agent, a headline «X:
...», «به گفته X، ...», a quote or first-person paragraph that goes on with the current speaker, a speaker
line ending in a colon and the paragraphs under it, an interview's bare answer, an editor's aside.
"""

from __future__ import annotations

import re

from nlp.according import ACCORDING_HEAD, issuer_in, opinion
from nlp.headlines import headline_speaker
from nlp.interviews import answer_start
from nlp.speaker_words import org_head, words
from nlp.statement_spans import Found, unbullet

FIRST_PERSON = re.compile(
    r"(?<![\w\u200c])(?:ن?می[ \u200c]?\w+(?:یم|م)|ن?خواهیم|ن?خواهم|\w+[ \u200c]?(?:کردیم|داریم|هستیم|ایم)"
    r"|امیدواریم|امیدوارم|ما)(?![\w\u200c])"
)


# «از سوی شهرداری اصفهان اعلام شد: ...», «از طرف روابط عمومی ... اعلام شد که ...»: a passive report whose
# agent is named says what follows; «اعلام شد» with no agent names no speaker.
PASSIVE = re.compile(
    # «در اطلاعیه X اعلام شده است که ...» names its agent too
    r"(?:از[ \u200c]+(?:سوی|طرف|جانب)|توسط|(?P<doc>در[ \u200c]+(?:اطلاعیه|بیانیه|اعلامیه)))"
    r"[\s\u200c]+(?P<who>[^،,:.!؟«»\n]{2,60}?)\s+"
    r"(?P<verb>(?:اعلام|عنوان|اعلان|تاکید|تأکید)[ \u200c]+(?:شد|گردید|شده[ \u200c]+است)"
    r"|آمده[ \u200c]+است)(?![\w\u200c])"  # «در بیانیه X آمده است که ...»
    r"\s*(?::\s*|که\s+)?"
)


# An editor's aside opening a line: what comes after it is read as a line of its own
_ASIDES = frozenset(
    {
        *("نتیجه", "جمع‌بندی", "خلاصه", "نکته", "پی‌نوشت", "پانوشت"),
        *("یادآوری", "توجه", "هشدار", "تیتر", "لید", "توضیح"),
    }
)


_ASIDE = re.compile(r"\W*(?P<label>[^\s:]+)\s*:\s*(?=\S)")


def past_aside(text: str, p_start: int, p_end: int, verbs: re.Pattern[str]) -> int:
    """Where a line opened by an aside («نکته: به گفته شهردار ارومیه، ...», «خلاصه: شهردار گفت ...») starts
    its sentence: past the label, when a speaker clause follows it; else the line stays a label («نتیجه: ۱۲
    خانه تا اسفند مرمت می‌شود» names no speaker)."""
    m = _ASIDE.match(text, p_start, p_end)
    if m is None or m["label"] not in _ASIDES:
        return p_start
    if verbs.search(text, m.end(), p_end) or ACCORDING_HEAD.match(text, m.end(), p_end):
        return m.end()
    return p_start


def bare_answer(text: str, p_start: int, p_end: int, guest: tuple[int, int] | None) -> Found | None:
    """«ج: این پل تا پایان دی افتتاح می‌شود»: said by the interview's guest, else by who spoke last."""
    start = answer_start(text, p_start, p_end)
    return None if start is None else Found(start, p_end, None, True, *(guest or (None, None)))


# Telegram channels and some sites put the speaker on a line of its own and what was said (often as
# bullets) on the lines after it: «📌 شهردار بابلسر خبر داد:» / «زهرا صادقی، رئیس کمیسیون ...:».
def speaker_line(text: str, p_start: int, p_end: int) -> Found | None:
    """A verbless line that only names a speaker and ends with a colon (a zero-length statement)."""
    line = text[p_start:p_end].rstrip()
    body = unbullet(line)
    tokens = body[:-1].split()
    w = words()
    # «شهرداری تهران اقدامات زیر را انجام داده است:» introduces a list, it names no speaker
    if (
        not body.endswith(":")
        or len(tokens) > 14
        or "را" in tokens
        or tokens[-1:]
        and tokens[-1] in w["list_enders"]
    ):
        return None
    first = body.split()[0]
    if not (first in w["role_heads"] or org_head(first) or "،" in body):
        return None
    s = p_start + len(line) - len(body)
    colon = p_start + len(line) - 1
    return Found(colon, colon, None, True, s, colon)


def person_line(text: str, p_start: int, p_end: int) -> Found | None:
    """A speaker line that names a person by title («📌 شهردار منطقه ۵ شیراز:»): under another speaker's
    lines it is a new speaker; an organisation's («🔹 سازمان پارک‌ها:») heads a group of the items."""
    line = speaker_line(text, p_start, p_end)
    if line is None or line.speaker_start is None:
        return None
    return line if text[line.speaker_start :].split()[0] in words()["role_heads"] else None


def reporter_again(text: str, p_start: int) -> bool:
    """Whether the paragraph is the reporter's again: a new attribution («به گزارش ...») or a narrative
    opening («این در حالی است که ...», «گفتنی است ...»); the speaker line above no longer speaks."""
    lead = len(text[p_start:]) - len(unbullet(text[p_start:]))
    w = words()
    return any(text.startswith(a, p_start + lead) for a in (*w["attribution"], *w["narration"]))


def under_kicker(text: str, p_start: int, p_end: int, kicker: Found, first: bool) -> list[Found]:
    """A verbless paragraph after a speaker line is that speaker's, reported with the same verb: the
    ``first`` line under the colon (what the colon announces), the list items after it («🔹 ...», «۱-
    ...», «مرحله اول: ...») and a line in the speaker's voice, one that binds or promises («شهروندان باید
    ...», «متخلفان جریمه خواهند شد»: agency copy and posts go on with the speech in plain lines). Any other
    line is read as the reporter's («منطقه ۱۲ با ۲۰۰ هزار نفر جمعیت ...»): empty (a quoted or first-person
    one still goes to the speaker, as any such paragraph does)."""
    para = text[p_start:p_end]
    if not first and not list_item(para) and _VOICE.search(para) is None:
        return []
    s = p_start + len(para) - len(unbullet(para))
    return [Found(s, p_end, kicker.verb, True, None, None)] if s < p_end else []


# What an official says, not what a reporter describes, in a plain line under a speaker's colon: an
# obligation, a prohibition, a future or a plan («باید», «موظفند», «ممنوع است», «خواهد شد», «قرار است»)
_VOICE = re.compile(
    r"(?<![\w\u200c])(?:ن?باید|موظف(?:ند|اند|ید)?|ن?خواهد|ن?خواهند|لازم[ \u200c]+است|ممنوع|الزامی"
    r"|قرار[ \u200c]+است)(?![\w\u200c])"
)


_FOOTER = re.compile(r"[^\w@#]*[@#]")


_NUMBERED = re.compile(r"[۰-۹0-9]{1,2}\s*[-.)\u066b]\s*\S")


_LABEL = re.compile(r"(?P<label>[^:\n]{1,40}?)\s*:\s*\S")


def list_item(line: str) -> bool:
    """Whether ``line`` reads as an item of a list: after a bullet («🔹 ...», «- ...», not a «#tag»),
    numbered («۱- ...», «2. ...») or a short label before a colon («مرحله اول: ...», «آذر: ...»)."""
    if _FOOTER.match(line.strip()):
        return False  # a post's «#tag» or «🆔 @channel» line after the items is no item
    body = unbullet(line)
    if len(body) < len(line.lstrip()):
        return True
    label = _LABEL.match(body)
    if label is not None and len(label["label"].split()) <= 4 and re.search(r"[^\W\d_]", label["label"]):
        return True
    return _NUMBERED.match(body) is not None


def attributed(text: str, s: int, e: int) -> list[Found]:
    """«به گفته X، ...» opening a sentence anywhere in a paragraph: X said the rest of it."""
    lead = len(text[s:e]) - len(unbullet(text[s:e]))
    opinion = _opinion(text, s + lead, e)
    if opinion is not None:
        return [opinion]
    passive = PASSIVE.match(text, s + lead, e)
    if passive and passive.end() < e and (who := _passive_agent(passive)) is not None:
        return [Found(passive.end(), e, passive["verb"], False, *who)]
    return []


def _opinion(text: str, s: int, e: int) -> Found | None:
    """«به گفته X، ...», «طبق اعلام X، ...», «به نقل از روابط عمومی X، ...» at ``s``: X said the rest."""
    said = opinion(text, s, e)
    if said is None:
        return None
    return Found(said.start, said.end, None, False, said.speaker_start, said.speaker_end)


def _passive_agent(m: re.Match[str]) -> tuple[int, int] | None:
    """The agent of a passive announcement («از سوی X اعلام شد»); in a document («در بیانیه X آمده است»)
    only the title or organisation that issued it."""
    return issuer_in(m.string, *m.span("who")) if m["doc"] else m.span("who")


def verbless_statements(text: str, p_start: int, p_end: int, sentences: list[tuple[int, int]]) -> list[Found]:
    para = text[p_start:p_end]
    passive = PASSIVE.match(text, p_start + len(para) - len(unbullet(para)), p_end)
    if passive and passive.end() < p_end and (who := _passive_agent(passive)) is not None:
        return [Found(passive.end(), p_end, passive["verb"], ":" in passive.group(), *who)]
    head = headline_speaker(para)
    if head is not None:
        return [Found(p_start + head[2], p_end, None, True, p_start + head[0], p_start + head[1])]
    stripped = unbullet(para)
    s = p_start + (len(para) - len(stripped))
    opinion = _opinion(text, s, p_end)
    if opinion is not None:
        return [opinion]
    if stripped.startswith("«") or FIRST_PERSON.search(para):
        return [Found(s + stripped.startswith("«"), p_end, None, stripped.startswith("«"), None, None)]
    return [f for st, en in sentences[1:] for f in attributed(text, st, en)]
