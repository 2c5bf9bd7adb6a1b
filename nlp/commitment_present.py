"""Present-tense commitment cues: a present verb given future sense by a marker or a future date
(«از امروز آغاز می‌کنیم», «تا پایان سال تمام می‌شود»), and the third-person preverb verbs that a bound
still ahead makes plans."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nlp.commitment_cues import TOKEN, Cue, CueConfig, alternation, cue_words, squeeze
from nlp.commitment_deadlines import clause_done
from nlp.commitment_forecasts import quantity_change, weather_verb
from nlp.routines import RECURRING

__all__ = ["after_word", "is_present", "judged_time", "present_cue"]


def after_word(sentence: str, m: re.Match[str], nouns: frozenset[str]) -> bool:
    """Whether the word before ``m`` is one of ``nouns``."""
    prev = sentence[: m.start()].split()
    return bool(prev) and prev[-1] in nouns


# «از ابتدای طرح تاکنون»: a marker whose period runs up to now counts what has happened (a statistic).
_SO_FAR = (
    r"(?<![\w\u200c])(?:تا[ \u200c]?کنون|تا[ \u200c]به[ \u200c](?:حال|امروز)|تا[ \u200c](?:حالا|الان|امروز))"
    r"(?![\w\u200c])"
)
_SINCE = re.compile(rf"[^،,؛:.!؟]{{0,30}}?{_SO_FAR}")
_LUNAR_BOUND = re.compile(r"(?:تا|پیش از|قبل از|بعد از|پس از)[ \u200c]")


def present_cue(
    sentence: str,
    cfg: CueConfig,
    outside: Callable[[re.Match[str]], bool],
    future: bool,
    deadline_spans: Sequence[tuple[int, int]],
    begun: Sequence[tuple[int, int]] = (),
    bounds: Sequence[tuple[int, int]] = (),
) -> tuple[Cue, bool] | None:
    """A present-tense verb given future sense by a marker or a future date in the sentence, and
    whether that marker comes before it (then it leads the sentence). A third-person verb with a preverb
    counts only with one of ``bounds`` (see ``_PREVERB_THIRD``)."""
    markers = [
        (m.start(), m.end())
        for m in cfg.markers.finditer(sentence)
        if outside(m)
        and not clause_done(sentence, m.end())
        # a lunar bound recurs yearly: in a routine («هر سال پس از ماه رمضان») it gives no future
        and not (_LUNAR_BOUND.match(m.group()) and RECURRING.search(sentence))
        and not any(s <= m.start() < e for s, e in begun)
        and not _SINCE.match(sentence, m.end())
    ]
    if not (future or markers):
        return None
    forecasts = [(f.start(), f.end()) for f in cfg.forecast.finditer(sentence)]
    # «نمی‌دانم این پروژه تا پایان سال تمام می‌شود یا نه»: what follows not knowing is no plan
    unsure = next(
        (t.start() for t in TOKEN.finditer(sentence) if squeeze(t.group()) in cfg.not_refusals), None
    )
    thirds = _preverb_thirds(sentence) if bounds else []
    found = [*cfg.present.finditer(sentence), *thirds]
    # «از اول دی ...» (see ``_takes_effect``); not after «پیش‌بینی می‌شود», which says what is expected
    starts = [
        s
        for s, _e in [*markers, *deadline_spans]
        if sentence.startswith("از", s) and not any(f < s for f, _fe in forecasts)
    ]
    verbs = [
        m
        for m in sorted(found, key=lambda v: v.start())
        if outside(m)
        and (is_present(sentence, m, cfg) or _takes_effect(sentence, m, starts))
        and not any(s <= m.start() < e for s, e in forecasts)
        and not after_word(sentence, m, cfg.opinion_nouns)
        and (unsure is None or m.start() < unsure)
        and not weather_verb(sentence, m)
        and not quantity_change(sentence, m.start(), m.end())
    ]
    if not verbs:
        return None
    triggers = [*markers, *deadline_spans]
    # The verb a marker or date comes before: in «... ستودنی است و تا مهر سال آینده ... تمام می‌شود» the
    # date gives «تمام می‌شود» its future, not the «است» of the first clause.
    timed = [v for v in verbs if any(s < v.end() for s, _e in triggers)]
    verb = timed[0] if timed else verbs[0]
    # «ساخته می‌شود و در نظر داریم تا پایان سال ...»: the date belongs to the later clause.
    leads = not triggers or bool(timed)
    negated = _NEGATIVE.match(verb.group()) is not None
    preverb = any(verb.start() == t.start() for t in thirds)
    return Cue(verb.start(), verb.end(), "commit", negated, cfg.present_confidence, preverb=preverb), leads


# «کارگران از ابتدای آذر به کار بازمی‌گردند», «طرح از اول دی به اجرا درمی‌آید»: the cue file's present tense
# takes a verb with a preverb in the first person only, as in the third it mostly describes or forecasts
# («مسافران پس از نوروز بازمی‌گردند», «به زودی فصل سرما فرامی‌رسد»). With a bound still ahead that sets it
# («از ...», «تا ...», «ظرف ...»; not «پس از ...», which only orders events) it is a plan as any present verb
# is, by an office: a member of the public's («مطمئنم تا پایان سال آب به خانه‌ها برنمی‌گردد») is a forecast
# (``complaint``). «برمی‌آید» (it appears), «برمی‌خورد» (runs into), «فرامی‌رسد» (a season comes) promise
# nothing.
_PREVERB_THIRD = re.compile(r"(?<![\w\u200c])(?:بر|در|باز|فرا|وا)ن?می[ \u200c]?\w+(?:د|ند)(?![\w\u200c])")
_PREVERB_NOT = re.compile(
    "(?:"
    + "|".join(
        rf"{preverb}ن?می[ \u200c]?(?:{alternation(stems)})"
        for preverb, stems in cue_words()["preverb_not"].items()
    )
    + ")"
)
_NEGATIVE = re.compile(r"(?:بر|در|باز|فرا|وا)?نمی")
# Before the verb in its sentence: weather («از هفته آینده هوای سرد به استان بازمی‌گردد», «موج سرما ...
# فرامی‌گیرد»: a forecast, whoever says it); a cause or a past («علت این تاخیر به کمبود بودجه ...
# برمی‌گردد»: it goes back to); a hedge or an opinion («احتمالا پیمانکار ... برمی‌گردد», «فکر می‌کنم ... آب
# بازنمی‌گردد»). None of them is an office's plan.
_FORECAST_WORDS = cue_words()["preverb_forecast"]  # ``preverb_forecast`` in data/commitment_cues.yaml
_PREVERB_FORECAST = re.compile(
    rf"(?<![\w\u200c])(?:{alternation(_FORECAST_WORDS['weather'])}"
    rf"|(?<!همین )(?<!این )(?<!به )(?:{alternation(_FORECAST_WORDS['causes'])})"
    rf"|{alternation(_FORECAST_WORDS['origins'])}|{alternation(_FORECAST_WORDS['hedges'])})(?![\w\u200c])"
)


def _preverb_thirds(sentence: str) -> list[re.Match[str]]:
    return [
        m
        for m in _PREVERB_THIRD.finditer(sentence)
        if not _PREVERB_NOT.match(m.group()) and not _PREVERB_FORECAST.search(sentence, 0, m.start())
    ]


def is_present(sentence: str, m: re.Match[str], cfg: CueConfig) -> bool:
    """Not «میلیارد», not the «است» of a perfect («کاشته شده است»), not a past imperfective."""
    word = m.group()
    if squeeze(word) in cfg.not_verbs or squeeze(word) in cfg.not_refusals:
        return False  # «نمی‌گویم ...», «نمی‌دانم ...»: saying or knowing, no act in the present
    if word in ("است", "هستند"):
        before = sentence[: m.start()].rstrip(" \u200c")
        return not _participle(before) and not _STATED.search(before) and not _JUDGED.search(before)
    return cfg.past.fullmatch(word) is None


# «مهلت ثبت نام تا جمعه است», «... تا پایان ماه است»: a bound's day or period word ending in «ه» is no
# participle; a range («ساعت کار ... از شنبه تا جمعه است») or a plain «این هفته» describes, as before.
_DAY_WORD = r"(?:(?:یک|دو|سه|چهار|پنج)?[ \u200c]?شنبه|جمعه|هفته|ماه|آینده)"
_BOUND_DAY = re.compile(rf"(?<![\w\u200c])تا[ \u200c]+(?:[^\s]+[ \u200c]+){{0,2}}?{_DAY_WORD}$")
_RANGE_DAY = re.compile(
    rf"(?<![\w\u200c])از[ \u200c]+[^\s]+[ \u200c]+تا[ \u200c]+(?:[^\s]+[ \u200c]+){{0,2}}?{_DAY_WORD}$"
)


# «زمان افتتاح پل پنجشنبه هفته آینده است», «آخرین مهلت ثبت نام ساعت ۲۴ پنجشنبه است»: a weekday said to come
# or a grace's last day ends in «ه» and is no participle; «پل کالج از ساعت ۶ تا ۱۰ شب فردا بسته است» is a
# state, as «مسدود است» is («شهرداری خیابان را بسته است», «قرارداد بسته است» are deeds done).
_COMING_WEEKDAY = re.compile(
    r"(?<![\w\u200c])(?:(?:یک|دو|سه|چهار|پنج)[ \u200c]?)?(?:شنبه|جمعه)"
    r"[ \u200c]+(?:هفته[ \u200c]+)?(?:آینده|آتی)$"
)
_GRACE_WEEKDAY = re.compile(r"(?<![\w\u200c])(?:مهلت|فرصت)(?![\w\u200c])[^،,؛:.!؟]*(?:شنبه|جمعه)$")
_CLOSED = re.compile(r"(?<![\w\u200c])(?<!قرارداد )(?<!پیمان )بسته$")
_OBJECT = re.compile(r"(?<![\w\u200c])را(?![\w\u200c])[^،,؛:.!؟]*$")


def _participle(before: str) -> bool:
    """Whether the word before «است» is a past participle («کاشته شده است»): a perfect, not a copula."""
    if re.search(r"\wه$", before) is None or _COMING_WEEKDAY.search(before) or _GRACE_WEEKDAY.search(before):
        return False
    if _CLOSED.search(before) and not _OBJECT.search(before):
        return False
    return _BOUND_DAY.search(before) is None or _RANGE_DAY.search(before) is not None


def _takes_effect(sentence: str, m: re.Match[str], starts: Sequence[int]) -> bool:
    """A stated amount or comparison that a start bound still ahead puts in force is an announced change,
    not how things stand: «کرایه تاکسی از اول دی ۲۵ هزار تومان است», «بلیت مترو از شنبه ۵۰ درصد ارزان‌تر
    است». ``starts`` are where the sentence's future «از ...» bounds begin."""
    # «از ابتدای مهر تاکنون ... کمتر از میانگین است» counts up to now, whatever the publication date
    ahead = [s for s in starts if s < m.start() and not re.search(_SO_FAR, sentence[s : m.start()])]
    if m.group() not in ("است", "هستند") or not ahead:
        return False
    before = sentence[: m.start()].rstrip(" \u200c")
    return not re.search(r"\wه$", before) and _STATED.search(before) is not None


# «بودجه عمرانی امسال ۳۰ درصد بیشتر است», «ذخایر سدها کمتر از ۳۰ درصد است», «میزان تحقق بودجه ۴۰ درصد
# است»: a copula after a comparison or an amount says how things stand, even with «امسال» or a date ahead; a
# state an office sets («خیابان ... از فردا مسدود است», «پارک ... ممنوع است») stays a plan.
_COMPARATIVE = r"(?:(?:بیش|کم|بالا|پایین|زیاد|افزون|ارزان|گران)[ \u200c]?تر|بیش)"
_AMOUNT_UNIT = r"(?:درصد|تومان|ریال|نفر|کیلومتر|متر|هکتار|تن|دستگاه|واحد|برابر)"
_STATED = re.compile(
    rf"(?<![\w\u200c])(?:{_COMPARATIVE}(?:[ \u200c]+از[ \u200c]+[^،,؛:.!؟]{{1,40}})?"
    rf"|[0-9۰-۹][0-9۰-۹/.,٫٬]*(?:[ \u200c]+(?:هزار|میلیون|میلیارد))?[ \u200c]+{_AMOUNT_UNIT})$"
)


# «نوروز فرصت خوبی برای معرفی جاذبه‌های شهر است», «تابستان زمان مناسبی برای لایروبی است»: a copula that judges
# a time a good one for something is an opinion, even with a date ahead (GUIDE: opinions are no commitments).
OPPORTUNITY = r"خوب|مناسب|طلایی|بی[ \u200c]?نظیر|ارزشمند|مغتنم|بزرگ|مهم|ویژه|استثنایی"
# «فرصت طلایی» needs no «ای»; the judgement is of the clause of the copula: «فرصت ویژه‌ای فراهم شده و ورود
# به باغ تا جمعه رایگان است» judges nothing of the free entry (the «و» starts a clause of its own).
_JUDGED = re.compile(
    rf"(?<![\w\u200c])(?:فرصت|زمان|موقعیت|وقت)[ \u200c]+(?:{OPPORTUNITY})"
    r"(?:ی|[ \u200c]?ای|(?<=یی))(?![\w\u200c])"
    r"(?:(?![ \u200c]و[ \u200c])[^،,؛:.!؟])*$"
)
_FUTURE_COPULA = re.compile(r"خواه(?:ن)?د[ \u200c]+بود(?![\w\u200c])")


def judged_time(sentence: str, cue_start: int, cue_end: int) -> bool:
    """«جشنواره هفته آینده فرصت خوبی برای کسبه خواهد بود»: a future copula that judges a time a good one
    is an opinion too, as with «است» (see ``_JUDGED``)."""
    if _FUTURE_COPULA.match(sentence, cue_start) is None:
        return False
    return _JUDGED.search(sentence[:cue_start].rstrip(" \u200c")) is not None
