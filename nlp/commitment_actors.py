"""Who acts in a commitment (the speaker, an organisation opening the action, a passive's agent, who is
asked), and whether the speaker is a member of the public, whose words bind no office.
"""

from __future__ import annotations

import re

from goftar.model import Speaker
from nlp.commitment_cues import VERB_END, Cue, alternation, cue_config, cue_words, verb_like
from nlp.speakers import words

# Predicate adjectives of a pledge the cue file does not list as cues («شهرداری متعهد است تا ...» is
# cued by its «است»): an actor stops before them as before a cue.
_PLEDGE = re.compile(rf"(?<![\w\u200c])(?:{alternation(cue_words()['pledge'])})(?![\w\u200c])")


def actor(action: str, cue: Cue, speaker: Speaker | None, cue_text: str, cue_at: int) -> str | None:
    """Who acts: the speaker for a first-person cue, else the organisation or role that opens the action.

    ``cue_at`` is where the cue starts in ``action``: the actor ends before it («شهرداری متعهد است تا
    پایان هفته ...» is by «شهرداری», not «شهرداری متعهد است تا»).
    """
    # the cue's verb is its last word: the «م» of «ملزم است» is no first person
    verb = cue_text.split()[-1] if cue_text.split() else ""
    first_person = bool(re.search(r"(?:یم|م)(?![\w\u200c])", verb)) or any(
        _we(m.group()) for m in re.finditer(r"(?<![\w\u200c])(?:ما|\w+یم)(?![\w\u200c])", action)
    )
    if first_person and speaker is not None:
        return speaker.display
    w = words()
    head = action.split(maxsplit=1)[0] if action.split() else ""
    if head in w["org_heads"] or head in w["role_heads"]:
        toks: list[str] = []
        subject = re.findall(r"\S+", action[: _predicate_start(action, cue_at)])
        for k, tok in enumerate(subject):
            # «شهرداری یک ماه فرصت دارد»: a count before a unit of time is the period, not the subject
            period = k + 1 < len(subject) and subject[k + 1] in _TIME_UNITS
            if tok in w["boundaries"] or tok in _ACTOR_STOP or len(toks) >= 4 or period:
                break
            toks.append(tok)
            if tok.endswith("ا"):
                break  # «شورا اعتبار ...»: a word in «ا» takes a modifier only as «شورای ...»
        return " ".join(toks) or None
    return _agent(action, _predicate_start(action, cue_at))


# «توسط شهرداری منطقه ۲۲ احداث خواهد شد», «از سوی شرکت واحد»: the agent of a passive («از سوی دیگر» is
# «on the other hand»).
_AGENT = re.compile(
    r"(?<![\w\u200c])(?:توسط|به[ \u200c]?وسیله|به[ \u200c]دست|از[ \u200c](?:سوی|طرف|جانب))"
    r"\s+(?!دیگر(?![\w\u200c]))"
)


# «از طرف/از جانب» a person is «on behalf of» him: someone else acts (for an organisation it is «by»).
_ON_BEHALF = re.compile(r"از[ \u200c](?:طرف|جانب)")


def _agent(action: str, predicate: int) -> str | None:
    """The agent a passive action names before its predicate, else ``None``. The word right before the
    predicate is the verb's own noun («احداث خواهد شد»), not part of the agent."""
    m = _AGENT.search(action, 0, predicate)
    if m is None:
        return None
    w = words()
    # The agent is an organisation or a title («از طرف خیابان ولیعصر», «از سوی شهروندان»
    # are a direction and the public), and a participle before the preposition makes it a modifier's agent
    # («طرح تهیه‌شده توسط دانشگاه»)
    before = action[: m.start()].split()
    if before and re.search("شده$", before[-1]):
        return None
    found = list(re.finditer(r"[^\s،,؛:]+", action[m.end() : predicate]))
    if _ON_BEHALF.match(m.group()) and found and found[0].group() in w["role_heads"]:
        return None  # «پیام تبریک از طرف شهردار ... ارسال خواهد شد»: sent on the mayor's behalf, not by him
    toks: list[str] = []
    for k, t in enumerate(found):
        tok = t.group()
        nxt = found[k + 1].group() if k + 1 < len(found) else ""
        joins = tok == "و" and nxt and nxt not in w["boundaries"] and nxt not in _ACTOR_STOP  # «حمل و نقل»
        if tok in w["boundaries"] or tok in _ACTOR_STOP or (tok == "و" and not joins) or len(toks) >= 8:
            return _org_agent(toks, w)
        if VERB_END.search(tok) or tok.startswith("می"):
            return None  # «طرحی که توسط شورا تصویب شده ...»: the agent of a relative clause
        toks.append(tok)
    return _org_agent(toks[:-1], w)


def _org_agent(toks: list[str], w: dict[str, list[str]]) -> str | None:
    """The agent read before the predicate, when it names an organisation or a title."""
    while toks and toks[-1] == "و":
        toks = toks[:-1]
    if not toks or not (toks[0] in w["org_heads"] or toks[0] in w["role_heads"]):
        return None
    return " ".join(toks)


# «تنظیم», «تصمیم»: the «تفعیل» shape of nouns ending like a first-person plural verb (the listed ones are
# ``yim_nouns`` of the cue file); a shape, so a regex, not a word list.
_TAFIL = re.compile(r"ت\w\w[یئ]م")


def _we(token: str) -> bool:
    """Whether ``token`` is «ما» or a first-person plural verb («می‌کنیم», «کردیم», «بسازیم»)."""
    plain = token.replace("\u200c", "")
    if plain == "ما" or re.match(r"ن?می", plain):
        return True
    return plain not in cue_config().yim_nouns and not _TAFIL.fullmatch(plain) and not plain.endswith("خیم")


_TIME_UNITS = frozenset(cue_words()["time_units"])
_ACTOR_STOP = frozenset(cue_words()["actor_stop"])  # words a subject never runs into


def _predicate_start(action: str, cue_at: int) -> int:
    """Where the commitment predicate begins in ``action``: the found cue, or an earlier cue word of
    the same clause («قرار است», «قول داد», «موظف است», «متعهد»), whichever comes first."""
    cfg = cue_config()
    patterns = [spec.pattern for spec in cfg.specs] + [cfg.refusal, _PLEDGE]
    starts = [m.start() for p in patterns if (m := p.search(action, 0, cue_at)) is not None]
    return min([cue_at, *starts])


# «از شهرداری می‌خواهیم ...»: a request cue names who is asked to act (see the cue file).
_REQUEST = re.compile(r"از[ \u200c](?P<who>[^،,]+?)[ \u200c](?:می[ \u200c]?خواه|درخواست|تقاضا)")


def asked(cue_text: str) -> str | None:
    m = _REQUEST.match(cue_text)
    return m["who"] if m else None


_OUR_RIGHT = re.compile(r"حق[ \u200c]ندار(?:یم|م)")


def complaint(sentence: str, cue: Cue, speaker: Speaker | None, outsider: bool = False) -> bool:
    """Whether the commitment is a member of the public's or an outside expert's, which binds no office.
    What the public will do («کسبه: تا آخر ماه مغازه‌ها را تعطیل می‌کنیم», a protest or a threat) or expects
    («مطمئنم تا پایان سال آب به خانه‌ها برنمی‌گردد»), and what an expert forecasts («کارشناسان می‌گویند قیمت
    مسکن تا پایان سال افزایش می‌یابد»), is no commitment, said in a statement or reported (see
    ``outsiders_clause``), also inside an official's statement («کارشناسان معتقدند فرونشست ... دو برابر
    می‌شود»). Their «ما حق نداریم ...» complains of a rule («یکی از ساکنان گفت: ما حق نداریم جلوی خانه
    خودمان پارک کنیم») and their assurances describe («هیچ کاری انجام نمی‌شود»); an office's («شهردار: ما
    حق نداریم ... هدر بدهیم», «هیچ پروژه‌ای رها نمی‌شود») binds itself. A hope or a demand on the city
    («امیدواریم شهرداری ...») is left as it is. ``outsider``: the article names the speaker an expert
    («علی کاظمی، تحلیلگر ...»)."""
    if cue.polarity in _THEIR_OWN and outsiders_clause(sentence, cue.start):
        return True
    if _laments_other(sentence, cue, speaker):
        return True
    if speaker is None or not (outsider or is_outsider(named(speaker))):
        return False
    return (
        cue.polarity in _THEIR_OWN
        or _OUR_RIGHT.fullmatch(sentence[cue.start : cue.end]) is not None
        or cue_config().assurance.search(sentence) is not None
    )


# «متاسفانه شهرداری پیش از بارش‌ها کانال‌ها را لایروبی نمی‌کند»: what another body fails to do, regretted.
_ALAS = re.compile(r"(?<![\w\u200c])مت[اأآ]سفانه[ \u200c،,]+(?P<who>[^\s\u200c،,]+)")


_CONTRACTORS = frozenset({"پیمانکار", "پیمانکاران"})  # the body an office's own regret is about, never itself


def _laments_other(sentence: str, cue: Cue, speaker: Speaker | None) -> bool:
    """A council member's «متاسفانه شهرداری ... نمی‌کند» complains of another body's failure and binds none; an
    office's own regret («متاسفانه پل تا پایان سال افتتاح نمی‌شود») stays its negated commitment."""
    alas = _ALAS.search(sentence, 0, cue.start)
    if alas is None or not cue.negated or cue.polarity != "commit":
        return False
    if alas["who"] not in words()["org_heads"] and alas["who"] not in _CONTRACTORS:
        return False
    said_by = named(speaker) if speaker is not None else ""
    return alas["who"].removesuffix("ی") not in said_by  # «شهرداری» regretted by «شهردار» is its own


_THEIR_OWN = ("commit", "intend")  # what the speaker will do or plans; a hope or a demand is on someone else
_PUBLIC_EXTRA = frozenset(cue_words()["public"])
# «کسبه بازار می‌گویند ...», «ساکنان محله معتقدند ...», «کارشناسان پیش‌بینی می‌کنند ...»: a clause that reports
# what the public or experts say, believe or expect (``outsiders_say`` in the cue file).
_SAYS = re.compile(rf"(?<![\w\u200c])(?:{alternation(cue_words()['outsiders_say'])})(?![\w\u200c])")
# «به گفته کارشناسان، ...», «از نظر یک اقتصاددان ...»: a clause attributed to whoever follows
# (``outsiders_by``).
_SAID_BY = re.compile(rf"(?<![\w\u200c])(?:{alternation(cue_words()['outsiders_by'])})[ \u200c]+")
# What may come before the public word at the head: «یکی از کسبه», «چند تن از اصناف», «این کاسب».
_PARTITIVE = re.compile(
    r"(?:(?:یکی|برخی|بعضی|شماری|جمعی|گروهی|تعدادی|بسیاری|عده[ \u200c]?ای|چند[ \u200c](?:نفر|تن))[ \u200c]از"
    r"|یک|این|آن|همین|همان)[ \u200c]"
)


def _head_off(name: str) -> str:
    """``name`` past a partitive at its head only («یکی از کسبه» → «کسبه»; the «یک» inside «ترافیک» stays)."""
    m = _PARTITIVE.match(name)
    return name[m.end() :] if m else name


def is_public(name: str) -> bool:
    """Whether ``name`` names members of the public («یکی از کسبه بازار», «اصناف بازار رضا», «یک کاسب»): a
    word of the public list (``public`` of the speaker words and of the cue file) at its head. After a title
    or an organisation it is what they serve («رئیس اتاق اصناف» is an official), and after a given name a
    surname («محمد بازاری», «حسن کاسب»)."""
    w = words()
    toks = _head_off(name).split()
    if _PUBLIC_PHRASE.match(_head_off(name)):
        return True  # «مشاور املاک» before the title check, which takes «مشاور» for a post
    if not toks or toks[0] in w["role_heads"] or toks[0] in w["org_heads"]:
        return False
    return toks[0] in set(w.get("public", [])) | _PUBLIC_EXTRA


_PUBLIC_PHRASE = re.compile(rf"(?:{alternation(cue_words()['public_phrases'])})(?![\w\u200c])")


_EXPERT = re.compile(rf"(?:{alternation(cue_words()['experts'])})(?![\w\u200c])")
_EXPERT_NOT = frozenset(cue_words()["expert_not"])


def is_expert(title: str) -> bool:
    """Whether ``title`` names an outside expert («یک استاد دانشگاه», «تحلیلگر بازار مسکن», «عضو هیئت علمی
    دانشگاه شیراز»), not staff of an office («کارشناس مسئول ترافیک شهرداری منطقه ۳»)."""
    rest = _head_off(title.strip())
    if rest.endswith((" و", "\u200cو")):
        return False  # «استاد دانشگاه فردوسی و»: a title cut before its «و ...» may go on to a post
    return _EXPERT.match(rest) is not None and not set(rest.split()) & _EXPERT_NOT


def is_outsider(name: str) -> bool:
    """A member of the public or an outside expert: neither binds an office. An expert's word at the head
    decides by ``is_expert`` alone: the speaker words count «کارشناس» as the public, but «کارشناسان
    شهرداری», «کارشناس ترافیک پلیس راهور» are staff."""
    if _EXPERT.match(_head_off(name.strip())):
        return is_expert(name)
    return is_public(name)


def named(speaker: Speaker) -> str:
    """Who the speaker is as the article named them: «وی» is the person it stands for."""
    return speaker.display if speaker.kind == "pronoun" else speaker.text


_PRONOUNS = frozenset({"وی", "او", "ایشان", "ایشون", "آنها", "آن‌ها"})


def titles_beside(text: str, name: str) -> list[str]:
    """The titles the article gives ``name`` where it first names them: after it, with or without a comma
    («علی کاظمی، تحلیلگر بازار مسکن، گفت», «رضا مرادی کارشناس حمل و نقل گفت»), and before it («کارشناس
    حمل و نقل رضا مرادی گفت», «کارشناس حمل و نقل، رضا مرادی، گفت»). Empty when the name is not found."""
    if not name or name in _PRONOUNS:
        return []
    found = re.search(rf"(?<![\w\u200c]){re.escape(name)}(?![\w\u200c])", text)
    if found is None:
        return []
    at = found.start()
    out: list[str] = []
    after = re.match(r"\s*[،,]?\s*([^،,:؛.!؟\n«»]+)", text[at + len(name) :])
    if after:
        out.append(after.group(1).strip())
    segments = re.split(r"[،,:؛.!؟\n«»]", text[:at])
    before = segments[-1].strip()
    if not before and len(segments) > 1 and re.search(r"[،,]\s*$", text[:at]):
        before = segments[-2].strip()  # «کارشناس حمل و نقل، رضا مرادی، گفت»
    # a clause before the name is no title («کارشناسان می‌گویند ... اما شهردار گفت»)
    if before and len(before.split()) <= 8 and not any(verb_like(t) for t in before.split()):
        out.append(before)
    return out


# «شهروندان می‌گویند با اجرای طرح، ترافیک ... بیشتر می‌شود»: the comma closes an adverbial of means, not a
# clause.
_ADVERBIAL = re.compile(r"^\s*با[ \u200c][^،,؛:]*[،,]")


def outsiders_clause(sentence: str, at: int) -> bool:
    """Whether the clause of ``at`` is what the public or experts say or expect: it follows their verb of
    saying («کارشناسان معتقدند ...») or «به گفته X،» with no clause of its own between («کارشناسان می‌گویند
    ...، اما شهرداری ... اجرا می‌کند» is the office's plan)."""
    # «کارشناسان پیش‌بینی می‌کنند ...»: the verb of saying may be the cue itself
    for m in _SAYS.finditer(sentence):
        if m.start() > at:
            break
        opens = max(sentence.rfind(p, 0, m.start()) for p in "،,:؛") + 1
        subject = _placed_off(sentence[opens : m.start()].split())
        between = _ADVERBIAL.sub("", sentence[m.end() : at], count=1)
        if 0 < len(subject) <= 5 and is_outsider(" ".join(subject)) and _one_clause(between):
            return True
    return any(_said_by_outsider(sentence[m.end() : at]) for m in _SAID_BY.finditer(sentence, 0, at))


def _placed_off(subject: list[str]) -> list[str]:
    """The subject before a place phrase: «دلالان مسکن در شهر جدید پرند» → «دلالان مسکن», so a public head
    with a long place after it is still the public; a phrase with a verb in it is a clause, left whole."""
    if "در" not in subject or any(verb_like(t) for t in subject):
        return subject
    return subject[: subject.index("در")]


def _said_by_outsider(between: str) -> bool:
    """«به گفته کارشناسان، ...», «به گفته رضا مرادی، کارشناس حمل و نقل، ...», «به گفته کارشناسان قیمت
    ...»: ``between`` runs from after «به گفته» to the cue; who is named first, with no verb, and may have a
    title."""
    parts = re.split(r"\s*[،,]\s*", between)
    if len(parts) == 1:
        return is_outsider(between) and _one_clause(between)
    who, *titles, clause = parts
    if len(titles) > 1 or len(who.split()) > 6 or any(verb_like(t) for t in who.split()):
        return False  # «به گفته کارشناسان این پل فرسوده است، ...»: a clause of its own came first
    return (is_outsider(who) or any(is_expert(t) for t in titles)) and _one_clause(clause)


def _one_clause(text: str) -> bool:
    """Whether ``text`` holds no clause break: no comma and no «و» after a verb."""
    if re.search(r"[،,؛:]", text):
        return False
    return not any(verb_like(m.group(1)) for m in re.finditer(r"(\S+)\s+و(?=\s)", text))
