"""The statements of one reporting verb: a quote before its speaker («...»، X گفت), what follows the
verb (after a colon, in quotes, after «که»), content before it («X از ... خبر داد») or before a comma
(«...، وی افزود.»), and where that content ends.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.according import ACCORDING_HEAD
from nlp.headlines import FINITE
from nlp.reporting_verbs import DEMAND_END
from nlp.speaker_subjects import subject_end
from nlp.speaker_words import full_name, org_head, role_head, words
from nlp.statement_spans import Found, sentence_start

_W = r"[\w\u200c]"
_SP = r"[ \u200c]+"


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


def content_limit(
    text: str, sentences: list[tuple[int, int]], after: int, next_verb: int | None, p_end: int
) -> int:
    """Where the content of one reporting verb ends: before the sentence of the next one."""
    if next_verb is None:
        return p_end
    start = sentence_start(sentences, next_verb)
    if start > after:
        return start
    # The next verb shares this sentence (e.g. after a closing quote: «...» X ادامه داد: ...).
    cut = max(text.rfind(ch, after, next_verb) for ch in "».!؟:”")
    joined = _next_speaker_joined(text, max(cut + 1, after), next_verb)
    if joined is not None:
        return joined
    return cut + 1 if cut >= after else after


# Words that go on with the verb before them («وعده داده شده بود»): a passive, not what was said
_AUXILIARIES = ("شد", "شده", "شدند", "بود", "بودند", "است", "اند", "گردید", "می‌شود")


# «... پل تمام شد و رئیس شورا هم گفت: ...»: «و» or a comma before another speaker's clause in the sentence
_JOIN = re.compile(r"\s+و\s+|\s*[،,؛]\s*")


def _next_speaker_joined(text: str, after: int, next_verb: int) -> int | None:
    """Where what was said before another speaker's clause in the same sentence ends: at the «و» or comma
    that joins a speaker clause to it («شهردار ساری گفت: پل تمام شد و رئیس شورا هم گفت: ...»), when the
    words from there to the next verb open with a title, an organisation, a pronoun or a full name."""
    if not text[after:next_verb].strip(" :"):
        return None
    for m in reversed(list(_JOIN.finditer(text, after, next_verb))):
        clause = text[m.end() : next_verb]
        if m.start() <= after or len(clause.split()) > 10 or re.search(r"[«»:.!؟]", clause):
            return None
        said = re.sub(r"^[\s:]*(?:که\s+)?", "", text[after : m.start()]).split()
        if len(said) < 3 or said[0] in _AUXILIARIES:
            return None  # «وعده داده شده بود، شهرداری اعلام کرد»: the first verb said nothing of its own
        if not clause.strip():
            return m.start()  # «... ساخته شد و افزود: ...»: the same speaker goes on
        if FINITE.search(clause):
            return None  # «... با سازمان پارک‌ها ساخته شد و افزود»: a verb of what was said
        if _speaker_opening(text, m.end(), next_verb, whole=False):
            return m.start()
    return None


def statement_at(
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


# The auxiliary of the past perfect after a perfect verb: «وزیر گفته بود: ...», «اعلام کرده بودند که ...»
PERFECT_AUX = re.compile(r"[ \u200c]+(?P<aux>بود(?:ند)?)(?![\w\u200c])")


def _after_verb(
    text: str, m: re.Match[str], clause_start: int, limit: int, sentences: list[tuple[int, int]]
) -> Found:
    """What the verb at ``m`` reports. Past a past-perfect «بود» («وزیر گفته بود: ...») the colon, quote or
    «که» still open it, but the statement starts at «بود»: that is how a statement made before the report is
    known (the quote itself is read without it, see ``statements.extract_statements``)."""
    aux = PERFECT_AUX.match(text, m.end(), limit) if text[m.end() - 1 : m.end()] == "ه" else None
    found = _after(text, m, aux.end() if aux else m.end(), clause_start, limit, sentences)
    if aux is None or found.end <= found.start:
        return found
    if found.start < aux.start():
        # «... از اجرای طرح فاضلاب خبر داده بود.»: what was said lies before the verb; with no «بود» to open
        # it, it would read as a new statement, so the verb only names its speaker (it gave «بود.» before)
        return replace(found, start=m.start(), end=m.start())
    return replace(found, start=aux.start("aux"))


def _after(
    text: str, m: re.Match[str], v_end: int, clause_start: int, limit: int, sentences: list[tuple[int, int]]
) -> Found:
    after = text[v_end:limit]
    lead = re.match(r"\s*(?::\s*)?(?:که\s+)?", after)
    pos = v_end + (lead.end() if lead else 0)
    colon = ":" in (lead.group() if lead else "")
    if pos < limit and text[pos] in '«"“':
        close = _closing(text, pos, limit)
        return Found(pos + 1, close if close > 0 else limit, m["verb"], True, clause_start, m.start())
    rest = text[pos:limit].strip()
    if m["verb"] == "خواستار":  # «خواستار تسریع در ... شد»: the content ends before «شد»
        end = re.search(DEMAND_END, text[pos:limit])
        if end is not None:
            return Found(pos, pos + end.start(), m["verb"], False, clause_start, m.start())
    if colon and rest:
        return Found(
            pos, _narration_start(text, sentences, pos, limit), m["verb"], True, clause_start, m.start()
        )
    if colon and not rest:
        # «شهردار منطقه ۱۲ در بازدید از بازار گفت:» ending its line names the speaker of the lines below;
        # the words after «از» are where he spoke, not what he said
        return Found(m.start(), m.start(), m["verb"], False, clause_start, m.start())
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
    return FINITE.search(said) is not None or tokens[-1].endswith(("د", "ست"))


def _speaker_opening(text: str, start: int, end: int, whole: bool = True) -> bool:
    """Whether ``text[start:end]`` can be the whole speaker clause: a title or organisation, a full name,
    or a pronoun, «این مسئول» or a name the article gave before, and nothing more. Not ``whole``: whether
    it opens with one (adverbials may follow: «رئیس شورا هم در ادامه گفت»)."""
    tokens = re.sub(r"[،,]", " ", text[start:end]).split()
    if not tokens:
        return False
    if role_head(tokens[:2]) or org_head(tokens[0]) or full_name(" ".join(tokens if whole else tokens[:2])):
        return True
    if not whole:
        return tokens[0] in words()["pronouns"]
    subject = subject_end(text, start + len(text[start:end]) - len(text[start:end].lstrip()), end)
    return subject is not None and not text[subject:end].strip(" ،,")


def _name_before_comma(text: str, clause_start: int, c: int) -> int | None:
    """The comma before a full name that ends at the comma ``c``, if the segment is one."""
    prev = max(text.rfind("،", clause_start, c), text.rfind(",", clause_start, c))
    if prev < 0 or not full_name(text[prev + 1 : c].strip()):
        return None
    return prev


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
