"""«X: ...» lines: who a headline or an interview label names as the speaker, and the «label: value»
lines of posts and notices («محل اجرا: ...», «آذر: ...») that name no one.
"""

from __future__ import annotations

import re

from nlp.speaker_words import full_name, org_head, role_head, words

# A kicker before «|» («🔴 فوری | شهردار مشهد: ...», «ویدئو | ...») labels the post; the speaker follows it.
_KICKER = r"(?:[^\s:|،]+(?:[ \u200c][^\s:|،]+){0,2}\s*\|\s*)?"


HEADLINE = re.compile(rf"^\W*{_KICKER}(?P<np>[^\s:،|]+(?:[ \u200c][^\s:،|]+){{0,3}})\s*:\s*(?P<rest>\S.*)$")


# «شهردار اصفهان در گفتگو با خبرنگار ما: ...»: a longer headline clause, taken only when it opens with a
# title or an organisation (the speaker phrase then stops at «در»).
HEADLINE_LONG = re.compile(
    rf"^\W*{_KICKER}(?P<np>[^\s:،|]+(?:[ \u200c][^\s:،|]+){{4,11}})\s*:\s*(?P<rest>\S.*)$"
)


def headline_speaker(para: str) -> tuple[int, int, int] | None:
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
        # the steps of a schedule: «مرحله اول: تخریب», «فاز دوم: ساخت»
        *("مرحله", "فاز", "گام"),
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


FINITE = re.compile(
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
    if head in _PERSON_LABELS and FINITE.search(value):
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
