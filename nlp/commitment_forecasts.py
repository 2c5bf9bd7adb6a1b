"""Forecasts that read as commitments: what the weather, a compared state or a quantity no office sets
will do («آلودگی هوا تا پایان هفته بیشتر خواهد شد», «از فردا دمای هوا کاهش می‌یابد», «سفرهای نوروزی امسال
بیشتر خواهد بود») is expected, not undertaken, whoever says it and whatever date is ahead (see the annotation
guide). ``nlp.commitment_cue_search`` and ``nlp.commitment_present`` ask these checks of each cue they find.
"""

from __future__ import annotations

import re

from nlp.commitment_cues import CueSpec, alternation, cue_words, verb_like
from nlp.dates import find_date_expressions

__all__ = ["clause_start", "comparative_forecast", "quantity_change", "quantity_forecast", "weather_verb"]


# «سفرهای نوروزی امسال بیشتر خواهد بود», «هوا سردتر خواهد بود»: a state compared, in the third person, is a
# forecast of how things will be, no one's deed (as «بیشتر می‌شود» is in the present; see the guide).
_COMPARED = re.compile(r"(?:بیش|کم|به|بد|شلوغ|خلوت|سرد|گرم|آلوده|سنگین|طولانی|زیاد)[ \u200c]?تر[ \u200c]+$")


def comparative_forecast(spec: CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """Whether a third-person «خواهد/خواهند بود» follows a comparative (see ``_COMPARED``)."""
    if spec.polarity != "commit" or not re.fullmatch(r"ن?خواه(?:د|ند)", m.group()):
        return False
    return re.match(r"\s+بود(?![\w\u200c])", sentence[m.end() :]) is not None and bool(
        _COMPARED.search(sentence, 0, m.start())
    )


# «آلودگی هوا تا پایان هفته بیشتر خواهد شد», «قیمت مسکن تا عید افزایش می‌یابد», «تعداد مسافران مترو تا پایان
# سال به ۵۰۰ هزار نفر می‌رسد»: a quantity no office sets (``quantities`` in the cue file), opening its clause,
# that rises, falls, goes on or reaches a level is a forecast, whoever says it and whatever date is ahead. An
# office's own stock («ظرفیت اتوبوس‌ها تا مهر افزایش می‌یابد») is not listed, and a first-person deed («ما ...
# آلودگی را ۱۰ درصد کاهش می‌دهیم») has its own verb.
_QUANTITY = cue_words()["quantities"]
_QUANTITY_SUBJECT = re.compile(
    rf"(?:(?:{alternation(_QUANTITY['measures'])})[ \u200c]+)?"
    rf"(?:{alternation(_QUANTITY['heads'])})(?![\w\u200c])"
)
_QUANTITY_LEAD = re.compile(rf"(?:(?:{alternation(_QUANTITY['lead'])})(?![\w\u200c])[\s،,]*)+")
_CHANGE = re.compile(rf"(?:{alternation(_QUANTITY['changes'])})$")
_REACH = re.compile(r"(?:ن?می[ \u200c]?)?رس(?:د|ند|ید)$")  # «می‌رسد», «(خواهد) رسید»
_OWN_STOCK = re.compile(rf"(?<![\w\u200c])(?:{alternation(_QUANTITY['own'])})(?![\w\u200c])")
_MEANS = re.compile(rf"(?<![\w\u200c])(?:{alternation(_QUANTITY['means'])})(?![\w\u200c])")


def quantity_forecast(spec: CueSpec, sentence: str, m: re.Match[str]) -> bool:
    """Whether a third-person «خواهد/خواهند» forecasts a quantity (see ``_QUANTITY``)."""
    if spec.polarity != "commit" or not re.fullmatch(r"ن?خواه(?:د|ند)", m.group()):
        return False
    aux = re.match(r"\s+([^\s،,.؛!؟]+)", sentence[m.end() :])
    return quantity_change(sentence, m.start(), m.end(), aux.group(1) if aux else "")


def quantity_change(sentence: str, start: int, end: int, after: str = "") -> bool:
    """Whether the verb at ``start:end`` (with ``after`` the verb a future «خواهد» takes) says a quantity of
    ``_QUANTITY`` changes: a change word right before it («افزایش می‌یابد», «بیشتر خواهد شد», «افزایش پیدا
    نمی‌کند»), «ادامه دارد», or «رسیدن» to a level."""
    verb = sentence[start:end]
    if re.search(r"(?:یم|م)$", verb):
        return False  # «... را کاهش می‌دهیم»: the office's own deed
    opens = clause_start(sentence, start)
    words = sentence[opens:start].split()
    if words and words[-1] == "پیدا":
        words = words[:-1]
    changes = verb.startswith("ادامه") or _REACH.search(after or verb) is not None
    if not (changes or (words and _CHANGE.search(words[-1]))):
        return False
    subject = _subject_of(sentence[opens:start])
    if _QUANTITY_SUBJECT.match(subject) is None or _OWN_STOCK.search(subject):
        return False
    return _MEANS.search(sentence, 0, start) is None  # «با اجرای این طرح، ترافیک ...»: the plan's target


def _subject_of(clause: str) -> str:
    """``clause`` from its subject on: without its dates and the hedges or adverbs before the subject."""
    for s, e in reversed(find_date_expressions(clause)):
        clause = clause[:s] + " " + clause[e:]
    clause = clause.strip(" \u200c،,")
    lead = _QUANTITY_LEAD.match(clause)
    return clause[lead.end() :] if lead else clause


# «قطعا بارندگی‌ها در هفته آینده بیشتر می‌شود», «از فردا دمای هوا کاهش می‌یابد»: a present verb whose clause
# has the weather for subject forecasts it, whoever says it and whatever date is ahead. The weather word
# opens the subject: at the clause's start, after an adverb or a time word; after a noun it names what a
# deed is about («طرح جمع‌آوری آب باران از هفته آینده اجرا می‌شود»). A first-person verb («با بارش برف از
# فردا معابر را برف‌روبی می‌کنیم») is a plan.
_WEATHER = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(cue_words()['preverb_forecast']['weather'])})(?![\w\u200c])"
)
_WEATHER_LEAD = re.compile(
    r"(?:^|(?<![\w\u200c])(?:قطعا|قطعاً|حتما|حتماً|احتمالا|احتمالاً|همچنین|نیز|و|آینده|آتی|فردا|امروز|امشب"
    r"|جاری|اکنون|هفته))\s*$"  # «از این هفته دمای هوا کاهش می‌یابد»
)


# «بارش برف از امشب آغاز می‌شود و شهرداری از فردا ... اجرا می‌کند»: a «و» after a verb opens a new clause
# as a comma does, when that clause names its own subject. One that, past its time words, opens with a
# preposition or with the verb's own noun goes on with the weather («باران‌ها از پنجشنبه شروع می‌شود و تا
# یکشنبه ادامه دارد», «... و در شهر ادامه می‌یابد»).
_AND_AFTER_VERB = re.compile(r"(?P<verb>[^\s،,؛:]+)\s+و\s")
_NO_SUBJECT = frozenset({"در", "به", "با", "تا", "از", "بر", "برای", "هم", "نیز", "همچنان"})


def clause_start(sentence: str, at: int) -> int:
    """Where the clause holding offset ``at`` starts: after the last comma or colon, or the last «و» that
    follows a verb and opens a clause with its own subject, before ``at``."""
    start = max(sentence.rfind(p, 0, at) for p in "،,؛:") + 1
    for m in _AND_AFTER_VERB.finditer(sentence, start, at):
        if verb_like(m["verb"]) and _own_subject(sentence[m.end() : at]):
            start = m.end()
    return start


def _own_subject(clause: str) -> bool:
    """Whether ``clause`` (up to its verb) opens with a subject of its own, past its time words."""
    for s, e in reversed(find_date_expressions(clause)):
        clause = clause[:s] + " " + clause[e:]
    toks = clause.split()
    return len(toks) > 1 and toks[0] not in _NO_SUBJECT


def weather_verb(sentence: str, verb: re.Match[str]) -> bool:
    if re.search(r"(?:یم|م)$", verb.group()):
        return False
    start = clause_start(sentence, verb.start())
    return any(
        _WEATHER_LEAD.search(sentence[start : w.start()])
        for w in _WEATHER.finditer(sentence, start, verb.start())
    )
