"""Statements: who said what, from reporting verbs, colons and quotes in normalised Persian news.

Shapes handled (``X`` is the speaker clause that opens the sentence):
``X گفت: ...`` / ``X گفت «...»`` (direct), ``X گفت که ...`` / ``X گفت ...`` (reported), ``X از ... خبر داد``
/ ``X بر ... تأکید کرد`` (content before the verb), ``NAME: ...`` (headline), ``به گفته X، ...`` / ``طبق
اعلام X، ...`` / ``به نقل از روابط عمومی X، ...`` (X said the rest), a notice signed by an office on its last
line, and a paragraph with no verb that opens with a quote or speaks in the first person, which inherits the
current speaker.
Speakers are resolved in :mod:`nlp.speakers`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goftar.model import Speaker, Statement
from nlp.according import ACCORDING_HEAD, issuer_in, opinion
from nlp.interviews import answer_start, interview_guest, is_question
from nlp.speakers import (
    SpeakerResolver,
    full_name,
    org_head,
    role_head,
    speaker_phrase,
    subject_end,
    words,
)

DATA = Path(__file__).resolve().parent / "data"
_W = r"[\w\u200c]"
_SP = r"[ \u200c]+"
SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)|\n")
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
# «...»، X گفت / «...» این را X گفت / «...»؛ این جمله را X گفت: the quote comes before its speaker.
_THIS = (
    r"(?:این|اینها|این‌ها|این[ \u200c](?:مطلب|مطالب|سخن|سخنان|جمله|جملات|حرف|حرف‌ها|حرفها|عبارت|نکته))"
    r"\s+را\s+"
)
# «...» را X گفت: the quote itself is the object of the verb.
# «...» شهردار با بیان این جمله افزود: the speaker's own clause names the quote before it.
_SAYING_THIS = (
    rf"(?=[^«»:.!؟\n]{{2,80}}?(?<![\w\u200c])با{_SP}(?:بیان|ذکر|طرح){_SP}"
    r"(?:این|این[ \u200c](?:مطلب|مطالب|جمله|جملات|سخن|سخنان|حرف|عبارت|نکته))(?![\w\u200c])(?!\s*که))"
)
# «...» X در این باره گفت / «... .» X گفت: with no comma, a quote that is a whole sentence (it closes on a
# stop) or a clause that names what it said («در این باره») makes the words up to the verb its speaker.
_ABOUT_THIS = rf"در{_SP}(?:این|همین){_SP}(?:باره|خصوص|زمینه|رابطه|مورد)(?!{_W})"
_CLAUSE = r"[^«»:.!؟\n،,]"
_BARE_SPEAKER = rf"(?<=[.!؟]»)\s+(?={_CLAUSE}{{2,80}}$)|\s+(?={_CLAUSE}{{0,60}}?{_ABOUT_THIS})"
QUOTE_FIRST = re.compile(
    rf"\s*«(?P<q>[^«»]+)»(?:\s*(?:[،,؛\-–—]\s*(?:{_THIS})?|{_THIS}|را\s+|{_SAYING_THIS})|{_BARE_SPEAKER})"
)
# «... . این را X گفت.»: the previous sentence was the speech.
THIS_SAID = re.compile(rf"\s*{_THIS}")
# «... . شهردار کرج این را گفت.»: the speaker before «این را»; «...؛ این را X گفت.»: the speech before it
# in the same sentence, ended by a semicolon, comma or dash.
THIS_SAID_AFTER = re.compile(rf"\s*(?P<np>[^.!؟«»:؛،,]{{2,60}}?)\s+{_THIS}(?:[^.!؟«»:]{{0,40}}\s)?")
THIS_SAID_MID = re.compile(rf"\s*[؛،,\-–—]\s*{_THIS}")
# A kicker before «|» («🔴 فوری | شهردار مشهد: ...», «ویدئو | ...») labels the post; the speaker follows it.
_KICKER = r"(?:[^\s:|،]+(?:[ \u200c][^\s:|،]+){0,2}\s*\|\s*)?"
HEADLINE = re.compile(rf"^\W*{_KICKER}(?P<np>[^\s:،|]+(?:[ \u200c][^\s:،|]+){{0,3}})\s*:\s*(?P<rest>\S.*)$")
# «شهردار اصفهان در گفتگو با خبرنگار ما: ...»: a longer headline clause, taken only when it opens with a
# title or an organisation (the speaker phrase then stops at «در»).
HEADLINE_LONG = re.compile(
    rf"^\W*{_KICKER}(?P<np>[^\s:،|]+(?:[ \u200c][^\s:،|]+){{4,11}})\s*:\s*(?P<rest>\S.*)$"
)


@dataclass(frozen=True)
class Found:
    """A statement before its speaker is resolved: spans index the normalised text."""

    start: int
    end: int
    verb: str | None
    direct: bool
    speaker_start: int | None  # span of the speaker clause (None: inherits the current speaker)
    speaker_end: int | None


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
    # شهرداری خواست ... » (see ``_asked_of``); «می‌خواست» is no demand.
    demands = rf"خواستار(?={_DEMAND_TAIL})|(?<!می )(?<!نمی )خواستند|(?<!می )(?<!نمی )خواست"
    word_start = r"(?<![\w\u200c])(?<![\s\u200c]به )(?<!^به )"
    return re.compile(rf"{word_start}(?P<verb>{alts}|{demands}){plural}{perfect}(?!{_W}){dialogue}")


_DEMAND_END = rf"{_SP}(?:شد|شدند|گردید|شده{_SP}است)(?!{_W})"
_DEMAND_TAIL = rf"[^.!؟\n«»:]{{2,200}}?{_DEMAND_END}"
DEMAND_VERBS = ("خواستار", "خواست", "خواستند")


# «پاسخ داد» is speech only when what was said follows it: «به شکایت شهروندان پاسخ داد و مشکل را رفع
# کرد» is an act (answering a letter, a complaint), and its «و ...» would come out as the statement.
_ANSWER_SAID = re.compile(r"\s*(?::|«|\"|که(?![\w\u200c]))")


def _answer_without_speech(text: str, m: re.Match[str]) -> bool:
    return m["verb"].startswith("پاسخ") and _ANSWER_SAID.match(text, m.end()) is None


def _asked_of(text: str, sentence_start: int, verb_start: int) -> bool:
    """«X از شهرداری خواست ...»: «خواست» reports a demand only after «از» in its clause («خواست مردم» is
    a noun)."""
    return re.search(r"(?<![\w\u200c])از\s", text[sentence_start:verb_start]) is not None


def _pledge_in_content(
    text: str, sentences: list[tuple[int, int]], earlier: list[re.Match[str]], m: re.Match[str]
) -> bool:
    """«X متعهد شد که ...» reports X's pledge, but not inside what another verb reports («رئیس شورا اعلام
    کرد شورا متعهد شد ...»: the chairman speaks) nor when nothing follows it («... متعهد شد.»)."""
    if not m["verb"].startswith("متعهد"):
        return False
    start = _sentence_start(sentences, m.start())
    end = next((e for s, e in sentences if s <= m.start() < e), len(text))
    return any(h.start() >= start for h in earlier) or len(text[m.end() : end].split()) < 2


_COLON_OPEN = re.compile(r"\s*:\s*(?![«\"“\s])")


def _in_colon_quote(
    text: str, sentences: list[tuple[int, int]], earlier: list[re.Match[str]], m: re.Match[str]
) -> bool:
    """Whether ``m`` is a verb inside the unquoted colon content of an earlier verb of its sentence
    («سخنگوی شورا گفت: شهرداری قول داده است که پل ...»): the guide does not split such a sentence, so
    the whole of it stays what the first speaker said."""
    if re.match(r"\s*:", text[m.end() :]):
        return False  # «... و رئیس شورا هم گفت: ...»: a speaker clause of its own
    start = _sentence_start(sentences, m.start())
    return any(
        h.start() >= start
        and _COLON_OPEN.match(text, h.end())
        and not re.search('[«»"“”]', text[h.end() : m.start()])
        for h in earlier
    )


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, split_quotes: bool = False
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as spans; a stop inside «...» ends one only with ``split_quotes``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s, depth = start, 0
    for i in range(start, end):
        ch = text[i]
        depth += ch == "«"
        depth -= ch == "»" and depth > 0
        stop = ch in ".!?؟" and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] == "»")
        if (ch == "\n" or stop) and (depth == 0 or split_quotes):
            _push(text, spans, s, i + (ch != "\n"))
            s = i + 1
    _push(text, spans, s, end)
    return spans


def _push(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _sentence_start(sentences: list[tuple[int, int]], pos: int) -> int:
    for s, e in sentences:
        if s <= pos < e or pos < s:
            return s
    return pos


def _verb_final_content(text: str, clause_start: int, v_start: int) -> tuple[int, int] | None:
    """«X از برگزاری ... خبر داد», «X ... بر ضرورت ... تأکید کرد»: content lies between marker and verb."""
    verb = text[v_start : v_start + 6]
    marker = "بر" if verb.startswith(("تأکید", "تاکید")) else "به" if verb.startswith("اشاره") else "از"
    hits = list(re.finditer(rf"(?<![\w\u200c]){marker}\s", text[clause_start:v_start]))
    if not hits:
        return None
    m = hits[-1] if marker == "بر" else hits[0]
    s = clause_start + m.end()
    return (s, v_start) if v_start - s > 3 else None


def find_statements(text: str) -> list[Found]:
    """Statement spans in normalised ``text``, in order; speakers are resolved separately."""
    verbs = reporting_verb_pattern()
    out: list[Found] = []
    kicker: Found | None = None  # a line that only names the speaker of the paragraphs after it
    guest: tuple[int, int] | None = None  # who an interview is with: the one who answers «ج: ...»
    paragraphs = paragraph_spans(text)
    signed = _signature(text, paragraphs)
    for p_start, p_end in paragraphs:
        p_start = _past_aside(text, p_start, p_end, verbs)
        sentences = sentence_spans(text, p_start, p_end)
        hits = [
            m
            for m in verbs.finditer(text, p_start, p_end)
            if not _inside_quote(text, p_start, m.start())
            and not _answer_without_speech(text, m)
            and (
                m["verb"] not in DEMAND_VERBS[1:]
                or _asked_of(text, _sentence_start(sentences, m.start()), m.start())
            )
        ]
        hits = [m for k, m in enumerate(hits) if not _pledge_in_content(text, sentences, hits[:k], m)]
        hits = [m for k, m in enumerate(hits) if not _in_colon_quote(text, sentences, hits[:k], m)]
        guest = interview_guest(text, p_start, p_end) or guest
        if not hits and (answer := _bare_answer(text, p_start, p_end, guest)) is not None:
            out.append(answer)
            continue
        if is_question(text, p_start, p_end):
            continue  # «س: ...», «خبرنگار: شما گفتید ...؟»: the interviewer asks; a speaker line above stays
        if not hits:
            own = _verbless(text, p_start, p_end, sentences)
            if not own and kicker is not None and _reporter_again(text, p_start):
                kicker = None  # «به گزارش ...»: the reporter speaks again
            elif not own and kicker is not None:
                own = _under_kicker(text, p_start, p_end, kicker)
            elif not own and (line := _speaker_line(text, p_start, p_end)) is not None:
                own, kicker = [line], line
            elif not own and (body := _signed_body(text, p_start, p_end, signed)) is not None:
                own = [body]
            out.extend(own)
            continue
        kicker = None
        # «X گفت: ... .\nعملیات بتن‌ریزی نیز هفته آینده آغاز می‌شود.»: once someone has spoken, the lines
        # after go on with his account, not the signature's; a news item by the office, not a notice
        signed = None
        found: list[Found] = []
        clause_start = p_start
        for k, m in enumerate(hits):
            limit = _limit(
                text, sentences, m.end(), hits[k + 1].start() if k + 1 < len(hits) else None, p_end
            )
            previous = clause_start
            clause_start = max(clause_start, _sentence_start(sentences, m.start()))
            found.extend(_statement_at(text, m, clause_start, limit, sentences, previous))
            clause_start = limit
        hit_sentences = {_sentence_start(sentences, m.start()) for m in hits}
        found.extend(f for s, e in sentences if s not in hit_sentences for f in _according(text, s, e))
        out.extend(sorted(found, key=lambda f: f.start if f.speaker_start is None else f.speaker_start))
        last = found[-1] if found else None
        if last is not None and last.end <= last.start and text[p_start:p_end].rstrip().endswith(":"):
            kicker = last  # «شهردار تبریز گفت:» alone on its line: the next paragraphs are what was said
    return out


# An editor's aside opening a line: what comes after it is read as a line of its own
_ASIDES = frozenset(
    {
        *("نتیجه", "جمع‌بندی", "خلاصه", "نکته", "پی‌نوشت", "پانوشت"),
        *("یادآوری", "توجه", "هشدار", "تیتر", "لید", "توضیح"),
    }
)
_ASIDE = re.compile(r"\W*(?P<label>[^\s:]+)\s*:\s*(?=\S)")


def _past_aside(text: str, p_start: int, p_end: int, verbs: re.Pattern[str]) -> int:
    """Where a line opened by an aside («نکته: به گفته شهردار ارومیه، ...», «خلاصه: شهردار گفت ...») starts
    its sentence: past the label, when a speaker clause follows it; else the line stays a label («نتیجه: ۱۲
    خانه تا اسفند مرمت می‌شود» names no speaker)."""
    m = _ASIDE.match(text, p_start, p_end)
    if m is None or m["label"] not in _ASIDES:
        return p_start
    if verbs.search(text, m.end(), p_end) or ACCORDING_HEAD.match(text, m.end(), p_end):
        return m.end()
    return p_start


def _bare_answer(text: str, p_start: int, p_end: int, guest: tuple[int, int] | None) -> Found | None:
    """«ج: این پل تا پایان دی افتتاح می‌شود»: said by the interview's guest, else by who spoke last."""
    start = answer_start(text, p_start, p_end)
    return None if start is None else Found(start, p_end, None, True, *(guest or (None, None)))


# Telegram channels and some sites put the speaker on a line of its own and what was said (often as
# bullets) on the lines after it: «📌 شهردار بابلسر خبر داد:» / «زهرا صادقی، رئیس کمیسیون ...:».
_KEEP = "«»\"'("


def _unbullet(line: str) -> str:
    """``line`` without its leading bullets: any emoji, symbol or dash («🔴», «⭕️», «▪», «-»), not a quote."""
    i = 0
    while i < len(line) and line[i] not in _KEEP and unicodedata.category(line[i])[0] in "ZSPMC":
        i += 1
    return line[i:]


def _speaker_line(text: str, p_start: int, p_end: int) -> Found | None:
    """A verbless line that only names a speaker and ends with a colon (a zero-length statement)."""
    line = text[p_start:p_end].rstrip()
    body = _unbullet(line)
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


def _signature(text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """«روابط عمومی شهرداری منطقه ۵» alone on the last line of a notice: who issued the lines above it that
    no one else says. A short line of an organisation's name only: no verb, no comma, colon or quote."""
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[-1]
    line = _unbullet(text[start:end]).rstrip(" .")
    tokens = line.split()
    # «معاونت حمل و نقل و ترافیک شهرداری قزوین» signs as an office too
    if not 2 <= len(tokens) <= 9 or not (org_head(tokens[0]) or tokens[0] in words()["role_heads"]):
        return None
    if re.search(r"[،,:؛«»\"!؟.]", line):
        return None
    if reporting_verb_pattern().search(line) or tokens[-1] in words()["list_enders"]:
        return None
    if not _issuer(tokens) or _relayed(text, paragraphs):
        return None
    begin = end - len(_unbullet(text[start:end]))
    return begin, begin + len(line)


# A region or a brand is a place or a tag line («منطقه ۸ تهران», «مترو تهران»), not who issues a notice
# («شهرداری منطقه ۸» is).
_PLACE_HEADS = ("منطقه", "ناحیه", "مترو")
# Credit lines name the desk, not an issuer: «دفتر خبر», «عکس ...», «گزارش ...»
_CREDIT_WORDS = ("خبر", "عکس", "گزارش", "خبرنگار", "عکاس")
# An organisation's name has no object marker and seldom these prepositions; a related headline does
# («سازمان آتش‌نشانی تهران در آماده‌باش کامل», «شهرداری مشهد طرح تفکیک را گسترش می‌دهد»). Not «با» / «به»:
# «ستاد مبارزه با مواد مخدر», «ستاد امر به معروف» sign notices.
_NOT_IN_A_NAME = ("در", "را", "از", "برای", "تا")


def _issuer(tokens: list[str]) -> bool:
    """Whether the words of a last line can be the name of an office that signs a notice."""
    if tokens[0] in _PLACE_HEADS or any(t in _CREDIT_WORDS or t in _NOT_IN_A_NAME for t in tokens):
        return False
    return not any(re.match(r"ن?می[\u200c ]", t + " ") for t in tokens)  # «می‌دهد»: a verb


# Words only a notice uses: its heading and its address to the public
_NOTICE_CUES = ("اطلاعیه", "به اطلاع", "شهروندان گرامی", "شهروندان محترم", "همشهریان گرامی", "همشهریان عزیز")


def _relayed(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """«به گزارش ایسنا، ...»: an agency relays a report; an organisation on its last line is a tag line,
    not the signature of a notice (which may still cite a unit: «به گزارش واحد خدمات مشترکین، ...»)."""
    if any(cue in text for cue in _NOTICE_CUES):
        return False
    return any(
        text.startswith("به گزارش", s + len(text[s:e]) - len(_unbullet(text[s:e]))) for s, e in paragraphs
    )


def _signed_body(text: str, p_start: int, p_end: int, signed: tuple[int, int] | None) -> Found | None:
    """A paragraph no one says, as said by the signature ``signed`` of the notice it is a line of: a
    sentence before the signature, not a heading («اطلاعیه», «شهروندان گرامی»)."""
    if signed is None or p_end >= signed[0] or len(text[p_start:p_end].split()) <= 4:
        return None
    return Found(p_start, p_end, None, False, *signed)


def _reporter_again(text: str, p_start: int) -> bool:
    lead = len(text[p_start:]) - len(_unbullet(text[p_start:]))
    return any(text.startswith(a, p_start + lead) for a in words()["attribution"])


def _under_kicker(text: str, p_start: int, p_end: int, kicker: Found) -> list[Found]:
    """A verbless paragraph after a speaker line is that speaker's, reported with the same verb."""
    para = text[p_start:p_end]
    s = p_start + len(para) - len(_unbullet(para))
    return [Found(s, p_end, kicker.verb, True, None, None)] if s < p_end else []


def _limit(text: str, sentences: list[tuple[int, int]], after: int, next_verb: int | None, p_end: int) -> int:
    """Where the content of one reporting verb ends: before the sentence of the next one."""
    if next_verb is None:
        return p_end
    start = _sentence_start(sentences, next_verb)
    if start > after:
        return start
    # The next verb shares this sentence (e.g. after a closing quote: «...» X ادامه داد: ...).
    cut = max(text.rfind(ch, after, next_verb) for ch in "».!؟:”")
    return cut + 1 if cut >= after else after


def _statement_at(
    text: str,
    m: re.Match[str],
    clause_start: int,
    limit: int,
    sentences: list[tuple[int, int]],
    previous: int,
) -> list[Found]:
    """The statement(s) of one reporting verb: a quote before the speaker first, then what follows."""
    before: list[Found] = []
    first = QUOTE_FIRST.match(text, clause_start, m.start())
    this_said = THIS_SAID.match(text, clause_start, m.start())
    if first:  # «...»، X گفت: ... — the quote is X's too
        before.append(Found(first.start("q"), first.end("q"), m["verb"], True, first.end(), m.start()))
        clause_start = first.end()
    elif this_said and previous < clause_start:  # «... . این را X گفت.»
        before.append(Found(previous, clause_start, m["verb"], False, this_said.end(), m.start()))
        clause_start = this_said.end()
    elif (np_first := THIS_SAID_AFTER.fullmatch(text, clause_start, m.start())) and previous < clause_start:
        # «... . شهردار کرج این را گفت.»
        np_span = np_first.start("np"), np_first.end("np")
        before.append(Found(previous, clause_start, m["verb"], False, *np_span))
        clause_start = m.start()
    elif (mid := _this_said_mid(text, clause_start, m.start())) is not None:  # «...؛ این را X گفت.»
        before.append(Found(clause_start, mid.start(), m["verb"], False, mid.end(), m.start()))
        clause_start = mid.end()
    after = _after_verb(text, m, clause_start, limit, sentences)
    inner = _said_on_the_way(text, clause_start, m.start())
    if before and after.end <= after.start:
        return [*inner, *before]  # the verb ends the sentence: it only named the speaker of the quote
    return [*inner, *before, after]


def _this_said_mid(text: str, clause_start: int, verb_start: int) -> re.Match[str] | None:
    """The «؛ این را» of «طرح ... اجرا می‌شود؛ این را شهردار منطقه ۳ گفت», when only a speaker phrase (no
    other verb, no quote) lies between it and the reporting verb."""
    hits = list(THIS_SAID_MID.finditer(text, clause_start, verb_start))
    if not hits or hits[-1].start() - clause_start < 6:
        return None
    speaker = text[hits[-1].end() : verb_start]
    return hits[-1] if 1 <= len(speaker.split()) <= 8 and not re.search(r"[«»:.!؟]", speaker) else None


# «شهردار با بیان اینکه ۱۰ پروژه در دهه فجر افتتاح می‌شود، گفت: ...»: the clause inside the speaker's
# own clause is also what the speaker said.
_ON_THE_WAY = re.compile(
    rf"(?<![\w\u200c])با{_SP}(?:بیان|اعلام|اشاره{_SP}به|تاکید{_SP}بر|تأکید{_SP}بر|یادآوری|ابراز)"
    rf"{_SP}(?:این[ \u200c]*که|آن[ \u200c]*که){_SP}(?P<c>[^،,:«»]{{6,}}?)\s*[،,]"
)


def _said_on_the_way(text: str, clause_start: int, verb_start: int) -> list[Found]:
    m = _ON_THE_WAY.search(text, clause_start, verb_start)
    if m is None:
        return []
    return [Found(m.start("c"), m.end("c"), None, False, clause_start, m.start())]


def _after_verb(
    text: str, m: re.Match[str], clause_start: int, limit: int, sentences: list[tuple[int, int]]
) -> Found:
    after = text[m.end() : limit]
    lead = re.match(r"\s*(?::\s*)?(?:که\s+)?", after)
    pos = m.end() + (lead.end() if lead else 0)
    colon = ":" in (lead.group() if lead else "")
    if pos < limit and text[pos] in '«"“':
        close = _closing(text, pos, limit)
        return Found(pos + 1, close if close > 0 else limit, m["verb"], True, clause_start, m.start())
    rest = text[pos:limit].strip()
    if m["verb"] == "خواستار":  # «خواستار تسریع در ... شد»: the content ends before «شد»
        end = re.search(_DEMAND_END, text[pos:limit])
        if end is not None:
            return Found(pos, pos + end.start(), m["verb"], False, clause_start, m.start())
    if colon and rest:
        return Found(
            pos, _narration_start(text, sentences, pos, limit), m["verb"], True, clause_start, m.start()
        )
    if not rest or rest[0] in ".!؟" or re.match(r"^[.!؟]\s", rest):
        said = _said_before_comma(text, clause_start, m.start())
        if said is not None:  # «بوستان محله هم تا عید آماده می‌شود، وی افزود.»
            return Found(clause_start, said[0], m["verb"], False, said[1], m.start())
        between = _verb_final_content(text, clause_start, m.start())
        if between is None:  # a kicker line («شهردار تهران خبر داد:») only names the speaker
            return Found(m.start(), m.start(), m["verb"], False, clause_start, m.start())
        return Found(between[0], between[1], m["verb"], False, clause_start, between[0])
    sent_end = next((e for s, e in sentences if s <= pos < e), limit)
    return Found(pos, min(sent_end, limit), m["verb"], False, clause_start, m.start())


# A sentence after a colon quote in which the reporter speaks again: what the speaker did next («او سپس از
# پروژه بازدید کرد.») or an attribution of its own («به گفته او ...», «به گزارش ...»)
_PAST_ACT = r"[^.!؟«»:\n]*(?<![\w\u200c])(?<!خواهد )(?:کرد|داد|شد|گرفت|رفت|نمود|گردید|پرداخت)\s*[.!]?\s*$"
_NARRATION = re.compile(
    rf"(?:(?:او|وی|ایشان)\s{_PAST_ACT}|{ACCORDING_HEAD.pattern}|به[ \u200c]گزارش\s"
    # «مریم کاظمی، معاون فرهنگی ...، نیز از موزه بازدید کرد.»: the reporter brings in someone else
    rf"|(?P<name>[^\s،,:«»]+(?: [^\s،,:«»]+){{1,2}})\s*[،,]{_PAST_ACT})"
)


def _narration_start(text: str, sentences: list[tuple[int, int]], pos: int, limit: int) -> int:
    """Where an unquoted colon quote from ``pos`` stops: before the first later sentence up to ``limit``
    that narrates, else at ``limit``."""
    for s, e in sentences:
        narrates = _NARRATION.match(text[s : min(e, limit)].strip())
        if pos < s < limit and narrates and (narrates["name"] is None or full_name(narrates["name"])):
            return len(text[:s].rstrip())  # the quote ends at its stop: the narration is no one's quote
    return limit


# Words a speaker clause closing a sentence does not hold: a marker of content before the verb («از ...
# خبر داد»), an object or a relative clause
_NOT_IN_SPEAKER = ("از", "بر", "را", "که", "با")


def _said_before_comma(text: str, clause_start: int, verb_start: int) -> tuple[int, int] | None:
    """(end of what was said, start of the speaker) when the reporting verb closes a sentence after its
    speaker and a comma: «کار ساخت پل تا بهمن تمام می‌شود، شهردار کرمانشاه افزود.», «...، علی نیکو، معاون
    ...، گفت.». What was said is a whole clause (with a finite verb); the speaker is a pronoun, «این مسئول»,
    a title or organisation, or a name."""
    commas = [k for k in range(clause_start, verb_start) if text[k] in "،,"]
    for c in reversed(commas):
        tokens = re.sub(r"[،,]", " ", text[c + 1 : verb_start]).split()
        if not tokens or len(tokens) > 12 or any(t in _NOT_IN_SPEAKER for t in tokens):
            continue
        if not _speaker_opening(text, c + 1, verb_start):
            continue
        name_start = _name_before_comma(text, clause_start, c)
        if name_start is not None and role_head(tokens[:2]):  # «...، علی نیکو، معاون ...، گفت»
            c = name_start
        return (c, c + 1) if _whole_clause(text[clause_start:c]) else None
    return None


# «در این جلسه که اعضا حضور داشتند، شهردار گفت.»: a clause on the occasion, not what was said
_ADVERBIAL_OPENERS = ("در", "با", "به", "ضمن", "طی", "هنگام", "پس", "پیش", "بعد", "قبل", "درباره", "پیرامون")


_SUBORDINATORS = (
    *("هرچند", "اگرچه", "اگر", "وقتی", "چون", "چنانچه", "زمانی", "درحالی", "درحالی‌که", "گرچه", "هنگامی"),
    *("موقعی", "هرگاه", "مادامی", "همان‌طور", "همانطور", "همین‌که", "وقتی‌که", "چنان‌که", "چنانکه"),
)
# Two words that open a subordinate clause as one («تا وقتی که ...», «از آنجا که ...», «هر وقت ...»); «تا» or
# «از» alone opens a time or a source inside what was said («تا پایان سال پل ...»)
_SUBORDINATOR_PAIRS = (
    *("تا وقتی", "تا زمانی", "تا هنگامی", "تا موقعی", "از آنجا", "از آنجایی", "هر وقت", "هر زمان"),
    *("هر گاه", "همان طور", "همین که", "چنان که"),
)


def _whole_clause(said: str) -> bool:
    """Whether ``said`` is a clause of its own: three words or more, not an adverbial, ending in a verb
    («... می‌شود», «... آماده‌اند», «... است»)."""
    tokens = said.split()
    if len(tokens) < 3 or tokens[0] in _ADVERBIAL_OPENERS:
        return False
    opens = tokens[0] in _SUBORDINATORS or " ".join(tokens[:2]) in _SUBORDINATOR_PAIRS
    if opens and not re.search(r"[،,]", said):
        return False  # «هرچند اعتبار کم است، شهردار تاکید کرد»: a clause with no main clause after it
    return _FINITE.search(said) is not None or tokens[-1].endswith(("د", "ست"))


def _speaker_opening(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be the whole speaker clause: a title or organisation, a full name,
    or a pronoun, «این مسئول» or a name the article gave before, and nothing more."""
    tokens = re.sub(r"[،,]", " ", text[start:end]).split()
    if role_head(tokens[:2]) or org_head(tokens[0]) or full_name(" ".join(tokens)):
        return True
    subject = subject_end(text, start + len(text[start:end]) - len(text[start:end].lstrip()), end)
    return subject is not None and not text[subject:end].strip(" ،,")


def _name_before_comma(text: str, clause_start: int, c: int) -> int | None:
    """The comma before a full name that ends at the comma ``c``, if the segment is one."""
    prev = max(text.rfind("،", clause_start, c), text.rfind(",", clause_start, c))
    if prev < 0 or not full_name(text[prev + 1 : c].strip()):
        return None
    return prev


def _closing(text: str, pos: int, limit: int) -> int:
    """Where the quote opened at ``pos`` closes, or -1. Guillemets nest: in «طرح «بلیت واحد» را ... اجرا
    می‌کنیم» the name's own marks do not end the quote."""
    if text[pos] in '"“':  # “...” as the English-style keyboards type it
        return text.find('"' if text[pos] == '"' else "”", pos + 1, limit)
    depth = 0
    for i in range(pos, limit):
        depth += text[i] == "«"
        depth -= text[i] == "»"
        if depth == 0:
            return i
    return -1


def _inside_quote(text: str, start: int, pos: int) -> bool:
    segment = text[start:pos]
    return segment.count("«") > segment.count("»")


def _according(text: str, s: int, e: int) -> list[Found]:
    """«به گفته X، ...» opening a sentence anywhere in a paragraph: X said the rest of it."""
    lead = len(text[s:e]) - len(_unbullet(text[s:e]))
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


def _verbless(text: str, p_start: int, p_end: int, sentences: list[tuple[int, int]]) -> list[Found]:
    para = text[p_start:p_end]
    passive = PASSIVE.match(text, p_start + len(para) - len(_unbullet(para)), p_end)
    if passive and passive.end() < p_end and (who := _passive_agent(passive)) is not None:
        return [Found(passive.end(), p_end, passive["verb"], ":" in passive.group(), *who)]
    head = _headline_speaker(para)
    if head is not None:
        return [Found(p_start + head[2], p_end, None, True, p_start + head[0], p_start + head[1])]
    stripped = _unbullet(para)
    s = p_start + (len(para) - len(stripped))
    opinion = _opinion(text, s, p_end)
    if opinion is not None:
        return [opinion]
    if stripped.startswith("«") or FIRST_PERSON.search(para):
        return [Found(s + stripped.startswith("«"), p_end, None, stripped.startswith("«"), None, None)]
    return [f for st, en in sentences[1:] for f in _according(text, st, en)]


def _headline_speaker(para: str) -> tuple[int, int, int] | None:
    """(speaker start, speaker end, what was said start) of «X: ...» in ``para``, or ``None``."""
    head = HEADLINE.match(para) or _long_headline(para) or _apposed_headline(para)
    if head is None or (head.re is HEADLINE and len(head["np"]) >= 40):
        return None
    w = words()
    tokens = head["np"].split()
    # «اعلام شد: ...», «این طرح شامل: ...»: a verb or a word that introduces a list names no speaker;
    # «سوال: ...», «خبرنگار: ...» is the interviewer asking, «ایسنا: ...» the agency asking or credited
    asks = tokens[0] in w["interview_asks"] or tokens[0] in w["interview_agencies"]
    said = _said_by_label(tokens)
    if tokens[-1] in w["list_enders"] or asks or (_label(tokens, head["rest"]) and not said):
        return None
    start = head.start("np")
    # «پاسخ معاون شهردار: ...», «هشدار شهرداری تهران: ...»: the one who answers or warns speaks
    if tokens[0] in w["interview_answers"] or said:
        if len(tokens) == 1:
            return None
        start = head.start("np") + head["np"].index(tokens[1], len(tokens[0]))
    return start, head.end("np"), head.start("rest")


# «📍 محل اجرا: بزرگراه همت», «⏰ زمان: پنجشنبه ساعت ۱۰», «هزینه: رایگان»: in a post or a notice a «label:
# value» line gives a detail of the item above it; its label is no speaker.
LABEL_HEADS = frozenset(
    {
        *("محل", "مکان", "محدوده", "مسیر", "نشانی", "آدرس", "زمان", "تاریخ", "مدت", "ساعت", "ساعات"),
        *("هزینه", "اعتبار", "اعتبارات", "بودجه", "مبلغ", "میزان", "پیمانکار", "مجری", "کارفرما", "ناظر"),
        *("متراژ", "طول", "مساحت", "پیشرفت", "وضعیت", "موضوع", "عنوان", "نوع", "تعداد", "ظرفیت", "منبع"),
        *("توضیحات", "شماره", "تلفن", "هدف", "اهداف", "مهلت", "مخاطبان", "شرایط", "مدارک", "نحوه", "نام"),
        # credit lines under an article: «عکس: علی رضایی», «گزارش: مریم احمدی», «منبع: همشهری»
        *("عکس", "عکاس", "گزارش", "نویسنده", "تنظیم", "تهیه", "ترجمه", "ویرایش", "کد", "برچسب", "برچسب‌ها"),
        # an editor's summary or aside: «نتیجه: ...», «جمع‌بندی: ...», «نکته: ...», «مصوبه: ...»
        *("نتیجه", "جمع‌بندی", "خلاصه", "نکته", "پی‌نوشت", "پانوشت", "مصوبه", "مصوبات", "پیام", "یادآوری"),
        *("توجه", "هشدار", "تیتر", "لید", "توضیح"),
    }
)
_MONTHS = frozenset(
    {
        *("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور"),
        *("مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"),
    }
)
# «پیمانکار: ...», «ناظر پروژه: ...», «منبع آگاه: ...» name people too: with a verb in its value («ناظر پروژه:
# ما تا پایان دی کار را تحویل می‌دهیم») the line is what one of them said, as in an interview.
_PERSON_LABELS = frozenset({"پیمانکار", "مجری", "کارفرما", "ناظر", "منبع"})
_FINITE = re.compile(
    r"(?<![\w\u200c])(?:ن?می[ \u200c]?\w+|ن?خواه(?:م|یم|د|ند|ید|ی)|است|هستند|هستیم|شد|شدند|کرد|کردند|کردیم)"
    r"(?![\w\u200c])"
)


# Labels that name what was said («هشدار», «پیام», «مصوبه»): with a title or an organisation after them
# («هشدار شهرداری تهران: ...», «مصوبه شورای شهر قم: ...») that one says the line
_SAID_NOUNS = frozenset({"پیام", "هشدار", "توضیح", "توضیحات", "مصوبه", "مصوبات"})


def _said_by_label(tokens: list[str]) -> bool:
    return len(tokens) > 1 and tokens[0] in _SAID_NOUNS and (role_head(tokens[1:3]) or org_head(tokens[1]))


def _label(tokens: list[str], value: str) -> bool:
    """Whether the ``tokens`` before a headline's colon are a label («محل اجرا», «زمان‌بندی»), no speaker."""
    head = tokens[0].split("\u200c")[0]  # «زمان‌بندی: از اول دی» is headed by «زمان»
    if all(t in _MONTHS or t.isdigit() for t in tokens):
        return True  # «آذر: تکمیل فونداسیون», «دی ۱۴۰۳: بهره‌برداری»: a line of a schedule
    if head in _PERSON_LABELS and _FINITE.search(value):
        return False
    return head in LABEL_HEADS or tokens[0] in LABEL_HEADS  # «جمع‌بندی» whole: «جمع» alone is no label


# «مهدی فرهادی، معاون فنی و عمرانی: ...»: an interview labels an answer with the name and its title.
HEADLINE_APPOSED = re.compile(
    rf"^\W*{_KICKER}(?P<np>(?P<name>[^\s:،|]+(?:[ \u200c][^\s:،|]+){{1,3}})\s*[،,]\s*"
    r"(?P<title>[^\s:،|]+(?:[ \u200c][^\s:،|]+){0,10}))\s*:\s*(?P<rest>\S.*)$"
)


def _apposed_headline(para: str) -> re.Match[str] | None:
    head = HEADLINE_APPOSED.match(para)
    if head is None or not full_name(head["name"]) or not role_head(head["title"].split()):
        return None
    return head


def _long_headline(para: str) -> re.Match[str] | None:
    head = HEADLINE_LONG.match(para)
    if head is None:
        return None
    w = words()
    tokens = head["np"].split()
    # «پیام شهردار مشهد به شهروندان: ...», «توضیح شهرداری زنجان درباره قطعی آب: ...»: a label naming what
    # was said, then who said it and to whom or about what
    said = tokens[0] in w["interview_answers"] or tokens[0] in _SAID_NOUNS
    first = tokens[1] if said else tokens[0]
    return head if first in w["role_heads"] or org_head(first) else None


def extract_statements(text: str, resolver: SpeakerResolver) -> list[tuple[Statement, Found]]:
    """Statements with resolved speakers, in text order. Zero-length ones only update the speaker."""
    out: list[tuple[Statement, Found]] = []
    for found in find_statements(text):
        speaker = _speaker_for(text, found, resolver)
        resolver.mark_said(found.start, found.end)
        if found.end <= found.start:
            continue
        quote = text[found.start : found.end].strip().strip('«»"').strip()
        if not quote:
            continue
        out.append(
            (
                Statement(
                    quote=quote,
                    speaker=speaker,
                    reporting_verb=found.verb,
                    direct=found.direct,
                    start=found.start,
                    end=found.end,
                ),
                found,
            )
        )
    _restated_headline(text, out, resolver)
    for st, _found in out:
        st.speaker = resolver.named_later(st.speaker) if st.speaker is not None else None
    return out


def _restated_headline(text: str, out: list[tuple[Statement, Found]], resolver: SpeakerResolver) -> None:
    """«شهردار همدان: میدان امام تا عید پیاده‌راه می‌شود» over a lead «عباس صوفی ... گفت: میدان امام تا عید
    پیاده‌راه می‌شود»: the title in the headline is the person who says the same in the lead (news names the
    title above and the person below). Only when the headline's title has no holder yet and the lead says
    most of the headline's words."""
    line_end = text.find("\n")
    if not out or line_end < 0:
        return
    head = out[0][0]
    if head.start > line_end or head.speaker is None or head.speaker.kind != "role":
        return
    if head.speaker.canonical_name:
        return
    said = _words(head.quote)
    for st, _found in out[1:4]:
        if st.start < line_end or st.speaker is None or st.speaker.kind != "person":
            continue
        if said and len(said & _words(st.quote)) >= 0.6 * len(said):
            resolver.link_title(head.speaker.text, st.speaker)
            return


def _words(quote: str) -> set[str]:
    return {w for w in re.split(r"[\s\u200c«»:.!؟،,]+", quote) if len(w) > 1}


def _speaker_for(text: str, found: Found, resolver: SpeakerResolver) -> Speaker | None:
    if found.speaker_start is None or found.speaker_end is None:
        return resolver.current
    phrase = speaker_phrase(text, found.speaker_start, found.speaker_end)
    if phrase is None:
        return resolver.current
    if _pluperfect(text, found):
        return resolver.resolve_aside(*phrase)
    return resolver.resolve(*phrase)


def _pluperfect(text: str, found: Found) -> bool:
    """«... پیش‌تر گفته بود»: an earlier statement recalled in passing, not the speaker the story follows."""
    if found.verb is None or found.speaker_end is None or not text.startswith(found.verb, found.speaker_end):
        return False
    return re.match(rf"ه{_SP}بود(?:ند)?(?!{_W})", text[found.speaker_end + len(found.verb) :]) is not None
